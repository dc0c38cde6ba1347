"""Held-out abstention set from the real transcripts in /work/shared/data/transcripts.

None of these conversations is about undermining crime (English Teams/Zoom
calls and talks, a Dutch podcast with the King, Dutch developer interviews
about continuous delivery, Dutch film subtitles), so every fragment should get
no code. Files are split into a TUNE half (used to set the off-topic
threshold) and a REPORT half (only reported on). The transcripts are read in
place, never copied into the project.

    python bench/abstain_set.py --split report --out /tmp/abstain_report.jsonl
    python -m coding evaluate --gold /tmp/abstain_report.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import _runner  # noqa: F401  (puts the repository root on sys.path)

TRANSCRIPTS = Path("/work/shared/data/transcripts")
TUNE = [
    "teams_en_2speakers_lastname-comma_BOM_Meeting-Transcript.vtt",
    "zoom_en_5speakers_student_engagement_GMT20240124.transcript.vtt",
    "teams_en_6speakers_minutes-seconds-format_PowerShell-20251016.md",
    "nl_interview_4speakers_team2_thesis-appendix.md",
    "nl_interview_2speakers_labels-on-own-line_transcriptie_v0.2.txt",
]
REPORT = [
    "teams_en_2speakers_lastname-comma_part2.vtt",
    "podcast_en_3speakers_voice-tags_unclosed_Episode2-Transcript.vtt",
    "teams_en_10speakers_docx-text-format_PowerShell-20260618.md",
    "srt_en_talk_utf16le_BOM.srt",
    "nl_podcast_2speakers_timestamp-ranges_captions.txt",
    "nl_interview_2speakers_verbatim_team3_thesis-appendix.md",
    "nl_interview_3speakers_team4_legend-lines_thesis-appendix.md",
    "nl_film-subtitles_nospeakers_Tears_Of_Steel_nld.vtt",
]


def fragments(names: list[str], *, per_file: int, seed: int) -> list[dict[str, object]]:
    """Up to ``per_file`` random fragments (as the app would cut them) per transcript."""
    from coding.segmenter import segment_many
    from coding.transcripts import read_transcript_file

    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for name in names:
        path = TRANSCRIPTS / name
        if not path.exists():
            continue
        turns = [t.text for t in read_transcript_file(path).turns if t.text.strip()]
        pieces = [seg.text for segs in segment_many(turns) for seg in segs]
        rng.shuffle(pieces)
        rows.extend({"text": p, "pillar": None, "source": name} for p in pieces[:per_file])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["tune", "report"], default="report")
    parser.add_argument("--per-file", type=int, default=40)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--with", dest="extra", type=Path, default=None,
                        help="append the lines of this gold file (e.g. on-topic items)")
    args = parser.parse_args()
    rows = fragments(TUNE if args.split == "tune" else REPORT, per_file=args.per_file, seed=7)
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    if args.extra:
        lines.extend(line for line in args.extra.read_text(encoding="utf-8").splitlines() if line.strip())
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} fragments from {len({r['source'] for r in rows})} transcripts -> {args.out}")


if __name__ == "__main__":
    main()
