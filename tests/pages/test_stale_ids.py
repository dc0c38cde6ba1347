"""A scan removed while a page has it open (another tab, a colleague, the demo replaced):
the next run of the page shows a Dutch notice or the remaining scan, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from models.auth import LOCAL
from models.db import Database
from models.scans import create_scan, delete_scan

PAGES = Path(__file__).resolve().parents[2] / "pages"
NO_SCAN = {
    "quotes.py": "Maak eerst een scan aan.",
    "survey.py": "Maak eerst een scan aan (Scans en respondenten).",
    "report.py": "Er is nog geen scan. Maak er een aan onder 'Scans en respondenten' of start de demo.",
}


def _scan(db: Database, name: str) -> int:
    return create_scan(db, LOCAL, name=name, organisation="Gemeente Toets", kind="gemeente")


@pytest.mark.parametrize("page", list(NO_SCAN))
def test_page_whose_scan_was_removed_says_so_in_dutch(db: Database, page: str) -> None:
    gone = _scan(db, "Verdwijnt")
    app = AppTest.from_file(str(PAGES / page), default_timeout=120)
    app.session_state["scan_id"] = gone
    app.run()
    assert not app.exception and not app.error
    delete_scan(db, LOCAL, gone)
    app.run()  # the session still holds the removed scan's id
    assert not app.exception
    assert [box.value for box in app.info if box.value == NO_SCAN[page]] == [NO_SCAN[page]]
    assert app.session_state["scan_id"] is None


@pytest.mark.parametrize("page", list(NO_SCAN))
def test_page_whose_scan_was_removed_moves_to_a_remaining_scan(db: Database, page: str) -> None:
    kept, gone = _scan(db, "Blijft"), _scan(db, "Verdwijnt")
    app = AppTest.from_file(str(PAGES / page), default_timeout=120)
    app.session_state["scan_id"] = gone
    app.run()
    assert app.sidebar.selectbox(key="state_scan_picker").value == gone
    delete_scan(db, LOCAL, gone)
    app.run()
    assert not app.exception and not app.error
    assert app.sidebar.selectbox(key="state_scan_picker").value == kept
    assert app.session_state["scan_id"] == kept
