"""The analyst's desk: review queue, decisions, memos, agreement rounds, chart data.

Every function takes the :class:`~models.db.Database`, the acting
:class:`~models.auth.Actor` and plain values, checks the actor's permission,
commits its own transaction and writes an :class:`~models.schema.Event`.

Which codes a fragment carries is the set of its *working* codings: coding
rows without ``round_id`` (round codings are blind agreement work and kept
apart). Only accepted codings count; auto suggestions count after an analyst
accepts them. The fragment's denormalised ``status`` / ``top_pillar`` /
``top_theme`` are kept in step with every decision so that the queue can
filter and page in SQL.

Every decision also writes a :class:`~models.schema.Decision` row (who, what,
when, and the fragment text at that moment): the auto-coder's training data.
One row is written per code decided on, so ``code`` is a pillar (``INF``) or a
theme (``INF.meldpunt``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Select, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from coding.agreement import AgreementReport, agreement_report, disagreements, sample_fragments
from models import schema as s
from models.auth import Actor
from models.codebook import PILLAR_CODES
from models.db import Database
from models.store import QUESTION_KINDS, InputError, record_event, respondent_label
from texts import t

log = logging.getLogger(__name__)

Order = Literal["uncertain", "interview", "confidence"]
ORDERS: tuple[str, ...] = ("uncertain", "interview", "confidence")
STATUSES: tuple[str, ...] = ("suggested", "accepted", "rejected", "uncoded")
MEMO_TARGETS: tuple[str, ...] = ("fragment", "code", "interview")
CONTEXT_CHARS = 300
"""Turns before and after a fragment are cut to this many characters."""
CHUNK = 500
"""Fragments handled per batch in bulk operations (keeps ``IN (...)`` lists small)."""


# --- data passed to the pages ---------------------------------------------------
@dataclass(frozen=True)
class ReviewFilters:
    """What the queue shows; ``None`` or empty means "no filter on this".

    Attributes:
        pillar: Pillar code; matches the fragment's top pillar or any working
            coding (suggested or accepted) in that pillar.
        theme: Theme code; matches the top theme or any working coding.
        status: ``suggested``, ``accepted``, ``rejected`` or ``uncoded``.
        interview_id: One interview.
        role: Respondent role (functie), exact.
        department: Respondent department (afdeling), exact.
        min_confidence: Lowest confidence of the top suggestion (0–1).
        max_confidence: Highest confidence of the top suggestion (0–1).
        search: Dutch words; a fragment matches when its lemmas contain every
            lemma of the query as a whole word.
    """

    pillar: str | None = None
    theme: str | None = None
    status: str | None = None
    interview_id: int | None = None
    role: str | None = None
    department: str | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    search: str = ""


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


@dataclass(frozen=True)
class MemoView:
    id: int
    target_type: str
    target_id: int
    target_label: str
    author: str
    text: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class RoundInfo:
    id: int
    name: str
    coders: list[str]
    fragment_ids: list[int]
    resolutions: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class RoundItem:
    """A fragment in a coder's blind round queue: only the text and that coder's own choice."""

    fragment_id: int
    text: str
    question: str | None
    pillar: str | None
    theme: str | None
    done: bool
    left_uncoded: bool


# --- helpers ------------------------------------------------------------------------
def pillar_of(code: str) -> str:
    """The pillar of a code: ``INF.meldpunt`` → ``INF``, ``INF`` → ``INF``."""
    return code.split(".", 1)[0]


def _codes(session: Session, scan_id: int) -> dict[str, s.Code]:
    scan = session.get(s.Scan, scan_id)
    if scan is None:
        raise LookupError(scan_id)
    rows = session.scalars(select(s.Code).where(s.Code.codebook_id == scan.codebook_id).order_by(s.Code.position))
    return {row.code: row for row in rows}


def _code_row(session: Session, scan_id: int, code: str) -> s.Code:
    found = _codes(session, scan_id).get((code or "").strip())
    if found is None:
        raise InputError(t("review.error.unknown_code", code=code))
    return found


def _fragment(session: Session, actor: Actor, fragment_id: int, permission: str = "code") -> s.Fragment:
    fragment = session.get(s.Fragment, fragment_id)
    if fragment is None:
        raise LookupError(fragment_id)
    actor.require(permission, fragment.scan_id)
    return fragment


def _working(session: Session, fragment_id: int) -> list[tuple[s.Coding, str]]:
    rows = session.execute(
        select(s.Coding, s.Code.code)
        .join(s.Code, s.Code.id == s.Coding.code_id)
        .where(s.Coding.fragment_id == fragment_id, s.Coding.round_id.is_(None))
        .order_by(s.Coding.id)
    ).all()
    return [(coding, code) for coding, code in rows]


def _top(fragment: s.Fragment) -> list[str]:
    return [code for code in (fragment.top_pillar, fragment.top_theme) if code]


def _snapshot(fragment: s.Fragment) -> dict[str, Any]:
    return {"status": fragment.status, "pillar": fragment.top_pillar, "theme": fragment.top_theme}


def _set_top(fragment: s.Fragment, code: str | None) -> None:
    if code is None:
        return
    fragment.top_pillar = pillar_of(code)
    fragment.top_theme = code if "." in code else None


def _decision(
    session: Session, actor: Actor, fragment: s.Fragment, action: str, code: str, previous: str | None = None
) -> None:
    session.add(
        s.Decision(
            fragment_id=fragment.id,
            scan_id=fragment.scan_id,
            coder=actor.username,
            action=action,
            code=code,
            previous_code=previous,
            text=fragment.text,
        )
    )


def _event(
    session: Session, actor: Actor, action: str, fragment: s.Fragment, before: dict[str, Any], **extra: Any
) -> None:
    record_event(
        session,
        actor,
        action,
        entity="fragment",
        entity_id=fragment.id,
        scan_id=fragment.scan_id,
        before=before,
        after={**_snapshot(fragment), **extra},
    )


def _shorten(text: str, limit: int = CONTEXT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def query_lemmas(query: str) -> list[str]:
    """Lemmas of a Dutch search query, lower-cased and de-duplicated.

    Uses ``coding.segmenter.lemmatize`` (the same lemmatiser that filled
    ``Fragment.lemmas``); falls back to lower-cased words when it is missing.
    """
    query = (query or "").strip()
    if not query:
        return []
    lemmas: Iterable[str]
    try:
        from coding.segmenter import lemmatize
    except ImportError:  # segmenter not installed: plain words
        lemmas = re.findall(r"\w+", query.lower())
    else:
        result: Any = lemmatize(query)
        lemmas = result.split() if isinstance(result, str) else [str(item) for item in result]
    words = [w.strip().lower() for w in lemmas if re.search(r"\w", w or "")]
    return list(dict.fromkeys(words))


def _like_word(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {escaped} %"


def _filtered(scan_id: int, filters: ReviewFilters, *columns: Any, join_turn: bool = False) -> Select[Any]:
    """``SELECT columns FROM fragments`` with the filters applied.

    Turns and respondents are joined only when a filter or ``join_turn`` needs
    them, so counting a large queue stays an index-only scan.
    """
    query = select(*columns).select_from(s.Fragment).where(s.Fragment.scan_id == scan_id)
    if join_turn or filters.role or filters.department:
        query = query.join(s.Turn, s.Turn.id == s.Fragment.turn_id).outerjoin(
            s.Respondent, s.Respondent.id == s.Turn.respondent_id
        )
    f = filters
    if f.status:
        if f.status not in STATUSES:
            raise InputError(t("review.error.status"))
        query = query.where(s.Fragment.status == f.status)
    if f.pillar:
        coded_in_pillar = exists(
            select(s.Coding.id)
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .where(
                s.Coding.fragment_id == s.Fragment.id,
                s.Coding.round_id.is_(None),
                s.Coding.status != "rejected",
                or_(s.Code.code == f.pillar, s.Code.code.like(f.pillar + ".%")),
            )
        )
        query = query.where(or_(s.Fragment.top_pillar == f.pillar, coded_in_pillar))
    if f.theme:
        coded_theme = exists(
            select(s.Coding.id)
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .where(
                s.Coding.fragment_id == s.Fragment.id,
                s.Coding.round_id.is_(None),
                s.Coding.status != "rejected",
                s.Code.code == f.theme,
            )
        )
        query = query.where(or_(s.Fragment.top_theme == f.theme, coded_theme))
    if f.interview_id is not None:
        query = query.where(s.Fragment.interview_id == f.interview_id)
    if f.role:
        query = query.where(s.Respondent.role == f.role)
    if f.department:
        query = query.where(s.Respondent.department == f.department)
    if f.min_confidence is not None:
        query = query.where(s.Fragment.confidence >= f.min_confidence)
    if f.max_confidence is not None:
        query = query.where(s.Fragment.confidence <= f.max_confidence)
    padded = literal(" ") + s.Fragment.lemmas + literal(" ")
    for lemma in query_lemmas(f.search):
        query = query.where(padded.ilike(_like_word(lemma), escape="\\"))
    return query


def _ordered(query: Select[Any], order: str) -> Select[Any]:
    if order == "uncertain":
        return query.order_by(s.Fragment.margin.asc().nulls_last(), s.Fragment.id)
    if order == "interview":
        return query.order_by(s.Fragment.interview_id, s.Turn.seq, s.Fragment.start, s.Fragment.id)
    if order == "confidence":
        return query.order_by(s.Fragment.confidence.desc().nulls_last(), s.Fragment.id)
    raise InputError(t("review.error.order"))


def _speaker(turn: s.Turn, respondents: dict[int, s.Respondent]) -> str:
    if turn.speaker_role == "interviewer":
        return t("speaker.interviewer")
    if turn.respondent_id is not None and turn.respondent_id in respondents:
        return respondent_label(respondents[turn.respondent_id])
    return t("speaker.unknown")


def _question_before(session: Session, interview_id: int, seq: int) -> str | None:
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


# --- the queue ------------------------------------------------------------------------
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
        total = session.scalar(_filtered(scan_id, filters, func.count(s.Fragment.id))) or 0
        if total == 0 or limit <= 0:
            return [], total
        offset = max(0, offset)
        page = list(
            session.scalars(
                _ordered(_filtered(scan_id, filters, s.Fragment.id, join_turn=order == "interview"), order)
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
        names = {code: row.name for code, row in _codes(session, scan_id).items()}
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
        cards: list[FragmentCard] = []
        for index, (fragment, turn, respondent) in enumerate(rows):
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
            cards.append(
                FragmentCard(
                    fragment_id=fragment.id,
                    scan_id=fragment.scan_id,
                    interview_id=fragment.interview_id,
                    interview_title=titles.get(fragment.interview_id, ""),
                    turn_id=turn.id,
                    text=fragment.text,
                    respondent=respondent_label(respondent),
                    role=respondent.role if respondent else None,
                    department=(respondent.department or None) if respondent else None,
                    question=_question_before(session, turn.interview_id, turn.seq),
                    before=ContextTurn(_speaker(before, people), _shorten(before.text)) if before else None,
                    after=ContextTurn(_speaker(after, people), _shorten(after.text)) if after else None,
                    status=fragment.status,
                    pillar=fragment.top_pillar,
                    theme=fragment.top_theme,
                    confidence=fragment.confidence,
                    margin=fragment.margin,
                    quote_candidate=fragment.quote_candidate,
                    codes=codes[fragment.id],
                    position=offset + index,
                )
            )
        return cards, total


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
        total = session.scalar(_filtered(scan_id, filters, func.count(s.Fragment.id))) or 0
        query = _filtered(
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
        rows = session.execute(_ordered(query, order).offset(max(0, offset)).limit(limit)).all()
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
            for code, row in _codes(session, scan_id).items()
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


# --- decisions ------------------------------------------------------------------------------
def _accept_in_session(session: Session, actor: Actor, fragment: s.Fragment, codes: dict[str, s.Code]) -> list[str]:
    """Accept the fragment's top suggestion; returns the codes accepted (no event written)."""
    working = _working(session, fragment.id)
    top = _top(fragment)
    if not top:
        top = [code for coding, code in working if coding.status == "suggested"][:2]
    if fragment.status == "accepted" or not top:
        raise InputError(t("review.error.nothing_to_accept"))
    accepted: list[str] = []
    for code in top:
        coding = next((c for c, k in working if k == code and c.status in ("suggested", "accepted")), None)
        if coding is None:
            if code not in codes:
                raise InputError(t("review.error.unknown_code", code=code))
            coding = s.Coding(
                fragment_id=fragment.id,
                code_id=codes[code].id,
                source="auto",
                confidence=fragment.confidence,
            )
            session.add(coding)
        coding.status = "accepted"
        coding.coder = actor.username
        accepted.append(code)
        _decision(session, actor, fragment, "accept", code)
    fragment.status = "accepted"
    if not _top(fragment):
        _set_top(fragment, top[-1])
    return accepted


