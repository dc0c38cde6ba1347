"""Fragments of a document keep their page and heading path, and cite their source."""

from __future__ import annotations

from datetime import date

from coding.documents import attribution, location, read_document, segment_document
from tests.coding._documents_files import policy_pdf


def test_documents_fragments_keep_page_heading_and_offsets():
    document = read_document(policy_pdf(), "beleid.pdf")
    fragments = segment_document(document)
    paragraphs = document.paragraphs
    assert fragments, "a policy with three paragraphs gives fragments"
    for fragment in fragments:
        assert paragraphs[fragment.paragraph].text[fragment.start : fragment.end] == fragment.text
        assert fragment.page == paragraphs[fragment.paragraph].page
    last = fragments[-1]
    assert last.page == 2 and last.heading == "2.1 Meldregeling"
    assert {fragment.text for fragment in fragments}.isdisjoint({"1 Inleiding", "2 Melden", "2.1 Meldregeling"}), (
        "headings are context, not fragments"
    )


def test_documents_location_and_attribution():
    assert (
        location("Integriteitsbeleid 2021", 4, "2.1 Meldregeling") == "Integriteitsbeleid 2021, p. 4 — 2.1 Meldregeling"
    )
    assert location("Gedragscode", None) == "Gedragscode"
    # a Word file whose first heading is its title: the review card says it once
    assert location("Woonvisie 2026", None, "Woonvisie  2026") == "Woonvisie 2026"
    assert location("Woonvisie 2026", 2, "3 Bouwen") == "Woonvisie 2026, p. 2 — 3 Bouwen"
    assert attribution("Integriteitsbeleid provincie", date(2021, 3, 12)) == "(Integriteitsbeleid provincie, 2021)"
    assert attribution("Integriteitsbeleid provincie", 2021, 4) == "(Integriteitsbeleid provincie, 2021, p. 4)"
    assert attribution("Integriteitsbeleid 2021", 2021) == "(Integriteitsbeleid 2021)"
    assert attribution("Gedragscode", None, 3) == "(Gedragscode, p. 3)"
