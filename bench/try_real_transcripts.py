"""Import every transcript in a folder and print a summary per file.

Usage: ``python bench/try_real_transcripts.py FOLDER [--turns N]``

For each file: format, encoding, speakers, number of turns, warnings and the
first turns, so a person can judge whether the importer read it sensibly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import _runner

from coding.transcripts import SUPPORTED_EXTENSIONS, TranscriptError, read_transcript_file


def _ms(value: int | None) -> str:
    if value is None:
        return "-"
    seconds = value // 1000
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def main(argv: list[str] | None = None) -> int:
    """Print a summary of every supported file in the folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--turns", type=int, default=3, help="how many turns to show per file")
    args = parser.parse_args(argv)
    out = sys.stdout
    counts = {"files": 0, "failed": 0, "turns": 0}
    for path in sorted(args.folder.iterdir()):
        if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
            continue
        out.write(f"== {path.name}\n")
        counts["files"] += 1
        try:
            parsed = read_transcript_file(path)
        except TranscriptError as exc:
            out.write(f"   FOUT [{exc.code}] {exc}\n")
            counts["failed"] += 1
            continue
        counts["turns"] += len(parsed.turns)
        words = sum(len(turn.text.split()) for turn in parsed.turns)
        out.write(
            f"   {parsed.format}/{parsed.encoding}: {len(parsed.turns)} turns, {words} words, "
            f"{len(parsed.speakers)} speakers: {', '.join(parsed.speakers[:20])}\n"
        )
        for warning in parsed.warnings:
            out.write(f"   ! {warning}\n")
        for turn in parsed.turns[: args.turns]:
            text = turn.text.replace("\n", " / ")
            out.write(f"   [{_ms(turn.start_ms)}-{_ms(turn.end_ms)}] {turn.speaker}: {text[:110]}\n")
    return _runner.report("real_transcripts", counts, target=None, met=None)


if __name__ == "__main__":
    raise SystemExit(main())
