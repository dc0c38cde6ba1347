"""Exports people open in Word and Excel: the quote appendix and the coded fragments.

* :func:`export_docx`: the quote appendix (python-docx). A title, per pillar a
  ``Heading 1`` numbered as in the report ("1. Bewustwording en organisatie"),
  per theme a ``Heading 2``, each quote as ``‘text’ (attribution).`` in the
  scan's citation style; optionally charts (PNG bytes). Refused with a Dutch
  :class:`~models.InputError` listing the quotes while any quote has an
  unresolved PII finding or lost its respondent's consent.
* :func:`export_xlsx` / :func:`export_csv`: every coding of every fragment
  (agreement-round codings excluded) with interview, respondent pseudonym,
  role, department, pillar, theme, confidence, status, coder and memo. The CSV
  is UTF-8 with BOM and ``;`` as separator, which Dutch Excel opens directly.
  Cells a spreadsheet would run as a formula are neutralised (:mod:`models.cells`).

Exports are pseudonymised: respondents appear by code. ``real_names=True``
adds a name column, needs permission ``export.real_names`` (admins) and is
logged as its own event. Every export is logged.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from coding.codebook import Codebook as CodebookData
from models import refiqda
from models import schema as s
from models.auth import Actor
from models.cells import csv_bytes, force_text_cells, neutralise_frame
from models.content import codebook_data
from models.db import Database
from models.errors import InputError, NotFound
from models.export_log import log_export, require_export
from models.quotes import QuoteView, export_blockers, list_quotes
from texts import t

FORMATS: tuple[str, ...] = ("docx", "xlsx", "csv", "qdpx", "qdc")
MIME_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "qdpx": "application/zip",
    "qdc": "application/xml",
}
CHART_WIDTH_CM = 16.0


def _scan(db: Database, scan_id: int) -> tuple[s.Scan, CodebookData]:
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        return scan, codebook_data(session, scan.codebook_id)


def filename(scan_name: str, fmt: str) -> str:
    """A safe download name such as ``citaten-provincie-groningen.docx``."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in scan_name.lower()).strip("-")
    slug = "-".join(part for part in slug.split("-") if part) or "scan"
    prefix = {"docx": "citaten", "xlsx": "fragmenten", "csv": "fragmenten", "qdpx": "project", "qdc": "codeboek"}
    return f"{prefix.get(fmt, 'export')}-{slug}.{fmt}"


# --- Word ----------------------------------------------------------------------------
def export_docx(
    db: Database,
    actor: Actor,
    scan_id: int,
    *,
    charts: Sequence[tuple[str, bytes]] | None = None,
) -> bytes:
    """The quote appendix as a Word document.

    Args:
        db: The database.
        actor: Who exports (needs ``export``).
        scan_id: The scan.
        charts: Optional ``(caption, PNG bytes)`` pairs added after the quotes.

    Raises:
        InputError: Quotes still have unresolved PII findings or no consent.
    """
    from docx import Document
    from docx.shared import Cm

    require_export(actor, scan_id, real_names=False)
    blockers = export_blockers(db, actor, scan_id)
    if blockers:
        items = "\n".join(f"- {b.message}" for b in blockers)
        raise InputError(t("exports.error.blocked", items=items))
    scan, codebook = _scan(db, scan_id)
    quotes = list_quotes(db, actor, scan_id)

    document = Document()
    document.core_properties.title = t("exports.docx.title")
    document.add_heading(t("exports.docx.title"), level=0)
    document.add_paragraph(t("exports.docx.subtitle", organisation=scan.organisation, scan=scan.name))
    document.add_paragraph(t("exports.docx.intro"))
    if not quotes:
        document.add_paragraph(t("exports.docx.empty"))

    by_pillar: dict[str, list[QuoteView]] = defaultdict(list)
    for quote in quotes:
        by_pillar[quote.pillar].append(quote)
    for number, pillar in enumerate(codebook.pillars, start=1):
        pillar_quotes = by_pillar.get(pillar.code)
        if not pillar_quotes:
            continue
        document.add_heading(f"{number}. {pillar.name}", level=1)
        theme_names = {theme.code: theme.name for theme in pillar.themes}
        current: object = object()
        for quote in pillar_quotes:  # already in theme, position order
            if quote.theme != current:
                current = quote.theme
                name = theme_names.get(quote.theme or "", quote.theme) if quote.theme else None
                document.add_heading(name or t("exports.docx.general_theme"), level=2)
            document.add_paragraph(quote.citation)
    from models.checklist import add_document_study  # issue 16: confirmed findings and the studied documents

    add_document_study(document, db, actor, scan_id)
    if charts:
        document.add_heading(t("exports.docx.charts"), level=1)
        for caption, png in charts:
            document.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
            document.add_paragraph(caption)
    buffer = io.BytesIO()
    document.save(buffer)
    log_export(db, actor, scan_id, "docx", count=len(quotes))
    return buffer.getvalue()


