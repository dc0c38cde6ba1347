"""User text is never interpreted as markdown: a role with an image link shows literally on every screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from models import interviews, scans
from models.auth import LOCAL
from models.db import Database
from tests.factories import add_fragments, code_fragment

PAGES = Path(__file__).resolve().parents[2] / "pages"
ROLE = "beleidsadviseur ![p](http://127.0.0.1:8998/x.png)"
TITLE = "Gesprek <img src=x onerror=alert(1)> [klik](http://127.0.0.1:8998/)"
RENDER = MarkdownIt("commonmark").render


@pytest.fixture
def hostile(db: Database) -> dict[str, int]:
    scan_id = scans.create_scan(db, LOCAL, name="Scan **vet**", organisation="Gemeente _x_", kind="gemeente")
    person = scans.add_respondent(db, LOCAL, scan_id, role=ROLE, department="VTH ![d](http://127.0.0.1:8998/d.png)")
    interview_id = interviews.create_interview(
        db,
        LOCAL,
        scan_id,
        title=TITLE,
        kind="individueel",
        date="2025-01-01",
        interviewer="x",
        participant_ids=[person.id],
    )
    turn = interviews.add_turn(
        db,
        LOCAL,
        interview_id,
        kind="answer",
        text="Antwoord ![a](http://127.0.0.1:8998/a.png).",
        speaker_role="respondent",
        respondent_id=person.id,
    )
    for fragment_id in add_fragments(db, turn, scan_id, interview_id):
        code_fragment(db, fragment_id, "BEW.bewustwording", status="suggested", source="auto")
    return {"scan_id": scan_id, "interview_id": interview_id}


def _markdown_values(at: AppTest) -> list[str]:
    values: list[str] = []
    for kind in ("markdown", "caption", "info", "success", "warning", "error", "subheader", "header", "title"):
        values.extend(str(element.value) for element in at.get(kind))
    return values


@pytest.mark.parametrize("page", ["transcript.py", "interview.py", "scans.py", "review.py", "quotes.py"])
def test_markdown_injection_role_shows_literally(db, hostile, page):
    at = AppTest.from_file(str(PAGES / page), default_timeout=120)
    at.session_state["scan_id"] = hostile["scan_id"]
    at.session_state["interview_id"] = hostile["interview_id"]
    at.run()
    assert not at.exception
    values = _markdown_values(at)
    rendered = [RENDER(value) for value in values]
    assert all("<img" not in html and "<a " not in html for html in rendered), values
    if page in ("transcript.py", "interview.py"):  # others show roles in tables or not at all
        assert any(ROLE in html for html in rendered), "the role is shown, literally"
