"""Issue 12: the app used as an interviewer and an analyst use it, in Chromium, asserting what is on screen.

The server runs ``streamlit run app.py`` on a database with the demo scan and
a second scan (so a wrong scan switch would show): with a user account for the
interviewer, in single-user mode for the rest. A screenshot of every step lands
in ``artifacts/e2e/<test name>/`` (or ``WEERBAAR_E2E_ARTIFACTS``); look at them.

* Interviewer: log in, create a scan and two respondents; an individual
  interview of eight answers with a probe, a skipped question, back, an own
  question and a citaat, pause and resume, a reload in the middle with an
  unsent draft (log in again: same scan, same interview, same place, draft
  back); finish with one confirmation; then a group interview with two
  speakers switched from the keyboard (Alt+1/Alt+2).
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
from contextlib import contextmanager
from pathlib import Path

import pytest
from defusedxml import ElementTree
from sqlalchemy import select

from models import schema as s
from models import users
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
           "Upload", "single-user", "None", "No options", "No results")  # fmt: skip
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


@contextmanager
def _streamlit(db: Database, db_url: str, tmp_path: Path) -> Iterator[tuple[str, int]]:
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


@pytest.fixture
def server(db: Database, db_url: str, tmp_path: Path) -> Iterator[tuple[str, int]]:
    """Single-user mode (no accounts): the analyst's journey and the Dutch check."""
    with _streamlit(db, db_url, tmp_path) as running:
        yield running


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


USERNAME, PASSWORD = "e2e-interviewer", "e2e-wachtwoord-456"


@pytest.fixture
def team_server(db: Database, db_url: str, tmp_path: Path) -> Iterator[tuple[str, int]]:
    """The server of a team: users log in; the demo and another scan are there already."""
    users.create_user(db, LOCAL, USERNAME, PASSWORD, "admin")
    with _streamlit(db, db_url, tmp_path) as running:
        yield running


