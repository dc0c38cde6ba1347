"""Conducting an interview: the steps the chat screen takes, as services.

Every step stores a turn at once through :func:`models.interviews.add_turn`; the
position is then recomputed from the stored turns (see
:mod:`models.interview_plan`), so the page keeps no state that a refresh
could lose.
"""

from __future__ import annotations

from dataclasses import dataclass

from coding.codebook import Guide, Question
from models import schema as s
from models.auth import Actor
from models.content import guide_version, latest_guide
from models.db import Database
from models.interview_plan import FlowState, TurnView, compute_state
from models.interviews import add_turn, get_interview, list_turns, require_interview
from models.status import SpeakerRole, TurnKind
from texts import t


@dataclass
class InterviewRun:
    """An interview opened for conducting: its guide, plan, stored turns and position.

    ``kind`` is the interview's kind: a group interview (``"groep"``) asks the
    guide's group wording where it has one (the opening addresses "jullie").
    """

    interview_id: int
    scan_id: int
    guide: Guide
    plan: list[str]
    state: FlowState
    turns: list[s.Turn]
    kind: str = "individueel"

    def question(self, question_id: str) -> Question:
        """A guide question as asked in this interview (the group wording for a group)."""
        return self.guide.question(question_id).for_kind(self.kind)


def open_run(db: Database, actor: Actor, interview_id: int) -> InterviewRun:
    """Load an interview with its guide version and compute where it stands."""
    interview = get_interview(db, actor, interview_id)
    guide = guide_version(db, interview.guide_version_id) if interview.guide_version_id else latest_guide(db)[1]
    turns = list_turns(db, interview_id)
    views = [TurnView(turn.seq, turn.kind, turn.question_id, turn.text, turn.created_at) for turn in turns]
    state = compute_state(guide, list(interview.plan), views)
    return InterviewRun(interview_id, interview.scan_id, guide, list(interview.plan), state, turns, str(interview.kind))


def ask(db: Database, actor: Actor, run: InterviewRun, question_id: str, *, token: str | None = None) -> None:
    """Ask a guide question (store it as the interviewer's turn), in the group wording for a group."""
    question = run.question(question_id)
    add_turn(
        db,
        actor,
        run.interview_id,
        kind=TurnKind.QUESTION,
        text=question.text,
        speaker_role=SpeakerRole.INTERVIEWER,
        speaker_label=t("speaker.interviewer"),
        question_id=question_id,
        client_token=token,
    )


def _may_conduct(db: Database, actor: Actor, run: InterviewRun) -> None:
    """Refuse before anything is decided when ``actor`` may not conduct this interview (scan and owner)."""
    require_interview(actor, get_interview(db, actor, run.interview_id), "interview.conduct")


def ask_next(db: Database, actor: Actor, run: InterviewRun, *, token: str | None = None) -> bool:
    """Ask the next planned question; False when the plan is done."""
    _may_conduct(db, actor, run)
    if run.state.next_question_id is None:
        return False
    ask(db, actor, run, run.state.next_question_id, token=token)
    return True


def go_back(db: Database, actor: Actor, run: InterviewRun, *, token: str | None = None) -> bool:
    """Ask the previous question again; False when there is none."""
    _may_conduct(db, actor, run)
    if run.state.previous_question_id is None:
        return False
    ask(db, actor, run, run.state.previous_question_id, token=token)
    return True


def skip(db: Database, actor: Actor, run: InterviewRun, *, token: str | None = None) -> None:
    """Skip the current question (stored as a marker) and ask the next one."""
    _may_conduct(db, actor, run)
    current = run.state.current_question_id
    if current is not None:
        add_turn(
            db,
            actor,
            run.interview_id,
            kind=TurnKind.SKIP,
            text=t("interview.skipped_marker"),
            speaker_role=SpeakerRole.INTERVIEWER,
            speaker_label=t("speaker.interviewer"),
            question_id=current,
            client_token=f"{token}-skip" if token else None,
        )
    refreshed = open_run(db, actor, run.interview_id)
    ask_next(db, actor, refreshed, token=token)


def ask_own(db: Database, actor: Actor, run: InterviewRun, text: str, *, token: str | None = None) -> None:
    """Store the interviewer's own question (marked as such)."""
    add_turn(
        db,
        actor,
        run.interview_id,
        kind=TurnKind.OWN,
        text=text,
        speaker_role=SpeakerRole.INTERVIEWER,
        speaker_label=t("speaker.interviewer"),
        client_token=token,
    )


def ask_probe(db: Database, actor: Actor, run: InterviewRun, text: str, *, token: str | None = None) -> None:
    """Store a doorvraag that the interviewer actually asked."""
    add_turn(
        db,
        actor,
        run.interview_id,
        kind=TurnKind.PROBE,
        text=text,
        speaker_role=SpeakerRole.INTERVIEWER,
        speaker_label=t("speaker.interviewer"),
        question_id=run.state.current_question_id,
        client_token=token,
    )


def answer(
    db: Database,
    actor: Actor,
    run: InterviewRun,
    text: str,
    *,
    respondent_id: int,
    token: str | None = None,
) -> s.Turn:
    """Store an answer of ``respondent_id`` to the current question."""
    return add_turn(
        db,
        actor,
        run.interview_id,
        kind=TurnKind.ANSWER,
        text=text,
        speaker_role=SpeakerRole.RESPONDENT,
        respondent_id=respondent_id,
        question_id=run.state.current_question_id,
        client_token=token,
    )


def last_answer(run: InterviewRun) -> s.Turn | None:
    """The most recent answer turn, for 'mark as quote'."""
    for turn in reversed(run.turns):
        if turn.kind == TurnKind.ANSWER:
            return turn
    return None


def resume(db: Database, actor: Actor, run: InterviewRun, *, token: str | None = None) -> InterviewRun:
    """On (re)opening: ask the opening question of a new interview, or the next
    unanswered question when the last asked one was answered."""
    _may_conduct(db, actor, run)
    state = run.state
    if not run.turns or (state.current_question_id is None and not state.asked):
        ask(db, actor, run, run.guide.opening.id, token=token)
    elif not state.awaiting_answer and state.next_question_id is not None:
        ask_next(db, actor, run, token=token)
    else:
        return run
    return open_run(db, actor, run.interview_id)
