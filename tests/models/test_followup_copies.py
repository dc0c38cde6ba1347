"""models/followup.py: what a vervolgmeting copies from its nulmeting (guide version, survey structure)
and the action plan's status recorded at the time of the follow-up (issue 18)."""

from __future__ import annotations

import io

import pytest
from docx import Document
from sqlalchemy import select

from coding.codebook import Guide
from models import reports
from models import schema as s
from models.action_plan import list_actions, update_action
from models.action_sync import sync_from_report
from models.auth import LOCAL, Actor, PermissionDenied
from models.comparison import compare_scans
from models.content import latest_guide, save_guide
from models.db import Database
from models.errors import InputError
from models.followup import create_followup, instrument_changes, recorded_actions, snapshot_actions, survey_structure
from models.followup_report import development_blocks
from models.report_export import export_report
from models.scans import create_scan
from models.surveys import import_file
from tests.factories import new_interview

LABELS = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]


def _csv(columns: dict[str, list[str]]) -> bytes:
    size = max(len(v) for v in columns.values())
    rows = [";".join(columns)] + [";".join(v[i] if i < len(v) else "" for v in columns.values()) for i in range(size)]
    return "\n".join(rows).encode("utf-8")


def test_followup_interviews_use_the_baselines_guide_version_not_a_newer_one(db: Database):
    baseline = create_scan(db, LOCAL, name="nul", organisation="Gemeente Toets", kind="gemeente")
    _, _, interview_id = new_interview(db, baseline)
    with db.session() as session:
        used = session.get(s.Interview, interview_id).guide_version_id
    _, guide = latest_guide(db)
    newer = Guide.from_dict({**guide.to_dict()})
    newer_id = save_guide(db, LOCAL, newer)  # the guide was edited after the nulmeting
    assert newer_id != used
    followup = create_followup(db, LOCAL, baseline, name="vervolg")
    _, _, followup_interview = new_interview(db, followup)
    _, _, other_interview = new_interview(db, create_scan(db, LOCAL, name="los", organisation="X", kind="gemeente"))
    with db.session() as session:
        assert session.get(s.Scan, followup).instruments["guide_version_id"] == used
        assert session.get(s.Interview, followup_interview).guide_version_id == used
        assert session.get(s.Interview, other_interview).guide_version_id == newer_id  # a new nulmeting: newest
    assert instrument_changes(db, LOCAL, followup, baseline) == []


def test_followup_copies_the_survey_structure_without_answers_and_matches_its_import_to_it(db: Database):
    baseline = create_scan(db, LOCAL, name="nul", organisation="Gemeente Toets", kind="gemeente")
    statement = "Ik vind dat mijn collega's voldoende aandacht hebben voor integriteit bij het werk"
    import_file(db, LOCAL, baseline, _csv({statement: LABELS * 4}), "enquete.csv", name="Enquête", code=False)
    with db.session() as session:
        question = session.scalars(select(s.SurveyQuestion).join(s.Survey).where(s.Survey.scan_id == baseline)).one()
        assert question.pillar is None  # not in the shipped template: the analyst maps it
        question.pillar, question.theme = "INT", "INT.cultuur"
    followup = create_followup(db, LOCAL, baseline, name="vervolg")
    structure = survey_structure(db, LOCAL, followup)
    assert structure is not None and "nul" in structure.name
    [copied] = structure.questions
    assert (copied.text, copied.type, copied.pillar, copied.theme) == (statement, "likert", "INT", "INT.cultuur")
    assert copied.options == LABELS
    with db.session() as session:  # the structure only: no survey, respondents or answers in the follow-up
        assert session.scalars(select(s.Survey).where(s.Survey.scan_id == followup)).all() == []
    assert survey_structure(db, LOCAL, baseline) is None
    # the follow-up's import is matched to the nulmeting's questions: the analyst's pillar and theme carry over
    import_file(db, LOCAL, followup, _csv({statement: LABELS[2:] * 3}), "vervolg.csv", name="Enquête", code=False)
    with db.session() as session:
        survey = session.scalars(select(s.Survey).where(s.Survey.scan_id == followup)).one()
        row = session.scalars(select(s.SurveyQuestion).where(s.SurveyQuestion.survey_id == survey.id)).one()
        assert (row.pillar, row.theme) == ("INT", "INT.cultuur")
        assert survey.template_name == structure.name and survey.template_matches == 1
    assert not any("sjabloon" in note for note in instrument_changes(db, LOCAL, followup, baseline))
    with pytest.raises(PermissionDenied):
        survey_structure(db, Actor("ana", "analyst", frozenset({baseline})), followup)


