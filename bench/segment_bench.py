"""Benchmark: segment a 90-minute interview (~13,000 words in ~120 turns).

Usage: ``python bench/segment_bench.py [--words 13000] [--turns 120] [--seed 7]``

The interview is built from the seed sentences
(``data/eval/seed_sentences_themes.jsonl`` or ``--sentences``),
shuffled with a fixed seed and grouped into turns. Prints the cold pipeline load
time, then (``bench/_runner.py``) the figures ``words``, ``turns``, ``fragments`` and
``seconds`` for the warm segmentation, the last line as JSON.
Target: ``seconds`` <= 1 with the default pipeline.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import _runner

from coding.segmenter import get_pipeline, pipeline_name, segment_many

DEFAULT_SENTENCES = Path(__file__).resolve().parents[1] / "data" / "eval" / "seed_sentences_themes.jsonl"
FILLERS = ["Ja.", "Hm.", "Precies.", "Oké.", "Nou ja,", "Klopt."]


def build_interview(sentences: list[str], words: int, turns: int, seed: int) -> list[str]:
    """Shuffle ``sentences`` (repeating as needed) into ``turns`` turns of about ``words`` words."""
    rng = random.Random(seed)
    pool: list[str] = []
    total = 0
    while total < words:
        batch = sentences[:]
        rng.shuffle(batch)
        for sentence in batch:
            pool.append(sentence)
            total += len(sentence.split())
            if total >= words:
                break
    cuts = sorted(rng.sample(range(1, len(pool)), turns - 1))
    texts = []
    for start, end in zip([0, *cuts], [*cuts, len(pool)], strict=True):
        parts = pool[start:end]
        if rng.random() < 0.3:
            parts.insert(0, rng.choice(FILLERS))
        texts.append(" ".join(parts))
    return texts


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the JSON result as the last line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=Path, default=DEFAULT_SENTENCES)
    parser.add_argument("--words", type=int, default=13_000)
    parser.add_argument("--turns", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="warm runs; the best is reported")
    args = parser.parse_args(argv)

    with args.sentences.open(encoding="utf-8") as handle:
        sentences = [json.loads(line)["text"] for line in handle if line.strip()]
    texts = build_interview(sentences, args.words, args.turns, args.seed)

    began = time.perf_counter()
    get_pipeline()
    cold = time.perf_counter() - began
    sys.stdout.write(f"pipeline: {pipeline_name()}; cold load {cold:.2f} s\n")

    best = float("inf")
    fragments = 0
    for _ in range(max(1, args.repeat)):
        began = time.perf_counter()
        result = segment_many(texts)
        best = min(best, time.perf_counter() - began)
        fragments = sum(len(segments) for segments in result)
    words = sum(len(text.split()) for text in texts)
    summary = {"words": words, "turns": len(texts), "fragments": fragments, "seconds": round(best, 3),
               "cold_load_seconds": round(cold, 2), "pipeline": pipeline_name()}
    return _runner.report("segment", summary, target="seconds <= 1", met=best <= 1.0)


if __name__ == "__main__":
    raise SystemExit(main())
