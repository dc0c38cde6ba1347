"""The checklist of the document study, per scan: instruments, proposed and confirmed status.

At first use the shipped checklist (``data/checklist.yaml``) is copied into the
scan, where the analyst may add, remove and rename instruments. Weerbaar
proposes a status per instrument from the studied documents
(:func:`coding.documents.checklist.propose`); the analyst confirms it or sets
another, links documents and writes a note. Every change is logged. The
findings sentences and the appendix of studied documents come from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.documents.checklist import (
    PILLARS,
    STATUSES,
    DocumentFacts,
    Instrument,
    appendix,
    finding,
    load_checklist,
    propose,
)
from models import schema as s
from models.auth import Actor
from models.db import Database
from models.documents import HEADING_SEPARATOR, PERMISSION
from models.errors import InputError
from models.events import record_event
from texts import t

_YEAR_RE = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass
class ChecklistView:
    """One instrument of a scan's checklist as the screen shows it."""

    id: int
    key: str
    pillar: str
    label: str
    description: str
    status: str
    proposed_status: str
    evidence: list[str]
    document_ids: list[int]
    note: str
    confirmed_by: str | None

    @property
    def effective_status(self) -> str:
        """The confirmed status, else the proposal, else ``onbekend``."""
        return self.status or self.proposed_status or "onbekend"


@dataclass
class Finding:
    """A findings sentence of one instrument; ``confirmed`` is False while it rests on a proposal."""

    pillar: str
    label: str
    status: str
    sentence: str
    confirmed: bool


def _rules(instrument: Instrument) -> dict[str, object]:
    return {
        "kinds": list(instrument.kinds),
        "terms": list(instrument.terms),
        "require": list(instrument.require),
        "headings": instrument.headings,
        "max_age": instrument.max_age,
        "neuter": instrument.neuter,
    }


def _instrument(item: s.ChecklistItem) -> Instrument:
    rules = item.rules or {}
    return Instrument(
        key=item.key,
        pillar=item.pillar,
        label=item.label,
        description=item.description,
        kinds=tuple(rules.get("kinds", [])),
        terms=tuple(rules.get("terms", [])),
        require=tuple(rules.get("require", [])),
        headings=bool(rules.get("headings", True)),
        max_age=int(rules.get("max_age", 5)),
        neuter=bool(rules.get("neuter", False)),
    )


def _ensure(session: Session, actor: Actor, scan_id: int) -> None:
    exists = session.scalar(select(func.count(s.ChecklistItem.id)).where(s.ChecklistItem.scan_id == scan_id))
    if exists:
        return
    instruments = load_checklist()
    for position, instrument in enumerate(instruments):
        session.add(
            s.ChecklistItem(
                scan_id=scan_id,
                key=instrument.key,
                pillar=instrument.pillar,
                label=instrument.label,
                description=instrument.description,
                rules=_rules(instrument),
                position=position,
            )
        )
    record_event(
        session, actor, "checklist.create", entity="checklist", scan_id=scan_id, after={"items": len(instruments)}
    )


def _items(session: Session, scan_id: int) -> list[s.ChecklistItem]:
    return list(
        session.scalars(
            select(s.ChecklistItem)
            .where(s.ChecklistItem.scan_id == scan_id)
            .order_by(s.ChecklistItem.position, s.ChecklistItem.id)
        )
    )


def _view(item: s.ChecklistItem) -> ChecklistView:
    return ChecklistView(
        id=item.id,
        key=item.key,
        pillar=item.pillar,
        label=item.label,
        description=item.description,
        status=item.status,
        proposed_status=item.proposed_status,
        evidence=list(item.evidence or []),
        document_ids=[int(i) for i in item.document_ids or []],
        note=item.note,
        confirmed_by=item.confirmed_by,
    )


def list_checklist(db: Database, actor: Actor, scan_id: int) -> list[ChecklistView]:
    """The scan's checklist in order (copied from the shipped one at first use)."""
    actor.require(PERMISSION, scan_id)
    with db.session() as session:
        _ensure(session, actor, scan_id)
        return [_view(item) for item in _items(session, scan_id)]


