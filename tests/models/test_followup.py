"""models/followup.py: a vervolgmeting created from its nulmeting."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import schema as s
from models.auth import LOCAL, Actor
from models.content import codebook_data
from models.db import Database
from models.errors import InputError, PermissionDenied
from models.followup import baseline_of, create_followup, instrument_changes
from models.scans import create_scan
from models.users import assign_scan, create_user


def test_followup_links_to_its_baseline_and_reuses_codebook_and_users(db: Database):
    baseline = create_scan(db, LOCAL, name="Nulmeting", organisation="Gemeente Toets", kind="gemeente",
                           period="2024")  # fmt: skip
    create_user(db, LOCAL, "beheer", "een lang wachtwoord 123", "admin")
    create_user(db, LOCAL, "ana", "een lang wachtwoord 123", "analyst")
    assign_scan(db, LOCAL, "ana", baseline)
    followup = create_followup(db, LOCAL, baseline, name="Vervolgmeting", period="2026")
    assert baseline_of(db, LOCAL, followup) == baseline
    with db.session() as session:
        first, second = session.get(s.Scan, baseline), session.get(s.Scan, followup)
        assert second.measurement == "vervolgmeting" and second.organisation == "Gemeente Toets"
        assert second.codebook_id != first.codebook_id  # its own copy
        assert codebook_data(session, second.codebook_id).pillars == codebook_data(session, first.codebook_id).pillars
        assert second.instruments["baseline"]["codebook"]["themes"]
        assigned = session.scalars(select(s.ScanAssignment.user_id).where(s.ScanAssignment.scan_id == followup)).all()
        assert len(assigned) == 1
        event = session.scalars(select(s.Event).where(s.Event.action == "scan.create_followup")).one()
        assert event.after["baseline_scan_id"] == baseline
    assert instrument_changes(db, LOCAL, followup, baseline) == []


def test_followup_instrument_change_is_visible(db: Database):
    baseline = create_scan(db, LOCAL, name="Nulmeting", organisation="Gemeente Toets", kind="gemeente")
    followup = create_followup(db, LOCAL, baseline, name="Vervolg")
    with db.session() as session:
        scan = session.get(s.Scan, followup)
        theme = session.scalars(select(s.Code).where(s.Code.codebook_id == scan.codebook_id,
                                                     s.Code.parent_id.is_not(None))).first()  # fmt: skip
        theme.code = theme.code.split(".")[0] + ".nieuw_thema"
    notes = instrument_changes(db, LOCAL, followup, baseline)
    assert any("nieuw_thema" in note and "niet had" in note for note in notes)
    assert any("ontbreken" in note for note in notes)


def test_followup_needs_admin_and_a_free_name(db: Database):
    baseline = create_scan(db, LOCAL, name="Nulmeting", organisation="Gemeente Toets", kind="gemeente")
    with pytest.raises(PermissionDenied):
        create_followup(db, Actor("ana", "analyst", frozenset({baseline})), baseline, name="Vervolg")
    with pytest.raises(InputError):
        create_followup(db, LOCAL, baseline, name="Nulmeting")
    with db.session() as session:
        assert session.scalar(select(s.Scan.id).where(s.Scan.measurement == "vervolgmeting")) is None


def test_followup_migration_matches_the_tables(db: Database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from models import followup_schema  # noqa: F401  (registers actions and statement_matches)

    with db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), s.Base.metadata)
    mine = {"actions", "statement_matches"}

    def touches(diff: object) -> bool:
        text = repr(diff)
        return any(f"'{name}'" in text for name in mine) or "baseline_scan_id" in text or "'instruments'" in text

    assert [d for d in diffs if touches(d)] == []
