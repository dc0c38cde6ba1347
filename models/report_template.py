"""The report's structure edited in the app (issue 17): rename, reorder, add and remove sections.

A report starts with a copy of the shipped template (``data/report_template.yaml``,
see :mod:`models.report_outline`). An analyst or admin of the scan changes it here,
as a table (:func:`template_rows` / :func:`template_from_rows`, one row per section,
for ``st.data_editor``) or as an uploaded YAML file (:func:`parse_template_yaml`).
Every save is checked first (nothing is stored when the structure is wrong, with a
Dutch message) and kept as a new version in ``report_template_versions``; saving is
optimistic like a section's text: a save based on an older version is refused.

A section is known by its key: renaming its title or moving it keeps its text;
removing it leaves the text stored (adding the key again brings it back).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import yaml
from sqlalchemy import select

from coding.codebook import load_yaml
from models import report_schema as r
from models.auth import Actor
from models.db import Database
from models.events import record_event
from models.report_outline import GENERATORS, KINDS, ReportError, validate_template
from models.reports import _report_row
from texts import WeerbaarError, t

COLUMNS = ("position", "chapter", "chapter_title", "key", "title", "kind", "generator", "per_theme")
MAX_YAML_CHARS = 200_000


@dataclass
class TemplateVersionView:
    version: int
    template: dict[str, Any]
    saved_by: str
    saved_at: datetime

    @property
    def summary(self) -> str:
        return " · ".join(str(chapter.get("title", "")) for chapter in self.template.get("chapters") or [])


# --- pure: table rows <-> template ------------------------------------------------------
def template_rows(template: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per section in report order, with its chapter (the table the analyst edits)."""
    rows: list[dict[str, Any]] = []
    for chapter in template.get("chapters") or []:
        for section in chapter.get("sections") or []:
            rows.append({
                "position": len(rows) + 1, "chapter": str(chapter["key"]), "chapter_title": str(chapter["title"]),
                "key": str(section["key"]), "title": str(section.get("title") or ""), "kind": str(section["kind"]),
                "generator": str(section.get("generator") or ""), "per_theme": bool(section.get("per_theme")),
            })  # fmt: skip
    return rows


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):  # NaN from an emptied table cell
        return ""
    return " ".join(str(value).split())


def template_from_rows(rows: list[dict[str, Any]], base: dict[str, Any]) -> dict[str, Any]:
    """The template the table describes: rows ordered by ``position`` (then as given), grouped into chapters
    in order of their first row. A chapter keeps its settings (numbered, per pillar, only in a nulmeting or
    vervolgmeting) from ``base``; a new chapter is unnumbered and appears once. Checked by :func:`check_template`."""
    by_key = {str(c["key"]): c for c in base.get("chapters") or []}
    indexed = []
    for index, row in enumerate(rows):
        try:
            given = row.get("position")
            position = float(given if given not in (None, "") else index + 1)
        except (TypeError, ValueError):
            raise ReportError(
                "template_edit", detail=t("report.template.bad_position", value=row.get("position"))
            ) from None
        if position != position:  # NaN: a new row without a position goes last
            position = float(len(rows) + index + 1)
        indexed.append((position, index, row))
    chapters: dict[str, dict[str, Any]] = {}
    for _, _, row in sorted(indexed, key=lambda item: (item[0], item[1])):
        chapter_key, key = _text(row.get("chapter")), _text(row.get("key"))
        if not chapter_key and not key and not _text(row.get("title")):
            continue  # an empty row the table added
        if not chapter_key:
            raise ReportError("template_edit", detail=t("report.template.no_chapter", section=key or "?"))
        chapter = chapters.get(chapter_key)
        if chapter is None:
            known = by_key.get(chapter_key, {})
            chapter = {k: copy.deepcopy(v) for k, v in known.items() if k != "sections"} or {"numbered": False}
            chapter["key"] = chapter_key
            chapter["title"] = _text(row.get("chapter_title")) or str(known.get("title") or "")
            chapter["sections"] = []
            chapters[chapter_key] = chapter
        section: dict[str, Any] = {"key": key, "kind": _text(row.get("kind"))}
        if _text(row.get("title")):
            section["title"] = _text(row.get("title"))
        if _text(row.get("generator")):
            section["generator"] = _text(row.get("generator"))
        if row.get("per_theme") is True or str(row.get("per_theme")).lower() in ("true", "1", "ja"):
            section["per_theme"] = True
        chapter["sections"].append(section)
    out = {k: copy.deepcopy(v) for k, v in base.items() if k != "chapters"}
    out["chapters"] = list(chapters.values())
    check_template(out)
    return out


