"""Reading policy documents: text layer, pages, headings, and every kind of bad input refused in Dutch."""

from __future__ import annotations

import pytest

from coding.documents import DocumentError, DocumentLimits, read_document
from tests.coding._documents_files import (
    encrypted_pdf,
    many_pages_pdf,
    policy_docx,
    policy_pdf,
    scanned_pdf,
    zip_bomb_docx,
)


def _headings(document):
    return [(block.text, block.level) for block in document.blocks if block.kind == "heading"]


def test_documents_pdf_text_layer_with_pages_and_headings():
    document = read_document(policy_pdf(), "integriteitsbeleid.pdf")
    assert document.pages == 2
    assert _headings(document) == [("1 Inleiding", 1), ("2 Melden", 1), ("2.1 Meldregeling", 2)]
    paragraphs = document.paragraphs
    assert len(paragraphs) == 3
    assert paragraphs[0].text.startswith("Dit integriteitsbeleid is vastgesteld")
    assert paragraphs[0].page == 1 and paragraphs[0].headings == ("1 Inleiding",)
    assert paragraphs[2].page == 2 and paragraphs[2].headings == ("2 Melden", "2.1 Meldregeling")
    assert "\n" not in paragraphs[1].text and "vertrouwenspersoon integriteit" in paragraphs[1].text
    assert document.warnings == []


def test_documents_pdf_without_text_layer_needs_ocr():
    with pytest.raises(DocumentError) as caught:
        read_document(scanned_pdf(), "scan.pdf")
    assert caught.value.code == "no_text_layer"
    assert "geen tekstlaag; OCR nodig" in caught.value.message()
    assert "scan.pdf" in caught.value.message()


def test_documents_pdf_partly_scanned_warns_with_page_numbers():
    document = read_document(policy_pdf(image_page=True), "deels.pdf")
    assert document.pages == 3
    assert document.empty_pages == [3]
    assert any("OCR nodig" in warning and "3" in warning for warning in document.warnings)
    assert all(block.page in (1, 2) for block in document.blocks)


def test_documents_pdf_with_password_is_refused():
    with pytest.raises(DocumentError) as caught:
        read_document(encrypted_pdf("geheim"), "beveiligd.pdf")
    assert caught.value.code == "encrypted"
    assert "wachtwoord" in caught.value.message()


def test_documents_pdf_encrypted_with_empty_password_is_read_with_warning():
    document = read_document(encrypted_pdf(""), "alleen-beperkt.pdf")
    assert len(document.paragraphs) == 3
    assert any("zonder wachtwoord" in warning for warning in document.warnings)


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_documents_pdf_truncated_is_refused(cut):
    data = policy_pdf()
    with pytest.raises(DocumentError) as caught:
        read_document(data[: int(len(data) * cut)], "afgebroken.pdf")
    assert caught.value.code == "corrupt_pdf"


def test_documents_pdf_garbage_with_pdf_suffix_is_refused():
    with pytest.raises(DocumentError) as caught:
        read_document(b"Dit is geen PDF maar tekst.\n" * 10, "nep.pdf")
    assert caught.value.code == "corrupt_pdf"


def test_documents_pdf_page_limit():
    with pytest.raises(DocumentError) as caught:
        read_document(many_pages_pdf(6), "lang.pdf", limits=DocumentLimits(max_pages=5))
    assert caught.value.code == "too_many_pages"
    assert "6" in caught.value.message() and "5" in caught.value.message()


def test_documents_pdf_stream_limit_holds():
    with pytest.raises(DocumentError) as caught:
        read_document(policy_pdf(), "groot.pdf", limits=DocumentLimits(max_stream_bytes=200))
    assert caught.value.code == "stream_too_large"


def test_documents_text_limit_holds():
    with pytest.raises(DocumentError) as caught:
        read_document(policy_pdf(), "veel.pdf", limits=DocumentLimits(max_text_chars=100))
    assert caught.value.code == "text_too_long"


def test_documents_file_size_limit_from_environment(monkeypatch):
    monkeypatch.setenv("WEERBAAR_MAX_UPLOAD_MB", "0.001")
    with pytest.raises(DocumentError) as caught:
        read_document(policy_pdf(), "beleid.pdf")
    assert caught.value.code == "too_large"


@pytest.mark.parametrize("data", [b"", b"   \n"])
def test_documents_empty_file_is_refused(data):
    with pytest.raises(DocumentError) as caught:
        read_document(data, "leeg.txt")
    assert caught.value.code == "empty"


def test_documents_docx_heading_styles_and_table():
    document = read_document(policy_docx(), "bibob.docx")
    assert _headings(document) == [
        ("Bibob-beleidslijn gemeente Testdorp", 1),
        ("1 Doel", 1),
        ("2 Werkwijze", 1),
        ("2.1 Indicatief onderzoek", 2),
    ]
    paragraphs = document.paragraphs
    assert paragraphs[1].headings == ("2 Werkwijze", "2.1 Indicatief onderzoek")
    assert paragraphs[-1].text.startswith("Horeca | Altijd een Bibob-toets")
    assert document.pages is None and all(block.page is None for block in document.blocks)
    assert any("paginanummer" in warning for warning in document.warnings)
    assert document.metadata.owner == "Gemeente Testdorp"


def test_documents_docx_rendered_page_markers_give_pages():
    document = read_document(policy_docx(rendered_pages=True), "bibob.docx")
    pages = {block.text[:20]: block.page for block in document.paragraphs}
    assert pages["Deze beleidslijn is "] == 1
    assert pages["Bij aanvragen in de "] == 2
    assert document.pages == 2
    assert document.warnings == []


