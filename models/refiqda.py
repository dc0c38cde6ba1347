"""REFI-QDA exchange: projects (``.qdpx``) and codebooks (``.qdc``) for ATLAS.ti, NVivo, MAXQDA.

The schemas are the ones printed in the REFI-QDA 1.5 specification
(``data/refi-qda/Project-mrt2019.xsd`` and ``Codebook-mrt2019.xsd``); every
export validates against them (see the tests).

How Weerbaar maps onto the standard:

* each interview is a ``TextSource`` whose plain text (``sources/<guid>.txt``,
  UTF-8, ``\\n`` line ends) is the transcript: turns in order, each as
  ``Speaker: text``, separated by a blank line. The speaker is ``Interviewer``,
  the respondent's pseudonym code (their real name only with ``real_names``),
  or the turn's own speaker label;
* each fragment is a ``PlainTextSelection``; its positions are code-point
  offsets into that text (end exclusive), i.e. the turn's offset in the
  transcript plus the fragment's offsets in the turn;
* accepted codings (not those of agreement rounds) are ``Coding`` elements;
  each coder is a ``User`` (the auto-coder its own user, ``id`` starting with
  ``weerbaar-auto``). Suggestions and rejections are not exported;
* pillars are top-level ``Code`` elements named ``BEW Bewustwording en
  organisatie``, themes their children, with descriptions and colours;
* respondents are ``Case`` elements with text variables Functie, Afdeling and
  Toestemming and references to their interviews and fragments;
* memos are ``Note`` elements referenced (``NoteRef``) from the selection,
  source or code they belong to.

GUIDs are stable: uuid5 of a fixed namespace and the row's identity, so the
same scan exports the same GUIDs every time. Turn kinds (question, probe,
own) and auto-coder confidences have no place in the standard and are not
carried over. Import collects Dutch warnings for everything it cannot carry
over (non-text sources, sets, graphs, links, other variables, …), as the
standard asks.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coding.codebook import PILLAR_CODES
from coding.codebook import Codebook as CodebookData
from coding.codebook import Pillar as PillarData
from coding.codebook import Theme as ThemeData
from coding.embedders.cache import text_hash
from models import schema as s
from models.auth import Actor
from models.content import codebook_data, save_codebook
from models.db import Database
from models.errors import InputError
from models.events import record_event
from models.scans import create_scan
from texts import t

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "refi-qda"
PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "Weerbaar 0.1.0"
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://weerbaar.nl/refi-qda")
AUTO_USER_ID = "weerbaar-auto"
MANUAL_USER_ID = "weerbaar-manual"
TURN_SEPARATOR = "\n\n"
BLOCK_BREAK = re.compile(r"\n\n(?=[^\n])")
SPEAKER_RE = re.compile(r"^([^\n:]{1,60}): ")
RGB_RE = re.compile(r"^#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
SELECTION_NAME_CHARS = 60


def guid(*parts: object) -> str:
    """A stable GUID for a row: uuid5 of the Weerbaar namespace and ``parts``."""
    return str(uuid.uuid5(GUID_NAMESPACE, ":".join(str(p) for p in parts)))


def code_guid(code: str) -> str:
    """GUID of a pillar or theme, from its code string (the same in every scan)."""
    return guid("code", code)


def _q(tag: str, ns: str = PROJECT_NS) -> str:
    return f"{{{ns}}}{tag}"


def _time(value: datetime | None) -> str:
    value = value or datetime.now(UTC)
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _color(value: str) -> str:
    return value if RGB_RE.match(value or "") else "#888888"


_SCHEMAS: dict[str, etree.XMLSchema] = {}


def schema(kind: str) -> etree.XMLSchema:
    """The XML schema ``project`` or ``codebook`` from ``data/refi-qda``."""
    if kind not in _SCHEMAS:
        name = {"project": "Project-mrt2019.xsd", "codebook": "Codebook-mrt2019.xsd"}[kind]
        _SCHEMAS[kind] = etree.XMLSchema(etree.parse(str(SCHEMA_DIR / name)))
    return _SCHEMAS[kind]


def validate(xml: bytes, kind: str) -> list[str]:
    """Schema errors of a ``.qde`` (``project``) or ``.qdc`` (``codebook``) document; empty when valid."""
    validator = schema(kind)
    document = etree.fromstring(xml)
    if validator.validate(document):
        return []
    return [f"{e.line}: {e.message}" for e in validator.error_log]


# --- transcript text ---------------------------------------------------------------
@dataclass
class TranscriptText:
    """The plain text of an interview and where each turn's text starts in it."""

    text: str
    turn_offsets: dict[int, int]


