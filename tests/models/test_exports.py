"""Word, Excel and CSV exports: content, order, attribution, PII refusal, permissions and logging."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zlib

import pandas as pd
import pytest
from docx import Document

from models import exports, quotes
from models import schema as s
from models.auth import LOCAL, Actor, PermissionDenied
from models.errors import InputError
from models.events import list_events
from tests.factories import ANALYST


def make_png(width: int = 4, height: int = 4) -> bytes:
    """A small valid grey PNG, built by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


PNG = make_png()


def fill_basket(db, scan) -> list[int]:
    ids = [
        quotes.add_quote(db, ANALYST, scan["fragments"]["anoniem"][0], "INF", "INF.meldpunt"),
        quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][0], "BEL", "BEL.vth_omgevingsdienst"),
        quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][0], "BEW", "BEW.kwetsbare_processen"),
        quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][1], "BEW", "BEW.bewustwording"),
    ]
    quotes.edit_quote(db, ANALYST, ids[3], "(Een collega) van het RIEC weet dat ook.")
    return ids


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name if p.style else "", p.text) for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def test_exports_docx_quotes_in_pillar_theme_order_with_attribution(db, scan, tmp_path):
    fill_basket(db, scan)
    data = exports.export_docx(db, ANALYST, scan["scan_id"], charts=[("Figuur 1. Scores per pijler", PNG)])
    body = paragraphs(data)
    headings = [(style, text) for style, text in body if style.startswith("Heading")]
    assert headings == [
        ("Heading 1", "1. Bewustwording en organisatie"),
        ("Heading 2", "Bewustwording en kennis van ondermijning"),
        ("Heading 2", "Kwetsbare werkprocessen en functies"),
        ("Heading 1", "2. Informatiepositie en -huishouding"),
        ("Heading 2", "Intern meldpunt voor signalen"),
        ("Heading 1", "3. Beleid en handhaving"),
        ("Heading 2", "Vergunningverlening, toezicht en handhaving en de omgevingsdienst"),
        ("Heading 1", "Grafieken"),
    ]
    texts = [text for _, text in body]
    assert "‘Er moet niet lichtzinnig worden gedacht over milieuvergunningen.’ (respondent uit de interviews)." in texts
    assert "‘(Een collega) van het RIEC weet dat ook.’ (respondent uit de interviews)." in texts
    assert texts.index("Intern meldpunt voor signalen") < texts.index(
        "‘We hebben een meldpunt, maar niemand weet het te vinden.’ (respondent uit de interviews)."
    )
    assert "Figuur 1. Scores per pijler" in texts
    assert len(Document(io.BytesIO(data)).inline_shapes) == 1


