"""From lines of text to headings and paragraphs, with the heading path kept.

A line is a heading when one of these holds (checked in this order):

* a Markdown heading (``## Meldregeling``), level = number of ``#``;
* a numbered heading: ``1.2 Meldregeling`` or ``3. Beleid en handhaving`` (one or two
  digits per part, short, no final period), level = number of parts;
* the font says so (PDF): clearly larger than the body text, or bold, and short;
  level by font size rank;
* an ALL CAPS short line;
* a short line without final punctuation that stands alone (a blank line after it in
  plain text; followed by longer body text in a PDF without font differences).

PDF lines are joined into paragraphs: a paragraph ends at a heading, at a bullet, or at
a line that ends a sentence and is clearly shorter than the page's usual line. A word
split by a hyphen at the end of a line is joined (``vergun-`` + ``ning``) unless the
part before the hyphen has a capital (``Bibob-`` + ``onderzoek`` keeps its hyphen).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from coding.documents._base import Block

MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 12
LARGER_FONT = 1.15
"""A line whose font is this many times the body size is a heading candidate."""
SHORT_LINE = 0.8
"""A line shorter than this share of the page's usual line length may end a paragraph."""
WIDE_GAP = 1.3
"""A vertical gap this many times the page's usual line distance starts a new paragraph."""
REPEATED_SHARE = 0.5
"""A line (digits ignored) on more than this share of the pages is a running header or footer."""

_MARKDOWN_RE = re.compile(r"^(#{1,6})(?:\s+|(?=[A-ZÀ-Þ§]))([^\s#].*?)\s*#*\s*$")
_TAG_LINE_RE = re.compile(r"^\s*<[a-zA-Z!/][^<>]*>\s*$")
_NUMBERED_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$")
_BULLET_RE = re.compile(r"^\s*(?:[•●▪◦‣∙·\-–—*]|\(?[a-z0-9]{1,2}[.)])\s+")
_PAGE_NUMBER_RE = re.compile(r"^\s*(?:pagina|blz\.?|p\.)?\s*\d{1,4}(?:\s*(?:/|van)\s*\d{1,4})?\s*$", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":", ";", "”", '"', "’", ")")
_HYPHEN_RE = re.compile(r"(\w+)-$")


@dataclass
class Line:
    """One line as read from a file, with what the font says (PDF) and whether a blank line follows."""

    text: str
    page: int | None = None
    size: float | None = None
    bold: bool = False
    blank_after: bool = False
    y: float | None = None


def _words(text: str) -> int:
    return len(text.split())


def _short(text: str) -> bool:
    return len(text) <= MAX_HEADING_CHARS and _words(text) <= MAX_HEADING_WORDS


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def _heading_like(text: str) -> bool:
    """Short, starts with a letter or digit, no final period or comma."""
    stripped = text.strip()
    return (
        bool(stripped)
        and _short(stripped)
        and (stripped[0].isalnum())
        and not stripped.endswith((".", ",", ";", ":"))
        and any(char.isalpha() for char in stripped)
    )


def numbered_level(text: str) -> int:
    """Level of a numbered heading (``1.2 Meldregeling`` → 2), 0 when ``text`` is not one."""
    match = _NUMBERED_RE.match(text.strip())
    if not match or not _heading_like(text):
        return 0
    rest = match.group(2)
    if not rest[0].isupper():
        return 0
    return match.group(1).count(".") + 1


def _all_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 4 and all(char.isupper() for char in letters) and _heading_like(text)


MAX_RUNNING_CHARS = 100
"""A running header or footer is a short line."""


def _edges(lines: list[Line]) -> set[int]:
    """Indexes of the lines at the top and bottom of a page (by position when known, else by order)."""
    if lines and all(line.y is not None for line in lines):
        order = sorted(range(len(lines)), key=lambda index: lines[index].y or 0.0)
        return set(order[:2] + order[-2:])
    return set(range(min(3, len(lines)))) | set(range(max(len(lines) - 3, 0), len(lines)))


def _running_key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.strip()).lower()


def strip_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page numbers and running headers/footers: short lines at the top or bottom of a page
    that recur (digits ignored) on most pages."""
    edges = [_edges(lines) for lines in pages]
    repeated: set[str] = set()
    if len(pages) >= 3:
        seen: Counter[str] = Counter()
        for lines, edge in zip(pages, edges, strict=True):
            seen.update(
                {_running_key(lines[index]) for index in edge if len(lines[index].text.strip()) <= MAX_RUNNING_CHARS}
            )
        repeated = {key for key, count in seen.items() if key and count > REPEATED_SHARE * len(pages)}
    result = []
    for lines, edge in zip(pages, edges, strict=True):
        kept = []
        for index, line in enumerate(lines):
            short = len(line.text.strip()) <= MAX_RUNNING_CHARS
            if index in edge and short and (_PAGE_NUMBER_RE.match(line.text) or _running_key(line) in repeated):
                continue
            kept.append(line)
        result.append(kept)
    return result


def _join(previous: str, line: str) -> str:
    """Join two lines of one paragraph, undoing end-of-line hyphenation."""
    if not previous:
        return line
    match = _HYPHEN_RE.search(previous)
    if match and line[:1].islower():
        if any(char.isupper() for char in match.group(1)):
            return previous + line
        return previous[:-1] + line
    return previous + " " + line


class _Outline:
    """The heading path: a stack of (level, text)."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []

    def push(self, level: int, text: str) -> tuple[str, ...]:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        path = tuple(heading for _, heading in self.stack)
        self.stack.append((level, text))
        return path

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(heading for _, heading in self.stack)


