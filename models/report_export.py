"""The report as a Word document people can hand in, and as PDF through LibreOffice.

:func:`export_report` builds the document on ``data/report_template.docx`` (replaceable
by a RIEC's house style): a title page with organisation and date, a table-of-contents
field, chapters as ``Heading 1``, sections ``Heading 2``, themes ``Heading 3``, quotes in
the ``Quote`` style as ‘…’ (respondent uit de interviews) (or by role, per the scan's
citation style), figures with numbered captions ``Figuur 3 – … (n=146)`` (``SEQ``
fields), recommendations numbered across the report, page numbers in the footer.

Before anything is written, :func:`models.report_check.require_exportable` refuses the
export while any quote is blocked (rejected fragment, no consent, unwaived PII) and names
them. Figures and sentences use the *current* survey numbers.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Cm

from coding.chart_batch import ChartJob, render_pngs
from coding.charts import ChartExportError, png_export_available
from models import quotes as quote_service
from models.auth import Actor
from models.db import Database
from models.events import record_event
from models.report_check import require_exportable
from models.report_docx import (
    TABLE_STYLE,
    TEMPLATE_DOCX,
    add_caption,
    add_toc,
    clear_body,
    ensure_styles,
    footer_page_numbers,
    page_break,
)
from models.report_figures import SurveyCache, survey_figure, survey_numbers
from models.report_generated import appendix, scan_facts
from models.report_outline import Chapter, ReportError, Section
from models.reports import (
    ItemView,
    RecommendationView,
    all_sections,
    ensure_report,
    list_items,
    list_recommendations,
    parse_token,
    report_outline,
)
from texts import t

Progress = Callable[[float, str], None]
CHART_WIDTH_CM = 16.0
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")  # fmt: skip
BULLETS = ("• ", "- ", "* ")


@dataclass
class ExportedQuote:
    item_id: int
    fragment_id: int | None
    quote_id: int | None
    citation: str
    attribution: str


@dataclass
class ExportedFigure:
    item_id: int
    kind: str  # figure | sentence
    number: int | None
    text: str
    numbers: dict[str, Any]


@dataclass
class ExportResult:
    """The document and what is in it (the command line prints :meth:`stats`)."""

    data: bytes
    chapters: int
    sections: int
    words: int
    quotes: list[ExportedQuote] = field(default_factory=list)
    figures: list[ExportedFigure] = field(default_factory=list)
    recommendations: int = 0
    format: str = "docx"

    def stats(self) -> dict[str, int]:
        return {
            "chapters": self.chapters,
            "sections": self.sections,
            "quotes": len(self.quotes),
            "figures": sum(1 for f in self.figures if f.kind == "figure"),
            "recommendations": self.recommendations,
            "words": self.words,
        }


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def report_filename(scan_name: str, fmt: str) -> str:
    """A safe download name such as ``rapport-provincie-groningen.docx``."""
    slug = "-".join(part for part in "".join(ch if ch.isalnum() else "-" for ch in scan_name.lower()).split("-") if part)
    return f"rapport-{slug or 'scan'}.{fmt}"


def libreoffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class _Writer:
    """Writes the chapters into the document; keeps counts for the result."""

    def __init__(self, db: Database, actor: Actor, report_id: int, scan_id: int, document: DocumentObject,
                 progress: Progress) -> None:  # fmt: skip
        self.db, self.actor, self.report_id, self.scan_id = db, actor, report_id, scan_id
        self.document = document
        self.progress = progress
        self.items: dict[int, ItemView] = list_items(db, actor, report_id)
        self.texts = all_sections(db, actor, report_id)
        self.recommendations: list[RecommendationView] = list_recommendations(db, actor, report_id)
        self.facts = scan_facts(db, actor, scan_id)
        self.quotes: list[ExportedQuote] = []
        self.figures: list[ExportedFigure] = []
        self.figure_number = 0
        self.total_figures = 0
        self.charts_ok = png_export_available()
        self.cache: SurveyCache = {}
        self.pngs: dict[int, bytes] = {}
        self.steps_total = 1
        self.steps_done = 0

    def render_charts(self, figure_ids: list[int]) -> None:
        """All charts of the report in one browser session (see :mod:`coding.chart_batch`)."""
        if not self.charts_ok or not figure_ids:
            return
        jobs = []
        for item_id in figure_ids:
            item = self.items[item_id]
            assert item.survey_id is not None
            fig = survey_figure(self.db, self.actor, item.survey_id, item.question_codes, title="", cache=self.cache)
            jobs.append(ChartJob(item_id, fig, width=1000, height=max(320, 120 + 60 * len(item.question_codes))))
        try:
            self.pngs = render_pngs(jobs, progress=lambda done, total: self.step(
                t("report.progress.figures", done=done, total=total)))  # fmt: skip
        except ChartExportError:
            self.charts_ok = False

    def step(self, message: str) -> None:
        """One chapter or chart done: progress moves on monotonically between 5 % and 85 %."""
        self.steps_done += 1
        self.progress(0.05 + 0.8 * min(self.steps_done / max(self.steps_total, 1), 1.0), message)

    # -- blocks
    def paragraph(self, text: str, style: str | None = None) -> None:
        self.document.add_paragraph(text, style=style)

    def blocks(self, blocks: list[tuple[str, Any]]) -> None:
        for kind, value in blocks:
            if kind == "p":
                self.paragraph(str(value))
            elif kind == "bullet":
                self.paragraph(str(value), "List Bullet")
            elif kind == "table":
                self.table(value)

    def table(self, rows: list[list[str]]) -> None:
        if not rows:
            return
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = self.document.styles[TABLE_STYLE]
        # row by row: ``table.cell(r, c)`` rebuilds the whole grid on every call (quadratic in the cells)
        for r, (table_row, row) in enumerate(zip(table.rows, rows, strict=True)):
            for cell, value in zip(table_row.cells, row, strict=False):
                cell.text = str(value or "")
                if r == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
        self.document.add_paragraph()

    def written(self, section: Section) -> None:
        text = self.texts.get(section.key)
        if text is None or not text.text.strip():
            self.paragraph(t("report.export.empty_section"))
            return
        for chunk in text.text.split("\n\n"):
            lines = [line for line in chunk.split("\n") if line.strip()]
            buffer: list[str] = []
            for line in lines:
                parsed = parse_token(line)
                bullet = line.lstrip().startswith(BULLETS)
                if parsed is not None or bullet:
                    if buffer:
                        self.paragraph(" ".join(buffer))
                        buffer = []
                    if parsed is not None:
                        self.item(parsed[1])
                    else:
                        self.paragraph(line.lstrip()[2:].strip(), "List Bullet")
                else:
                    buffer.append(line.strip())
            if buffer:
                self.paragraph(" ".join(buffer))

    # -- items
    def item(self, item_id: int) -> None:
        item = self.items.get(item_id)
        if item is None:  # the check before export refuses unknown items; keep the token visible
            self.paragraph(f"[[{item_id}]]")
            return
        if item.kind == "quote":
            assert item.quote_id is not None
            view = quote_service.get_quote(self.db, self.actor, item.quote_id)
            citation = quote_service.format_citation(view.display_text, view.attribution)
            self.paragraph(citation, "Quote")
            self.quotes.append(ExportedQuote(item.id, item.fragment_id, item.quote_id, citation, view.attribution))
        elif item.kind == "sentence":
            assert item.survey_id is not None
            numbers = survey_numbers(self.db, self.actor, item.survey_id, item.question_codes, self.cache)
            text = str(numbers.get("sentence", ""))
            self.paragraph(text)
            self.figures.append(ExportedFigure(item.id, "sentence", None, text, numbers))
        else:
            self.figure(item)

    def figure(self, item: ItemView) -> None:
        assert item.survey_id is not None
        numbers = survey_numbers(self.db, self.actor, item.survey_id, item.question_codes, self.cache)
        self.figure_number += 1
        caption = f"{item.caption or numbers.get('title', '')} (n={numbers.get('n', 0)})"
        png = self.pngs.get(item.id)
        if png is not None:
            self.document.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
        else:  # no browser for PNGs: the figure's numbers as a table
            rows = [["", *next(iter(numbers["questions"].values()))["labels"], "n"]]
            for code, q in numbers["questions"].items():
                rows.append([code, *[str(c) for c in q["counts"]], str(q["n"])])
            self.table(rows)
        add_caption(self.document, t("report.export.figure"), self.figure_number, caption)
        self.figures.append(ExportedFigure(item.id, "figure", self.figure_number, caption, numbers))

    # -- recommendations
    def recommendation(self, rec: RecommendationView) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.add_run(t("report.export.recommendation", number=rec.number) + " " + rec.title).bold = True
        for chunk in rec.text.split("\n\n"):
            chunk = " ".join(chunk.split())
            if chunk:
                bullet = chunk.startswith(BULLETS)
                self.paragraph(chunk[2:].strip() if bullet else chunk, "List Bullet" if bullet else None)

    def section(self, chapter: Chapter, section: Section) -> None:
        if section.title:
            self.document.add_heading(section.title, level=section.level)
        if section.kind == "written":
            self.written(section)
        elif section.kind == "generated":
            assert section.generator is not None
            self.blocks(appendix(section.generator, self.facts, self.db, self.actor, self.scan_id))
        elif section.kind == "recommendations":
            recs = [rec for rec in self.recommendations if rec.pillar == chapter.pillar]
            if not recs:
                self.paragraph(t("report.export.no_recommendations"))
            for rec in recs:
                self.recommendation(rec)
        elif section.kind == "recommendations_overview":
            if not self.recommendations:
                self.paragraph(t("report.export.no_recommendations"))
            for rec in self.recommendations:
                self.paragraph(t("report.export.recommendation", number=rec.number) + " " + rec.title, "List Bullet")


def _referenced_figures(texts: dict[str, Any], items: dict[int, ItemView]) -> list[int]:
    ids: list[int] = []
    for section in texts.values():
        for line in section.text.split("\n"):
            parsed = parse_token(line)
            if parsed and parsed[1] in items and items[parsed[1]].kind == "figure" and parsed[1] not in ids:
                ids.append(parsed[1])
    return ids


def _open_template(template: Path | None) -> DocumentObject:
    path = template or TEMPLATE_DOCX
    try:
        document = Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a bad file
        raise ReportError("docx_template", path=path.name, detail=type(error).__name__) from error
    clear_body(document)
    ensure_styles(document)
    return document


def _words(document: DocumentObject) -> int:
    words = sum(len(p.text.split()) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            words += sum(len(cell.text.split()) for cell in row.cells)
    return words


def export_report(
    db: Database, actor: Actor, scan_id: int, *, fmt: str = "docx", progress: Progress | None = None,
    template: Path | None = None, today: date | None = None,
) -> ExportResult:  # fmt: skip
    """The scan's report as Word (``docx``) or PDF (``pdf``, needs LibreOffice).

    Raises:
        ReportError: A quote is blocked (the message names each), the template cannot
            be read, or PDF was asked without LibreOffice.
    """
    actor.require("export", scan_id)
    actor.require("report", scan_id)
    if fmt not in ("docx", "pdf"):
        raise ReportError("format", suffix=fmt)
    if fmt == "pdf" and libreoffice_path() is None:
        raise ReportError("no_libreoffice")
    report_progress: Progress = progress or (lambda _f, _m: None)
    info = ensure_report(db, actor, scan_id)
    report_progress(0.0, t("report.progress.check"))
    require_exportable(db, actor, info.id)
    chapters = report_outline(db, actor, info.id)
    document = _open_template(template)
    writer = _Writer(db, actor, info.id, scan_id, document, report_progress)
    figure_ids = _referenced_figures(writer.texts, writer.items)
    writer.total_figures = len(figure_ids)
    writer.steps_total = len(chapters) + writer.total_figures
    writer.render_charts(figure_ids)
    _title_page(document, info.title, info.organisation, info.measurement, today or date.today())
    for number, chapter in enumerate(chapters):
        writer.step(t("report.progress.sections", chapter=chapter.heading))
        if number:
            page_break(document)
        document.add_heading(chapter.heading, level=1)
        for section in chapter.sections:
            writer.section(chapter, section)
    footer_page_numbers(document, t("report.export.page"))
    document.core_properties.title = info.title
    document.core_properties.subject = info.organisation
    report_progress(0.88, t("report.progress.save"))
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if fmt == "pdf":
        report_progress(0.9, t("report.progress.pdf"))
        data = docx_to_pdf(data)
    result = ExportResult(
        data=data, chapters=len(chapters), sections=sum(len(c.sections) for c in chapters), words=_words(document),
        quotes=writer.quotes, figures=writer.figures, recommendations=len(writer.recommendations), format=fmt,
    )  # fmt: skip
    with db.session() as session:
        record_event(session, actor, "report.export", entity="report", entity_id=info.id, scan_id=scan_id,
                     after={"format": fmt, **result.stats()})  # fmt: skip
    report_progress(1.0, t("report.progress.done"))
    return result


def _title_page(document: DocumentObject, title: str, organisation: str, measurement: str, day: date) -> None:
    document.add_paragraph(title, style="Title")
    document.add_paragraph(t(f"report.design.measurement.{measurement}").capitalize()
                           if measurement in ("nulmeting", "vervolgmeting") else measurement, style="Subtitle")  # fmt: skip
    document.add_paragraph(organisation, style="Subtitle")
    document.add_paragraph(dutch_date(day))
    page_break(document)
    heading = document.add_paragraph()
    heading.add_run(t("report.export.toc")).bold = True
    add_toc(document, t("report.export.toc_placeholder"))
    page_break(document)


def docx_to_pdf(data: bytes, *, timeout: int = 240) -> bytes:
    """Convert Word bytes to PDF with ``soffice --headless --convert-to pdf`` (private profile)."""
    binary = libreoffice_path()
    if binary is None:
        raise ReportError("no_libreoffice")
    with tempfile.TemporaryDirectory(prefix="weerbaar-pdf-") as folder:
        source = Path(folder) / "rapport.docx"
        source.write_bytes(data)
        profile = Path(folder) / "profile"
        command = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                   "--outdir", folder, str(source)]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise ReportError("pdf_failed", detail=f"timeout {timeout}s") from error
        target = Path(folder) / "rapport.pdf"
        if done.returncode != 0 or not target.exists():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-300:]
            raise ReportError("pdf_failed", detail=detail or f"exit {done.returncode}")
        return target.read_bytes()