# --- Excel and CSV -------------------------------------------------------------------
def coded_fragments(db: Database, actor: Actor, scan_id: int, *, real_names: bool = False) -> pd.DataFrame:
    """One row per coding of a fragment, in transcript order (Dutch column names)."""
    require_export(actor, scan_id, real_names=real_names)
    _, codebook = _scan(db, scan_id)
    theme_names = {theme.code: theme.name for theme in codebook.themes()}
    pillar_names = {pillar.code: pillar.name for pillar in codebook.pillars}
    with db.session() as session:
        memos: dict[int, list[str]] = defaultdict(list)
        for memo in session.scalars(
            select(s.Memo).where(s.Memo.scan_id == scan_id, s.Memo.target_type == "fragment").order_by(s.Memo.id)
        ):
            memos[memo.target_id].append(memo.text)
        fragments = session.scalars(
            select(s.Fragment)
            .join(s.Turn)
            .join(s.Interview, s.Interview.id == s.Fragment.interview_id)
            .where(s.Fragment.scan_id == scan_id)
            .order_by(s.Interview.id, s.Turn.seq, s.Fragment.start)
            .options(
                selectinload(s.Fragment.codings).selectinload(s.Coding.code),
                selectinload(s.Fragment.turn).selectinload(s.Turn.respondent),
                selectinload(s.Fragment.turn).selectinload(s.Turn.interview),
            )
        ).all()
        rows = []
        for fragment in fragments:
            respondent = fragment.turn.respondent
            interview = fragment.turn.interview
            for coding in sorted(fragment.codings, key=lambda c: c.id):
                if coding.round_id is not None:
                    continue
                code = coding.code
                pillar = code.code.split(".", 1)[0]
                row: dict[str, Any] = {
                    t("exports.col.interview"): interview.title,
                    t("exports.col.date"): interview.date,
                    t("exports.col.respondent"): respondent.code if respondent else fragment.turn.speaker_label,
                }
                if real_names:
                    row[t("exports.col.real_name")] = (respondent.real_name or "") if respondent else ""
                row |= {
                    t("exports.col.role"): respondent.role if respondent else "",
                    t("exports.col.department"): respondent.department if respondent else "",
                    t("exports.col.pillar"): f"{pillar} {pillar_names.get(pillar, '')}".strip(),
                    t("exports.col.theme"): code.code if code.parent_id is not None else "",
                    t("exports.col.theme_name"): theme_names.get(code.code, ""),
                    t("exports.col.fragment"): fragment.text,
                    t("exports.col.confidence"): coding.confidence,
                    t("exports.col.status"): t(f"exports.status.{coding.status}"),
                    t("exports.col.coder"): coding.coder,
                    t("exports.col.source"): t(f"exports.source.{coding.source}"),
                    t("exports.col.memo"): "\n\n".join(memos.get(fragment.id, [])),
                    t("exports.col.fragment_id"): fragment.id,
                    t("exports.col.start"): fragment.start,
                    t("exports.col.end"): fragment.end,
                }
                rows.append(row)
    columns = [
        t("exports.col.interview"),
        t("exports.col.date"),
        t("exports.col.respondent"),
        *([t("exports.col.real_name")] if real_names else []),
        t("exports.col.role"),
        t("exports.col.department"),
        t("exports.col.pillar"),
        t("exports.col.theme"),
        t("exports.col.theme_name"),
        t("exports.col.fragment"),
        t("exports.col.confidence"),
        t("exports.col.status"),
        t("exports.col.coder"),
        t("exports.col.source"),
        t("exports.col.memo"),
        t("exports.col.fragment_id"),
        t("exports.col.start"),
        t("exports.col.end"),
    ]
    return pd.DataFrame(rows, columns=columns)


