"""User text is never interpreted as markdown: a role with an image link shows literally on every screen."""

from __future__ import annotations

import html
import re
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
    values = _markdown_values(at) + _labels(at)
    rendered = [RENDER(value) for value in values]
    assert all("<img" not in html and "<a " not in html for html in rendered), values
    if page in ("transcript.py", "interview.py"):  # others show roles in tables or not at all
        assert any(ROLE in html for html in rendered), "the role is shown, literally"


# --- survey, documents, report and follow-up: every construct at once ----------------------------------
HOSTILE = "<script>alert(1)</script> **vet** [klik](javascript:alert(1)) <img src=x onerror=alert(1)>"
RAW = ("<img", "<script", "<a ", "<strong>vet</strong>")


def _labels(at: AppTest) -> list[str]:
    """Labels and options Streamlit also renders as markdown (expanders, tabs, widgets, radio options)."""
    labels = [str(element.label) for kind in ("expander", "tab") for element in at.get(kind)]
    for kind in ("radio", "checkbox", "toggle", "button", "selectbox", "multiselect", "text_input", "text_area"):
        labels.extend(str(element.label) for element in at.get(kind))
    for radio in at.get("radio"):
        labels.extend(str(option) for option in radio.options)
    return labels


def _visible(value: str) -> str:
    """What a reader sees of a markdown string: the rendered HTML without its tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", RENDER(value)))


def _assert_literal(at: AppTest, *, shown_as_markdown: int = 0, shown_as_text: int = 0) -> None:
    """No markdown/HTML element renders raw HTML or formatting from HOSTILE; it shows literally where expected."""
    assert not at.exception, at.exception
    values = _markdown_values(at) + _labels(at)
    leaks = [value for value in values if any(raw in RENDER(value) for raw in RAW)]
    assert not leaks, leaks
    literal = [value for value in values if HOSTILE in _visible(value)]
    assert len(literal) >= shown_as_markdown, values
    texts = [str(element.value) for element in at.text]
    texts += [str(cell) for frame in at.dataframe for cell in frame.value.astype(str).to_numpy().ravel()]
    assert sum(HOSTILE in text for text in texts) >= shown_as_text, texts


def test_markdown_injection_survey_questions_and_open_answers(db: Database) -> None:
    from models import surveys
    from tests.coding.survey_files import csv_bytes

    labels = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]
    rows = [["Voor welke afdeling werkt u?", f"Stelling {HOSTILE}", f"Open vraag {HOSTILE}"]]
    rows += [[("Financiën", "Vergunningen")[i % 2], labels[i % 5], f"Antwoord {i}: {HOSTILE}"] for i in range(30)]
    scan_id = scans.create_scan(db, LOCAL, name="Enquête", organisation="Gemeente x", kind="gemeente")
    outcome = surveys.import_file(db, LOCAL, scan_id, csv_bytes(rows), f"{HOSTILE}.csv", name=HOSTILE, code=False)
    survey = surveys.load_survey(db, LOCAL, outcome.survey_id)
    for spec in survey.questions:
        surveys.set_mapping(db, LOCAL, outcome.survey_id, spec.code, pillar="INF", theme="INF.meldpunt")
    at = AppTest.from_file(str(PAGES / "survey.py"), default_timeout=180)
    at.session_state["scan_id"] = scan_id
    at.run()
    _assert_literal(at, shown_as_markdown=2)  # both question titles, literally
    at.selectbox(key="survey_results_breakdown").set_value("department").run()  # the break-down expanders
    _assert_literal(at, shown_as_markdown=2)
    at.selectbox(key="survey_tri_pillar").set_value("INF").run()
    _assert_literal(at, shown_as_markdown=1)


def test_markdown_injection_documents_title_paragraph_and_file_name(db: Database) -> None:
    from models.documents import DocumentInput, import_documents

    scan_id = scans.create_scan(db, LOCAL, name="Beleid", organisation="Gemeente x", kind="gemeente")
    text = f"# Integriteitsbeleid\n\nDe gemeente heeft een meldregeling. {HOSTILE}\n"
    import_documents(db, LOCAL, scan_id, [DocumentInput("beleid.md", text.encode(), title=HOSTILE)], autocode=False)
    at = AppTest.from_file(str(PAGES / "documents.py"), default_timeout=180)
    at.session_state["scan_id"] = scan_id
    at.run()
    _assert_literal(at, shown_as_text=2)  # the title in the list, the paragraph among the fragments
    at.button(key="documents_propose").click().run()
    _assert_literal(at)
    # a refused upload names the file: the name is user text too
    at.get("file_uploader")[0].upload(f"{HOSTILE}.txt", b"", "text/plain").run()
    _assert_literal(at, shown_as_markdown=1)


def test_markdown_injection_report_sections_recommendations_and_quotes(db: Database) -> None:
    from models import reports
    from models.quotes import set_citation_style
    from tests.models.report_data import build_scan

    built = build_scan(db)
    set_citation_style(db, LOCAL, built.scan_id, "role")  # quotes name the speaker's role
    report_id = reports.ensure_report(db, LOCAL, built.scan_id).id
    theme = "BEW.resultaten.BEW.bewustwording"
    quoted = built.fragments["BEW.bewustwording"][0]
    item = reports.insert_quote(db, LOCAL, report_id, theme, quoted, pillar="BEW", theme="BEW.bewustwording")
    reports.save_section(db, LOCAL, report_id, theme, f"{HOSTILE}\n\n{item.token}", base_version=0)
    reports.add_recommendation(db, LOCAL, report_id, pillar="BEW", title=HOSTILE, text=f"Tekst {HOSTILE}")
    # the quoted respondent's role changes afterwards: the check names the new attribution
    scans.update_respondent(db, LOCAL, built.respondents[0], role=HOSTILE)
    at = AppTest.from_file(str(PAGES / "report.py"), default_timeout=180)
    at.session_state["scan_id"] = built.scan_id
    at.run()
    _assert_literal(at, shown_as_markdown=1)  # the check before export: the new attribution, literally
    at.sidebar.radio(key="report_chapter").set_value("BEW").run()
    at.selectbox(key="report_section_BEW").set_value(theme).run()
    _assert_literal(at, shown_as_text=1)  # the section's text in its versions
    at.selectbox(key="report_section_BEW").set_value("BEW.aanbevelingen").run()
    _assert_literal(at, shown_as_text=1)  # the recommendation's title


def test_markdown_injection_followup_actions_and_scan_names(db: Database) -> None:
    from models import reports
    from models.action_sync import sync_from_report

    scan_id = scans.create_scan(db, LOCAL, name=f"nul {HOSTILE}", organisation="Gemeente x", kind="gemeente")
    report_id = reports.ensure_report(db, LOCAL, scan_id).id
    reports.add_recommendation(db, LOCAL, report_id, pillar="INF", title=f"Actie {HOSTILE}")
    sync_from_report(db, LOCAL, scan_id)
    at = AppTest.from_file(str(PAGES / "followup.py"), default_timeout=180)
    at.session_state["scan_id"] = scan_id
    at.run()
    _assert_literal(at, shown_as_text=1)  # the action in the plan
    at.text_input(key="followup_create_name").set_value(f"vervolg {HOSTILE}")
    at.button[-1].click().run()
    _assert_literal(at, shown_as_markdown=1)  # "created" names the new scan, literally
    followup = scans.scan_by_name(db, f"vervolg {HOSTILE}")
    assert followup is not None
    at = AppTest.from_file(str(PAGES / "followup.py"), default_timeout=180)
    at.session_state["scan_id"] = followup.id
    at.run()
    _assert_literal(at, shown_as_text=2)  # the comparison's title names both scans; the baseline's action