def accept(db: Database, actor: Actor, fragment_id: int) -> list[str]:
    """Accept the suggested pillar and theme of a fragment.

    Returns:
        The codes accepted (pillar and/or theme).

    Raises:
        InputError: When there is no suggestion to accept.
    """
    with db.session() as session:
        fragment = _fragment(session, actor, fragment_id)
        before = _snapshot(fragment)
        accepted = _accept_in_session(session, actor, fragment, _codes(session, fragment.scan_id))
        _event(session, actor, "review.accept", fragment, before, codes=accepted)
        return accepted


def reject(db: Database, actor: Actor, fragment_id: int) -> list[str]:
    """Reject a fragment's suggestion (and its accepted top code, if any).

    Codes added as a second code stay; when one remains the fragment stays
    accepted with that code on top, else its status becomes ``rejected``.

    Returns:
        The codes rejected.
    """
    with db.session() as session:
        fragment = _fragment(session, actor, fragment_id)
        before = _snapshot(fragment)
        working = _working(session, fragment.id)
        top = set(_top(fragment))
        rejected: list[str] = []
        for coding, code in working:
            if coding.status == "suggested" or (coding.status == "accepted" and code in top):
                coding.status = "rejected"
                coding.coder = actor.username
                if code not in rejected:
                    rejected.append(code)
        if not rejected:
            if fragment.status in ("rejected", "uncoded") or not top:
                raise InputError(t("review.error.nothing_to_reject"))
            rejected = _top(fragment)
        for code in rejected:
            _decision(session, actor, fragment, "reject", code)
        remaining = [code for coding, code in working if coding.status == "accepted"]
        if remaining:
            fragment.status = "accepted"
            fragment.top_pillar, fragment.top_theme = None, None
            theme = next((code for code in remaining if "." in code), None)
            _set_top(fragment, theme or remaining[0])
        else:
            fragment.status = "rejected"
        _event(session, actor, "review.reject", fragment, before, codes=rejected)
        return rejected


