"""Interviews and their turns, as stored: create, read, status, plan, add and correct turns.

Every turn is stored at once in its own transaction (:func:`add_turn`), so a
refresh or a crash never loses an answer. Its ``seq`` is allocated under a lock
on the interview row (the first statement of the transaction updates it: a
write lock on SQLite, a row lock on PostgreSQL), so concurrent writers of one
interview queue instead of colliding on ``(interview_id, seq)``.

Reads and writes check the scan and, for interviewers, ownership: an
interviewer only reads and changes interviews they created
(:func:`require_interview`); analysts and admins of the scan may correct any. Conducting an interview step by step
is :mod:`models.interview_service`; where it stands is :mod:`models.interview_plan`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, selectinload

from models import schema as s
from models.auth import LOCAL, Actor
from models.content import scan_guide
from models.db import Database
from models.errors import InputError, NotFound, PermissionDenied
from models.events import record_event
from models.fragments import segment_interview
from models.status import INTERVIEW_KINDS, InterviewKind, InterviewSource, InterviewStatus, SpeakerRole, TurnKind
from texts import t

log = logging.getLogger(__name__)

QUESTION_KINDS = (TurnKind.QUESTION, TurnKind.PROBE, TurnKind.OWN)


MAX_TURN_CHARS = 1_000_000
TURN_WRITE_ATTEMPTS = 20
SHARED_OWNERS = ("", LOCAL.username)
"""Owners whose interviews every interviewer of the scan may conduct (made in single-user mode)."""


def require_interview(actor: Actor, interview: s.Interview, permission: str = "scan.view") -> None:
    """Refuse unless ``actor`` has ``permission`` in the interview's scan and, as an interviewer, owns it.

    The owner is the interviewer who created (or imported) the interview. An
    interview without an owner, or made by the single local user before users
    were configured, belongs to everyone assigned to the scan.
    """
    actor.require(permission, interview.scan_id)
    if actor.role == "interviewer" and interview.owner not in SHARED_OWNERS + (actor.username,):
        raise PermissionDenied("owner", what=t(f"permission.{permission}"))


def _lock_interview(session: Session, interview_id: int) -> None:
    """Take the write lock for this interview as the transaction's first statement."""
    statement = update(s.Interview).where(s.Interview.id == interview_id).values(status=s.Interview.status)
    session.execute(statement.execution_options(synchronize_session=False))


def create_interview(
    db: Database,
    actor: Actor,
    scan_id: int,
    *,
    title: str,
    kind: str,
    date: str,
    interviewer: str,
    participant_ids: Sequence[int],
    plan: Sequence[str] | None = None,
    source: str = InterviewSource.APP,
    source_filename: str | None = None,
) -> int:
    """Create an interview; ``plan`` defaults to the guide tailored by the participants' roles.

    The guide is the scan's (:func:`models.content.scan_guide`): a vervolgmeting's interviews use
    the version its nulmeting used, others the newest version.
    """
    actor.require("interview.import" if source == InterviewSource.IMPORT else "interview.conduct", scan_id)
    if kind not in INTERVIEW_KINDS:
        raise InputError(t("interview.error.kind"))
    if not participant_ids:
        raise InputError(t("interview.error.participants"))
    if kind == InterviewKind.INDIVIDUAL and len(participant_ids) != 1 and source == InterviewSource.APP:
        raise InputError(t("interview.error.individual"))
    guide_id, guide = scan_guide(db, scan_id)
    with db.session() as session:
        participants = list(
            session.scalars(
                select(s.Respondent).where(s.Respondent.id.in_(participant_ids), s.Respondent.scan_id == scan_id)
            )
        )
        if len(participants) != len(set(participant_ids)):
            raise InputError(t("interview.error.participants"))
        if plan is None:
            plan = guide.plan_for([p.role for p in participants])
        interview = s.Interview(
            scan_id=scan_id,
            title=title.strip() or t("interview.default_title", n=len(participants)),
            kind=kind,
            date=date,
            interviewer=interviewer.strip(),
            guide_version_id=guide_id,
            plan=list(plan),
            source=source,
            source_filename=source_filename,
            owner=actor.username,
        )
        interview.participants = participants
        session.add(interview)
        session.flush()
        record_event(
            session,
            actor,
            "interview.create",
            entity="interview",
            entity_id=interview.id,
            scan_id=scan_id,
            after={"title": interview.title, "kind": kind, "participants": [p.code for p in participants]},
        )
        return interview.id


