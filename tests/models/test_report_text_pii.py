"""models/report_check.py: the analyst's own text (sections, recommendations) is checked for personal
data like the quotes are: a finding blocks the export until it is accepted with a reason."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import report_export, reports, scans
from models import schema as s
from models.auth import LOCAL, Actor, PermissionDenied
from models.db import Database
from models.errors import InputError
from models.report_check import check_report, waive_text_finding
from models.report_export import export_report
from models.report_outline import ReportError
from tests.models.report_data import build_scan


@pytest.fixture
def report(db: Database, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    monkeypatch.setattr(report_export, "png_export_available", lambda: False)
    scan_id = build_scan(db).scan_id
    scans.add_respondent(db, LOCAL, scan_id, role="teamleider", real_name="Gerrit Hoekstra")
    report_id = reports.ensure_report(db, LOCAL, scan_id).id
    reports.save_section(db, LOCAL, report_id, "BEW.conclusie", "De organisatie is nog niet voldoende bewust.",
                         base_version=0)  # fmt: skip
    return scan_id, report_id


def _text_flags(db: Database, report_id: int) -> list:
    return [f for f in check_report(db, LOCAL, report_id) if f.code == "text_pii"]


def test_clean_text_has_no_findings_and_exports(db: Database, report):
    scan_id, report_id = report
    reports.add_recommendation(db, LOCAL, report_id, pillar="BEW", title="Organiseer trainingen.")
    assert _text_flags(db, report_id) == []
    assert export_report(db, LOCAL, scan_id).data


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Volgens Gerrit Hoekstra is er geen meldpunt.", "respondent", "Gerrit Hoekstra"),
        ("Vragen kunnen naar g.hoekstra@provincie.nl worden gestuurd.", "e-mail", "g.hoekstra@provincie.nl"),
        ("Bel bij twijfel 06-12345678.", "telefoon", "06-12345678"),
    ],
)
def test_personal_data_in_a_section_blocks_the_export_and_is_named(db: Database, report, text, kind, found):
    scan_id, report_id = report
    reports.save_section(db, LOCAL, report_id, "BEW.conclusie", f"De organisatie is nog niet bewust. {text}",
                         base_version=1)  # fmt: skip
    [flag] = _text_flags(db, report_id)
    assert flag.blocking and flag.section_key == "BEW.conclusie" and found in flag.message
    assert flag.before["finding"].startswith(kind)
    with pytest.raises(ReportError) as refused:
        export_report(db, LOCAL, scan_id)
    assert "BEW.conclusie" in refused.value.message() and found in refused.value.message()


def test_personal_data_in_a_recommendation_is_flagged(db: Database, report):
    _scan_id, report_id = report
    rec = reports.add_recommendation(db, LOCAL, report_id, pillar="INF", title="Richt een meldpunt in.",
                                     text="Contactpersoon: meldpunt.integriteit@provincie.nl of 050-3164911.")  # fmt: skip
    flags = _text_flags(db, report_id)
    assert {f.before["where"] for f in flags} == {f"aanbeveling:{rec}"}
    assert sorted(f.before["finding"].split(":")[0] for f in flags) == ["e-mail", "telefoon"]
    assert all(f.message.startswith("Aanbeveling 1:") for f in flags)


def test_tokens_of_quotes_are_not_the_analysts_text(db: Database, report):
    _scan_id, report_id = report
    reports.save_section(db, LOCAL, report_id, "BEW.conclusie", "Tekst.\n[[citaat:999]]", base_version=1)
    assert _text_flags(db, report_id) == []  # the unknown item is flagged by the item check, not as PII


def test_a_waived_finding_no_longer_blocks_and_the_waiver_is_logged(db: Database, report):
    scan_id, report_id = report
    reports.save_section(db, LOCAL, report_id, "voorwoord", "Met dank aan het RIEC, info@riec-noord.nl.",
                         base_version=0)  # fmt: skip
    [flag] = _text_flags(db, report_id)
    where, finding = flag.before["where"], flag.before["finding"]
    with pytest.raises(InputError):
        waive_text_finding(db, LOCAL, report_id, where, finding, "nee")  # too short a reason
    with pytest.raises(InputError):
        waive_text_finding(db, LOCAL, report_id, where, "e-mail:iemand@anders.nl", "algemeen adres van het RIEC")
    with pytest.raises(PermissionDenied):
        waive_text_finding(db, Actor("ana", "analyst", frozenset({scan_id + 100})), report_id, where, finding,
                           "algemeen adres van het RIEC")  # fmt: skip
    assert _text_flags(db, report_id) != []
    waive_text_finding(db, LOCAL, report_id, where, finding, "algemeen adres van het RIEC")
    assert _text_flags(db, report_id) == []
    assert export_report(db, LOCAL, scan_id).data
    with db.session() as session:
        event = session.scalars(select(s.Event).where(s.Event.action == "report.pii_waive")).one()
        assert event.after["reason"] == "algemeen adres van het RIEC" and event.after["where"] == "voorwoord"
    # the same finding elsewhere is not waived by it
    reports.save_section(db, LOCAL, report_id, "inleiding", "Mail info@riec-noord.nl.", base_version=0)
    assert [f.section_key for f in _text_flags(db, report_id)] == ["inleiding"]
