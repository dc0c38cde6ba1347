"""The event log: who did what, when, with the values before and after.

Every service function appends one entry in its own transaction
(:func:`record_event`); the admin screen and the history panels read them
(:func:`list_events`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import schema as s
from models.auth import LOCAL, Actor
from models.db import Database


def record_event(
    session: Session,
    actor: Actor,
    action: str,
    *,
    entity: str = "",
    entity_id: int | None = None,
    scan_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Append one entry to the event log, in the caller's transaction."""
    session.add(
        s.Event(
            user=actor.username,
            action=action,
            entity=entity,
            entity_id=entity_id,
            scan_id=scan_id,
            before=before,
            after=after,
        )
    )


def list_events(
    db: Database, actor: Actor, *, entity: str | None = None, entity_id: int | None = None, limit: int = 1000
) -> list[s.Event]:
    """Events, newest first.

    Admins (``events.view``) see the whole log. Everyone else sees only the
    history of one kind of entity (``entity`` is then required), only in the
    scans they are assigned to, and an interviewer only the history of the
    interviews (and their turns) they own, whatever the filters.
    """
    with db.session() as session:
        query = select(s.Event).order_by(s.Event.id.desc()).limit(limit)
        if entity is not None:
            query = query.where(s.Event.entity == entity)
        if entity_id is not None:
            query = query.where(s.Event.entity_id == entity_id)
        if not actor.can("events.view"):
            if entity is None:
                actor.require("events.view")
            actor.require("scan.view")
            query = query.where(s.Event.scan_id.is_not(None))
            if actor.scan_ids is not None:
                query = query.where(s.Event.scan_id.in_(sorted(actor.scan_ids)))
            if actor.role == "interviewer" and entity in ("turn", "interview"):
                owned = select(s.Interview.id).where(s.Interview.owner.in_(("", LOCAL.username, actor.username)))
                if entity == "turn":
                    owned = select(s.Turn.id).where(s.Turn.interview_id.in_(owned))
                query = query.where(s.Event.entity_id.in_(owned))
        return list(session.scalars(query))
