"""PDF documents: the text layer via pypdf, with page numbers and font-based headings.

Refused (a :class:`DocumentError`): a file that is not a PDF or is damaged
(``corrupt_pdf``), one that needs a password to open (``encrypted``; a PDF
encrypted with an empty user password, i.e. only restricted in printing or
copying, opens as usual and gets a warning), more pages than the limit
(``too_many_pages``), a stream that decompresses beyond the limit
(``stream_too_large``), too much text (``text_too_long``) and a PDF where no page
has a text layer (``no_text_layer``: "geen tekstlaag; OCR nodig"). Pages without
text in an otherwise readable PDF are listed in a warning.
"""

from __future__ import annotations

import io
import logging
import math
from datetime import date
from typing import Any

from coding.documents._base import Block, DocumentError, DocumentLimits, DocumentMetadata, ParsedDocument
from coding.documents.layout import Line, blocks_from_pdf_lines
from texts import t

logger = logging.getLogger(__name__)


def read_pdf(data: bytes, name: str, limits: DocumentLimits) -> ParsedDocument:
    """Read a PDF's text layer.

    Args:
        data: The file's bytes (already checked against the file size limit).
        name: File name, for messages.
        limits: Page, stream and text limits.

    Returns:
        The document with headings and paragraphs per page.

    Raises:
        DocumentError: See the module docstring.
    """
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PyPdfError

    warnings: list[str] = []
    stream_limits = {
        "zlib_maximum_output_length": limits.max_stream_bytes,
        "lzw_maximum_output_length": limits.max_stream_bytes,
        "run_length_maximum_output_length": limits.max_stream_bytes,
        "jbig2_maximum_output_length": limits.max_stream_bytes,
        "array_based_stream_maximum_output_length": limits.max_stream_bytes,
        "maximum_declared_stream_length": limits.max_stream_bytes,
    }
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise DocumentError("corrupt_pdf", name=name)
    try:
        with pypdf.apply_configuration(None, **stream_limits):
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                # pypdf tried the empty user password; without it no page can be read
                try:
                    _ = reader.pages[0].get_contents() if len(reader.pages) else None
                except (FileNotDecryptedError, DependencyError) as exc:
                    raise DocumentError("encrypted", name=name) from exc
                warnings.append(t("documents.warning.empty_password", name=name))
            count = len(reader.pages)
            if count > limits.max_pages:
                raise DocumentError("too_many_pages", name=name, pages=count, limit=limits.max_pages)
            pages, empty = _pages(reader, name, limits)
            metadata = _metadata(reader)
    except DocumentError:
        raise
    except LimitReachedError as exc:
        raise DocumentError("stream_too_large", name=name, limit_mb=limits.max_stream_bytes // (1024 * 1024)) from exc
    except (FileNotDecryptedError, DependencyError) as exc:
        raise DocumentError("encrypted", name=name) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError) as exc:
        # pypdf raises many kinds of errors for a damaged file
        logger.info("unreadable PDF %s: %r", name, exc)
        raise DocumentError("corrupt_pdf", name=name) from exc
    if count == 0 or len(empty) == count:
        raise DocumentError("no_text_layer", name=name)
    if empty:
        warnings.append(t("documents.warning.partial_scan", pages=", ".join(str(page) for page in empty)))
    blocks: list[Block] = blocks_from_pdf_lines(pages)
    return ParsedDocument(name, "pdf", blocks, count, empty, metadata, warnings)


def _pages(reader: Any, name: str, limits: DocumentLimits) -> tuple[list[list[Line]], list[int]]:
    pages: list[list[Line]] = []
    empty: list[int] = []
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        lines = _page_lines(page, number)
        chars = sum(len(line.text.strip()) for line in lines)
        total += chars
        if total > limits.max_text_chars:
            raise DocumentError("text_too_long", name=name, limit=f"{limits.max_text_chars:,}".replace(",", "."))
        if chars < limits.min_chars_per_page:
            empty.append(number)
        pages.append(lines)
    return pages, empty


def _scale(matrix: Any) -> float:
    try:
        value = math.hypot(float(matrix[2]), float(matrix[3]))
    except (TypeError, ValueError, IndexError):
        return 1.0
    return value or 1.0


def _y(cm: Any, tm: Any) -> float | None:
    """The vertical page position of text drawn with text matrix ``tm`` under ``cm``."""
    try:
        return float(tm[4]) * float(cm[1]) + float(tm[5]) * float(cm[3]) + float(cm[5])
    except (TypeError, ValueError, IndexError):
        return None


def _page_lines(page: Any, number: int) -> list[Line]:
    """The page's lines, each with its dominant font size and whether it is mostly bold."""
    lines: list[Line] = []
    parts: list[tuple[str, float, bool]] = []
    position: list[float | None] = [None]

    def finish() -> None:
        text = "".join(part for part, _, _ in parts).strip()
        if text:
            weight: dict[float, int] = {}
            bold_chars = 0
            for part, size, bold in parts:
                weight[size] = weight.get(size, 0) + len(part.strip())
                bold_chars += len(part.strip()) if bold else 0
            size = max(weight, key=lambda key: weight[key])
            bold = bold_chars * 2 > len(text.replace(" ", ""))
            lines.append(Line(text, number, size, bold, y=position[0]))
        parts.clear()
        position[0] = None

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not text:
            return
        base = str(font.get("/BaseFont", "")) if font else ""
        bold = any(mark in base.lower() for mark in ("bold", "black", "heavy", "semibold"))
        effective = round(float(size or 0) * _scale(tm) * _scale(cm), 1)
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if piece:
                if position[0] is None:
                    position[0] = _y(cm, tm)
                parts.append((piece, effective, bold))
            if index < len(pieces) - 1:
                finish()

    page.extract_text(visitor_text=visit)
    finish()
    return lines


def _pdf_date(value: Any) -> date | None:
    raw = str(value or "").strip()
    if raw.startswith("D:"):
        raw = raw[2:]
    try:
        return date(int(raw[0:4]), int(raw[4:6] or 1), int(raw[6:8] or 1))
    except (ValueError, IndexError):
        return None


def _metadata(reader: Any) -> DocumentMetadata:
    try:
        info = reader.metadata or {}
    except Exception:  # a damaged info dictionary must not refuse a readable document
        info = {}
    title = str(info.get("/Title") or "").strip()
    if title in ("(unspecified)", "untitled", "Untitled"):
        title = ""
    author = str(info.get("/Author") or "").strip()
    if author == "(anonymous)":
        author = ""
    return DocumentMetadata(
        title=title,
        owner=author,
        created=_pdf_date(info.get("/CreationDate")),
        modified=_pdf_date(info.get("/ModDate")),
    )
