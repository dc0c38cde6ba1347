"""The rights and the event every export shares (Word, Excel, CSV, REFI-QDA).

Kept apart from :mod:`models.exports` and :mod:`models.refiqda` so both can use
it at import time without importing each other.
"""

from __future__ import annotations

from models.auth import Actor
from models.db import Database
from models.events import record_event


def log_export(
    db: Database,
    actor: Actor,
    scan_id: int,
    fmt: str,
    *,
    real_names: bool = False,
    count: int = 0,
    options: dict[str, object] | None = None,
) -> None:
    """Write the export event (``export.real_names`` when real names were included).

    ``options`` are the format's own choices (e.g. ``accepted_only`` for ``.qdpx``), logged with it.
    """
    with db.session() as session:
        record_event(
            session,
            actor,
            "export.real_names" if real_names else "export",
            entity="scan",
            entity_id=scan_id,
            scan_id=scan_id,
            after={"format": fmt, "real_names": real_names, "count": count, **(options or {})},
        )


def require_export(actor: Actor, scan_id: int, *, real_names: bool) -> None:
    actor.require("export", scan_id)
    if real_names:
        actor.require("export.real_names", scan_id)
