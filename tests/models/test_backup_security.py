"""Restore checks a copy completely before it touches the live database; file modes are owner-only."""

from __future__ import annotations

import argparse
import stat
from pathlib import Path

import pytest

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


def test_backup_restore_refuses_file_with_only_turns_and_revision(live, tmp_path):
    bogus = hostile.foreign_sqlite(
        tmp_path / "half.sqlite", tables={"turns": "id INTEGER PRIMARY KEY, text TEXT"}, revision=head_revision(live)
    )
    _refused(live, bogus, "mist tabellen")


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
