"""The action plan: each recommendation of a scan's report becomes an action (issue 18).

An action has an owner (a role; a person's name only when an admin adds it), a
deadline, a status (:data:`STATUSES`) and notes. Every function checks the
actor's role and scan (analyst or admin of the scan), commits its own
transaction and appends to the event log. Exports: Excel (formula-safe cells)
and a Word appendix.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import followup_schema as f
from models import report_schema as r
from models import schema as s
from models.auth import Actor
from models.content import codebook_data
from models.db import Database
from models.errors import InputError, NotFound
from models.events import record_event
from texts import dutch_date, parse_dutch_date, t

STATUSES = ("gepland", "bezig", "gereed", "vervallen")
EDIT = "followup.edit"
OWNER_NAME = "followup.owner_name"
MAX_TEXT = 5000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ActionView:
    id: int
    scan_id: int
    recommendation_id: int | None
    number: int
    pillar: str
    title: str
    owner_role: str
    owner_name: str | None
    deadline: str
    status: str
    notes: str


@dataclass(frozen=True)
class RecommendationRef:
    """What the plan needs of a recommendation: its id, number across the report, pillar and title."""

    id: int
    number: int
    pillar: str
    title: str


def _view(row: f.Action) -> ActionView:
    return ActionView(row.id, row.scan_id, row.recommendation_id, row.number, row.pillar, row.title, row.owner_role,
                      row.owner_name, row.deadline, row.status, row.notes)  # fmt: skip


def _scan_exists(session: Session, scan_id: int) -> None:
    if session.get(s.Scan, scan_id) is None:
        raise NotFound("scan", scan_id)


def sync_actions(db: Database, actor: Actor, scan_id: int, recommendations: Iterable[RecommendationRef]) -> int:
    """Make an action of every recommendation not yet in the plan; refresh number, pillar and title of the others.

    Returns the number of new actions. Actions of removed recommendations stay
    (their status tells what happened to them). A recommendation must be of the
    scan's own report: another scan's is refused (as that scan when it is not the actor's).
    """
    actor.require(EDIT, scan_id)
    created = 0
    recommendations = list(recommendations)
    with db.session() as session:
        _scan_exists(session, scan_id)
        ids = [ref.id for ref in recommendations]
        of_scan = dict(session.execute(select(r.ReportRecommendation.id, r.Report.scan_id).join(r.Report).where(
            r.ReportRecommendation.id.in_(ids))).all())  # fmt: skip
        for ref in recommendations:
            if of_scan.get(ref.id) != scan_id:
                if ref.id in of_scan:
                    actor.require(EDIT, of_scan[ref.id])
                raise InputError(t("followup.error.recommendation", id=ref.id))
        existing = {
            row.recommendation_id: row
            for row in session.scalars(select(f.Action).where(f.Action.scan_id == scan_id))
            if row.recommendation_id is not None
        }
        for ref in recommendations:
            row = existing.get(ref.id)
            if row is None:
                row = f.Action(scan_id=scan_id, recommendation_id=ref.id, number=ref.number, pillar=ref.pillar,
                               title=ref.title, created_by=actor.username)  # fmt: skip
                session.add(row)
                session.flush()
                created += 1
                record_event(session, actor, "action.create", entity="action", entity_id=row.id, scan_id=scan_id,
                             after={"number": ref.number, "pillar": ref.pillar, "title": ref.title})  # fmt: skip
            elif (row.number, row.pillar, row.title) != (ref.number, ref.pillar, ref.title):
                before = {"number": row.number, "pillar": row.pillar, "title": row.title}
                row.number, row.pillar, row.title = ref.number, ref.pillar, ref.title
                record_event(session, actor, "action.sync", entity="action", entity_id=row.id, scan_id=scan_id,
                             before=before, after={"number": ref.number, "pillar": ref.pillar, "title": ref.title})  # fmt: skip
    return created


def list_actions(db: Database, actor: Actor, scan_id: int) -> list[ActionView]:
    """The plan in the report's order (number), analysts and admins of the scan only."""
    actor.require(EDIT, scan_id)
    with db.session() as session:
        rows = session.scalars(
            select(f.Action).where(f.Action.scan_id == scan_id).order_by(f.Action.number, f.Action.id)
        )
        return [_view(row) for row in rows]


def _clean_date(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        day = parse_dutch_date(value)
    except ValueError:
        raise InputError(t("followup.error.deadline", value=value[:40])) from None
    return day.isoformat() if day else ""


def update_action(db: Database, actor: Actor, action_id: int, **changes: str | None) -> ActionView:
    """Change owner role, owner name (admins only), deadline (ISO date), status or notes (logged)."""
    allowed = ("owner_role", "owner_name", "deadline", "status", "notes")
    with db.session() as session:
        row = session.get(f.Action, action_id)
        if row is None:
            raise NotFound("action", action_id)
        actor.require(EDIT, row.scan_id)
        unknown = set(changes) - set(allowed)
        if unknown:
            raise ValueError(f"unknown fields: {sorted(unknown)}")
        clean: dict[str, str | None] = {}
        for key, value in changes.items():
            text = (value or "").replace("\r\n", "\n").strip()
            if len(text) > MAX_TEXT:
                raise InputError(t("followup.error.too_long"))
            if key == "status":
                if text not in STATUSES:
                    raise InputError(t("followup.error.status", value=text[:40]))
            elif key == "deadline":
                text = _clean_date(text)
            elif key == "owner_name":
                if text != (row.owner_name or ""):
                    actor.require(OWNER_NAME, row.scan_id)
                clean[key] = text or None
                continue
            elif key == "owner_role":
                text = " ".join(text.split())[:200]
            clean[key] = text
        before = {key: getattr(row, key) for key in clean if getattr(row, key) != clean[key]}
        for key in before:
            setattr(row, key, clean[key])
        if before:
            record_event(session, actor, "action.edit", entity="action", entity_id=row.id, scan_id=row.scan_id,
                         before=before, after={key: clean[key] for key in before})  # fmt: skip
        session.flush()
        return _view(row)


@dataclass
class PillarOverview:
    pillar: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def overview(actions: Iterable[ActionView], pillars: Iterable[str]) -> list[PillarOverview]:
    """Per pillar (codebook order, then any other), how many actions have each status."""
    actions = list(actions)
    order = list(dict.fromkeys([*pillars, *(a.pillar for a in actions)]))
    out = []
    for pillar in order:
        counts = dict.fromkeys(STATUSES, 0)
        for action in actions:
            if action.pillar == pillar:
                counts[action.status] = counts.get(action.status, 0) + 1
        out.append(PillarOverview(pillar, counts))
    return out


def status_counts(actions: Iterable[ActionView]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for action in actions:
        counts[action.status] = counts.get(action.status, 0) + 1
    return counts


# --- exports -------------------------------------------------------------------------------
def safe_cell(value: object) -> object:
    """A cell value Excel will not run: text starting with = + - @ tab or CR gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _rows(actions: list[ActionView], names: bool) -> tuple[list[str], list[list[object]]]:
    header = [t("followup.col.number"), t("followup.col.pillar"), t("followup.col.recommendation"),
              t("followup.col.owner"), t("followup.col.deadline"), t("followup.col.status"), t("followup.col.notes")]  # fmt: skip
    rows: list[list[object]] = []
    for action in actions:
        owner = action.owner_role
        if names and action.owner_name:
            owner = f"{owner} ({action.owner_name})" if owner else action.owner_name
        deadline = dutch_date(action.deadline) if action.deadline else ""
        rows.append([action.number, action.pillar, action.title, owner, deadline,
                     t(f"followup.status.{action.status}"), action.notes])  # fmt: skip
    return header, rows


def _log_export(db: Database, actor: Actor, scan_id: int, fmt: str, count: int) -> None:
    with db.session() as session:
        record_event(session, actor, "action.export", entity="scan", entity_id=scan_id, scan_id=scan_id,
                     after={"format": fmt, "actions": count})  # fmt: skip


def export_xlsx(db: Database, actor: Actor, scan_id: int) -> bytes:
    """The action plan as an Excel workbook (every text cell formula-safe; logged)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    actions = list_actions(db, actor, scan_id)
    header, rows = _rows(actions, names=actor.can(OWNER_NAME, scan_id))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t("followup.sheet")[:31]
    sheet.append([safe_cell(v) for v in header])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFG", (6, 8, 70, 30, 12, 12, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    _log_export(db, actor, scan_id, "xlsx", len(actions))
    return buffer.getvalue()


def add_plan_table(document: object, actions: list[ActionView], *, names: bool = False) -> None:
    """The plan as a table in a python-docx document (used by the appendix and the report)."""
    from docx.document import Document as DocumentObject

    assert isinstance(document, DocumentObject)
    header, rows = _rows(actions, names)
    table = document.add_table(rows=1, cols=len(header))
    with contextlib.suppress(KeyError, ValueError):  # a house template without that style keeps its default
        table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)


def export_docx(db: Database, actor: Actor, scan_id: int) -> bytes:
    """The action plan as a Word appendix "Bijlage: Actieplan", per pillar a table (logged)."""
    from docx import Document

    actions = list_actions(db, actor, scan_id)
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        organisation = scan.organisation
        pillar_names = {p.code: p.name for p in codebook_data(session, scan.codebook_id).pillars}
    document = Document()
    document.add_heading(t("followup.appendix.title"), level=1)
    document.add_paragraph(t("followup.appendix.intro", organisation=organisation, count=len(actions)))
    names = actor.can(OWNER_NAME, scan_id)
    for pillar in dict.fromkeys(a.pillar for a in actions):
        document.add_heading(pillar_names.get(pillar, pillar), level=2)
        add_plan_table(document, [a for a in actions if a.pillar == pillar], names=names)
    buffer = io.BytesIO()
    document.save(buffer)
    _log_export(db, actor, scan_id, "docx", len(actions))
    return buffer.getvalue()