def speaker_name(turn: s.Turn, *, real_names: bool = False) -> str:
    if turn.speaker_role == "interviewer":
        return t("refiqda.interviewer")
    if turn.respondent is not None:
        return (turn.respondent.real_name or turn.respondent.code) if real_names else turn.respondent.code
    return (turn.speaker_label or "").replace(":", " ").replace("\n", " ").strip()[:60] or t("refiqda.unknown_speaker")


def transcript_text(turns: list[s.Turn], *, real_names: bool = False) -> TranscriptText:
    """Concatenate turns as ``Speaker: text`` blocks separated by a blank line.

    ``turn_offsets[turn.id]`` is the code-point offset of the turn's text in
    the result, so a fragment's selection is ``offset + start`` to ``offset + end``.
    """
    parts: list[str] = []
    offsets: dict[int, int] = {}
    length = 0
    for turn in turns:
        if not turn.text.strip():
            continue
        if parts:
            parts.append(TURN_SEPARATOR)
            length += len(TURN_SEPARATOR)
        prefix = f"{speaker_name(turn, real_names=real_names)}: "
        offsets[turn.id] = length + len(prefix)
        block = prefix + turn.text
        parts.append(block)
        length += len(block)
    return TranscriptText("".join(parts), offsets)


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


def _scan_or_fail(session: Session, scan_id: int) -> s.Scan:
    scan = session.get(s.Scan, scan_id)
    if scan is None:
        raise LookupError(scan_id)
    return scan


def build_project(
    db: Database, actor: Actor, scan_id: int, *, real_names: bool = False
) -> tuple[bytes, dict[str, str]]:
    """The ``project.qde`` XML of a scan and its source files (name → text)."""
    from models.exports import require_export

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
            name = name or (t("refiqda.auto_coder") if source == "auto" else actor.username)
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
                        if coding.status != "accepted" or coding.round_id is not None:
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
    from models.exports import log_export

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
    from models.exports import log_export, require_export

    require_export(actor, scan_id, real_names=False)
    with db.session() as session:
        book = codebook_data(session, _scan_or_fail(session, scan_id).codebook_id)
    xml = codebook_xml(book)
    log_export(db, actor, scan_id, "qdc", count=len(book.themes()))
    return xml


# --- import ---------------------------------------------------------------------------
@dataclass
class ImportResult:
    """What an import created and what it could not carry over (Dutch warnings)."""

    scan_id: int | None = None
    scan_name: str = ""
    sources: int = 0
    fragments: int = 0
    codings: int = 0
    codes: int = 0
    warnings: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")
    return slug[:60] or "thema"


@dataclass
class _CodeMap:
    """How imported code GUIDs map onto Weerbaar code strings."""

    codebook: CodebookData
    by_guid: dict[str, str]
    unmapped: int = 0


