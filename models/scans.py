"""Scans and their respondents (pseudonym codes R01, R02, …).

Each function checks the actor's permission, commits its own transaction and
appends to the event log.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select

from models import schema as s
from models.auth import Actor
from models.content import add_codebook, codebook_data, template_codebook_id
from models.db import Database
from models.errors import InputError, NotFound
from models.events import record_event
from models.status import Consent
from texts import t

SCAN_KINDS = ("gemeente", "provincie", "omgevingsdienst", "anders")


MEASUREMENTS = ("nulmeting", "vervolgmeting")


CONSENTS = tuple(Consent)


def create_scan(
    db: Database,
    actor: Actor,
    *,
    name: str,
    organisation: str,
    kind: str,
    period: str = "",
    measurement: str = "nulmeting",
) -> int:
    """Create a scan with its own copy of the template codebook."""
    actor.require("scan.create")
    name, organisation = name.strip(), organisation.strip()
    if not name or not organisation:
        raise InputError(t("scan.error.required"))
    if kind not in SCAN_KINDS or measurement not in MEASUREMENTS:
        raise InputError(t("scan.error.kind"))
    with db.session() as session:
        if session.scalar(select(s.Scan.id).where(s.Scan.name == name)) is not None:
            raise InputError(t("scan.error.exists", name=name))
        template = codebook_data(session, template_codebook_id(session))
        book = add_codebook(session, template)
        scan = s.Scan(
            name=name,
            organisation=organisation,
            kind=kind,
            period=period.strip(),
            measurement=measurement,
            codebook_id=book.id,
            created_by=actor.username,
        )
        session.add(scan)
        session.flush()
        record_event(
            session, actor, "scan.create", entity="scan", entity_id=scan.id, scan_id=scan.id, after={"name": name}
        )
        return scan.id


def list_scans(db: Database, actor: Actor) -> list[s.Scan]:
    """Scans the actor may see, newest first."""
    with db.session() as session:
        query = select(s.Scan).order_by(s.Scan.id.desc())
        if not actor.sees_every_scan and actor.scan_ids is not None:
            query = query.where(s.Scan.id.in_(actor.scan_ids))
        return list(session.scalars(query))


def scan_by_name(db: Database, name: str) -> s.Scan | None:
    with db.session() as session:
        return session.scalar(select(s.Scan).where(s.Scan.name == name))


def get_scan(db: Database, actor: Actor, scan_id: int) -> s.Scan:
    actor.require("scan.view", scan_id)
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        return scan


def add_respondent(
    db: Database,
    actor: Actor,
    scan_id: int,
    *,
    role: str,
    department: str = "",
    consent: str = Consent.YES,
    real_name: str | None = None,
) -> s.Respondent:
    """Add a respondent with a generated pseudonym code (R01, R02, …).

    Everyone who may edit respondents records the consent given at intake; only
    admins may store a real name.
    """
    actor.require("respondent.edit", scan_id)
    if (real_name or "").strip():
        actor.require("respondent.real_name", scan_id)
    role = role.strip()
    if not role:
        raise InputError(t("respondent.error.role"))
    if consent not in CONSENTS:
        raise InputError(t("respondent.error.consent"))
    with db.session() as session:
        count = session.scalar(select(func.count()).select_from(s.Respondent).where(s.Respondent.scan_id == scan_id))
        code = f"R{(count or 0) + 1:02d}"
        while session.scalar(select(s.Respondent.id).where(s.Respondent.scan_id == scan_id, s.Respondent.code == code)):
            code = f"R{int(code[1:]) + 1:02d}"
        respondent = s.Respondent(
            scan_id=scan_id,
            code=code,
            role=role,
            department=department.strip(),
            consent=consent,
            real_name=(real_name or "").strip() or None,
        )
        session.add(respondent)
        session.flush()
        record_event(
            session,
            actor,
            "respondent.create",
            entity="respondent",
            entity_id=respondent.id,
            scan_id=scan_id,
            after={
                "code": code,
                "role": role,
                "department": respondent.department,
                "consent": consent,
                **({"real_name": "vastgelegd"} if respondent.real_name else {}),
            },
        )
        return respondent


def update_respondent(db: Database, actor: Actor, respondent_id: int, **changes: Any) -> None:
    """Change role, department, consent or real name of a respondent.

    Role and department: whoever may edit respondents. Consent: analysts and
    admins (``respondent.consent``). Real name: admins only; the event records
    that the name changed, never the name itself.
    """
    allowed = {"role", "department", "consent", "real_name"}
    with db.session() as session:
        respondent = session.get(s.Respondent, respondent_id)
        if respondent is None:
            raise NotFound("respondent", respondent_id)
        actor.require("respondent.edit", respondent.scan_id)
        if "consent" in changes and changes["consent"] != respondent.consent:
            actor.require("respondent.consent", respondent.scan_id)
        if "real_name" in changes and (changes["real_name"] or None) != respondent.real_name:
            actor.require("respondent.real_name", respondent.scan_id)
        if "consent" in changes and changes["consent"] not in CONSENTS:
            raise InputError(t("respondent.error.consent"))
        before: dict[str, Any] = {k: getattr(respondent, k) for k in changes if k in allowed and k != "real_name"}
        after: dict[str, Any] = {k: v for k, v in changes.items() if k in allowed and k != "real_name"}
        if "real_name" in changes and (changes["real_name"] or None) != respondent.real_name:
            before["real_name"] = "vastgelegd" if respondent.real_name else "geen"
            after["real_name"] = "gewijzigd" if changes["real_name"] else "verwijderd"
        for key, value in changes.items():
            if key in allowed:
                setattr(respondent, key, (value or None) if key == "real_name" else value)
        record_event(
            session,
            actor,
            "respondent.edit",
            entity="respondent",
            entity_id=respondent_id,
            scan_id=respondent.scan_id,
            before=before,
            after=after,
        )


def list_respondents(db: Database, actor: Actor, scan_id: int) -> list[s.Respondent]:
    actor.require("scan.view", scan_id)
    with db.session() as session:
        return list(
            session.scalars(select(s.Respondent).where(s.Respondent.scan_id == scan_id).order_by(s.Respondent.id))
        )


def respondent_label(respondent: s.Respondent | None) -> str:
    """How a respondent is shown everywhere outside the respondent screen: code and role."""
    if respondent is None:
        return t("speaker.unknown")
    return f"{respondent.code} ({respondent.role})"


def delete_scan(db: Database, actor: Actor, scan_id: int) -> None:
    """Delete a scan with everything in it (logged)."""
    actor.require("scan.create")
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            return
        codebook_id = scan.codebook_id
        record_event(session, actor, "scan.delete", entity="scan", entity_id=scan_id, before={"name": scan.name})
        # the database's ON DELETE CASCADE removes what is in the scan (an ORM delete would try
        # to null interviews.scan_id and codes.codebook_id, which are NOT NULL)
        session.execute(delete(s.Scan).where(s.Scan.id == scan_id))
        unused = session.scalar(select(s.Scan.id).where(s.Scan.codebook_id == codebook_id)) is None
        if unused and codebook_id != template_codebook_id(session):
            session.execute(delete(s.Codebook).where(s.Codebook.id == codebook_id))
