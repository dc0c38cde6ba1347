"""Choose the settings of the ``far_document`` rule (:func:`coding.abstain.far_documents`) on the tune sets.

Codes both tune sets as document text (each line's ``source`` is its document)
with the rule off, then, for a grid of shares, least far neighbours and keyword
caps, counts the off-topic passages of ``document_offtopic_tune.jsonl`` the rule
would silence (among those still coded) and the on-topic passages of both tune
sets it would silence by mistake. Prints the grid and the largest catch with at
most ``--max-false`` of the on-topic passages lost (within one passage of it,
the stricter keyword cap). The report sets
(``other_orgs.jsonl``, the seed sentences) are never read.

    python bench/far_document_tune.py --embedder tfidf
"""

from __future__ import annotations

import itertools

import _runner

TUNE = _runner.DOCUMENT_TUNE_SETS
SHARES = (0.34, 0.5, 0.67)
LEAST = (1, 2, 3)
KEYWORD_CAPS = (0.4, 1.0, float("inf"))


def main() -> int:
    from coding.abstain import FAR_DOCUMENT_KEYWORD_MAX, FAR_DOCUMENT_MIN, FAR_DOCUMENT_SHARE, far_documents
    from coding.codebook import default_codebook
    from coding.coder import AutoCoder, CoderConfig, FragmentInput

    args = _runner.tune_grid_arguments(__doc__)
    rows = _runner.eval_rows(TUNE)
    config = CoderConfig(embedder=args.embedder, far_document=False)
    coder = AutoCoder(default_codebook(), config=config)
    items = [FragmentInput(r["text"], source="document", group=f"{name}:{r.get('source')}") for name, r in rows]
    predictions = coder.predict(items)
    reasons = [p.abstain_reason if p.abstained else None for p in predictions]
    keywords = coder.signals(items).keyword_hits
    off = [name == TUNE[0] and r["pillar"] is None and reason is None
           for (name, r), reason in zip(rows, reasons, strict=True)]
    topic = [r["pillar"] is not None for _, r in rows]
    grid = []
    for share, least, cap in itertools.product(SHARES, LEAST, KEYWORD_CAPS):
        after = far_documents(reasons, [i.group for i in items], keywords, window=config.group_window,
                              share=share, least=least, keyword_max=cap)
        silenced = [a == "far_document" for a in after]
        caught = sum(s and o for s, o in zip(silenced, off, strict=True))
        lost = sum(s and t for s, t in zip(silenced, topic, strict=True))
        grid.append({"share": share, "least": least, "keyword_max": None if cap == float("inf") else cap,
                     "caught": caught, "false": round(lost / max(sum(topic), 1), 4)})
        _runner.line(f"share {share:.2f}, least {least}, keyword ≤ {cap}",
                     f"off-topic caught {caught}/{sum(off)}, on-topic silenced {lost}/{sum(topic)}")
    allowed = [g for g in grid if g["false"] <= args.max_false]
    best = None
    if allowed:  # the largest catch; within one passage of it, the stricter keyword cap (codebook words stay coded)
        top = max(g["caught"] for g in allowed)
        near = [g for g in allowed if g["caught"] >= top - 1]
        best = min(near, key=lambda g: (float("inf") if g["keyword_max"] is None else g["keyword_max"], -g["caught"],
                                        g["false"]))
    figures = {"embedder": coder.embedder.name, "n_off_topic_open": sum(off), "n_on_topic": sum(topic),
               "chosen": best, "shipped": {"share": FAR_DOCUMENT_SHARE, "least": FAR_DOCUMENT_MIN,
                                           "keyword_max": FAR_DOCUMENT_KEYWORD_MAX}}
    return _runner.report("far_document_tune", figures, target=f"on-topic silenced <= {args.max_false}",
                          met=best is not None)


if __name__ == "__main__":
    raise SystemExit(main())