def _recode_in_session(
    session: Session, actor: Actor, fragment: s.Fragment, code: s.Code, action: str = "recode"
) -> str | None:
    """Make ``code`` the fragment's accepted top code; the old top is rejected unless it is its pillar."""
    working = _working(session, fragment.id)
    old_top = _top(fragment)
    previous = fragment.top_theme or fragment.top_pillar
    new_pillar = pillar_of(code.code)
    for coding, existing in working:
        if existing == code.code:
            continue
        if existing in old_top or coding.status == "suggested":
            keep = existing == new_pillar and "." in code.code
            coding.status = "accepted" if keep else "rejected"
            coding.coder = actor.username
    current = next((c for c, k in working if k == code.code), None)
    if current is None:
        session.add(s.Coding(fragment_id=fragment.id, code_id=code.id, source="manual", coder=actor.username))
    else:
        current.status, current.coder = "accepted", actor.username
    fragment.status = "accepted"
    fragment.top_pillar, fragment.top_theme = None, None
    _set_top(fragment, code.code)
    _decision(session, actor, fragment, action, code.code, previous)
    return previous


def recode(db: Database, actor: Actor, fragment_id: int, code: str) -> None:
    """Change a fragment's pillar or theme: a manual accepted coding; the old suggestion is rejected.

    When the new code is a theme of the suggested pillar, the pillar is
    accepted with it.
    """
    with db.session() as session:
        fragment = _fragment(session, actor, fragment_id)
        row = _code_row(session, fragment.scan_id, code)
        before = _snapshot(fragment)
        previous = _recode_in_session(session, actor, fragment, row)
        _event(session, actor, "review.recode", fragment, before, code=row.code, previous=previous)


