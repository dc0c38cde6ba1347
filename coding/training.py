"""Turning analysts' decisions into a :class:`~coding.learner.Learner`.

Decisions become labelled rows per level (pillar, theme): accept/add/recode
make ``code`` the label (a theme decision also labels its pillar), reject
feeds the reject centroids (and for recode the ``previous_code``),
irrelevant labels the row ``NONE`` at pillar level. Each row weighs 1 for a
decision in the scan being coded and ``CoderConfig.other_scan_weight`` for a
decision from another scan; the evidence ``n`` of ``w = n / (n + k)`` is the sum
of those weights, and ``k`` is fitted by internal cross-validation on these
rows only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from coding.coder_inputs import ACTIONS, DecisionExample, FragmentInput
from coding.learner import (
    NONE,
    Anchors,
    Features,
    Head,
    Learner,
    fit_k,
    fit_with_anchors,
    log_softmax,
    reject_centroids,
)

if TYPE_CHECKING:
    from coding.coder import AutoCoder

log = logging.getLogger(__name__)


@dataclass
class _Rows:
    """Labelled rows of one level: (text row, label, weight), rejects (text row, code), and the text rows
    labelled by a decision of the scan being coded (``own``)."""

    labels: dict[int, tuple[str, float]] = field(default_factory=dict)
    rejects: list[tuple[int, str]] = field(default_factory=list)
    own: set[int] = field(default_factory=set)


def _collect(coder: AutoCoder, decisions: Sequence[DecisionExample]) -> tuple[list[str], _Rows, _Rows, int]:
    texts: list[str] = []
    index: dict[str, int] = {}
    pillar, theme = _Rows(), _Rows()
    other = coder.config.other_scan_weight

    def row_of(text: str) -> int:
        if text not in index:
            index[text] = len(texts)
            texts.append(text)
        return index[text]

    def label(rows: _Rows, row: int, code: str, weight: float, own: bool) -> None:
        rows.labels[row] = (code, weight)
        if own:
            rows.own.add(row)
        else:
            rows.own.discard(row)  # the last decision on a text labels it

    def positive(row: int, code: str, weight: float, own: bool) -> None:
        head = code.split(".", 1)[0]
        if "." in code and code in coder.theme_codes:
            label(theme, row, code, weight, own)
        if head in coder.pillar_codes:
            label(pillar, row, head, weight, own)

    def negative(row: int, code: str) -> None:
        if "." in code:
            if code in coder.theme_codes:
                theme.rejects.append((row, code))
        elif code in coder.pillar_codes:
            pillar.rejects.append((row, code))

    used = 0
    for d in decisions:
        if d.action not in ACTIONS:
            log.warning("Ignoring decision with unknown action %r", d.action)
            continue
        used += 1
        weight = 1.0 if d.own_scan else other
        row = row_of(d.text)
        if d.action == "irrelevant":
            label(pillar, row, NONE, weight, d.own_scan)
        elif d.action in ("accept", "add", "recode") and d.code:
            positive(row, d.code, weight, d.own_scan)
            if d.action == "recode" and d.previous_code and d.previous_code != d.code:
                negative(row, d.previous_code)
        elif d.action == "reject" and d.code:
            negative(row, d.code)
    return texts, pillar, theme, used


def _head(coder: AutoCoder, codes: list[str], rows: _Rows, x: object, features: Features,
          zero_shot: np.ndarray, anchors: Anchors | None) -> Head | None:
    from scipy import sparse

    matrix = sparse.csr_matrix(x)
    if not rows.labels and not rows.rejects:
        return None
    classifier = None
    evidence = 0.0
    k = floor = own_evidence = 0.0
    none_threshold = coder.config.none_threshold
    if rows.labels:
        order = sorted(rows.labels)
        labels = [rows.labels[r][0] for r in order]
        weights = np.array([rows.labels[r][1] for r in order])
        sub = matrix[order]
        c = coder.config.learner_c
        k, floor, none_threshold = fit_k(sub, labels, weights, log_softmax(zero_shot[order]), codes, c=c,
                                         anchors=anchors, floor=coder.config.zero_shot_floor,
                                         none_threshold=coder.config.none_threshold,
                                         own=np.array([r in rows.own for r in order]))
        classifier = fit_with_anchors(sub, labels, weights, anchors, c=c)
        evidence = float(weights.sum())
        own_evidence = float(sum(w for r, w in zip(order, weights, strict=True) if r in rows.own))
    reject_codes, centroids = reject_centroids(features.char_only(matrix), rows.rejects)
    return Head(codes, classifier, evidence, k, reject_codes, centroids, floor, none_threshold, own_evidence)


def train(coder: AutoCoder, decisions: Sequence[DecisionExample]) -> Learner:
    """Learn from ``decisions`` what ``coder`` blends with its zero-shot distribution."""
    started = time.perf_counter()
    texts, pillar_rows, theme_rows, used = _collect(coder, decisions)
    learner = Learner(embedder=coder.embedder.name, signals=tuple(coder.config.signals), n_decisions=used)
    if not texts:
        return learner
    saved, coder.learner = coder.learner, None
    try:
        pillar_zs, theme_zs, signals = coder.zero_shot_logits([FragmentInput(t) for t in texts])
    finally:
        coder.learner = saved
    uses_ngrams = coder.embedder.name.startswith("tfidf")
    scale = 1.0 if coder.config.learner_embedding and not uses_ngrams else 0.0
    vectors, pillar_of, theme_of, anchor_texts = coder.prototype_table()
    anchor_list = [str(t) for t in anchor_texts]
    features = Features.fit([*texts, *anchor_list], embedding_scale=scale)
    x = features.transform(texts, signals.embeddings)
    x_anchor = features.transform(anchor_list, vectors)
    weight = coder.config.anchor_weight
    pillar_anchors = Anchors(x_anchor, [coder.pillar_codes[i] for i in pillar_of],
                             np.full(len(anchor_list), weight))
    keep = np.flatnonzero(theme_of >= 0)
    theme_anchors = Anchors(x_anchor[keep], [coder.theme_codes[theme_of[i]] for i in keep], np.full(len(keep), weight))
    learner.features = features
    learner.pillar = _head(coder, coder.pillar_codes, pillar_rows, x, features, pillar_zs, pillar_anchors)
    learner.theme = _head(coder, coder.theme_codes, theme_rows, x, features, theme_zs, theme_anchors)
    learner.meta = {
        "seconds": round(time.perf_counter() - started, 3),
        "codebook": coder.fingerprint,
        "temperature": coder.temperature,
        "k_pillar": learner.pillar.k if learner.pillar is not None else None,
        "w_pillar": round(learner.pillar.weight, 4) if learner.pillar is not None else None,
        "floor_pillar": learner.pillar.floor if learner.pillar is not None else None,
        "none_threshold": learner.pillar.none_threshold if learner.pillar is not None else None,
    }
    return learner