def test_journey_interviewer(team_server: tuple[str, int], db_url: str) -> None:
    base, _ = team_server
    playwright, browser, context = _browser(base)
    steps = Steps(context.new_page(), base)
    steps.username, steps.password = USERNAME, PASSWORD
    page = steps.page
    try:
        steps.start()
        steps.login()
        steps.shot("journey-interviewer-logged-in")
        # a scan of its own and two respondents; the sidebar names the new scan from then on
        steps.open("nav.scans")
        page.get_by_text(t("scans.new"), exact=True).click()  # folded away: the demo scan exists already
        steps.key("scans_name").locator("input").fill("Journeyscan")
        steps.key("scans_organisation").locator("input").fill("Gemeente Oostdam")
        steps.click(page.get_by_role("button", name=t("scans.create")))
        page.get_by_text(t("scans.created", name="Journeyscan")).wait_for()
        assert _sidebar_scan(steps) == "Journeyscan — Gemeente Oostdam"
        for code in ("R01", "R02"):
            steps.click(page.get_by_role("button", name=t("scans.add")))
            page.get_by_text(code).first.wait_for(state="attached")
        steps.shot("journey-interviewer-scan-and-respondents")

        # an individual interview of eight answers
        steps.open("nav.interview")
        assert _sidebar_scan(steps) == "Journeyscan — Gemeente Oostdam"
        steps.key("interview_new_title").locator("input").fill("Interview E2E")
        steps.pick_many("interview_new_participants", ["R01"])
        steps.click(page.get_by_role("button", name=t("interview.create")))
        steps.expect_interview_selected("Interview E2E")
        box = page.get_by_placeholder(t("interview.answer_placeholder"))
        expect(box).to_be_in_viewport()  # the controls are on screen, not below the fold
        steps.shot("journey-interviewer-individual-opened")

        def turns(title: str) -> list[tuple[str, str | None, bool, str]]:
            return _query(
                db_url,
                lambda session: [
                    (turn.kind, turn.respondent.code if turn.respondent else None, turn.quote_marked, turn.text)
                    for turn in session.scalars(
                        select(s.Turn).join(s.Interview).where(s.Interview.title == title).order_by(s.Turn.seq)
                    )
                ],
            )

        individual = _individual_interview(steps, db_url, lambda: turns("Interview E2E"))
        answers = [(code, quoted, text) for kind, code, quoted, text in individual if kind == "answer"]
        assert [text for _, _, text in answers] == INDIVIDUAL_ANSWERS, "every answer once, in order, over the reload"
        assert {code for code, _, _ in answers} == {"R01"}
        assert [text for _, quoted, text in answers if quoted] == [INDIVIDUAL_ANSWERS[4]]  # the citaat
        kinds = [kind for kind, _, _, _ in individual]
        assert {"probe", "skip", "own"} <= set(kinds), kinds
        assert _statuses(db_url, "Interview E2E")[-3:] == ["gepauzeerd", "bezig", "afgerond"]

        # a group interview: the speaker switched from the keyboard (Alt+1 / Alt+2)
        page.get_by_text(t("interview.new"), exact=True).click()
        steps.key("interview_new_title").locator("input").fill("Groepsgesprek E2E")
        steps.key("interview_new_kind").get_by_text(t("interview.kind.groep"), exact=True).click()
        steps.pick_many("interview_new_participants", ["R01", "R02"])
        steps.click(page.get_by_role("button", name=t("interview.create")))
        steps.expect_interview_selected("Groepsgesprek E2E")
        box = page.get_by_placeholder(t("interview.answer_placeholder"))
        for text, key in (
            ("Ik werk hier twaalf jaar, bij vergunningen.", "Alt+1"),
            ("Als Bibob-coördinator zie ik vooral de horeca.", "Alt+2"),
            ("Ondermijning merken we vooral bij vastgoed.", None),  # the speaker stays R02
            ("Dat bespreken we in het driehoeksoverleg.", "Alt+1"),
        ):
            if key:
                box.click()
                page.keyboard.press(key)
                steps.settle()
                expect(
                    page.get_by_role("radio", name={"Alt+1": "R01", "Alt+2": "R02"}[key], exact=False)
                ).to_be_checked()
            steps.answer(text)
        steps.shot("journey-interviewer-group")
        steps.click(page.get_by_role("button", name=t("interview.finish")))
        steps.click(steps.key("interview_finish").get_by_role("button"))
        page.get_by_text(t("interview.finished")).wait_for()
        group = [(code, text) for kind, code, _, text in turns("Groepsgesprek E2E") if kind == "answer"]
        assert [code for code, _ in group] == ["R01", "R02", "R02", "R01"], group
        scans = _query(
            db_url,
            lambda session: set(
                session.scalars(
                    select(s.Scan.name)
                    .join(s.Interview)
                    .where(s.Interview.title.in_(["Interview E2E", "Groepsgesprek E2E"]))
                )
            ),
        )
        assert scans == {"Journeyscan"}, "both interviews in the scan the sidebar named"
    except BaseException:
        steps.shot_failure()
        raise
    finally:
        browser.close()
        playwright.stop()


INDIVIDUAL_ANSWERS = [
    "Ik werk hier twaalf jaar, nu als afdelingshoofd vergunningen.",
    "Ondermijning merken we vooral bij vastgoed en in de horeca.",
    "Dat bespreken we in het driehoeksoverleg met politie en OM.",  # the answer to a probe
    "Toch nog een aanvulling op de vorige vraag: de Bibob-toets.",  # after skip and back
    "Bedreigingen melden we altijd bij de teamleider.",  # the answer to an own question, a citaat
    "Na de pauze: er is geen vertrouwenspersoon voor dit soort zaken.",
    "Dit concept is na het herladen teruggekomen en nu verstuurd.",  # the unsent draft, kept over the reload
    "Laatste antwoord: integriteit staat elk jaar op de agenda.",
]


