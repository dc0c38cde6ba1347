"""What the auto-coder takes in (fragments, analysts' decisions) and its per-fragment signals.

Apart from :mod:`coding.coder` so that :mod:`coding.training` (which the coder
calls to learn) can use them without importing the coder back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

ACTIONS: tuple[str, ...] = ("accept", "reject", "recode", "add", "irrelevant")
"""The actions of a :class:`DecisionExample`."""


@dataclass(frozen=True)
class FragmentInput:
    """A fragment to code, with the guide question it answers (if known) and its ``source``
    (``"speech"``, or ``"document"`` for the text of a studied document: furniture rules apply)."""

    text: str
    question_pillar: str | None = None
    question_themes: tuple[str, ...] = ()
    source: str = "speech"


@dataclass(frozen=True)
class DecisionExample:
    """One analyst decision as training data.

    ``action``: ``accept``/``add`` (``code`` is right), ``reject`` (``code`` is
    wrong), ``recode`` (``code`` is right, ``previous_code`` was wrong) or
    ``irrelevant`` (the fragment should get no code; ``code`` may be empty).
    Codes are pillars or themes. ``own_scan`` is false for a decision made in
    another scan (it weighs ``CoderConfig.other_scan_weight``).
    """

    text: str
    code: str
    action: str = "accept"
    previous_code: str | None = None
    own_scan: bool = True


@dataclass
class Signals:
    """Per-signal logits (already weighted), in codebook order."""

    pillar: dict[str, np.ndarray]
    theme: dict[str, np.ndarray]
    embeddings: np.ndarray
    keyword_hits: np.ndarray | None = None  # best raw lexicon score per fragment (0 = no keyword)
    max_similarity: np.ndarray | None = None  # best similarity to any prototype
    background: np.ndarray | None = None  # best similarity to a policy area outside the scan


def prototype_texts(entry: Any) -> list[str]:
    """Prototype texts of a pillar or theme: name with full definition, and keywords.

    The short definition, when-to-use and example are for the analyst: as extra
    prototypes they lowered macro-F1 on both dev sets (max over vaguer texts).
    """
    texts = [f"{entry.name}. {entry.description}"]
    if entry.keywords:
        texts.append(", ".join(entry.keywords))
    return texts
