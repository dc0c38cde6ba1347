"""Small builders of test data through the service layer, shared by the test modules."""

from __future__ import annotations

from models import store
from models.auth import LOCAL
from models.db import Database


def new_interview(
    db: Database,
    scan_id: int | None = None,
    *,
    scan_name: str = "Toets",
    organisation: str = "Gemeente Toets",
    kind: str = "gemeente",
    role: str = "beleidsadviseur",
    real_name: str | None = None,
    title: str = "Gesprek",
    date: str = "2025-01-01",
    interviewer: str = "Onderzoeker",
) -> tuple[int, int, int]:
    """An individual interview with one new respondent (in a new scan unless ``scan_id`` is given).

    Returns:
        ``(scan_id, respondent_id, interview_id)``.
    """
    if scan_id is None:
        scan_id = store.create_scan(db, LOCAL, name=scan_name, organisation=organisation, kind=kind)
    respondent = store.add_respondent(db, LOCAL, scan_id, role=role, real_name=real_name)
    interview_id = store.create_interview(
        db,
        LOCAL,
        scan_id,
        title=title,
        kind="individueel",
        date=date,
        interviewer=interviewer,
        participant_ids=[respondent.id],
    )
    return scan_id, respondent.id, interview_id


def dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (sorted), to prove a failed import changed nothing at all."""
    from sqlalchemy import MetaData, select

    metadata = MetaData()
    metadata.reflect(bind=db.engine)
    rows: dict[str, list[tuple[object, ...]]] = {}
    with db.engine.connect() as connection:
        for name, table in sorted(metadata.tables.items()):
            rows[name] = sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
    return rows
