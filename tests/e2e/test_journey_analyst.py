"""Issue 12: the app used as an analyst uses it, in Chromium, asserting what is on screen.

Import a Teams VTT (voice tags, GUID cue ids) mapping one speaker to a new
respondent (consent asked, default nee) and ignoring another; five pages that
all name the same scan in the sidebar; ten review decisions by keys only; an
agreement round made and settled in the browser; the quote basket in three
pillars; the Word appendix (each quote under its own pillar, read back with
python-docx) and the REFI-QDA project (``project.qde`` parses; the
auto-coder's open suggestions are codings of its own user, the accepted ones
of the analysts who decided them). Shared parts: ``tests/e2e/journey.py``.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from defusedxml import ElementTree
from sqlalchemy import select

from models import schema as s
from tests.browser import CHROMIUM, Steps
from tests.e2e.journey import expect, open_browser, query, screen_text, sidebar_scan
from texts import t

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]

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
    fragment_id = query(
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
    rounds = query(
        db_url,
        lambda session: [
            (row.name, row.scan_id) for row in session.scalars(select(s.AgreementRound).order_by(s.AgreementRound.id))
        ],
    )
    assert rounds[-1] == ("Ronde E2E", scan_id)


def test_journey_analyst(server: tuple[str, int], db_url: str, tmp_path: Path) -> None:
    from docx import Document

    base, demo = server
    playwright, browser, context = open_browser(base)
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
        rows = query(
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
        imported = query(
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
        suggested = query(
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
            assert sidebar_scan(steps) == "demo — Gemeente Veenwold", nav
        # ten review decisions from the keyboard only
        steps.open("nav.review")
        page.get_by_role("heading", name=t("review.title")).wait_for()
        expect(page.get_by_text(t("review.keys"))).to_be_visible()
        steps.shot("journey-analyst-review")
        decided_before = query(db_url, lambda session: len(session.scalars(select(s.Decision.id)).all()))
        candidates_before = query(
            db_url, lambda session: len(session.scalars(select(s.Fragment.id).where(s.Fragment.quote_candidate)).all())
        )
        # accept, reject, quote candidate (then accept it), skip, niet relevant: keys only
        for key in ("a", "x", "q", "a", "s", "a", "x", "n", "a", "a"):
            page.evaluate("document.activeElement && document.activeElement.blur()")  # keys go to the page
            page.keyboard.press(key)
            steps.settle()
        actions = query(
            db_url,
            lambda session: [d.action for d in session.scalars(select(s.Decision).order_by(s.Decision.id))][
                decided_before:
            ],
        )
        assert len(actions) >= 6, actions
        assert {"accept", "reject", "irrelevant"} <= set(actions), actions
        candidates = query(
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
        screen = screen_text(steps)
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
        quote_id = query(
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
        waivers = query(db_url, lambda session: session.get(s.Quote, quote_id).pii_waivers)
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
        working = query(
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
