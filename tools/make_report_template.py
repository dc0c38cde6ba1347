"""Write ``data/report_template.docx``: the shipped Word template of the report.

It defines every style the export uses (Title, Subtitle, Heading 1–3, Quote, Caption,
List Bullet, Table Grid) in a plain house style, A4 margins and a footer with the page
number. A RIEC can replace the file with its own house-style template that defines the
same style names. Run: ``python tools/make_report_template.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document
from docx.shared import Cm

from models.report_docx import TEMPLATE_DOCX, clear_body, define_house_style, footer_page_numbers
from texts import t


def main() -> int:
    document = Document()
    define_house_style(document)
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
    footer_page_numbers(document, t("report.export.page"))
    clear_body(document)
    document.core_properties.title = "Weerbaarheidsscan"
    document.core_properties.author = "Weerbaar"
    document.save(TEMPLATE_DOCX)
    print(TEMPLATE_DOCX)
    return 0


if __name__ == "__main__":
    sys.exit(main())