def get_interview(db: Database, actor: Actor, interview_id: int) -> s.Interview:
    """An interview with participants loaded (turns are read with :func:`list_turns`)."""
    with db.session() as session:
        interview = session.scalar(
            select(s.Interview).where(s.Interview.id == interview_id).options(selectinload(s.Interview.participants))
        )
        if interview is None:
            raise NotFound("interview", interview_id)
        require_interview(actor, interview)
        return interview


def list_interviews(db: Database, actor: Actor, scan_id: int, *, include_documents: bool = False) -> list[s.Interview]:
    """The scan's interviews; studied documents (kind ``document``) only with ``include_documents``."""
    actor.require("scan.view", scan_id)
    with db.session() as session:
        query = select(s.Interview).where(s.Interview.scan_id == scan_id).order_by(s.Interview.id)
        if not include_documents:
            query = query.where(s.Interview.kind != InterviewKind.DOCUMENT)
        if actor.role == "interviewer":
            query = query.where(s.Interview.owner == actor.username)
        return list(session.scalars(query.options(selectinload(s.Interview.participants))))


def set_interview_status(db: Database, actor: Actor, interview_id: int, status: str) -> None:
    """Start, pause or finish an interview; finishing segments it into fragments."""
    if status not in (InterviewStatus.RUNNING, InterviewStatus.PAUSED, InterviewStatus.FINISHED):
        raise InputError(t("interview.error.status"))
    with db.session() as session:
        interview = session.get(s.Interview, interview_id)
        if interview is None:
            raise NotFound("interview", interview_id)
        require_interview(actor, interview, "interview.edit")
        before = interview.status
        interview.status = status
        if status == InterviewStatus.RUNNING and interview.started_at is None:
            interview.started_at = datetime.now(UTC)
        if status == InterviewStatus.FINISHED:
            interview.finished_at = datetime.now(UTC)
        record_event(
            session,
            actor,
            "interview.status",
            entity="interview",
            entity_id=interview_id,
            scan_id=interview.scan_id,
            before={"status": before},
            after={"status": status},
        )
    if status == InterviewStatus.FINISHED:
        segment_interview(db, interview_id)


def set_skipped_themes(db: Database, actor: Actor, interview_id: int, themes: Iterable[str]) -> None:
    """Remember the themes marked 'not relevant for this respondent'."""
    with db.session() as session:
        interview = session.get(s.Interview, interview_id)
        if interview is None:
            raise NotFound("interview", interview_id)
        require_interview(actor, interview, "interview.conduct")
        interview.skipped_themes = sorted(set(themes))


def update_plan(db: Database, actor: Actor, interview_id: int, plan: Sequence[str]) -> None:
    """Reorder or change the planned questions of an interview."""
    with db.session() as session:
        interview = session.get(s.Interview, interview_id)
        if interview is None:
            raise NotFound("interview", interview_id)
        require_interview(actor, interview, "interview.conduct")
        before = list(interview.plan)
        interview.plan = list(plan)
        record_event(
            session,
            actor,
            "interview.plan",
            entity="interview",
            entity_id=interview_id,
            scan_id=interview.scan_id,
            before={"plan": before},
            after={"plan": list(plan)},
        )


