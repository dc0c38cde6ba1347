"""Learning from "niet relevant" in a document study: does it silence the paragraphs that matter?

Both document tune sets together (699 passages, 501 of them ``null``: headings,
formulae, metadata, other policy areas) are what an analyst meets when studying
documents: most decisions are "niet relevant". For n = 50, 100, 200 (5 seeded
repeats: :func:`coding.evaluate.curve_runs`, as ``python -m coding evaluate --curve``) the coder learns
from n passages and codes the rest; it prints macro-F1, the share of null
passages without code and the share of relevant passages silenced, zero-shot
and after learning. The report sets (``other_orgs.jsonl``, the seed sentences)
are never read.

``--no-guard`` drops the keyword guard of the learned abstention
(:data:`coding.abstain.LEARNED_KEYWORD_MAX`, :data:`coding.abstain.LEARNED_NONE_WITH_KEYWORD`);
``--fixed-threshold`` keeps the "niet relevant" threshold at ``CoderConfig.none_threshold`` instead of the one
the learner fits (:func:`coding.learner.fit_k`): together they are the coder
before both.

    python bench/learned_abstain_tune.py --embedder tfidf [--no-guard] [--fixed-threshold]
"""

from __future__ import annotations

import argparse

import _runner
import numpy as np

TUNE = ["document_furniture_tune.jsonl", "document_offtopic_tune.jsonl"]
SIZES = (50, 100, 200)


def main() -> int:
    import coding.coder as coder_module
    import coding.learner as learner_module
    from coding.codebook import DATA_DIR, default_codebook
    from coding.coder import AutoCoder, CoderConfig
    from coding.evaluate import curve_runs, load_gold

    parser = argparse.ArgumentParser()
    parser.add_argument("--embedder", default="tfidf")
    parser.add_argument("--no-guard", action="store_true")
    parser.add_argument("--fixed-threshold", action="store_true")
    args = parser.parse_args()
    if args.no_guard:
        coder_module.LEARNED_KEYWORD_MAX = float("inf")  # type: ignore[misc]
    if args.fixed_threshold:
        learner_module.MAX_SILENCED = 1.0  # type: ignore[misc]
    gold = [item for name in TUNE for item in load_gold(DATA_DIR / "eval" / name)]
    coder = AutoCoder(default_codebook(), config=CoderConfig(embedder=args.embedder))
    figures: dict[str, object] = {"embedder": coder.embedder.name, "passages": len(gold),
                                  "null": sum(g.pillar is None for g in gold)}
    for n in SIZES:
        rows = [[r.macro_f1, r.extra["abstain"]["recall"], r.extra["abstain"]["false_abstain_rate"]]
                for run in curve_runs(gold, n, coder=coder) for r in run]
        zero = np.mean(np.array(rows[0::2]), axis=0).round(3).tolist()
        learned = np.mean(np.array(rows[1::2]), axis=0).round(3).tolist()
        figures[f"n={n}"] = {"macro_f1": {"zero_shot": zero[0], "learned": learned[0]},
                             "null_abstained": {"zero_shot": zero[1], "learned": learned[1]},
                             "relevant_silenced": {"zero_shot": zero[2], "learned": learned[2]}}
    return _runner.report("learned_abstain_tune", figures, target=None, met=None)


if __name__ == "__main__":
    raise SystemExit(main())
