"""Memos: an analyst's notes on a fragment, a code or an interview (never shown as markdown)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import schema as s
from models.auth import Actor
from models.db import Database
from models.decisions import scan_codes
from models.errors import InputError, NotFound
from models.events import record_event
from models.review_queue import shorten
from texts import t

MEMO_TARGETS: tuple[str, ...] = ("fragment", "code", "interview")


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


def _check_target(session: Session, scan_id: int, target_type: str, target_id: int) -> None:
    if target_type not in MEMO_TARGETS:
        raise InputError(t("review.error.memo_target"))
    if target_type == "fragment":
        found = session.scalar(select(s.Fragment.scan_id).where(s.Fragment.id == target_id))
    elif target_type == "interview":
        found = session.scalar(select(s.Interview.scan_id).where(s.Interview.id == target_id))
    else:
        found = scan_id if target_id in {row.id for row in scan_codes(session, scan_id).values()} else None
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
            raise NotFound("memo", memo_id)
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
            raise NotFound("memo", memo_id)
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
            labels[("fragment", fid)] = shorten(text, 80)
    if wanted["interview"]:
        for iid, title in session.execute(
            select(s.Interview.id, s.Interview.title).where(s.Interview.id.in_(wanted["interview"]))
        ).all():
            labels[("interview", iid)] = title
    if wanted["code"]:
        for code_row in scan_codes(session, scan_id).values():
            if code_row.id in wanted["code"]:
                labels[("code", code_row.id)] = f"{code_row.code} — {code_row.name}"
    return labels