def _facts(session: Session, scan_id: int) -> list[DocumentFacts]:
    facts = []
    for document in session.scalars(select(s.Document).where(s.Document.scan_id == scan_id)):
        headings = {
            part
            for (heading,) in session.execute(
                select(s.Turn.heading).where(s.Turn.interview_id == document.interview_id, s.Turn.heading.is_not(None))
            )
            for part in (heading or "").split(HEADING_SEPARATOR)
            if part
        }
        text = " ".join(
            session.scalars(
                select(s.Turn.text).where(s.Turn.interview_id == document.interview_id).order_by(s.Turn.seq).limit(200)
            )
        )
        facts.append(
            DocumentFacts(
                id=document.id,
                title=document.title,
                kind=document.doc_kind,
                date=date.fromisoformat(document.date) if document.date else None,
                headings=tuple(sorted(headings)),
                text=text,
                owner=document.owner,
                version=document.version,
            )
        )
    return facts


def reference_year(scan: s.Scan | None) -> int:
    """The year the scan looks from: the last year in its period, else this year."""
    years = [int(year) for year in _YEAR_RE.findall(scan.period if scan else "")]
    return max(years) if years else date.today().year


def propose_checklist(db: Database, actor: Actor, scan_id: int) -> int:
    """Propose a status for every instrument from the scan's documents; returns how many proposals changed.

    Unconfirmed instruments also get the matching documents linked; confirmed
    ones keep what the analyst linked.
    """
    actor.require(PERMISSION, scan_id)
    with db.session() as session:
        _ensure(session, actor, scan_id)
        session.flush()
        items = _items(session, scan_id)
        proposals = propose(
            [_instrument(item) for item in items],
            _facts(session, scan_id),
            reference_year=reference_year(session.get(s.Scan, scan_id)),
        )
        changed = []
        for item, proposal in zip(items, proposals, strict=True):
            ids = [int(document.id) for document in proposal.documents]
            if item.proposed_status != proposal.status or item.evidence != proposal.evidence:
                changed.append({"key": item.key, "before": item.proposed_status, "after": proposal.status})
            item.proposed_status = proposal.status
            item.evidence = proposal.evidence
            if not item.status:
                item.document_ids = ids
        record_event(
            session, actor, "checklist.propose", entity="checklist", scan_id=scan_id, after={"changed": changed}
        )
        return len(changed)


def _item(session: Session, actor: Actor, item_id: int) -> s.ChecklistItem:
    item = session.get(s.ChecklistItem, item_id)
    if item is None:
        raise InputError(t("documents.error.item", id=item_id))
    actor.require(PERMISSION, item.scan_id)
    return item


def update_item(
    db: Database,
    actor: Actor,
    item_id: int,
    *,
    status: str | None = None,
    label: str | None = None,
    note: str | None = None,
    document_ids: list[int] | None = None,
) -> None:
    """Confirm or set an instrument's status, rename it, link documents or write a note (logged).

    Setting a status (also the proposed one) records who confirmed it and when;
    ``status=""`` withdraws the confirmation.
    """
    from models.schema import now

    with db.session() as session:
        item = _item(session, actor, item_id)
        before = {"status": item.status, "label": item.label, "note": item.note, "document_ids": item.document_ids}
        if status is not None:
            if status and status not in STATUSES:
                raise InputError(t("documents.error.status", status=status))
            item.status = status
            item.confirmed_by = actor.username if status else None
            item.confirmed_at = now() if status else None
        if label is not None:
            if not label.strip():
                raise InputError(t("documents.error.label"))
            item.label = label.strip()[:200]
        if note is not None:
            item.note = note
        if document_ids is not None:
            valid = set(session.scalars(select(s.Document.id).where(s.Document.scan_id == item.scan_id)))
            if not set(document_ids) <= valid:
                raise InputError(t("documents.error.link"))
            item.document_ids = list(dict.fromkeys(document_ids))
        after = {"status": item.status, "label": item.label, "note": item.note, "document_ids": item.document_ids}
        record_event(
            session,
            actor,
            "checklist.edit",
            entity="checklist_item",
            entity_id=item.id,
            scan_id=item.scan_id,
            before={key: value for key, value in before.items() if after[key] != value},
            after={key: value for key, value in after.items() if before[key] != value},
        )


