"""Learning from "niet relevant" in a document study: does it silence the paragraphs that matter?

Both document tune sets together (701 passages, 501 of them ``null``: headings,
formulae, metadata, other policy areas) are what an analyst meets when studying
documents: most decisions are "niet relevant". For n = 50, 100, 200 (5 seeded
repeats, the samples of ``python -m coding evaluate --curve``) the coder learns
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
    from coding.evaluate import _curve_sample, inputs, load_gold, near_duplicate_groups, score, to_decisions

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
    groups = near_duplicate_groups([g.text for g in gold])
    figures: dict[str, object] = {"embedder": coder.embedder.name, "passages": len(gold),
                                  "null": sum(g.pillar is None for g in gold)}
    for n in SIZES:
        rows = []
        for repeat in range(5):
            chosen = _curve_sample(gold, n, np.random.default_rng(1000 + 17 * repeat + n))
            learned = {groups[i] for i in chosen}
            rest = [gold[i] for i in range(len(gold)) if groups[i] not in learned]
            row = []
            for decisions in ([], to_decisions([gold[i] for i in chosen])):
                coder.set_learner(coder.train(decisions) if decisions else None)
                result = score(rest, coder.predict(inputs(rest)), seconds=0.0)
                abstain = result.extra["abstain"]
                row += [result.macro_f1, abstain["recall"], abstain["false_abstain_rate"]]
            rows.append(row)
        mean = np.mean(np.array(rows), axis=0).round(3).tolist()
        figures[f"n={n}"] = {"macro_f1": {"zero_shot": mean[0], "learned": mean[3]},
                             "null_abstained": {"zero_shot": mean[1], "learned": mean[4]},
                             "relevant_silenced": {"zero_shot": mean[2], "learned": mean[5]}}
    return _runner.report("learned_abstain_tune", figures, target=None, met=None)


if __name__ == "__main__":
    raise SystemExit(main())
