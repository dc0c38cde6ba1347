"""The checklist of instruments: shipped per pillar, proposals from documents, findings and appendix."""

from __future__ import annotations

from datetime import date

import pytest

from coding.documents.checklist import (
    PILLARS,
    ChecklistError,
    DocumentFacts,
    appendix,
    finding,
    load_checklist,
    parse_checklist,
    propose,
)


def _by_key(proposals):
    return {proposal.instrument.key: proposal for proposal in proposals}


def test_documents_checklist_shipped_covers_every_pillar_and_the_seed():
    instruments = load_checklist()
    assert {i.key for i in instruments if i.neuter} >= {"agressieprotocol", "integriteitsbeleid", "vth_beleid"}
    assert not any(i.neuter for i in instruments if i.key in ("bibob", "gedragscode", "meldregeling"))
    assert {instrument.pillar for instrument in instruments} == set(PILLARS)
    keys = {instrument.key for instrument in instruments}
    for expected in (
        "integriteitsbeleid",
        "gedragscode",
        "meldregeling",
        "bibob",
        "mo_beleid",
        "agressieprotocol",
        "informatiebeveiliging",
        "communicatie_ondermijning",
        "vth_beleid",
        "inkoopbeleid",
    ):
        assert expected in keys


def test_documents_checklist_proposals_from_documents():
    documents = [
        DocumentFacts(1, "Bibob-beleidslijn", "bibob", date(2016, 2, 3)),
        DocumentFacts(
            2,
            "Integriteitsbeleid provincie",
            "integriteitsbeleid",
            date(2021, 3, 12),
            headings=("1 Inleiding", "3 Meldregeling"),
        ),
        DocumentFacts(3, "Communicatieplan 2022", "communicatie", date(2022, 1, 1), text="Over de website."),
        DocumentFacts(4, "Gedragscode", "gedragscode", None),
    ]
    proposals = _by_key(propose(load_checklist(), documents, reference_year=2024))
    assert proposals["bibob"].status == "verouderd"
    assert proposals["bibob"].latest is not None and proposals["bibob"].latest.id == 1
    assert proposals["integriteitsbeleid"].status == "aanwezig"
    assert proposals["meldregeling"].status == "aanwezig", "a chapter 'Meldregeling' counts as evidence"
    assert "Meldregeling" in " ".join(proposals["meldregeling"].evidence)
    assert proposals["communicatie_ondermijning"].status == "ontbreekt", "a plan that never mentions ondermijning"
    assert proposals["gedragscode"].status == "onbekend", "found but undated: the analyst judges its age"
    assert proposals["agressieprotocol"].status == "ontbreekt"


def test_documents_checklist_newest_document_decides():
    documents = [
        DocumentFacts(1, "Bibob-beleid 2012", "bibob", date(2012, 1, 1)),
        DocumentFacts(2, "Bibob-beleidslijn 2023", "bibob", date(2023, 5, 1)),
    ]
    proposal = _by_key(propose(load_checklist(), documents, reference_year=2024))["bibob"]
    assert proposal.status == "aanwezig"
    assert [document.id for document in proposal.documents] == [2, 1]


def test_documents_checklist_without_documents_is_unknown():
    assert {proposal.status for proposal in propose(load_checklist(), [], reference_year=2024)} == {"onbekend"}


def test_documents_findings_are_true_to_the_data():
    bibob = DocumentFacts(1, "Bibob-beleid", "bibob", date(2016, 2, 3))
    assert finding("Bibob-beleidslijn", "verouderd", bibob) == (
        "Er is geen actuele Bibob-beleidslijn; de laatste versie dateert van 2016."
    )
    assert finding(
        "agressieprotocol", "verouderd", DocumentFacts(2, "Protocol", "agressieprotocol", date(2017, 5, 1)), neuter=True
    ) == ("Er is geen actueel agressieprotocol; de laatste versie dateert van 2017.")
    assert finding("agressieprotocol", "ontbreekt") == "Er is geen agressieprotocol aangetroffen in de documentstudie."
    assert finding("Bibob-beleidslijn", "aanwezig", bibob) == "Er is een Bibob-beleidslijn (Bibob-beleid, 2016)."
    with pytest.raises(ValueError):
        finding("x", "misschien")


def test_documents_appendix_rows():
    rows = appendix(
        [
            DocumentFacts(2, "VTH-beleid", "vth_beleid", date(2016, 1, 1), version="1.0"),
            DocumentFacts(1, "Agressieprotocol", "agressieprotocol", None, owner="Provincie Testland"),
        ]
    )
    assert [row["title"] for row in rows] == ["Agressieprotocol", "VTH-beleid"]
    assert rows[0]["owner"] == "Provincie Testland" and rows[0]["date"] == "datum onbekend"
    assert rows[1]["date"] == "01-01-2016" and rows[1]["version"] == "1.0" and rows[1]["kind"] == "VTH-beleid"


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"instruments": [{"key": "a", "pillar": "XYZ", "label": "x"}]},
        {"instruments": [{"key": "a", "pillar": "BEL", "label": "x"}, {"key": "a", "pillar": "BEL", "label": "y"}]},
        {"instruments": [{"key": "a", "pillar": "BEL", "label": "x", "max_age": 0}]},
    ],
)
def test_documents_checklist_invalid_file_is_rejected(raw):
    with pytest.raises(ChecklistError):
        parse_checklist(raw)
