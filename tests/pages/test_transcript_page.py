"""The transcript view: auto-coding a demo interview, manual coding, downloads; start page demo."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from models import schema as s
from models.auth import LOCAL
from models.db import Database
from models.fragments import list_fragments
from models.interviews import list_interviews
from models.scans import list_respondents, scan_by_name
from models.startup import connect_database
from models.surveys import is_interview, list_surveys

ROOT = Path(__file__).resolve().parents[2]


def _transcript(scan_id: int, interview_id: int) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "transcript.py"), default_timeout=180)
    at.session_state["scan_id"] = scan_id
    at.session_state["interview_id"] = interview_id
    return at.run()


def test_transcript_page_autocodes_demo_interview_and_shows_suggestions(demo_db: Callable[..., tuple[Database, int]]) -> None:
    db, scan_id = demo_db(autocode=False)
    interview = list_interviews(db, LOCAL, scan_id)[0]
    at = _transcript(scan_id, interview.id)
    assert not at.exception
    assert not any("voorstel" in c.value for c in at.caption)
    at.button(key="transcript_autocode_interview").click().run()
    assert not at.exception
    shown = [c.value for c in at.caption if "voorstel" in c.value]
    assert shown, "suggested codes are shown per fragment"
    assert any("%" in value for value in shown)  # with their confidence
    with db.session() as session:
        suggested = session.scalar(
            select(func.count()).select_from(s.Coding).where(s.Coding.source == "auto", s.Coding.status == "suggested")
        )
        accepted = session.scalar(select(func.count()).select_from(s.Coding).where(s.Coding.status == "accepted"))
    assert suggested and accepted == 0  # nothing counts until an analyst accepts it


def test_transcript_page_manual_coding_and_downloads(demo_db: Callable[..., tuple[Database, int]]) -> None:
    db, scan_id = demo_db(autocode=False)
    interview = list_interviews(db, LOCAL, scan_id)[1]
    fragment = list_fragments(db, interview.id)[0]
    at = _transcript(scan_id, interview.id)
    at.selectbox(key=f"transcript_code_{fragment.id}").select("INT").run()
    at.button(key=f"transcript_code_save_{fragment.id}").click().run()
    assert not at.exception
    codings = list_fragments(db, interview.id)[0].codings
    assert [(c.code.code, c.source, c.status) for c in codings] == [("INT", "manual", "accepted")]
    labels = [b.label for b in at.get("download_button")]
    assert "Download als .txt" in labels and "Download als .docx" in labels


@pytest.mark.slow  # starts a subprocess
def test_models_demo_command_creates_demo_scan(db_url: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "models", "demo", "--no-autocode"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    db = connect_database(db_url)
    scan = scan_by_name(db, "demo")
    assert scan is not None
    interviews = [i for i in list_interviews(db, LOCAL, scan.id) if is_interview(i)]
    assert len(interviews) == 3 and sorted(i.kind for i in interviews) == ["groep", "individueel", "individueel"]
    assert len(list_respondents(db, LOCAL, scan.id)) == 4
    assert all(list_fragments(db, i.id) for i in interviews)
    (survey,) = list_surveys(db, LOCAL, scan.id)  # the demo survey joins the demo scan
    assert survey.respondents == 180 and survey.interview_id and list_fragments(db, survey.interview_id)


@pytest.mark.slow  # the button builds the whole demo scan
def test_start_page_demo_button(db: Database) -> None:
    at = AppTest.from_file(str(ROOT / "pages" / "start.py"), default_timeout=300).run()
    assert not at.exception
    at.button(key="start_demo").click().run()
    assert not at.exception
    assert scan_by_name(db, "demo") is not None
    assert at.session_state["scan_id"] == scan_by_name(db, "demo").id


def test_transcript_page_merges_adjacent_fragments(demo_db: Callable[..., tuple[Database, int]]) -> None:
    db, scan_id = demo_db(autocode=False)
    interview = list_interviews(db, LOCAL, scan_id)[0]
    fragments = list_fragments(db, interview.id)
    first = next(f for f, g in zip(fragments, fragments[1:], strict=False) if f.turn_id == g.turn_id)
    at = _transcript(scan_id, interview.id)
    at.button(key=f"transcript_merge_{first.id}").click().run()
    assert not at.exception
    after = list_fragments(db, interview.id)
    assert len(after) == len(fragments) - 1
    merged = next(f for f in after if f.id == first.id)
    assert merged.text == merged.turn.text[merged.start : merged.end]