def _read_codes(codes_element: etree._Element | None, ns: str, template: CodebookData, warnings: list[str]) -> _CodeMap:
    """Match imported codes to the five pillars and their themes (by GUID, code prefix or name)."""
    pillars = {
        p.code: PillarData(p.code, p.name, p.description, p.color, list(p.keywords), []) for p in template.pillars
    }
    template_themes = {th.code: th for th in template.themes()}
    by_guid: dict[str, str] = {}
    seen_themes: set[str] = set()
    result = _CodeMap(CodebookData(template.name, template.version, list(pillars.values())), by_guid)
    if codes_element is None:
        return result
    pillar_guids = {code_guid(code): code for code in PILLAR_CODES}
    pillar_names = {p.name.casefold(): p.code for p in template.pillars}

    def descendants(element: etree._Element) -> list[etree._Element]:
        return list(element.iter(_q("Code", ns)))[1:]

    for top in codes_element.findall(_q("Code", ns)):
        name = top.get("name", "")
        pillar_code = pillar_guids.get(top.get("guid", "").lower())
        if pillar_code is None:
            head = name.split(" ", 1)[0].upper()
            pillar_code = head if head in PILLAR_CODES else pillar_names.get(name.casefold())
        if pillar_code is None:
            dropped = len(descendants(top)) + 1
            warnings.append(t("refiqda.warning.code_outside", name=name, count=dropped))
            result.unmapped += dropped
            continue
        pillar = pillars[pillar_code]
        by_guid[top.get("guid", "").lower()] = pillar_code
        if " " in name and name.split(" ", 1)[0].upper() == pillar_code:
            pillar.name = name.split(" ", 1)[1]
        pillar.description = (top.findtext(_q("Description", ns)) or pillar.description).strip()
        pillar.color = _color(top.get("color") or pillar.color)
        for child in top.findall(_q("Code", ns)):
            child_guid = child.get("guid", "").lower()
            child_name = child.get("name", "").strip() or "thema"
            code = next((c for c in template_themes if code_guid(c) == child_guid), None)
            if code is None or not code.startswith(pillar_code + "."):
                code = next(
                    (
                        c
                        for c, th in template_themes.items()
                        if c.startswith(pillar_code + ".") and th.name == child_name
                    ),
                    f"{pillar_code}.{_slug(child_name)}",
                )
            base, n = code, 2
            while code in seen_themes:
                code, n = f"{base}_{n}", n + 1
            seen_themes.add(code)
            keywords = list(template_themes[code].keywords) if code in template_themes else []
            description = (child.findtext(_q("Description", ns)) or "").strip()
            pillar.themes.append(ThemeData(code, child_name, description, keywords))
            by_guid[child_guid] = code
            for deeper in descendants(child):
                by_guid[deeper.get("guid", "").lower()] = code
            if descendants(child):
                warnings.append(
                    t("refiqda.warning.element", count=len(descendants(child)), element=f"Code (onder '{child_name}')")
                )
    return result


def _parse(data: bytes, filename: str, kind: str, warnings: list[str]) -> etree._Element:
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise InputError(t("refiqda.error.invalid", filename=filename, error=exc)) from exc
    expected = _q("Project") if kind == "project" else _q("CodeBook", CODEBOOK_NS)
    if root.tag != expected:
        raise InputError(
            t("refiqda.error.invalid", filename=filename, error=f"verwacht {expected}, gevonden {root.tag}")
        )
    errors = validate(data, kind)
    if errors:
        warnings.append(t("refiqda.error.schema", filename=filename, error="; ".join(errors[:3])))
    return root


def import_qdc(
    db: Database, actor: Actor, data: bytes, *, scan_id: int | None = None, filename: str = ""
) -> ImportResult:
    """Import a ``.qdc`` codebook into a scan's codebook (default: the template new scans copy).

    Pillars keep their codes; themes are matched by GUID or name, new ones are
    added, themes missing from the file are removed (with their codings).
    """
    from models.content import template_codebook_id

    warnings: list[str] = []
    root = _parse(data, filename or "codeboek.qdc", "codebook", warnings)
    with db.session() as session:
        codebook_id = _scan_or_fail(session, scan_id).codebook_id if scan_id else template_codebook_id(session)
        template = codebook_data(session, codebook_id)
    if scan_id is not None:
        actor.require("code", scan_id)
    mapped = _read_codes(root.find(_q("Codes", CODEBOOK_NS)), CODEBOOK_NS, template, warnings)
    if root.find(_q("Sets", CODEBOOK_NS)) is not None:
        count = len(root.find(_q("Sets", CODEBOOK_NS)))
        warnings.append(t("refiqda.warning.element", count=count, element="Set"))
    save_codebook(db, actor, codebook_id, mapped.codebook)
    return ImportResult(scan_id=scan_id, codes=len(mapped.by_guid), warnings=warnings)


def _next_code(used: set[str]) -> str:
    number = 1
    while f"R{number:02d}" in used:
        number += 1
    used.add(f"R{number:02d}")
    return f"R{number:02d}"