def add_code(db: Database, actor: Actor, fragment_id: int, code: str) -> None:
    """Add a second code to a fragment (manual, accepted).

    An uncoded or rejected fragment becomes accepted with this code on top; a
    fragment still waiting for review keeps its suggestion to decide on.
    """
    with db.session() as session:
        fragment = _fragment(session, actor, fragment_id)
        row = _code_row(session, fragment.scan_id, code)
        before = _snapshot(fragment)
        working = _working(session, fragment.id)
        current = next((c for c, k in working if k == row.code), None)
        if current is not None and current.status == "accepted":
            raise InputError(t("review.error.has_code", code=row.code))
        if current is None:
            session.add(s.Coding(fragment_id=fragment.id, code_id=row.id, source="manual", coder=actor.username))
        else:
            current.status, current.source, current.coder = "accepted", "manual", actor.username
        previous = fragment.top_theme or fragment.top_pillar
        if fragment.status in ("uncoded", "rejected"):
            fragment.status = "accepted"
            fragment.top_pillar, fragment.top_theme = None, None
            _set_top(fragment, row.code)
        _decision(session, actor, fragment, "add", row.code, previous)
        _event(session, actor, "review.add", fragment, before, code=row.code)


def code_manually(db: Database, actor: Actor, fragment_id: int, code: str) -> None:
    """Code any fragment by hand (the transcript view).

    A fragment with an open suggestion is recoded; any other fragment gets the
    code added (becoming its top code when it had none).
    """
    with db.session() as session:
        fragment = _fragment(session, actor, fragment_id)
        status = fragment.status
    if status == "suggested":
        recode(db, actor, fragment_id, code)
    else:
        add_code(db, actor, fragment_id, code)


def set_quote_candidate(db: Database, actor: Actor, fragment_id: int, flag: bool = True) -> None:
    """Mark (or unmark) a fragment as a candidate quote for the report."""
    with db.session() as session:
        fragment = _fragment(session, actor, fragment_id)
        before = {"quote_candidate": fragment.quote_candidate}
        fragment.quote_candidate = bool(flag)
        record_event(
            session,
            actor,
            "review.quote_candidate",
            entity="fragment",
            entity_id=fragment.id,
            scan_id=fragment.scan_id,
            before=before,
            after={"quote_candidate": bool(flag)},
        )


def _bulk_query(scan_id: int, filters: ReviewFilters, min_confidence: float, *columns: Any) -> Select[Any]:
    query = _filtered(scan_id, filters, *columns)
    return query.where(s.Fragment.status == "suggested", s.Fragment.confidence >= min_confidence)


def count_bulk_accept(
    db: Database, actor: Actor, scan_id: int, filters: ReviewFilters | None, min_confidence: float
) -> int:
    """How many fragments :func:`bulk_accept` would accept (for the confirmation)."""
    actor.require("code", scan_id)
    with db.session() as session:
        query = _bulk_query(scan_id, filters or ReviewFilters(), min_confidence, func.count(s.Fragment.id))
        return session.scalar(query) or 0


def bulk_accept(db: Database, actor: Actor, scan_id: int, filters: ReviewFilters | None, min_confidence: float) -> int:
    """Accept every open suggestion matching ``filters`` with confidence ≥ ``min_confidence``.

    Each fragment gets its Decision rows like a single accept; one event
    records the whole batch. All in one transaction.

    Returns:
        The number of fragments accepted.
    """
    actor.require("code", scan_id)
    filters = filters or ReviewFilters()
    with db.session() as session:
        ids = list(session.scalars(_bulk_query(scan_id, filters, min_confidence, s.Fragment.id)))
        codes = _codes(session, scan_id)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            for fragment in session.scalars(select(s.Fragment).where(s.Fragment.id.in_(chunk))):
                _accept_in_session(session, actor, fragment, codes)
            session.flush()
        record_event(
            session,
            actor,
            "review.bulk_accept",
            entity="scan",
            entity_id=scan_id,
            scan_id=scan_id,
            after={"n": len(ids), "min_confidence": min_confidence, "fragment_ids": ids},
        )
        log.info("bulk accepted %d fragments in scan %s", len(ids), scan_id)
        return len(ids)


