"""REFI-QDA export: a scan as a ``.qdpx`` project or its codebook as ``.qdc``."""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from coding.codebook import Codebook as CodebookData
from models import schema as s
from models.auth import Actor
from models.content import codebook_data
from models.db import Database
from models.export_log import log_export, require_export
from models.refiqda.common import (
    AUTO_USER_ID,
    CODEBOOK_NS,
    MANUAL_USER_ID,
    ORIGIN,
    PROJECT_NS,
    SELECTION_NAME_CHARS,
    _color,
    _q,
    _scan_or_fail,
    _time,
    code_guid,
    guid,
    transcript_text,
)
from models.status import CodingSource, CodingStatus
from texts import t


# --- export ---------------------------------------------------------------------------
def _code_elements(parent: etree._Element, book: CodebookData, ns: str, notes: dict[str, list[str]]) -> None:
    codes = etree.SubElement(parent, _q("Codes", ns))

    def code(under: etree._Element, key: str, name: str, color: str, description: str) -> etree._Element:
        element = etree.SubElement(
            under, _q("Code", ns), guid=code_guid(key), name=name, isCodable="true", color=_color(color)
        )
        if description:
            etree.SubElement(element, _q("Description", ns)).text = description
        for note in notes.get(key, []):
            etree.SubElement(element, _q("NoteRef", ns), targetGUID=note)
        return element

    for pillar in book.pillars:
        element = code(codes, pillar.code, f"{pillar.code} {pillar.name}", pillar.color, pillar.description)
        for theme in pillar.themes:
            code(element, theme.code, theme.name, pillar.color, theme.description)


