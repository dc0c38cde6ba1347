"""Backups and restores of the whole database.

SQLite is copied with the online backup API, so a backup is consistent while
the app keeps writing. PostgreSQL is dumped with ``pg_dump --format=custom``
and restored with ``pg_restore --clean --if-exists``. Backup files are
owner-only (0600) and land in ``WEERBAAR_DATA_DIR/backups`` unless told
otherwise. Every restore first backs up the current state, and afterwards
migrates the restored database to the current schema.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL

from models.auth import Actor
from models.db import Database, data_dir
from models.events import record_event
from models.migrate import backup_sqlite_file, sqlite_copy, upgrade_to_head
from texts import t

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
BACKUP_SUFFIXES = (".sqlite", ".dump")


class BackupError(RuntimeError):
    """A backup or restore that could not be done; the message is Dutch."""


def backup_dir() -> Path:
    """Where backups go by default: ``backups/`` in the data directory (owner-only)."""
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")


def _sqlite_path(db: Database) -> Path:
    database = db.engine.url.database
    if not database or database == ":memory:":
        raise BackupError(t("backup.error.format", kind="SQLite in memory"))
    return Path(database)


def _pg_tool(name: str) -> str:
    """Path of ``pg_dump``/``pg_restore``: ``WEERBAAR_PG_BIN`` if set, else the PATH."""
    folder = os.environ.get("WEERBAAR_PG_BIN")
    found = str(Path(folder) / name) if folder else shutil.which(name)
    if not found or not Path(found).exists():
        raise BackupError(t("backup.error.tool", tool=name))
    return found


def _pg_env(url: URL) -> dict[str, str]:
    """libpq settings for the tools; the password goes in the environment, never on the command line."""
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", url.host),
        ("PGPORT", str(url.port) if url.port else None),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value:
            env[key] = str(value)
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    tool = Path(command[0]).name
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True, timeout=3600)
    except subprocess.CalledProcessError as exc:
        raise BackupError(t("backup.error.failed", tool=tool, error=(exc.stderr or "").strip()[-2000:])) from exc


def _self_contained(path: Path) -> None:
    """Switch a copied SQLite file out of WAL mode: one file, readable without -wal/-shm."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def _read_only(path: Path) -> sqlite3.Connection:
    """Open a backup file without creating -wal/-shm files beside it."""
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def _record(db: Database, actor: Actor | None, action: str, after: dict[str, str]) -> None:
    with db.session() as session:
        record_event(session, actor or Actor(username="systeem", role=""), action, entity="database", after=after)


def backup(db: Database, target_dir: Path | None = None, *, actor: Actor | None = None) -> Path:
    """Write a consistent backup of ``db`` and return its path (mode 0600).

    Args:
        db: the database to back up (it may be in use).
        target_dir: folder for the file; default :func:`backup_dir`.
        actor: who asks; checked for the ``backup`` permission and written to the event log.
    """
    if actor is not None:
        actor.require("backup")
    folder = Path(target_dir) if target_dir is not None else backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if db.is_sqlite:
        target = backup_sqlite_file(_sqlite_path(db), folder, label="backup")
        _self_contained(target)
    else:
        url = db.engine.url
        target = folder / f"weerbaar-{url.database}-backup-{_stamp()}.dump"
        target.touch(mode=0o600)
        try:
            _run([_pg_tool("pg_dump"), "--format=custom", "--no-password", f"--file={target}"], _pg_env(url))
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    target.chmod(0o600)
    log.info("backup of %s written to %s", db.engine.url.render_as_string(hide_password=True), target)
    _record(db, actor, "backup.create", {"file": target.name})
    return target


def _check_format(db: Database, path: Path) -> None:
    if not path.is_file():
        raise BackupError(t("backup.error.missing", path=path))
    with path.open("rb") as handle:
        head = handle.read(16)
    magic, kind = (SQLITE_MAGIC, "SQLite") if db.is_sqlite else (PG_DUMP_MAGIC, "PostgreSQL")
    if not head.startswith(magic):
        raise BackupError(t("backup.error.format", kind=kind))
    if db.is_sqlite:
        connection = _read_only(path)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            connection.close()
        if "turns" not in tables or "alembic_version" not in tables:
            raise BackupError(t("backup.error.format", kind=kind))


def restore(db: Database, path: Path, *, actor: Actor | None = None) -> Path:
    """Replace everything in ``db`` by the backup at ``path``.

    The current state is backed up first; that file's path is returned. The
    restored database is migrated to the current schema.

    Args:
        db: the database to overwrite.
        path: a file made by :func:`backup` for the same kind of database.
        actor: who asks; checked for the ``backup`` permission and written to the event log.
    """
    if actor is not None:
        actor.require("backup")
    path = Path(path)
    _check_format(db, path)
    previous = backup(db, actor=actor)
    db.engine.dispose()
    if db.is_sqlite:
        source = _read_only(path)
        try:
            sqlite_copy(source, _sqlite_path(db))
        finally:
            source.close()
    else:
        _run(
            [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--no-password",
                f"--dbname={db.engine.url.database}",
                str(path),
            ],
            _pg_env(db.engine.url),
        )
    db.engine.dispose()
    upgrade_to_head(db)
    log.info("restored %s from %s (previous state in %s)", db.engine.url.render_as_string(True), path, previous)
    _record(db, actor, "backup.restore", {"file": path.name, "previous": previous.name})
    return previous


def list_backups(target_dir: Path | None = None) -> list[Path]:
    """Backup files in ``target_dir`` (default :func:`backup_dir`), newest first."""
    folder = Path(target_dir) if target_dir is not None else backup_dir()
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and p.suffix in BACKUP_SUFFIXES]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
