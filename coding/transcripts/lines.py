"""The line parser of text transcripts (and of a docx's paragraphs), and merging units into turns."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from coding.transcripts.base import (
    _FILLER_LINES,
    _TS,
    MIN_LABEL_COUNT,
    ROLE_LABELS,
    UNLABELLED_GAP_MS,
    UNLABELLED_TURN_CHARS,
    ParsedTurn,
    _clean_line,
    _plausible_label,
    _to_ms,
    _Unit,
    clean_label,
)
from texts import t

_PREFIX_RE = re.compile(
    rf"^[ \t]{{0,3}}(?:[\[(](?P<ts>{_TS})[\])][ \t]*)?"
    r"[*_]{0,3}(?P<label>[^\s:*_\[\]<>#|][^:\n]{0,60}?)[*_]{0,3}[ \t]*:[*_]{0,4}(?:[ \t]+(?P<text>.*))?$"
)
_LABEL_TS_RE = re.compile(rf"\s*[\[(](?P<ts>{_TS})[\])]$")
_RANGE_RE = re.compile(rf"^\s*[\[(]?(?P<a>{_TS})[\])]?\s*(?:-->|->|–|—|-|tot|to)\s*[\[(]?(?P<b>{_TS})[\])]?\s*$")
_BARE_TS_RE = re.compile(rf"^\s*[\[(]?(?P<a>{_TS})[\])]?\s*$")
_TEAMS_HEADER_RE = re.compile(r"^(?P<name>\S.*?)\s{2,}(?P<a>\d{1,2}(?::\d{2}){1,2})\s*$")
_TEAMS_DURATION_RE = re.compile(
    r"^(?P<name>\S.*?)\s+(?:(?P<h>\d+)\s+(?:hours?|uur|uren)\s+)?"
    r"(?:(?P<m>\d+)\s+(?:minutes?|minuten|minuut)\s+)?(?P<s>\d+)\s+(?:seconds?|seconden|seconde)\s*$",
    re.IGNORECASE,
)
_EVENT_RE = re.compile(
    r"^.{1,60}?\s+(?:started|stopped)\s+transcription$"
    r"|^.{1,60}?\s+heeft\s+(?:de\s+)?transcriptie\s+(?:gestart|gestopt|beëindigd)$",
    re.IGNORECASE,
)
_CHAT_RE = re.compile(
    r"^\[(?:[A-Za-z]+day|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)?\s*"
    r"\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?\]\s+\S.*$"
)
_HEADING_RE = re.compile(r"^#{1,6}\s|^[-=_*\s]{3,}$")


def _prefix(line: str) -> tuple[str, str, int | None] | None:
    """Split ``Naam: tekst`` (also ``***I:***``, ``[00:01:02] Jan:``) into label, text, start."""
    match = _PREFIX_RE.match(line)
    if not match:
        return None
    label = clean_label(match["label"])
    start = _to_ms(match["ts"]) if match["ts"] else None
    stamp = _LABEL_TS_RE.search(label)
    if stamp:
        start = _to_ms(stamp["ts"])
        label = label[: stamp.start()].strip()
    if not _plausible_label(label):
        return None
    return label, _clean_line(match["text"] or ""), start


def _alone_label(line: str) -> str | None:
    """A line that could be a speaker label on its own ("INTERVIEWER", "Team Room 40/3125 (8)")."""
    label = _clean_line(line).strip("*_").strip()
    if not _plausible_label(label) or len(label) > 40 or label.endswith((":", "…")):
        return None
    if label.lower() in _FILLER_LINES or _BARE_TS_RE.match(label) or label.startswith(("[", "(", "<", "#")):
        return None
    return label


@dataclass
class _Line:
    kind: str  # blank, text, prefix, alone, header, range, bare_ts, event, chat, heading
    raw: str
    label: str | None = None
    text: str = ""
    start_ms: int | None = None
    end_ms: int | None = None


def _classify(lines: list[str], known: set[str]) -> list[_Line]:
    """Classify each line and decide which labels count as speakers."""
    out: list[_Line] = []
    for raw in lines:
        line = raw.rstrip()
        clean = _clean_line(line)
        if not clean:
            out.append(_Line("blank", raw))
            continue
        if match := _RANGE_RE.match(clean):
            out.append(_Line("range", raw, start_ms=_to_ms(match["a"]), end_ms=_to_ms(match["b"])))
            continue
        if match := _BARE_TS_RE.match(clean):
            out.append(_Line("bare_ts", raw, start_ms=_to_ms(match["a"])))
            continue
        if _EVENT_RE.match(clean):
            out.append(_Line("event", raw, text=clean))
            continue
        if _CHAT_RE.match(clean):
            out.append(_Line("chat", raw))
            continue
        if _HEADING_RE.match(clean):
            out.append(_Line("heading", raw, text=clean))
            continue
        if (match := _TEAMS_HEADER_RE.match(line.strip())) and _plausible_label(match["name"]):
            out.append(_Line("header", raw, label=_clean_line(match["name"]), start_ms=_to_ms(match["a"])))
            continue
        if (match := _TEAMS_DURATION_RE.match(clean)) and _plausible_label(match["name"]):
            seconds = (int(match["h"] or 0) * 60 + int(match["m"] or 0)) * 60 + int(match["s"])
            out.append(_Line("header", raw, label=_clean_line(match["name"]), start_ms=seconds * 1000))
            continue
        if (found := _prefix(line)) is not None:
            label, text, start = found
            out.append(_Line("prefix", raw, label=label, text=text, start_ms=start))
            continue
        out.append(_Line("text", raw, text=clean))

    _accept_prefix_labels(out, known)
    _accept_alone_labels(out, known)
    _accept_colonless_labels(out)
    return out


def _accept_prefix_labels(out: list[_Line], known: set[str]) -> None:
    """Keep ``Naam:`` prefixes whose label recurs, is a role or is known; else plain text."""
    prefixed = [line for line in out if line.kind == "prefix"]
    counts = Counter((line.label or "").casefold() for line in prefixed)
    known_folded = {label.casefold() for label in known}
    after_time = {id(line) for before, line in zip(out, out[1:], strict=False) if before.kind in ("range", "bare_ts")}
    for line in prefixed:
        folded = (line.label or "").casefold()
        if not (
            counts[folded] >= MIN_LABEL_COUNT
            or folded in ROLE_LABELS
            or folded in known_folded
            or id(line) in after_time  # "00:00:10 - 00:00:12" then "Piet: ..." is a turn
        ):
            line.kind, line.label, line.text = "text", None, _clean_line(line.raw)
    # Teams' "Naam   1:34" headers are a layout only when they recur ("Duration   1:10" is metadata).
    headers = [line for line in out if line.kind == "header"]
    if len(headers) < MIN_LABEL_COUNT:
        for line in headers:
            line.kind, line.label, line.text = "text", None, _clean_line(line.raw)


def _next_content(out: list[_Line], index: int, *, skip_blank: bool = True) -> _Line | None:
    for line in out[index + 1 :]:
        if line.kind == "blank" and skip_blank:
            continue
        return line
    return None


def _accept_alone_labels(out: list[_Line], known: set[str]) -> None:
    """Find speaker labels that stand alone on their own line above the text.

    A candidate is a short label-like line at the start of a block (after a blank
    line, a range line or the start) that is followed by text. It is accepted
    when it is known (bold in a docx), when it recurs, or when it sits right
    after a range line in a file where that is the pattern (the old Teams layout:
    ``0:2:12.750 --> 0:2:15.800`` / speaker / text).
    """
    known_folded = {label.casefold() for label in known}
    candidates: list[tuple[int, str, bool]] = []
    ranges = 0
    for index, line in enumerate(out):
        if line.kind == "range":
            ranges += 1
        if line.kind != "text":
            continue
        previous = out[index - 1].kind if index else "blank"
        if previous not in ("blank", "range", "bare_ts", "heading", "event"):
            continue
        label = _alone_label(line.raw)
        following = _next_content(out, index)
        if label is None or following is None or following.kind not in ("text", "prefix"):
            continue
        candidates.append((index, label, previous == "range"))
    counts = Counter(label.casefold() for _, label, _ in candidates)
    after_range = sum(1 for *_, is_after_range in candidates if is_after_range)
    range_layout = ranges >= 2 and after_range >= 0.5 * ranges
    recurring = {label for label, count in counts.items() if count >= MIN_LABEL_COUNT}
    # One recurring short line (a repeated heading) is not a dialogue: it takes two labels.
    if len(recurring) < 2 and not range_layout:
        recurring = set()
    for index, label, is_after_range in candidates:
        folded = label.casefold()
        if folded in known_folded or folded in recurring or (range_layout and is_after_range):
            out[index].kind, out[index].label, out[index].text = "alone", label, ""


def _accept_colonless_labels(out: list[_Line]) -> None:
    """Turn ``B dus per ART ...`` into a turn of ``B`` when ``B:`` is an established short label."""
    counts = Counter(line.label for line in out if line.kind == "prefix" and line.label)
    short = {label for label, count in counts.items() if len(label) <= 3 and count >= 3 and " " not in label}
    if not short:
        return
    for index, line in enumerate(out):
        if line.kind != "text" or (index and out[index - 1].kind != "blank"):
            continue
        head, _, rest = line.text.partition(" ")
        if head in short and rest[:1].isalpha():
            line.kind, line.label, line.text = "prefix", head, rest


def _canonical_labels(lines: Iterable[_Line]) -> dict[str, str]:
    """Map each label to its most frequent spelling ignoring case ("s" -> "S")."""
    spellings: dict[str, Counter[str]] = {}
    for line in lines:
        if line.label and line.kind in ("prefix", "alone", "header"):
            spellings.setdefault(line.label.casefold(), Counter())[line.label] += 1
    return {folded: counter.most_common(1)[0][0] for folded, counter in spellings.items()}


def _legend_run(out: list[_Line], index: int) -> int:
    """Length of a legend (``S: developer`` / ``J: tester``) starting at ``index``, else 0.

    A legend is two or more consecutive prefix lines with distinct labels and a
    role of at most three words without sentence punctuation, followed by a
    blank line, before the dialogue starts.
    """
    end = index
    seen: set[str] = set()
    while end < len(out) and out[end].kind == "prefix":
        line = out[end]
        label = (line.label or "").casefold()
        if label in seen or not line.text or len(line.text.split()) > 3 or line.text[-1] in ".?!…":
            return 0
        seen.add(label)
        end += 1
    if end - index < 2 or (end < len(out) and out[end].kind != "blank"):
        return 0
    # In a dialogue written line under line, two short opening turns are not a legend.
    later = [i for i in range(end, len(out)) if out[i].kind == "prefix"]
    separated = sum(1 for i in later if out[i - 1].kind == "blank")
    if not later or separated < 0.8 * len(later):
        return 0
    return end - index


def _parse_lines(lines: list[str], known: set[str], warnings: list[str]) -> list[_Unit]:
    """Read text lines (a .txt/.md file or the paragraphs of a docx) into units."""
    out = _classify(lines, known)
    canonical = _canonical_labels(out)
    units: list[_Unit] = []
    pending: tuple[int | None, int | None] = (None, None)
    events: list[str] = []
    headings = chat_lines = 0
    legend: list[str] = []
    in_chat = False
    after_blank = True
    index = 0
    while index < len(out):
        line = out[index]
        kind = line.kind
        if kind in ("prefix", "alone", "header", "range"):
            in_chat = False
        if kind == "prefix" and not any(unit.labelled for unit in units):
            run = _legend_run(out, index)
            if run:
                legend.extend(_clean_line(item.raw).strip("*_ ") for item in out[index : index + run])
                index += run
                continue
        index += 1
        if kind == "blank":
            after_blank = True
            continue
        if kind == "chat":
            in_chat = True
            chat_lines += 1
            continue
        if in_chat:
            chat_lines += 1
            continue
        if kind == "event":
            events.append(line.text)
            continue
        if kind == "heading":
            headings += 1
            continue
        if kind == "range":
            pending = (line.start_ms, line.end_ms)
            continue
        if kind == "bare_ts":
            pending = (line.start_ms, None)
            continue
        start, end = pending
        if line.start_ms is not None and kind != "text":
            start = line.start_ms
        if kind in ("prefix", "alone", "header"):
            label = canonical.get((line.label or "").casefold(), line.label)
            units.append(_Unit(label, line.text, start, end, labelled=True))
        else:
            units.append(_Unit(None, line.text, start, end, block_start=after_blank))
        pending = (None, None)
        after_blank = False
    if legend:
        warnings.append(t("transcripts.warning.legend", lines="; ".join(legend)))
    if chat_lines:
        warnings.append(t("transcripts.warning.chat", count=chat_lines))
    if events:
        warnings.append(t("transcripts.warning.events", lines="; ".join(events[:3])))
    if headings:
        warnings.append(t("transcripts.warning.headings", count=headings))
    return units


# -------------------------------------------------------------- merging turns


def _merge_units(units: list[_Unit], *, split_unlabelled: str) -> list[ParsedTurn]:
    """Merge units into turns: same speaker merges, unlabelled text continues the speaker.

    Args:
        units: The units in file order.
        split_unlabelled: How to cut text when the file has no speakers at all:
            ``"paragraph"`` (each paragraph a turn) or ``"pause"`` (cues are
            grouped until a pause or a long turn).
    """
    has_speakers = any(unit.labelled for unit in units)
    turns: list[ParsedTurn] = []
    parts: list[list[str]] = []  # text pieces (with separators) per turn, joined once at the end
    lengths: list[int] = []
    previous_end: int | None = None
    for unit in units:
        text = unit.text.strip()
        current = turns[-1] if turns else None
        if unit.labelled:
            new_turn = current is None or current.speaker != unit.speaker or current.speaker is None
        else:
            new_turn = current is None or (
                not has_speakers
                and lengths[-1] > 0
                and _starts_unlabelled_turn(parts[-1], lengths[-1], unit, split_unlabelled, previous_end)
            )
        if new_turn:
            current = ParsedTurn(unit.speaker if unit.labelled else None, "", unit.start_ms, unit.end_ms)
            turns.append(current)
            parts.append([])
            lengths.append(0)
        assert current is not None
        if text:
            if parts[-1]:
                parts[-1].append("\n" if unit.paragraph else " ")
            parts[-1].append(text)
            lengths[-1] += len(text) + 1
        if unit.end_ms is not None:
            current.end_ms = unit.end_ms
        elif unit.start_ms is not None and current.end_ms is not None and unit.start_ms > current.end_ms:
            current.end_ms = None
        previous_end = unit.end_ms if unit.end_ms is not None else previous_end
    for turn, pieces in zip(turns, parts, strict=True):
        turn.text = "".join(pieces)
    return [turn for turn in turns if turn.text]


def _starts_unlabelled_turn(pieces: list[str], length: int, unit: _Unit, mode: str, previous_end: int | None) -> bool:
    if mode == "paragraph":
        return unit.block_start
    if unit.start_ms is not None and previous_end is not None and unit.start_ms - previous_end >= UNLABELLED_GAP_MS:
        return True
    return length >= UNLABELLED_TURN_CHARS and pieces[-1].rstrip()[-1:] in ".?!…"


def _drop_preamble(turns: list[ParsedTurn], warnings: list[str]) -> list[ParsedTurn]:
    """Drop unlabelled turns before the first speaker (title, metadata, intro) with a warning."""
    first = next((index for index, turn in enumerate(turns) if turn.speaker), None)
    if not first:
        return turns
    skipped = "\n".join(turn.text for turn in turns[:first])
    start = _clean_line(skipped.split("\n", 1)[0])[:60]
    warnings.insert(0, t("transcripts.warning.preamble", count=skipped.count("\n") + 1, start=start))
    return turns[first:]
