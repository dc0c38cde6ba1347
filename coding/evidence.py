"""Which fragments of a theme represent it best: centroid closeness with diversity (MMR).

Pure: vectors in, an order out. The report's evidence panel shows a theme's
accepted fragments in this order, and the starting skeleton of a theme offers
its 3–5 most representative points as bullets with their evidence.

Representativeness of fragment *i* is the cosine similarity of its vector to
the theme's centroid (the normalised mean of the theme's vectors). Maximal
marginal relevance then picks, step by step, the fragment with the highest

    λ · relevance(i) − (1 − λ) · max over picked j of cos(i, j)

so near-duplicates of a fragment already shown sink down the list. ``λ = 1``
is pure centroid order; ``λ = 0`` is pure diversity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

DEFAULT_LAMBDA = 0.7
SKELETON_MIN_POINTS = 3
SKELETON_MAX_POINTS = 5
POINT_MAX_CHARS = 240


@dataclass(frozen=True)
class RankSettings:
    """Settings of the ranking (keyword-only, with defaults)."""

    mmr_lambda: float = DEFAULT_LAMBDA
    limit: int | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.mmr_lambda <= 1.0:
            raise ValueError(f"mmr_lambda must lie in [0, 1], got {self.mmr_lambda}")


@dataclass(frozen=True)
class Ranked:
    """One fragment's place: its index in the input, centroid similarity and MMR score when picked."""

    index: int
    relevance: float
    mmr: float


@dataclass
class SkeletonPoint:
    """A bullet of the starting skeleton: a representative fragment and the fragments close to it."""

    text: str
    evidence_ids: list[int] = field(default_factory=list)

    @property
    def bullet(self) -> str:
        ids = ", ".join(str(i) for i in self.evidence_ids)
        return f"• {self.text} [fragmenten {ids}]"


def _normalise(vectors: np.ndarray) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError("vectors must be a 2-D array (one row per fragment)")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def centroid_similarity(vectors: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row to the normalised mean of all rows."""
    unit = _normalise(vectors)
    if len(unit) == 0:
        return np.zeros(0)
    centre = unit.mean(axis=0)
    norm = float(np.linalg.norm(centre))
    if norm == 0.0:
        return np.zeros(len(unit))
    return np.asarray(unit @ (centre / norm))


def rank(vectors: np.ndarray, settings: RankSettings | None = None) -> list[Ranked]:
    """Order fragments by representativeness with diversity (MMR).

    Args:
        vectors: One embedding per fragment (any scale; rows are normalised).
        settings: λ and an optional limit; defaults to :class:`RankSettings`.

    Returns:
        The picked fragments, best first; ties keep input order.
    """
    settings = settings or RankSettings()
    unit = _normalise(vectors)
    count = len(unit)
    if count == 0:
        return []
    relevance = centroid_similarity(unit)
    similarity = unit @ unit.T
    limit = count if settings.limit is None else min(settings.limit, count)
    lam = settings.mmr_lambda
    picked: list[Ranked] = []
    remaining = list(range(count))
    max_sim = np.full(count, -np.inf)
    while remaining and len(picked) < limit:
        if picked:
            scores = lam * relevance[remaining] - (1.0 - lam) * max_sim[remaining]
        else:
            scores = relevance[remaining].copy()
        best_pos = int(np.argmax(scores))  # first maximum: stable for ties
        best = remaining.pop(best_pos)
        picked.append(Ranked(best, float(relevance[best]), float(scores[best_pos])))
        max_sim = np.maximum(max_sim, similarity[best])
    return picked


def _shorten(text: str, limit: int = POINT_MAX_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " […]"


def skeleton(
    texts: Sequence[str],
    ids: Sequence[int],
    vectors: np.ndarray,
    *,
    settings: RankSettings | None = None,
    max_points: int = SKELETON_MAX_POINTS,
    min_points: int = SKELETON_MIN_POINTS,
    evidence_per_point: int = 4,
) -> list[SkeletonPoint]:
    """The 3–5 most representative points of a theme, each with the fragments that support it.

    The points are the first MMR picks (as many as there are fragments, between
    ``min_points`` and ``max_points``: one per three fragments); every other
    fragment supports the point it is most similar to. A point's text is its
    fragment's own words (shortened), never a paraphrase.
    """
    if not (len(texts) == len(ids) == len(vectors)):
        raise ValueError("texts, ids and vectors must have the same length")
    count = len(texts)
    if count == 0:
        return []
    wanted = max(min_points, min(max_points, -(-count // 3)))
    wanted = min(wanted, count)
    base = settings or RankSettings()
    order = rank(vectors, RankSettings(mmr_lambda=base.mmr_lambda, limit=wanted))
    heads = [r.index for r in order]
    unit = _normalise(vectors)
    support: dict[int, list[tuple[float, int]]] = {h: [] for h in heads}
    for i in range(count):
        if i in support:
            continue
        sims = unit[heads] @ unit[i]
        best = heads[int(np.argmax(sims))]
        support[best].append((float(np.max(sims)), i))
    points = []
    for head in heads:
        rest = [i for _sim, i in sorted(support[head], key=lambda p: (-p[0], p[1]))][: evidence_per_point - 1]
        points.append(SkeletonPoint(_shorten(texts[head]), [int(ids[head])] + [int(ids[i]) for i in rest]))
    return points
