"""How well the codebook covers a topic's fragments, and whether the topic is a possible gap.

Split from :mod:`coding.topics`. A topic is a *possible gap in the codebook*
only when the codebook does not cover it: at least half of its fragments carry
no theme at all (uncoded, or coded with a pillar alone because no theme fits).
A topic whose fragments carry themes is covered, however many pillars those
themes belong to: a subject that touches several pillars is not missing from the
codebook. The spread over pillars still counts in ``novelty``, a 0..1 score to
sort on.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Coverage:
    """The codes a topic's fragments carry.

    Attributes:
        pillar_counts: Fragments per pillar.
        theme_counts: Fragments per theme code, most first.
        uncoded: Fragments without any code.
        without_theme: Fragments without a theme (uncoded, or a pillar alone).
        novelty: Share without a theme plus, of the rest, the spread over pillars (0..1).
        is_gap: At least ``gap_share`` of the fragments carry no theme.
    """

    pillar_counts: dict[str, int]
    theme_counts: dict[str, int]
    uncoded: int
    without_theme: int
    novelty: float
    is_gap: bool


def coverage(
    fragment_ids: Sequence[int],
    codes: Mapping[int, Sequence[str]],
    *,
    n_pillars: int = 5,
    gap_share: float = 0.5,
) -> Coverage:
    """Count the codes of a topic's fragments and decide whether the topic is a possible gap.

    Args:
        fragment_ids: The topic's fragments.
        codes: Fragment id → its codes (``"BEW"``, ``"INF.meldpunt"``); missing means uncoded.
        n_pillars: Number of pillars, to normalise the spread.
        gap_share: A topic is a gap when at least this share of its fragments carries no theme.
    """
    pillar_counts: Counter[str] = Counter()
    theme_counts: Counter[str] = Counter()
    uncoded = without_theme = 0
    for fragment_id in fragment_ids:
        carried = list(codes.get(fragment_id) or [])
        themes = {code for code in carried if "." in code}
        if not carried:
            uncoded += 1
        if not themes:
            without_theme += 1
        pillar_counts.update({code.split(".", 1)[0] for code in carried})
        theme_counts.update(themes)
    size = max(1, len(fragment_ids))
    share = without_theme / size
    spread = normalised_entropy(pillar_counts, n_pillars)
    novelty = share + (1.0 - share) * spread
    return Coverage(
        pillar_counts=dict(sorted(pillar_counts.items())),
        theme_counts=dict(theme_counts.most_common()),
        uncoded=uncoded,
        without_theme=without_theme,
        novelty=round(min(1.0, novelty), 4),
        is_gap=bool(fragment_ids) and share >= gap_share,
    )


def normalised_entropy(counts: Mapping[str, int], n_categories: int) -> float:
    """Shannon entropy of ``counts`` divided by its maximum over ``n_categories`` (0..1)."""
    total = sum(counts.values())
    if total == 0 or max(n_categories, len(counts)) < 2:
        return 0.0
    shares = np.array([count / total for count in counts.values() if count])
    return float(-(shares * np.log(shares)).sum() / math.log(max(n_categories, len(counts))))
