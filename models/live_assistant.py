"""The assistant that listens: live coding of answers and suggestions.

After each stored answer the turn is segmented and its fragments are coded by
the same auto-coder as the analysis (fast path: one turn, cached embeddings,
cached coder). When that takes longer than ``LIVE_BUDGET_SECONDS`` it goes on
in a background thread and the chat stays usable; the next rerun shows the
result. Suggestions (a probe for an untouched planned theme, or going to a
pillar planned for later that an answer strongly touches) are stored in
``suggestions`` with what the interviewer did with them, so that we can
measure whether they help.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from sqlalchemy import select

from coding.codebook import Guide
from models import schema as s
from models.auth import Actor
from models.content import codebook_data
from models.db import Database
from models.errors import NotFound
from models.events import record_event
from models.fragments import segment_interview
from models.interview_plan import untouched_themes
from models.interview_service import InterviewRun, ask_probe, open_run
from models.interviews import set_skipped_themes, update_plan
from models.status import CodingStatus, SuggestionStatus
from texts import t

log = logging.getLogger(__name__)

LIVE_BUDGET_SECONDS = float(os.environ.get("WEERBAAR_LIVE_BUDGET_MS", "300")) / 1000
JUMP_THRESHOLD = 0.6
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="weerbaar-live")


@dataclass(frozen=True)
class LiveFailure:
    """The last failed attempt of the assistant on an interview (kept in memory for the chat screen)."""

    turn_id: int
    error: str  # the exception's class name; the traceback is in the log


_failures: dict[int, LiveFailure] = {}
_failures_lock = threading.Lock()


@dataclass
class LiveOutcome:
    """What happened to one answer: coded in time, or still running in the background."""

    turn_id: int
    done: bool
    seconds: float | None = None


def code_answer(db: Database, actor: Actor, interview_id: int, turn_id: int) -> int:
    """Segment one answer turn and code its fragments; returns the number coded."""
    from models.autocode import autocode

    result = segment_interview(db, interview_id)
    with db.session() as session:
        ids = list(session.scalars(select(s.Fragment.id).where(s.Fragment.turn_id == turn_id)))
        scan_id = session.get(s.Interview, interview_id).scan_id  # type: ignore[union-attr]
    if not ids:
        return 0
    log.debug("live: %s new fragments for turn %s", result.fragments_created, turn_id)
    return autocode(db, scan_id=scan_id, interview_id=interview_id, actor=actor, fragment_ids=ids).coded


def after_answer(db: Database, actor: Actor, interview_id: int, turn_id: int) -> LiveOutcome:
    """Code a just-stored answer; wait at most ``LIVE_BUDGET_SECONDS``, then let it finish in the background."""
    started = time.perf_counter()
    future: Future[int] = _executor.submit(_code_and_suggest, db, actor, interview_id, turn_id)
    try:
        future.result(timeout=LIVE_BUDGET_SECONDS)
    except FutureTimeout:
        return LiveOutcome(turn_id, done=False)
    return LiveOutcome(turn_id, done=True, seconds=time.perf_counter() - started)


def _code_and_suggest(db: Database, actor: Actor, interview_id: int, turn_id: int) -> int:
    try:
        coded = code_answer(db, actor, interview_id, turn_id)
        refresh_suggestions(db, actor, interview_id, turn_id=turn_id)
    except Exception as exc:  # the chat must never break on the assistant: log it, keep it for the screen
        log.exception("live coding of turn %s (interview %s) failed", turn_id, interview_id)
        with _failures_lock:
            _failures[interview_id] = LiveFailure(turn_id, type(exc).__name__)
        return 0
    with _failures_lock:
        _failures.pop(interview_id, None)
    return coded


def last_failure(interview_id: int) -> str | None:
    """A Dutch note when the assistant's last attempt on this interview failed (the answer itself is stored)."""
    with _failures_lock:
        failure = _failures.get(interview_id)
    return t("live.error.failed", error=failure.error) if failure else None


def touched_themes(db: Database, interview_id: int, *, min_confidence: float = 0.0) -> set[str]:
    """Themes the answers of this interview touched: coded (not rejected) on its fragments."""
    with db.session() as session:
        rows = session.execute(
            select(s.Code.code, s.Coding.confidence)
            .join(s.Coding, s.Coding.code_id == s.Code.id)
            .join(s.Fragment, s.Fragment.id == s.Coding.fragment_id)
            .where(
                s.Fragment.interview_id == interview_id,
                s.Coding.status != CodingStatus.REJECTED,
                s.Coding.round_id.is_(None),
                s.Code.parent_id.is_not(None),
            )
        ).all()
    return {code for code, confidence in rows if confidence is None or confidence >= min_confidence}


