"""End to end in a real browser: from login to a Word document.

Starts ``streamlit run app.py`` on a free port against the test database and
drives Chromium (``/usr/bin/chromium``, Debian's package; never ``playwright
install``) through: log in, create a scan and a respondent, conduct a
three-question interview with a page reload in the middle, auto-code, accept
a fragment and mark it as a quote candidate, and download the Word
transcript. A screenshot of every step lands in ``artifacts/e2e/`` (or
``WEERBAAR_E2E_ARTIFACTS``).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from models import schema as s
from models import users
from models.auth import LOCAL
from models.db import Database
from models.texts import t

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("WEERBAAR_E2E_ARTIFACTS") or ROOT / "artifacts" / "e2e")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--headless",
]
USERNAME, PASSWORD = "e2e-beheer", "e2e-wachtwoord-123"
TIMEOUT_MS = 60_000
ANSWERS = [
    "Nieuwe medewerkers krijgen een integriteitsscreening en we vragen altijd een VOG aan.",
    "Bij horecavergunningen doen we een Bibob-toets als de politie signalen van ondermijning geeft.",
    "Collega's weten niet altijd waar ze een vermoeden van ondermijning kunnen melden.",
]

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(db: Database, db_url: str, tmp_path: Path) -> Iterator[str]:
    """``streamlit run app.py`` on the test database, with one admin user; yields the base URL."""
    users.create_user(db, LOCAL, USERNAME, PASSWORD, "admin")
    db.engine.dispose()
    port = _free_port()
    log = tmp_path / "streamlit.log"
    env = dict(os.environ, WEERBAAR_DATABASE_URL=db_url, WEERBAAR_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--server.fileWatcherType",
                "none",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if any(line.startswith("Traceback") for line in log.read_text(errors="replace").splitlines()):
            print(log.read_text(errors="replace")[-5000:])


class Steps:
    """A browser page plus numbered screenshots and Streamlit-aware waiting."""

    def __init__(self, page, base: str) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.base = base
        self.number = 0
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def settle(self) -> None:
        """Wait until Streamlit has finished the current run."""
        self.page.wait_for_timeout(500)
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
            " && !document.querySelector('[data-testid=\"stSkeleton\"]')",
            timeout=TIMEOUT_MS,
        )
        self.page.wait_for_timeout(300)
        exceptions = self.page.locator('[data-testid="stException"]')
        if exceptions.count():
            self.shot("exception")
            pytest.fail(f"page raised: {exceptions.first.inner_text()[:2000]}")

    def shot(self, name: str) -> Path:
        self.number += 1
        path = ARTIFACTS / f"{self.number:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def start(self) -> None:
        """Load the app (a new browser session: the login screen when users exist)."""
        self.page.goto(self.base)
        self.settle()

    def open(self, nav_key: str) -> None:
        """Go to a page through the sidebar navigation (a new URL would start a new, logged-out session)."""
        nav = self.page.locator('[data-testid="stSidebar"]')
        self.click(nav.locator("a").filter(has=self.page.get_by_text(t(nav_key), exact=True)).first)

    def key(self, key: str):  # type: ignore[no-untyped-def]
        """The element of the widget with Streamlit key ``key``."""
        return self.page.locator(f".st-key-{key}")

    def click(self, locator) -> None:  # type: ignore[no-untyped-def]
        locator.click()
        self.settle()

    def login(self) -> None:
        self.key("auth_username").locator("input").fill(USERNAME)
        self.key("auth_password").locator("input").fill(PASSWORD)
        self.click(self.page.get_by_role("button", name=t("auth.submit")))
        self.page.get_by_text(t("auth.logout")).wait_for(timeout=TIMEOUT_MS)

    def pick_interview(self, title: str) -> None:
        """Choose the interview in the sidebar when the page lost the selection (see the report)."""
        box = self.page.get_by_placeholder(t("interview.answer_placeholder"))
        if box.count():
            return
        picker = self.page.locator('[data-testid="stSidebar"]').locator(".st-key-interview_id")
        picker.locator("input").first.click()
        self.page.get_by_role("option").filter(has_text=title).first.click()
        self.settle()

    def answer(self, text: str) -> None:
        self.pick_interview("E2E-gesprek")
        box = self.page.get_by_placeholder(t("interview.answer_placeholder"))
        box.fill(text)
        box.press("Enter")
        self.settle()
        self.page.get_by_text(text).first.wait_for(timeout=TIMEOUT_MS)


def _pages_exist(*names: str) -> bool:
    return all((ROOT / "pages" / f"{name}.py").exists() for name in names)


def test_browser_login_to_word_export(server: str, db_url: str) -> None:
    if not _pages_exist("scans", "interview", "transcript"):
        pytest.skip("pages/scans.py, pages/interview.py or pages/transcript.py missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            context.set_default_timeout(TIMEOUT_MS)
            steps = Steps(context.new_page(), server)
            try:
                _flow(steps, db_url)
            except Exception:
                steps.shot("failure")
                raise
        finally:
            browser.close()


def _flow(steps: Steps, db_url: str) -> None:
    page = steps.page

    # 1. log in
    steps.start()
    page.get_by_role("heading", name=t("auth.title")).wait_for()
    steps.shot("login")
    steps.login()
    steps.shot("logged-in")

    # 2. a scan and a respondent
    steps.open("nav.scans")
    steps.key("scans_name").locator("input").fill("E2E Gemeente Voorbeeld")
    steps.key("scans_organisation").locator("input").fill("Gemeente Voorbeeld")
    steps.click(page.get_by_role("button", name=t("scans.create")))
    page.get_by_text(t("scans.created", name="E2E Gemeente Voorbeeld")).wait_for()
    steps.click(page.get_by_role("button", name=t("scans.add")))
    page.get_by_text("R01").first.wait_for(state="attached")  # a cell of the respondents table
    steps.shot("scan-and-respondent")

    # 3. an interview: three questions, a reload after the second answer
    steps.open("nav.interview")
    steps.key("interview_new_title").locator("input").fill("E2E-gesprek")
    steps.shot("interview-new")
    steps.key("interview_new_participants").locator("input").first.click()
    page.get_by_role("option").filter(has_text="R01").first.click()
    page.keyboard.press("Escape")
    steps.click(page.get_by_role("button", name=t("interview.create")))
    steps.answer(ANSWERS[0])
    steps.shot("interview-first-answer")
    steps.click(steps.key("interview_next").get_by_role("button").first)
    steps.answer(ANSWERS[1])

    page.reload()
    steps.settle()
    if page.get_by_role("heading", name=t("auth.title")).count():
        steps.login()
    steps.open("nav.interview")
    steps.pick_interview("E2E-gesprek")
    page.get_by_text(ANSWERS[1]).first.wait_for()
    steps.shot("interview-after-reload")
    steps.click(steps.key("interview_next").get_by_role("button").first)
    steps.answer(ANSWERS[2])
    steps.click(steps.key("interview_finish").get_by_role("button").first)
    page.get_by_text(t("interview.finished")).wait_for()
    steps.shot("interview-finished")

    database = Database.connect(db_url)
    try:
        with database.session() as session:
            answers = list(
                session.scalars(
                    select(s.Turn.text).where(s.Turn.kind == "answer").order_by(s.Turn.interview_id, s.Turn.seq)
                )
            )
            questions = session.scalar(
                select(s.Turn.id).where(s.Turn.kind == "question").order_by(s.Turn.id.desc()).limit(1)
            )
    finally:
        database.engine.dispose()
    assert answers == ANSWERS, "every answer stored once, in order, across the reload"
    assert questions is not None

    # 4. auto-code on the transcript page, and the Word download
    steps.open("nav.transcript")
    page.get_by_role("tab", name=t("transcript.fragments")).click()
    steps.click(page.get_by_role("button", name=t("autocode.button_interview")))
    page.get_by_text(t("autocode.done", n=0).split("0")[0].strip()).first.wait_for()
    steps.shot("autocoded")
    with page.expect_download() as download_info:
        steps.key("transcript_download_docx").get_by_role("button").first.click()
    word = ARTIFACTS / "transcript.docx"
    download_info.value.save_as(str(word))
    assert word.read_bytes()[:2] == b"PK"

    # 5. review: accept a fragment and make it a quote candidate
    if not _pages_exist("review"):
        pytest.skip("pages/review.py missing: accept/quote steps not run")
    steps.open("nav.review")
    steps.click(steps.key("review_accept").get_by_role("button").first)
    steps.click(steps.key("review_quote").get_by_role("button").first)
    steps.shot("review-accepted-quoted")
    database = Database.connect(db_url)
    try:
        with database.session() as session:
            statuses = list(session.scalars(select(s.Fragment.status)))
            candidates = list(session.scalars(select(s.Fragment.id).where(s.Fragment.quote_candidate.is_(True))))
    finally:
        database.engine.dispose()
    assert "accepted" in statuses
    assert candidates

    # 6. the quote basket and its Word export (pages/quotes.py)
    if not _pages_exist("quotes"):
        pytest.skip("pages/quotes.py missing: quote basket and report export not run")
    steps.open("nav.quotes")
    steps.shot("quotes")
