"""The demo scan gets a report with text in at least two pillars (models/demo_report.py)."""

from __future__ import annotations

from models import reports
from models.auth import LOCAL
from models.db import Database
from models.demo import load_demo
from models.report_check import check_report


def test_demo_report_has_text_in_two_pillars_and_passes_the_check(db: Database) -> None:
    scan_id = load_demo(db, LOCAL, autocode=False)
    report = reports.ensure_report(db, LOCAL, scan_id)
    texts = {key: section.text for key, section in reports.all_sections(db, LOCAL, report.id).items() if section.text}
    pillars = {key.split(".")[0] for key in texts if key.split(".")[0] in ("BEW", "INF", "BEL", "INT", "COM")}
    assert len(pillars) >= 2
    assert texts["voorwoord"].startswith("Gemeente Veenwold")
    recs = reports.list_recommendations(db, LOCAL, report.id)
    assert [r.number for r in recs] == list(range(1, len(recs) + 1)) and {r.pillar for r in recs} >= {"BEW", "INF"}
    assert not [flag for flag in check_report(db, LOCAL, report.id) if flag.blocking]
