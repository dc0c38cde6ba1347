"""Backups and restores of the whole database.

SQLite is copied with the online backup API, so a backup is consistent while
the app keeps writing. PostgreSQL is dumped with ``pg_dump --format=custom``
and restored with ``pg_restore --clean --if-exists``. Backup files are
owner-only (0600) and land in ``WEERBAAR_DATA_DIR/backups`` unless told
otherwise.

A restore never touches the live database before the file has passed every
check. SQLite: the file is copied to an owner-only scratch file; the copy must
pass ``PRAGMA integrity_check``, carry an Alembic revision this code knows (a
backup from a newer Weerbaar is refused), migrate to the current head, and then
hold every table and column of the current schema. Only that checked copy
replaces the live file. PostgreSQL: ``pg_restore --list`` must read the dump
and its table of contents must hold every table of the current schema and
``alembic_version``; the restore itself runs in one transaction. (The dump is
not restored into a scratch database first: that needs the CREATEDB right,
which the application role normally lacks.) Every restore first backs up the
current state, and afterwards migrates the restored database to the current
schema.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL

from models.auth import Actor
from models.db import Database, data_dir
from models.events import record_event
from models.migrate import MIGRATIONS, alembic_config, backup_sqlite_file, sqlite_copy, upgrade_to_head
from models.schema import Base
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
    if not path.exists():
        raise BackupError(t("backup.error.missing", path=path))
    if not path.is_file():
        raise BackupError(t("backup.error.not_a_file", path=path))
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise BackupError(t("backup.error.unreadable", path=path, error=exc.strerror or exc)) from exc
    magic, kind = (SQLITE_MAGIC, "SQLite") if db.is_sqlite else (PG_DUMP_MAGIC, "PostgreSQL")
    if not head.startswith(magic):
        raise BackupError(t("backup.error.format", kind=kind))


def known_revisions() -> set[str]:
    """Every Alembic revision this code has a migration for."""
    script = ScriptDirectory(str(MIGRATIONS))
    return {revision.revision for revision in script.walk_revisions()}


def _schema_gaps(db: Database) -> list[str]:
    """Tables and columns of the current schema missing in ``db`` (``"turns"``, ``"turns.seq"``)."""
    inspector = inspect(db.engine)
    present = set(inspector.get_table_names())
    gaps: list[str] = []
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            gaps.append(table.name)
            continue
        columns = {column["name"] for column in inspector.get_columns(table.name)}
        gaps.extend(f"{table.name}.{column.name}" for column in table.columns if column.name not in columns)
    return gaps


def _remove_sqlite(path: Path) -> None:
    for extra in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        extra.unlink(missing_ok=True)


def checked_sqlite_copy(path: Path) -> Path:
    """A checked, migrated copy of the SQLite backup ``path`` (0600, in the backup folder).

    Raises:
        BackupError: The file is damaged or truncated, not a Weerbaar
            database, from a newer version of Weerbaar, cannot be migrated, or
            lacks tables or columns of the current schema. Nothing live has
            been touched then.
    """
    scratch = backup_dir() / f".restore-controle-{_stamp()}.tmp"
    scratch.touch(mode=0o600)
    scratch.chmod(0o600)
    try:
        try:
            source = _read_only(path)
            try:
                sqlite_copy(source, scratch)
            finally:
                source.close()
            connection = sqlite3.connect(scratch)
            try:
                verdict = [row[0] for row in connection.execute("PRAGMA integrity_check")]
                tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                revisions = (
                    [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
                    if "alembic_version" in tables
                    else []
                )
            finally:
                connection.close()
        except sqlite3.DatabaseError as exc:
            raise BackupError(t("backup.error.corrupt", path=path.name, error=exc)) from exc
        if verdict != ["ok"]:
            raise BackupError(t("backup.error.corrupt", path=path.name, error="; ".join(verdict[:3])))
        if len(revisions) != 1:
            raise BackupError(t("backup.error.foreign", path=path.name))
        if revisions[0] not in known_revisions():
            raise BackupError(t("backup.error.revision", path=path.name, revision=revisions[0]))
        copy = Database.open(f"sqlite:///{scratch}")
        try:
            try:
                command.upgrade(alembic_config(copy), "head")
            except Exception as exc:  # alembic and the dialect raise many kinds; the copy is thrown away
                log.info("migrating the restore copy failed", exc_info=True)
                raise BackupError(t("backup.error.migrate", path=path.name, error=type(exc).__name__)) from exc
            gaps = _schema_gaps(copy)
        finally:
            copy.engine.dispose()
        if gaps:
            raise BackupError(t("backup.error.schema", path=path.name, missing=", ".join(gaps[:8])))
        _self_contained(scratch)
    except BaseException:
        _remove_sqlite(scratch)
        raise
    return scratch


def _pg_dump_revisions(path: Path) -> list[str]:
    """The Alembic revisions stored in the dump's ``alembic_version`` table (its COPY data)."""
    try:
        script = subprocess.run(
            [_pg_tool("pg_restore"), "--data-only", "--table=alembic_version", "--file=-", str(path)],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        ).stdout
    except subprocess.CalledProcessError as exc:
        raise BackupError(t("backup.error.corrupt", path=path.name, error=(exc.stderr or "").strip()[-500:])) from exc
    lines = script.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("COPY ") and "alembic_version" in line]
    if not starts:
        return []
    values: list[str] = []
    for line in lines[starts[0] + 1 :]:
        if line == "\\.":
            break
        values.append(line.strip())
    return values


