"""The review queue: fragments with their codes and context, one page at a time.

Read-only: the cards and options the review screen draws. Decisions on the
cards go through :mod:`models.decisions`, memos through :mod:`models.memos`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import schema as s
from models.auth import Actor
from models.db import Database
from models.decisions import pillar_of, scan_codes
from models.interviews import QUESTION_KINDS
from models.review_filters import Order, ReviewFilters, filtered_query, ordered_query
from models.scans import respondent_label
from models.surveys import survey_context
from texts import t

CONTEXT_CHARS = 300
"""Turns before and after a fragment are cut to this many characters."""


@dataclass(frozen=True)
class ContextTurn:
    """A turn around a fragment, shortened; the speaker is never a real name."""

    speaker: str
    text: str


@dataclass(frozen=True)
class CodeView:
    """A working coding on a fragment as the desk shows it."""

    code: str
    name: str
    source: str
    status: str
    coder: str
    confidence: float | None


@dataclass(frozen=True)
class FragmentCard:
    """One fragment in the queue with everything needed to decide on it."""

    fragment_id: int
    scan_id: int
    interview_id: int
    interview_title: str
    turn_id: int
    text: str
    respondent: str
    role: str | None
    department: str | None
    question: str | None
    before: ContextTurn | None
    after: ContextTurn | None
    status: str
    pillar: str | None
    theme: str | None
    confidence: float | None
    margin: float | None
    quote_candidate: bool
    codes: list[CodeView] = field(default_factory=list)
    position: int = 0
    source: str | None = None  # a studied document: "Integriteitsbeleid 2021, p. 4 — 2.1 Meldregeling"
    abstain_reason: str | None = None  # the auto-coder proposed no code, and why


@dataclass(frozen=True)
class CodeOption:
    """A code of the scan's codebook, labelled for a picker."""

    code: str
    name: str
    pillar: str
    is_theme: bool
    id: int = 0

    @property
    def label(self) -> str:
        return f"{self.code} — {self.name}"


@dataclass(frozen=True)
class FilterOptions:
    interviews: list[tuple[int, str]]
    roles: list[str]
    departments: list[str]