def build_project(
    db: Database, actor: Actor, scan_id: int, *, real_names: bool = False
) -> tuple[bytes, dict[str, str]]:
    """The ``project.qde`` XML of a scan and its source files (name → text)."""
    require_export(actor, scan_id, real_names=real_names)
    with db.session() as session:
        scan = _scan_or_fail(session, scan_id)
        book = codebook_data(session, scan.codebook_id)
        codes_by_id = {c.id: c for c in session.scalars(select(s.Code).where(s.Code.codebook_id == scan.codebook_id))}
        respondents = list(
            session.scalars(select(s.Respondent).where(s.Respondent.scan_id == scan_id).order_by(s.Respondent.id))
        )
        interviews = list(
            session.scalars(
                select(s.Interview)
                .where(s.Interview.scan_id == scan_id)
                .order_by(s.Interview.id)
                .options(
                    selectinload(s.Interview.participants),
                    selectinload(s.Interview.turns).selectinload(s.Turn.respondent),
                    selectinload(s.Interview.turns).selectinload(s.Turn.fragments).selectinload(s.Fragment.codings),
                )
            )
        )
        memos = list(session.scalars(select(s.Memo).where(s.Memo.scan_id == scan_id).order_by(s.Memo.id)))

        users: dict[tuple[str, str], str] = {}

        def user(source: str, name: str) -> str:
            name = name or (t("refiqda.auto_coder") if source == CodingSource.AUTO else actor.username)
            return users.setdefault((source, name), guid("user", source, name))

        note_refs: dict[tuple[str, int | str], list[str]] = defaultdict(list)
        code_strings = {c.id: c.code for c in codes_by_id.values()}
        for memo in memos:
            key: tuple[str, int | str] = (memo.target_type, memo.target_id)
            if memo.target_type == "code":
                key = ("code", code_strings.get(memo.target_id, ""))
            note_refs[key].append(guid("memo", scan_id, memo.id))

        root = etree.Element(_q("Project"), nsmap={None: PROJECT_NS})
        root.set("name", scan.name)
        root.set("origin", ORIGIN)
        root.set("creationDateTime", _time(scan.created_at))
        root.set("modifiedDateTime", _time(None))
        users_element = etree.SubElement(root, _q("Users"))
        codebook_element = etree.SubElement(root, _q("CodeBook"))
        code_notes = {str(k[1]): v for k, v in note_refs.items() if k[0] == "code"}
        _code_elements(codebook_element, book, PROJECT_NS, code_notes)

        variables = etree.SubElement(root, _q("Variables"))
        var_guids = {}
        for var in ("role", "department", "consent"):
            var_guids[var] = guid("variable", var)
            etree.SubElement(
                variables, _q("Variable"), guid=var_guids[var], name=t(f"refiqda.var.{var}"), typeOfVariable="Text"
            )

        sources_element = etree.Element(_q("Sources"))
        files: dict[str, str] = {}
        selections_of: dict[int, list[str]] = defaultdict(list)
        sources_of: dict[int, list[str]] = defaultdict(list)
        for interview in interviews:
            source_guid = guid("interview", scan_id, interview.id)
            for participant in interview.participants:
                sources_of[participant.id].append(source_guid)
            transcript = transcript_text(list(interview.turns), real_names=real_names)
            files[f"{source_guid}.txt"] = transcript.text
            source = etree.SubElement(
                sources_element,
                _q("TextSource"),
                guid=source_guid,
                name=interview.title,
                plainTextPath=f"internal://{source_guid}.txt",
                creationDateTime=_time(interview.created_at),
            )
            description = " · ".join((interview.date, interview.kind, interview.interviewer))
            if description.strip(" ·"):
                etree.SubElement(source, _q("Description")).text = description
            for turn in interview.turns:
                offset = transcript.turn_offsets.get(turn.id)
                if offset is None:
                    continue
                for fragment in turn.fragments:
                    selection_guid = guid("fragment", scan_id, fragment.id)
                    if turn.respondent_id is not None:
                        selections_of[turn.respondent_id].append(selection_guid)
                    name = (
                        fragment.text
                        if len(fragment.text) <= SELECTION_NAME_CHARS
                        else (fragment.text[: SELECTION_NAME_CHARS - 1].rstrip() + "…")
                    )
                    selection = etree.SubElement(
                        source,
                        _q("PlainTextSelection"),
                        guid=selection_guid,
                        name=name,
                        startPosition=str(offset + fragment.start),
                        endPosition=str(offset + fragment.end),
                        creationDateTime=_time(fragment.created_at),
                    )
                    for coding in sorted(fragment.codings, key=lambda c: c.id):
                        if coding.status != CodingStatus.ACCEPTED or coding.round_id is not None:
                            continue
                        coding_element = etree.SubElement(
                            selection,
                            _q("Coding"),
                            guid=guid("coding", scan_id, coding.id),
                            creatingUser=user(coding.source, coding.coder),
                            creationDateTime=_time(coding.created_at),
                        )
                        etree.SubElement(
                            coding_element, _q("CodeRef"), targetGUID=code_guid(code_strings[coding.code_id])
                        )
                    for note in note_refs.get(("fragment", fragment.id), []):
                        etree.SubElement(selection, _q("NoteRef"), targetGUID=note)
            for note in note_refs.get(("interview", interview.id), []):
                etree.SubElement(source, _q("NoteRef"), targetGUID=note)

        if respondents:
            cases = etree.SubElement(root, _q("Cases"))
            for respondent in respondents:
                case = etree.SubElement(
                    cases,
                    _q("Case"),
                    guid=guid("respondent", scan_id, respondent.id),
                    name=(respondent.real_name or respondent.code) if real_names else respondent.code,
                )
                for var in ("role", "department", "consent"):
                    value = etree.SubElement(case, _q("VariableValue"))
                    etree.SubElement(value, _q("VariableRef"), targetGUID=var_guids[var])
                    etree.SubElement(value, _q("TextValue")).text = str(getattr(respondent, var) or "")
                for source_guid in sources_of.get(respondent.id, []):
                    etree.SubElement(case, _q("SourceRef"), targetGUID=source_guid)
                for selection_guid in selections_of.get(respondent.id, []):
                    etree.SubElement(case, _q("SelectionRef"), targetGUID=selection_guid)
        if len(sources_element):
            root.append(sources_element)
        if memos:
            notes = etree.SubElement(root, _q("Notes"))
            for memo in memos:
                note = etree.SubElement(
                    notes,
                    _q("Note"),
                    guid=guid("memo", scan_id, memo.id),
                    name=memo.text.split("\n", 1)[0][:SELECTION_NAME_CHARS],
                    creatingUser=user("manual", memo.author),
                    creationDateTime=_time(memo.created_at),
                )
                etree.SubElement(note, _q("PlainTextContent")).text = memo.text
        etree.SubElement(root, _q("Description")).text = scan.organisation
        if not users:
            user("manual", actor.username)
        for (source, name), user_guid in users.items():
            etree.SubElement(
                users_element,
                _q("User"),
                guid=user_guid,
                name=name,
                id=f"{AUTO_USER_ID if source == 'auto' else MANUAL_USER_ID}:{name}",
            )
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml, files


def export_qdpx(db: Database, actor: Actor, scan_id: int, *, real_names: bool = False) -> bytes:
    """A REFI-QDA project archive: ``project.qde`` and ``sources/<guid>.txt`` in a zip."""
    xml, files = build_project(db, actor, scan_id, real_names=real_names)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        for name, text in files.items():
            archive.writestr(f"sources/{name}", text.encode("utf-8"))
    log_export(db, actor, scan_id, "qdpx", real_names=real_names, count=len(files))
    return buffer.getvalue()


def codebook_xml(book: CodebookData) -> bytes:
    """A codebook as REFI-QDA ``.qdc`` XML."""
    root = etree.Element(_q("CodeBook", CODEBOOK_NS), nsmap={None: CODEBOOK_NS})
    root.set("origin", ORIGIN)
    _code_elements(root, book, CODEBOOK_NS, {})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_qdc(db: Database, actor: Actor, scan_id: int) -> bytes:
    """The scan's codebook as a REFI-QDA ``.qdc`` file."""
    require_export(actor, scan_id, real_names=False)
    with db.session() as session:
        book = codebook_data(session, _scan_or_fail(session, scan_id).codebook_id)
    xml = codebook_xml(book)
    log_export(db, actor, scan_id, "qdc", count=len(book.themes()))
    return xml
