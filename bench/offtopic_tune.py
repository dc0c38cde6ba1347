"""Choose the background margin of the off-topic check (:mod:`coding.background`) on the tune sets.

Codes the tune sets as document text with the background check off, then, for a
grid of margins, counts the off-topic passages of ``document_offtopic_tune.jsonl``
that the check would silence (among those no other rule silenced) and the
on-topic passages of both tune sets it would silence by mistake. Prints the grid
and the largest catch with at most ``--max-false`` of the on-topic passages lost.
The report sets (``other_orgs.jsonl``, the seed sentences) are never read.

    python bench/offtopic_tune.py --embedder tfidf
"""

from __future__ import annotations

import _runner
import numpy as np

TUNE = _runner.DOCUMENT_TUNE_SETS


def main() -> int:
    from coding.abstain import rule_reasons
    from coding.background import background_margin, closer_to_background
    from coding.codebook import default_codebook
    from coding.coder import AutoCoder, CoderConfig, FragmentInput

    args = _runner.tune_grid_arguments(__doc__)
    rows = _runner.eval_rows(TUNE)
    coder = AutoCoder(default_codebook(), config=CoderConfig(embedder=args.embedder))
    signals = coder.signals([FragmentInput(r["text"], source="document") for _, r in rows])
    assert signals.keyword_hits is not None and signals.max_similarity is not None and signals.background is not None
    reasons = rule_reasons([r["text"] for _, r in rows], [True] * len(rows), signals.keyword_hits)
    open_rows = np.array([reason is None for reason in reasons])
    off = np.array([name == TUNE[0] and r["pillar"] is None for name, r in rows]) & open_rows
    topic = np.array([r["pillar"] is not None for _, r in rows])
    grid = []
    for margin in np.round(np.arange(-0.02, 0.121, 0.005), 3):
        silenced = closer_to_background(signals.background, signals.max_similarity, signals.keyword_hits, float(margin))
        grid.append({"margin": float(margin), "caught": round(float(silenced[off].mean()), 4),
                     "false": round(float(silenced[topic].mean()), 4)})
        _runner.line(f"margin {margin:+.3f}", f"off-topic caught {grid[-1]['caught']:.3f}, "
                     f"on-topic silenced {grid[-1]['false']:.3f}")
    allowed = [g for g in grid if g["false"] <= args.max_false]
    best = max(allowed, key=lambda g: (g["caught"], g["margin"])) if allowed else None
    figures = {"embedder": coder.embedder.name, "n_off_topic_open": int(off.sum()), "n_on_topic": int(topic.sum()),
               "chosen": best, "shipped_margin": background_margin(coder.embedder.name)}
    return _runner.report("offtopic_tune", figures, target=f"on-topic silenced <= {args.max_false}", met=best is not None)


if __name__ == "__main__":
    raise SystemExit(main())
