"""What a document is: its kind, title, owner, date and version, read from the file and its text.

Every value is a proposal the analyst confirms or corrects before the document is
stored. The date used for the checklist ("how old is this policy?") is, in order:
the adoption date in the text ("vastgesteld op 12 maart 2021"), a year in the
title ("Integriteitsbeleid 2021"), a date near "datum" or "versie" at the start of
the text, and last the file's own modification or creation date; ``date_source``
says which (``tekst``, ``titel``, ``bestand``).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath

from coding.documents._base import DocumentMetadata, ParsedDocument

KIND_PATTERNS: dict[str, str] = {
    "bibob": r"bibob",
    "mo_beleid": r"misbruik en oneigenlijk gebruik|\bm\s?&\s?o\b",
    "meldregeling": r"meldregeling|klokkenluid|vermoedens? van (?:een )?misstand|melden van (?:vermoedens|misstanden)",
    "vertrouwenspersoon": r"vertrouwensperso(?:on|nen)",
    "gedragscode": r"gedragscode|gedragsregels|gedragslijn|huisregels",
    "agressieprotocol": r"agressie|geweld en intimidatie|agressief gedrag",
    "beinvloeding": r"ongewenste beïnvloeding|ongewenste beinvloeding",
    "screening": r"screening|verklaring omtrent (?:het )?gedrag|\bvog\b|antecedentenonderzoek",
    "informatiebeveiliging": r"informatiebeveiliging|informatieveiligheid|\bbio\b",
    "vth_beleid": r"\bvth\b|vergunningverlening,? toezicht en handhaving|handhavings?strategie|handhavingsbeleid",
    "inkoopbeleid": r"inkoop|aanbested",
    "subsidieregeling": r"subsidie",
    "communicatie": r"communicatie(?:plan|strategie|beleid)?",
    "integriteitsbeleid": r"integriteitsbeleid|integriteitsplan|beleid(?:skader)? (?:voor |over )?integriteit|integriteit",
    "ondermijning": r"ondermijning|ondermijnende criminaliteit",
    "coalitieakkoord": r"coalitieakkoord|bestuursakkoord|collegeprogramma",
}
"""Kinds of document with the pattern that names them; on a tie the earlier (more specific) kind wins."""
KINDS: tuple[str, ...] = (*KIND_PATTERNS, "overig")
TITLE_WEIGHT = 10
TEXT_CAP = 5
MIN_SCORE = 3
TEXT_SCAN_CHARS = 20_000

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH = "|".join(MONTHS)
_DATE_WORDS = rf"(\d{{1,2}})\s+({_MONTH})\s+((?:19|20)\d{{2}})"
_DATE_NUMERIC = r"(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2})"
_ADOPTED_RE = re.compile(
    rf"vastgesteld\b(?:d\.d\.|[^.\n]){{0,80}}?(?:{_DATE_WORDS}|{_DATE_NUMERIC}|(?:in\s+)?({_MONTH})\s+((?:19|20)\d{{2}}))",
    re.IGNORECASE,
)
_NEAR_RE = re.compile(rf"(?:datum|versie|d\.d\.)[^\n]{{0,40}}?(?:{_DATE_WORDS}|{_DATE_NUMERIC})", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b((?:19|20)\d{2})\b")
_VERSION_RE = re.compile(r"\bversie\s*:?\s*(\d+(?:[.,]\d+){0,2})\b", re.IGNORECASE)
_OWNER_RE = re.compile(
    r"\b((?:[Pp]rovincie|[Gg]emeente|[Oo]mgevingsdienst|[Ww]aterschap|[Vv]eiligheidsregio)\s+"
    r"[A-Z][\w'-]+(?:[ -](?:[A-Z][\w'-]+|aan|den|de|op))*)"
)


def guess_kind(title: str, text: str) -> str:
    """The kind of document (a key of :data:`KIND_PATTERNS`, or ``"overig"``) from its title and text."""
    head = text[:TEXT_SCAN_CHARS].lower()
    best, best_score = "overig", 0
    for kind, pattern in KIND_PATTERNS.items():
        score = TITLE_WEIGHT if re.search(pattern, title.lower()) else 0
        score += min(len(re.findall(pattern, head)), TEXT_CAP)
        if score > best_score:
            best, best_score = kind, score
    return best if best_score >= MIN_SCORE else "overig"


def _make_date(day: str | None, month: str | None, year: str | None) -> date | None:
    if not year:
        return None
    try:
        number = MONTHS[month.lower()] if month and month.lower() in MONTHS else int(month or 1)
        return date(int(year), number, int(day or 1))
    except ValueError:
        return None


def _matched_date(match: re.Match[str]) -> date | None:
    groups = match.groups()
    for start in range(0, len(groups), 3):
        trio = groups[start : start + 3]
        if len(trio) == 3 and trio[2]:
            return _make_date(*trio)
    if len(groups) >= 8 and groups[7]:  # "vastgesteld in maart 2021"
        return _make_date(None, groups[6], groups[7])
    return None


def adoption_date(text: str) -> date | None:
    """The date the text says the document was adopted ("vastgesteld op 12 maart 2021"), if any."""
    for match in _ADOPTED_RE.finditer(text[:TEXT_SCAN_CHARS]):
        found = _matched_date(match)
        if found:
            return found
    return None


def find_version(text: str) -> str:
    """The version named in the text ("versie 2.1"), or ``""``."""
    match = _VERSION_RE.search(text[:TEXT_SCAN_CHARS])
    return match.group(1).replace(",", ".") if match else ""


def title_year(title: str) -> int | None:
    """The first plausible year in a title ("Coalitieakkoord 2019 – 2023" → 2019)."""
    match = _YEAR_RE.search(title)
    return int(match.group(1)) if match else None


def _title(document: ParsedDocument) -> str:
    if document.metadata.title:
        return document.metadata.title
    for block in document.blocks[:5]:
        if block.kind == "heading" and len(block.text) <= 120:
            return block.text
    stem = PurePath(document.filename).stem
    return re.sub(r"[_]+|(?<=\w)-(?=\w)", " ", stem).strip() or document.filename


def complete_metadata(document: ParsedDocument) -> DocumentMetadata:
    """Fill in title, owner, date, version and kind from the file's own fields and its text."""
    meta = document.metadata
    text = document.text
    meta.title = _title(document)
    if not meta.owner:
        match = _OWNER_RE.search(text[:5000])
        meta.owner = match.group(1).strip() if match else ""
    if not meta.version:
        meta.version = find_version(text)
    adopted = adoption_date(text)
    year = title_year(meta.title)
    near = _NEAR_RE.search(text[:3000])
    if adopted:
        meta.date, meta.date_source = adopted, "tekst"
    elif year:
        meta.date, meta.date_source = date(year, 1, 1), "titel"
    elif near and _matched_date(near):
        meta.date, meta.date_source = _matched_date(near), "tekst"
    elif meta.modified or meta.created:
        meta.date, meta.date_source = meta.modified or meta.created, "bestand"
    meta.kind = guess_kind(meta.title, text)
    return meta
