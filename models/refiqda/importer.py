"""REFI-QDA import: a ``.qdpx`` project as a new scan, a ``.qdc`` codebook into a scan."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from sqlalchemy import select

from coding import safezip
from coding.codebook import PILLAR_CODES, ContentError
from coding.codebook import Codebook as CodebookData
from coding.codebook import Pillar as PillarData
from coding.codebook import Theme as ThemeData
from coding.embedders.cache import text_hash
from models import schema as s
from models.auth import Actor
from models.content import add_codebook, codebook_data, save_codebook, template_codebook_id
from models.db import Database
from models.errors import InputError
from models.events import record_event
from models.refiqda.codings import add_codings, project_users
from models.refiqda.common import (
    CODEBOOK_NS,
    PROJECT_NS,
    UnsafeXml,
    _color,
    _q,
    _scan_or_fail,
    code_guid,
    parse_xml,
    split_turns,
    validate,
)
from models.status import InterviewSource, InterviewStatus, TurnKind
from texts import t


# --- import ---------------------------------------------------------------------------
@dataclass
class ImportResult:
    """What an import created and what it could not carry over (Dutch warnings).

    ``codings`` are the accepted codings; ``suggestions`` the open suggestions
    (codings of the user "Weerbaar automatische codeur").
    """

    scan_id: int | None = None
    scan_name: str = ""
    sources: int = 0
    fragments: int = 0
    codings: int = 0
    suggestions: int = 0
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
        root = parse_xml(data)
    except etree.XMLSyntaxError as exc:
        raise InputError(t("refiqda.error.invalid", filename=filename, error=exc.msg)) from exc
    except UnsafeXml as exc:
        raise InputError(t("refiqda.error.dtd_file", filename=filename)) from exc
    expected = _q("Project") if kind == "project" else _q("CodeBook", CODEBOOK_NS)
    if root.tag != expected:
        raise InputError(
            t("refiqda.error.invalid", filename=filename, error=f"verwacht {expected}, gevonden {root.tag}")
        )
    errors = validate(root, kind)
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
    warnings: list[str] = []
    if scan_id is not None:
        actor.require("code", scan_id)  # before the file is read: nothing about another scan leaks
    actor.require("content.edit")
    root = _parse(data, filename or "codeboek.qdc", "codebook", warnings)
    with db.session() as session:
        codebook_id = _scan_or_fail(session, scan_id).codebook_id if scan_id else template_codebook_id(session)
        template = codebook_data(session, codebook_id)
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


QDPX_MAX_UNCOMPRESSED = 200 * 1024 * 1024
"""A .qdpx unpacks to at most 200 MB (project XML and source texts)."""
QDPX_MAX_MEMBERS = 10_000
POSITION_RE = re.compile(r"\d{1,10}")


def _read_archive(data: bytes, filename: str) -> tuple[bytes, dict[str, bytes]]:
    """The ``.qde`` document and the ``sources/`` files, read within the zip limits."""
    try:
        with safezip.open_archive(
            data, filename, max_total=QDPX_MAX_UNCOMPRESSED, max_members=QDPX_MAX_MEMBERS
        ) as archive:
            names = archive.namelist()
            qde = next((n for n in names if n.lower().endswith(".qde")), None)
            if qde is None:
                raise InputError(t("refiqda.error.invalid", filename=filename, error="geen project.qde"))
            used = [0]
            qde_bytes = safezip.read_member(archive, qde, filename, limit=QDPX_MAX_UNCOMPRESSED, used=used)
            files = {
                n.split("/", 1)[1]: safezip.read_member(archive, n, filename, limit=QDPX_MAX_UNCOMPRESSED, used=used)
                for n in names
                if n.startswith("sources/") and not n.endswith("/")
            }
    except safezip.ZipLimitError as exc:
        if exc.code == "corrupt":
            raise InputError(t("refiqda.error.invalid", filename=filename, error="geen geldig zip-archief")) from exc
        raise InputError(exc.message()) from exc
    return qde_bytes, files


def _source_texts(root: etree._Element, files: dict[str, bytes], filename: str) -> dict[int, str]:
    """The plain text of every ``TextSource`` (keyed by its position under ``Sources``), strict UTF-8.

    Raises:
        InputError: A source's text is not valid UTF-8 (named in the message).
    """
    texts: dict[int, str] = {}
    sources = root.find(_q("Sources"))
    for index, source in enumerate(list(sources) if sources is not None else []):
        if etree.QName(source).localname != "TextSource":
            continue
        name = source.get("name") or "TextSource"
        path = (source.get("plainTextPath") or "").removeprefix("internal://")
        raw = files.get(path)
        if raw is not None:
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise InputError(t("refiqda.error.encoding", filename=filename, name=name, position=exc.start)) from exc
        else:
            text = source.findtext(_q("PlainTextContent"))
            if text is None:
                continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if len(text) > MAX_SOURCE_CHARS:
            raise InputError(t("refiqda.error.source_too_long", filename=filename, name=name, limit=MAX_SOURCE_CHARS))
        texts[index] = text
    return texts


MAX_SOURCE_CHARS = 10_000_000


def _check_project(root: etree._Element, filename: str) -> None:
    """Refuse what the import cannot store faithfully, before anything is created.

    Raises:
        InputError: A selection position that is not a whole number (or ends
            before it starts), or two cases with the same name.
    """
    for selection in root.iter(_q("PlainTextSelection")):
        for attribute in ("startPosition", "endPosition"):
            value = selection.get(attribute, "0").strip()
            if not POSITION_RE.fullmatch(value):
                raise InputError(t("refiqda.error.position", filename=filename, attribute=attribute, value=value[:40]))
        if int(selection.get("endPosition", "0")) < int(selection.get("startPosition", "0")):
            raise InputError(
                t(
                    "refiqda.error.position",
                    filename=filename,
                    attribute="endPosition",
                    value=selection.get("endPosition", ""),
                )
            )
    seen: set[str] = set()
    for case in root.iter(_q("Case")):
        name = (case.get("name") or "").strip()
        if name and name.casefold() in seen:
            raise InputError(t("refiqda.error.duplicate_case", filename=filename, name=name))
        seen.add(name.casefold())


def _position(selection: etree._Element, attribute: str) -> int:
    return int(selection.get(attribute, "0").strip())


def import_qdpx(
    db: Database, actor: Actor, data: bytes, *, scan_name: str | None = None, filename: str = ""
) -> ImportResult:
    """Import a REFI-QDA project as a new scan (interviews, fragments, codings, respondents, memos).

    The whole project is read and checked first (zip limits, hardened XML,
    UTF-8 sources, whole-number positions, unique case names); then the scan,
    its codebook and everything in it are written in one transaction.

    Raises:
        InputError: Not a zip with a ``.qde`` file, over the zip limits, unsafe
            or broken XML, a broken source or selection, duplicate cases, or a
            scan with that name exists. The database is then unchanged.
    """
    actor.require("scan.create")
    actor.require("interview.import")
    filename = filename or "project.qdpx"
    warnings: list[str] = []
    qde_bytes, files = _read_archive(data, filename)
    root = _parse(qde_bytes, filename, "project", warnings)
    texts = _source_texts(root, files, filename)
    _check_project(root, filename)

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

    codebook_element = root.find(_q("CodeBook"))
    codes_element = codebook_element.find(_q("Codes")) if codebook_element is not None else None
    if codes_element is not None:
        actor.require("content.edit")
    if not name:
        raise InputError(t("scan.error.required"))

    users = project_users(root)
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

    # Everything below is one transaction: on any failure the database is exactly as before.
    with db.session() as session:
        if session.scalar(select(s.Scan.id).where(s.Scan.name == name)) is not None:
            raise InputError(t("scan.error.exists", name=name))
        template = codebook_data(session, template_codebook_id(session))
        mapped = _read_codes(codes_element, PROJECT_NS, template, warnings)
        book_data = mapped.codebook if codes_element is not None else template
        try:
            book_data.validate()
        except ContentError as exc:
            raise InputError(t("refiqda.error.invalid", filename=filename, error=exc)) from exc
        result.codes = len(mapped.by_guid)
        book = add_codebook(session, book_data)
        scan_row = s.Scan(
            name=name,
            organisation=organisation,
            kind="anders",
            period="",
            measurement="nulmeting",
            codebook_id=book.id,
            created_by=actor.username,
        )
        session.add(scan_row)
        session.flush()
        scan_id = scan_row.id
        result.scan_id = scan_id
        codebook_id = book.id
        record_event(
            session, actor, "scan.create", entity="scan", entity_id=scan_id, scan_id=scan_id, after={"name": name}
        )
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
        for index, source in enumerate(list(sources) if sources is not None else []):
            kind = etree.QName(source).localname
            source_name = source.get("name") or kind
            if kind != "TextSource":
                skipped[kind].append(source_name)
                continue
            text = texts.get(index)
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
                status=InterviewStatus.FINISHED,
                source=InterviewSource.IMPORT,
                source_filename=filename,
                owner=actor.username,
                participants=[r for n, r in respondents.items() if source_guid in case_sources[n]],
            )
            session.add(interview)
            session.flush()
            result.sources += 1
            turn_rows: list[tuple[int, int, s.Turn]] = []
            for seq, (start, end, speaker) in enumerate(split_turns(text, set(respondents)), start=1):
                speaker_row = respondents.get(speaker or "")
                interviewer = speaker == t("refiqda.interviewer")
                turn = s.Turn(
                    interview_id=interview.id,
                    seq=seq,
                    kind=TurnKind.QUESTION if interviewer else TurnKind.ANSWER,
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
                sel_start, sel_end = _position(selection, "startPosition"), _position(selection, "endPosition")
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
                found: list[tuple[str, str, str]] = []  # code, coder, user kind
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
                    found.append((code_string, *users.get(coding.get("creatingUser", "").lower(), ("", "manual"))))
                accepted, suggested = add_codings(session, fragment, codes, found)
                result.codings += accepted
                result.suggestions += suggested
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
            author, _ = users.get(note.get("creatingUser", "").lower(), ("", "manual"))
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
                "suggestions": result.suggestions,
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
