"""Detector-level check of coding.furniture on a labelled file (the TUNE set by default).

Counts how many ``null`` passages :func:`coding.furniture.detect` calls furniture
(a weak verdict only below ``FURNITURE_KEYWORD_MAX``, as the coder does) and how
many on-topic passages it silences. ``--show`` prints the misses and false
abstentions to design from; it refuses the report set ``other_orgs.jsonl``,
whose ``null`` passages must never be read to design the detector.

    PYTHONPATH=. python bench/furniture_tune.py --show
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / "data" / "eval" / "document_furniture_tune.jsonl"


def main() -> None:
    from coding.abstain import FURNITURE_KEYWORD_MAX
    from coding.codebook import default_codebook
    from coding.furniture import detect
    from coding.lexicon import Lexicon

    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, default=DEFAULT)
    parser.add_argument("--show", action="store_true", help="print misses and false abstentions (not on other_orgs)")
    args = parser.parse_args()
    if args.show and args.gold.name == "other_orgs.jsonl":
        parser.error("other_orgs.jsonl is the report set: its passages are not shown")
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    hits = Lexicon(default_codebook()).score([r["text"] for r in rows])[0].max(axis=1)
    counts = {"null": 0, "caught": 0, "topic": 0, "silenced": 0}
    for row, hit in zip(rows, hits, strict=True):
        verdict = detect(row["text"])
        silent = verdict is not None and (verdict.strong or hit < FURNITURE_KEYWORD_MAX)
        key = "null" if row["pillar"] is None else "topic"
        counts[key] += 1
        counts["caught" if key == "null" else "silenced"] += silent
        if args.show and silent != (key == "null"):
            label = "MISS" if key == "null" else f"FP {row['pillar']}"
            print(f"{label:<7} {hit:.2f} {verdict.rule if verdict else '-':<16} {row['text'][:140]}")
    print(json.dumps({"null_recall": round(counts["caught"] / max(counts["null"], 1), 4),
                      "false_abstain_rate": round(counts["silenced"] / max(counts["topic"], 1), 4),
                      "n_null": counts["null"], "n_topic": counts["topic"]}))


if __name__ == "__main__":
    main()
