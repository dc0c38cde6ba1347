"""Issue 14 in Chromium: a studied policy that strays into another policy area.

The analyst uploads a Word document (made with python-docx, as Word users' files
are) whose paragraphs are about Bibob, integrity and, in between, household waste
collection. In Beoordelen the waste paragraph shows "Geen code voorgesteld (over
een ander beleidsterrein …)"; the Bibob paragraph has a pillar suggested. The
analyst codes the waste paragraph anyway (an abstention is a proposal, not a
verdict), and after a reload the choice is still there.

A housing plan studied next to it: its sentence about supervising the building
projects gets "Geen code voorgesteld (de alinea's eromheen gaan over een ander
beleidsterrein)", where on its own it would be coded BEL.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from models import schema as s
from tests.browser import CHROMIUM, Steps
from tests.e2e.journey import expect, open_browser, query
from texts import t

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]

PARAGRAPHS = [
    "Bij elke aanvraag voor een exploitatievergunning in de horeca voert de gemeente een Bibob-toets uit "
    "en vraagt zij inzicht in de financiering van de onderneming.",
    "Vanaf januari wordt het restafval nog maar eens per vier weken opgehaald; gft en plastic blijven wekelijks.",
    "Medewerkers die een vermoeden van een integriteitsschending hebben, kunnen terecht bij de vertrouwenspersoon.",
]


# a housing plan: the supervision sentence has one codebook word, the others are about housing, waste, traffic
HOUSING_PLAN = [
    "In de komende vier jaar bouwen we 600 nieuwe woningen, waarvan een derde sociale huur, zodat starters en "
    "senioren in hun eigen dorp kunnen blijven wonen.",
    "Vanaf januari wordt het restafval nog maar eens per vier weken opgehaald; gft en plastic blijven wekelijks.",
    "We houden toezicht op de voortgang van de bouwprojecten en rapporteren jaarlijks aan de gemeenteraad.",
    "De gemeente investeert de komende jaren in nieuwe fietspaden en veilige oversteekplaatsen bij scholen, "
    "zodat kinderen zelfstandig naar school kunnen fietsen.",
    "Voor inwoners met een laag inkomen is er een meedoenregeling, zodat kinderen lid kunnen worden van een "
    "sportclub of muziekles kunnen volgen.",
]


def _upload(steps: Steps, path: Path, title: str, paragraphs: list[str]) -> None:
    from docx import Document

    steps.open("nav.documents")
    word = Document()
    word.add_heading(title, level=1)
    for paragraph in paragraphs:
        word.add_paragraph(paragraph)
    word.save(str(path))
    steps.page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    steps.settle()
    steps.page.get_by_role("button", name=t("documents.upload.submit")).click()
    steps.page.get_by_text(re.compile("geïmporteerd")).wait_for(timeout=60_000)


def _open_fragment(steps: Steps, words: str, status: str) -> None:
    steps.open("nav.review")
    steps.choose("review_status", t(f"review.status.{status}"), type_it=True)
    search = steps.key("review_search").locator("input")
    search.fill(words)
    search.press("Enter")
    steps.settle()


def test_a_paragraph_about_another_policy_area_gets_no_code_and_can_still_be_coded(
    server: tuple[str, int], db_url: str, tmp_path: Path
) -> None:
    base, _ = server
    playwright, browser, context = open_browser(base)
    steps = Steps(context.new_page(), base)
    page = steps.page
    try:
        steps.start()
        steps.choose("state_scan_picker", "demo — Gemeente Veenwold")
        _upload(steps, tmp_path / "handhavingsbeleid.docx", "Handhavingsbeleid 2026", PARAGRAPHS)
        steps.shot("no-code-document-imported")

        _open_fragment(steps, "restafval", "uncoded")
        no_code = t("review.suggestion.no_code", reason=t("coder.reason.other_domain"))
        expect(page.get_by_text(no_code[:40], exact=False)).to_be_visible()
        steps.shot("no-code-review-other-domain")

        _open_fragment(steps, "exploitatievergunning", "suggested")
        expect(page.get_by_text(re.compile(r"Voorstel|voorgesteld"), exact=False).first).to_be_visible()
        expect(page.get_by_text(no_code[:40], exact=False)).to_have_count(0)

        # the analyst codes the waste paragraph anyway
        _open_fragment(steps, "restafval", "uncoded")
        steps.choose("review_add_code", "BEL — ", type_it=True)
        steps.click(steps.key("review_add").get_by_role("button"))
        steps.settle()
        page.reload()
        steps.settle()
        codes = query(
            db_url,
            lambda session: [
                (coding.code.code, coding.status)
                for coding in session.scalars(
                    select(s.Coding).join(s.Fragment).where(s.Fragment.text.contains("restafval"))
                )
            ],
        )
        assert any(code == "BEL" and status == "accepted" for code, status in codes), codes
        steps.shot("no-code-coded-anyway")

        # a housing plan: the one sentence with a codebook word gets no code among its neighbours
        _upload(steps, tmp_path / "woonvisie.docx", "Woonvisie 2026", HOUSING_PLAN)
        _open_fragment(steps, "bouwprojecten", "uncoded")
        far = t("review.suggestion.no_code", reason=t("coder.reason.far_document"))
        expect(page.get_by_text(far, exact=False)).to_be_visible()
        steps.shot("no-code-review-far-document")
    except Exception:
        steps.shot_failure()
        raise
    finally:
        context.close()
        browser.close()
        playwright.stop()
