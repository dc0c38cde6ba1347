"""Read interview transcripts (.txt/.md, .docx, .vtt, .srt) into speaker turns.

The one entry point is :func:`read_transcript` (bytes in, :class:`ParsedTranscript`
out); :func:`read_transcript_file` reads a path first. Every problem a user can
fix raises :class:`TranscriptError` with a stable ``code`` and a Dutch message
from :mod:`texts`.

How the formats are read:

* Text (``.txt``, ``.md``): the encoding is detected (BOM, UTF-8, UTF-16 without
  BOM, cp1252, latin-1), line endings become ``"\\n"``, and the lines are read by
  one line parser that knows the layouts transcribers and meeting tools produce:
  ``Naam: tekst`` prefixes (also ``***I:***`` in Markdown), a label alone on its
  own line above paragraphs, Teams' "Download as docx" text (``Naam   1:34``,
  ``Naam 0 minutes 5 seconds``), the old Teams layout (``0:2:12.750 --> ...`` /
  speaker line / text), ``00:00:02 - 00:00:23`` range lines and plain
  paragraphs. Text before the first speaker (title, metadata table), legend lines
  (``S: developer``), meeting-chat messages and app events are skipped with a
  warning.
* ``.docx``: paragraphs and tables are read in document order straight from the
  XML, so tracked insertions are kept, tracked deletions and comments
  (``word/comments.xml``) are left out. Speaker names in a bold run of their own
  and tables of speaker | text become ``Naam: tekst`` lines for the line parser.
* ``.vtt``: webvtt-py reads the cues; voice tags (``<v Naam>``, closed or not),
  Zoom's ``Naam: tekst`` prefixes and cues without a speaker (they belong to the
  previous speaker) are handled here.
* ``.srt``: timing lines are validated here (pysrt silently reads ``00:00:0x``
  as zero), then pysrt reads the items.

Consecutive units of the same speaker are merged into one :class:`ParsedTurn`
(start of the first, end of the last timestamp).
"""

from __future__ import annotations