def export_xlsx(db: Database, actor: Actor, scan_id: int, *, real_names: bool = False) -> bytes:
    """The coded fragments as an Excel workbook (header frozen, filters on, columns sized)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    frame = neutralise_frame(coded_fragments(db, actor, scan_id, real_names=real_names))
    buffer = io.BytesIO()
    sheet_name = t("exports.sheet.fragments")[:31]
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet_name, index=False)
        sheet = writer.sheets[sheet_name]
        force_text_cells(sheet)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        wide = {t("exports.col.fragment"): 80, t("exports.col.memo"): 50}
        for index, column in enumerate(frame.columns, start=1):
            letter = get_column_letter(index)
            longest = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
            sheet.column_dimensions[letter].width = wide.get(column, min(max(10, longest + 2), 40))
            if column in wide:
                for cell in sheet[letter][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    log_export(db, actor, scan_id, "xlsx", real_names=real_names, count=len(frame))
    return buffer.getvalue()


def export_csv(db: Database, actor: Actor, scan_id: int, *, real_names: bool = False) -> bytes:
    """The coded fragments as CSV (UTF-8 with BOM, ``;``-separated, for Dutch Excel)."""
    frame = coded_fragments(db, actor, scan_id, real_names=real_names)
    data = csv_bytes(frame, sep=";", bom=True, lineterminator="\r\n")
    log_export(db, actor, scan_id, "csv", real_names=real_names, count=len(frame))
    return data


def export(
    db: Database,
    actor: Actor,
    scan_id: int,
    fmt: str,
    *,
    real_names: bool = False,
    charts: Sequence[tuple[str, bytes]] | None = None,
    accepted_only: bool = False,
) -> bytes:
    """Export a scan in one of :data:`FORMATS`.

    ``accepted_only`` applies to ``qdpx``: the auto-coder's open suggestions are left out.
    """
    if fmt == "docx":
        return export_docx(db, actor, scan_id, charts=charts)
    if fmt == "xlsx":
        return export_xlsx(db, actor, scan_id, real_names=real_names)
    if fmt == "csv":
        return export_csv(db, actor, scan_id, real_names=real_names)
    if fmt in ("qdpx", "qdc"):
        if fmt == "qdpx":
            return refiqda.export_qdpx(db, actor, scan_id, real_names=real_names, accepted_only=accepted_only)
        return refiqda.export_qdc(db, actor, scan_id)
    raise InputError(t("exports.error.format", format=fmt, choices=", ".join(FORMATS)))


def chart_images(db: Database, actor: Actor, scan_id: int) -> list[tuple[str, bytes]]:
    """The review screen's report charts as PNG images with a caption, for the Word export.

    Raises ``coding.charts.ChartExportError`` (Dutch message) when no browser
    is available to render PNG.
    """
    from coding import charts
    from models.chart_data import chart_legend, coded_frame

    frame = coded_frame(db, actor, scan_id)
    names, colors = chart_legend(db, actor, scan_id)
    figures = [
        charts.fig_fragments_per_pillar_theme(frame, names, colors),
        charts.fig_by_group(frame, "role", names, colors),
        charts.fig_pillar_share_per_interview(frame, names, colors),
    ]
    return [(str(figure.layout.title.text or ""), charts.figure_png(figure)) for figure in figures]
