"""End to end in a real browser: from login to the Word quote appendix.

Starts ``streamlit run app.py`` on a free port against the test database and
drives Chromium (``/usr/bin/chromium``, Debian's package; never ``playwright
install``) through: log in, create a scan and a respondent, conduct a
three-question interview with a page reload in the middle (the sidebar keeps
the chosen interview after every answer), auto-code, download the Word
transcript, mark a fragment as a quote candidate and accept it, put it in the
quote basket on the Citaten page under its pillar and theme, prepare the files
and download the Word quote appendix, checked with python-docx. A screenshot
of every step lands in ``artifacts/e2e/<test name>/`` (or ``WEERBAAR_E2E_ARTIFACTS``).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from models import schema as s
from models import users
from models.auth import LOCAL
from models.db import Database
from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, Steps
from tests.e2e.journey import query
from tests.streamlit_server import free_port, start_streamlit, wait_healthy
from texts import t

ROOT = Path(__file__).resolve().parents[2]
USERNAME, PASSWORD = "e2e-beheer", "e2e-wachtwoord-123"
INTERVIEW = "E2E-gesprek"
ANSWERS = [
    "Nieuwe medewerkers krijgen een integriteitsscreening en we vragen altijd een VOG aan.",
    "Bij horecavergunningen doen we een Bibob-toets als de politie signalen van ondermijning geeft.",
    "Collega's weten niet altijd waar ze een vermoeden van ondermijning kunnen melden.",
]

expect = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip)").expect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


@pytest.fixture
def server(db: Database, db_url: str, tmp_path: Path) -> Iterator[str]:
    """``streamlit run app.py`` on the test database, with one admin user; yields the base URL."""
    users.create_user(db, LOCAL, USERNAME, PASSWORD, "admin")
    db.engine.dispose()
    port = free_port()
    log = tmp_path / "streamlit.log"
    env = dict(os.environ, WEERBAAR_DATABASE_URL=db_url, WEERBAAR_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    process = start_streamlit(port, env, log)
    try:
        wait_healthy(port, process, log)
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


def test_browser_login_to_word_export(server: str, db_url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            context.set_default_timeout(TIMEOUT_MS)
            expect.set_options(timeout=TIMEOUT_MS)
            steps = Steps(context.new_page(), server, INTERVIEW)
            steps.username, steps.password = USERNAME, PASSWORD
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

    # 2. a scan and two respondents
    steps.open("nav.scans")
    steps.key("scans_name").locator("input").fill("E2E Gemeente Voorbeeld")
    steps.key("scans_organisation").locator("input").fill("Gemeente Voorbeeld")
    steps.click(page.get_by_role("button", name=t("scans.create")))
    page.get_by_text(t("scans.created", name="E2E Gemeente Voorbeeld")).wait_for()
    steps.click(page.get_by_role("button", name=t("scans.add")))
    page.get_by_text("R01").first.wait_for(state="attached")  # a cell of the respondents table
    steps.click(page.get_by_role("button", name=t("scans.add")))  # a second respondent
    page.get_by_text("R02").first.wait_for(state="attached")
    steps.shot("scan-and-respondents")

    # 3. an interview: three questions, a reload after the second answer. After every
    #    answer the sidebar selector must still hold the interview (no re-picking).
    steps.open("nav.interview")
    steps.key("interview_new_title").locator("input").fill(INTERVIEW)
    steps.shot("interview-new")
    steps.pick_many("interview_new_participants", ["R01"])
    steps.click(page.get_by_role("button", name=t("interview.create")))
    steps.expect_interview_selected(INTERVIEW)
    steps.answer(ANSWERS[0])  # Enter stores the answer and asks the next question: one action per turn
    steps.shot("interview-first-answer")
    steps.expect_interview_selected(INTERVIEW)
    steps.answer(ANSWERS[1])
    steps.shot("interview-second-answer")

    # A reload is a new Streamlit session: log in again (the address keeps us on the
    # interview page, and since issue 12 also the scan and the interview: ?scan=…&interview=…).
    page.reload()
    steps.settle()
    steps.login()
    page.get_by_role("heading", name=t("interview.title"), exact=True).wait_for()
    page.get_by_text(ANSWERS[1]).first.wait_for()  # the address kept the scan and the interview
    steps.expect_interview_selected(INTERVIEW)
    steps.shot("interview-after-reload")
    steps.answer(ANSWERS[2])
    steps.click(page.get_by_role("button", name=t("interview.finish")))
    steps.click(steps.key("interview_finish").get_by_role("button").first)
    page.get_by_text(t("interview.finished")).wait_for()
    steps.shot("interview-finished")

    answers = query(
        db_url,
        lambda session: list(
            session.scalars(
                select(s.Turn.text).where(s.Turn.kind == "answer").order_by(s.Turn.interview_id, s.Turn.seq)
            )
        ),
    )
    assert answers == ANSWERS, "every answer stored once, in order, across the reload"

    # 4. auto-code on the transcript page, and the Word download of the transcript
    steps.open("nav.transcript")
    page.get_by_role("tab", name=t("transcript.fragments")).click()
    steps.click(page.get_by_role("button", name=t("autocode.button_interview")))
    done = t("autocode.done", fragments="").strip()  # "{fragments} gecodeerd. ..."
    page.get_by_text(re.compile(r"^[1-9]\d* fragment(en)? " + re.escape(done))).first.wait_for()
    steps.shot("autocoded")
    with page.expect_download() as download_info:
        steps.key("transcript_download_docx").get_by_role("button").first.click()
    word = ARTIFACTS / "transcript.docx"
    download_info.value.save_as(str(word))
    assert word.read_bytes()[:2] == b"PK"

    # 5. review: mark the first fragment as a quote candidate and accept it (accepting
    #    moves the desk on to the next fragment, so the quote button comes first)
    steps.open("nav.review")
    steps.click(steps.key("review_quote").get_by_role("button").first)
    expect(steps.key("review_quote").get_by_role("button")).to_contain_text(t("review.button.unquote"))
    steps.click(steps.key("review_accept").get_by_role("button").first)
    steps.shot("review-quoted-accepted")

    def accepted_fragment(session):  # type: ignore[no-untyped-def]
        rows = session.execute(
            select(s.Fragment.id, s.Fragment.text, s.Fragment.quote_candidate, s.Code.code)
            .join(s.Coding, s.Coding.fragment_id == s.Fragment.id)
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .where(s.Coding.status == "accepted", s.Coding.round_id.is_(None))
            .order_by(s.Code.parent_id.is_(None))  # a theme before its pillar
        ).all()
        return rows

    rows = query(db_url, accepted_fragment)
    assert rows, "the review desk accepted a fragment"
    assert len({row.id for row in rows}) == 1, rows
    fragment_id, fragment_text, candidate, code = rows[0]
    assert candidate, "the accepted fragment is the quote candidate"

    # 6. the quote basket and its Word export (pages/quotes.py)
    pillar = code.split(".", 1)[0]
    theme = code if "." in code else None
    names = query(
        db_url,
        lambda session: dict(
            session.execute(
                select(s.Code.code, s.Code.name)
                .join(s.Scan, s.Scan.codebook_id == s.Code.codebook_id)
                .where(s.Code.code.in_([pillar, code]))
            ).all()
        ),
    )
    steps.open("nav.quotes")
    page.get_by_role("heading", name=t("quotes.page.title"), exact=True).wait_for()
    page.get_by_text(t("quotes.page.empty")).wait_for()
    expect(steps.key("quotes_fragment").get_by_role("combobox")).to_have_value(
        re.compile(re.escape(fragment_text[:60]))
    )
    # the pillar and theme fields start at the fragment's accepted coding
    expect(steps.key(f"quotes_new_{fragment_id}_pillar").get_by_role("combobox")).to_have_value(
        f"{pillar} {names[pillar]}"
    )
    if theme is not None:
        expect(steps.key(f"quotes_new_{fragment_id}_theme_{pillar}").get_by_role("combobox")).to_have_value(
            names[theme]
        )
    steps.shot("quotes-add-form")
    steps.click(steps.key("quotes_add").get_by_role("button").first)
    page.get_by_text(t("quotes.page.added")).wait_for()
    citation = f"‘{fragment_text.strip()}’ ({t('quotes.attribution.respondent')})."
    page.get_by_text(citation).first.wait_for()
    expect(page.get_by_text(t("quotes.page.empty"))).to_have_count(0)
    steps.shot("quote-in-basket")
    stored = query(
        db_url,
        lambda session: [
            tuple(row) for row in session.execute(select(s.Quote.fragment_id, s.Quote.pillar, s.Quote.theme))
        ],
    )
    assert stored == [(fragment_id, pillar, theme)]

    steps.click(steps.key("quotes_prepare").get_by_role("button").first)
    expect(page.get_by_text(t("quotes.page.blocked"))).to_have_count(0)
    download_button = steps.key("quotes_download_docx").get_by_role("button").first
    expect(download_button).to_contain_text(t("quotes.page.download_docx"))
    steps.shot("quotes-files-ready")
    with page.expect_download() as download_info:
        download_button.click()
    download = download_info.value
    assert download.suggested_filename == "citaten-e2e-gemeente-voorbeeld.docx"
    appendix = ARTIFACTS / download.suggested_filename
    download.save_as(str(appendix))
    steps.settle()
    steps.shot("quotes-word-downloaded")

    from docx import Document

    document = Document(str(appendix))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert citation in paragraphs, paragraphs
    assert any(fragment_text in p and "(respondent uit de interviews)" in p for p in paragraphs), paragraphs
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert any(heading.endswith(names[pillar]) for heading in headings), headings
    if theme is not None:
        themes = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
        assert names[theme] in themes, themes
