"""The contract of the document readers: what a read document looks like, its limits, its errors."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from texts import WeerbaarError

MAX_PAGES_ENV = "WEERBAAR_MAX_DOCUMENT_PAGES"


class DocumentError(WeerbaarError):
    """A document that cannot be read; ``code`` names the problem (``no_text_layer``, ``encrypted`` …).

    Every error carries ``name`` (the file name) among its values.
    """

    key_prefix = "documents.error."


@dataclass(frozen=True, kw_only=True)
class DocumentLimits:
    """What a reader accepts; anything beyond is refused with a :class:`DocumentError`.

    Attributes:
        max_bytes: Largest file; ``None`` reads ``WEERBAAR_MAX_UPLOAD_MB`` (default 20 MB).
        max_pages: Most pages in a PDF.
        max_stream_bytes: Largest decompressed PDF stream (content stream, image, font).
        max_unzipped_bytes: Largest total uncompressed size of the members of a .docx.
        max_zip_ratio: Highest compression ratio of a .docx member larger than 1 MB.
        max_text_chars: Most characters of extracted text.
        min_chars_per_page: A PDF page with fewer characters of text counts as "without text layer".
    """

    max_bytes: int | None = None
    max_pages: int = 500
    max_stream_bytes: int = 50 * 1024 * 1024
    max_unzipped_bytes: int = 100 * 1024 * 1024
    max_zip_ratio: int = 200
    max_text_chars: int = 5_000_000
    min_chars_per_page: int = 20

    def file_limit(self) -> int:
        """The file size limit in bytes."""
        if self.max_bytes is not None:
            return self.max_bytes
        from coding.transcripts import max_upload_bytes  # one setting for every upload

        return max_upload_bytes()


def default_limits() -> DocumentLimits:
    """Limits from the environment (``WEERBAAR_MAX_UPLOAD_MB``, ``WEERBAAR_MAX_DOCUMENT_PAGES``)."""
    raw = os.environ.get(MAX_PAGES_ENV, "").strip()
    if raw.isdigit() and int(raw) > 0:
        return DocumentLimits(max_pages=int(raw))
    return DocumentLimits()


@dataclass(frozen=True)
class Block:
    """A paragraph or heading of a document.

    Attributes:
        kind: ``"heading"`` or ``"paragraph"``.
        text: The text, line endings normalised, lines of one paragraph joined by spaces.
        page: Page number (1-based) where the block starts, ``None`` when unknown (Word, plain text).
        level: Heading level (1 = chapter) for headings, 0 for paragraphs.
        headings: The heading path above this block (outermost first).
    """

    kind: str
    text: str
    page: int | None
    level: int = 0
    headings: tuple[str, ...] = ()


@dataclass
class DocumentMetadata:
    """What the file says about itself; the analyst can correct every field before storing."""

    title: str = ""
    owner: str = ""
    date: dt.date | None = None
    date_source: str = ""
    version: str = ""
    kind: str = "overig"
    created: dt.date | None = None
    modified: dt.date | None = None


@dataclass
class ParsedDocument:
    """A read document: its blocks in order, its metadata and any warnings (Dutch).

    Attributes:
        filename: The file's name.
        format: ``"pdf"``, ``"docx"`` or ``"text"``.
        blocks: Headings and paragraphs in reading order.
        pages: Number of pages, ``None`` when the format has none.
        empty_pages: Pages without a text layer (PDF).
        metadata: Title, owner, date, version, kind (guessed).
        warnings: Dutch warnings for the user.
    """

    filename: str
    format: str
    blocks: list[Block]
    pages: int | None
    empty_pages: list[int] = field(default_factory=list)
    metadata: DocumentMetadata = field(default_factory=DocumentMetadata)
    warnings: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Block]:
        """The paragraphs (no headings)."""
        return [block for block in self.blocks if block.kind == "paragraph"]

    @property
    def text(self) -> str:
        """All blocks joined by blank lines (for kind guessing and search)."""
        return "\n\n".join(block.text for block in self.blocks)


def normalise_newlines(text: str) -> str:
    """Return ``text`` with CRLF, CR and Unicode line separators turned into ``"\\n"``."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def megabytes(size: int) -> str:
    """Size in MB for a Dutch message (comma decimal)."""
    value = size / 1024 / 1024
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}".replace(".", ",")
