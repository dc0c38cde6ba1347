"""``python -m coding segment FILE``: print the fragments of a transcript as JSON lines.

Every turn is segmented (the command does not know who the interviewer is).
One JSON object per fragment: ``{"turn", "speaker", "start", "end", "text"}``
with ``text == turn_text[start:end]``. Errors go to stderr in Dutch, exit 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys

from coding.segmenter import DEFAULT_MAX_CHARS, segment_many
from coding.transcripts import TranscriptError, read_transcript_file
from texts import t

logger = logging.getLogger(__name__)

HELP = t("segment.cli.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the file argument and ``--max-chars``."""
    parser.add_argument("file", help=t("segment.cli.file"))
    parser.add_argument(
        "--max-chars",
        type=int,
        default=DEFAULT_MAX_CHARS,
        help=t("segment.cli.max_chars", default=DEFAULT_MAX_CHARS),
    )


def run(args: argparse.Namespace) -> int:
    """Read the transcript, segment every turn and print one JSON line per fragment."""
    try:
        parsed = read_transcript_file(args.file)
    except TranscriptError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    for warning in parsed.warnings:
        logger.warning(warning)
    texts = [turn.text for turn in parsed.turns]
    fragments = segment_many(texts, max_chars=args.max_chars)
    try:
        for index, (turn, segments) in enumerate(zip(parsed.turns, fragments, strict=True)):
            for segment in segments:
                record = {
                    "turn": index,
                    "speaker": turn.speaker or "",
                    "start": segment.start,
                    "end": segment.end,
                    "text": segment.text,
                }
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # output piped into `head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