# --- memos --------------------------------------------------------------------------------------
def _check_target(session: Session, scan_id: int, target_type: str, target_id: int) -> None:
    if target_type not in MEMO_TARGETS:
        raise InputError(t("review.error.memo_target"))
    if target_type == "fragment":
        found = session.scalar(select(s.Fragment.scan_id).where(s.Fragment.id == target_id))
    elif target_type == "interview":
        found = session.scalar(select(s.Interview.scan_id).where(s.Interview.id == target_id))
    else:
        found = scan_id if target_id in {row.id for row in _codes(session, scan_id).values()} else None
    if found != scan_id:
        raise InputError(t("review.error.memo_target"))


def add_memo(db: Database, actor: Actor, scan_id: int, target_type: str, target_id: int, text: str) -> int:
    """Write a memo on a fragment, a code (its ``Code.id``) or an interview; returns the memo id."""
    actor.require("code", scan_id)
    text = text.strip()
    if not text:
        raise InputError(t("review.error.memo_empty"))
    with db.session() as session:
        _check_target(session, scan_id, target_type, target_id)
        memo = s.Memo(scan_id=scan_id, target_type=target_type, target_id=target_id, author=actor.username, text=text)
        session.add(memo)
        session.flush()
        record_event(
            session,
            actor,
            "memo.create",
            entity="memo",
            entity_id=memo.id,
            scan_id=scan_id,
            after={"target_type": target_type, "target_id": target_id, "text": text},
        )
        return memo.id


def edit_memo(db: Database, actor: Actor, memo_id: int, text: str) -> None:
    """Change a memo's text; the old text stays in the event log."""
    text = text.strip()
    if not text:
        raise InputError(t("review.error.memo_empty"))
    with db.session() as session:
        memo = session.get(s.Memo, memo_id)
        if memo is None:
            raise LookupError(memo_id)
        actor.require("code", memo.scan_id)
        before = {"text": memo.text}
        memo.text = text
        record_event(
            session,
            actor,
            "memo.edit",
            entity="memo",
            entity_id=memo_id,
            scan_id=memo.scan_id,
            before=before,
            after={"text": text},
        )


def delete_memo(db: Database, actor: Actor, memo_id: int) -> None:
    """Delete a memo (its text stays in the event log)."""
    with db.session() as session:
        memo = session.get(s.Memo, memo_id)
        if memo is None:
            raise LookupError(memo_id)
        actor.require("code", memo.scan_id)
        record_event(
            session,
            actor,
            "memo.delete",
            entity="memo",
            entity_id=memo_id,
            scan_id=memo.scan_id,
            before={"text": memo.text, "target_type": memo.target_type, "target_id": memo.target_id},
        )
        session.delete(memo)


def memos(
    db: Database,
    actor: Actor,
    scan_id: int,
    query: str | None = None,
    target_type: str | None = None,
    target_id: int | None = None,
) -> list[MemoView]:
    """Memos of a scan, newest first; ``query`` searches the memo text (case-insensitive)."""
    actor.require("scan.view", scan_id)
    with db.session() as session:
        stmt = select(s.Memo).where(s.Memo.scan_id == scan_id).order_by(s.Memo.updated_at.desc(), s.Memo.id.desc())
        if target_type:
            stmt = stmt.where(s.Memo.target_type == target_type)
        if target_id is not None:
            stmt = stmt.where(s.Memo.target_id == target_id)
        for word in (query or "").split():
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(s.Memo.text.ilike(f"%{escaped}%", escape="\\"))
        rows = list(session.scalars(stmt))
        labels = _memo_labels(session, scan_id, rows)
    return [
        MemoView(
            id=row.id,
            target_type=row.target_type,
            target_id=row.target_id,
            target_label=labels.get((row.target_type, row.target_id), ""),
            author=row.author,
            text=row.text,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )
        for row in rows
    ]


def _memo_labels(session: Session, scan_id: int, rows: Sequence[s.Memo]) -> dict[tuple[str, int], str]:
    wanted: dict[str, set[int]] = {kind: set() for kind in MEMO_TARGETS}
    for row in rows:
        wanted.setdefault(row.target_type, set()).add(row.target_id)
    labels: dict[tuple[str, int], str] = {}
    if wanted["fragment"]:
        for fid, text in session.execute(
            select(s.Fragment.id, s.Fragment.text).where(s.Fragment.id.in_(wanted["fragment"]))
        ).all():
            labels[("fragment", fid)] = _shorten(text, 80)
    if wanted["interview"]:
        for iid, title in session.execute(
            select(s.Interview.id, s.Interview.title).where(s.Interview.id.in_(wanted["interview"]))
        ).all():
            labels[("interview", iid)] = title
    if wanted["code"]:
        for code_row in _codes(session, scan_id).values():
            if code_row.id in wanted["code"]:
                labels[("code", code_row.id)] = f"{code_row.code} — {code_row.name}"
    return labels


