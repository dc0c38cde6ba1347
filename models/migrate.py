"""Alembic migrations, run from code (no alembic.ini needed).

``upgrade_to_head`` is called on every start. On an existing SQLite file with
an older revision it first copies the file to ``backups/`` (online backup API)
so a failed migration never costs data.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from models.db import Database, data_dir

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(db: Database) -> Config:
    """An Alembic config bound to ``db``'s engine."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    config.attributes["engine"] = db.engine
    return config


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(db: Database) -> str | None:
    return ScriptDirectory.from_config(alembic_config(db)).get_current_head()


def backup_sqlite_file(path: Path, target_dir: Path, *, label: str) -> Path:
    """Copy a live SQLite database consistently (online backup API), mode 0600."""
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = target_dir / f"{path.stem}-{label}-{stamp}.sqlite"
    target.touch(mode=0o600)
    source = sqlite3.connect(path)
    try:
        sqlite_copy(source, target)
    finally:
        source.close()
    target.chmod(0o600)
    return target


def sqlite_copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy the open SQLite database ``source`` into the file ``target`` (online backup API)."""
    dest = sqlite3.connect(target, timeout=30)
    try:
        source.backup(dest)
    finally:
        dest.close()


def upgrade_to_head(db: Database, revision: str = "head") -> None:
    """Migrate ``db`` to ``revision``; back up an existing SQLite file first."""
    current = current_revision(db)
    target = head_revision(db) if revision == "head" else revision
    if current == target:
        return
    if current is not None and db.is_sqlite and db.engine.url.database not in (None, "", ":memory:"):
        path = Path(str(db.engine.url.database))
        saved = backup_sqlite_file(path, data_dir() / "backups", label=f"voor-migratie-{current}")
        log.info("backed up %s to %s before migrating", path, saved)
    command.upgrade(alembic_config(db), revision)
