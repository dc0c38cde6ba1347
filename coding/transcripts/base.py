"""The shared vocabulary of the transcript readers: turns, errors, limits, label helpers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from texts import WeerbaarError

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

# Limits that keep parsing bounded in time and memory (see bench/import_limits_bench.py).
MAX_LINES = 100_000
"""A text transcript (or a docx's paragraphs) has at most this many lines (counted before parsing)."""
MAX_CUES = 50_000
"""A .vtt or .srt has at most this many cues (a working day of Teams captions is about 10,000)."""
MAX_TEXT_CHARS = 2_000_000
"""A transcript holds at most this many characters of text (an 8-hour group session is about 400,000);
this bounds the time segmentation takes on import."""
MAX_TURNS = 20_000
"""A transcript has at most this many speaker turns after merging."""
MAX_TURN_CHARS = 1_000_000
"""One turn is at most this long, the limit of an answer in the chat."""
MAX_REPORTED_LINES = 10
"""Line numbers named in a warning about repaired lines."""

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


class TranscriptError(WeerbaarError, ValueError):
    """A transcript file that cannot be read, with a stable ``code``.

    Codes: ``unsupported_format``, ``file_not_found``, ``too_large``, ``empty``,
    ``binary``, ``encoding``, ``docx_corrupt``, ``docx_encrypted``,
    ``docx_legacy``, ``vtt_no_header``, ``srt_bad_timestamp``, ``too_many_units``,
    ``too_many_turns``, ``zip_too_large``.

    Attributes:
        code: Stable identifier of the problem, for callers and tests.
        values: The values filled into the Dutch message.
    """

    key_prefix = "transcripts.error."


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


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Invisible characters: soft hyphen, zero-width characters, word joiner, and the bidi
controls (LRM, RLM, ALM, embeddings, overrides, isolates) that make look-alike labels."""


def _clean_line(line: str) -> str:
    """Collapse spaces (NBSP, tabs), drop invisible characters and NFC-normalise one line."""
    line = _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()
    return line if unicodedata.is_normalized("NFC", line) else unicodedata.normalize("NFC", line)


def clean_label(label: str) -> str:
    """A speaker label as it is compared and stored: no invisible characters, NFC, single spaces.

    ``"Jan\u00adsen"`` (soft hyphen), ``"\u200fJansen"`` (right-to-left mark) and a
    decomposed ``"Jose\u0301"`` become ``"Jansen"`` and ``"José"``, so look-alike
    labels are one speaker.
    """
    return _clean_line(label).strip("*_").strip()


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
