"""Print the README table of the auto-coder: macro-F1 per embedder and signal set, and speed.

Zero-shot (codebook only) and 5-fold cross-validation with learning, on the
seed sentences; time per 1,000 fragments with a cold embedding cache.

    python bench/coder_table.py [--gold FILE] [--embedders tfidf,use,minilm]
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

import _runner

from coding.codebook import default_codebook
from coding.coder import AutoCoder, CoderConfig
from coding.embedders import MemoryEmbeddingCache, available_embedders
from coding.evaluate import evaluate, load_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = [ROOT / "data" / "eval" / "seed_sentences_themes.jsonl"]
SIGNAL_SETS = [("lexicon",), ("embedding",), ("lexicon", "embedding")]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, default=next((g for g in GOLD if g.exists()), GOLD[-1]))
    parser.add_argument("--embedders", default="tfidf,use,minilm")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    gold = load_gold(args.gold)
    codebook = default_codebook()
    available = available_embedders()
    print(f"Seed set: {args.gold.name}, n={len(gold)}\n")
    print("| embedder | signals | zero-shot macro-F1 | zero-shot ECE | 5-fold macro-F1 | s / 1,000 fragments |")
    print("|---|---|---|---|---|---|")
    rows: list[dict[str, object]] = []
    for name in args.embedders.split(","):
        if not available.get(name, False):
            print(f"| {name} | - | not installed | | | |")
            continue
        cache = MemoryEmbeddingCache()
        for signals in SIGNAL_SETS:
            if signals == ("lexicon",) and name != args.embedders.split(",")[0]:
                continue  # the lexicon alone does not depend on the embedder
            config = CoderConfig(embedder=name, signals=(*signals, "structure"))
            zero = evaluate(gold, codebook=codebook, config=config, cache=cache)
            folds = evaluate(gold, codebook=codebook, config=config, cache=cache, folds=args.folds)
            coder = AutoCoder(codebook, config=config, cache=MemoryEmbeddingCache())
            coder.predict(["warm"])
            texts = [g.text for g in gold]
            started = time.perf_counter()
            coder.predict(texts)
            per_1000 = (time.perf_counter() - started) / len(texts) * 1000
            label = "+".join(signals)
            rows.append({"embedder": name, "signals": label, "zero_shot_macro_f1": round(zero.macro_f1, 3),
                         "zero_shot_ece": round(zero.ece, 3), "folds_macro_f1": round(folds.macro_f1, 3),
                         "seconds_per_1000": round(per_1000, 2)})
            print(
                f"| {name} | {label} | {zero.macro_f1:.3f} | {zero.ece:.3f} | {folds.macro_f1:.3f} | {per_1000:.2f} |"
            )


    return _runner.report("coder_table", {"n": len(gold), "rows": rows}, target=None, met=None)


if __name__ == "__main__":
    raise SystemExit(main())
