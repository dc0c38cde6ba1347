"""Crash test: kill the server while answers are typed into it; every acknowledged answer survives, once.

A real ``streamlit run app.py`` serves the test database and Chromium types
answers into the interview screen (the storage path a researcher uses). An
answer counts as acknowledged when it is visible in the chat. Right after the
next answer is sent, the server gets SIGKILL (that answer may or may not have
been stored); it is started again and must come up healthy, a new browser
session shows every acknowledged answer, and typing goes on. In the database
every acknowledged answer is stored exactly once and in order, the answer in
flight at most once, and the sequence numbers have no gaps. Runs on SQLite
and, when ``WEERBAAR_TEST_DATABASE_URL`` is set, on PostgreSQL.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from models import schema as s
from models.auth import LOCAL
from models.db import Database
from models.interviews import create_interview
from models.scans import add_respondent, create_scan
from models.startup import connect_database
from tests.browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, Steps, expect
from tests.streamlit_server import free_port, start_streamlit, wait_healthy
from texts import t

ROOT = Path(__file__).resolve().parents[1]
INTERVIEW = "Gesprek tijdens stroomstoring"
BEFORE_CRASH = 6

pytest.importorskip("playwright.sync_api", reason="needs playwright (pip)")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


def _answer(number: int) -> str:
    return f"Antwoord {number:02d}: signalen van ondermijning melden we bij het RIEC en de politie."


def _env(tmp_path: Path, db_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        WEERBAAR_DATABASE_URL=db_url,
        WEERBAAR_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT),
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
    )
    return env


def _kill(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def _open_interview(steps: Steps) -> None:
    steps.start()
    steps.open("nav.interview")
    steps.choose("interview_picker", INTERVIEW)
    steps.expect_interview_selected(INTERVIEW)


def test_crash_kill_server_while_typing_loses_no_acknowledged_answer(db: Database, db_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    scan_id = create_scan(db, LOCAL, name="Crash", organisation="Gemeente Crash", kind="gemeente")
    respondent = add_respondent(db, LOCAL, scan_id, role="handhaver")
    interview_id = create_interview(
        db, LOCAL, scan_id, title=INTERVIEW, kind="individueel", date="2025-01-01", interviewer="lokaal",
        participant_ids=[respondent.id],
    )  # fmt: skip
    db.engine.dispose()

    env = _env(tmp_path, db_url)
    port = free_port()
    server_log = tmp_path / "streamlit.log"
    acknowledged: list[str] = []
    in_flight = _answer(BEFORE_CRASH)
    after_restart = _answer(BEFORE_CRASH + 1)

    server = start_streamlit(port, env, server_log)
    try:
        wait_healthy(port, server, server_log)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            try:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                context.set_default_timeout(TIMEOUT_MS)
                steps = Steps(context.new_page(), f"http://127.0.0.1:{port}", INTERVIEW)
                _open_interview(steps)
                for number in range(BEFORE_CRASH):
                    steps.answer(_answer(number))  # returns once the answer is visible: acknowledged
                    acknowledged.append(_answer(number))
                box = steps.page.get_by_placeholder(t("interview.answer_placeholder"))
                box.fill(in_flight)
                box.press("Enter")
                _kill(server)  # the power goes while the answer is on its way
                steps.shot("crash-killed")

                server = start_streamlit(port, env, server_log)
                wait_healthy(port, server, server_log)
                _open_interview(steps)  # a new session after the restart
                earlier = steps.page.get_by_text(re.compile(r"^Eerdere beurten"))
                if earlier.count():  # the chat shows the latest turns; the rest behind one switch
                    steps.click(earlier.first)
                for text in acknowledged:
                    expect(steps.page.get_by_text(text)).to_have_count(1)
                steps.answer(after_restart)  # the screen takes answers again
                steps.shot("crash-after-restart")
            finally:
                browser.close()
    finally:
        _kill(server)

    check = connect_database(db_url)
    try:
        with check.session() as session:
            rows = session.execute(
                select(s.Turn.seq, s.Turn.text, s.Turn.kind).where(s.Turn.interview_id == interview_id)
                .order_by(s.Turn.seq)
            ).all()  # fmt: skip
        if check.is_sqlite:
            with check.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        check.engine.dispose()
    answers = [text for _, text, kind in rows if kind == "answer"]
    counts = Counter(answers)
    assert all(counts[text] == 1 for text in acknowledged), f"acknowledged answers stored {counts}"
    assert counts[in_flight] in (0, 1), "the answer in flight is stored at most once"
    assert counts[after_restart] == 1
    expected = [*acknowledged, *([in_flight] if counts[in_flight] else []), after_restart]
    assert answers == expected, "every answer once, in the order typed"
    assert [seq for seq, _, _ in rows] == list(range(1, len(rows) + 1))