@pytest.mark.slow  # starts LibreOffice
@pytest.mark.skipif(not shutil.which("libreoffice"), reason="needs LibreOffice Writer (apt-get install libreoffice-writer-nogui)")
def test_exports_docx_opens_in_libreoffice(db, scan, tmp_path):
    fill_basket(db, scan)
    data = exports.export_docx(db, ANALYST, scan["scan_id"], charts=[("Figuur 1. Scores per pijler", PNG)])
    path = tmp_path / "citaten.docx"
    path.write_bytes(data)
    subprocess.run(
        ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    assert (tmp_path / "citaten.pdf").stat().st_size > 0


def test_exports_docx_role_style(db, scan):
    fill_basket(db, scan)
    quotes.set_citation_style(db, ANALYST, scan["scan_id"], "role")
    texts = [text for _, text in paragraphs(exports.export_docx(db, ANALYST, scan["scan_id"]))]
    assert "‘Er moet niet lichtzinnig worden gedacht over milieuvergunningen.’ (een afdelingshoofd)." in texts
    # the anonymous respondent keeps the respondent style
    assert "‘We hebben een meldpunt, maar niemand weet het te vinden.’ (respondent uit de interviews)." in texts
    assert not any("Anna" in text or "Piet" in text for text in texts)


def test_exports_docx_refused_with_unresolved_pii(db, scan):
    quote_id = quotes.add_quote(db, ANALYST, scan["fragments"]["ja"][1], "BEW", None)
    with pytest.raises(InputError, match=f"Citaat {quote_id} \\(BEW\\): persoonsnaam ‘Jansen’"):
        exports.export_docx(db, ANALYST, scan["scan_id"])
    finding = quotes.check_quote(db, ANALYST, quote_id)[0]
    quotes.waive_finding(db, ANALYST, quote_id, finding.key, "Fictieve naam in een voorbeeld")
    texts = [text for _, text in paragraphs(exports.export_docx(db, ANALYST, scan["scan_id"]))]
    assert any("Mevrouw Jansen" in text for text in texts)


def test_exports_docx_empty_basket(db, scan):
    texts = [text for _, text in paragraphs(exports.export_docx(db, ANALYST, scan["scan_id"]))]
    assert "Er staan nog geen citaten in de citatenmand." in texts


def add_memo(db, scan, text: str) -> None:
    with db.session() as session:
        session.add(
            s.Memo(
                scan_id=scan["scan_id"],
                target_type="fragment",
                target_id=scan["fragments"]["ja"][0],
                author="analist",
                text=text,
            )
        )


def test_exports_xlsx_has_all_codings_pseudonymised(db, scan):
    add_memo(db, scan, "Mooi citaat voor BEL")
    data = exports.export_xlsx(db, ANALYST, scan["scan_id"])
    frame = pd.read_excel(io.BytesIO(data), engine="openpyxl")
    assert list(frame.columns[:9]) == [
        "Interview",
        "Datum",
        "Respondent",
        "Functie",
        "Afdeling",
        "Pijler",
        "Thema",
        "Themanaam",
        "Fragment",
    ]
    assert len(frame) == 5
    assert set(frame["Respondent"]) == {"R01", "R02", "R03"}
    assert set(frame["Status"]) == {"geaccepteerd", "voorgesteld"}
    assert "Naam" not in frame.columns
    memo_row = frame[frame["Fragment-id"] == scan["fragments"]["ja"][0]].iloc[0]
    assert memo_row["Memo"] == "Mooi citaat voor BEL"
    assert memo_row["Pijler"] == "BEL Beleid en handhaving"
    suggested = frame[frame["Status"] == "voorgesteld"].iloc[0]
    assert suggested["Zekerheid"] == pytest.approx(0.8)
    assert suggested["Bron"] == "automatisch"


def test_exports_csv_semicolon_bom(db, scan):
    data = exports.export_csv(db, ANALYST, scan["scan_id"])
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig")
    assert len(frame) == 5
    assert "milieuvergunningen" in " ".join(frame["Fragment"])


def test_exports_real_names_need_admin_and_are_logged(db, scan):
    with pytest.raises(PermissionDenied):
        exports.export_csv(db, ANALYST, scan["scan_id"], real_names=True)
    admin = Actor(username="beheer", role="admin")
    frame = pd.read_csv(
        io.BytesIO(exports.export_csv(db, admin, scan["scan_id"], real_names=True)), sep=";", encoding="utf-8-sig"
    )
    assert "Anna Visser" in set(frame["Naam"])
    events = list_events(db, LOCAL, entity="scan", entity_id=scan["scan_id"])
    assert events[0].action == "export.real_names"
    assert events[0].user == "beheer"


def test_exports_every_export_is_logged(db, scan):
    for fmt in ("docx", "xlsx", "csv"):
        exports.export(db, ANALYST, scan["scan_id"], fmt)
    events = [e for e in list_events(db, LOCAL, entity="scan", entity_id=scan["scan_id"]) if e.action == "export"]
    assert sorted((e.after or {})["format"] for e in events) == ["csv", "docx", "xlsx"]


def test_exports_interviewer_may_not_export(db, scan):
    with pytest.raises(PermissionDenied):
        exports.export_xlsx(db, Actor(username="i", role="interviewer"), scan["scan_id"])


def test_exports_unknown_format(db, scan):
    with pytest.raises(InputError, match="Onbekend exportformaat"):
        exports.export(db, ANALYST, scan["scan_id"], "pdf")


def test_exports_filename():
    assert exports.filename("Provincie Groningen 2024", "docx") == "citaten-provincie-groningen-2024.docx"


@pytest.mark.slow
def test_exports_docx_with_report_charts(db, scan):
    from coding.charts import png_export_available

    if not png_export_available():
        pytest.skip("no Chromium to render PNG charts (CI installs it)")
    fill_basket(db, scan)
    images = exports.chart_images(db, LOCAL, scan["scan_id"])
    assert len(images) == 3 and all(png.startswith(b"\x89PNG") for _, png in images)
    document = Document(io.BytesIO(exports.export_docx(db, LOCAL, scan["scan_id"], charts=images)))
    assert len(document.inline_shapes) == 3
