"""Settings, engine and sessions.

``WEERBAAR_DATA_DIR`` says where the database, backups and exports live
(default: a git-ignored ``var/`` beside the code). ``WEERBAAR_DATABASE_URL``
is an SQLAlchemy URL (default: SQLite in the data directory). SQLite runs with
WAL and foreign keys on; nothing in the model is SQLite-only.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data directory (created, owner-only) from ``WEERBAAR_DATA_DIR`` or ``var/``."""
    path = Path(os.environ.get("WEERBAAR_DATA_DIR") or ROOT / "var").expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    """The configured database URL; default SQLite file ``weerbaar.sqlite`` in :func:`data_dir`."""
    url = os.environ.get("WEERBAAR_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{data_dir() / 'weerbaar.sqlite'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite switch on WAL, foreign keys and owner-only file mode."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        db_path = engine.url.database
        if db_path and db_path != ":memory:":
            path = Path(db_path)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                path.touch(mode=0o600)
            os.chmod(path, 0o600)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


@dataclass
class Database:
    """An engine and its session factory; one per process and URL."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @classmethod
    def open(cls, url: str | None = None) -> Database:
        """Open ``url`` (default: :func:`database_url`) as is; :func:`models.startup.connect_database`
        also migrates it and loads the shipped content."""
        url = url or database_url()
        engine = make_engine(url)
        return cls(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