def _check_pg_dump(path: Path) -> None:
    """``pg_restore`` must read the dump: one known revision, and at head every table of the current schema.

    A dump of an older revision may lack the newer tables: the migration after
    the restore adds them (and :func:`restore` puts the previous state back
    when that fails).
    """
    try:
        listing = subprocess.run(
            [_pg_tool("pg_restore"), "--list", str(path)], capture_output=True, text=True, check=True, timeout=600
        ).stdout
    except subprocess.CalledProcessError as exc:
        raise BackupError(t("backup.error.corrupt", path=path.name, error=(exc.stderr or "").strip()[-500:])) from exc
    tables = {
        parts[parts.index("TABLE") + 2]
        for parts in (line.split() for line in listing.splitlines() if not line.startswith(";"))
        if "TABLE" in parts and parts.index("TABLE") + 2 < len(parts)
    }
    if "alembic_version" not in tables:
        raise BackupError(t("backup.error.foreign", path=path.name))
    revisions = _pg_dump_revisions(path)
    if len(revisions) != 1:
        raise BackupError(t("backup.error.foreign", path=path.name))
    if revisions[0] not in known_revisions():
        raise BackupError(t("backup.error.revision", path=path.name, revision=revisions[0]))
    at_head = revisions[0] == ScriptDirectory(str(MIGRATIONS)).get_current_head()
    missing = [table.name for table in Base.metadata.sorted_tables if table.name not in tables]
    if missing and (at_head or "turns" not in tables):
        raise BackupError(t("backup.error.schema", path=path.name, missing=", ".join(missing[:8])))


def _drop_tables(db: Database) -> None:
    """Drop every table of the live database's default schema, in one transaction.

    ``pg_restore --clean`` drops only what the dump holds: tables that a newer
    schema added would keep their foreign keys into the restored ones and make
    an older dump fail to restore.
    """
    with db.engine.begin() as connection:
        names = inspect(connection).get_table_names()
        if names:
            quoted = ", ".join(connection.dialect.identifier_preparer.quote(name) for name in names)
            connection.execute(text(f"DROP TABLE IF EXISTS {quoted} CASCADE"))
    db.engine.dispose()


def _pg_restore(db: Database, path: Path) -> None:
    """Replace the live tables by the dump's (one transaction for the restore itself)."""
    _drop_tables(db)
    _run(
        [
            _pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={db.engine.url.database}",
            str(path),
        ],
        _pg_env(db.engine.url),
    )
    db.engine.dispose()


def _restore_pg(db: Database, path: Path, previous: Path) -> None:
    """Restore the dump and migrate it; on any failure put ``previous`` (the state before) back."""
    try:
        _pg_restore(db, path)
        upgrade_to_head(db)
    except Exception as exc:
        log.info("restoring %s failed; putting %s back", path, previous, exc_info=True)
        db.engine.dispose()
        _pg_restore(db, previous)
        upgrade_to_head(db)
        if isinstance(exc, BackupError):
            raise
        raise BackupError(t("backup.error.migrate", path=path.name, error=type(exc).__name__)) from exc


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
    if db.is_sqlite:
        checked = checked_sqlite_copy(path)
        try:
            previous = backup(db, actor=actor)
            db.engine.dispose()
            source = sqlite3.connect(checked)
            try:
                sqlite_copy(source, _sqlite_path(db))
            finally:
                source.close()
        finally:
            _remove_sqlite(checked)
    else:
        _check_pg_dump(path)
        previous = backup(db, actor=actor)
        db.engine.dispose()
        _restore_pg(db, path, previous)
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
