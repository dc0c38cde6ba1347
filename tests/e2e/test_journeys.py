"""Issue 12: the app used as an interviewer and an analyst use it, in Chromium, asserting what is on screen.

The server runs ``streamlit run app.py`` in single-user mode on a database with
the demo scan and a second scan (so a wrong scan switch would show). A
screenshot of every step lands in ``artifacts/e2e/journey-*`` (or
``WEERBAAR_E2E_ARTIFACTS``); look at them.

* Interviewer: a group interview with two speakers switched from the keyboard
  (Alt+1/Alt+2), eight answers with a probe, a skipped question, back, an own
  question and a citaat; pause and resume; a reload in the middle with an
  unsent draft (same interview, same place, draft back); finish with one
  confirmation.
* Analyst: import a Teams VTT (voice tags, GUID cue ids) mapping one speaker to
  a new respondent (consent asked, default nee) and ignoring another; five
  pages that all name the same scan in the sidebar; ten review decisions by
  keys only; the quote basket in three pillars; the Word appendix (each quote
  under its own pillar, read back with python-docx) and the REFI-QDA project
  (``project.qde`` parses; the auto-coder's open suggestions are codings of
  its own user, the accepted ones of the analysts who decided them).
* Every page: none of Streamlit's English words on screen.
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from defusedxml import ElementTree
from sqlalchemy import select

from models import schema as s
from models.auth import LOCAL
from models.db import Database
from models.demo import load_demo
from models.scans import add_respondent, create_scan
from models.startup import connect_database
from tests.browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, Steps
from tests.streamlit_server import free_port, start_streamlit, wait_healthy
from texts import t

expect = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip)").expect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]

ENGLISH = ("Choose an option", "Choose options", "Select all", "Drag and drop", "Browse files", "per file",
           "Upload", "single-user", "None", "No options")  # fmt: skip
PAGES = ("nav.start", "nav.scans", "nav.interview", "nav.transcript", "nav.import", "nav.review", "nav.agreement",
         "nav.charts", "nav.topics", "nav.quotes", "nav.content", "nav.admin")  # fmt: skip
TEAMS_VTT = """WEBVTT

6c1f7e2a-0d3b-4f0e-9a51-2b7d3c4e5f60/11-0
00:00:01.200 --> 00:00:05.900
<v Onderzoeker RIEC>Hoe worden signalen van ondermijning bij u gemeld?</v>

6c1f7e2a-0d3b-4f0e-9a51-2b7d3c4e5f60/12-0
00:00:06.100 --> 00:00:12.400
<v de Vries, Anne>Er is geen vast meldpunt, dus signalen blijven vaak bij de leidinggevende hangen.</v>

6c1f7e2a-0d3b-4f0e-9a51-2b7d3c4e5f60/13-0
00:00:12.600 --> 00:00:15.000
<v Notulist (Extern)>Ik maak alleen aantekeningen voor het verslag.</v>