def add_item(db: Database, actor: Actor, scan_id: int, *, pillar: str, label: str, description: str = "") -> int:
    """Add an own instrument to the scan's checklist (matched on the words of its label)."""
    actor.require(PERMISSION, scan_id)
    if pillar not in PILLARS:
        raise InputError(t("documents.error.pillar", pillar=pillar))
    if not label.strip():
        raise InputError(t("documents.error.label"))
    with db.session() as session:
        _ensure(session, actor, scan_id)
        session.flush()
        items = _items(session, scan_id)
        keys = {item.key for item in items}
        number = len(items) + 1
        while f"eigen_{number}" in keys:
            number += 1
        item = s.ChecklistItem(
            scan_id=scan_id,
            key=f"eigen_{number}",
            pillar=pillar,
            label=label.strip()[:200],
            description=description.strip(),
            rules={"kinds": [], "terms": [label.strip().lower()], "require": [], "headings": True, "max_age": 5},
            position=max((i.position for i in items), default=0) + 1,
        )
        session.add(item)
        session.flush()
        record_event(
            session,
            actor,
            "checklist.add",
            entity="checklist_item",
            entity_id=item.id,
            scan_id=scan_id,
            after={"key": item.key, "pillar": pillar, "label": item.label},
        )
        return item.id


def remove_item(db: Database, actor: Actor, item_id: int) -> None:
    """Remove an instrument from the scan's checklist (logged with what it was)."""
    with db.session() as session:
        item = _item(session, actor, item_id)
        before = {"key": item.key, "pillar": item.pillar, "label": item.label, "status": item.status}
        session.delete(item)
        record_event(
            session,
            actor,
            "checklist.remove",
            entity="checklist_item",
            entity_id=item_id,
            scan_id=item.scan_id,
            before=before,
        )


def findings(db: Database, actor: Actor, scan_id: int) -> list[Finding]:
    """One sentence per instrument, from the confirmed status (or, marked unconfirmed, the proposal)."""
    actor.require(PERMISSION, scan_id)
    with db.session() as session:
        _ensure(session, actor, scan_id)
        session.flush()
        facts = {fact.id: fact for fact in _facts(session, scan_id)}
        out = []
        for item in _items(session, scan_id):
            status = item.status or item.proposed_status or "onbekend"
            linked = [facts[i] for i in item.document_ids or [] if i in facts]
            linked.sort(key=lambda fact: (fact.date is not None, fact.date or date.min), reverse=True)
            latest = linked[0] if linked else None
            sentence = finding(item.label, status, latest, neuter=bool((item.rules or {}).get("neuter", False)))
            out.append(Finding(item.pillar, item.label, status, sentence, bool(item.status)))
        return out


def appendix_rows(db: Database, actor: Actor, scan_id: int) -> list[dict[str, str]]:
    """The appendix "Bestudeerde documenten": title, kind, owner, date, version per document."""
    actor.require(PERMISSION, scan_id)
    with db.session() as session:
        return appendix(_facts(session, scan_id))


def add_document_study(document: Any, db: Database, actor: Actor, scan_id: int) -> None:
    """Add the document study to a Word report: confirmed findings per pillar and "Bestudeerde documenten".

    Only statuses the analyst confirmed become findings in the report; nothing is
    added for a scan without documents and without confirmed instruments.
    """
    with db.session() as session:  # an export never creates the checklist
        has_items = bool(
            session.scalar(select(func.count(s.ChecklistItem.id)).where(s.ChecklistItem.scan_id == scan_id))
        )
    confirmed = [item for item in findings(db, actor, scan_id) if item.confirmed] if has_items else []
    rows = appendix_rows(db, actor, scan_id)
    if not confirmed and not rows:
        return
    document.add_heading(t("documents.report.title"), level=1)
    for pillar in PILLARS:
        own = [item for item in confirmed if item.pillar == pillar]
        if own:
            document.add_heading(t(f"documents.pillar.{pillar}"), level=2)
            for item in own:
                document.add_paragraph(item.sentence, style="List Bullet")
    if rows:
        document.add_heading(t("documents.appendix.title"), level=2)
        columns = ("title", "kind", "owner", "date", "version")
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, column in zip(table.rows[0].cells, columns, strict=True):
            cell.text = t(f"documents.report.col.{column}")
        for row in rows:
            for cell, column in zip(table.add_row().cells, columns, strict=True):
                cell.text = row[column]
