"""models/demo_followup.py: ``demo`` comes with its action plan and the vervolgmeting ``demo-vervolg``."""

from __future__ import annotations

from models.action_plan import list_actions
from models.auth import LOCAL
from models.comparison import compare_scans
from models.db import Database
from models.demo import load_demo
from models.scans import scan_by_name


def test_demo_followup_has_a_changed_survey_checklist_and_action_plan(db: Database) -> None:
    baseline = load_demo(db, LOCAL, autocode=False)
    followup = scan_by_name(db, "demo-vervolg")
    assert followup is not None and followup.baseline_scan_id == baseline
    assert followup.measurement == "vervolgmeting"
    statuses = [a.status for a in list_actions(db, LOCAL, baseline)]
    assert "gereed" in statuses and "bezig" in statuses
    result = compare_scans(db, LOCAL, followup.id, baseline)
    assert result.statements  # the survey statements asked in both
    assert len(result.pending_matches) == 1  # the reworded statement waits for the analyst
    assert any("vragen van de enquête zijn gewijzigd" in note for note in result.instrument_notes)
    moves = [m.direction for p in result.pillars for m in p.checklist]
    assert moves.count("verbeterd") >= 1
    # answers on the agree scales were made more positive: most shares rose
    changes = [x.change_points for x in result.statements if x.scale == "agree" and x.change_points is not None]
    assert sum(1 for c in changes if c > 0) > len(changes) / 2
    # running the demo again replaces both scans
    load_demo(db, LOCAL, replace=True, autocode=False)
    assert scan_by_name(db, "demo-vervolg") is not None
