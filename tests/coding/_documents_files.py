"""Policy documents the document tests build themselves: PDFs (reportlab, pypdf) and Word files."""

from __future__ import annotations

import io
import zipfile

BODY_1 = (
    "Dit integriteitsbeleid is vastgesteld door Gedeputeerde Staten op 12 maart 2021 (versie 2.1). "
    "Het beschrijft hoe de provincie integriteit borgt in het dagelijks werk van medewerkers en bestuurders. "
    "Integriteit is een verantwoordelijkheid van iedereen in de organisatie, niet alleen van de leiding."
)
BODY_2 = (
    "Medewerkers die een vermoeden van een misstand hebben, melden dat bij hun leidinggevende of bij een "
    "vertrouwenspersoon integriteit. De vertrouwenspersoon adviseert de melder over de vervolgstappen en "
    "houdt de melding vertrouwelijk."
)
BODY_3 = (
    "Bij een melding van een vermoeden van een integriteitsschending start de secretaris een vooronderzoek. "
    "De uitkomst wordt binnen acht weken aan de melder teruggekoppeld, ook als die alleen op hoofdlijnen kan."
)


def policy_pdf(
    *,
    title: str = "Integriteitsbeleid provincie Testland 2021",
    author: str = "Provincie Testland",
    image_page: bool = False,
) -> bytes:
    """A PDF with a text layer: numbered bold headings in a larger font and body text on two pages.

    With ``image_page`` a third page holds only a raster image (a scanned page, no text).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title, author=author)
    story = [
        Paragraph("1 Inleiding", styles["Heading1"]),
        Paragraph(BODY_1, styles["BodyText"]),
        Paragraph("2 Melden", styles["Heading1"]),
        Paragraph(BODY_2, styles["BodyText"]),
        PageBreak(),
        Paragraph("2.1 Meldregeling", styles["Heading2"]),
        Paragraph(BODY_3, styles["BodyText"]),
    ]
    if image_page:
        story += [PageBreak(), Image(io.BytesIO(raster_png()), width=400, height=500)]
    document.build(story)
    return buffer.getvalue()


def raster_png() -> bytes:
    """A grey raster image with dark bars, like a scanned page; no text anywhere."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    image = PILImage.new("L", (400, 500), 235)
    draw = ImageDraw.Draw(image)
    for row in range(40, 480, 24):
        draw.rectangle((30, row, 370 - (row % 70), row + 9), fill=40)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages are only raster images: no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(pages):
        pdf.drawImage(ImageReader(io.BytesIO(raster_png())), 50, 100, width=480, height=600)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def encrypted_pdf(user_password: str = "geheim") -> bytes:
    """``policy_pdf`` encrypted (RC4-128, needs no extra package); an empty password only restricts."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(policy_pdf())))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def many_pages_pdf(pages: int) -> bytes:
    """A PDF with ``pages`` short pages of text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number in range(pages):
        pdf.drawString(72, 700, f"Dit is pagina {number + 1} van het beleidsplan over toezicht en handhaving.")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def policy_docx(*, rendered_pages: bool = False) -> bytes:
    """A Word document with a title, Heading 1/2 styles, body paragraphs and a table.

    With ``rendered_pages`` the second chapter starts on a new page as Word marks it
    (``w:lastRenderedPageBreak``), so page numbers are known.
    """
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.core_properties.title = "Bibob-beleidslijn gemeente Testdorp"
    document.core_properties.author = "Gemeente Testdorp"
    document.add_heading("Bibob-beleidslijn gemeente Testdorp", level=0)
    document.add_heading("1 Doel", level=1)
    document.add_paragraph(
        "Deze beleidslijn is vastgesteld door het college op 3 februari 2016. Zij beschrijft wanneer de gemeente "
        "een Bibob-onderzoek start bij een aanvraag voor een vergunning of subsidie."
    )
    document.add_heading("2 Werkwijze", level=1)
    document.add_heading("2.1 Indicatief onderzoek", level=2)
    paragraph = document.add_paragraph(
        "Bij aanvragen in de horeca en de vastgoedsector start de gemeente altijd een onderzoek. "
        "In overige situaties start het onderzoek wanneer daar een concrete aanleiding voor is."
    )
    if rendered_pages:
        first_run = paragraph.runs[0]._r
        first_run.insert(0, OxmlElement("w:lastRenderedPageBreak"))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Sector"
    table.cell(0, 1).text = "Onderzoek"
    table.cell(1, 0).text = "Horeca"
    table.cell(1, 1).text = "Altijd een Bibob-toets bij een nieuwe exploitatievergunning."
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(megabytes: int = 8) -> bytes:
    """A .docx whose document.xml unpacks from a few kilobytes to ``megabytes`` MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return out.getvalue()


def running_header_pdf(pages: int = 4) -> bytes:
    """A PDF of ``pages`` pages, each with a running header and a page number, and one long body paragraph."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    def decorate(canvas, document) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, 810, "Beleidsregel VTH provincie Testland 2016")
        canvas.drawString(500, 30, f"Pagina {document.page} van {pages}")

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4)
    sentence = "Het toezicht op afvalbedrijven krijgt voorrang omdat de financiële risico's daar het grootst zijn. "
    story = [Paragraph(sentence * 14, styles["BodyText"]) for _ in range(12 * pages)]
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def plain_font_pdf() -> bytes:
    """A PDF in one font and size throughout: headings only recognisable by numbering, capitals or shortness."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    lines = [
        "1 Inleiding",
        "Deze regeling beschrijft hoe medewerkers van de gemeente omgaan met geschenken en uitnodigingen van",
        "leveranciers, aanvragers van vergunningen en andere relaties van de gemeente.",
        "ALGEMENE BEPALINGEN",
        "Een geschenk met een waarde boven vijftig euro wordt altijd gemeld bij de leidinggevende, die beslist of",
        "het geschenk wordt teruggegeven of een bestemming krijgt binnen de organisatie.",
        "Uitnodigingen",
        "Een uitnodiging voor een diner of evenement van een relatie wordt alleen aangenomen na overleg met de",
        "leidinggevende en wordt vastgelegd in het register van de afdeling Personeel en Organisatie.",
    ]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica", 10)
    y = 780
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 14
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