def test_documents_docx_zip_bomb_is_refused():
    data = zip_bomb_docx(8)
    assert len(data) < 100_000
    with pytest.raises(DocumentError) as caught:
        read_document(data, "bom.docx")
    assert caught.value.code == "zip_bomb"


def test_documents_docx_total_unzipped_limit():
    with pytest.raises(DocumentError) as caught:
        read_document(policy_docx(), "bibob.docx", limits=DocumentLimits(max_unzipped_bytes=1000))
    assert caught.value.code == "zip_bomb"


@pytest.mark.parametrize("data", [b"PK\x03\x04 kapot", policy_docx()[:2000]])
def test_documents_docx_corrupt_is_refused(data):
    with pytest.raises(DocumentError) as caught:
        read_document(data, "kapot.docx")
    assert caught.value.code == "corrupt_docx"


def test_documents_markdown_and_numbered_headings_in_text():
    text = (
        "# Agressieprotocol\n\nVastgesteld op 4 april 2019.\n\n"
        "1.1 Doel\nDit protocol beschrijft hoe medewerkers handelen bij agressie aan de balie.\n\n"
        "MELDEN\n\nElk incident wordt binnen een dag gemeld bij de leidinggevende.\n"
        "- Verbaal geweld wordt ook gemeld.\n"
    )
    document = read_document(text.encode("utf-8"), "agressie.md")
    assert _headings(document) == [("Agressieprotocol", 1), ("1.1 Doel", 2), ("MELDEN", 1)]
    texts = [block.text for block in document.paragraphs]
    assert texts[1] == "Dit protocol beschrijft hoe medewerkers handelen bij agressie aan de balie."
    assert texts[-1] == "- Verbaal geweld wordt ook gemeld."
    assert document.paragraphs[1].headings == ("Agressieprotocol", "1.1 Doel")


def test_documents_text_encodings_and_line_endings():
    text = "Gedragscode\r\n\r\nMedewerkers nemen geen geschenken aan boven de vijftig euro.\r\n"
    for data in (text.encode("cp1252"), text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        document = read_document(data, "gedragscode.txt")
        assert document.paragraphs[0].text == "Medewerkers nemen geen geschenken aan boven de vijftig euro."


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"<!DOCTYPE html><html><body>Beleid</body></html>", "beleid.txt", "html"),
        (b"\x00\x01\x02binair", "beleid.txt", "binary"),
        (b"gewone tekst", "beleid.xlsx", "unsupported"),
        (b"\xd0\xcf\x11\xe0 oud", "beleid.doc", "legacy_doc"),
    ],
)
def test_documents_bad_input_is_refused_in_dutch(data, name, code):
    with pytest.raises(DocumentError) as caught:
        read_document(data, name)
    assert caught.value.code == code
    assert name in caught.value.message()


def test_documents_markdown_from_a_law_portal_export():
    """Exports of regulations seen in the wild: a stray meta tag, '##Titel' without a space, numbered articles."""
    text = (
        "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n"
        "##Regeling integriteit Testdorp 2019\n\n"
        "### §  1  \n\n####Algemene bepalingen\n\n### Artikel  1  \n\n"
        "In deze regeling wordt verstaan onder medewerker: ieder die werkzaam is voor de gemeente.\n\n"
        "#1 prioriteit is een veilige werkplek voor iedere medewerker van de gemeente.\n"
    )
    document = read_document(text.encode("utf-8"), "regeling.md")
    assert [block.text for block in document.blocks if block.kind == "heading"][:2] == [
        "Regeling integriteit Testdorp 2019",
        "§  1",
    ]
    assert all("meta" not in block.text for block in document.blocks)
    assert document.paragraphs[0].headings[-1] == "Artikel  1"
    assert document.metadata.title == "Regeling integriteit Testdorp 2019"
    assert document.paragraphs[-1].text.startswith("#1 prioriteit"), "a hashtag is not a heading"


def test_documents_pdf_running_headers_and_page_numbers_are_dropped():
    from tests.coding._documents_files import running_header_pdf

    document = read_document(running_header_pdf(), "vth.pdf")
    assert document.pages and document.pages >= 4
    texts = " ".join(block.text for block in document.blocks)
    assert "Beleidsregel VTH provincie Testland 2016" not in texts
    assert "Pagina" not in texts
    assert all(block.text.startswith("Het toezicht") for block in document.paragraphs)
    assert {block.page for block in document.paragraphs} >= {1, 2, 3, 4}


def test_documents_pdf_headings_without_font_differences():
    from tests.coding._documents_files import plain_font_pdf

    document = read_document(plain_font_pdf(), "geschenken.pdf")
    assert _headings(document) == [("1 Inleiding", 1), ("ALGEMENE BEPALINGEN", 1), ("Uitnodigingen", 2)]
    assert [len(block.headings) for block in document.paragraphs] == [1, 1, 2]
    assert document.paragraphs[2].headings == ("ALGEMENE BEPALINGEN", "Uitnodigingen")


def test_documents_docx_outline_level_without_heading_style():
    import io

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    heading = document.add_paragraph("Gedragsregels voor bestuurders")
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "1")
    heading._p.get_or_add_pPr().append(outline)
    document.add_paragraph("Bestuurders melden hun nevenfuncties en financiële belangen bij de griffie.")
    out = io.BytesIO()
    document.save(out)
    parsed = read_document(out.getvalue(), "gedragscode.docx")
    assert _headings(parsed) == [("Gedragsregels voor bestuurders", 2)]
    assert parsed.paragraphs[0].headings == ("Gedragsregels voor bestuurders",)
