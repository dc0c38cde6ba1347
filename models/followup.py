"""A vervolgmeting linked to its nulmeting (issue 18).

:func:`create_followup` makes a new scan from a finished one: same organisation
and kind, ``measurement`` ``vervolgmeting``, ``baseline_scan_id`` set, a copy of
the nulmeting's codebook and checklist, its users assigned, and the versions of
every reused instrument recorded in ``scans.instruments`` so a later change of the
instrument shows in the comparison (:func:`instrument_changes`). It also copies into
``scans.instruments``:

* ``guide_version_id``: the guide version the nulmeting's interviews used, so the
  follow-up's interviews use the same guide by default
  (:func:`models.content.scan_guide`);
* ``surveys``: the structure of the nulmeting's surveys (questions, scales, pillar
  and theme as the analyst left them; no answers), against which the follow-up's
  survey import is matched (:func:`survey_structure`);
* ``actions``: a snapshot of the nulmeting's action plan (status and date of each
  action), so the comparison and the follow-up report show the status at the time of
  the follow-up and later edits of the plan do not rewrite it; :func:`snapshot_actions`
  takes it again on purpose (logged).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.survey.template import Template, TemplateQuestion
from models import followup_schema as f
from models import schema as s
from models.action_plan import EDIT, ActionView
from models.auth import Actor
from models.content import add_codebook, codebook_data
from models.db import Database
from models.errors import InputError, NotFound
from models.events import record_event
from models.status import INTERVIEW_KINDS
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
        guide_id = _baseline_guide(session, baseline.id)
        structures = _survey_structures(session, baseline.id)
        snapshot = _action_snapshot(session, actor, baseline.id)
        scan.instruments = {"baseline": reused, "copied_checklist_items": copied, "guide_version_id": guide_id,
                            "surveys": structures, "actions": snapshot}  # fmt: skip
        users = list(session.scalars(select(s.ScanAssignment.user_id).where(s.ScanAssignment.scan_id == baseline.id)))
        for user_id in users:
            session.add(s.ScanAssignment(user_id=user_id, scan_id=scan.id))
        record_event(session, actor, "scan.create_followup", entity="scan", entity_id=scan.id, scan_id=scan.id,
                     after={"name": name, "baseline_scan_id": baseline.id, "codebook_id": book.id,
                            "assigned_users": len(users), "checklist_items": copied, "guide_version_id": guide_id,
                            "survey_questions": sum(len(x["questions"]) for x in structures),
                            "actions": len(snapshot["actions"])})  # fmt: skip
        return scan.id


def _baseline_guide(session: Session, baseline_id: int) -> int | None:
    """The guide version most of the nulmeting's interviews used (the newest of a tie); else the latest guide."""
    used = Counter(
        int(gid)
        for gid in session.scalars(select(s.Interview.guide_version_id).where(
            s.Interview.scan_id == baseline_id, s.Interview.kind.in_(INTERVIEW_KINDS)))  # fmt: skip
        if gid is not None
    )
    if used:
        return max(used, key=lambda gid: (used[gid], gid))
    return session.scalar(select(func.max(s.GuideVersion.id)))


def _survey_structures(session: Session, baseline_id: int) -> list[dict[str, Any]]:
    """The nulmeting's surveys as structure only: per question code, text, type, scale labels, pillar, theme."""
    out = []
    for survey in session.scalars(select(s.Survey).where(s.Survey.scan_id == baseline_id).order_by(s.Survey.id)):
        questions = []
        rows = session.scalars(select(s.SurveyQuestion).where(s.SurveyQuestion.survey_id == survey.id)
                               .order_by(s.SurveyQuestion.position, s.SurveyQuestion.id))  # fmt: skip
        for row in rows:
            options = list((row.options or {}).get("options", []))
            questions.append({
                "code": row.code, "text": row.text, "type": row.type, "pillar": row.pillar, "theme": row.theme,
                "group": row.group_key, "group_text": row.group_text, "breakdown": row.breakdown,
                "template_code": row.template_code, "scale": (row.options or {}).get("scale"),
                "options": [str(o.get("label", "")) for o in options if not o.get("missing")],
                "missing": [str(o.get("label", "")) for o in options if o.get("missing")],
            })  # fmt: skip
        out.append({"name": survey.name, "template": survey.template_name, "questions": questions})
    return out


