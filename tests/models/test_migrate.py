"""Migrations and the SQLite settings (models/migrate.py, models/startup.py, models/db.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import sessionmaker

from models import schema as s
from models.db import Database, make_engine
from models.migrate import current_revision, head_revision, upgrade_to_head
from models.scans import scan_by_name
from models.startup import connect_database


def test_store_migration_from_first_revision_keeps_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEERBAAR_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'oud.sqlite'}"
    engine = make_engine(url)
    old = Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
    upgrade_to_head(old, "0001")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO codebooks (id, name, version, created_at) VALUES (1, 'oud', 1, '2025-01-01')")
        )
        connection.execute(
            text(
                "INSERT INTO scans (id, name, organisation, kind, period, measurement, codebook_id, citation_style,"
                " created_at, created_by) VALUES (1, 'oud', 'Gemeente Oud', 'gemeente', '2025', 'nulmeting', 1,"
                " 'respondent', '2025-01-01', '')"
            )
        )
    engine.dispose()

    db = connect_database(url)
    assert current_revision(db) == head_revision(db) != "0001"
    scan = scan_by_name(db, "oud")
    assert scan is not None and scan.organisation == "Gemeente Oud"
    backups = list((tmp_path / "backups").glob("oud-voor-migratie-0001-*.sqlite"))
    assert len(backups) == 1 and backups[0].stat().st_mode & 0o777 == 0o600


def test_store_sqlite_runs_with_wal_and_foreign_keys(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite-specific settings")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with db.session() as session:
        assert session.scalar(select(s.Codebook.id)) is not None
