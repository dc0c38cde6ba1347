"""Conducting an interview: the steps the chat screen takes, as services.

Every step stores a turn at once through :func:`models.store.add_turn`; the
position is then recomputed from the stored turns (see
:mod:`models.interview_flow`), so the page keeps no state that a refresh
could lose.
"""

from __future__ import annotations

from dataclasses import dataclass

from models import store
from models.auth import Actor
from models.codebook import Guide
from models.db import Database
from models.interview_flow import FlowState, TurnView, compute_state
from texts import t


@dataclass
class Session:
    """An interview opened for conducting: its guide, plan and current state."""

    interview_id: int
    scan_id: int
    guide: Guide
    plan: list[str]
    state: FlowState
    turns: list[store.s.Turn]


def open_session(db: Database, actor: Actor, interview_id: int) -> Session:
    """Load an interview with its guide version and compute where it stands."""
    interview = store.get_interview(db, actor, interview_id)
    guide = (
        store.guide_version(db, interview.guide_version_id) if interview.guide_version_id else store.latest_guide(db)[1]
    )
    turns = store.list_turns(db, interview_id)
    views = [TurnView(turn.seq, turn.kind, turn.question_id, turn.text, turn.created_at) for turn in turns]
    state = compute_state(guide, list(interview.plan), views)
    return Session(interview_id, interview.scan_id, guide, list(interview.plan), state, turns)


def ask(db: Database, actor: Actor, session: Session, question_id: str, *, token: str | None = None) -> None:
    """Ask a guide question (store it as the interviewer's turn)."""
    question = session.guide.question(question_id)
    store.add_turn(
        db,
        actor,
        session.interview_id,
        kind="question",
        text=question.text,
        speaker_role="interviewer",
        speaker_label=t("speaker.interviewer"),
        question_id=question_id,
        client_token=token,
    )


def ask_next(db: Database, actor: Actor, session: Session, *, token: str | None = None) -> bool:
    """Ask the next planned question; False when the plan is done."""
    if session.state.next_question_id is None:
        return False
    ask(db, actor, session, session.state.next_question_id, token=token)
    return True


def go_back(db: Database, actor: Actor, session: Session, *, token: str | None = None) -> bool:
    """Ask the previous question again; False when there is none."""
    if session.state.previous_question_id is None:
        return False
    ask(db, actor, session, session.state.previous_question_id, token=token)
    return True


def skip(db: Database, actor: Actor, session: Session, *, token: str | None = None) -> None:
    """Skip the current question (stored as a marker) and ask the next one."""
    current = session.state.current_question_id
    if current is not None:
        store.add_turn(
            db,
            actor,
            session.interview_id,
            kind="skip",
            text=t("interview.skipped_marker"),
            speaker_role="interviewer",
            speaker_label=t("speaker.interviewer"),
            question_id=current,
            client_token=f"{token}-skip" if token else None,
        )
    refreshed = open_session(db, actor, session.interview_id)
    ask_next(db, actor, refreshed, token=token)


def ask_own(db: Database, actor: Actor, session: Session, text: str, *, token: str | None = None) -> None:
    """Store the interviewer's own question (marked as such)."""
    store.add_turn(
        db,
        actor,
        session.interview_id,
        kind="own",
        text=text,
        speaker_role="interviewer",
        speaker_label=t("speaker.interviewer"),
        client_token=token,
    )


def ask_probe(db: Database, actor: Actor, session: Session, text: str, *, token: str | None = None) -> None:
    """Store a doorvraag that the interviewer actually asked."""
    store.add_turn(
        db,
        actor,
        session.interview_id,
        kind="probe",
        text=text,
        speaker_role="interviewer",
        speaker_label=t("speaker.interviewer"),
        question_id=session.state.current_question_id,
        client_token=token,
    )


def answer(
    db: Database,
    actor: Actor,
    session: Session,
    text: str,
    *,
    respondent_id: int,
    token: str | None = None,
) -> store.s.Turn:
    """Store an answer of ``respondent_id`` to the current question."""
    return store.add_turn(
        db,
        actor,
        session.interview_id,
        kind="answer",
        text=text,
        speaker_role="respondent",
        respondent_id=respondent_id,
        question_id=session.state.current_question_id,
        client_token=token,
    )


def last_answer(session: Session) -> store.s.Turn | None:
    """The most recent answer turn, for 'mark as quote'."""
    for turn in reversed(session.turns):
        if turn.kind == "answer":
            return turn
    return None


def resume(db: Database, actor: Actor, session: Session, *, token: str | None = None) -> Session:
    """On (re)opening: ask the opening question of a new interview, or the next
    unanswered question when the last asked one was answered."""
    state = session.state
    if not session.turns or (state.current_question_id is None and not state.asked):
        ask(db, actor, session, session.guide.opening.id, token=token)
    elif not state.awaiting_answer and state.next_question_id is not None:
        ask_next(db, actor, session, token=token)
    else:
        return session
    return open_session(db, actor, session.interview_id)
