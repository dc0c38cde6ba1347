"""models/report_template.py: the report's structure changed in the app, stored with versions,
and a report made from a reordered/renamed template follows it (service and Word export)."""

from __future__ import annotations

import io

import pytest
from docx import Document
from sqlalchemy import select

from models import report_export, reports
from models import report_schema as r
from models import schema as s
from models.auth import LOCAL, Actor, PermissionDenied
from models.db import Database
from models.report_export import export_report
from models.report_outline import ReportError, heading_outline, load_template
from models.report_template import (
    current_template,
    parse_template_yaml,
    save_template,
    template_from_rows,
    template_rows,
    template_versions,
    template_yaml,
)
from tests.models.report_data import build_scan


@pytest.fixture
def report(db: Database, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    monkeypatch.setattr(report_export, "png_export_available", lambda: False)
    scan_id = build_scan(db).scan_id
    report_id = reports.ensure_report(db, LOCAL, scan_id).id
    reports.save_section(db, LOCAL, report_id, "samenvatting", "De samenvatting van de scan.", base_version=0)
    reports.save_section(db, LOCAL, report_id, "BEW.conclusie", "Conclusie over bewustwording.", base_version=0)
    return scan_id, report_id


def _reworked(template: dict) -> dict:
    """Samenvatting first, Resultaten renamed, Bijlagen renamed, the codebook appendix removed, a Leeswijzer added."""
    rows = template_rows(template)
    for row in rows:
        if row["chapter"] == "samenvatting":
            row["position"] = 0
        if row["key"] == "resultaten":
            row["title"] = "Bevindingen"
        if row["chapter"] == "bijlagen":
            row["chapter_title"] = "Bijlagen bij het rapport"
    rows = [row for row in rows if row["key"] != "bijlagen.codeboek"]
    inleiding = next(row["position"] for row in rows if row["key"] == "inleiding")
    rows.append({"position": inleiding + 0.5, "chapter": "inleiding", "chapter_title": "", "key": "leeswijzer",
                 "title": "Leeswijzer", "kind": "written", "generator": None, "per_theme": False})  # fmt: skip
    return template_from_rows(rows, template)


def _headings(data: bytes) -> list[tuple[int, str]]:
    document = Document(io.BytesIO(data))
    return [(int(p.style.name[-1]), p.text) for p in document.paragraphs if p.style.name.startswith("Heading ")]


def test_rows_round_trip_to_the_same_template():
    template = load_template()
    assert template_from_rows(template_rows(template), template) == template


def test_a_reordered_renamed_template_is_stored_as_a_version_and_the_outline_follows_it(db: Database, report):
    scan_id, report_id = report
    template, version = current_template(db, LOCAL, report_id)
    assert version == 1
    new = save_template(db, LOCAL, report_id, _reworked(template), base_version=1)
    assert new == 2
    chapters = reports.report_outline(db, LOCAL, report_id)
    assert [c.heading for c in chapters][:3] == ["Samenvattende conclusies", "Voorwoord", "Inleiding"]
    inleiding = next(c for c in chapters if c.key == "inleiding")
    assert [x.title for x in inleiding.sections] == [None, "Leeswijzer"]
    bew = next(c for c in chapters if c.key == "BEW")
    assert bew.sections[0].title == "Bevindingen" and bew.sections[0].key == "BEW.resultaten"
    assert chapters[-1].title == "Bijlagen bij het rapport"
    assert "bijlagen.codeboek" not in [x.key for c in chapters for x in c.sections]
    assert reports.get_section(db, LOCAL, report_id, "samenvatting").text == "De samenvatting van de scan."
    versions = template_versions(db, LOCAL, report_id)
    assert [v.version for v in versions] == [2, 1] and versions[1].template == template
    with db.session() as session:
        event = session.scalars(select(s.Event).where(s.Event.action == "report.template.save")).one()
        assert "bijlagen/bijlagen.codeboek" in event.before["sections"]
        assert "bijlagen/bijlagen.codeboek" not in event.after["sections"]


def test_the_word_headings_follow_the_new_order_and_names(db: Database, report):
    scan_id, report_id = report
    template, _ = current_template(db, LOCAL, report_id)
    save_template(db, LOCAL, report_id, _reworked(template), base_version=1)
    data = export_report(db, LOCAL, scan_id).data
    headings = _headings(data)
    assert headings == heading_outline(reports.report_outline(db, LOCAL, report_id))
    titles = [text for _, text in headings]
    assert titles[:4] == ["Samenvattende conclusies", "Voorwoord", "Inleiding", "Leeswijzer"]
    assert (2, "Bevindingen") in headings and (2, "Resultaten") not in headings
    assert (1, "Bijlagen bij het rapport") in headings and (1, "Bijlagen") not in headings
    assert "Codeboek" not in titles
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert texts.index("De samenvatting van de scan.") < texts.index("Voorwoord")


def test_a_wrong_template_is_refused_in_dutch_and_nothing_is_stored(db: Database, report):
    _scan_id, report_id = report
    template, _ = current_template(db, LOCAL, report_id)
    rows = template_rows(template)
    bad_rows = [
        [*rows, {**rows[0], "position": 99}],  # a section key twice
        [{**row, "kind": "onzin"} if i == 0 else row for i, row in enumerate(rows)],
        [{**row, "chapter": ""} if i == 0 else row for i, row in enumerate(rows)],
        [{**row, "per_theme": True} if row["key"] == "inleiding" else row for row in rows],
        [{**row, "generator": ""} if row["key"] == "bijlagen.documenten" else row for row in rows],
    ]
    for bad in bad_rows:
        with pytest.raises(ReportError) as refused:
            template_from_rows(bad, template)
        assert refused.value.message().startswith("De opbouw van het rapport is niet opgeslagen:")
    with pytest.raises(ReportError) as refused:
        parse_template_yaml("chapters: [niet: goed")
    assert "niet opgeslagen" in refused.value.message()
    with pytest.raises(ReportError):
        save_template(db, LOCAL, report_id, {"chapters": []}, base_version=1)
    assert current_template(db, LOCAL, report_id) == (template, 1)
    assert len(template_versions(db, LOCAL, report_id)) == 1


def test_a_save_on_an_older_version_is_a_conflict(db: Database, report):
    _scan_id, report_id = report
    template, _ = current_template(db, LOCAL, report_id)
    save_template(db, LOCAL, report_id, _reworked(template), base_version=1)
    with pytest.raises(ReportError) as refused:
        save_template(db, LOCAL, report_id, template, base_version=1)
    assert refused.value.code == "template_conflict" and "versie 2" in refused.value.message()
    assert current_template(db, LOCAL, report_id)[1] == 2


def test_yaml_round_trip_and_the_scan_is_checked_first(db: Database, report):
    scan_id, report_id = report
    template, _ = current_template(db, LOCAL, report_id)
    assert parse_template_yaml(template_yaml(_reworked(template))) == _reworked(template)
    with pytest.raises(PermissionDenied):
        save_template(db, Actor("ana", "analyst", frozenset({scan_id + 100})), report_id, template, base_version=1)
    with pytest.raises(PermissionDenied):
        save_template(db, Actor("ines", "interviewer", frozenset({scan_id})), report_id, template, base_version=1)


def test_template_migration_matches_the_tables(db: Database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    assert r.ReportTemplateVersion.__tablename__ == "report_template_versions"
    with db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), s.Base.metadata)
    touched = [d for d in diffs if "report_template_versions" in repr(d) or "template_version" in repr(d)
               or "pii_waivers" in repr(d)]  # fmt: skip
    assert touched == []
