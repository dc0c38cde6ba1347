"""models/comparison.py and ``python -m models compare``: the comparison per pillar, and the CLI's JSON."""

from __future__ import annotations

import argparse
import json

import pytest

from models import reports
from models.action_plan import list_actions, update_action
from models.action_sync import sync_from_report
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
    report_id = reports.ensure_report(db, LOCAL, baseline).id
    for pillar, title in [
        ("INF", "Richt een meldpunt in"),
        ("BEW", "Organiseer trainingen"),
        ("BEW", "Stel een visie op"),
    ]:
        reports.add_recommendation(db, LOCAL, report_id, pillar=pillar, title=title)
    sync_from_report(db, LOCAL, baseline)
    by_title = {action.title: action for action in list_actions(db, LOCAL, baseline)}
    update_action(db, LOCAL, by_title["Richt een meldpunt in"].id, status="gereed")
    update_action(db, LOCAL, by_title["Organiseer trainingen"].id, status="bezig")
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
    assert any("Aanbeveling 3 'Richt een meldpunt in': gereed" in line for line in lines)


def test_compare_command_unknown_scan_is_a_dutch_error(db: Database, capsys):
    assert command.run(argparse.Namespace(scan="bestaat-niet", baseline="nul")) == 2
    assert "Er is geen scan met de naam 'bestaat-niet'." in capsys.readouterr().err


LABELS = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]


def _survey(db: Database, scan_id: int, columns: dict[str, list[int]]) -> None:
    """A survey CSV: per statement the count of each scale point (negative → positive)."""
    from models.surveys import import_file

    answers = {text: [label for label, n in zip(LABELS, counts, strict=True) for _ in range(n)]
               for text, counts in columns.items()}  # fmt: skip
    size = max(len(values) for values in answers.values())
    rows = [";".join(answers)] + [";".join(v[i] if i < len(v) else "" for v in answers.values()) for i in range(size)]
    import_file(db, LOCAL, scan_id, "\n".join(rows).encode("utf-8"), "enquete.csv", name="Enquête", code=False)


def test_comparison_survey_statements_matched_never_silently(db: Database, pair):
    from coding.compare import difference_of_proportions
    from models.comparison import decide_match, match_proposals

    baseline, followup = pair
    _survey(db, baseline, {
        "Ik weet waar ik signalen van ondermijning kan melden": [10, 20, 30, 25, 15],
        "Ik ben voldoende bewust en in staat om signalen van ondermijning te herkennen": [5, 15, 30, 40, 10],
    })  # fmt: skip
    _survey(db, followup, {
        "Ik weet waar ik signalen van ondermijning kan melden": [0, 10, 20, 45, 25],  # nobody "helemaal oneens"
        "Ik ben voldoende bewust van ondermijning en in staat om signalen ervan te herkennen": [2, 8, 20, 50, 20],
    })  # fmt: skip
    result = compare_scans(db, LOCAL, followup, baseline)
    assert len(result.statements) == 1  # the reworded statement waits for the analyst
    assert len(result.pending_matches) == 1
    same = result.statements[0]
    assert same.before.counts == [10, 20, 30, 25, 15] and same.after.counts == [0, 10, 20, 45, 25]
    expected = difference_of_proportions(40, 100, 70, 100)
    assert same.share.newcombe == pytest.approx(expected.newcombe)
    assert same.meaningful  # +30 points, large sample: p < 0.05 after Holm and delta >= 0.147

    found = match_proposals(db, LOCAL, followup, baseline)
    pending = found["pending"][0]
    decide_match(db, Actor("ana", "analyst", frozenset({baseline, followup})), followup, pending.before,
                 pending.after, confirmed=True)  # fmt: skip
    result = compare_scans(db, LOCAL, followup, baseline)
    assert len(result.statements) == 2 and not result.pending_matches
    reworded = next(x for x in result.statements if x.after_text)
    assert reworded.after_text.startswith("Ik ben voldoende bewust van ondermijning")
    assert result.summary()["statements_compared"] == 2


def test_comparison_rejected_match_is_not_compared(db: Database, pair):
    from models.comparison import decide_match

    baseline, followup = pair
    text = "Ik weet waar ik signalen van ondermijning kan melden"
    _survey(db, baseline, {text: [10, 20, 30, 25, 15]})
    _survey(db, followup, {text: [5, 10, 20, 45, 20]})
    key = "Enquête/V1"
    decide_match(db, LOCAL, followup, key, key, confirmed=False)
    assert compare_scans(db, LOCAL, followup, baseline).statements == []
    with pytest.raises(InputError):
        decide_match(db, LOCAL, followup, "Enquête/V9", key, confirmed=True)
