"""SubRip items into units, with the timing lines validated here."""

from __future__ import annotations

import re

from coding.transcripts.base import TranscriptError, _Unit
from coding.transcripts.vtt import _cue_text, _cue_units
from texts import t

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
