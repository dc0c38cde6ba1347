"""Driving Chromium through the Streamlit app, for the browser and crash tests.

Debian's chromium at ``/usr/bin/chromium`` (never ``playwright install``);
screenshots land in ``artifacts/e2e/<test name>/`` (or ``WEERBAAR_E2E_ARTIFACTS``).
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

import pytest

from texts import t

ROOT = Path(__file__).resolve().parents[1]
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
TIMEOUT_MS = 60_000


def expect(*args, **kwargs):  # type: ignore[no-untyped-def]
    """playwright's ``expect`` (imported late: the module is optional)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


class Steps:
    """A browser page plus numbered screenshots and Streamlit-aware waiting."""

    def __init__(self, page, base: str, interview: str = "") -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.base = base
        self.interview = interview  # the title the sidebar must keep after every answer
        self.username, self.password = "", ""
        self.number = 0
        # one folder per test (artifacts/e2e/test_journey_analyst/01-….png), so a run keeps every test's shots
        current = os.environ.get("PYTEST_CURRENT_TEST", "").split("::")[-1].split(" ")[0]
        self.folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "-", current or "browser")
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("[0-9][0-9]-*.png"):  # numbered shots of an earlier run would mix in
            old.unlink()

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
        path = self.folder / f"{self.number:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def shot_failure(self) -> None:
        """The screen as it was when the test failed (best effort: the browser may be gone)."""
        with contextlib.suppress(Exception):  # a closed page must not hide the test's own error
            self.shot("failure")

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

    def choose(self, key: str, option: str, *, type_it: bool = False) -> None:
        """Pick the option containing ``option`` in the selectbox with Streamlit key ``key``.

        ``type_it`` types the text first, for long lists that the dropdown draws only in part.
        """
        box = self.key(key).locator("input").first
        box.click()
        if type_it:
            box.press_sequentially(option)
        self.page.get_by_role("option").filter(has_text=option).first.click()
        self.settle()

    def pick_many(self, key: str, options: list[str]) -> None:
        """Pick ``options``, in this order, in the multiselect with Streamlit key ``key``, from the keyboard.

        Type, wait for the filtered option, Enter. Clicking an option races the dropdown's
        re-render after each pick (the option detaches), and Enter can land on the option that
        was highlighted before the filter ran: so after each pick the chips are read back, a
        wrong chip is taken off again (Backspace) and the pick is tried once more.
        """
        box = self.key(key).locator("input").first
        chips = self.key(key).locator('[data-testid="stMultiSelectTagsContainer"] [data-tag]')
        for done, option in enumerate(options):
            for attempt in range(4):
                box.click()
                box.press_sequentially(option)
                listed = self.page.get_by_role("option").filter(has_text=option).first
                expect(listed).to_be_visible()
                if attempt == 3:
                    listed.click()  # the keyboard failed three times: the mouse, last
                else:
                    if attempt:
                        box.press("ArrowDown")  # nothing highlighted after a redraw: highlight first
                    box.press("Enter")
                try:
                    expect(chips).to_have_count(done + 1, timeout=5_000)
                except AssertionError:
                    box.fill("")
                    continue
                if option in chips.nth(done).inner_text():
                    break
                box.fill("")
                box.press("Backspace")  # a wrong option was picked: take it off again
                expect(chips).to_have_count(done)
            expect(chips.nth(done)).to_contain_text(option)
        box.press("Escape")

    def login(self) -> None:
        self.page.get_by_role("heading", name=t("auth.title")).wait_for()
        self.key("auth_username").locator("input").fill(self.username)
        self.key("auth_password").locator("input").fill(self.password)
        self.click(self.page.get_by_role("button", name=t("auth.submit")))
        self.page.get_by_text(t("auth.logout")).wait_for(timeout=TIMEOUT_MS)

    def interview_picker(self):  # type: ignore[no-untyped-def]
        return self.page.locator('[data-testid="stSidebar"]').locator(".st-key-interview_picker")

    def expect_interview_selected(self, title: str) -> None:
        """The sidebar selector still holds the interview and the answer box is there."""
        expect(self.interview_picker().get_by_role("combobox")).to_have_value(re.compile("^" + re.escape(title)))
        expect(self.page.get_by_text(t("interview.pick"))).to_have_count(0)
        expect(self.page.get_by_placeholder(t("interview.answer_placeholder"))).to_be_visible()

    def answer(self, text: str) -> None:
        box = self.page.get_by_placeholder(t("interview.answer_placeholder"))
        box.fill(text)
        box.press("Enter")
        self.settle()
        self.page.get_by_text(text).first.wait_for(timeout=TIMEOUT_MS)
        if self.interview:
            self.expect_interview_selected(self.interview)
