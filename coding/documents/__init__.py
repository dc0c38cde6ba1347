"""The document study: policies read as sources (PDF, Word, text) and the checklist of instruments.

``read_document`` reads a file into headings and paragraphs with pages, fills in its
metadata (title, owner, date, version, kind) and refuses bad input with a
:class:`DocumentError`; ``segment_document`` cuts it into fragments;
:mod:`coding.documents.checklist` proposes which instruments are there.
"""

from __future__ import annotations

from pathlib import Path

from coding.documents._base import (
    Block,
    DocumentError,
    DocumentLimits,
    DocumentMetadata,
    ParsedDocument,
    default_limits,
    megabytes,
)
from coding.documents.fragments import (
    DocumentFragment,
    attribution,
    location,
    page_label,
    segment_document,
    source_label,
)
from coding.documents.metadata import complete_metadata

PDF_SUFFIXES = (".pdf",)
DOCX_SUFFIXES = (".docx",)
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
SUFFIXES = PDF_SUFFIXES + DOCX_SUFFIXES + TEXT_SUFFIXES

__all__ = [
    "SUFFIXES",
    "Block",
    "DocumentError",
    "DocumentFragment",
    "DocumentLimits",
    "DocumentMetadata",
    "ParsedDocument",
    "attribution",
    "default_limits",
    "location",
    "page_label",
    "read_document",
    "read_document_file",
    "segment_document",
    "source_label",
]


def read_document(data: bytes, filename: str, *, limits: DocumentLimits | None = None) -> ParsedDocument:
    """Read a policy document (PDF, .docx, .txt/.md) into blocks with pages and metadata.

    Args:
        data: The file's bytes.
        filename: Its name; the suffix decides the reader (a PDF is also recognised by its bytes).
        limits: What is accepted; default :func:`default_limits`.

    Returns:
        The document, its metadata completed from the file and its text.

    Raises:
        DocumentError: The file is refused; ``.message()`` says why, in Dutch.
    """
    limits = limits or default_limits()
    name = Path(filename).name or filename
    if not data or not data.strip():
        raise DocumentError("empty", name=name)
    limit = limits.file_limit()
    if len(data) > limit:
        raise DocumentError("too_large", name=name, size_mb=megabytes(len(data)), limit_mb=megabytes(limit))
    suffix = Path(name).suffix.lower()
    if suffix in PDF_SUFFIXES or data[:5] == b"%PDF-":
        from coding.documents.pdf import read_pdf

        document = read_pdf(data, name, limits)
    elif suffix in DOCX_SUFFIXES:
        from coding.documents.word import read_docx

        document = read_docx(data, name, limits)
    elif suffix == ".doc":
        raise DocumentError("legacy_doc", name=name)
    elif suffix in TEXT_SUFFIXES:
        from coding.documents.plain import read_text

        document = read_text(data, name, limits)
    else:
        raise DocumentError("unsupported", name=name)
    complete_metadata(document)
    return document


def read_document_file(path: str | Path, *, limits: DocumentLimits | None = None) -> ParsedDocument:
    """Read a document from disk (see :func:`read_document`)."""
    path = Path(path)
    limits = limits or default_limits()
    try:
        size = path.stat().st_size
        if size > limits.file_limit():
            raise DocumentError(
                "too_large", name=path.name, size_mb=megabytes(size), limit_mb=megabytes(limits.file_limit())
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError("not_found", name=str(path)) from exc
    return read_document(data, path.name, limits=limits)
