"""Low-level Word helpers for the report export (python-docx): the styles the report
uses, fields (TOC, PAGE, SEQ), page breaks and the template file.

The styles are looked up by their built-in names (``Title``, ``Subtitle``, ``Heading 1``
… ``Heading 3``, ``Quote``, ``Caption``, ``List Bullet``, ``Table Grid``), so a RIEC can
replace ``data/report_template.docx`` with its house style; a style the replacement lacks
is added with a plain definition instead of failing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_PARAGRAPH_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

DATA = Path(__file__).resolve().parent.parent / "data"
TEMPLATE_DOCX = DATA / "report_template.docx"
PARAGRAPH_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Quote", "Caption", "List Bullet")
TABLE_STYLE = "Table Grid"
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)


def ensure_styles(document: DocumentObject) -> None:
    """Add any of the report's styles the template lacks (plain definitions)."""
    styles = document.styles
    names = {style.name for style in styles}
    for name in PARAGRAPH_STYLES:
        if name in names:
            continue
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        if name.startswith("Heading"):
            style.font.bold = True
            style.font.size = Pt({"1": 16, "2": 13, "3": 11}[name[-1]])
        elif name == "Quote":
            style.font.italic = True
            style.paragraph_format.left_indent = Cm(1)
        elif name == "Caption":
            style.font.size = Pt(9)
            style.font.bold = True
        elif name == "Title":
            style.font.size = Pt(28)
    if TABLE_STYLE not in names:
        styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)


def define_house_style(document: DocumentObject) -> None:
    """The shipped house style: fonts, colours and spacing of every style the report uses."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 18), (2, 14), (3, 12)):
        heading = styles[f"Heading {level}"]
        heading.font.name = "Calibri"
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.color.rgb = ACCENT
        heading.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.font.name = "Calibri"
    title.font.size = Pt(32)
    title.font.color.rgb = ACCENT
    styles["Subtitle"].font.size = Pt(16)
    quote = styles["Quote"]
    quote.font.italic = True
    quote.font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    quote.paragraph_format.left_indent = Cm(1)
    quote.paragraph_format.right_indent = Cm(1)
    quote.paragraph_format.space_before = Pt(6)
    quote.paragraph_format.space_after = Pt(9)
    caption = styles["Caption"]
    caption.font.size = Pt(9)
    caption.font.bold = True
    caption.font.color.rgb = ACCENT


def _run_with(paragraph: Paragraph, *children: Any) -> None:
    run = paragraph.add_run()
    for child in children:
        run._r.append(child)


def _fld_char(kind: str) -> Any:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _instr(text: str) -> Any:
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    return element


def add_field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """A complex field (``begin``/instruction/``separate``/cached result/``end``) in the paragraph."""
    _run_with(paragraph, _fld_char("begin"))
    _run_with(paragraph, _instr(f" {instruction} "))
    _run_with(paragraph, _fld_char("separate"))
    paragraph.add_run(cached)
    _run_with(paragraph, _fld_char("end"))


def add_toc(document: DocumentObject, placeholder: str, levels: str = "1-3") -> None:
    """A table-of-contents field over Heading 1–3; Word fills it when fields are updated."""
    paragraph = document.add_paragraph()
    add_field(paragraph, f'TOC \\o "{levels}" \\h \\z \\u', placeholder)
    update_fields_on_open(document)


def update_fields_on_open(document: DocumentObject) -> None:
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        element = OxmlElement("w:updateFields")
        element.set(qn("w:val"), "true")
        settings.append(element)


def add_caption(document: DocumentObject, label: str, number: int, text: str) -> Paragraph:
    """``Figuur 3 – text`` with the number as a ``SEQ`` field (Word renumbers on update)."""
    paragraph = document.add_paragraph(style="Caption")
    paragraph.add_run(f"{label} ")
    add_field(paragraph, f"SEQ {label} \\* ARABIC", str(number))
    paragraph.add_run(f" – {text}")
    return paragraph


def page_break(document: DocumentObject) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def footer_page_numbers(document: DocumentObject, label: str, *, only_if_empty: bool = True) -> None:
    """``Pagina N`` centred in the footer of every section (kept when the template has its own footer)."""
    for section in document.sections:
        footer = section.footer
        if only_if_empty and any(p.text.strip() for p in footer.paragraphs) or _has_field(footer):
            continue
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
        paragraph.add_run(label)
        add_field(paragraph, "PAGE", "1")


def _has_field(part: Any) -> bool:
    return bool(part._element.findall(".//" + qn("w:fldChar"))) or bool(part._element.findall(".//" + qn("w:fldSimple")))


def clear_body(document: DocumentObject) -> None:
    """Remove the template's own body content (its styles, headers and footers stay)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
