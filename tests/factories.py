"""Small builders of test data through the service layer, shared by the test modules."""

from __future__ import annotations

from models.auth import LOCAL
from models.db import Database
from models.interviews import create_interview
from models.scans import add_respondent, create_scan


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
        scan_id = create_scan(db, LOCAL, name=scan_name, organisation=organisation, kind=kind)
    respondent = add_respondent(db, LOCAL, scan_id, role=role, real_name=real_name)
    interview_id = create_interview(
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