def _split_turns(text: str, case_names: set[str]) -> list[tuple[int, int, str | None]]:
    """Turns of a transcript text: ``(start, end, speaker)`` with offsets of the turn text itself.

    Blocks are separated by a blank line; a block starting with ``Name: `` opens
    a turn of that speaker, a block without one continues the previous turn.
    """
    turns: list[list[Any]] = []
    bounds = [0] + [m.end() for m in BLOCK_BREAK.finditer(text)]
    for i, start in enumerate(bounds):
        end = bounds[i + 1] - len(TURN_SEPARATOR) if i + 1 < len(bounds) else len(text)
        block = text[start:end]
        if not block.strip():
            continue
        match = SPEAKER_RE.match(block)
        if match and (match.group(1) in case_names or len(match.group(1).split()) <= 4):
            turns.append([start + match.end(), end, match.group(1)])
        elif turns:
            turns[-1][1] = end
        else:
            turns.append([start, end, None])
    return [(a, b, c) for a, b, c in turns]


def import_qdpx(
    db: Database, actor: Actor, data: bytes, *, scan_name: str | None = None, filename: str = ""
) -> ImportResult:
    """Import a REFI-QDA project as a new scan (interviews, fragments, codings, respondents, memos).

    Raises:
        InputError: Not a zip with a ``.qde`` file, or a scan with that name exists.
    """
    actor.require("scan.create")
    actor.require("interview.import")
    filename = filename or "project.qdpx"
    warnings: list[str] = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InputError(t("refiqda.error.invalid", filename=filename, error=exc)) from exc
    with archive:
        qde = next((n for n in archive.namelist() if n.lower().endswith(".qde")), None)
        if qde is None:
            raise InputError(t("refiqda.error.invalid", filename=filename, error="geen project.qde"))
        root = _parse(archive.read(qde), filename, "project", warnings)
        files = {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist() if n.startswith("sources/")}

    name = (scan_name or root.get("name") or Path(filename).stem).strip()
    organisation = (root.findtext(_q("Description")) or "").strip() or name
    result = ImportResult(scan_name=name, warnings=warnings)
    for tag in ("Sets", "Graphs", "Links"):
        element = root.find(_q(tag))
        if element is not None and len(element):
            warnings.append(t("refiqda.warning.element", count=len(element), element=tag[:-1]))
    if root.findall(_q("NoteRef")):
        warnings.append(
            t("refiqda.warning.element", count=len(root.findall(_q("NoteRef"))), element="NoteRef (project)")
        )

    scan_id = create_scan(db, actor, name=name, organisation=organisation, kind="anders")
    result.scan_id = scan_id
    with db.session() as session:
        scan = _scan_or_fail(session, scan_id)
        template = codebook_data(session, scan.codebook_id)
        codebook_id = scan.codebook_id
    codebook_element = root.find(_q("CodeBook"))
    codes_element = codebook_element.find(_q("Codes")) if codebook_element is not None else None
    mapped = _read_codes(codes_element, PROJECT_NS, template, warnings)
    if codes_element is not None:
        save_codebook(db, actor, codebook_id, mapped.codebook)
    result.codes = len(mapped.by_guid)

    users = {
        u.get("guid", "").lower(): (u.get("name") or u.get("id") or "", (u.get("id") or "").startswith(AUTO_USER_ID))
        for u in root.iter(_q("User"))
    }
    variables = {v.get("guid", "").lower(): v for v in root.iter(_q("Variable"))}
    var_fields = {
        t("refiqda.var.role"): "role",
        t("refiqda.var.department"): "department",
        t("refiqda.var.consent"): "consent",
    }
    for var in variables.values():
        if var.get("name") not in var_fields:
            warnings.append(t("refiqda.warning.variable", name=var.get("name")))
        elif var.get("typeOfVariable") != "Text":
            warnings.append(t("refiqda.warning.variable_type", name=var.get("name"), kind=var.get("typeOfVariable")))
    notes = {n.get("guid", "").lower(): n for n in root.iter(_q("Note"))}

    with db.session() as session:
        codes = {c.code: c for c in session.scalars(select(s.Code).where(s.Code.codebook_id == codebook_id))}
        # respondents from cases
        respondents: dict[str, s.Respondent] = {}  # case name -> row
        case_sources: dict[str, list[str]] = defaultdict(list)
        used_codes = {
            (c.get("name") or "").strip()
            for c in root.iter(_q("Case"))
            if re.fullmatch(r"R\d{2,3}", (c.get("name") or "").strip())
        }
        for case in root.iter(_q("Case")):
            case_name = (case.get("name") or "").strip()
            values: dict[str, str] = {}
            for value in case.findall(_q("VariableValue")):
                ref = value.find(_q("VariableRef"))
                var = variables.get(ref.get("targetGUID", "").lower()) if ref is not None else None
                text_value = value.findtext(_q("TextValue"))
                if var is not None and var.get("name") in var_fields and text_value is not None:
                    values[var_fields[var.get("name", "")]] = text_value.strip()
            is_code = re.fullmatch(r"R\d{2,3}", case_name) is not None
            consent = values.get("consent", "ja")
            respondent = s.Respondent(
                scan_id=scan_id,
                code=case_name if is_code else _next_code(used_codes),
                role=values.get("role") or "onbekend",
                department=values.get("department", ""),
                consent=consent if consent in ("ja", "nee", "anoniem") else "ja",
                real_name=None if is_code or not case_name else case_name,
            )
            session.add(respondent)
            respondents[case_name] = respondent
            case_sources[case_name] = [r.get("targetGUID", "").lower() for r in case.findall(_q("SourceRef"))]
            if case.findall(_q("CodeRef")):
                warnings.append(
                    t("refiqda.warning.element", count=len(case.findall(_q("CodeRef"))), element="CodeRef (case)")
                )
        session.flush()

        sources = root.find(_q("Sources"))
        skipped: dict[str, list[str]] = defaultdict(list)
        source_codings = 0
        memo_targets: list[tuple[str, str, int]] = []  # note guid, target type, target id
        for source in list(sources) if sources is not None else []:
            kind = etree.QName(source).localname
            source_name = source.get("name") or kind
            if kind != "TextSource":
                skipped[kind].append(source_name)
                continue
            path = (source.get("plainTextPath") or "").removeprefix("internal://")
            raw = files.get(path)
            text = raw.decode("utf-8-sig") if raw is not None else source.findtext(_q("PlainTextContent"))
            if text is None:
                warnings.append(t("refiqda.warning.no_text", name=source_name))
                continue
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            description = (source.findtext(_q("Description")) or "").split(" · ")
            source_guid = source.get("guid", "").lower()
            interview = s.Interview(
                scan_id=scan_id,
                title=source_name,
                kind=description[1] if len(description) > 1 and description[1] in ("individueel", "groep") else "groep",
                date=description[0] if description and re.fullmatch(r"\d{4}-\d{2}-\d{2}", description[0]) else "",
                interviewer=description[2] if len(description) > 2 else "",
                status="afgerond",
                source="import",
                source_filename=filename,
                owner=actor.username,
                participants=[r for n, r in respondents.items() if source_guid in case_sources[n]],
            )
            session.add(interview)
            session.flush()
            result.sources += 1
            turn_rows: list[tuple[int, int, s.Turn]] = []
            for seq, (start, end, speaker) in enumerate(_split_turns(text, set(respondents)), start=1):
                speaker_row = respondents.get(speaker or "")
                interviewer = speaker == t("refiqda.interviewer")
                turn = s.Turn(
                    interview_id=interview.id,
                    seq=seq,
                    kind="question" if interviewer else "answer",
                    speaker_role="interviewer" if interviewer else ("respondent" if speaker_row else "unknown"),
                    respondent_id=speaker_row.id if speaker_row else None,
                    speaker_label="" if interviewer or speaker_row else (speaker or ""),
                    text=text[start:end],
                    text_version=1,
                    segmented_version=1,
                    created_by=actor.username,
                )
                session.add(turn)
                turn_rows.append((start, end, turn))
            session.flush()
            if source.findall(_q("Coding")):
                source_codings += len(source.findall(_q("Coding")))
            for note_ref in source.findall(_q("NoteRef")):
                memo_targets.append((note_ref.get("targetGUID", "").lower(), "interview", interview.id))
            for selection in source.findall(_q("PlainTextSelection")):
                sel_start, sel_end = int(selection.get("startPosition", 0)), int(selection.get("endPosition", 0))
                home = next(((a, b, tr) for a, b, tr in turn_rows if a <= sel_start < b), None)
                if home is None or home[2].speaker_role == "interviewer":
                    warnings.append(
                        t("refiqda.warning.selection_outside", start=sel_start, end=sel_end, name=source_name)
                    )
                    continue
                turn_start, turn_end, turn = home
                if sel_end > turn_end:
                    warnings.append(t("refiqda.warning.selection_span", start=sel_start, end=sel_end, name=source_name))
                    sel_end = turn_end
                fragment_text = text[sel_start:sel_end]
                fragment = s.Fragment(
                    turn_id=turn.id,
                    interview_id=interview.id,
                    scan_id=scan_id,
                    start=sel_start - turn_start,
                    end=sel_end - turn_start,
                    text=fragment_text,
                    text_hash=text_hash(fragment_text),
                    status="uncoded",
                )
                session.add(fragment)
                session.flush()
                result.fragments += 1
                for coding in selection.findall(_q("Coding")):
                    ref = coding.find(_q("CodeRef"))
                    code_string = mapped.by_guid.get(ref.get("targetGUID", "").lower()) if ref is not None else None
                    if code_string is None or code_string not in codes:
                        if code_string is None and mapped.unmapped == 0:
                            warnings.append(
                                t(
                                    "refiqda.warning.code_unknown",
                                    guid=ref.get("targetGUID") if ref is not None else "?",
                                )
                            )
                        continue
                    coder, auto = users.get(coding.get("creatingUser", "").lower(), ("", False))
                    session.add(
                        s.Coding(
                            fragment_id=fragment.id,
                            code_id=codes[code_string].id,
                            source="auto" if auto else "manual",
                            status="accepted",
                            coder=coder,
                        )
                    )
                    result.codings += 1
                    if fragment.status != "accepted":
                        fragment.status = "accepted"
                        fragment.top_pillar = code_string.split(".", 1)[0]
                        fragment.top_theme = code_string if "." in code_string else None
                for note_ref in selection.findall(_q("NoteRef")):
                    memo_targets.append((note_ref.get("targetGUID", "").lower(), "fragment", fragment.id))
        for kind, names in skipped.items():
            warnings.append(t("refiqda.warning.source_type", count=len(names), kind=kind, names=", ".join(names[:5])))
        if source_codings:
            warnings.append(t("refiqda.warning.source_coding", count=source_codings))

        # memos on codes
        if codes_element is not None:
            for element in codes_element.iter(_q("Code")):
                code_string = mapped.by_guid.get(element.get("guid", "").lower())
                for note_ref in element.findall(_q("NoteRef")):
                    if code_string in codes:
                        memo_targets.append((note_ref.get("targetGUID", "").lower(), "code", codes[code_string].id))
        used: set[str] = set()
        missing = 0
        for note_guid, target_type, target_id in memo_targets:
            note = notes.get(note_guid)
            if note is None:
                missing += 1
                continue
            used.add(note_guid)
            author, _ = users.get(note.get("creatingUser", "").lower(), ("", False))
            session.add(
                s.Memo(
                    scan_id=scan_id,
                    target_type=target_type,
                    target_id=target_id,
                    author=author,
                    text=note.findtext(_q("PlainTextContent")) or note.get("name") or "",
                )
            )
        unused = len(set(notes) - used) + missing
        if unused:
            warnings.append(t("refiqda.warning.note_target", count=unused))
        record_event(
            session,
            actor,
            "import.refiqda",
            entity="scan",
            entity_id=scan_id,
            scan_id=scan_id,
            after={
                "filename": filename,
                "sources": result.sources,
                "fragments": result.fragments,
                "codings": result.codings,
                "warnings": len(warnings),
            },
        )
    return result


def import_file(db: Database, actor: Actor, path: Path, *, scan_name: str | None = None) -> ImportResult:
    """Import a ``.qdpx`` project or a ``.qdc`` codebook from disk (by extension)."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".qdpx":
        return import_qdpx(db, actor, data, scan_name=scan_name, filename=path.name)
    if suffix == ".qdc":
        scan_id = None
        if scan_name:
            with db.session() as session:
                scan_id = session.scalar(select(s.Scan.id).where(s.Scan.name == scan_name))
            if scan_id is None:
                raise InputError(t("exports.error.scan", name=scan_name))
        return import_qdc(db, actor, data, scan_id=scan_id, filename=path.name)
    raise InputError(t("refiqda.error.kind", filename=path.name))
