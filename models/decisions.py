"""The analyst's decisions on fragments: accept, reject, recode, add a code, bulk accept.

Which codes a fragment carries is the set of its *working* codings: coding
rows without ``round_id`` (round codings are blind agreement work and kept
apart, see :mod:`models.agreement`). Only accepted codings count; auto
suggestions count after an analyst accepts them. The fragment's denormalised
``status`` / ``top_pillar`` / ``top_theme`` are kept in step with every
decision so that the queue can filter and page in SQL.

Every decision also writes a :class:`~models.schema.Decision` row (who, what,
when, and the fragment text at that moment): the auto-coder's training data.
One row is written per code decided on, so ``code`` is a pillar (``INF``) or a
theme (``INF.meldpunt``). Each function checks the actor's permission, commits
its own transaction and writes an event.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from models import schema as s
from models.auth import Actor
from models.db import Database
from models.errors import InputError, NotFound
from models.events import record_event
from models.review_filters import ReviewFilters, filtered_query
from models.status import CodingSource, CodingStatus, FragmentStatus
from texts import t

CHUNK = 500
"""Fragments handled per batch in bulk operations (keeps ``IN (...)`` lists small)."""


log = logging.getLogger(__name__)


def pillar_of(code: str) -> str:
    """The pillar of a code: ``INF.meldpunt`` → ``INF``, ``INF`` → ``INF``."""
    return code.split(".", 1)[0]


def scan_codes(session: Session, scan_id: int) -> dict[str, s.Code]:
    scan = session.get(s.Scan, scan_id)
    if scan is None:
        raise NotFound("scan", scan_id)
    rows = session.scalars(select(s.Code).where(s.Code.codebook_id == scan.codebook_id).order_by(s.Code.position))
    return {row.code: row for row in rows}


def code_row(session: Session, scan_id: int, code: str) -> s.Code:
    found = scan_codes(session, scan_id).get((code or "").strip())
    if found is None:
        raise InputError(t("review.error.unknown_code", code=code))
    return found


def fragment_row(session: Session, actor: Actor, fragment_id: int, permission: str = "code") -> s.Fragment:
    fragment = session.get(s.Fragment, fragment_id)
    if fragment is None:
        raise NotFound("fragment", fragment_id)
    actor.require(permission, fragment.scan_id)
    return fragment


def working_codings(session: Session, fragment_id: int) -> list[tuple[s.Coding, str]]:
    rows = session.execute(
        select(s.Coding, s.Code.code)
        .join(s.Code, s.Code.id == s.Coding.code_id)
        .where(s.Coding.fragment_id == fragment_id, s.Coding.round_id.is_(None))
        .order_by(s.Coding.id)
    ).all()
    return [(coding, code) for coding, code in rows]


def fragment_top_codes(fragment: s.Fragment) -> list[str]:
    return [code for code in (fragment.top_pillar, fragment.top_theme) if code]


def fragment_snapshot(fragment: s.Fragment) -> dict[str, Any]:
    return {"status": fragment.status, "pillar": fragment.top_pillar, "theme": fragment.top_theme}


def set_top_code(fragment: s.Fragment, code: str | None) -> None:
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
        after={**fragment_snapshot(fragment), **extra},
    )


def _accept_in_session(session: Session, actor: Actor, fragment: s.Fragment, codes: dict[str, s.Code]) -> list[str]:
    """Accept the fragment's top suggestion; returns the codes accepted (no event written)."""
    working = working_codings(session, fragment.id)
    top = fragment_top_codes(fragment)
    if not top:
        top = [code for coding, code in working if coding.status == CodingStatus.SUGGESTED][:2]
    if fragment.status == FragmentStatus.ACCEPTED or not top:
        raise InputError(t("review.error.nothing_to_accept"))
    accepted: list[str] = []
    for code in top:
        coding = next(
            (c for c, k in working if k == code and c.status in (CodingStatus.SUGGESTED, CodingStatus.ACCEPTED)), None
        )
        if coding is None:
            if code not in codes:
                raise InputError(t("review.error.unknown_code", code=code))
            coding = s.Coding(
                fragment_id=fragment.id,
                code_id=codes[code].id,
                source=CodingSource.AUTO,
                confidence=fragment.confidence,
            )
            session.add(coding)
        coding.status = CodingStatus.ACCEPTED
        coding.coder = actor.username
        accepted.append(code)
        _decision(session, actor, fragment, "accept", code)
    fragment.status = FragmentStatus.ACCEPTED
    if not fragment_top_codes(fragment):
        set_top_code(fragment, top[-1])
    return accepted


