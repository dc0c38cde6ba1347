"""models/action_plan.py: the action plan from recommendations, edits with role checks and the log, exports."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from models import reports
from models import schema as s
from models.action_plan import (
    RecommendationRef,
    export_docx,
    export_xlsx,
    list_actions,
    overview,
    safe_cell,
    sync_actions,
    update_action,
)
from models.action_sync import sync_from_report
from models.auth import LOCAL, Actor
from models.db import Database
from models.errors import InputError, PermissionDenied
from models.scans import create_scan

RECS = [
    ("BEW", "Stel een regiefunctionaris ondermijning aan"),
    ("INF", '=HYPERLINK("http://x") richt een meldpunt in'),
    ("INF", "Maak een protocol voor signalen"),
]


def report_with(db: Database, scan_id: int, recommendations: list[tuple[str, str]]) -> list[int]:
    """The scan's report with these recommendations (pillar, title); their ids."""
    report_id = reports.ensure_report(db, LOCAL, scan_id).id
    return [reports.add_recommendation(db, LOCAL, report_id, pillar=p, title=title) for p, title in recommendations]


@pytest.fixture
def plan(db: Database) -> int:
    scan_id = create_scan(db, LOCAL, name="Nulmeting", organisation="Gemeente Toets", kind="gemeente")
    report_with(db, scan_id, RECS)
    assert sync_from_report(db, LOCAL, scan_id) == 3
    return scan_id


def test_action_plan_every_recommendation_becomes_one_action(db: Database, plan: int):
    actions = list_actions(db, LOCAL, plan)
    assert [(a.number, a.pillar, a.status) for a in actions] == [(1, "BEW", "gepland"), (2, "INF", "gepland"),
                                                                 (3, "INF", "gepland")]  # fmt: skip
    # synchronising again adds nothing, and a renumbered or renamed recommendation is refreshed
    assert sync_from_report(db, LOCAL, plan) == 0
    first = actions[0]
    refs = [RecommendationRef(a.recommendation_id, a.number, a.pillar, a.title) for a in actions[1:]]
    assert (
        sync_actions(db, LOCAL, plan, [RecommendationRef(first.recommendation_id, 4, "BEW", "Nieuwe titel"), *refs])
        == 0
    )
    assert (list_actions(db, LOCAL, plan)[-1].number, list_actions(db, LOCAL, plan)[-1].title) == (4, "Nieuwe titel")


def test_action_plan_needs_recommendations_in_the_report(db: Database):
    scan_id = create_scan(db, LOCAL, name="Leeg", organisation="Gemeente Toets", kind="gemeente")
    with pytest.raises(InputError) as error:
        sync_from_report(db, LOCAL, scan_id)
    assert "nog geen aanbevelingen" in error.value.message()
    assert list_actions(db, LOCAL, scan_id) == []


def test_action_plan_edit_is_logged_with_before_and_after(db: Database, plan: int):
    action = list_actions(db, LOCAL, plan)[0]
    update_action(db, LOCAL, action.id, owner_role="Teamleider VTH", deadline="2027-06-30", status="bezig",
                  notes="Eerste overleg gepland")  # fmt: skip
    changed = list_actions(db, LOCAL, plan)[0]
    assert (changed.owner_role, changed.deadline, changed.status) == ("Teamleider VTH", "2027-06-30", "bezig")
    with db.session() as session:
        event = session.scalars(select(s.Event).where(s.Event.action == "action.edit")).one()
    assert event.before["status"] == "gepland" and event.after["status"] == "bezig"
    assert event.entity_id == action.id and event.scan_id == plan


@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "klaar"), ("deadline", "31-06-2027"), ("deadline", "2027-02-30"), ("deadline", "eind juni")],
)
def test_action_plan_bad_values_get_a_dutch_message_and_change_nothing(db: Database, plan: int, field, value):
    action = list_actions(db, LOCAL, plan)[0]
    with pytest.raises(InputError) as error:
        update_action(db, LOCAL, action.id, **{field: value})
    assert "'" + value + "'" in error.value.message()
    assert list_actions(db, LOCAL, plan)[0] == action


def test_action_plan_deadline_is_typed_and_read_as_dd_mm_jjjj(db: Database, plan: int):
    action = list_actions(db, LOCAL, plan)[0]
    update_action(db, LOCAL, action.id, deadline="30-06-2027")
    assert list_actions(db, LOCAL, plan)[0].deadline == "2027-06-30"  # stored as ISO, so it sorts
    sheet = load_workbook(io.BytesIO(export_xlsx(db, LOCAL, plan))).active
    cells = {str(cell.value) for row in sheet.iter_rows() for cell in row}
    assert "30-06-2027" in cells and "2027-06-30" not in cells  # the appendix reads dd-mm-jjjj


def test_action_plan_roles(db: Database, plan: int):
    action = list_actions(db, LOCAL, plan)[0]
    analyst = Actor("ana", "analyst", frozenset({plan}))
    update_action(db, analyst, action.id, owner_role="Bibob-coördinator")
    with pytest.raises(PermissionDenied):  # a person's name only by an admin
        update_action(db, analyst, action.id, owner_name="Piet Jansen")
    with pytest.raises(PermissionDenied):  # interviewers neither read nor edit the plan
        list_actions(db, Actor("ines", "interviewer", frozenset({plan})), plan)
    with pytest.raises(PermissionDenied):  # an analyst of another scan
        update_action(db, Actor("bob", "analyst", frozenset({plan + 100})), action.id, status="gereed")
    update_action(db, LOCAL, action.id, owner_name="Piet Jansen")
    assert list_actions(db, analyst, plan)[0].owner_name == "Piet Jansen"


def test_action_plan_overview_per_pillar(db: Database, plan: int):
    first = list_actions(db, LOCAL, plan)[1]
    update_action(db, LOCAL, first.id, status="gereed")
    rows = {row.pillar: row for row in overview(list_actions(db, LOCAL, plan), ["BEW", "INF", "BEL"])}
    assert rows["INF"].counts["gereed"] == 1 and rows["INF"].counts["gepland"] == 1 and rows["INF"].total == 2
    assert rows["BEL"].total == 0


@pytest.mark.parametrize("text", ["=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_action_plan_safe_cell_neutralises_formulas(text):
    assert safe_cell(text) == "'" + text
    assert safe_cell("gewone tekst") == "gewone tekst"


def test_action_plan_excel_export_is_formula_safe_and_logged(db: Database, plan: int):
    action = list_actions(db, LOCAL, plan)[2]
    update_action(db, LOCAL, action.id, notes="=cmd|' /C calc'!A0")
    sheet = load_workbook(io.BytesIO(export_xlsx(db, LOCAL, plan))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Nr.", "Pijler", "Aanbeveling"]
    assert values[2][2].startswith("'=HYPERLINK")
    assert values[3][6] == "'=cmd|' /C calc'!A0"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    with db.session() as session:
        assert session.scalars(select(s.Event).where(s.Event.action == "action.export")).one().after["format"] == "xlsx"


def test_action_plan_word_appendix(db: Database, plan: int):
    document = Document(io.BytesIO(export_docx(db, LOCAL, plan)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Bijlage: Actieplan"
    assert len(headings) == 3  # the appendix and the two pillars with actions
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Stel een regiefunctionaris ondermijning aan" in cells and "gepland" in cells