def _individual_interview(steps: Steps, db_url: str, turns):  # type: ignore[no-untyped-def]
    """Eight answers with a probe, a skip, back, an own question, a citaat, pause/resume, a reload; finish."""
    page = steps.page
    steps.interview = "Interview E2E"  # steps.answer checks the sidebar still holds it after every answer
    steps.answer(INDIVIDUAL_ANSWERS[0])
    kind, _, _, question = turns()[-1]
    assert kind == "question"  # one action per turn: Enter stored the answer and asked the next question
    page.get_by_text(question, exact=True).first.wait_for()
    steps.answer(INDIVIDUAL_ANSWERS[1])
    page.get_by_text(t("interview.probes"), exact=True).first.click()
    steps.click(page.get_by_role("button", name=t("interview.ask_probe")).first)
    assert turns()[-1][0] == "probe"
    steps.answer(INDIVIDUAL_ANSWERS[2])
    steps.click(page.get_by_role("button", name=t("interview.skip")))
    assert turns()[-2][0] == "skip" and turns()[-1][0] == "question"
    steps.click(page.get_by_role("button", name=t("interview.back")))
    steps.answer(INDIVIDUAL_ANSWERS[3])
    page.get_by_text(t("interview.own_question"), exact=True).click()
    interview_id = _query(
        db_url,
        lambda session: session.scalars(select(s.Interview.id).where(s.Interview.title == "Interview E2E")).one(),
    )
    steps.key(f"interview_own_text_{interview_id}").locator("input").fill("Hoe gaat u om met bedreigingen?")
    steps.click(steps.key("interview_own_ask").get_by_role("button"))
    steps.answer(INDIVIDUAL_ANSWERS[4])
    steps.click(steps.key("interview_mark_quote").get_by_role("button"))
    steps.shot("journey-interviewer-individual-citaat")
    steps.click(steps.key("interview_pause").get_by_role("button"))
    page.get_by_text(t("interview.paused")).wait_for()
    steps.shot("journey-interviewer-paused")
    steps.click(steps.key("interview_resume").get_by_role("button"))
    expect(
        page.get_by_text(t("interview.status_line", status="bezig", kind=t("interview.kind.individueel")))
    ).to_be_visible()
    steps.answer(INDIVIDUAL_ANSWERS[5])
    # a reload with an unsent draft: log in again, same scan, same interview, same place, the draft back
    before = turns()
    box = page.get_by_placeholder(t("interview.answer_placeholder"))
    box.fill(INDIVIDUAL_ANSWERS[6])
    page.wait_for_timeout(500)
    page.reload()
    steps.settle()
    steps.login()
    box = page.get_by_placeholder(t("interview.answer_placeholder"))
    expect(box).to_have_value(INDIVIDUAL_ANSWERS[6])
    expect(box).to_be_in_viewport()
    assert _sidebar_scan(steps) == "Journeyscan — Gemeente Oostdam"
    steps.expect_interview_selected("Interview E2E")
    page.get_by_text(before[-1][3], exact=True).first.wait_for()  # the question that was open
    assert turns() == before  # the reload asked nothing new and lost nothing
    steps.shot("journey-interviewer-after-reload")
    box.press("Enter")
    steps.settle()
    page.get_by_text(INDIVIDUAL_ANSWERS[6]).first.wait_for()
    steps.answer(INDIVIDUAL_ANSWERS[7])
    steps.click(page.get_by_role("button", name=t("interview.finish")))
    steps.click(steps.key("interview_finish").get_by_role("button"))
    page.get_by_text(t("interview.finished")).wait_for()
    steps.shot("journey-interviewer-individual-finished")
    steps.interview = ""
    return turns()


