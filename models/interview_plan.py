"""Where an interview stands, derived from its stored turns alone.

Nothing about the conversation's position lives only in the browser: the
position is recomputed from the turns after a refresh, a closed tab or a
killed server, so reopening an interview resumes where it was.

Turn kinds used here: ``question`` (a guide question was asked), ``probe``
(a doorvraag), ``own`` (the interviewer's own question), ``answer``, ``skip``
(the current question was skipped).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from coding.codebook import Guide, Question
from models.status import TurnKind

OWN_PREFIX = "EIGEN-"


@dataclass
class TurnView:
    """The fields of a stored turn the flow needs (decoupled from SQLAlchemy)."""

    seq: int
    kind: str
    question_id: str | None
    text: str = ""
    created_at: datetime | None = None


@dataclass
class PillarProgress:
    pillar: str
    asked: int
    planned: int


@dataclass
class FlowState:
    """The interview's position and progress."""

    current_question_id: str | None  # question answers now belong to
    next_question_id: str | None  # what "Volgende vraag" asks
    previous_question_id: str | None  # what "Terug" asks again
    asked: list[str] = field(default_factory=list)  # guide question ids asked, in order, unique
    answered: set[str] = field(default_factory=set)
    skipped: set[str] = field(default_factory=set)
    progress: list[PillarProgress] = field(default_factory=list)
    elapsed_minutes: float = 0.0
    finished_plan: bool = False

    @property
    def awaiting_answer(self) -> bool:
        return self.current_question_id is not None and self.current_question_id not in self.answered


def own_question_id(seq: int) -> str:
    """The question id an answer to the interviewer's own question (turn ``seq``) carries."""
    return f"{OWN_PREFIX}{seq}"


def compute_state(guide: Guide, plan: Sequence[str], turns: Sequence[TurnView]) -> FlowState:
    """Derive the position from the turns.

    The current question is the last asked one (guide or own). The next
    question is the first planned question after the current one in the plan
    that was not yet answered or skipped; when every later one is done, the
    first earlier one still open; when none is left, the closing question.
    """
    asked: list[str] = []
    answered: set[str] = set()
    skipped: set[str] = set()
    current: str | None = None
    for turn in turns:
        if turn.kind == TurnKind.QUESTION and turn.question_id:
            current = turn.question_id
            if current not in asked:
                asked.append(current)
        elif turn.kind == TurnKind.OWN:
            current = own_question_id(turn.seq)
        elif turn.kind == TurnKind.ANSWER and current is not None:
            answered.add(current)
        elif turn.kind == TurnKind.SKIP and turn.question_id:
            skipped.add(turn.question_id)
            current = None
    full_plan = [guide.opening.id, *plan, guide.closing.id]
    done = answered | skipped
    next_id: str | None = None
    anchor = current if current in full_plan else (asked[-1] if asked and asked[-1] in full_plan else None)
    start = full_plan.index(anchor) + 1 if anchor is not None else 0
    for question_id in full_plan[start:] + full_plan[:start]:
        if question_id not in done and question_id != current:
            next_id = question_id
            break
    guide_asked = [q for q in asked if q in full_plan]
    previous: str | None = None
    if current in guide_asked:
        index = guide_asked.index(current)
        previous = guide_asked[index - 1] if index > 0 else None
    elif guide_asked:
        previous = guide_asked[-1]
    progress = []
    for pillar in _pillars_in_order(guide, plan):
        planned = [q for q in plan if _pillar_of(guide, q) == pillar]
        progress.append(PillarProgress(pillar, sum(1 for q in planned if q in asked), len(planned)))
    times = [turn.created_at for turn in turns if turn.created_at is not None]
    elapsed = (max(times) - min(times)).total_seconds() / 60 if len(times) > 1 else 0.0
    return FlowState(
        current_question_id=current,
        next_question_id=next_id,
        previous_question_id=previous,
        asked=asked,
        answered=answered,
        skipped=skipped,
        progress=progress,
        elapsed_minutes=elapsed,
        finished_plan=next_id is None,
    )


def untouched_themes(guide: Guide, plan: Sequence[str], asked: Sequence[str], touched: set[str]) -> list[str]:
    """Planned themes that neither an asked question nor an answer has touched yet."""
    planned: list[str] = []
    for question_id in plan:
        question = _question(guide, question_id)
        for theme in question.themes if question else []:
            if theme not in planned:
                planned.append(theme)
    covered = set(touched)
    for question_id in asked:
        asked_question = _question(guide, question_id)
        if asked_question:
            covered.update(asked_question.themes)
    return [theme for theme in planned if theme not in covered]


def _question(guide: Guide, question_id: str) -> Question | None:
    try:
        return guide.question(question_id)
    except KeyError:
        return None


def _pillar_of(guide: Guide, question_id: str) -> str | None:
    question = _question(guide, question_id)
    return question.pillar if question else None


def _pillars_in_order(guide: Guide, plan: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for question_id in plan:
        pillar = _pillar_of(guide, question_id)
        if pillar and pillar not in seen:
            seen.append(pillar)
    return seen
