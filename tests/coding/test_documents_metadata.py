"""What a document is: kind, title, owner, date and version, read from the file and its text."""

from __future__ import annotations

from datetime import date

import pytest

from coding.documents import read_document
from coding.documents.metadata import adoption_date, find_version, guess_kind
from tests.coding._documents_files import policy_docx, policy_pdf


def test_documents_metadata_from_pdf_info_and_text():
    meta = read_document(policy_pdf(), "x.pdf").metadata
    assert meta.title == "Integriteitsbeleid provincie Testland 2021"
    assert meta.owner == "Provincie Testland"
    assert meta.version == "2.1"
    assert (meta.date, meta.date_source) == (date(2021, 3, 12), "tekst")
    assert meta.kind == "integriteitsbeleid"


def test_documents_metadata_from_docx_core_properties():
    meta = read_document(policy_docx(), "beleid.docx").metadata
    assert meta.title == "Bibob-beleidslijn gemeente Testdorp"
    assert meta.date == date(2016, 2, 3)
    assert meta.kind == "bibob"


def test_documents_metadata_title_year_and_filename_fallback():
    text = "Medewerkers melden agressie en bedreiging altijd bij hun leidinggevende, ook kleine incidenten."
    meta = read_document(text.encode(), "Agressieprotocol_2018.txt").metadata
    assert meta.title == "Agressieprotocol 2018"
    assert (meta.date, meta.date_source) == (date(2018, 1, 1), "titel")
    assert meta.kind == "agressieprotocol"


@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        ("Beleidsregel Vergunningverlening, Toezicht en Handhaving 2016", "", "vth_beleid"),
        ("Protocol Vermoedens van Misstanden", "integriteit " * 10, "meldregeling"),
        ("Gedragscode Integriteit", "", "gedragscode"),
        ("Inkoop- en Aanbestedingsbeleid", "", "inkoopbeleid"),
        ("Kader Subsidies", "", "subsidieregeling"),
        ("Communicatiestrategie ondermijning", "", "communicatie"),
        ("Notitie", "Het M&O-beleid richt zich op misbruik en oneigenlijk gebruik van subsidies. " * 3, "mo_beleid"),
        ("Jaarverslag", "Het weer was goed.", "overig"),
    ],
)
def test_documents_kind_guess(title, text, kind):
    assert guess_kind(title, text) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vastgesteld op 12 maart 2021 door GS.", date(2021, 3, 12)),
        ("Dit beleid is vastgesteld door de raad d.d. 01-07-2019.", date(2019, 7, 1)),
        ("Vastgesteld in november 2020.", date(2020, 11, 1)),
        ("Dit beleid is in 2020 herzien.", None),
    ],
)
def test_documents_adoption_date(text, expected):
    assert adoption_date(text) == expected


def test_documents_version():
    assert find_version("Versie 3,2 (concept)") == "3.2"
    assert find_version("Geen versie genoemd hier.") == ""
