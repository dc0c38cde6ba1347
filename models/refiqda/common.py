"""What export and import of REFI-QDA share: names, GUIDs, the schemas, the hardened XML parser, transcript text."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy.orm import Session

from models import schema as s
from models.errors import NotFound
from texts import t

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "refi-qda"
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


class UnsafeXml(ValueError):
    """XML with a document type declaration (entities, external references): never read."""


def safe_parser() -> etree.XMLParser:
    """The one parser for untrusted XML: no entities resolved, no DTD loaded, no network, no huge trees."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def parse_xml(data: bytes) -> etree._Element:
    """Parse untrusted XML once, hardened; a ``<!DOCTYPE`` is refused (REFI-QDA files have none).

    Raises:
        etree.XMLSyntaxError: The XML is broken.
        UnsafeXml: The document declares a DTD (XXE, billion laughs).
    """
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError:
        if re.search(rb"<!DOCTYPE", data[:65536], re.IGNORECASE):
            raise UnsafeXml("DOCTYPE") from None  # e.g. an external entity referenced in an attribute
        raise
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype or docinfo.system_url:
        raise UnsafeXml(docinfo.doctype or "DOCTYPE")
    return root


def validate(xml: bytes | etree._Element, kind: str) -> list[str]:
    """Schema errors of a ``.qde`` (``project``) or ``.qdc`` (``codebook``) document; empty when valid.

    ``xml`` is the document's bytes (parsed here with :func:`parse_xml`) or an
    element already parsed by it; broken or unsafe XML is reported as an error.
    """
    validator = schema(kind)
    if isinstance(xml, bytes | bytearray):
        try:
            document = parse_xml(bytes(xml))
        except etree.XMLSyntaxError as exc:
            return [f"{exc.lineno}: {exc.msg}"]
        except UnsafeXml:
            return [t("refiqda.error.dtd")]
    else:
        document = xml
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


def _scan_or_fail(session: Session, scan_id: int) -> s.Scan:
    scan = session.get(s.Scan, scan_id)
    if scan is None:
        raise NotFound("scan", scan_id)
    return scan


def split_turns(text: str, case_names: set[str]) -> list[tuple[int, int, str | None]]:
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
