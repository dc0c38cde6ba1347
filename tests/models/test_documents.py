"""Documents as sources of a scan: import all or nothing, fragments with page and heading, scoping."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import schema as s
from models.auth import LOCAL, Actor
from models.db import Database
from models.documents import (
    DocumentInput,
    delete_document,
    document_fragments,
    get_document,
    import_documents,
    list_documents,
    update_document,
)
from models.errors import InputError
from models.interviews import list_interviews
from models.scans import create_scan
from tests.coding._documents_files import policy_docx, policy_pdf, scanned_pdf
from tests.factories import dump, new_interview

TABLES = (s.Interview, s.Turn, s.Fragment, s.Document, s.Coding, s.Event)


def _counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            table.__tablename__: int(session.scalar(select(func.count()).select_from(table)) or 0) for table in TABLES
        }


@pytest.fixture
def scan_id(db: Database) -> int:
    return create_scan(db, LOCAL, name="Beleid", organisation="Provincie Testland", kind="provincie")


def test_documents_import_stores_paragraphs_fragments_pages_and_headings(db, scan_id):
    result = import_documents(db, LOCAL, scan_id, [("integriteitsbeleid.pdf", policy_pdf())], autocode=False)
    assert result.documents == 1 and result.refused == [] and result.pages == 2
    document = get_document(db, LOCAL, result.document_ids[0])
    assert document.title == "Integriteitsbeleid provincie Testland 2021"
    assert (document.doc_kind, document.owner, document.date, document.version) == (
        "integriteitsbeleid",
        "Provincie Testland",
        "2021-03-12",
        "2.1",
    )
    fragments = document_fragments(db, LOCAL, document.id)
    assert len(fragments) == result.fragments == document.fragments > 0
    assert fragments[-1].page == 2 and fragments[-1].heading == "2 Melden > 2.1 Meldregeling"
    with db.session() as session:
        interview = session.get(s.Interview, document.interview_id)
        assert interview is not None and interview.kind == "document"
        turns = session.scalars(select(s.Turn).where(s.Turn.interview_id == interview.id)).all()
        assert {turn.speaker_role for turn in turns} == {"document"}
        assert all(turn.respondent_id is None and turn.question_id is None for turn in turns)
        for row in session.scalars(select(s.Fragment).where(s.Fragment.interview_id == interview.id)):
            assert row.turn.text[row.start : row.end] == row.text and row.lemmas


def test_documents_import_autocodes_like_an_interview(db, scan_id):
    result = import_documents(db, LOCAL, scan_id, [("beleid.pdf", policy_pdf())])
    assert result.coded == result.fragments
    with db.session() as session:
        rows = session.execute(
            select(s.Fragment.text, s.Fragment.status, s.Fragment.abstain_reason).where(s.Fragment.scan_id == scan_id)
        ).all()
    # the policy's adoption line is document metadata ("geen code"); every content fragment gets a suggestion
    adoption = [row for row in rows if row.text.startswith("Dit integriteitsbeleid is vastgesteld")]
    assert [(row.status, row.abstain_reason) for row in adoption] == [("uncoded", "furniture")]
    assert {(row.status, row.abstain_reason) for row in rows if row not in adoption} == {("suggested", None)}



def test_each_document_is_coded_as_one_context_and_interviews_are_not(db, scan_id, monkeypatch):
    from coding.coder import AutoCoder

    seen: list[list[tuple[str, str | None]]] = []
    original = AutoCoder.predict

    def spy(self, items, progress=None):
        seen.append([(item.source, item.group) for item in items])
        return original(self, items, progress)

    monkeypatch.setattr(AutoCoder, "predict", spy)
    import_documents(db, LOCAL, scan_id, [("beleid.pdf", policy_pdf()), ("bibob.txt", REGULATION.encode("utf-8"))])
    groups = {group for batch in seen for source, group in batch if source == "document"}
    documents = {d.id for d in list_interviews(db, LOCAL, scan_id, include_documents=True)}
    assert groups == {f"document:{i}" for i in documents} and len(groups) == 2
    assert all(group is None for batch in seen for source, group in batch if source == "speech")

REGULATION = (
    "Beleidsregels Wet Bibob gemeente Testland 2024\n\n"
    "De burgemeester van de gemeente Testland;\n\n"
    "gelet op artikel 3 van de Wet Bibob en artikel 4:81 van de Algemene wet bestuursrecht;\n\n"
    "besluit: vast te stellen de volgende beleidsregels:\n\n"
    "Artikel 1 Weigeringsgrond\n\n"
    "De burgemeester weigert een exploitatievergunning voor een horecabedrijf als er ernstig gevaar bestaat "
    "dat de vergunning wordt gebruikt om strafbare feiten te plegen. Bij elke aanvraag voert de gemeente een "
    "Bibob-toets uit.\n\n"
    "Artikel 2 Inwerkingtreding\n\n"
    "Deze beleidsregels treden in werking op de dag na die van de bekendmaking.\n\n"
    "Aldus vastgesteld in de openbare vergadering van 12 maart 2024.\n\n"
    "De griffier, De voorzitter,\n"
)


def test_document_furniture_gets_no_code_and_content_keeps_its_suggestion(db, scan_id):
    import_documents(db, LOCAL, scan_id, [("bibob.txt", REGULATION.encode("utf-8"))])
    with db.session() as session:
        rows = {
            row.text: row
            for row in session.execute(
                select(s.Fragment.text, s.Fragment.status, s.Fragment.abstain_reason, s.Fragment.top_pillar).where(
                    s.Fragment.scan_id == scan_id
                )
            )
        }
    furniture = [text for text in rows if rows[text].abstain_reason == "furniture"]
    assert any(text.startswith("gelet op artikel 3") for text in furniture)
    assert any(text.startswith("Deze beleidsregels treden in werking") for text in furniture)
    assert any(text.startswith("Aldus vastgesteld") for text in furniture)
    assert all(rows[text].status == "uncoded" and rows[text].top_pillar is None for text in furniture)
    content = [row for text, row in rows.items() if "Bibob-toets" in text or "ernstig gevaar" in text]
    assert content and all(row.abstain_reason is None and row.status == "suggested" for row in content)


def test_documents_refused_file_changes_nothing_and_others_still_import(db, scan_id):
    before = _counts(db)
    result = import_documents(db, LOCAL, scan_id, [("scan.pdf", scanned_pdf())], autocode=False)
    assert result.documents == 0
    assert [refusal.file for refusal in result.refused] == ["scan.pdf"]
    assert "geen tekstlaag; OCR nodig" in result.refused[0].reason
    assert _counts(db) == before


def test_documents_batch_is_all_or_nothing(db, scan_id):
    import_documents(db, LOCAL, scan_id, [("eerder.docx", policy_docx())], autocode=False)
    before = dump(db)
    batch = [("beleid.pdf", policy_pdf()), ("scan.pdf", scanned_pdf()), DocumentInput("c.pdf", b"%PDF-1.4 kapot"),
             ("bibob.txt", b"Bibob-beleidslijn\n\nDe gemeente toetst vergunningen aan de Wet Bibob.")]  # fmt: skip
    result = import_documents(db, LOCAL, scan_id, batch, autocode=False)
    assert result.documents == 0 and result.fragments == 0
    assert [refusal.file for refusal in result.refused] == ["scan.pdf", "c.pdf"]  # every bad file, by name
    assert "geen tekstlaag; OCR nodig" in result.refused[0].reason and "c.pdf" in result.refused[1].reason
    assert dump(db) == before  # nothing of the batch: not beleid.pdf, not bibob.txt, no event
    same = b"Meldregeling\n\nMeld een vermoeden van een misstand bij de vertrouwenspersoon."
    twice = import_documents(db, LOCAL, scan_id, [("a.txt", same), ("kopie.txt", same)], autocode=False)
    assert twice.documents == 0 and "kopie.txt is hetzelfde bestand als a.txt" in twice.refused[0].reason
    assert dump(db) == before
    good = import_documents(db, LOCAL, scan_id, batch[:1] + batch[3:], autocode=False)
    assert good.documents == 2 and good.refused == []
    assert {view.filename for view in list_documents(db, LOCAL, scan_id)} == {"eerder.docx", "beleid.pdf", "bibob.txt"}


def test_documents_failure_on_the_last_file_of_a_batch_stores_none(db, scan_id, monkeypatch):
    import models.documents as documents

    before = dump(db)
    calls = {"n": 0}
    original = documents.text_hash

    def fails_late(text: str) -> str:
        calls["n"] += 1
        if calls["n"] > 3:  # the first document's fragments are already in the session
            raise RuntimeError("schijf vol")
        return original(text)

    monkeypatch.setattr(documents, "text_hash", fails_late)
    with pytest.raises(RuntimeError):
        import_documents(db, LOCAL, scan_id, [("beleid.pdf", policy_pdf()), ("b.docx", policy_docx())], autocode=False)
    assert calls["n"] > 3 and dump(db) == before


def test_documents_failure_while_storing_rolls_back(db, scan_id, monkeypatch):
    import models.documents as documents

    before = _counts(db)

    def broken(text: str) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(documents, "text_hash", broken)
    with pytest.raises(RuntimeError):
        import_documents(db, LOCAL, scan_id, [("beleid.pdf", policy_pdf())], autocode=False)
    assert _counts(db) == before


def test_documents_same_file_twice_is_refused(db, scan_id):
    data = policy_pdf()
    import_documents(db, LOCAL, scan_id, [("beleid.pdf", data)], autocode=False)
    again = import_documents(db, LOCAL, scan_id, [("kopie.pdf", data)], autocode=False)
    assert again.documents == 0 and "al geïmporteerd" in again.refused[0].reason


def test_documents_analyst_metadata_overrides_and_bad_date(db, scan_id):
    result = import_documents(
        db,
        LOCAL,
        scan_id,
        [DocumentInput("b.docx", policy_docx(), title="Bibob-beleid", owner="Afdeling Veiligheid", date="2016")],
        autocode=False,
    )
    document = get_document(db, LOCAL, result.document_ids[0])
    assert (document.title, document.owner, document.date) == ("Bibob-beleid", "Afdeling Veiligheid", "2016-01-01")
    bad = import_documents(db, LOCAL, scan_id, [DocumentInput("c.pdf", policy_pdf(), date="maart")], autocode=False)
    assert bad.documents == 0 and "geen datum" in bad.refused[0].reason


def test_documents_edit_and_delete_are_logged(db, scan_id):
    document_id = import_documents(db, LOCAL, scan_id, [("beleid.pdf", policy_pdf())], autocode=False).document_ids[0]
    update_document(db, LOCAL, document_id, title="Integriteitsbeleid provincie", date="12-03-2021")
    assert get_document(db, LOCAL, document_id).title == "Integriteitsbeleid provincie"
    assert get_document(db, LOCAL, document_id).date == "2021-03-12"  # typed dd-mm-jjjj, stored ISO
    delete_document(db, LOCAL, document_id)
    assert list_documents(db, LOCAL, scan_id) == []
    counts = _counts(db)
    assert counts["fragments"] == counts["turns"] == counts["documents"] == 0
    with db.session() as session:
        actions = list(session.scalars(select(s.Event.action).where(s.Event.entity == "document")))
    assert actions == ["document.import", "document.edit", "document.delete"]


def test_documents_roles_and_scan_assignment(db, scan_id):
    other = create_scan(db, LOCAL, name="Ander", organisation="Gemeente Ander", kind="gemeente")
    document_id = import_documents(db, LOCAL, scan_id, [("beleid.pdf", policy_pdf())], autocode=False).document_ids[0]
    interviewer = Actor("iv", "interviewer", frozenset({scan_id}))
    outsider = Actor("an", "analyst", frozenset({other}))
    analyst = Actor("an2", "analyst", frozenset({scan_id}))
    for actor in (interviewer, outsider):
        with pytest.raises(PermissionError):
            list_documents(db, actor, scan_id)
        with pytest.raises(PermissionError):
            document_fragments(db, actor, document_id)
        with pytest.raises(PermissionError):
            import_documents(db, actor, scan_id, [("b.docx", policy_docx())], autocode=False)
    assert [document.id for document in list_documents(db, analyst, scan_id)] == [document_id]


def test_documents_demo_has_policy_documents_and_a_filled_checklist(db):
    from models.checklist import findings, list_checklist
    from models.demo import load_demo

    scan_id = load_demo(db, LOCAL, autocode=False)
    titles = {document.title for document in list_documents(db, LOCAL, scan_id)}
    assert "Bibob-beleidslijn gemeente Veenwold" in titles and len(titles) == 4
    items = {item.key: item for item in list_checklist(db, LOCAL, scan_id)}
    assert items["bibob"].status == "verouderd" and items["bibob"].note
    assert all(item.proposed_status for item in items.values())
    sentences = {finding.sentence for finding in findings(db, LOCAL, scan_id)}
    assert "Er is geen actuele Bibob-beleidslijn; de laatste versie dateert van 2016." in sentences
    assert "Er is geen actueel agressieprotocol; de laatste versie dateert van 2018." in sentences
    assert list_interviews(db, LOCAL, scan_id)[0].kind != "document"


@pytest.mark.parametrize("style", ["respondent", "role"])
def test_documents_quote_is_attributed_to_the_document_with_year_and_page(db, scan_id, style):
    from models import quotes
    from tests.factories import code_fragment

    document_id = import_documents(
        db, LOCAL, scan_id, [DocumentInput("i.pdf", policy_pdf(), title="Integriteitsbeleid provincie")], autocode=False
    ).document_ids[0]
    last = document_fragments(db, LOCAL, document_id)[-1]
    code_fragment(db, last.fragment_id, "INT")
    quotes.set_citation_style(db, LOCAL, scan_id, style)
    quote_id = quotes.add_quote(db, LOCAL, last.fragment_id, "INT")
    view = quotes.get_quote(db, LOCAL, quote_id)
    assert view.attribution == "Integriteitsbeleid provincie, 2021, p. 2"
    assert view.citation.endswith("(Integriteitsbeleid provincie, 2021, p. 2).")


def test_documents_review_desk_shows_the_place_in_the_document(db, scan_id):
    from models.review_queue import queue

    new_interview(db, scan_id)  # an interview in the same scan keeps its own context
    import_documents(db, LOCAL, scan_id, [DocumentInput("i.pdf", policy_pdf(), title="Integriteitsbeleid 2021")])
    cards, total = queue(db, LOCAL, scan_id, order="interview", limit=100)
    document_cards = [card for card in cards if card.source]
    assert document_cards and total == len(cards)
    last = document_cards[-1]
    assert last.source == "Integriteitsbeleid 2021, p. 2 — 2.1 Meldregeling"
    assert last.question is None and last.before is None and last.role is None


def test_documents_are_not_listed_as_interviews(db, scan_id):
    from models.interviews import create_interview

    import_documents(db, LOCAL, scan_id, [("i.pdf", policy_pdf())], autocode=False)
    assert list_interviews(db, LOCAL, scan_id) == []
    assert [i.kind for i in list_interviews(db, LOCAL, scan_id, include_documents=True)] == ["document"]
    with pytest.raises(InputError):
        create_interview(db, LOCAL, scan_id, title="x", kind="document", date="", interviewer="", participant_ids=[1])


def test_a_paragraph_about_another_policy_area_shows_its_reason_in_the_review_queue(db, scan_id):
    from models.review_filters import ReviewFilters
    from models.review_queue import queue

    text = (
        "Artikel 1 Weigeringsgrond\n\nBij elke aanvraag voor een exploitatievergunning voert de gemeente een "
        "Bibob-toets uit.\n\nVanaf januari wordt het restafval nog maar eens per vier weken opgehaald; gft en "
        "plastic blijven wekelijks.\n"
    )
    import_documents(db, LOCAL, scan_id, [("beleid.txt", text.encode("utf-8"))])
    cards, total = queue(db, LOCAL, scan_id, filters=ReviewFilters(status="uncoded", search="restafval"))
    assert total == 1 and cards[0].source  # a document's card: where in the document
    assert (cards[0].abstain_reason, cards[0].pillar) == ("other_domain", None)