def _agreement_round(steps: Steps, db_url: str, scan_id: int) -> None:
    page = steps.page
    steps.open("nav.agreement")
    page.get_by_text(t("agreement.page.new"), exact=True).click()
    steps.key("agreement_name").locator("input").fill("Ronde E2E")
    steps.key("agreement_coders").locator("input").fill("anna, bram")
    steps.key("agreement_n").locator("input").fill("4")
    steps.key("agreement_n").locator("input").press("Tab")
    steps.settle()
    steps.click(steps.key("agreement_create").get_by_role("button"))
    page.get_by_text(t("agreement.page.created", fragments="4 fragmenten")).wait_for()
    expect(steps.key("agreement_round").get_by_role("combobox")).to_have_value(re.compile("^Ronde E2E"))
    # anna and bram agree on three fragments and differ on the last
    for coder, pillars in (("anna", ["BEW", "INF", "BEL", "INT"]), ("bram", ["BEW", "INF", "BEL", "COM"])):
        steps.choose("agreement_coder", coder)
        for pillar in pillars:
            steps.choose("agreement_pillar", f"{pillar} — ")  # "BEW — Bewustwording …"
            steps.click(steps.key("agreement_save").get_by_role("button"))
            page.get_by_text(t("agreement.page.saved")).wait_for()
        page.get_by_text(t("agreement.page.all_done")).wait_for()
    steps.shot("journey-analyst-agreement-coded")
    steps.click(steps.key("agreement_section").get_by_text(t("agreement.page.section.report"), exact=True))
    metric = page.locator('[data-testid="stMetric"]')
    compared = metric.filter(has_text=t("agreement.page.metric.n")).locator('[data-testid="stMetricValue"]')
    expect(compared).to_have_text("4")
    percent = metric.filter(has_text=t("agreement.page.metric.percent")).locator('[data-testid="stMetricValue"]')
    expect(percent).to_have_text("75,0%")
    kappa = metric.filter(has_text=t("agreement.page.metric.kappa")).locator('[data-testid="stMetricValue"]')
    expect(kappa).to_have_text(re.compile(r"^0,\d\d$"))
    steps.shot("journey-analyst-agreement-report")
    steps.click(steps.key("agreement_section").get_by_text(t("agreement.page.section.diff"), exact=True))
    fragment_id = _query(
        db_url,
        lambda session: session.scalars(
            select(s.Coding.fragment_id)
            .join(s.Code)
            .join(s.AgreementRound, s.AgreementRound.id == s.Coding.round_id)
            .where(s.AgreementRound.name == "Ronde E2E", s.Code.code == "COM")
        ).one(),
    )
    steps.choose(f"agreement_resolve_code_{fragment_id}", "INT — Integere", type_it=True)
    steps.click(steps.key(f"agreement_resolve_{fragment_id}").get_by_role("button"))
    page.get_by_text(re.compile(re.escape(t("agreement.page.resolved", code="INT")[:12]))).first.wait_for()
    steps.shot("journey-analyst-agreement-settled")
    rounds = _query(
        db_url,
        lambda session: [
            (row.name, row.scan_id) for row in session.scalars(select(s.AgreementRound).order_by(s.AgreementRound.id))
        ],
    )
    assert rounds[-1] == ("Ronde E2E", scan_id)


def _statuses(db_url: str, title: str) -> list[str]:
    return _query(
        db_url,
        lambda session: [
            event.after["status"]
            for event in session.scalars(
                select(s.Event)
                .join(s.Interview, s.Interview.id == s.Event.entity_id)
                .where(s.Event.entity == "interview", s.Event.action == "interview.status")
                .where(s.Interview.title == title)
                .order_by(s.Event.id)
            )
        ],
    )


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
        # an agreement round of four fragments, coded blind by two coders, its report and one settled difference
        _agreement_round(steps, db_url, demo)
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
    except BaseException:
        steps.shot_failure()
        raise
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
        # a filter that matches no scan: the dropdown says so in Dutch, not "No results"
        steps.open("nav.start")
        picker = steps.key("state_scan_picker").locator("input").first
        picker.click()
        picker.press_sequentially("zzzz")
        empty = steps.page.locator('[role="listbox"][data-empty="true"] [role="option"] span').first
        empty.wait_for(state="attached")
        drawn = empty.evaluate("e => getComputedStyle(e, '::after').content + ' ' + getComputedStyle(e).visibility")
        steps.shot("journey-dutch-no-results")
        assert drawn == f'"{t("state.no_results")}" hidden'
        expect(steps.page.get_by_text("No results")).to_be_hidden()
        picker.press("Escape")
    except BaseException:
        steps.shot_failure()
        raise
    finally:
        browser.close()
        playwright.stop()
