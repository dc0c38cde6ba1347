"""The Documentstudie screen: documents with their fragments, the checklist, the findings and appendix."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from models.auth import LOCAL
from models.checklist import list_checklist
from models.db import Database
from models.documents import DocumentInput, import_documents
from models.scans import create_scan
from tests.coding._documents_files import policy_docx, policy_pdf

ROOT = Path(__file__).resolve().parents[2]


def _page(scan_id: int) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "documents.py"), default_timeout=180)
    at.session_state["scan_id"] = scan_id
    return at.run()


def _scan_with_documents(db: Database) -> int:
    scan_id = create_scan(db, LOCAL, name="Beleid", organisation="Provincie Testland", kind="provincie", period="2023")
    import_documents(
        db, LOCAL, scan_id, [("i.pdf", policy_pdf()), DocumentInput("b.docx", policy_docx())], autocode=False
    )
    return scan_id


def test_documents_page_without_documents(db: Database) -> None:
    scan_id = create_scan(db, LOCAL, name="Leeg", organisation="Gemeente Leeg", kind="gemeente")
    at = _page(scan_id)
    assert not at.exception
    assert at.title[0].value == "Documentstudie"
    assert any("Nog geen documenten" in info.value for info in at.info)


def test_documents_page_lists_documents_and_fragments_with_page_and_heading(db: Database) -> None:
    scan_id = _scan_with_documents(db)
    at = _page(scan_id)
    assert not at.exception
    listing = at.dataframe[0].value
    dates = [day for day in listing["Datum"] if day]
    assert dates and all(re.fullmatch(r"\d{2}-\d{2}-\d{4}", day) for day in dates), dates  # dd-mm-jjjj
    assert sorted(listing["Titel"]) == [
        "Bibob-beleidslijn gemeente Testdorp",
        "Integriteitsbeleid provincie Testland 2021",
    ]
    at.selectbox(key="documents_chosen").select_index(1).run()
    fragments = at.dataframe[1].value
    assert list(fragments.columns[:3]) == ["Pagina", "Kop", "Fragment"]
    last = fragments.iloc[-1]
    assert last["Pagina"] == 2 and last["Kop"] == "2 Melden > 2.1 Meldregeling"


def test_documents_page_checklist_propose_confirm_and_findings(db: Database) -> None:
    scan_id = _scan_with_documents(db)
    at = _page(scan_id)
    at.button(key="documents_propose").click().run()
    assert not at.exception
    assert any("Voorstellen bijgewerkt" in message.value for message in at.success)
    tables = [frame.value for frame in at.dataframe if "Instrument" in frame.value.columns]
    rows = {row["Instrument"]: row for table in tables for _, row in table.iterrows()}
    assert rows["Bibob-beleidslijn"]["Voorstel"] == "verouderd"
    assert rows["agressieprotocol"]["Voorstel"] == "ontbreekt"
    bibob = next(item for item in list_checklist(db, LOCAL, scan_id) if item.key == "bibob")
    at.selectbox(key="documents_item").set_value(bibob.id).run()
    at.button(key=f"documents_accept_{bibob.id}").click().run()
    assert not at.exception
    confirmed = next(item for item in list_checklist(db, LOCAL, scan_id) if item.key == "bibob")
    assert confirmed.status == "verouderd" and confirmed.confirmed_by == "lokaal"
    sentences = [text.value for text in at.text]
    assert "• Er is geen actuele Bibob-beleidslijn; de laatste versie dateert van 2016." in sentences
    assert any("agressieprotocol aangetroffen" in s and "nog niet bevestigd" in s for s in sentences)
    appendix = [
        frame.value
        for frame in at.dataframe
        if list(frame.value.columns) == ["Titel", "Soort", "Eigenaar", "Datum", "Versie"]
    ]
    assert appendix and "12-03-2021" in list(appendix[0]["Datum"])


def test_review_page_shows_the_place_in_the_document(db: Database) -> None:
    scan_id = create_scan(db, LOCAL, name="Review", organisation="Provincie Testland", kind="provincie")
    import_documents(db, LOCAL, scan_id, [DocumentInput("i.pdf", policy_pdf(), title="Integriteitsbeleid 2021")])
    at = AppTest.from_file(str(ROOT / "pages" / "review.py"), default_timeout=180)
    at.session_state["scan_id"] = scan_id
    at.run()
    assert not at.exception
    shown = [text.value for text in at.text if text.value.startswith("Document: ")]
    assert shown and shown[0].startswith("Document: Integriteitsbeleid 2021, p. ")
