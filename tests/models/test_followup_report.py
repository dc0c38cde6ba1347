"""models/followup_report.py: the chapter "Ontwikkeling sinds de nulmeting" in the follow-up's report."""

from __future__ import annotations

import io

from docx import Document

from models import reports
from models.action_plan import list_actions, update_action
from models.action_sync import sync_from_report
from models.auth import LOCAL
from models.db import Database
from models.followup import create_followup
from models.followup_report import development_blocks
from models.report_export import export_report
from models.scans import create_scan

CHAPTER = "Ontwikkeling sinds de nulmeting"


def _pair(db: Database) -> tuple[int, int]:
    baseline = create_scan(db, LOCAL, name="nul", organisation="Gemeente Toets", kind="gemeente")
    report_id = reports.ensure_report(db, LOCAL, baseline).id
    reports.add_recommendation(db, LOCAL, report_id, pillar="INF", title="Richt een intern meldpunt in")
    sync_from_report(db, LOCAL, baseline)
    update_action(db, LOCAL, list_actions(db, LOCAL, baseline)[0].id, status="gereed", owner_role="concernstaf")
    return baseline, create_followup(db, LOCAL, baseline, name="vervolg")


def _headings(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.style.name.startswith("Heading")]


def test_followup_report_chapter_only_in_the_followup(db: Database):
    baseline, followup = _pair(db)
    assert CHAPTER not in _headings(export_report(db, LOCAL, baseline).data)
    data = export_report(db, LOCAL, followup).data
    assert CHAPTER in _headings(data)
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "vergeleken met de nulmeting ‘nul’" in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Richt een intern meldpunt in" in cells and "gereed" in cells and "concernstaf" in cells


def test_followup_report_blocks_state_the_rule_and_say_so_for_a_nulmeting(db: Database):
    baseline, followup = _pair(db)
    assert development_blocks(db, LOCAL, baseline) == [
        ("p", "Deze scan is een nulmeting; er is nog geen eerdere meting om mee te vergelijken.")
    ]
    paragraphs = [value for kind, value in development_blocks(db, LOCAL, followup) if kind == "p"]
    assert any("Holm-correctie" in p and "0,147" in p for p in paragraphs)
