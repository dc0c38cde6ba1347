"""A document cut into quotable fragments, each with its page and heading path, and how to cite it.

Fragments come from the same segmenter as interview turns
(:func:`coding.segmenter.segment_many`), one paragraph at a time, so offsets are
code points into the paragraph text (end exclusive): ``paragraph.text[start:end] ==
fragment.text``. Headings are context, never fragments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coding.documents._base import Block, ParsedDocument
from texts import t


@dataclass(frozen=True)
class DocumentFragment:
    """A fragment of a document paragraph.

    Attributes:
        paragraph: Index of the paragraph among the document's paragraphs.
        start: Offset of the first character in the paragraph text.
        end: Offset after the last character (exclusive).
        text: ``paragraph_text[start:end]``.
        page: Page where the paragraph starts, ``None`` when unknown.
        headings: The heading path above the paragraph (outermost first).
    """

    paragraph: int
    start: int
    end: int
    text: str
    page: int | None
    headings: tuple[str, ...]

    @property
    def heading(self) -> str:
        """The nearest heading, or ``""``."""
        return self.headings[-1] if self.headings else ""


def segment_document(document: ParsedDocument | list[Block]) -> list[DocumentFragment]:
    """Cut every paragraph of ``document`` into fragments, keeping page and heading path."""
    from coding.segmenter import segment_many

    blocks = document.blocks if isinstance(document, ParsedDocument) else document
    paragraphs = [block for block in blocks if block.kind == "paragraph"]
    fragments: list[DocumentFragment] = []
    for index, (block, segments) in enumerate(
        zip(paragraphs, segment_many([block.text for block in paragraphs]), strict=True)
    ):
        for segment in segments:
            fragments.append(
                DocumentFragment(index, segment.start, segment.end, segment.text, block.page, block.headings)
            )
    return fragments


def page_label(page: int | None, last: int | None = None) -> str:
    """``"p. 4"`` (or ``"p. 4-5"``); ``""`` when the page is unknown."""
    if page is None:
        return ""
    if last is not None and last != page:
        return t("documents.cite.pages", first=page, last=last)
    return t("documents.cite.page", page=page)


def location(title: str, page: int | None, heading: str = "") -> str:
    """Where a fragment is, for a reader: ``"Integriteitsbeleid 2021, p. 4 — 2.1 Meldregeling"``.

    A heading that only repeats the title (a Word file whose first heading is its title) is left out.
    """
    parts = [title]
    if page is not None:
        parts.append(page_label(page))
    text = ", ".join(parts)
    same = " ".join(heading.split()).casefold() == " ".join(title.split()).casefold()
    return f"{text} — {heading}" if heading and not same else text


def source_label(title: str, when: date | int | None, page: int | None = None) -> str:
    """The source of a quote from a document, without parentheses: ``"Integriteitsbeleid provincie, 2021, p. 4"``.

    The year is left out when unknown, the page when unknown (``page=None``); a
    year already in the title is not repeated.
    """
    year = when.year if isinstance(when, date) else when
    if year is not None and str(year) in title:
        year = None
    if year is None:
        if page is None:
            return t("documents.source_undated", title=title)
        return t("documents.source_page_undated", title=title, page=page)
    if page is None:
        return t("documents.source", title=title, year=year)
    return t("documents.source_page", title=title, year=year, page=page)


def attribution(title: str, when: date | int | None, page: int | None = None) -> str:
    """The attribution of a quote from a document: ``"(Integriteitsbeleid provincie, 2021, p. 4)"``."""
    return f"({source_label(title, when, page)})"