def code_id(db: Database, scan_id: int, code: str) -> int:
    """The ``Code.id`` of a code string in the scan's codebook (memo targets)."""
    with db.session() as session:
        return _code_row(session, scan_id, code).id


# --- agreement rounds -----------------------------------------------------------------------
def _round(session: Session, actor: Actor, round_id: int, permission: str = "code") -> s.AgreementRound:
    row = session.get(s.AgreementRound, round_id)
    if row is None:
        raise LookupError(round_id)
    actor.require(permission, row.scan_id)
    return row


def _round_info(row: s.AgreementRound) -> RoundInfo:
    return RoundInfo(
        id=row.id,
        name=row.name,
        coders=[str(c) for c in row.coders],
        fragment_ids=[int(f) for f in row.fragment_ids],
        resolutions=dict(row.resolutions or {}),
        created_at=row.created_at,
    )


def create_round(
    db: Database,
    actor: Actor,
    scan_id: int,
    name: str,
    coders: Sequence[str],
    n: int,
    stratify: bool = True,
    seed: int = 0,
) -> int:
    """Draw a sample of the scan's respondent fragments for blind double coding.

    Args:
        coders: Two or more coder names.
        n: Sample size (all fragments when there are fewer).
        stratify: Spread the sample over the interviews in proportion to size.
        seed: Random seed; the same seed gives the same sample.

    Returns:
        The round's id.
    """
    actor.require("code", scan_id)
    name = name.strip()
    names = list(dict.fromkeys(c.strip() for c in coders if c and c.strip()))
    if not name:
        raise InputError(t("review.error.round_name"))
    if len(names) < 2:
        raise InputError(t("review.error.round_coders"))
    if n < 1:
        raise InputError(t("review.error.round_n"))
    with db.session() as session:
        rows = session.execute(
            select(s.Fragment.id, s.Fragment.interview_id)
            .join(s.Turn, s.Turn.id == s.Fragment.turn_id)
            .where(s.Fragment.scan_id == scan_id, s.Turn.speaker_role != "interviewer")
            .order_by(s.Fragment.id)
        ).all()
        if not rows:
            raise InputError(t("review.error.round_no_fragments"))
        frame = pd.DataFrame(rows, columns=["fragment_id", "interview_id"])
        sample = sample_fragments(frame, n, stratify_by="interview_id" if stratify else None, seed=seed)
        row = s.AgreementRound(scan_id=scan_id, name=name, coders=names, fragment_ids=sample, resolutions={})
        session.add(row)
        session.flush()
        record_event(
            session,
            actor,
            "round.create",
            entity="agreement_round",
            entity_id=row.id,
            scan_id=scan_id,
            after={"name": name, "coders": names, "n": len(sample), "stratify": stratify, "seed": seed},
        )
        return row.id


def list_rounds(db: Database, actor: Actor, scan_id: int) -> list[RoundInfo]:
    actor.require("scan.view", scan_id)
    with db.session() as session:
        rows = session.scalars(
            select(s.AgreementRound).where(s.AgreementRound.scan_id == scan_id).order_by(s.AgreementRound.id.desc())
        )
        return [_round_info(row) for row in rows]


def get_round(db: Database, actor: Actor, round_id: int) -> RoundInfo:
    with db.session() as session:
        return _round_info(_round(session, actor, round_id, "scan.view"))


def _round_choices(session: Session, round_id: int) -> dict[tuple[str, int], tuple[str | None, list[str]]]:
    """Each coder's choice per fragment in a round: (pillar, themes); pillar None = left uncoded."""
    choices: dict[tuple[str, int], tuple[str | None, list[str]]] = {}
    for event in session.scalars(
        select(s.Event)
        .where(s.Event.action == "round.uncoded", s.Event.entity == "agreement_round", s.Event.entity_id == round_id)
        .order_by(s.Event.id)
    ):
        after = event.after or {}
        choices[(str(after["coder"]), int(after["fragment_id"]))] = (None, [])
    coded: dict[tuple[str, int], tuple[str | None, list[str]]] = {}
    for coder, fid, code in session.execute(
        select(s.Coding.coder, s.Coding.fragment_id, s.Code.code)
        .join(s.Code, s.Code.id == s.Coding.code_id)
        .where(s.Coding.round_id == round_id)
        .order_by(s.Coding.id)
    ).all():
        pillar, themes = coded.get((coder, fid), (None, []))
        if "." in code:
            themes = [*themes, code]
            pillar = pillar or pillar_of(code)
        else:
            pillar = code
        coded[(coder, fid)] = (pillar, themes)
    for key in coded:
        choices.pop(key, None)
    choices.update(coded)
    return choices