def accept(db: Database, actor: Actor, fragment_id: int) -> list[str]:
    """Accept the suggested pillar and theme of a fragment.

    Returns:
        The codes accepted (pillar and/or theme).

    Raises:
        InputError: When there is no suggestion to accept.
    """
    with db.session() as session:
        fragment = fragment_row(session, actor, fragment_id)
        before = fragment_snapshot(fragment)
        accepted = _accept_in_session(session, actor, fragment, scan_codes(session, fragment.scan_id))
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
        fragment = fragment_row(session, actor, fragment_id)
        before = fragment_snapshot(fragment)
        working = working_codings(session, fragment.id)
        top = set(fragment_top_codes(fragment))
        rejected: list[str] = []
        for coding, code in working:
            if coding.status == CodingStatus.SUGGESTED or (coding.status == CodingStatus.ACCEPTED and code in top):
                coding.status = CodingStatus.REJECTED
                coding.coder = actor.username
                if code not in rejected:
                    rejected.append(code)
        if not rejected:
            if fragment.status in (FragmentStatus.REJECTED, FragmentStatus.UNCODED) or not top:
                raise InputError(t("review.error.nothing_to_reject"))
            rejected = fragment_top_codes(fragment)
        for code in rejected:
            _decision(session, actor, fragment, "reject", code)
        remaining = [code for coding, code in working if coding.status == CodingStatus.ACCEPTED]
        if remaining:
            fragment.status = FragmentStatus.ACCEPTED
            fragment.top_pillar, fragment.top_theme = None, None
            theme = next((code for code in remaining if "." in code), None)
            set_top_code(fragment, theme or remaining[0])
        else:
            fragment.status = FragmentStatus.REJECTED
        _event(session, actor, "review.reject", fragment, before, codes=rejected)
        return rejected


def recode_in_session(
    session: Session, actor: Actor, fragment: s.Fragment, code: s.Code, action: str = "recode"
) -> str | None:
    """Make ``code`` the fragment's accepted top code; the old top is rejected unless it is its pillar."""
    working = working_codings(session, fragment.id)
    old_top = fragment_top_codes(fragment)
    previous = fragment.top_theme or fragment.top_pillar
    new_pillar = pillar_of(code.code)
    for coding, existing in working:
        if existing == code.code:
            continue
        if existing in old_top or coding.status == CodingStatus.SUGGESTED:
            keep = existing == new_pillar and "." in code.code
            coding.status = CodingStatus.ACCEPTED if keep else CodingStatus.REJECTED
            coding.coder = actor.username
    current = next((c for c, k in working if k == code.code), None)
    if current is None:
        session.add(
            s.Coding(fragment_id=fragment.id, code_id=code.id, source=CodingSource.MANUAL, coder=actor.username)
        )
    else:
        current.status, current.coder = CodingStatus.ACCEPTED, actor.username
    fragment.status = FragmentStatus.ACCEPTED
    fragment.top_pillar, fragment.top_theme = None, None
    set_top_code(fragment, code.code)
    _decision(session, actor, fragment, action, code.code, previous)
    return previous


def recode(db: Database, actor: Actor, fragment_id: int, code: str) -> None:
    """Change a fragment's pillar or theme: a manual accepted coding; the old suggestion is rejected.

    When the new code is a theme of the suggested pillar, the pillar is
    accepted with it.
    """
    with db.session() as session:
        fragment = fragment_row(session, actor, fragment_id)
        row = code_row(session, fragment.scan_id, code)
        before = fragment_snapshot(fragment)
        previous = recode_in_session(session, actor, fragment, row)
        _event(session, actor, "review.recode", fragment, before, code=row.code, previous=previous)


def add_code(db: Database, actor: Actor, fragment_id: int, code: str) -> None:
    """Add a second code to a fragment (manual, accepted).

    An uncoded or rejected fragment becomes accepted with this code on top; a
    fragment still waiting for review keeps its suggestion to decide on.
    """
    with db.session() as session:
        fragment = fragment_row(session, actor, fragment_id)
        row = code_row(session, fragment.scan_id, code)
        before = fragment_snapshot(fragment)
        working = working_codings(session, fragment.id)
        current = next((c for c, k in working if k == row.code), None)
        if current is not None and current.status == CodingStatus.ACCEPTED:
            raise InputError(t("review.error.has_code", code=row.code))
        if current is None:
            session.add(
                s.Coding(fragment_id=fragment.id, code_id=row.id, source=CodingSource.MANUAL, coder=actor.username)
            )
        else:
            current.status, current.source, current.coder = CodingStatus.ACCEPTED, CodingSource.MANUAL, actor.username
        previous = fragment.top_theme or fragment.top_pillar
        if fragment.status in (FragmentStatus.UNCODED, FragmentStatus.REJECTED):
            fragment.status = FragmentStatus.ACCEPTED
            fragment.top_pillar, fragment.top_theme = None, None
            set_top_code(fragment, row.code)
        _decision(session, actor, fragment, "add", row.code, previous)
        _event(session, actor, "review.add", fragment, before, code=row.code)


def code_manually(db: Database, actor: Actor, fragment_id: int, code: str) -> None:
    """Code any fragment by hand (the transcript view).

    A fragment with an open suggestion is recoded; any other fragment gets the
    code added (becoming its top code when it had none).
    """
    with db.session() as session:
        fragment = fragment_row(session, actor, fragment_id)
        status = fragment.status
    if status == FragmentStatus.SUGGESTED:
        recode(db, actor, fragment_id, code)
    else:
        add_code(db, actor, fragment_id, code)


def set_quote_candidate(db: Database, actor: Actor, fragment_id: int, flag: bool = True) -> None:
    """Mark (or unmark) a fragment as a candidate quote for the report."""
    with db.session() as session:
        fragment = fragment_row(session, actor, fragment_id)
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
    query = filtered_query(scan_id, filters, *columns)
    return query.where(s.Fragment.status == FragmentStatus.SUGGESTED, s.Fragment.confidence >= min_confidence)


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
        codes = scan_codes(session, scan_id)
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


def code_id(db: Database, scan_id: int, code: str) -> int:
    """The ``Code.id`` of a code string in the scan's codebook (memo targets)."""
    with db.session() as session:
        return code_row(session, scan_id, code).id
