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
from models.auth import Actor
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
    """Events, newest first; admins see all, others only their own scans' entity history."""
    with db.session() as session:
        query = select(s.Event).order_by(s.Event.id.desc()).limit(limit)
        if entity is not None:
            query = query.where(s.Event.entity == entity)
        if entity_id is not None:
            query = query.where(s.Event.entity_id == entity_id)
        if entity is None:
            actor.require("events.view")
        return list(session.scalars(query))
