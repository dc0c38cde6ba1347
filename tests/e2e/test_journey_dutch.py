"""Issue 12: every page of the app in Dutch, including the texts Streamlit draws itself, in Chromium."""

from __future__ import annotations

import pytest

from tests.browser import CHROMIUM, TIMEOUT_MS, Steps
from tests.e2e.journey import expect, open_browser, screen_text
from texts import t

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]

ENGLISH = ("Choose an option", "Choose options", "Select all", "Drag and drop", "Browse files", "per file",
           "Upload", "single-user", "None", "No options", "No results")  # fmt: skip
PAGES = ("nav.start", "nav.scans", "nav.interview", "nav.transcript", "nav.import", "nav.review", "nav.agreement",
         "nav.charts", "nav.topics", "nav.quotes", "nav.content", "nav.admin")  # fmt: skip


def test_journey_every_page_is_dutch(server: tuple[str, int]) -> None:
    base, _ = server
    playwright, browser, context = open_browser(base)
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
            text = screen_text(steps)
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