6c1f7e2a-0d3b-4f0e-9a51-2b7d3c4e5f60/14-0
00:00:15.200 --> 00:00:21.800
<v de Vries, Anne>Bij vergunningen doen we een Bibob-toets als de politie signalen geeft.</v>
"""


@pytest.fixture
def server(db: Database, db_url: str, tmp_path: Path) -> Iterator[tuple[str, int]]:
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


def _query(db_url: str, work):  # type: ignore[no-untyped-def]
    database = connect_database(db_url)
    try:
        with database.session() as session:
            return work(session)
    finally:
        database.engine.dispose()


def _browser(base: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return playwright, browser, context


def _sidebar_scan(steps: Steps) -> str:
    return str(steps.key("state_scan_picker").get_by_role("combobox").input_value())


def _screen_text(steps: Steps) -> str:
    return str(steps.page.locator('[data-testid="stApp"]').inner_text())


def test_journey_interviewer(server: tuple[str, int], db_url: str) -> None:
    base, demo = server
    playwright, browser, context = _browser(base)
    steps = Steps(context.new_page(), base)
    page = steps.page
    try:
        steps.start()
        steps.shot("journey-interviewer-start")
        expect(steps.key("state_scan_picker").get_by_role("combobox")).to_have_value("Andere scan — Gemeente Elders")
        steps.choose("state_scan_picker", "demo — Gemeente Veenwold")
        steps.open("nav.interview")
        assert _sidebar_scan(steps) == "demo — Gemeente Veenwold"
        page.get_by_text(t("interview.new"), exact=True).click()
        steps.key("interview_new_title").locator("input").fill("Groepsgesprek E2E")
        steps.key("interview_new_kind").get_by_text(t("interview.kind.groep"), exact=True).click()
        steps.pick_many("interview_new_participants", ["R01", "R02"])
        steps.click(page.get_by_role("button", name=t("interview.create")))
        steps.shot("journey-interviewer-opened")
        box = page.get_by_placeholder(t("interview.answer_placeholder"))
        expect(box).to_be_in_viewport()  # the controls are on screen, not below the fold

        def answer(text: str, speaker_key: str | None = None) -> None:
            if speaker_key:
                box.click()
                page.keyboard.press(speaker_key)  # Alt+1 / Alt+2 switch the speaker
                steps.settle()
                code = {"Alt+1": "R01", "Alt+2": "R02"}[speaker_key]
                expect(page.get_by_role("radio", name=code, exact=False)).to_be_checked()
            box.fill(text)
            box.press("Enter")
            steps.settle()
            page.get_by_text(text).first.wait_for()

        def last_turn():  # type: ignore[no-untyped-def]
            return _query(
                db_url,
                lambda session: session.scalars(
                    select(s.Turn)
                    .join(s.Interview)
                    .where(s.Interview.title == "Groepsgesprek E2E")
                    .order_by(s.Turn.seq.desc())
                ).first(),
            )

        answer("Ik werk hier twaalf jaar, bij vergunningen.", "Alt+1")
        asked = last_turn()
        assert asked.kind == "question"  # Enter stored the answer and asked the next question
        page.get_by_text(asked.text, exact=True).first.wait_for()
        answer("Als Bibob-coördinator zie ik vooral de horeca.", "Alt+2")
        answer("Ondermijning merken we vooral bij vastgoed.")  # the speaker stays R02
        steps.shot("journey-interviewer-three-answers")
        # a probe, a skip, back, an own question, a citaat
        page.get_by_text(t("interview.probes"), exact=True).first.click()
        steps.click(page.get_by_role("button", name=t("interview.ask_probe")).first)
        answer("Dat bespreken we in het driehoeksoverleg.", "Alt+1")
        steps.click(page.get_by_role("button", name=t("interview.skip")))
        assert last_turn().kind == "question"
        steps.click(page.get_by_role("button", name=t("interview.back")))
        answer("Toch nog een aanvulling op de vorige vraag.")
        page.get_by_text(t("interview.own_question"), exact=True).click()
        steps.key("interview_own_text_" + str(last_turn().interview_id)).locator("input").fill(
            "Hoe gaat u om met bedreigingen?"
        )
        steps.click(steps.key("interview_own_ask").get_by_role("button"))
        answer("Die melden we altijd bij de teamleider.", "Alt+2")
        steps.click(steps.key("interview_mark_quote").get_by_role("button"))
        # pause and resume
        steps.click(steps.key("interview_pause").get_by_role("button"))
        page.get_by_text(t("interview.paused")).wait_for()
        steps.shot("journey-interviewer-paused")
        steps.click(steps.key("interview_resume").get_by_role("button"))
        expect(
            page.get_by_text(t("interview.status_line", status="bezig", kind=t("interview.kind.groep")))
        ).to_be_visible()
        answer("Na de pauze: er is geen vertrouwenspersoon voor dit soort zaken.")
        # a reload with an unsent draft: same interview, same place, draft back
        before = last_turn()
        box.fill("Dit is een concept dat nog niet is verstuurd")
        page.wait_for_timeout(500)
        page.reload()
        steps.settle()
        box = page.get_by_placeholder(t("interview.answer_placeholder"))
        expect(box).to_have_value("Dit is een concept dat nog niet is verstuurd")
        expect(box).to_be_in_viewport()
        assert _sidebar_scan(steps) == "demo — Gemeente Veenwold"
        expect(steps.key("interview_picker").get_by_role("combobox")).to_have_value("Groepsgesprek E2E")
        page.get_by_text(before.text, exact=True).first.wait_for()
        assert last_turn().id == before.id  # the reload asked nothing new
        steps.shot("journey-interviewer-after-reload")
        box.fill("Laatste antwoord na het herladen.")
        box.press("Enter")
        steps.settle()
        steps.click(page.get_by_role("button", name=t("interview.finish")))
        steps.click(steps.key("interview_finish").get_by_role("button"))
        page.get_by_text(t("interview.finished")).wait_for()
        steps.shot("journey-interviewer-finished")

        turns = _query(
            db_url,
            lambda session: [
                (turn.kind, turn.respondent.code if turn.respondent else None, turn.quote_marked)
                for turn in session.scalars(
                    select(s.Turn)
                    .join(s.Interview)
                    .where(s.Interview.title == "Groepsgesprek E2E")
                    .order_by(s.Turn.seq)
                )
            ],
        )
        answers = [(code, quoted) for kind, code, quoted in turns if kind == "answer"]
        assert len(answers) == 8
        assert [code for code, _ in answers][:3] == ["R01", "R02", "R02"]
        assert sum(quoted for _, quoted in answers) == 1
        kinds = [kind for kind, _, _ in turns]
        assert "probe" in kinds and "skip" in kinds and "own" in kinds
        statuses = _query(
            db_url,
            lambda session: [
                e.after["status"]
                for e in session.scalars(
                    select(s.Event).where(s.Event.action == "interview.status").order_by(s.Event.id)
                )
                if e.scan_id == demo
            ],
        )
        assert statuses[-3:] == ["gepauzeerd", "bezig", "afgerond"]
    finally:
        browser.close()
        playwright.stop()


def test_journey_analyst(server: tuple[str, int], db_url: str, tmp_path: Path) -> None:
    from docx import Document

    base, demo = server
    playwright, browser, context = _browser(base)
    steps = Steps(context.new_page(), base)
    page = steps.page
    try:
        steps.start()
        steps.choose("state_scan_picker", "demo — Gemeente Veenwold")
        # import a Teams VTT: one new respondent (consent asked), one speaker ignored
        steps.open("nav.import")
        vtt = tmp_path / "teams-gesprek.vtt"
        vtt.write_text(TEAMS_VTT, encoding="utf-8")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(vtt))
        steps.settle()
        steps.shot("journey-analyst-import-mapping")
        steps.choose("import_map_0", t("speaker.interviewer"))
        steps.choose("import_map_2", t("import.ignore"))
        expect(page.get_by_text(t("import.consent", label="de Vries, Anne"))).to_be_visible()
        steps.click(steps.key("import_submit").get_by_role("button"))
        page.get_by_text(t("import.error.role", label="de Vries, Anne")).wait_for()  # the speaker is named
        steps.key("import_role_1").locator("input").fill("jurist")
        steps.click(steps.key("import_submit").get_by_role("button"))
        page.get_by_text(t("import.done")).wait_for()
        steps.shot("journey-analyst-imported")
        rows = _query(
            db_url,
            lambda session: [
                (turn.speaker_label, turn.ignored, turn.respondent.consent if turn.respondent else None)
                for turn in session.scalars(
                    select(s.Turn).join(s.Interview).where(s.Interview.source_filename == "teams-gesprek.vtt")
                )
            ],
        )
        assert ("Notulist (Extern)", True, None) in rows
        assert ("de Vries, Anne", False, "nee") in rows  # not quotable until consent is set

        # auto-code the imported interview on the transcript page (progress, then the count)
        imported = _query(
            db_url,
            lambda session: session.scalars(
                select(s.Interview).where(s.Interview.source_filename == "teams-gesprek.vtt")
            ).one(),
        )
        steps.open("nav.transcript")
        steps.choose("transcript_interview", imported.title)
        page.get_by_role("tab", name=t("transcript.fragments")).click()
        steps.click(steps.key("transcript_autocode_interview").get_by_role("button"))
        done = t("autocode.done", fragments="").strip()  # "{fragments} gecodeerd. ..."
        page.get_by_text(re.compile(r"^[1-9]\d* fragment(en)? " + re.escape(done))).first.wait_for()
        steps.shot("journey-analyst-autocoded")
        suggested = _query(
            db_url,
            lambda session: session.scalars(
                select(s.Coding.id)
                .join(s.Fragment)
                .where(s.Fragment.interview_id == imported.id, s.Coding.source == "auto")
            ).all(),
        )
        assert suggested, "auto-coding stored no suggestions for the imported interview"

        # five pages, the same scan in the sidebar each time
        for nav in ("nav.transcript", "nav.review", "nav.charts", "nav.quotes", "nav.scans"):
            steps.open(nav)
            assert _sidebar_scan(steps) == "demo — Gemeente Veenwold", nav
        # ten review decisions from the keyboard only
        steps.open("nav.review")
        page.get_by_role("heading", name=t("review.title")).wait_for()
        expect(page.get_by_text(t("review.keys"))).to_be_visible()
        steps.shot("journey-analyst-review")
        decided_before = _query(db_url, lambda session: len(session.scalars(select(s.Decision.id)).all()))
        candidates_before = _query(
            db_url, lambda session: len(session.scalars(select(s.Fragment.id).where(s.Fragment.quote_candidate)).all())
        )
        # accept, reject, quote candidate (then accept it), skip, niet relevant: keys only
        for key in ("a", "x", "q", "a", "s", "a", "x", "n", "a", "a"):
            page.evaluate("document.activeElement && document.activeElement.blur()")  # keys go to the page
            page.keyboard.press(key)
            steps.settle()
        actions = _query(
            db_url,
            lambda session: [d.action for d in session.scalars(select(s.Decision).order_by(s.Decision.id))][
                decided_before:
            ],
        )
        assert len(actions) >= 6, actions
        assert {"accept", "reject", "irrelevant"} <= set(actions), actions
        candidates = _query(
            db_url, lambda session: len(session.scalars(select(s.Fragment.id).where(s.Fragment.quote_candidate)).all())
        )
        assert candidates > candidates_before
        steps.shot("journey-analyst-reviewed")
        # the demo's agreement round: its figures on screen
        steps.open("nav.agreement")
        expect(steps.key("agreement_round").get_by_role("combobox")).to_have_value(
            re.compile("^" + re.escape("Overeenstemming demo"))
        )
        steps.click(steps.key("agreement_section").get_by_text(t("agreement.page.section.report"), exact=True))
        kappa = page.locator('[data-testid="stMetric"]').filter(has_text=t("agreement.page.metric.kappa"))
        expect(kappa.locator('[data-testid="stMetricValue"]')).to_have_text(re.compile(r"^-?\d+,\d+$"))
        steps.shot("journey-analyst-agreement")
        steps.open("nav.charts")
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 5")
        steps.shot("journey-analyst-charts")
        ticks = page.locator(".js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .cbaxis text")
        numbers = [text for text in ticks.all_text_contents() if text.strip().rstrip("%").replace(",", "").isdigit()]
        assert numbers and not [
            text for text in ticks.all_text_contents() if re.fullmatch(r"[−-]?\d+[.,]\d+", text.strip())
        ]
        screen = _screen_text(steps)
        assert re.search(r"\(n = \d+ fragment(en)?\)", screen) and not re.search(
            r"(?<!\d)1 (fragmenten|interviews)", screen
        )
        # the basket in three pillars, and the Word appendix
        steps.open("nav.quotes")
        for heading in (
            "1. Bewustwording en organisatie",
            "2. Informatiepositie en -huishouding",
            "3. Beleid en handhaving",
        ):
            expect(page.get_by_role("heading", name=heading)).to_be_visible()
        # the PII check: a phone number typed into a quote's display version is found and waived with a reason
        quote_id = _query(
            db_url,
            lambda session: session.scalars(
                select(s.Quote.id).where(s.Quote.scan_id == demo).order_by(s.Quote.id)
            ).first(),
        )
        display = steps.key(f"quotes_text_{quote_id}").locator("textarea")
        display.fill(display.input_value() + " Bel me op 06-12345678.")
        steps.click(steps.key(f"quotes_save_{quote_id}").get_by_role("button"))
        finding = t("quotes.page.finding", label="", text="").split(":")[0]  # "Mogelijk persoonsgegeven"
        expect(page.get_by_text(re.compile("^" + re.escape(finding))).first).to_be_visible()
        steps.shot("journey-analyst-pii-found")
        steps.key(f"quotes_reason_{quote_id}_0").locator("input").fill("Algemeen nummer van de gemeente")
        steps.click(steps.key(f"quotes_waive_{quote_id}_0").get_by_role("button"))
        expect(page.get_by_text(t("quotes.page.waived_ok"))).to_be_visible()
        waivers = _query(db_url, lambda session: session.get(s.Quote, quote_id).pii_waivers)
        assert waivers and waivers[0]["reason"] == "Algemeen nummer van de gemeente", waivers
        steps.click(steps.key("quotes_prepare").get_by_role("button"))
        steps.shot("journey-analyst-files")
        with page.expect_download() as info:
            steps.key("quotes_download_docx").get_by_role("button").click()
        document = Document(io.BytesIO(Path(info.value.path()).read_bytes()))
        under: dict[str, str] = {}
        current = ""
        for paragraph in document.paragraphs:
            if paragraph.style is not None and paragraph.style.name == "Heading 1":
                current = paragraph.text
            elif paragraph.text.startswith("‘"):
                under[paragraph.text] = current
        assert sorted(set(under.values())) == [
            "1. Bewustwording en organisatie",
            "2. Informatiepositie en -huishouding",
            "3. Beleid en handhaving",
        ]
        with page.expect_download() as info:
            steps.key("quotes_download_qdpx").get_by_role("button").click()
        with zipfile.ZipFile(info.value.path()) as archive:
            project = ElementTree.fromstring(archive.read("project.qde"))
        assert project.tag.endswith("Project")
        # auto-codings present as their own user; accepted ones under the analyst who decided them
        ns = "{urn:QDA-XML:project:1.0}"
        users = {u.get("guid"): (u.get("name"), u.get("id")) for u in project.iter(f"{ns}User")}
        by_user: dict[tuple[str, str], int] = {}
        for coding in project.iter(f"{ns}Coding"):
            by_user[users[coding.get("creatingUser")]] = by_user.get(users[coding.get("creatingUser")], 0) + 1
        working = _query(
            db_url,
            lambda session: [
                (coding.status, coding.coder)
                for coding in session.scalars(
                    select(s.Coding).join(s.Fragment).where(s.Fragment.scan_id == demo, s.Coding.round_id.is_(None))
                )
            ],
        )
        auto_user = (t("refiqda.auto_coder"), "weerbaar-auto")
        assert by_user.get(auto_user, 0) == sum(status == "suggested" for status, _ in working) > 0, by_user
        accepted = {(coder, f"weerbaar-manual:{coder}") for status, coder in working if status == "accepted"}
        assert {user for user in by_user if user != auto_user} == accepted
        assert ("lokaal", "weerbaar-manual:lokaal") in accepted  # the local analyst: the demo and the keys above
        assert sum(by_user.values()) - by_user[auto_user] == sum(status == "accepted" for status, _ in working)
    finally:
        browser.close()
        playwright.stop()


def test_journey_every_page_is_dutch(server: tuple[str, int]) -> None:
    base, _ = server
    playwright, browser, context = _browser(base)
    steps = Steps(context.new_page(), base)
    try:
        steps.start()
        steps.choose("state_scan_picker", "demo — Gemeente Veenwold")
        found: dict[str, list[str]] = {}
        for nav in PAGES:
            steps.open(nav)
            steps.page.wait_for_function(  # the page is drawn: its title or first text is there
                "() => (document.querySelector('[data-testid=\"stMain\"]')?.innerText || '').trim().length > 20",
                timeout=TIMEOUT_MS,
            )
            steps.page.wait_for_timeout(1500)
            steps.settle()
            text = _screen_text(steps)
            english = [word for word in ENGLISH if word in text]
            if english:
                found[t(nav)] = english
            steps.shot("journey-dutch-" + nav.removeprefix("nav."))
        assert found == {}
    finally:
        browser.close()
        playwright.stop()