def round_queue(db: Database, actor: Actor, round_id: int, coder: str) -> list[RoundItem]:
    """The round's fragments for one coder, blind.

    Shows the fragment text and the question asked, plus only this coder's own
    choices: never another coder's, never the auto-coder's suggestion.
    """
    with db.session() as session:
        row = _round(session, actor, round_id)
        if coder not in row.coders:
            raise InputError(t("review.error.round_coder", coder=coder))
        choices = _round_choices(session, round_id)
        ids = [int(f) for f in row.fragment_ids]
        found = session.execute(
            select(s.Fragment.id, s.Fragment.text, s.Turn.interview_id, s.Turn.seq)
            .join(s.Turn, s.Turn.id == s.Fragment.turn_id)
            .where(s.Fragment.id.in_(ids))
        ).all()
        by_id = {fid: (text, interview_id, seq) for fid, text, interview_id, seq in found}
        items: list[RoundItem] = []
        for fid in ids:
            if fid not in by_id:
                continue
            text, interview_id, seq = by_id[fid]
            choice = choices.get((coder, fid))
            items.append(
                RoundItem(
                    fragment_id=fid,
                    text=text,
                    question=_question_before(session, interview_id, seq),
                    pillar=choice[0] if choice else None,
                    theme=(choice[1][0] if choice and choice[1] else None),
                    done=choice is not None,
                    left_uncoded=choice is not None and choice[0] is None,
                )
            )
        return items


def round_code(
    db: Database,
    actor: Actor,
    round_id: int,
    coder: str,
    fragment_id: int,
    pillar: str | None,
    theme: str | None = None,
) -> None:
    """Store one coder's blind choice for a round fragment (replacing an earlier one).

    ``pillar`` and ``theme`` both ``None`` records "left uncoded" (counts as
    seen, see :mod:`coding.agreement`). A theme alone implies its pillar.
    """
    with db.session() as session:
        row = _round(session, actor, round_id)
        if coder not in row.coders:
            raise InputError(t("review.error.round_coder", coder=coder))
        if fragment_id not in {int(f) for f in row.fragment_ids}:
            raise InputError(t("review.error.round_fragment"))
        pillar = pillar or (pillar_of(theme) if theme else None)
        if theme and pillar_of(theme) != pillar:
            raise InputError(t("review.error.theme_pillar", theme=theme, pillar=pillar))
        codes = _codes(session, row.scan_id)
        for code in (pillar, theme):
            if code and code not in codes:
                raise InputError(t("review.error.unknown_code", code=code))
        for old in session.scalars(
            select(s.Coding).where(
                s.Coding.round_id == round_id, s.Coding.coder == coder, s.Coding.fragment_id == fragment_id
            )
        ):
            session.delete(old)
        for code in (pillar, theme):
            if code:
                session.add(
                    s.Coding(
                        fragment_id=fragment_id,
                        code_id=codes[code].id,
                        source="manual",
                        status="accepted",
                        coder=coder,
                        round_id=round_id,
                    )
                )
        record_event(
            session,
            actor,
            "round.code" if pillar else "round.uncoded",
            entity="agreement_round",
            entity_id=round_id,
            scan_id=row.scan_id,
            after={"coder": coder, "fragment_id": fragment_id, "pillar": pillar, "theme": theme},
        )


def _round_records(session: Session, row: s.AgreementRound) -> list[dict[str, Any]]:
    return [
        {"fragment_id": fid, "coder": coder, "pillar": pillar, "themes": themes}
        for (coder, fid), (pillar, themes) in sorted(_round_choices(session, row.id).items(), key=lambda kv: kv[0][1])
        if coder in row.coders
    ]


def round_records(db: Database, actor: Actor, round_id: int) -> list[dict[str, Any]]:
    """The round's codings as records for :mod:`coding.agreement` (after coding is done)."""
    with db.session() as session:
        return _round_records(session, _round(session, actor, round_id, "scan.view"))


def round_report(db: Database, actor: Actor, round_id: int) -> AgreementReport:
    """Cohen's κ per pillar and theme, percent agreement and Krippendorff's α for a round.

    Themes are reported when at least one coder used them in the round.
    """
    with db.session() as session:
        row = _round(session, actor, round_id, "scan.view")
        records = _round_records(session, row)
        order = list(_codes(session, row.scan_id))
    used = {code for record in records for code in record["themes"]}
    themes = [code for code in order if code in used]
    return agreement_report(records, pillars=list(PILLAR_CODES), themes=themes)


def round_disagreements(db: Database, actor: Actor, round_id: int) -> pd.DataFrame:
    """The fragments the coders differ on, side by side, with text and resolution.

    Columns: those of :func:`coding.agreement.disagreements` plus ``text`` and
    ``resolution`` (the resolved code or ``None``).
    """
    with db.session() as session:
        row = _round(session, actor, round_id, "scan.view")
        frame = disagreements(_round_records(session, row))
        ids = [int(f) for f in frame["fragment_id"]] if not frame.empty else []
        texts = dict(session.execute(select(s.Fragment.id, s.Fragment.text).where(s.Fragment.id.in_(ids))).all())
        resolutions = dict(row.resolutions or {})
    frame.insert(1, "text", [texts.get(int(fid), "") for fid in frame["fragment_id"]])
    frame["resolution"] = [resolutions.get(str(int(fid))) for fid in frame["fragment_id"]]
    return frame


