"""Word ``.docx`` documents: paragraphs, headings from styles or outline levels, pages when known.

Headings come from the paragraph style (``Heading 1`` / ``Kop 1`` …, ``Title``) or
the paragraph's outline level; paragraphs without a heading style that look like a
numbered heading (``1.2 Meldregeling``) count too. Tables are read row by row.

A .docx has no reliable page numbers: Word writes a marker where a page started
when it last laid out the document (``w:lastRenderedPageBreak``). When those
markers are present, they give the page numbers (a paragraph's page is the page it
starts on);
otherwise pages stay unknown (``None``) and the user gets a warning, so a quote
never claims a page it cannot know.

The archive is checked before it is opened (zip bomb): total uncompressed size
and the compression ratio of every large member.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from coding.documents._base import Block, DocumentError, DocumentLimits, DocumentMetadata, ParsedDocument
from coding.documents.layout import numbered_level
from texts import t

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE_RE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.IGNORECASE)
LARGE_MEMBER = 1024 * 1024


def check_archive(data: bytes, name: str, limits: DocumentLimits) -> None:
    """Refuse a .docx that is not a zip, or that would unpack beyond the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError("corrupt_docx", name=name) from exc
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > limits.max_unzipped_bytes or (member.file_size > LARGE_MEMBER and ratio > limits.max_zip_ratio):
            raise DocumentError("zip_bomb", name=name, limit_mb=limits.max_unzipped_bytes // (1024 * 1024))
    if "word/document.xml" not in {member.filename for member in members}:
        raise DocumentError("corrupt_docx", name=name)


def read_docx(data: bytes, name: str, limits: DocumentLimits) -> ParsedDocument:
    """Read a Word document.

    Args:
        data: The file's bytes (already checked against the file size limit).
        name: File name, for messages.
        limits: Zip and text limits.

    Returns:
        The document; ``pages`` is ``None`` unless Word's page markers are present.

    Raises:
        DocumentError: ``corrupt_docx``, ``zip_bomb``, ``text_too_long`` or ``no_text``.
    """
    check_archive(data, name, limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        styles = _style_levels(document)
        rendered = any(True for _ in body.iter(f"{W}lastRenderedPageBreak"))
        paragraphs = list(_paragraphs(body, styles, rendered))
        core = document.core_properties
    except DocumentError:
        raise
    except Exception as exc:  # python-docx and lxml raise many error types for a damaged file
        raise DocumentError("corrupt_docx", name=name) from exc
    if sum(len(text) for text, _, _ in paragraphs) > limits.max_text_chars:
        raise DocumentError("text_too_long", name=name, limit=f"{limits.max_text_chars:,}".replace(",", "."))
    blocks = _blocks(paragraphs)
    if not any(block.kind == "paragraph" for block in blocks):
        raise DocumentError("no_text", name=name)
    pages = max((block.page or 0 for block in blocks), default=0) if rendered else None
    warnings = [] if rendered else [t("documents.warning.no_pages")]
    metadata = DocumentMetadata(
        title=(core.title or "").strip(),
        owner=(core.author or "").strip(),
        version=(core.version or "").strip(),
        created=_day(core.created),
        modified=_day(core.modified),
    )
    return ParsedDocument(name, "docx", blocks, pages, [], metadata, warnings)


def _day(value: datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else None


def _style_levels(document: Any) -> dict[str, int]:
    """Heading level per style id, from the style's name or its outline level."""
    levels: dict[str, int] = {}
    for style in document.styles.element.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId") or ""
        name_el = style.find(f"{W}name")
        style_name = (name_el.get(f"{W}val") if name_el is not None else "") or ""
        match = _HEADING_STYLE_RE.match(style_name.strip()) or _HEADING_STYLE_RE.match(style_id)
        outline = style.find(f"{W}pPr/{W}outlineLvl")
        if match:
            levels[style_id] = int(match.group(1))
        elif style_name.lower() == "title" or style_id.lower() in ("title", "titel"):
            levels[style_id] = 1
        elif outline is not None and (outline.get(f"{W}val") or "").isdigit() and int(outline.get(f"{W}val") or 9) < 9:
            levels[style_id] = int(outline.get(f"{W}val") or 0) + 1
    return levels


def _paragraphs(body: Any, styles: dict[str, int], rendered: bool) -> Iterator[tuple[str, int, int | None]]:
    """(text, heading level or 0, page or None) per paragraph, tables row by row."""
    page = 1
    for element in body.iterchildren():
        if element.tag == f"{W}p":
            text, level, before, after = _paragraph(element, styles)
            page += before
            yield text, level, page if rendered else None
            page += after
        elif element.tag == f"{W}tbl":
            for row in element.iter(f"{W}tr"):
                cells = []
                for cell in row.iter(f"{W}tc"):
                    cell_text = " ".join(_paragraph(p, styles)[0] for p in cell.iter(f"{W}p")).strip()
                    if cell_text:
                        cells.append(cell_text)
                page += sum(1 for _ in row.iter(f"{W}lastRenderedPageBreak"))
                if cells:
                    yield " | ".join(cells), 0, page if rendered else None


def _paragraph(element: Any, styles: dict[str, int]) -> tuple[str, int, int, int]:
    """The text of a paragraph, its heading level, and the pages Word started before and inside it."""
    pieces: list[str] = []
    before = after = 0
    for node in element.iter():
        tag = node.tag
        if tag == f"{W}t":
            pieces.append(node.text or "")
        elif tag == f"{W}tab":
            pieces.append("\t")
        elif tag == f"{W}br" and node.get(f"{W}type") != "page":
            pieces.append("\n")
        elif tag == f"{W}lastRenderedPageBreak":
            if "".join(pieces).strip():
                after += 1
            else:
                before += 1
    level = 0
    style = element.find(f"{W}pPr/{W}pStyle")
    if style is not None:
        level = styles.get(style.get(f"{W}val") or "", 0)
    outline = element.find(f"{W}pPr/{W}outlineLvl")
    if not level and outline is not None and (outline.get(f"{W}val") or "").isdigit():
        value = int(outline.get(f"{W}val") or 9)
        level = value + 1 if value < 9 else 0
    text = " ".join("".join(pieces).split())
    if not level:
        level = numbered_level(text)
    return text, level, before, after


def _blocks(paragraphs: list[tuple[str, int, int | None]]) -> list[Block]:
    stack: list[tuple[int, str]] = []
    blocks: list[Block] = []
    for text, level, page in paragraphs:
        if not text:
            continue
        if level:
            while stack and stack[-1][0] >= level:
                stack.pop()
            blocks.append(Block("heading", text, page, level, tuple(h for _, h in stack)))
            stack.append((level, text))
        else:
            blocks.append(Block("paragraph", text, page, 0, tuple(h for _, h in stack)))
    return blocks
