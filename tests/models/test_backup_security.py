"""Restore checks a copy completely before it touches the live database; file modes are owner-only."""

from __future__ import annotations

import argparse
import os
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from models import scans
from models.auth import LOCAL
from models.backup import BackupError, backup, restore
from models.commands import export as export_command
from models.commands import restore as restore_command
from models.db import Database, data_dir
from models.migrate import current_revision, head_revision, upgrade_to_head
from models.startup import connect_database
from tests import hostile
from tests.factories import dump, new_interview


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def live(db: Database) -> Database:
    new_interview(db, scan_name="Levend", organisation="Gemeente Levend")
    return db


def _refused(db: Database, path: Path, message: str) -> None:
    before = dump(db)
    with pytest.raises(BackupError, match=message):
        restore(db, path, actor=LOCAL)
    db.engine.dispose()
    assert dump(db) == before
    # the app still starts on the live database
    again = connect_database(db.url)
    assert current_revision(again) == head_revision(again)
    assert scans.scan_by_name(again, "Levend") is not None
    again.engine.dispose()


sqlite_only = pytest.mark.skipif(
    os.environ.get("WEERBAAR_TEST_DATABASE_URL", "").strip() != "", reason="SQLite backup files; PostgreSQL below"
)
postgres_only = pytest.mark.skipif(
    os.environ.get("WEERBAAR_TEST_DATABASE_URL", "").strip() == "", reason="PostgreSQL dumps; SQLite above"
)


@sqlite_only
def test_backup_restore_refuses_file_with_only_turns_and_revision(live, tmp_path):
    bogus = hostile.foreign_sqlite(
        tmp_path / "half.sqlite", tables={"turns": "id INTEGER PRIMARY KEY, text TEXT"}, revision=head_revision(live)
    )
    _refused(live, bogus, "mist tabellen")


@sqlite_only
def test_backup_restore_refuses_future_revision(live, tmp_path):
    real = backup(live, tmp_path / "echt")
    future = hostile.with_revision(real, tmp_path / "toekomst.sqlite", "9999_van_later")
    _refused(live, future, "9999_van_later")


def test_backup_restore_refuses_foreign_sqlite(live, tmp_path):
    other = hostile.foreign_sqlite(tmp_path / "ander.sqlite", tables={"notes": "id INTEGER, body TEXT"})
    _refused(live, other, "geen back-up van Weerbaar")


def test_backup_restore_refuses_truncated_file(live, tmp_path):
    real = backup(live, tmp_path / "echt")
    broken = hostile.truncated(real, tmp_path / "kapot.sqlite")
    _refused(live, broken, "beschadigd")


@sqlite_only
def test_backup_restore_of_older_revision_is_migrated_on_the_copy(live, tmp_path, monkeypatch):
    old_path = tmp_path / "oud" / "oud.sqlite"
    old_path.parent.mkdir()
    old = Database.open(f"sqlite:///{old_path}")
    upgrade_to_head(old, "0001")
    old.engine.dispose()
    restore(live, old_path, actor=LOCAL)
    assert current_revision(live) == head_revision(live)
    assert scans.scan_by_name(live, "Levend") is None
    assert not list(data_dir().glob("backups/.restore-controle-*"))


def test_backup_cli_restore_of_truncated_file_prints_dutch(live, tmp_path, capsys):
    broken = hostile.truncated(backup(live, tmp_path / "echt"), tmp_path / "kapot.sqlite")
    code = restore_command.run(argparse.Namespace(file=broken, yes=True))
    err = capsys.readouterr().err
    assert code == 1
    assert "beschadigd" in err and "Traceback" not in err


def test_backup_cli_export_to_a_directory_prints_dutch(live, tmp_path, capsys):
    code = export_command.run(argparse.Namespace(scan="Levend", format="csv", out=tmp_path, real_names=False))
    err = capsys.readouterr().err
    assert code == 2
    assert "is een map" in err


def test_backup_cli_export_with_real_names_is_owner_only(live, tmp_path):
    out = tmp_path / "uit" / "namen.csv"
    out.parent.mkdir()
    out.write_bytes(b"oud")
    out.chmod(0o644)
    assert export_command.run(argparse.Namespace(scan="Levend", format="csv", out=out, real_names=True)) == 0
    assert _mode(out) == 0o600


def test_backup_data_directory_is_created_owner_only(tmp_path, monkeypatch):
    target = tmp_path / "nieuw" / "data"
    monkeypatch.setenv("WEERBAAR_DATA_DIR", str(target))
    assert data_dir() == target
    assert _mode(target) == 0o700


@pytest.fixture
def scratch_pg(live: Database) -> Iterator[Database]:
    """An empty second PostgreSQL database on the test server (not migrated)."""
    admin = create_engine(live.engine.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = f"weerbaar_s_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    scratch = Database.open(make_url(live.engine.url).set(database=name).render_as_string(hide_password=False))
    try:
        yield scratch
    finally:
        scratch.engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _pg_dump(db: Database, target: Path) -> Path:
    """``pg_dump --format=custom`` of a database that is not (fully) Weerbaar's, as another tool would make it."""
    from models.backup import _pg_env, _pg_tool, _run

    _run([_pg_tool("pg_dump"), "--format=custom", "--no-password", f"--file={target}"], _pg_env(db.engine.url))
    return target


def _set_revision(db: Database, revision: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})


@postgres_only
def test_backup_restore_pg_refuses_dump_with_only_turns_and_revision(live, scratch_pg, tmp_path):
    with scratch_pg.engine.begin() as connection:
        connection.execute(text("CREATE TABLE turns (id INTEGER PRIMARY KEY, text TEXT)"))
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
        connection.execute(text("INSERT INTO alembic_version VALUES (:r)"), {"r": head_revision(live)})
    half = _pg_dump(scratch_pg, tmp_path / "half.dump")
    _refused(live, half, "mist tabellen")


@postgres_only
def test_backup_restore_pg_refuses_future_revision(live, tmp_path):
    head = head_revision(live)
    _set_revision(live, "9999_van_later")
    try:
        future = backup(live, tmp_path / "toekomst")
    finally:
        _set_revision(live, str(head))
    _refused(live, future, "9999_van_later")


@postgres_only
def test_backup_restore_pg_of_older_revision_is_migrated(live, scratch_pg, tmp_path):
    upgrade_to_head(scratch_pg, "0001")
    old = _pg_dump(scratch_pg, tmp_path / "oud.dump")
    restore(live, old, actor=LOCAL)
    assert current_revision(live) == head_revision(live)
    assert scans.scan_by_name(live, "Levend") is None


@postgres_only
def test_backup_restore_pg_puts_the_live_state_back_when_migrating_fails(live, scratch_pg, tmp_path):
    upgrade_to_head(scratch_pg, "0001")
    with scratch_pg.engine.begin() as connection:  # 0002 adds fragments with a key into interviews: cannot migrate
        connection.execute(text("DROP TABLE interviews CASCADE"))
    broken = _pg_dump(scratch_pg, tmp_path / "kapot.dump")
    _refused(live, broken, "kon niet naar het huidige schema")