def check_template(template: dict[str, Any]) -> None:
    """Raise :class:`ReportError` ``template_edit`` with a Dutch reason when the structure cannot be used."""
    chapters = template.get("chapters")
    if not isinstance(chapters, list) or not chapters:
        raise ReportError("template_edit", detail=t("report.template.empty"))
    keys: set[str] = set()
    for chapter in chapters:
        if not isinstance(chapter, dict) or not _text(chapter.get("key")):
            raise ReportError("template_edit", detail=t("report.template.no_chapter", section="?"))
        if not _text(chapter.get("title")):
            raise ReportError("template_edit", detail=t("report.template.no_chapter_title", chapter=chapter["key"]))
        if str(chapter["key"]) in keys:
            raise ReportError("template_edit", detail=t("report.template.duplicate_chapter", chapter=chapter["key"]))
        keys.add(str(chapter["key"]))
        for section in chapter.get("sections") or []:
            key, kind = _text(section.get("key")), _text(section.get("kind"))
            if not key:
                raise ReportError("template_edit", detail=t("report.template.no_key", chapter=chapter["key"]))
            if kind not in KINDS:
                raise ReportError("template_edit", detail=t("report.template.kind", section=key, kind=kind or "-",
                                                            kinds=", ".join(KINDS)))  # fmt: skip
            if kind == "generated" and section.get("generator") not in GENERATORS:
                raise ReportError("template_edit", detail=t("report.template.generator", section=key,
                                                            generators=", ".join(GENERATORS)))  # fmt: skip
            if not chapter.get("per_pillar") and (section.get("per_theme") or kind == "recommendations"):
                raise ReportError("template_edit", detail=t("report.template.per_pillar", section=key))
    try:
        validate_template(template)
    except ReportError as error:
        raise ReportError("template_edit", detail=t("report.template.duplicate_key",
                                                    section=error.values.get("detail", "?"))) from error  # fmt: skip


def template_yaml(template: dict[str, Any]) -> str:
    """The template as YAML (to download, change and upload again, or to use for another scan)."""
    return yaml.safe_dump(template, allow_unicode=True, sort_keys=False)


def parse_template_yaml(text: str) -> dict[str, Any]:
    """An uploaded template, checked; a Dutch :class:`ReportError` for anything that is not a usable template."""
    if len(text) > MAX_YAML_CHARS:
        raise ReportError("template_edit", detail=t("report.template.too_long"))
    try:
        raw = load_yaml(text)
    except WeerbaarError as error:
        raise ReportError("template_edit", detail=error.message()) from error
    check_template(raw)
    return raw


# --- stored: versions ------------------------------------------------------------------------
def current_template(db: Database, actor: Actor, report_id: int) -> tuple[dict[str, Any], int]:
    """The report's template now and its version number."""
    with db.session() as session:
        report = _report_row(session, actor, report_id)
        return copy.deepcopy(dict(report.template)), int(report.template_version or 1)


def template_versions(db: Database, actor: Actor, report_id: int) -> list[TemplateVersionView]:
    """Every saved structure of the report, newest first."""
    with db.session() as session:
        _report_row(session, actor, report_id)
        rows = session.scalars(select(r.ReportTemplateVersion).where(r.ReportTemplateVersion.report_id == report_id)
                               .order_by(r.ReportTemplateVersion.version.desc()))  # fmt: skip
        return [TemplateVersionView(v.version, dict(v.template), v.saved_by, v.saved_at) for v in rows]


def _keys(template: dict[str, Any]) -> list[str]:
    return [f"{c['key']}/{s['key']}" for c in template.get("chapters") or [] for s in c.get("sections") or []]


def save_template(db: Database, actor: Actor, report_id: int, template: dict[str, Any], *, base_version: int) -> int:
    """Store ``template`` as the report's structure (a new version, logged); returns the version number.

    Raises:
        ReportError: ``template_edit`` when the structure is wrong, ``template_conflict`` when someone
            saved another structure after ``base_version``; nothing is stored.
    """
    with db.session() as session:
        report = _report_row(session, actor, report_id)
        check_template(template)
        current = int(report.template_version or 1)
        if current != base_version:
            last = session.scalar(select(r.ReportTemplateVersion.saved_by).where(
                r.ReportTemplateVersion.report_id == report_id, r.ReportTemplateVersion.version == current))  # fmt: skip
            raise ReportError("template_conflict", version=current, author=last or "-")
        if template == report.template:
            return current
        before = dict(report.template)
        version = current + 1
        session.add(r.ReportTemplateVersion(report_id=report_id, version=version, template=copy.deepcopy(template),
                                            saved_by=actor.username))  # fmt: skip
        report.template = copy.deepcopy(template)
        report.template_version = version
        record_event(session, actor, "report.template.save", entity="report", entity_id=report_id,
                     scan_id=report.scan_id, before={"version": current, "sections": _keys(before)},
                     after={"version": version, "sections": _keys(template)})  # fmt: skip
        return version