def _body_size(lines: Iterable[Line]) -> float | None:
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.size:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _font_heading(line: Line, body: float | None) -> bool:
    if body is None or not _heading_like(line.text):
        return False
    larger = line.size is not None and line.size >= body * LARGER_FONT
    return larger or line.bold


def _size_levels(lines: list[Line], body: float | None) -> dict[float, int]:
    """Heading level per font size: the largest heading size is level 1."""
    if body is None:
        return {}
    sizes = sorted(
        {round(line.size, 1) for line in lines if line.size and line.size >= body * LARGER_FONT and _short(line.text)},
        reverse=True,
    )
    levels = {size: index + 1 for index, size in enumerate(sizes[:4])}
    return levels


def blocks_from_pdf_lines(pages: list[list[Line]]) -> list[Block]:
    """Headings and paragraphs from the lines of each page (font information optional)."""
    pages = strip_running_lines(pages)
    every = [line for lines in pages for line in lines]
    body = _body_size(every)
    font_varies = body is not None and any((line.size and abs(line.size - body) > 0.5) or line.bold for line in every)
    levels = _size_levels(every, body)
    outline = _Outline()
    blocks: list[Block] = []
    current = ""
    current_page: int | None = None

    def flush() -> None:
        nonlocal current
        if current.strip():
            blocks.append(Block("paragraph", current.strip(), current_page, 0, outline.path))
        current = ""

    for lines in pages:
        usual = sorted(len(line.text) for line in lines)
        typical = usual[int(len(usual) * 0.9)] if usual else 0
        gaps = _gaps(lines)
        if current and _ends_sentence(current):
            flush()  # a paragraph that runs on to the next page rarely breaks at a sentence end
        distance = sorted(gap for gap in gaps if gap > 0)
        leading = distance[len(distance) // 2] if distance else 0.0
        for index, line in enumerate(lines):
            text = line.text.strip()
            if not text:
                continue
            if current and leading and gaps[index] > WIDE_GAP * leading:
                flush()
            following = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
            level = _line_heading_level(line, text, following, body, font_varies, levels)
            if level:
                flush()
                outline.push(level, text)
                blocks.append(Block("heading", text, line.page, level, outline.path[:-1]))
                continue
            if _BULLET_RE.match(text) and current:
                flush()
            if not current:
                current_page = line.page
            current = _join(current, text)
            if _ends_sentence(text) and typical and len(line.text) < SHORT_LINE * typical:
                flush()
    flush()
    return blocks


def _gaps(lines: list[Line]) -> list[float]:
    """Vertical distance from the previous line (0 for the first line or when unknown)."""
    gaps = [0.0]
    for before, line in zip(lines, lines[1:], strict=False):
        if before.y is None or line.y is None:
            gaps.append(0.0)
        else:
            gaps.append(round(abs(before.y - line.y), 1))
    return gaps


def _line_heading_level(
    line: Line, text: str, following: str, body: float | None, font_varies: bool, levels: dict[float, int]
) -> int:
    numbered = numbered_level(text)
    if font_varies:
        if not _font_heading(line, body):
            return 0
        if numbered:
            return numbered
        return levels.get(round(line.size or 0.0, 1), len(levels) + 1)
    if numbered:
        return numbered
    if _all_caps(text):
        return 1
    if _heading_like(text) and text[0].isupper() and len(following) > 2 * len(text) and _words(text) <= 8:
        return 2
    return 0


def blocks_from_text(text: str, *, markdown: bool = True) -> list[Block]:
    """Headings and paragraphs of plain text: paragraphs are separated by blank lines."""
    outline = _Outline()
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in chunk.split("\n") if line.strip() and not _TAG_LINE_RE.match(line)]
        while lines:
            first = lines[0]
            level = _text_heading_level(first, alone=len(lines) == 1, markdown=markdown)
            if not level:
                break
            heading = _MARKDOWN_RE.sub(r"\2", first) if markdown else first
            outline.push(level, heading)
            blocks.append(Block("heading", heading, None, level, outline.path[:-1]))
            lines = lines[1:]
        if not lines:
            continue
        paragraph = ""
        for line in lines:
            if _BULLET_RE.match(line) and paragraph:
                blocks.append(Block("paragraph", paragraph, None, 0, outline.path))
                paragraph = ""
            paragraph = _join(paragraph, line)
        blocks.append(Block("paragraph", paragraph, None, 0, outline.path))
    return blocks


def _text_heading_level(line: str, *, alone: bool, markdown: bool) -> int:
    if markdown:
        match = _MARKDOWN_RE.match(line)
        if match:
            return len(match.group(1))
    numbered = numbered_level(line)
    if numbered:
        return numbered
    if _all_caps(line):
        return 1
    if alone and _heading_like(line) and line[0].isupper() and _words(line) <= 8:
        return 2
    return 0
