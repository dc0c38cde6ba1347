"""Ranking a theme's fragments by representativeness (MMR) on hand-made vectors."""

from __future__ import annotations

import numpy as np
import pytest

from coding.evidence import RankSettings, centroid_similarity, rank, skeleton


def _vectors() -> np.ndarray:
    # three fragments on the theme's main axis (two of them near-duplicates), one off to the side,
    # one far away
    return np.array(
        [
            [1.0, 0.0, 0.0],  # 0 central
            [0.99, 0.01, 0.0],  # 1 near-duplicate of 0
            [0.8, 0.6, 0.0],  # 2 central-ish, different angle
            [0.7, 0.0, 0.7],  # 3 another angle
            [0.0, 0.0, 1.0],  # 4 outlier
        ]
    )


def test_pure_centroid_order_puts_the_outlier_last() -> None:
    order = [r.index for r in rank(_vectors(), RankSettings(mmr_lambda=1.0))]
    sims = centroid_similarity(_vectors())
    assert order == sorted(range(5), key=lambda i: -sims[i])
    assert order[-1] == 4


def test_diversity_pushes_the_near_duplicate_down() -> None:
    pure = [r.index for r in rank(_vectors(), RankSettings(mmr_lambda=1.0))]
    mmr = [r.index for r in rank(_vectors(), RankSettings(mmr_lambda=0.5))]
    assert pure.index(1) <= 1  # without diversity the duplicate is among the first two
    assert mmr.index(1) > mmr.index(2)  # with diversity another angle comes before the duplicate
    assert sorted(mmr) == list(range(5))


def test_limit_and_empty_input() -> None:
    assert len(rank(_vectors(), RankSettings(limit=2))) == 2
    assert rank(np.zeros((0, 3))) == []


def test_lambda_outside_unit_interval_is_refused() -> None:
    with pytest.raises(ValueError):
        RankSettings(mmr_lambda=1.5)


def test_skeleton_gives_three_to_five_points_with_every_fragment_as_evidence_once() -> None:
    vectors = np.vstack([_vectors(), _vectors() + 0.01, _vectors() * 2])
    texts = [f"tekst {i}" for i in range(len(vectors))]
    ids = [100 + i for i in range(len(vectors))]
    points = skeleton(texts, ids, vectors, evidence_per_point=100)
    assert 3 <= len(points) <= 5
    evidence = [i for p in points for i in p.evidence_ids]
    assert sorted(evidence) == ids  # every fragment supports exactly one point
    first = points[0]
    assert first.text == texts[first.evidence_ids[0] - 100]  # the point is the fragment's own words
    assert first.bullet.startswith("• tekst") and str(first.evidence_ids[0]) in first.bullet


def test_skeleton_of_two_fragments_has_two_points() -> None:
    points = skeleton(["a", "b"], [1, 2], np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert [p.evidence_ids for p in points] in ([[1], [2]], [[2], [1]])