def resolve(db: Database, actor: Actor, round_id: int, fragment_id: int, code: str) -> None:
    """Settle a disagreement: store the code in the round and apply it as the fragment's accepted code."""
    with db.session() as session:
        row = _round(session, actor, round_id)
        if fragment_id not in {int(f) for f in row.fragment_ids}:
            raise InputError(t("review.error.round_fragment"))
        fragment = _fragment(session, actor, fragment_id)
        target = _code_row(session, row.scan_id, code)
        before = _snapshot(fragment)
        resolutions = dict(row.resolutions or {})
        previous_resolution = resolutions.get(str(fragment_id))
        resolutions[str(fragment_id)] = target.code
        row.resolutions = resolutions
        same = target.code in _top(fragment) and fragment.status == "suggested"
        previous = _recode_in_session(session, actor, fragment, target, "accept" if same else "recode")
        record_event(
            session,
            actor,
            "round.resolve",
            entity="agreement_round",
            entity_id=round_id,
            scan_id=row.scan_id,
            before={"fragment_id": fragment_id, "resolution": previous_resolution, **before},
            after={"fragment_id": fragment_id, "resolution": target.code, "previous_code": previous},
        )


# --- chart data ---------------------------------------------------------------------------
CHART_COLUMNS: tuple[str, ...] = ("fragment_id", "interview", "role", "department", "pillar", "theme")


def coded_frame(db: Database, actor: Actor, scan_id: int, *, include_suggestions: bool = False) -> pd.DataFrame:
    """Coded fragments of a scan, one row per (fragment, pillar, theme), for :mod:`coding.charts`.

    Only accepted working codings count, unless ``include_suggestions`` adds
    the open top suggestion of fragments still waiting for review. A pillar
    with themes on a fragment gives one row per theme; a pillar without
    themes gives one row with ``theme`` ``None``.
    """
    actor.require("scan.view", scan_id)
    statuses = ["accepted", "suggested"] if include_suggestions else ["accepted"]
    with db.session() as session:
        rows = session.execute(
            select(
                s.Coding.fragment_id,
                s.Code.code,
                s.Coding.status,
                s.Fragment.top_pillar,
                s.Fragment.top_theme,
                s.Interview.title,
                s.Respondent.role,
                s.Respondent.department,
            )
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .join(s.Fragment, s.Fragment.id == s.Coding.fragment_id)
            .join(s.Turn, s.Turn.id == s.Fragment.turn_id)
            .join(s.Interview, s.Interview.id == s.Fragment.interview_id)
            .outerjoin(s.Respondent, s.Respondent.id == s.Turn.respondent_id)
            .where(
                s.Fragment.scan_id == scan_id,
                s.Coding.round_id.is_(None),
                s.Coding.status.in_(statuses),
                or_(s.Coding.status == "accepted", s.Fragment.status == "suggested"),
            )
            .order_by(s.Coding.fragment_id, s.Coding.id)
        ).all()
    info: dict[int, tuple[str, str | None, str | None]] = {}
    codes: dict[int, dict[str, list[str]]] = {}
    for fid, code, status, top_pillar, top_theme, title, role, department in rows:
        if status == "suggested" and code not in (top_pillar, top_theme):
            continue
        info[fid] = (title, role, department or None)
        themes = codes.setdefault(fid, {}).setdefault(pillar_of(code), [])
        if "." in code and code not in themes:
            themes.append(code)
    records = [
        {
            "fragment_id": fid,
            "interview": info[fid][0],
            "role": info[fid][1],
            "department": info[fid][2],
            "pillar": pillar,
            "theme": theme,
        }
        for fid, pillars in codes.items()
        for pillar, themes in pillars.items()
        for theme in (list[str | None](themes) or [None])
    ]
    return pd.DataFrame(records, columns=list(CHART_COLUMNS))


def chart_legend(db: Database, actor: Actor, scan_id: int) -> tuple[dict[str, str], dict[str, str]]:
    """Names (code → Dutch name) and colours (pillar code → colour) of the scan's codebook."""
    actor.require("scan.view", scan_id)
    with db.session() as session:
        rows = _codes(session, scan_id)
    names = {code: row.name for code, row in rows.items()}
    colors = {code: row.color for code, row in rows.items() if row.parent_id is None}
    return names, colors


__all__ = [
    "ORDERS",
    "STATUSES",
    "CodeOption",
    "CodeView",
    "ContextTurn",
    "FilterOptions",
    "FragmentCard",
    "MemoView",
    "ReviewFilters",
    "RoundInfo",
    "RoundItem",
    "accept",
    "add_code",
    "add_memo",
    "bulk_accept",
    "chart_legend",
    "code_id",
    "code_manually",
    "code_options",
    "coded_frame",
    "count_bulk_accept",
    "create_round",
    "delete_memo",
    "edit_memo",
    "filter_options",
    "fragment_table",
    "get_round",
    "list_rounds",
    "memos",
    "queue",
    "recode",
    "reject",
    "resolve",
    "round_code",
    "round_disagreements",
    "round_queue",
    "round_records",
    "round_report",
    "set_quote_candidate",
]
