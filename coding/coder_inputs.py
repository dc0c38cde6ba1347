"""What the auto-coder takes in: fragments to code and analysts' decisions to learn from.

Apart from :mod:`coding.coder` so that :mod:`coding.training` (which the coder
calls to learn) can use them without importing the coder back.
"""

from __future__ import annotations

from dataclasses import dataclass

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