import html
import io
import logging
import os
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from texts import t

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Default upload limit; the environment variable ``WEERBAAR_MAX_UPLOAD_MB`` overrides it."""

MAX_UPLOAD_ENV = "WEERBAAR_MAX_UPLOAD_MB"
TEXT_EXTENSIONS = {".txt": "txt", ".md": "txt", ".text": "txt"}
SUPPORTED_EXTENSIONS = (".txt", ".md", ".docx", ".vtt", ".srt")

# Tunable heuristics of the readers, kept together.
MAX_LABEL_CHARS = 50
"""A speaker label is at most this long ("Koning Willem Alexander", "Mauch, Lukas")."""
MAX_LABEL_WORDS = 5
MIN_LABEL_COUNT = 2
"""A ``Naam:`` prefix must occur this often before it counts as a speaker ..."""
DENSE_PREFIX_SHARE = 0.5
"""... unless at least this share of the units carries a plausible prefix."""
UNLABELLED_GAP_MS = 2000
"""Cues without any speaker start a new turn after a pause this long ..."""
UNLABELLED_TURN_CHARS = 1500
"""... or once the turn is this long and the cue ends a sentence."""
BINARY_CONTROL_SHARE = 0.01
"""Text with more control characters than this share is treated as binary."""

ROLE_LABELS = frozenset(
    {
        "interviewer",
        "interviewster",
        "interviewee",
        "respondent",
        "geïnterviewde",
        "geinterviewde",
        "moderator",
        "spreker",
        "deelnemer",
        "i",
        "r",
        "int",
        "resp",
    }
)
"""Labels accepted as speakers even when they occur only once."""

_FILLER_LINES = frozenset(
    {"ja", "nee", "oké", "oke", "ok", "okay", "hm", "hmm", "yeah", "yes", "no", "precies", "klopt"}
)

_HEADER_WORDS = frozenset(
    {
        "spreker",
        "speaker",
        "naam",
        "name",
        "tekst",
        "text",
        "tijd",
        "time",
        "tijdcode",
        "timestamp",
        "begin",
        "start",
        "transcript",
        "transcriptie",
    }
)


@dataclass
class ParsedTurn:
    """One speaker turn.

    Attributes:
        speaker: The label as found ("Interviewer", "Jan", "R1", "Mauch, Lukas"),
            or ``None`` when the format has no speakers.
        text: Normalised text: ``"\\n"`` line endings, stripped, cue lines joined.
        start_ms: Start of the first cue or paragraph, if the file has times.
        end_ms: End of the last cue or paragraph, if the file has times.
    """

    speaker: str | None
    text: str
    start_ms: int | None = None
    end_ms: int | None = None


@dataclass
class ParsedTranscript:
    """A transcript read from a file.

    Attributes:
        turns: The speaker turns in order.
        format: ``"txt"``, ``"docx"``, ``"vtt"`` or ``"srt"``.
        encoding: The detected encoding for text formats, ``None`` for docx.
        speakers: Distinct labels in order of first appearance.
        warnings: Dutch messages about what was skipped.
    """

    turns: list[ParsedTurn]
    format: str
    encoding: str | None
    speakers: list[str]
    warnings: list[str] = field(default_factory=list)


class TranscriptError(ValueError):
    """A transcript file that cannot be read, with a stable ``code``.

    Codes: ``unsupported_format``, ``file_not_found``, ``too_large``, ``empty``,
    ``binary``, ``encoding``, ``docx_corrupt``, ``docx_encrypted``,
    ``docx_legacy``, ``vtt_no_header``, ``srt_bad_timestamp``.

    Attributes:
        code: Stable identifier of the problem, for callers and tests.
        values: The values filled into the Dutch message.
    """

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values
        super().__init__(t(f"transcripts.error.{code}", **values))


# --------------------------------------------------------------------------- API


def read_transcript(data: bytes, filename: str, *, max_bytes: int | None = None) -> ParsedTranscript:
    """Read a transcript from the bytes of an uploaded file.

    Args:
        data: The file's content.
        filename: The original file name; its extension picks the reader.
        max_bytes: Size limit; ``None`` uses ``WEERBAAR_MAX_UPLOAD_MB`` or
            :data:`DEFAULT_MAX_BYTES`.

    Returns:
        The turns, detected format and encoding, speakers and warnings.

    Raises:
        TranscriptError: When the file is of an unsupported type, too large,
            empty, binary, a broken or protected docx, a .vtt without header or
            an .srt with a broken timestamp.
    """
    name = Path(filename).name or filename
    extension = Path(filename).suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS and extension not in TEXT_EXTENSIONS:
        raise TranscriptError("unsupported_format", filename=name, extension=extension or "(geen)")
    _check_size(len(data), name, max_bytes)
    if not data.strip():
        raise TranscriptError("empty", filename=name)

    warnings: list[str] = []
    encoding: str | None
    if extension == ".docx":
        fmt, encoding = "docx", None
        lines, known = _docx_lines(data, name, warnings)
        units = _parse_lines(lines, known, warnings)
        turns = _merge_units(units, split_unlabelled="paragraph")
    else:
        text, encoding = _decode(data, name)
        text = normalise_newlines(text)
        if not text.strip():
            raise TranscriptError("empty", filename=name)
        if extension == ".vtt":
            fmt = "vtt"
            units = _vtt_units(text, name, warnings)
            turns = _merge_units(units, split_unlabelled="pause")
        elif extension == ".srt":
            fmt = "srt"
            units = _srt_units(text, name, warnings)
            turns = _merge_units(units, split_unlabelled="pause")
        else:
            fmt = "txt"
            units = _parse_lines(text.split("\n"), set(), warnings)
            turns = _merge_units(units, split_unlabelled="paragraph")

    turns = _drop_preamble(turns, warnings)
    if not turns:
        raise TranscriptError("empty", filename=name)
    speakers = list(dict.fromkeys(turn.speaker for turn in turns if turn.speaker))
    if not speakers:
        warnings.append(t("transcripts.warning.no_speakers"))
    for warning in warnings:
        logger.info("%s: %s", name, warning)
    return ParsedTranscript(turns=turns, format=fmt, encoding=encoding, speakers=speakers, warnings=warnings)


def read_transcript_file(path: str | Path, *, max_bytes: int | None = None) -> ParsedTranscript:
    """Read a transcript from a file on disk.

    The size is checked before the file is read, so a huge file is refused
    without loading it.

    Args:
        path: The file.
        max_bytes: Size limit; see :func:`read_transcript`.

    Raises:
        TranscriptError: As :func:`read_transcript`, and ``file_not_found``
            when the path does not exist or cannot be read.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise OSError(path)
    except OSError as exc:
        raise TranscriptError("file_not_found", filename=str(path)) from exc
    _check_size(size, path.name, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TranscriptError("file_not_found", filename=str(path)) from exc
    return read_transcript(data, path.name, max_bytes=max_bytes)


def max_upload_bytes() -> int:
    """Return the upload limit in bytes: ``WEERBAAR_MAX_UPLOAD_MB`` or the default."""
    raw = os.environ.get(MAX_UPLOAD_ENV, "").strip()
    if raw:
        try:
            megabytes = float(raw.replace(",", "."))
            if megabytes > 0:
                return int(megabytes * 1024 * 1024)
        except ValueError:
            pass
        logger.warning("%s=%r is not a positive number; using the default", MAX_UPLOAD_ENV, raw)
    return DEFAULT_MAX_BYTES


def normalise_newlines(text: str) -> str:
    """Return ``text`` with CRLF, CR and Unicode line separators turned into ``"\\n"``."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


# ------------------------------------------------------------- size, encoding


def _check_size(size: int, name: str, max_bytes: int | None) -> None:
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    if size > limit:
        raise TranscriptError("too_large", filename=name, size_mb=_megabytes(size), limit_mb=_megabytes(limit))


def _megabytes(size: int) -> str:
    value = size / 1024 / 1024
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}".replace(".", ",")


_MAGIC_BINARY = (b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xd0\xcf\x11\xe0", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Detect the encoding of a text file and decode it.

    BOMs decide first (UTF-8, UTF-16 LE/BE); then UTF-16 without BOM is
    recognised by its pattern of zero bytes; then strict UTF-8; then cp1252 when
    bytes 0x80-0x9F occur (curly quotes, euro sign) and latin-1 otherwise. For
    Dutch text this is more reliable than statistical detectors, which guess
    odd code pages for short files.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return _strict(data[2:], codec, name), codec
    if data.startswith(_MAGIC_BINARY):
        raise TranscriptError("binary", filename=name)
    sample = data[:4096]
    if len(sample) >= 4 and b"\x00" in sample:
        even_zero = sample[0::2].count(0) / len(sample[0::2])
        odd_zero = sample[1::2].count(0) / len(sample[1::2])
        if odd_zero > 0.3 and even_zero < 0.05:
            return _strict(data, "utf-16-le", name), "utf-16-le"
        if even_zero > 0.3 and odd_zero < 0.05:
            return _strict(data, "utf-16-be", name), "utf-16-be"
        raise TranscriptError("binary", filename=name)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if any(0x80 <= byte <= 0x9F for byte in data):
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
        else:
            text, encoding = data.decode("latin-1"), "latin-1"
    _refuse_binary(text, name)
    return text, encoding


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise TranscriptError("encoding", filename=name) from exc
    _refuse_binary(text, name)
    return text


_CONTROL_RE = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x9f]")


def _refuse_binary(text: str, name: str) -> None:
    if "\x00" in text:
        raise TranscriptError("binary", filename=name)
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(2, len(text) * BINARY_CONTROL_SHARE):
        raise TranscriptError("binary", filename=name)


# --------------------------------------------------------------- text helpers

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def _clean_line(line: str) -> str:
    """Collapse spaces (NBSP, tabs) and drop invisible characters in one line."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


_TS = r"\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?"
_TS_RE = re.compile(r"^(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{1,2})(?:[.,](?P<f>\d{1,3}))?$")


def _to_ms(stamp: str) -> int | None:
    """Convert ``h:mm:ss.fff``, ``m:ss``, ``0:2:48.70`` (fraction, not ms) to milliseconds."""
    match = _TS_RE.match(stamp.strip())
    if not match:
        return None
    hours = int(match["h"] or 0)
    fraction = (match["f"] or "0").ljust(3, "0")
    return ((hours * 60 + int(match["m"])) * 60 + int(match["s"])) * 1000 + int(fraction)


def _plausible_label(label: str) -> bool:
    """Whether ``label`` could be a speaker name or role.

    At most 50 characters and 5 words, contains a letter, no sentence
    punctuation, not a URL, and a lower-case label has one word ("interviewer",
    "s"); "dat wil zeggen" is not a speaker.
    """
    label = label.strip()
    if not label or len(label) > MAX_LABEL_CHARS or "://" in label:
        return False
    words = label.split()
    if len(words) > MAX_LABEL_WORDS or not any(char.isalpha() for char in label):
        return False
    if re.search(r"[?!;\"“”<>{}=|]", label) or label.endswith((".", ",", "-")):
        return False
    if _TS_RE.match(label):
        return False
    return not (len(words) > 1 and label == label.lower())


# -------------------------------------------------------------- line parsing


@dataclass
class _Unit:
    """A piece of text before merging: a cue, a paragraph or a prefixed line.

    ``speaker`` is ``None`` for text that continues the current speaker.
    ``paragraph`` starts a new paragraph (joined with a newline, not a space).
    """

    speaker: str | None
    text: str
    start_ms: int | None = None
    end_ms: int | None = None
    paragraph: bool = True
    labelled: bool = False
    block_start: bool = True


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
    label = match["label"].strip().strip("*_").strip()
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


# ------------------------------------------------------------------------ vtt

_VOICE_RE = re.compile(r"<v(?:\.[\w.-]+)*[ \t]+([^>]*)>")
_TAG_RE = re.compile(r"</?[^>\s][^>]*>")
_NOTE_RE = re.compile(r"(?:^|\n\n)NOTE(?:[ \t][^\n]*)?(?=\n|$)")
_ARROW_RE = re.compile(r"-->")


def _vtt_units(text: str, name: str, warnings: list[str]) -> list[_Unit]:
    """Read WebVTT cues (Teams, Zoom, captions) into units."""
    body = text.lstrip("\n \t")
    if not re.match(r"WEBVTT(?:[ \t]|\n|$)", body):
        raise TranscriptError("vtt_no_header", filename=name)
    cues = list(_vtt_cues(body, warnings))

    notes = len(_NOTE_RE.findall(body))
    if notes:
        warnings.append(t("transcripts.warning.notes", count=notes))
    invalid = [
        identifier for identifier, *_ in cues if identifier and (" " in identifier or identifier.startswith("//"))
    ]
    if invalid:
        warnings.append(t("transcripts.warning.invalid_lines", count=len(invalid), example=invalid[0]))
    timings = sum(1 for line in body.split("\n") if _ARROW_RE.search(line))
    if timings > len(cues):
        warnings.append(t("transcripts.warning.bad_cues", count=timings - len(cues)))

    pieces: list[tuple[str | None, str, int | None, int | None]] = []
    for _, start, end, raw in cues:
        for voice, piece in _split_voices(raw):
            if piece:
                pieces.append((voice, piece, start, end))
    return _cue_units(pieces)


def _vtt_cues(body: str, warnings: list[str]) -> Iterator[tuple[str | None, int | None, int | None, str]]:
    """Yield (identifier, start, end, raw text) per cue, via webvtt-py when it copes."""
    import webvtt  # imported here: only .vtt imports need it

    try:
        captions = webvtt.from_string(body).captions
    except Exception as exc:  # webvtt-py raises several error types (MalformedFileError, ValueError, ...)
        # webvtt-py refuses some real files outright (e.g. a cue block it cannot
        # parse); fall back to our own block reader rather than losing the file.
        logger.info("webvtt-py could not read the file (%s); using the fallback reader", exc)
        warnings.append(t("transcripts.warning.library_fallback"))
        yield from _vtt_cues_fallback(body)
        return
    for caption in captions:
        yield caption.identifier, _to_ms(caption.start), _to_ms(caption.end), caption.raw_text


def _vtt_cues_fallback(body: str) -> Iterator[tuple[str | None, int | None, int | None, str]]:
    """A lenient WebVTT block reader: blocks split on blank lines, one ``-->`` line each."""
    for block in re.split(r"\n[ \t]*\n", body):
        lines = block.split("\n")
        arrow = next((index for index, line in enumerate(lines) if "-->" in line), None)
        if arrow is None:
            continue
        timing = lines[arrow].split("-->")
        start = _to_ms(timing[0].strip())
        end = _to_ms(timing[1].strip().split()[0]) if timing[1].strip() else None
        if start is None:
            continue
        identifier = "\n".join(lines[:arrow]).strip() or None
        yield identifier, start, end, "\n".join(lines[arrow + 1 :])


def _split_voices(raw: str) -> list[tuple[str | None, str]]:
    """Split a cue's raw text into (voice, text) pieces; tags are stripped, entities unescaped.

    Handles ``<v Name>`` closed or never closed, several voices in one cue, and
    class suffixes (``<v.loud Name>``). webvtt-py's own ``voice`` only looks at
    the first line and its ``text`` keeps ``&amp;``, so this is done here.
    """
    pieces: list[tuple[str | None, str]] = []
    position, voice = 0, None
    for match in _VOICE_RE.finditer(raw):
        pieces.append((voice, raw[position : match.start()]))
        voice, position = _clean_line(html.unescape(match[1])) or None, match.end()
    pieces.append((voice, raw[position:]))
    return [(speaker, _cue_text(text)) for speaker, text in pieces]


def _cue_text(raw: str) -> str:
    """Join a cue's lines sensibly: spaces between lines, none before wrapped punctuation."""
    text = ""
    for line in raw.split("\n"):
        line = _clean_line(html.unescape(_TAG_RE.sub("", line)))
        line = re.sub(r"\{\\[^}]*\}", "", line).strip()  # SRT positioning codes like {\an8}
        if not line:
            continue
        text = f"{text}{'' if line[0] in '.,;:!?…' else ' '}{line}" if text else line
    return text


def _cue_units(pieces: list[tuple[str | None, str, int | None, int | None]]) -> list[_Unit]:
    """Turn cue pieces into units, reading Zoom/SRT ``Naam: tekst`` prefixes when they are the pattern."""
    found = [_prefix(text) if voice is None else None for voice, text, *_ in pieces]
    counts = Counter(item[0].casefold() for item in found if item)
    dense = bool(pieces) and sum(1 for item in found if item) / len(pieces) >= DENSE_PREFIX_SHARE
    units: list[_Unit] = []
    for (voice, text, start, end), prefix in zip(pieces, found, strict=True):
        if prefix is not None:
            label, rest, _ = prefix
            folded = label.casefold()
            if dense or counts[folded] >= MIN_LABEL_COUNT or folded in ROLE_LABELS:
                voice, text = label, rest
        units.append(_Unit(voice, text, start, end, paragraph=False, labelled=voice is not None))
    return units


# ------------------------------------------------------------------------ srt

_SRT_TIMING_RE = re.compile(
    r"^\s*\d{1,2}:\d{1,2}:\d{1,2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{1,2}:\d{1,2}[,.]\d{1,3}(?:\s+.*)?$"
)


def _srt_units(text: str, name: str, warnings: list[str]) -> list[_Unit]:
    """Read SubRip items into units, refusing broken timestamps with the line number."""
    import pysrt  # imported here: only .srt imports need it

    lines = text.split("\n")
    blocks = 0
    for number, line in enumerate(lines, start=1):
        previous = lines[number - 2].strip() if number > 1 else ""
        is_timing_slot = previous.isdigit() and (number < 3 or not lines[number - 3].strip())
        if "-->" in line or (is_timing_slot and line.strip()):
            if not _SRT_TIMING_RE.match(line):
                raise TranscriptError("srt_bad_timestamp", filename=name, line=number, value=line.strip()[:60])
            blocks += 1
    if blocks == 0:
        raise TranscriptError("srt_bad_timestamp", filename=name, line=1, value=lines[0].strip()[:60])
    # pysrt's ERROR_PASS skips blocks without a timing line (stray text between
    # items); we count them and warn instead of failing the whole file.
    items = pysrt.from_string(text.lstrip("\n"), error_handling=pysrt.ERROR_PASS)
    skipped = sum(1 for block in re.split(r"\n\s*\n", text.strip()) if "-->" not in block)
    if skipped:
        warnings.append(t("transcripts.warning.srt_blocks", count=skipped))
    pieces = [(None, _cue_text(item.text), item.start.ordinal, item.end.ordinal) for item in items]
    return _cue_units([piece for piece in pieces if piece[1]])


# ----------------------------------------------------------------------- docx

XmlElement = Any
"""An lxml element of the docx XML (python-docx's oxml); lxml ships no type hints."""

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
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
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
    label = label.rstrip(":").strip().strip("*").strip()
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
