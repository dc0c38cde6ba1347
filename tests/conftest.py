"""Fixtures the whole suite shares: a fresh migrated database and a tiny Dutch corpus.

By default every test gets its own SQLite file in ``tmp_path``. When
``WEERBAAR_TEST_DATABASE_URL`` names a PostgreSQL database (the user needs
``CREATEDB``), every test gets its own database instead, cloned from a template
that is migrated once per run (``CREATE DATABASE ... TEMPLATE``), so the same
suite runs on both, the way Taguette does it.

The ``db`` fixture also points ``WEERBAAR_DATABASE_URL`` and
``WEERBAAR_DATA_DIR`` at that database and ``tmp_path``, so pages run through
``streamlit.testing.v1.AppTest`` (which read ``ui.state.get_db()``) see it.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from models.auth import LOCAL, Actor
from models.db import Database
from models.migrate import sqlite_copy
from models.startup import connect_database
from tests.factories import Built

TEST_DATABASE_URL = os.environ.get("WEERBAAR_TEST_DATABASE_URL", "").strip()


def _pg_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _admin_engine(url: str) -> Engine:
    """An autocommit engine on the configured test database, for CREATE/DROP DATABASE."""
    return create_engine(_pg_url(url), isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _drop(admin: Engine, name: str) -> None:
    """Drop a per-test database; a failed drop of a throwaway database must not fail the test."""
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    except Exception as exc:  # e.g. a server process of another role still attached
        warnings.warn(f"could not drop test database {name}: {exc}", stacklevel=2)


def _with_database(url: str, name: str) -> str:
    return make_url(_pg_url(url)).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database migrated to head with defaults loaded, to copy per test.

    SQLite: the path of a template file. PostgreSQL: the name of a template database.
    """
    if TEST_DATABASE_URL:
        name = f"weerbaar_tpl_{uuid.uuid4().hex[:10]}"
        admin = _admin_engine(TEST_DATABASE_URL)
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        db = connect_database(_with_database(TEST_DATABASE_URL, name))
        db.engine.dispose()
        try:
            yield name
        finally:
            _drop(admin, name)
            admin.dispose()
    else:
        path = tmp_path_factory.mktemp("template") / "template.sqlite"
        db = connect_database(f"sqlite:///{path}")
        db.engine.dispose()
        yield str(path)


@pytest.fixture
def db_url(_template: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """URL of a fresh database (migrated, defaults loaded) for this test; set as ``WEERBAAR_DATABASE_URL``."""
    monkeypatch.setenv("WEERBAAR_DATA_DIR", str(tmp_path))
    if TEST_DATABASE_URL:
        name = f"weerbaar_t_{uuid.uuid4().hex[:12]}"
        admin = _admin_engine(TEST_DATABASE_URL)
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{_template}"'))
        url = _with_database(TEST_DATABASE_URL, name)
        monkeypatch.setenv("WEERBAAR_DATABASE_URL", url)
        try:
            yield url
        finally:
            _drop(admin, name)
            admin.dispose()
    else:
        path = tmp_path / "weerbaar.sqlite"
        source = sqlite3.connect(_template)
        try:
            sqlite_copy(source, path)
        finally:
            source.close()
        path.chmod(0o600)
        url = f"sqlite:///{path}"
        monkeypatch.setenv("WEERBAAR_DATABASE_URL", url)
        yield url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A fresh database migrated to head with the shipped guide and codebook loaded."""
    database = connect_database(db_url)
    try:
        yield database
    finally:
        database.engine.dispose()


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2id parameters in tests (production keeps argon2-cffi's defaults)."""
    from argon2 import PasswordHasher

    import models.users

    monkeypatch.setattr(models.users, "hasher", PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))


@pytest.fixture
def scan(db: Database) -> dict[str, object]:
    """A province scan for the quote basket: three respondents (consent ja/anoniem/nee), coded fragments."""
    from tests.factories import quote_scan

    return quote_scan(db)


@pytest.fixture
def built(db: Database) -> Built:
    """A scan for the analyst's desk: two interviews, six fragments, auto suggestions on five."""
    from tests.factories import build_scan

    return build_scan(db)


@pytest.fixture
def local_actor() -> Actor:
    """The single local user (admin rights), as in single-user mode."""
    return LOCAL


@pytest.fixture
def dutch_corpus() -> list[str]:
    """A tiny Dutch corpus of interview answers about resilience against organised crime."""
    return [
        "We screenen nieuwe medewerkers op integriteit en vragen een VOG aan.",
        "Bij vergunningen voor horeca doen we een Bibob-toets als er signalen zijn.",
        "Eerlijk gezegd weten collega's niet goed waar ze een vermoeden kunnen melden.",
        "Het RIEC organiseert twee keer per jaar een bijeenkomst over ondermijning.",
        "De burgemeester heeft ondermijning hoog op de agenda gezet.",
        "We delen informatie met de politie, maar de privacyregels maken het lastig.",
    ]


# --- test tiers -------------------------------------------------------------------
# ``pytest -m "not slow"`` is the fast tier; plain ``pytest`` runs everything.
# Slow is what starts something big: a subprocess, a Streamlit server, a browser,
# LibreOffice, or loads a real embedder. Whole folders/modules that always do are
# marked here; single tests carry ``@pytest.mark.slow`` themselves.
SLOW_PATHS = ("tests/e2e/", "tests/test_crash.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = Path(str(config.rootpath))
    for item in items:
        relative = Path(str(item.path)).resolve().relative_to(root).as_posix()
        if relative.startswith(SLOW_PATHS):
            item.add_marker(pytest.mark.slow)