def shorten(text: str, limit: int = CONTEXT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _speaker(turn: s.Turn, respondents: dict[int, s.Respondent]) -> str:
    if turn.speaker_role == "interviewer":
        return t("speaker.interviewer")
    if turn.respondent_id is not None and turn.respondent_id in respondents:
        return respondent_label(respondents[turn.respondent_id])
    return t("speaker.unknown")


def question_before(session: Session, interview_id: int, seq: int) -> str | None:
    return session.scalar(
        select(s.Turn.text)
        .where(
            s.Turn.interview_id == interview_id,
            s.Turn.seq < seq,
            s.Turn.speaker_role == "interviewer",
            s.Turn.kind.in_(QUESTION_KINDS),
        )
        .order_by(s.Turn.seq.desc())
        .limit(1)
    )


def queue(
    db: Database,
    actor: Actor,
    scan_id: int,
    *,
    filters: ReviewFilters | None = None,
    order: Order = "uncertain",
    offset: int = 0,
    limit: int = 1,
) -> tuple[list[FragmentCard], int]:
    """Fragments to review, with their context, and how many match the filters.

    Filtering, ordering and paging happen in SQL; only the ``limit`` fragments
    shown are loaded.

    Args:
        db: The database.
        actor: Who is looking (needs ``scan.view``).
        scan_id: The scan.
        filters: What to show (default: everything).
        order: ``uncertain`` (smallest margin between the two top pillars
            first; fragments without a suggestion last), ``interview``
            (transcript order) or ``confidence`` (highest confidence first).
        offset: Position in the ordered queue of the first fragment returned.
        limit: How many fragments to return (the desk shows one).

    Returns:
        The cards and the total number of fragments matching the filters.
    """
    actor.require("scan.view", scan_id)
    filters = filters or ReviewFilters()
    with db.session() as session:
        total = session.scalar(filtered_query(scan_id, filters, func.count(s.Fragment.id))) or 0
        if total == 0 or limit <= 0:
            return [], total
        offset = max(0, offset)
        page = list(
            session.scalars(
                ordered_query(filtered_query(scan_id, filters, s.Fragment.id, join_turn=order == "interview"), order)
                .offset(offset)
                .limit(limit)
            )
        )
        if not page:
            return [], total
        loaded = {
            fragment.id: (fragment, turn, respondent)
            for fragment, turn, respondent in session.execute(
                select(s.Fragment, s.Turn, s.Respondent)
                .join(s.Turn, s.Turn.id == s.Fragment.turn_id)
                .outerjoin(s.Respondent, s.Respondent.id == s.Turn.respondent_id)
                .where(s.Fragment.id.in_(page))
            ).all()
        }
        rows = [loaded[fid] for fid in page]
        fragment_ids = [row[0].id for row in rows]
        names = {code: row.name for code, row in scan_codes(session, scan_id).items()}
        codes: dict[int, list[CodeView]] = {fid: [] for fid in fragment_ids}
        for coding, code in session.execute(
            select(s.Coding, s.Code.code)
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .where(s.Coding.fragment_id.in_(fragment_ids), s.Coding.round_id.is_(None))
            .order_by(s.Coding.id)
        ):
            codes[coding.fragment_id].append(
                CodeView(code, names.get(code, code), coding.source, coding.status, coding.coder, coding.confidence)
            )
        titles: dict[int, str] = dict(
            session.execute(
                select(s.Interview.id, s.Interview.title).where(
                    s.Interview.id.in_({row[0].interview_id for row in rows})
                )
            ).all()
        )
        documents: dict[int, str] = dict(
            session.execute(
                select(s.Document.interview_id, s.Document.title).where(
                    s.Document.interview_id.in_({row[0].interview_id for row in rows})
                )
            ).all()
        )
        cards: list[FragmentCard] = []
        survey_questions = survey_context(session, [turn.id for _, turn, _ in rows])  # open survey answers
        for index, (fragment, turn, respondent) in enumerate(rows):
            survey_question = survey_questions.get(turn.id)
            if fragment.interview_id in documents:  # a paragraph of a studied document: its place, not a question
                cards.append(_document_card(fragment, turn, documents[fragment.interview_id], codes, offset + index))
                continue
            neighbours = {
                n.seq: n
                for n in session.scalars(
                    select(s.Turn).where(
                        s.Turn.interview_id == turn.interview_id, s.Turn.seq.in_((turn.seq - 1, turn.seq + 1))
                    )
                )
            }
            people_ids = {n.respondent_id for n in neighbours.values() if n.respondent_id is not None}
            people = {r.id: r for r in session.scalars(select(s.Respondent).where(s.Respondent.id.in_(people_ids)))}
            before, after = neighbours.get(turn.seq - 1), neighbours.get(turn.seq + 1)
            if survey_question is not None:  # each survey answer stands alone: no other respondent as context
                before = after = None
            cards.append(
                FragmentCard(
                    fragment_id=fragment.id,
                    scan_id=fragment.scan_id,
                    interview_id=fragment.interview_id,
                    interview_title=titles.get(fragment.interview_id, ""),
                    turn_id=turn.id,
                    text=fragment.text,
                    respondent=turn.speaker_label if survey_question else respondent_label(respondent),
                    role=respondent.role if respondent else None,
                    department=(respondent.department or None) if respondent else None,
                    question=survey_question or question_before(session, turn.interview_id, turn.seq),
                    before=ContextTurn(_speaker(before, people), shorten(before.text)) if before else None,
                    after=ContextTurn(_speaker(after, people), shorten(after.text)) if after else None,
                    status=fragment.status,
                    pillar=fragment.top_pillar,
                    theme=fragment.top_theme,
                    confidence=fragment.confidence,
                    margin=fragment.margin,
                    quote_candidate=fragment.quote_candidate,
                    codes=codes[fragment.id],
                    position=offset + index,
                    abstain_reason=fragment.abstain_reason,
                )
            )
        return cards, total


def _document_card(
    fragment: s.Fragment, turn: s.Turn, title: str, codes: dict[int, list[CodeView]], position: int
) -> FragmentCard:
    from coding.documents import location

    heading = (turn.heading or "").split(" > ")[-1]
    return FragmentCard(
        fragment_id=fragment.id,
        scan_id=fragment.scan_id,
        interview_id=fragment.interview_id,
        interview_title=title,
        turn_id=turn.id,
        text=fragment.text,
        respondent=t("documents.review.speaker"),
        role=None,
        department=None,
        question=None,
        before=None,
        after=None,
        status=fragment.status,
        pillar=fragment.top_pillar,
        theme=fragment.top_theme,
        confidence=fragment.confidence,
        margin=fragment.margin,
        quote_candidate=fragment.quote_candidate,
        codes=codes[fragment.id],
        position=position,
        source=location(title, turn.page, heading),
        abstain_reason=fragment.abstain_reason,
    )


def fragment_table(
    db: Database,
    actor: Actor,
    scan_id: int,
    *,
    filters: ReviewFilters | None = None,
    order: Order = "uncertain",
    offset: int = 0,
    limit: int = 500,
) -> tuple[pd.DataFrame, int]:
    """One page of the filtered fragments as a table, and the total that match.

    Columns: ``fragment_id``, ``interview``, ``respondent`` (code and role),
    ``text``, ``status``, ``pillar``, ``theme``, ``confidence``,
    ``quote_candidate``.
    """
    actor.require("scan.view", scan_id)
    filters = filters or ReviewFilters()
    columns = [
        "fragment_id",
        "interview",
        "respondent",
        "text",
        "status",
        "pillar",
        "theme",
        "confidence",
        "quote_candidate",
    ]
    with db.session() as session:
        total = session.scalar(filtered_query(scan_id, filters, func.count(s.Fragment.id))) or 0
        query = filtered_query(
            scan_id,
            filters,
            s.Fragment.id,
            s.Interview.title,
            s.Respondent.code,
            s.Respondent.role,
            s.Fragment.text,
            s.Fragment.status,
            s.Fragment.top_pillar,
            s.Fragment.top_theme,
            s.Fragment.confidence,
            s.Fragment.quote_candidate,
            join_turn=True,
        ).join(s.Interview, s.Interview.id == s.Fragment.interview_id)
        rows = session.execute(ordered_query(query, order).offset(max(0, offset)).limit(limit)).all()
    records = [
        {
            "fragment_id": fid,
            "interview": title,
            "respondent": f"{code} ({role})" if code else t("speaker.unknown"),
            "text": text,
            "status": status,
            "pillar": pillar,
            "theme": theme,
            "confidence": confidence,
            "quote_candidate": bool(quote),
        }
        for fid, title, code, role, text, status, pillar, theme, confidence, quote in rows
    ]
    return pd.DataFrame(records, columns=columns), total


def code_options(db: Database, actor: Actor, scan_id: int) -> list[CodeOption]:
    """The scan's codebook as picker entries, pillars each followed by their themes."""
    actor.require("scan.view", scan_id)
    with db.session() as session:
        return [
            CodeOption(code=code, name=row.name, pillar=pillar_of(code), is_theme=row.parent_id is not None, id=row.id)
            for code, row in scan_codes(session, scan_id).items()
        ]


def filter_options(db: Database, actor: Actor, scan_id: int) -> FilterOptions:
    """Interviews, roles and departments of the scan, for the filter pickers."""
    actor.require("scan.view", scan_id)
    with db.session() as session:
        interviews = [
            (iid, title)
            for iid, title in session.execute(
                select(s.Interview.id, s.Interview.title).where(s.Interview.scan_id == scan_id).order_by(s.Interview.id)
            ).all()
        ]
        people = session.execute(
            select(s.Respondent.role, s.Respondent.department).where(s.Respondent.scan_id == scan_id)
        ).all()
    return FilterOptions(
        interviews=interviews,
        roles=sorted({role for role, _ in people if role}),
        departments=sorted({dept for _, dept in people if dept}),
    )
