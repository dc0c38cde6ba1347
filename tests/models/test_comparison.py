"""models/comparison.py and ``python -m models compare``: the comparison per pillar, and the CLI's JSON."""

from __future__ import annotations

import argparse
import json

import pytest

from models.action_plan import RecommendationRef, list_actions, sync_actions, update_action
from models.auth import LOCAL, Actor
from models.commands import compare as command
from models.comparison import compare_scans
from models.db import Database
from models.errors import InputError, PermissionDenied
from models.followup import create_followup
from models.interviews import add_turn
from models.scans import create_scan
from tests.factories import add_fragments, code_fragment, new_interview


def _interview(db: Database, scan_id: int, respondent_text: str, codes: list[str]) -> None:
    _, respondent_id, interview_id = new_interview(db, scan_id)
    turn = add_turn(db, LOCAL, interview_id, kind="answer", text=respondent_text, speaker_role="respondent",
                    respondent_id=respondent_id)  # fmt: skip
    for fragment_id, code in zip(add_fragments(db, turn, scan_id, interview_id), codes, strict=True):
        code_fragment(db, fragment_id, code)


@pytest.fixture
def pair(db: Database) -> tuple[int, int]:
    baseline = create_scan(db, LOCAL, name="nul", organisation="Gemeente Toets", kind="gemeente")
    _interview(db, baseline, "Er is geen meldpunt. Niemand weet waar je moet melden.", ["INF.meldpunt", "INF.meldpunt"])
    _interview(db, baseline, "Training is er niet. Het meldpunt is onbekend.", ["BEW.training", "INF.meldpunt"])
    sync_actions(db, LOCAL, baseline, [RecommendationRef(1, 1, "INF", "Richt een meldpunt in"),
                                       RecommendationRef(2, 2, "BEW", "Organiseer trainingen"),
                                       RecommendationRef(3, 3, "BEW", "Stel een visie op")])  # fmt: skip
    first, second, _ = list_actions(db, LOCAL, baseline)
    update_action(db, LOCAL, first.id, status="gereed")
    update_action(db, LOCAL, second.id, status="bezig")
    followup = create_followup(db, LOCAL, baseline, name="vervolg")
    _interview(db, followup, "Het meldpunt werkt goed. Iedereen kent het meldpunt.", ["INF.meldpunt", "INF.meldpunt"])
    return baseline, followup


def test_comparison_themes_normalised_by_interviews_and_actions_per_pillar(db: Database, pair):
    baseline, followup = pair
    result = compare_scans(db, LOCAL, followup, baseline)
    by_pillar = {p.pillar: p for p in result.pillars}
    meldpunt = {x.theme: x for x in by_pillar["INF"].themes}["INF.meldpunt"]
    assert (meldpunt.before.fragments, meldpunt.before.interviews) == (3, 2)
    assert meldpunt.before.per_interview == 1.5 and meldpunt.after.per_interview == 2.0
    assert meldpunt.before.share_of_interviews == 100.0
    training = {x.theme: x for x in by_pillar["BEW"].themes}["BEW.training"]
    assert training.after.fragments == 0 and training.before.share_of_interviews == 50.0
    assert [a.status for a in by_pillar["BEW"].actions] == ["bezig", "gepland"]
    summary = result.summary()
    assert summary["recommendations"] == {"gereed": 1, "bezig": 1, "gepland": 1, "vervallen": 0}
    assert summary["themes_compared"] == 2 and summary["pillars"] == 5


def test_comparison_only_of_a_followup_with_its_own_baseline(db: Database, pair):
    baseline, followup = pair
    other = create_scan(db, LOCAL, name="ander", organisation="Gemeente Anders", kind="gemeente")
    with pytest.raises(InputError):
        compare_scans(db, LOCAL, followup, other)
    with pytest.raises(InputError):
        compare_scans(db, LOCAL, baseline, baseline)
    with pytest.raises(PermissionDenied):
        compare_scans(db, Actor("ines", "interviewer", None), followup, baseline)


def test_compare_command_prints_table_and_json_last(db: Database, pair, capsys):
    assert command.run(argparse.Namespace(scan="vervolg", baseline="nul")) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    summary = json.loads(lines[-1])
    assert set(summary) == {"pillars", "statements_compared", "significant", "themes_compared", "recommendations"}
    assert summary["recommendations"] == {"gereed": 1, "bezig": 1, "gepland": 1, "vervallen": 0}
    assert summary["themes_compared"] == 2
    assert any("Thema 'Intern meldpunt voor signalen': 1,50 → 2,00 fragmenten per interview" in line for line in lines)
    assert any("Aanbeveling 1 'Richt een meldpunt in': gereed" in line for line in lines)


def test_compare_command_unknown_scan_is_a_dutch_error(db: Database, capsys):
    assert command.run(argparse.Namespace(scan="bestaat-niet", baseline="nul")) == 2
    assert "Er is geen scan met de naam 'bestaat-niet'." in capsys.readouterr().err
