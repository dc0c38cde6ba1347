"""What the browser journeys share: the app on a test database, a browser, reading the screen and the database.

The server runs ``streamlit run app.py`` on a database with the demo scan and
a second scan (so a wrong scan switch would show). Screenshots of every step
land in ``artifacts/e2e/<test name>/`` (or ``WEERBAAR_E2E_ARTIFACTS``); look at them.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from models.auth import LOCAL
from models.db import Database
from models.demo import load_demo
from models.scans import add_respondent, create_scan
from models.startup import connect_database
from tests.browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, Steps
from tests.streamlit_server import free_port, start_streamlit, wait_healthy

expect = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip)").expect

USERNAME, PASSWORD = "e2e-interviewer", "e2e-wachtwoord-456"


@contextmanager
def running_app(db: Database, db_url: str, tmp_path: Path) -> Iterator[tuple[str, int]]:
    """``streamlit run app.py`` on a database with the demo scan and a second scan; yields the URL and the demo's id."""
    demo = load_demo(db, LOCAL)
    other = create_scan(db, LOCAL, name="Andere scan", organisation="Gemeente Elders", kind="gemeente")
    add_respondent(db, LOCAL, other, role="afdelingshoofd", department="")
    db.engine.dispose()
    port = free_port()
    log = tmp_path / "streamlit.log"
    env = dict(os.environ, WEERBAAR_DATABASE_URL=db_url, WEERBAAR_DATA_DIR=str(tmp_path), PYTHONPATH=str(Path.cwd()))
    process = start_streamlit(port, env, log)
    try:
        wait_healthy(port, process, log)
        yield f"http://127.0.0.1:{port}", demo
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def query(db_url: str, work):  # type: ignore[no-untyped-def]
    database = connect_database(db_url)
    try:
        with database.session() as session:
            return work(session)
    finally:
        database.engine.dispose()


def open_browser(base: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return playwright, browser, context


def sidebar_scan(steps: Steps) -> str:
    return str(steps.key("state_scan_picker").get_by_role("combobox").input_value())


def screen_text(steps: Steps) -> str:
    return str(steps.page.locator('[data-testid="stApp"]').inner_text())