def _plan(db: Database) -> tuple[int, int]:
    baseline = create_scan(db, LOCAL, name="nul", organisation="Gemeente Toets", kind="gemeente")
    report_id = reports.ensure_report(db, LOCAL, baseline).id
    reports.add_recommendation(db, LOCAL, report_id, pillar="INF", title="Richt een intern meldpunt in")
    reports.add_recommendation(db, LOCAL, report_id, pillar="BEW", title="Organiseer trainingen")
    sync_from_report(db, LOCAL, baseline)
    by_title = {a.title: a for a in list_actions(db, LOCAL, baseline)}
    update_action(db, LOCAL, by_title["Richt een intern meldpunt in"].id, status="bezig", owner_role="concernstaf")
    return baseline, create_followup(db, LOCAL, baseline, name="vervolg")


def _statuses(db: Database, followup: int, baseline: int) -> dict[str, str]:
    result = compare_scans(db, LOCAL, followup, baseline)
    return {a.title: a.status for p in result.pillars for a in p.actions}


def _report_cells(db: Database, followup: int) -> list[str]:
    document = Document(io.BytesIO(export_report(db, LOCAL, followup).data))
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def test_editing_the_plan_after_the_followup_leaves_its_comparison_and_report_unchanged(db: Database):
    baseline, followup = _plan(db)
    expected = {"Richt een intern meldpunt in": "bezig", "Organiseer trainingen": "gepland"}
    assert _statuses(db, followup, baseline) == expected
    before_cells = _report_cells(db, followup)
    assert "bezig" in before_cells and "gereed" not in before_cells
    for action in list_actions(db, LOCAL, baseline):  # the plan goes on after the follow-up was made
        update_action(db, LOCAL, action.id, status="gereed", owner_role="directie")
    assert {a.status for a in list_actions(db, LOCAL, baseline)} == {"gereed"}
    assert _statuses(db, followup, baseline) == expected
    after_cells = _report_cells(db, followup)
    assert "gereed" not in after_cells and "directie" not in after_cells and "concernstaf" in after_cells
    assert compare_scans(db, LOCAL, followup, baseline).summary()["recommendations"]["gereed"] == 0
    taken = recorded_actions(db, LOCAL, followup)
    assert taken is not None
    paragraphs = [v for kind, v in development_blocks(db, LOCAL, followup) if kind == "p"]
    assert any(taken[1] in p and "Status van de aanbevelingen" in p for p in paragraphs)


def test_taking_the_snapshot_again_is_explicit_and_logged(db: Database):
    baseline, followup = _plan(db)
    for action in list_actions(db, LOCAL, baseline):
        update_action(db, LOCAL, action.id, status="gereed")
    assert snapshot_actions(db, LOCAL, followup) == 2
    assert set(_statuses(db, followup, baseline).values()) == {"gereed"}
    with db.session() as session:
        event = session.scalars(select(s.Event).where(s.Event.action == "followup.actions_snapshot")).one()
        assert {a["status"] for a in event.before["actions"]} == {"bezig", "gepland"}
        assert {a["status"] for a in event.after["actions"]} == {"gereed"}
    with pytest.raises(InputError):
        snapshot_actions(db, LOCAL, baseline)  # a nulmeting has no follow-up snapshot
    with pytest.raises(PermissionDenied):
        snapshot_actions(db, Actor("ana", "analyst", frozenset({followup})), followup)  # not of the nulmeting


def test_followup_without_snapshot_shows_the_current_plan(db: Database):
    baseline, followup = _plan(db)
    with db.session() as session:  # a follow-up made before snapshots were recorded
        scan = session.get(s.Scan, followup)
        scan.instruments = {k: v for k, v in scan.instruments.items() if k != "actions"}
    assert recorded_actions(db, LOCAL, followup) is None
    update_action(db, LOCAL, list_actions(db, LOCAL, baseline)[0].id, status="gereed")
    assert "gereed" in _statuses(db, followup, baseline).values()
