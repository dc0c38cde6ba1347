"""Plain text and Markdown documents (``.txt``, ``.md``): headings from Markdown or numbering."""

from __future__ import annotations

from coding.documents._base import DocumentError, DocumentLimits, DocumentMetadata, ParsedDocument, normalise_newlines
from coding.documents.layout import blocks_from_text

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(data: bytes, name: str) -> str:
    """Decode text: a BOM decides, else UTF-8, else Windows-1252; refuse binary data and HTML."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DocumentError("encoding", name=name) from exc
            break
    else:
        if b"\x00" in data[:4096]:
            raise DocumentError("binary", name=name)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise DocumentError("encoding", name=name) from exc
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        raise DocumentError("html", name=name)
    if any(ord(char) < 32 and char not in "\n\r\t\f" for char in text[:4096]):
        raise DocumentError("binary", name=name)
    return normalise_newlines(text).replace("\f", "\n\n")


def read_text(data: bytes, name: str, limits: DocumentLimits) -> ParsedDocument:
    """Read a plain text or Markdown document; pages are unknown.

    Raises:
        DocumentError: ``encoding``, ``binary``, ``html``, ``text_too_long`` or ``no_text``.
    """
    text = decode(data, name)
    if len(text) > limits.max_text_chars:
        raise DocumentError("text_too_long", name=name, limit=f"{limits.max_text_chars:,}".replace(",", "."))
    blocks = blocks_from_text(text, markdown=name.lower().endswith((".md", ".markdown", ".txt")))
    if not any(block.kind == "paragraph" for block in blocks):
        raise DocumentError("no_text", name=name)
    return ParsedDocument(name, "text", blocks, None, [], DocumentMetadata(), [])
