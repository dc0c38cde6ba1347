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

import logging
import os
from pathlib import Path

from coding.transcripts.base import (
    DEFAULT_MAX_BYTES,
    MAX_CUES,
    MAX_LINES,
    MAX_TEXT_CHARS,
    MAX_TURN_CHARS,
    MAX_TURNS,
    MAX_UPLOAD_ENV,
    SUPPORTED_EXTENSIONS,
    TEXT_EXTENSIONS,
    ParsedTranscript,
    ParsedTurn,
    TranscriptError,
)
from coding.transcripts.decode import _decode
from coding.transcripts.lines import _drop_preamble, _merge_units, _parse_lines
from coding.transcripts.srt import _srt_units
from coding.transcripts.vtt import _vtt_units
from coding.transcripts.word import _docx_lines
from texts import t

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_CUES",
    "MAX_LINES",
    "MAX_TEXT_CHARS",
    "MAX_TURNS",
    "MAX_TURN_CHARS",
    "SUPPORTED_EXTENSIONS",
    "ParsedTranscript",
    "ParsedTurn",
    "TranscriptError",
    "max_upload_bytes",
    "normalise_newlines",
    "read_transcript",
    "read_transcript_file",
]

logger = logging.getLogger(__name__)

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
            empty, binary, a broken or protected docx, a zip bomb, a .vtt
            without header, an .srt with a broken timestamp, or over the limits
            of lines, cues, turns or characters per turn.
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
        _check_count(len(lines), MAX_LINES, "too_many_lines", name)
        _check_count(sum(len(line) for line in lines), MAX_TEXT_CHARS, "too_much_text", name)
        units = _parse_lines(lines, known, warnings)
        turns = _merge_units(units, split_unlabelled="paragraph")
    else:
        text, encoding = _decode(data, name, warnings)
        text = normalise_newlines(text)
        if not text.strip():
            raise TranscriptError("empty", filename=name)
        # Counted before any parsing, so a file full of tiny cues or lines is refused in milliseconds.
        if extension in (".vtt", ".srt"):
            _check_count(text.count("-->"), MAX_CUES, "too_many_cues", name)
        else:
            _check_count(text.count("\n") + 1, MAX_LINES, "too_many_lines", name)
        _check_count(len(text), MAX_TEXT_CHARS, "too_much_text", name)
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
    _check_count(len(turns), MAX_TURNS, "too_many_turns", name)
    for number, turn in enumerate(turns, start=1):
        if len(turn.text) > MAX_TURN_CHARS:
            raise TranscriptError(
                "turn_too_long", filename=name, number=number, count=len(turn.text), limit=MAX_TURN_CHARS
            )
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


def _check_count(count: int, limit: int, code: str, name: str) -> None:
    if count > limit:
        raise TranscriptError(code, filename=name, count=count, limit=limit)


def _check_size(size: int, name: str, max_bytes: int | None) -> None:
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    if size > limit:
        raise TranscriptError("too_large", filename=name, size_mb=_megabytes(size), limit_mb=_megabytes(limit))


def _megabytes(size: int) -> str:
    value = size / 1024 / 1024
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}".replace(".", ",")