def refresh_suggestions(db: Database, actor: Actor, interview_id: int, *, turn_id: int | None = None) -> list[int]:
    """Offer (and log) what the assistant suggests now; returns ids of new offers."""
    run = open_run(db, actor, interview_id)
    with db.session() as session:
        interview = session.get(s.Interview, interview_id)
        assert interview is not None
        skipped = set(interview.skipped_themes or [])
        offered = {
            (row.kind, row.target)
            for row in session.scalars(select(s.Suggestion).where(s.Suggestion.interview_id == interview_id))
        }
        codebook = codebook_data(session, session.get(s.Scan, interview.scan_id).codebook_id)  # type: ignore[union-attr]
    guide = run.guide
    names = {theme.code: theme.name for theme in codebook.themes()} | {p.code: p.name for p in codebook.pillars}
    new: list[s.Suggestion] = []
    open_themes = [
        theme
        for theme in untouched_themes(guide, run.plan, run.state.asked, touched_themes(db, interview_id))
        if theme not in skipped
    ]
    for theme in open_themes:
        if ("probe", theme) in offered:
            continue
        probe = _probe_for(guide, run.plan, theme)
        if probe:
            new.append(
                s.Suggestion(
                    interview_id=interview_id,
                    turn_id=turn_id,
                    kind="probe",
                    target=theme,
                    text=t("live.probe", theme=names.get(theme, theme), probe=probe),
                )
            )
            break  # one probe suggestion at a time
    if turn_id is not None:
        pillar = _strong_later_pillar(db, run, turn_id)
        if pillar and ("jump", pillar) not in offered:
            new.append(
                s.Suggestion(
                    interview_id=interview_id,
                    turn_id=turn_id,
                    kind="jump",
                    target=pillar,
                    text=t("live.jump", pillar=names.get(pillar, pillar)),
                )
            )
    if not new:
        return []
    with db.session() as session:
        session.add_all(new)
        session.flush()
        return [row.id for row in new]


def _probe_for(guide: Guide, plan: list[str], theme: str) -> str | None:
    """The first probe of a planned question about ``theme`` (else the question itself)."""
    for question in guide.questions:
        if question.id in plan and theme in question.themes:
            return question.probes[0] if question.probes else question.text
    return None


def _strong_later_pillar(db: Database, run: InterviewRun, turn_id: int) -> str | None:
    """A pillar planned for later that this answer touches with probability ≥ ``JUMP_THRESHOLD``."""
    with db.session() as session:
        rows = session.execute(
            select(s.Fragment.top_pillar, s.Fragment.confidence).where(s.Fragment.turn_id == turn_id)
        ).all()
    strong = {pillar for pillar, confidence in rows if pillar and (confidence or 0) >= JUMP_THRESHOLD}
    asked = set(run.state.asked)
    later = {
        question.pillar for question in run.guide.questions if question.id in run.plan and question.id not in asked
    }
    current = run.state.current_question_id
    current_pillar = None
    if current:
        try:
            current_pillar = run.guide.question(current).pillar
        except KeyError:
            current_pillar = None
    for pillar in strong:
        if pillar in later and pillar != current_pillar:
            return pillar
    return None


def open_suggestions(db: Database, interview_id: int) -> list[s.Suggestion]:
    """Suggestions offered and not yet taken, skipped or marked not relevant."""
    with db.session() as session:
        return list(
            session.scalars(
                select(s.Suggestion)
                .where(s.Suggestion.interview_id == interview_id, s.Suggestion.status == SuggestionStatus.OFFERED)
                .order_by(s.Suggestion.id)
            )
        )


def resolve_suggestion(db: Database, actor: Actor, suggestion_id: int, action: str) -> None:
    """Take, skip or mark 'not relevant' a suggestion, and act on it.

    Taking a probe stores it as a doorvraag asked; taking a jump moves that
    pillar's unasked questions right after the current position of the plan;
    'not relevant' remembers the theme as skipped for this respondent.
    """
    if action not in (SuggestionStatus.TAKEN, SuggestionStatus.SKIPPED, SuggestionStatus.NOT_RELEVANT):
        raise ValueError(action)
    with db.session() as session:
        suggestion = session.get(s.Suggestion, suggestion_id)
        if suggestion is None:
            raise NotFound("suggestion", suggestion_id)
        interview = session.get(s.Interview, suggestion.interview_id)
        assert interview is not None
        actor.require("interview.conduct", interview.scan_id)
        suggestion.status = action
        kind, target, interview_id = suggestion.kind, suggestion.target, interview.id
        record_event(
            session,
            actor,
            f"suggestion.{action}",
            entity="suggestion",
            entity_id=suggestion_id,
            scan_id=interview.scan_id,
            after={"kind": kind, "target": target},
        )
        skipped = list(interview.skipped_themes or [])
    view = open_run(db, actor, interview_id)
    if action == SuggestionStatus.NOT_RELEVANT and kind == "probe":
        set_skipped_themes(db, actor, interview_id, [*skipped, target])
    elif action == SuggestionStatus.TAKEN and kind == "probe":
        probe = _probe_for(view.guide, view.plan, target)
        if probe:
            ask_probe(db, actor, view, probe)
    elif action == SuggestionStatus.TAKEN and kind == "jump":
        update_plan(db, actor, interview_id, reorder_plan(view.guide, view.plan, view.state.asked, target))


def reorder_plan(guide: Guide, plan: list[str], asked: list[str], pillar: str) -> list[str]:
    """Move ``pillar``'s unasked questions to the front of the unasked part; nothing is lost or doubled."""
    done = [q for q in plan if q in asked]
    todo = [q for q in plan if q not in asked]
    moved = [q for q in todo if guide.question(q).pillar == pillar]
    rest = [q for q in todo if q not in moved]
    return done + moved + rest