def add_turn(
    db: Database,
    actor: Actor,
    interview_id: int,
    *,
    kind: str,
    text: str,
    speaker_role: str,
    respondent_id: int | None = None,
    speaker_label: str = "",
    question_id: str | None = None,
    client_token: str | None = None,
    start_ms: int | None = None,
    end_ms: int | None = None,
) -> s.Turn:
    """Store one turn at once (its own transaction) and return it.

    Empty or whitespace-only answers are refused with a Dutch message. With a
    ``client_token`` the call is idempotent: a retry returns the stored turn.
    """
    if kind == TurnKind.ANSWER and not text.strip():
        raise InputError(t("turn.error.empty"))
    if kind in QUESTION_KINDS and not text.strip():
        raise InputError(t("turn.error.empty_question"))
    if len(text) > MAX_TURN_CHARS:
        raise InputError(t("turn.error.too_long", limit=f"{MAX_TURN_CHARS:,}".replace(",", ".")))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for attempt in range(TURN_WRITE_ATTEMPTS):
        try:
            with db.session() as session:
                _lock_interview(session, interview_id)
                if client_token:
                    existing = session.scalar(select(s.Turn).where(s.Turn.client_token == client_token))
                    if existing is not None:
                        return existing
                interview = session.get(s.Interview, interview_id)
                if interview is None:
                    raise NotFound("interview", interview_id)
                require_interview(
                    actor,
                    interview,
                    "interview.conduct" if interview.source == InterviewSource.APP else "interview.edit",
                )
                seq = (session.scalar(select(func.max(s.Turn.seq)).where(s.Turn.interview_id == interview_id)) or 0) + 1
                turn = s.Turn(
                    interview_id=interview_id,
                    seq=seq,
                    kind=kind,
                    speaker_role=speaker_role,
                    respondent_id=respondent_id,
                    speaker_label=speaker_label,
                    question_id=question_id,
                    text=text,
                    client_token=client_token,
                    start_ms=start_ms,
                    end_ms=end_ms,
                    created_by=actor.username,
                )
                session.add(turn)
                if interview.status == InterviewStatus.PLANNED:
                    interview.status = InterviewStatus.RUNNING
                    interview.started_at = datetime.now(UTC)
                session.flush()
                return turn
        except (IntegrityError, OperationalError) as exc:
            # the lock makes a seq collision unlikely; a busy database or a racing client token is retried
            if attempt == TURN_WRITE_ATTEMPTS - 1:
                raise
            log.info("turn write on interview %s retried (%s)", interview_id, type(exc).__name__)
            time.sleep(min(0.05 * (attempt + 1), 0.5))
    raise AssertionError("unreachable")


def list_turns(db: Database, interview_id: int) -> list[s.Turn]:
    with db.session() as session:
        return list(
            session.scalars(
                select(s.Turn)
                .where(s.Turn.interview_id == interview_id)
                .order_by(s.Turn.seq)
                .options(selectinload(s.Turn.respondent))
            )
        )


def update_turn(
    db: Database,
    actor: Actor,
    turn_id: int,
    *,
    text: str | None = None,
    respondent_id: int | None = None,
) -> None:
    """Correct a stored turn's text or speaker; the original stays in the event log."""
    with db.session() as session:
        turn = session.get(s.Turn, turn_id)
        if turn is None:
            raise NotFound("turn", turn_id)
        interview = session.get(s.Interview, turn.interview_id)
        assert interview is not None
        require_interview(actor, interview, "interview.edit")
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        if text is not None and text != turn.text:
            if turn.kind == TurnKind.ANSWER and not text.strip():
                raise InputError(t("turn.error.empty"))
            before["text"], after["text"] = turn.text, text
            turn.text = text.replace("\r\n", "\n")
            turn.text_version += 1
        if respondent_id is not None and respondent_id != turn.respondent_id:
            before["respondent_id"], after["respondent_id"] = turn.respondent_id, respondent_id
            turn.respondent_id = respondent_id
            turn.speaker_role = SpeakerRole.RESPONDENT
        if not after:
            return
        record_event(
            session,
            actor,
            "turn.edit",
            entity="turn",
            entity_id=turn_id,
            scan_id=interview.scan_id,
            before=before,
            after=after,
        )
        interview_id, finished = (
            interview.id,
            interview.status == InterviewStatus.FINISHED or interview.source == InterviewSource.IMPORT,
        )
    if finished and "text" in after:
        segment_interview(db, interview_id)


def set_quote_marked(db: Database, actor: Actor, turn_id: int, marked: bool = True) -> None:
    """Mark an answer as a quotable passage (citaat)."""
    with db.session() as session:
        turn = session.get(s.Turn, turn_id)
        if turn is None:
            raise NotFound("turn", turn_id)
        interview = session.get(s.Interview, turn.interview_id)
        assert interview is not None
        require_interview(actor, interview, "interview.edit")
        turn.quote_marked = marked
        record_event(
            session,
            actor,
            "turn.quote_mark",
            entity="turn",
            entity_id=turn_id,
            scan_id=interview.scan_id,
            after={"quote_marked": marked},
        )