def survey_structure(db: Database, actor: Actor, scan_id: int) -> Template | None:
    """The nulmeting's survey structure copied into this vervolgmeting, as a template to match an import to.

    ``None`` for a nulmeting (or a follow-up made before structures were copied, or of a
    nulmeting without survey): the import then uses the shipped survey template.
    """
    actor.require("scan.view", scan_id)
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        structures = (scan.instruments or {}).get("surveys") or []
        baseline = session.get(s.Scan, scan.baseline_scan_id) if scan.baseline_scan_id else None
        baseline_name = baseline.name if baseline is not None else "?"
    questions: list[TemplateQuestion] = []
    seen: set[str] = set()
    for structure in structures:
        for q in structure.get("questions") or []:
            code = str(q.get("template_code") or q["code"])
            if code in seen:
                continue
            seen.add(code)
            questions.append(TemplateQuestion(
                code=code, text=str(q["text"]), type=str(q["type"]), pillar=str(q.get("pillar") or ""),
                theme=q.get("theme"), options=list(q.get("options") or []), missing=list(q.get("missing") or []),
                group=q.get("group"), group_text=q.get("group_text"), breakdown=q.get("breakdown"),
            ))  # fmt: skip
    if not questions:
        return None
    return Template(name=_structure_name(baseline_name, structures), questions=questions)


def _structure_name(baseline_name: str, structures: list[dict[str, Any]]) -> str:
    names = ", ".join(str(x.get("name", "")) for x in structures)
    return t("followup.survey_structure", baseline=baseline_name, surveys=names)[:200]


# --- the action plan's status at the time of the follow-up ----------------------------------
def _action_snapshot(session: Session, actor: Actor, baseline_id: int) -> dict[str, Any]:
    rows = session.scalars(select(f.Action).where(f.Action.scan_id == baseline_id).order_by(f.Action.number,
                                                                                              f.Action.id))  # fmt: skip
    actions = [
        {"id": row.id, "recommendation_id": row.recommendation_id, "number": row.number, "pillar": row.pillar,
         "title": row.title, "owner_role": row.owner_role, "deadline": row.deadline, "status": row.status,
         "notes": row.notes, "status_date": row.updated_at.date().isoformat() if row.updated_at else ""}
        for row in rows
    ]  # fmt: skip
    return {"taken_at": datetime.now(UTC).isoformat(timespec="seconds"), "taken_by": actor.username,
            "actions": actions}  # fmt: skip


def _snapshot_views(scan_id: int, snapshot: dict[str, Any]) -> list[ActionView]:
    return [
        ActionView(int(a["id"]), scan_id, a.get("recommendation_id"), int(a["number"]), str(a["pillar"]),
                   str(a["title"]), str(a.get("owner_role") or ""), None, str(a.get("deadline") or ""),
                   str(a["status"]), str(a.get("notes") or ""))  # fmt: skip
        for a in snapshot.get("actions") or []
    ]


def recorded_actions(db: Database, actor: Actor, scan_id: int) -> tuple[list[ActionView], str] | None:
    """The nulmeting's actions as recorded for this vervolgmeting and the date they were taken (``JJJJ-MM-DD``).

    ``None`` when no snapshot was taken (a follow-up made before snapshots existed): the
    caller then shows the plan's current status.
    """
    actor.require(EDIT, scan_id)
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        if scan.baseline_scan_id is not None:
            actor.require(EDIT, scan.baseline_scan_id)
        snapshot = (scan.instruments or {}).get("actions")
        baseline_id = scan.baseline_scan_id
    if snapshot is None or baseline_id is None:
        return None
    return _snapshot_views(baseline_id, snapshot), str(snapshot.get("taken_at", ""))[:10]


def followup_scan(session: Session, actor: Actor, scan_id: int) -> tuple[s.Scan, int]:
    """The vervolgmeting ``scan_id`` and its nulmeting's id, once ``actor`` may also edit the nulmeting.

    Raises:
        NotFound: no such scan.
        InputError: the scan is no follow-up.
        PermissionDenied: the actor may not edit the nulmeting.
    """
    scan = session.get(s.Scan, scan_id)
    if scan is None:
        raise NotFound("scan", scan_id)
    if scan.baseline_scan_id is None:
        raise InputError(t("followup.error.no_baseline", name=scan.name, baseline="?"))
    actor.require(EDIT, scan.baseline_scan_id)
    return scan, scan.baseline_scan_id


def snapshot_actions(db: Database, actor: Actor, scan_id: int) -> int:
    """Record the nulmeting's action plan as it is now for the vervolgmeting ``scan_id`` (logged); returns the count.

    Meant for when the follow-up's fieldwork starts later than the scan was created; the
    previous snapshot is kept in the event log.
    """
    actor.require(EDIT, scan_id)
    with db.session() as session:
        scan, baseline_id = followup_scan(session, actor, scan_id)
        instruments = dict(scan.instruments or {})
        before = instruments.get("actions")
        snapshot = _action_snapshot(session, actor, baseline_id)
        instruments["actions"] = snapshot
        scan.instruments = instruments
        record_event(session, actor, "followup.actions_snapshot", entity="scan", entity_id=scan.id, scan_id=scan.id,
                     before=before, after=snapshot)  # fmt: skip
        return len(snapshot["actions"])


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
        baseline = session.get(s.Scan, baseline_scan_id)
        structures = ((scan.instruments or {}).get("surveys") if scan is not None else None) or []
        copied = _structure_name(baseline.name, structures) if baseline is not None and structures else None
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
        templates = {x["template"] for x in surveys_before.values()} | ({copied} if copied else set())
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
