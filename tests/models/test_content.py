"""Stored guides and codebooks (models/content.py): versions."""

from __future__ import annotations

from models.auth import LOCAL
from models.content import guide_version, latest_guide, save_guide
from models.db import Database
from models.interviews import (
    create_interview,
    get_interview,
)
from tests.factories import new_interview


def _interview(db: Database) -> tuple[int, int, int]:
    return new_interview(
        db, scan_name="S", organisation="Provincie Toets", kind="provincie", role="jurist",
        real_name="Geheime Naam", title="Gesprek jurist", date="2026-01-05",
    )  # fmt: skip


def test_store_guide_edit_makes_new_version_and_keeps_past_interviews(db: Database) -> None:
    scan_id, respondent_id, interview_id = _interview(db)
    used = get_interview(db, LOCAL, interview_id).guide_version_id
    guide_id, guide = latest_guide(db)
    guide.questions[0].text = "Een heel andere openingsvraag over ondermijning?"
    new_id = save_guide(db, LOCAL, guide)
    assert new_id != guide_id and guide_version(db, new_id).version == guide.version
    assert guide_version(db, used).questions[0].text != guide.questions[0].text
    later = create_interview(
        db, LOCAL, scan_id, title="Later", kind="individueel", date="", interviewer="", participant_ids=[respondent_id]
    )
    assert get_interview(db, LOCAL, later).guide_version_id == new_id
