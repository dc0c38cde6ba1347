"""A vervolgmeting linked to its nulmeting (issue 18).

:func:`create_followup` makes a new scan from a finished one: same organisation
and kind, ``measurement`` ``vervolgmeting``, ``baseline_scan_id`` set, a copy of
the nulmeting's codebook, its users assigned, and the versions of every reused
instrument recorded in ``scans.instruments`` so a later change of the instrument
shows in the comparison (:func:`instrument_changes`).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import schema as s
from models.auth import Actor
from models.content import add_codebook, codebook_data
from models.db import Database
from models.errors import InputError, NotFound
from models.events import record_event
from texts import t


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def instrument_versions(session: Session, scan_id: int) -> dict[str, Any]:
    """The instruments of a scan as they are now: codebook, guide versions used, surveys, checklist."""
    scan = session.get(s.Scan, scan_id)
    if scan is None:
        raise NotFound("scan", scan_id)
    book = codebook_data(session, scan.codebook_id)
    themes = sorted(theme.code for pillar in book.pillars for theme in pillar.themes)
    used = session.scalars(select(s.Interview.guide_version_id).where(s.Interview.scan_id == scan_id))
    guides = sorted({int(gid) for gid in used if gid is not None})
    latest = session.scalar(select(func.max(s.GuideVersion.id)))
    versions: dict[str, Any] = {
        "codebook": {"id": scan.codebook_id, "version": book.version, "themes": themes, "digest": _digest(themes)},
        "guide": {"used": guides, "latest": latest},
    }
    versions.update(_extra_instruments(session, scan_id))
    return versions


def _extra_instruments(session: Session, scan_id: int) -> dict[str, Any]:
    """Survey (template, questions) and checklist (instrument keys) of a scan."""
    surveys = []
    for row in session.scalars(select(s.Survey).where(s.Survey.scan_id == scan_id).order_by(s.Survey.id)):
        texts = list(session.scalars(select(s.SurveyQuestion.text).where(s.SurveyQuestion.survey_id == row.id)))
        surveys.append({"name": row.name, "template": row.template_name, "questions": len(texts),
                        "digest": _digest(sorted(texts))})  # fmt: skip
    keys = sorted(session.scalars(select(s.ChecklistItem.key).where(s.ChecklistItem.scan_id == scan_id)))
    return {"surveys": surveys, "checklist": {"items": len(keys), "keys": keys}}


def create_followup(db: Database, actor: Actor, baseline_scan_id: int, *, name: str, period: str = "") -> int:
    """Create the vervolgmeting of ``baseline_scan_id``, reusing its codebook, checklist and users (logged)."""
    actor.require("scan.create")
    actor.require("scan.view", baseline_scan_id)
    name = " ".join(name.split())
    if not name:
        raise InputError(t("scan.error.required"))
    with db.session() as session:
        baseline = session.get(s.Scan, baseline_scan_id)
        if baseline is None:
            raise NotFound("scan", baseline_scan_id)
        if session.scalar(select(s.Scan.id).where(s.Scan.name == name)) is not None:
            raise InputError(t("scan.error.exists", name=name))
        reused = instrument_versions(session, baseline_scan_id)
        book = add_codebook(session, codebook_data(session, baseline.codebook_id))
        scan = s.Scan(
            name=name, organisation=baseline.organisation, kind=baseline.kind, period=period.strip(),
            measurement="vervolgmeting", codebook_id=book.id, citation_style=baseline.citation_style,
            created_by=actor.username, baseline_scan_id=baseline.id,
        )  # fmt: skip
        session.add(scan)
        session.flush()
        copied = _copy_checklist(session, baseline.id, scan.id)
        scan.instruments = {"baseline": reused, "copied_checklist_items": copied}
        users = list(session.scalars(select(s.ScanAssignment.user_id).where(s.ScanAssignment.scan_id == baseline.id)))
        for user_id in users:
            session.add(s.ScanAssignment(user_id=user_id, scan_id=scan.id))
        record_event(session, actor, "scan.create_followup", entity="scan", entity_id=scan.id, scan_id=scan.id,
                     after={"name": name, "baseline_scan_id": baseline.id, "codebook_id": book.id,
                            "assigned_users": len(users), "checklist_items": copied})  # fmt: skip
        return scan.id


def _copy_checklist(session: Session, source_id: int, target_id: int) -> int:
    """Copy the nulmeting's checklist instruments (not their status: that is measured again)."""
    item = s.ChecklistItem
    count = 0
    for row in session.scalars(select(item).where(item.scan_id == source_id).order_by(item.position, item.id)):
        session.add(item(scan_id=target_id, key=row.key, pillar=row.pillar, label=row.label,
                         description=row.description, rules=dict(row.rules or {}), position=row.position))  # fmt: skip
        count += 1
    return count


def baseline_of(db: Database, actor: Actor, scan_id: int) -> int | None:
    """The nulmeting a scan follows up, or ``None``."""
    actor.require("scan.view", scan_id)
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        return scan.baseline_scan_id


def instrument_changes(db: Database, actor: Actor, scan_id: int, baseline_scan_id: int) -> list[str]:
    """Dutch notes on what changed in the instruments between the nulmeting and the follow-up."""
    actor.require("scan.view", scan_id)
    actor.require("scan.view", baseline_scan_id)
    with db.session() as session:
        before = instrument_versions(session, baseline_scan_id)
        after = instrument_versions(session, scan_id)
        scan = session.get(s.Scan, scan_id)
        recorded = ((scan.instruments or {}).get("baseline") if scan is not None else None) or {}
    notes: list[str] = []
    old, new = set(before["codebook"]["themes"]), set(after["codebook"]["themes"])
    if new - old:
        notes.append(t("followup.instrument.themes_added", themes=", ".join(sorted(new - old))))
    if old - new:
        notes.append(t("followup.instrument.themes_removed", themes=", ".join(sorted(old - new))))
    used_before, used_after = before["guide"]["used"], after["guide"]["used"]
    if used_before and used_after and set(used_before) != set(used_after):
        notes.append(t("followup.instrument.guide", before=", ".join(map(str, used_before)),
                       after=", ".join(map(str, used_after))))  # fmt: skip
    if recorded and recorded.get("codebook", {}).get("digest") not in (None, before["codebook"]["digest"]):
        notes.append(t("followup.instrument.baseline_changed"))
    surveys_before = {x["name"]: x for x in before.get("surveys", [])}
    for survey in after.get("surveys", []):
        templates = {x["template"] for x in surveys_before.values()}
        if survey["template"] and templates and survey["template"] not in templates:
            notes.append(t("followup.instrument.survey_template", name=survey["name"], template=survey["template"]))
    if surveys_before and after.get("surveys"):
        digests_before = {x["digest"] for x in surveys_before.values()}
        if not any(x["digest"] in digests_before for x in after["surveys"]):
            notes.append(t("followup.instrument.survey_questions"))
    if "checklist" in before and "checklist" in after:
        added = set(after["checklist"]["keys"]) - set(before["checklist"]["keys"])
        removed = set(before["checklist"]["keys"]) - set(after["checklist"]["keys"])
        if added or removed:
            notes.append(t("followup.instrument.checklist", added=len(added), removed=len(removed)))
    return notes
