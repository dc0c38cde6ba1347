"""The checklist per scan: copied at first use, proposals from documents, confirmation, edits, findings."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import schema as s
from models.auth import LOCAL, Actor
from models.checklist import (
    add_item,
    appendix_rows,
    findings,
    list_checklist,
    propose_checklist,
    remove_item,
    update_item,
)
from models.db import Database
from models.documents import DocumentInput, import_documents
from models.errors import InputError
from models.scans import create_scan
from tests.coding._documents_files import policy_docx, policy_pdf


@pytest.fixture
def scan_id(db: Database) -> int:
    return create_scan(db, LOCAL, name="Beleid", organisation="Provincie Testland", kind="provincie", period="2023")


def _by_key(items):
    return {item.key: item for item in items}


def test_checklist_copied_from_the_shipped_one_at_first_use(db, scan_id):
    items = list_checklist(db, LOCAL, scan_id)
    assert {"bibob", "integriteitsbeleid", "agressieprotocol"} <= {item.key for item in items}
    assert all(item.status == "" and item.effective_status == "onbekend" for item in items)
    assert len(list_checklist(db, LOCAL, scan_id)) == len(items), "copied once"


def test_checklist_proposals_from_imported_documents(db, scan_id):
    import_documents(
        db, LOCAL, scan_id, [("i.pdf", policy_pdf()), DocumentInput("b.docx", policy_docx())], autocode=False
    )
    propose_checklist(db, LOCAL, scan_id)
    items = _by_key(list_checklist(db, LOCAL, scan_id))
    assert items["bibob"].proposed_status == "verouderd", "adopted 2016, scan period 2023, max age 5"
    assert items["integriteitsbeleid"].proposed_status == "aanwezig"
    assert items["meldregeling"].proposed_status == "aanwezig", "chapter 2.1 Meldregeling"
    assert items["agressieprotocol"].proposed_status == "ontbreekt"
    assert len(items["bibob"].document_ids) == 1
    sentences = {finding.label: finding for finding in findings(db, LOCAL, scan_id)}
    assert sentences["Bibob-beleidslijn"].sentence == (
        "Er is geen actuele Bibob-beleidslijn; de laatste versie dateert van 2016."
    )
    assert not sentences["Bibob-beleidslijn"].confirmed
    assert sentences["agressieprotocol"].sentence == "Er is geen agressieprotocol aangetroffen in de documentstudie."


def test_checklist_confirm_edit_and_log(db, scan_id):
    import_documents(db, LOCAL, scan_id, [DocumentInput("b.docx", policy_docx())], autocode=False)
    propose_checklist(db, LOCAL, scan_id)
    bibob = _by_key(list_checklist(db, LOCAL, scan_id))["bibob"]
    update_item(db, LOCAL, bibob.id, status="aanwezig", note="Nieuwe versie in voorbereiding", label="Bibob-beleid")
    propose_checklist(db, LOCAL, scan_id)
    bibob = _by_key(list_checklist(db, LOCAL, scan_id))["bibob"]
    assert (bibob.status, bibob.proposed_status, bibob.confirmed_by) == ("aanwezig", "verouderd", "lokaal")
    assert bibob.label == "Bibob-beleid" and bibob.note == "Nieuwe versie in voorbereiding"
    with db.session() as session:
        event = session.scalars(select(s.Event).where(s.Event.action == "checklist.edit")).one()
    assert event.before["status"] == "" and event.after["status"] == "aanwezig"
    with pytest.raises(InputError):
        update_item(db, LOCAL, bibob.id, status="misschien")
    with pytest.raises(InputError):
        update_item(db, LOCAL, bibob.id, document_ids=[999])


def test_checklist_add_and_remove_own_instrument(db, scan_id):
    item_id = add_item(db, LOCAL, scan_id, pillar="BEL", label="Horecabeleid")
    assert "Horecabeleid" in {item.label for item in list_checklist(db, LOCAL, scan_id)}
    import_documents(
        db,
        LOCAL,
        scan_id,
        [DocumentInput("h.txt", b"Horecabeleid 2022\n\nDe gemeente toetst elke nieuwe horecavergunning.\n")],
        autocode=False,
    )
    propose_checklist(db, LOCAL, scan_id)
    own = next(item for item in list_checklist(db, LOCAL, scan_id) if item.id == item_id)
    assert own.proposed_status == "aanwezig", "an own instrument matches on the words of its label"
    remove_item(db, LOCAL, item_id)
    assert "Horecabeleid" not in {item.label for item in list_checklist(db, LOCAL, scan_id)}


def test_checklist_appendix_lists_documents(db, scan_id):
    import_documents(
        db, LOCAL, scan_id, [("i.pdf", policy_pdf()), DocumentInput("b.docx", policy_docx())], autocode=False
    )
    rows = appendix_rows(db, LOCAL, scan_id)
    assert [row["title"] for row in rows] == [
        "Bibob-beleidslijn gemeente Testdorp",
        "Integriteitsbeleid provincie Testland 2021",
    ]
    assert rows[1]["date"] == "12-03-2021" and rows[1]["version"] == "2.1"


def test_checklist_is_scoped(db, scan_id):
    with pytest.raises(PermissionError):
        list_checklist(db, Actor("iv", "interviewer", frozenset({scan_id})), scan_id)
    with pytest.raises(PermissionError):
        findings(db, Actor("an", "analyst", frozenset({scan_id + 1})), scan_id)


def test_checklist_word_report_gets_confirmed_findings_and_studied_documents(db, scan_id):
    import io

    from docx import Document

    from models.exports import export_docx

    import_documents(db, LOCAL, scan_id, [DocumentInput("b.docx", policy_docx())], autocode=False)
    propose_checklist(db, LOCAL, scan_id)
    items = _by_key(list_checklist(db, LOCAL, scan_id))
    update_item(db, LOCAL, items["bibob"].id, status="verouderd")
    report = Document(io.BytesIO(export_docx(db, LOCAL, scan_id)))
    texts = [paragraph.text for paragraph in report.paragraphs]
    assert "Documentstudie" in texts
    assert "Er is geen actuele Bibob-beleidslijn; de laatste versie dateert van 2016." in texts
    assert not any("agressieprotocol" in text for text in texts), "only confirmed findings go into the report"
    cells = [cell.text for cell in report.tables[0].rows[1].cells]
    assert cells[0] == "Bibob-beleidslijn gemeente Testdorp" and cells[3] == "03-02-2016"


def test_checklist_export_without_documents_adds_nothing(db, scan_id):
    import io

    from docx import Document

    from models.exports import export_docx

    report = Document(io.BytesIO(export_docx(db, LOCAL, scan_id)))
    assert "Documentstudie" not in [paragraph.text for paragraph in report.paragraphs]
    with db.session() as session:
        assert session.scalars(select(s.ChecklistItem)).first() is None
