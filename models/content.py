"""Stored codebooks and interview guides (the 'Inhoud' screen), as plain data.

The types themselves (:class:`coding.codebook.Codebook`, :class:`~coding.codebook.Guide`)
live in ``coding``; this module reads and writes their rows. Every scan gets its own
copy of the template codebook; an edited guide becomes a new version.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from coding.codebook import Codebook as CodebookData
from coding.codebook import Guide, Pillar, Theme, default_codebook, default_guide
from models import schema as s
from models.auth import Actor
from models.db import Database
from models.errors import NotFound
from models.events import record_event


def ensure_defaults(db: Database) -> None:
    """Load the shipped codebook and guide on first start (idempotent)."""
    with db.session() as session:
        if session.scalar(select(func.count()).select_from(s.GuideVersion)) == 0:
            guide = default_guide()
            session.add(s.GuideVersion(name=guide.name, version=guide.version, content=guide.to_dict()))
        if session.scalar(select(func.count()).select_from(s.Codebook)) == 0:
            add_codebook(session, default_codebook())


def add_codebook(session: Session, codebook: CodebookData) -> s.Codebook:
    """Store ``codebook``: its pillars in one INSERT, then every theme under its pillar in a second one."""
    row = s.Codebook(name=codebook.name, version=codebook.version)
    session.add(row)
    session.flush()

    def values(item: Pillar | Theme, pillar: Pillar, position: int, parent_id: int | None) -> dict[str, Any]:
        return {
            "codebook_id": row.id,
            "parent_id": parent_id,
            "code": item.code,
            "name": item.name,
            "description": item.description,
            "keywords": list(item.keywords),
            "color": pillar.color,
            "position": position,
        }

    positions, position = [], 0
    for pillar in codebook.pillars:  # a pillar, then its themes: the order the codebook is read in
        positions.append(position)
        position += 1 + len(pillar.themes)
    pillar_rows = [values(p, p, at, None) for p, at in zip(codebook.pillars, positions, strict=True)]
    if not pillar_rows:
        return row
    ids = session.scalars(
        insert(s.Code).returning(s.Code.id, sort_by_parameter_order=True), pillar_rows
    ).all()
    theme_rows = [
        values(theme, pillar, at + 1 + index, pillar_id)
        for pillar, at, pillar_id in zip(codebook.pillars, positions, ids, strict=True)
        for index, theme in enumerate(pillar.themes)
    ]
    if theme_rows:
        session.execute(insert(s.Code), theme_rows)
    return row


def template_codebook_id(session: Session) -> int:
    """The codebook new scans copy: the first one (the shipped default)."""
    found = session.scalar(select(s.Codebook.id).order_by(s.Codebook.id).limit(1))
    if found is None:
        raise NotFound("template_codebook")
    return found


def load_codebook(db: Database, codebook_id: int) -> CodebookData:
    """A stored codebook as plain data (what the auto-coder and exports read)."""
    with db.session() as session:
        return codebook_data(session, codebook_id)


def codebook_data(session: Session, codebook_id: int) -> CodebookData:
    row = session.get(s.Codebook, codebook_id)
    if row is None:
        raise NotFound("codebook", codebook_id)
    codes = session.scalars(select(s.Code).where(s.Code.codebook_id == codebook_id).order_by(s.Code.position)).all()
    parents = {c.id: c for c in codes if c.parent_id is None}
    raw = {
        "name": row.name,
        "version": row.version,
        "pillars": [
            {
                "code": p.code,
                "name": p.name,
                "description": p.description,
                "color": p.color,
                "keywords": list(p.keywords or []),
                "themes": [
                    {
                        "code": c.code,
                        "name": c.name,
                        "description": c.description,
                        "keywords": list(c.keywords or []),
                    }
                    for c in codes
                    if c.parent_id == p.id
                ],
            }
            for p in parents.values()
        ],
    }
    return CodebookData.from_dict(raw)


def save_codebook(db: Database, actor: Actor, codebook_id: int, new: CodebookData) -> list[str]:
    """Replace a stored codebook's codes by ``new``; returns the codes that changed.

    Codes keep their ids when their code string stays, so codings survive a
    rename or a new description. Removed themes are deleted with their
    codings. The caller marks auto suggestions of changed codes stale.
    """
    actor.require("content.edit")
    new.validate()
    with db.session() as session:
        old = codebook_data(session, codebook_id)
        rows = {c.code: c for c in session.scalars(select(s.Code).where(s.Code.codebook_id == codebook_id))}
        changed: list[str] = []
        position = 0
        for pillar in new.pillars:
            parent = rows[pillar.code]
            if (parent.name, parent.description, list(parent.keywords or []), parent.color) != (
                pillar.name,
                pillar.description,
                pillar.keywords,
                pillar.color,
            ):
                changed.append(pillar.code)
            parent.name, parent.description = pillar.name, pillar.description
            parent.keywords, parent.color, parent.position = list(pillar.keywords), pillar.color, position
            position += 1
            for theme in pillar.themes:
                row = rows.get(theme.code)
                if row is None:
                    row = s.Code(codebook_id=codebook_id, code=theme.code, parent_id=parent.id)
                    session.add(row)
                    changed.append(theme.code)
                elif (row.name, row.description, list(row.keywords or [])) != (
                    theme.name,
                    theme.description,
                    theme.keywords,
                ):
                    changed.append(theme.code)
                row.name, row.description, row.keywords = theme.name, theme.description, list(theme.keywords)
                row.color, row.position, row.parent_id = pillar.color, position, parent.id
                position += 1
        keep = {th.code for th in new.themes()} | {p.code for p in new.pillars}
        for code, row in rows.items():
            if code not in keep:
                changed.append(code)
                session.delete(row)
        book = session.get(s.Codebook, codebook_id)
        assert book is not None
        if changed:
            book.version += 1
            book.name = new.name
        record_event(
            session,
            actor,
            "codebook.edit",
            entity="codebook",
            entity_id=codebook_id,
            before={"version": old.version, "changed": changed},
            after={"version": book.version},
        )
    return changed


def latest_guide(db: Database) -> tuple[int, Guide]:
    """The newest guide version: its row id and its content."""
    with db.session() as session:
        row = session.scalars(select(s.GuideVersion).order_by(s.GuideVersion.id.desc()).limit(1)).one()
        return row.id, Guide.from_dict(row.content)


def scan_guide(db: Database, scan_id: int) -> tuple[int, Guide]:
    """The guide new interviews of a scan use: the version a vervolgmeting copied from its nulmeting, else the newest."""
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        copied = (scan.instruments or {}).get("guide_version_id") if scan is not None else None
        row = session.get(s.GuideVersion, int(copied)) if copied else None
        if row is not None:
            return row.id, Guide.from_dict(row.content)
    return latest_guide(db)


def guide_version(db: Database, guide_version_id: int) -> Guide:
    with db.session() as session:
        row = session.get(s.GuideVersion, guide_version_id)
        if row is None:
            raise NotFound("guide", guide_version_id)
        return Guide.from_dict(row.content)


def save_guide(db: Database, actor: Actor, guide: Guide) -> int:
    """Store an edited guide as a new version; past interviews keep theirs."""
    actor.require("content.edit")
    with db.session() as session:
        last = session.scalar(select(func.max(s.GuideVersion.version)).where(s.GuideVersion.name == guide.name))
        guide.version = (last or 0) + 1
        row = s.GuideVersion(name=guide.name, version=guide.version, content=guide.to_dict(), created_by=actor.username)
        session.add(row)
        session.flush()
        record_event(session, actor, "guide.edit", entity="guide", entity_id=row.id, after={"version": guide.version})
        return row.id
