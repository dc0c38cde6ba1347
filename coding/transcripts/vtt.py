"""WebVTT cues (Teams, Zoom, captions) into units; the cue helpers SubRip shares."""

from __future__ import annotations

import html
import logging
import re
from collections import Counter
from collections.abc import Iterator

from coding.transcripts.base import (
    DENSE_PREFIX_SHARE,
    MIN_LABEL_COUNT,
    ROLE_LABELS,
    TranscriptError,
    _clean_line,
    _to_ms,
    _Unit,
)
from coding.transcripts.lines import _prefix
from texts import t

logger = logging.getLogger(__name__)

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
