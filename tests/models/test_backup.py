"""Backups and restores: a round trip loses nothing, files are owner-only, migrations back up first."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import schema as s
from models import users
from models.auth import LOCAL, Actor, PermissionDenied
from models.backup import BackupError, backup, list_backups, restore
from models.db import Database
from models.interviews import add_turn, list_turns
from models.migrate import current_revision, head_revision, upgrade_to_head
from models.scans import create_scan, scan_by_name
from models.startup import connect_database
from tests.factories import new_interview


def _interview(db: Database) -> int:
    return new_interview(db, scan_name="Gemeente A", organisation="Gemeente A", interviewer="lokaal")[2]


def _texts(db: Database, interview_id: int) -> list[str]:
    return [turn.text for turn in list_turns(db, interview_id)]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_restore_round_trip(db: Database, tmp_path: Path) -> None:
    interview_id = _interview(db)
    for text in ("Wij screenen medewerkers.", "Het RIEC helpt ons.", "Een Bibob-toets bij vergunningen."):
        add_turn(db, LOCAL, interview_id, kind="answer", text=text, speaker_role="respondent")
    saved = _texts(db, interview_id)

    path = backup(db, actor=LOCAL)
    assert path.parent == tmp_path / "backups"
    assert path in list_backups()

    add_turn(db, LOCAL, interview_id, kind="answer", text="Na de back-up.", speaker_role="respondent")
    create_scan(db, LOCAL, name="Later", organisation="Later", kind="provincie")
    previous = restore(db, path, actor=LOCAL)

    assert _texts(db, interview_id) == saved
    assert scan_by_name(db, "Later") is None
    assert previous.exists() and previous != path
    with db.session() as session:
        actions = list(session.scalars(select(s.Event.action)))
        assert "backup.restore" in actions
        assert session.scalar(select(func.count()).select_from(s.Codebook)) == 2  # template + the scan's copy
    # the state before the restore is itself restorable
    restore(db, previous)
    assert _texts(db, interview_id)[-1] == "Na de back-up."
    assert scan_by_name(db, "Later") is not None


def test_backup_files_are_owner_only(db: Database, tmp_path: Path) -> None:
    path = backup(db, tmp_path / "elders")
    assert _mode(path) == 0o600
    assert backup(db).parent.stat().st_mode & 0o077 == 0


def test_backup_requires_admin(db: Database) -> None:
    with pytest.raises(PermissionDenied):
        backup(db, actor=Actor(username="anna", role="analyst", scan_ids=frozenset()))


def test_backup_restore_refuses_other_files(db: Database, tmp_path: Path) -> None:
    bogus = tmp_path / "notities.sqlite"
    bogus.write_text("dit is geen back-up", encoding="utf-8")
    with pytest.raises(BackupError, match="geen back-up"):
        restore(db, bogus)
    with pytest.raises(BackupError):
        restore(db, tmp_path / "bestaat-niet.dump")


def test_backup_restore_keeps_users(db: Database) -> None:
    users.create_user(db, LOCAL, "beheer", "lang-genoeg-wachtwoord", "admin")
    path = backup(db)
    users.create_user(db, LOCAL, "anna", "lang-genoeg-wachtwoord", "analyst")
    restore(db, path)
    assert [u.username for u in users.list_users(db, LOCAL)] == ["beheer"]
    assert users.authenticate(db, "beheer", "lang-genoeg-wachtwoord") is not None


def test_backup_before_migrating_existing_sqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEERBAAR_DATA_DIR", str(tmp_path))
    path = tmp_path / "oud.sqlite"
    old = connect_database(f"sqlite:///{path}", migrate=False)
    upgrade_to_head(old, "0001")
    with old.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO users (username, display_name, password_hash, role, active, created_at) "
            "VALUES ('oud', '', 'x', 'admin', 1, '2024-01-01')"
        )
    old.engine.dispose()

    db = connect_database(f"sqlite:///{path}")
    assert current_revision(db) == head_revision(db)
    copies = list((tmp_path / "backups").glob("oud-voor-migratie-0001-*.sqlite"))
    assert len(copies) == 1
    assert _mode(copies[0]) == 0o600
    connection = sqlite3.connect(copies[0])
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert connection.execute("SELECT username FROM users").fetchall() == [("oud",)]
    finally:
        connection.close()
    db.engine.dispose()


def test_backup_no_copy_for_fresh_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEERBAAR_DATA_DIR", str(tmp_path))
    connect_database(f"sqlite:///{tmp_path / 'nieuw.sqlite'}").engine.dispose()
    assert not list((tmp_path / "backups").glob("*")) if (tmp_path / "backups").exists() else True
