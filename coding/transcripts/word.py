"""Word (.docx) transcripts: paragraphs and tables in document order, straight from the XML."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from typing import Any

from coding import safezip
from coding.transcripts.base import (
    _HEADER_WORDS,
    MIN_LABEL_COUNT,
    ROLE_LABELS,
    TranscriptError,
    _clean_line,
    _plausible_label,
    clean_label,
)
from coding.transcripts.lines import _BARE_TS_RE
from texts import t

XmlElement = Any
"""An lxml element of the docx XML (python-docx's oxml); lxml ships no type hints."""

DOCX_MAX_UNCOMPRESSED = 100 * 1024 * 1024
"""A .docx unpacks to at most 100 MB (a long transcript's document.xml is a few MB)."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP_ANCESTORS = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent"}
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_lines(data: bytes, name: str, warnings: list[str]) -> tuple[list[str], set[str]]:
    """Read a .docx into text lines for the line parser, plus labels known from bold runs or tables.

    python-docx opens and validates the package, but its ``Paragraph.text`` and
    ``runs`` skip runs inside tracked insertions (``w:ins``), which loses whole
    sentences in reviewed transcripts. So text is taken from the XML here:
    ``w:t`` outside deletions, tabs and breaks kept; comments live in
    ``word/comments.xml`` and are never read.
    """
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # Word saves password-protected files as an OLE container holding an
        # EncryptedPackage stream; any other OLE file is a legacy .doc.
        if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data:
            raise TranscriptError("docx_encrypted", filename=name)
        raise TranscriptError("docx_legacy", filename=name)
    import docx  # imported here: only .docx imports need it

    try:
        with safezip.open_archive(data, name, max_total=DOCX_MAX_UNCOMPRESSED) as archive:
            safezip.verify(archive, name, limit=DOCX_MAX_UNCOMPRESSED)
            names = set(archive.namelist())
    except safezip.ZipLimitError as exc:
        if exc.code == "corrupt":
            raise TranscriptError("docx_corrupt", filename=name) from exc
        raise TranscriptError("zip", message=exc.message()) from exc
    try:
        if "word/document.xml" not in names:
            raise TranscriptError("docx_corrupt", filename=name)
        document = docx.Document(io.BytesIO(data))
    except TranscriptError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own error types
        raise TranscriptError("docx_corrupt", filename=name) from exc

    if "word/comments.xml" in names:
        comments = sum(1 for _ in document.element.body.iter(f"{_W}commentReference"))
        if comments:
            warnings.append(t("transcripts.warning.docx_comments", count=comments))
    if next(document.element.body.iter(f"{_W}delText"), None) is not None:
        warnings.append(t("transcripts.warning.docx_deleted"))

    paragraphs: list[list[tuple[str, bool]]] = []
    tables: dict[int, list[str]] = {}
    known: set[str] = set()
    for element in _body_blocks(document.element.body):
        if element.tag == f"{_W}tbl":
            table_lines, table_speakers = _table_lines(element)
            tables[len(paragraphs)] = table_lines
            known.update(table_speakers)
            paragraphs.append([])
        else:
            paragraphs.append(_runs(element))

    bold_labels = _bold_labels(paragraphs)
    lines: list[str] = []
    for index, runs in enumerate(paragraphs):
        if index in tables:
            lines.append("")
            for line in tables[index]:
                lines.extend([*line.split("\n"), ""])
            continue
        text = "".join(text for text, _ in runs)
        label, rest = _bold_split(runs)
        if label is not None and label.casefold() in bold_labels:
            known.add(label)
            lines.append(f"{label}: {rest}" if rest else label)
            continue
        lines.extend(text.split("\n"))
    return lines, known


def _body_blocks(body: XmlElement) -> Iterator[XmlElement]:
    """Yield paragraphs and tables in order, descending into content controls."""
    for child in body:
        tag = child.tag
        if tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _body_blocks(child)


def _visible(element: XmlElement) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in _SKIP_ANCESTORS or parent.tag == _FALLBACK:
            return False
        parent = parent.getparent()
    return True


def _runs(paragraph: XmlElement) -> list[tuple[str, bool]]:
    """(text, bold) per run of a paragraph, including tracked insertions, excluding deletions."""
    runs: list[tuple[str, bool]] = []
    for run in paragraph.iter(f"{_W}r"):
        if not _visible(run):
            continue
        parts: list[str] = []
        for child in run:
            if child.tag == f"{_W}t":
                parts.append(child.text or "")
            elif child.tag in (f"{_W}tab", f"{_W}ptab"):
                parts.append("\t")
            elif child.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif child.tag == f"{_W}noBreakHyphen":
                parts.append("-")
        if parts:
            runs.append(("".join(parts), _is_bold(run)))
    return runs


def _is_bold(run: XmlElement) -> bool:
    properties = run.find(f"{_W}rPr")
    if properties is None:
        return False
    bold = properties.find(f"{_W}b")
    if bold is not None:
        return bold.get(f"{_W}val", "true").lower() not in ("0", "false", "off")
    style = properties.find(f"{_W}rStyle")
    return style is not None and style.get(f"{_W}val", "").lower() in ("strong", "zwaar", "bold")


def _bold_split(runs: list[tuple[str, bool]]) -> tuple[str | None, str]:
    """Split a paragraph whose leading run(s) are bold into (label, rest)."""
    head: list[str] = []
    index = 0
    while index < len(runs) and (runs[index][1] or not runs[index][0].strip()):
        if runs[index][0].strip() or head:
            head.append(runs[index][0])
        index += 1
    if not head:
        return None, ""
    label = "".join(head).strip()
    rest = "".join(text for text, _ in runs[index:])
    colon = label.endswith(":") or rest.lstrip().startswith(":")
    label = clean_label(label.rstrip(":").strip().strip("*"))
    if not _plausible_label(label) or len(label) > 40 or (not rest.strip() and label.endswith((".", "?", "!"))):
        return None, ""
    rest = rest.lstrip().removeprefix(":").strip() if colon else rest.strip()
    return label, _clean_line(rest.replace("\n", " "))


def _bold_labels(paragraphs: list[list[tuple[str, bool]]]) -> set[str]:
    """Bold leading labels that recur (or end in a colon) count as speakers."""
    counts: Counter[str] = Counter()
    colon: set[str] = set()
    for runs in paragraphs:
        label, _ = _bold_split(runs)
        if label is None:
            continue
        counts[label.casefold()] += 1
        head = "".join(text for text, bold in runs if bold)
        if head.rstrip().endswith(":") or label.casefold() in ROLE_LABELS:
            colon.add(label.casefold())
    return {label for label, count in counts.items() if count >= MIN_LABEL_COUNT} | colon


def _table_lines(table: XmlElement) -> tuple[list[str], set[str]]:
    """Read a table as ``Naam: tekst`` lines when it is a speaker | text table.

    The speaker column is the column of short label-like cells with repeated
    values; the text column is the one with the longest cells; a column of
    timestamps becomes a ``[00:01:02]`` prefix. Other tables (metadata) become
    one line per row.
    """
    rows: list[list[str]] = []
    for row in table.iter(f"{_W}tr"):
        cells = []
        for cell in row.iter(f"{_W}tc"):
            texts = ["".join(text for text, _ in _runs(p)) for p in cell.iter(f"{_W}p")]
            cells.append("\n".join(_clean_line(text) for text in texts if _clean_line(text)))
        if any(cells):
            rows.append(cells)
    if rows and all(cell.strip().rstrip(":").casefold() in _HEADER_WORDS for cell in rows[0] if cell.strip()):
        rows = rows[1:]
    width = max((len(row) for row in rows), default=0)
    if not rows or width < 2:
        return [cell for row in rows for cell in row], set()

    def column(index: int) -> list[str]:
        return [row[index] if index < len(row) else "" for row in rows]

    time_col = next((i for i in range(width) if all(_BARE_TS_RE.match(c) or not c for c in column(i))), None)
    lengths = {i: sum(len(c) for c in column(i)) for i in range(width) if i != time_col}
    text_col = max(lengths, key=lambda i: lengths[i])
    speaker_col = next(
        (
            i
            for i in range(width)
            if i not in (time_col, text_col) and all(_plausible_label(c.rstrip(":")) or not c for c in column(i))
        ),
        None,
    )
    if speaker_col is not None:
        speakers = [c.rstrip(":").strip() for c in column(speaker_col) if c]
        repeated = len(set(speakers)) < len(speakers) or any(s.casefold() in ROLE_LABELS for s in speakers)
        if speakers and repeated:
            lines = []
            for row in rows:
                speaker = row[speaker_col].rstrip(":").strip().replace(":", " ") if speaker_col < len(row) else ""
                text = row[text_col] if text_col < len(row) else ""
                stamp = row[time_col] if time_col is not None and time_col < len(row) else ""
                prefix = f"[{stamp.strip('[]() ')}] " if stamp else ""
                lines.append(f"{prefix}{speaker}: {text}" if speaker else text)
            return lines, set(speakers)
    return [" ".join(cell for cell in row if cell) for row in rows], set()
