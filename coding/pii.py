"""Find personal data (PII) in a quote before it goes into a report.

A pure function over a display text, no database: :func:`find_pii` returns
:class:`PiiFinding` objects with code-point offsets (end exclusive, as
everywhere in Weerbaar). What it looks for:

* ``persoon``: names after a title or form of address ("meneer Jansen",
  "mevr. De Boer", "de heer Van Dijk", "dhr. Bakker", "collega Jan",
  "wethouder Smit"), an initial with a surname ("J. de Vries"), a known first
  name (``data/pii/voornamen.txt``) with optional tussenvoegsels and a
  capitalised surname ("Piet van der Berg"), a known first name on its own in
  the middle of a sentence, and, when a trained Dutch spaCy pipeline
  (``nl_core_news_*``) happens to be installed, its PERSON entities (through
  the one shared pipeline of :mod:`coding.nlp`). Such a pipeline is never
  required nor downloaded.
* ``e-mail``, ``telefoon`` (Dutch mobile and landline numbers in the usual
  notations, with ``+31``/``0031``; service numbers 0800/0900 are not
  personal), ``postcode`` (1234 AB), ``adres`` (street name with a house
  number), ``bsn`` (nine digits passing the 11-proof, or eight digits with an
  implied leading zero), ``kenteken`` (Dutch licence plates of sidecodes 1-14,
  written with dashes).
* ``respondent``: the real names and pseudonym codes of the scan's own
  respondents, passed in by the caller.

Organisations, bodies and laws ("Wet Bibob", "Gedeputeerde Staten",
"Commissaris van de Koning", "RIEC Noord", "Meld Misdaad Anoniem") and
capitalised words at the start of a sentence are not persons: only the rules
above produce ``persoon`` findings, and a stop list removes spans that contain
the words of such names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from coding import nlp
from texts import t

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "pii"

KINDS: tuple[str, ...] = ("persoon", "e-mail", "telefoon", "postcode", "adres", "bsn", "kenteken", "respondent")

# Overlapping findings: the kind earlier in this list wins.
PRIORITY: tuple[str, ...] = ("respondent", "e-mail", "telefoon", "bsn", "kenteken", "postcode", "adres", "persoon")

TUSSENVOEGSELS: frozenset[str] = frozenset(
    {"van", "de", "der", "den", "ter", "ten", "te", "'t", "het", "la", "le", "du", "von", "vander", "vd", "d'"}
)

# Forms of address after which a capitalised word is a surname.
ADDRESS_FORMS: tuple[str, ...] = (
    "meneer",
    "mevrouw",
    "dhr",
    "dhr.",
    "mevr",
    "mevr.",
    "mw",
    "mw.",
    "mr",
    "mr.",
    "dr",
    "dr.",
    "drs",
    "drs.",
    "ir",
    "ir.",
    "ing.",
    "prof.",
    "juffrouw",
)
# Colleagues and office holders, written in lower case before a name.
ROLE_WORDS: tuple[str, ...] = (
    "collega",
    "wethouder",
    "burgemeester",
    "gedeputeerde",
    "commissaris",
    "directeur",
    "teamleider",
    "afdelingshoofd",
    "manager",
    "secretaris",
    "griffier",
    "raadslid",
    "statenlid",
    "boa",
    "handhaver",
    "inspecteur",
    "rechercheur",
    "agent",
    "wijkagent",
    "officier",
)

# Words that make a capitalised run an organisation, body, law or place, never a person.
NOT_A_NAME: frozenset[str] = frozenset(
    {
        "Bibob",
        "Wet",
        "Staten",
        "Gedeputeerde",
        "Provinciale",
        "Koning",
        "Koningin",
        "Commissaris",
        "RIEC",
        "LIEC",
        "Noord",
        "Zuid",
        "Oost",
        "West",
        "Meld",
        "Misdaad",
        "Anoniem",
        "Omgevingsdienst",
        "Provincie",
        "Gemeente",
        "Politie",
        "Belastingdienst",
        "Rijksoverheid",
        "Openbaar",
        "Ministerie",
        "College",
        "Raad",
        "Groningen",
        "Drenthe",
        "Friesland",
        "Nederland",
        "Holland",
        "Utrecht",
        "Zeeland",
        "Limburg",
        "Brabant",
        "Overijssel",
        "Gelderland",
        "Flevoland",
        "Team",
        "Afdeling",
        "Dienst",
        "Bureau",
        "Stichting",
        "Vereniging",
    }
)

SENTENCE_END = frozenset({".", "!", "?", "…", ":", ";", '"', "“", "‘", "'", "(", "-", "–", "—"})

_NAME_RE = r"^(?:IJ|[A-ZÀ-Ý])[a-zà-ÿ]+(?:-(?:IJ|[A-ZÀ-Ý])?[a-zà-ÿ]+)*$"
_INITIAL_RE = r"^(?:[A-Z]\.){1,3}$"

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?|\(?0)(?:\d\)?[\s.-]?){8}\d(?!\d)")
SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")
POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3}\s?([A-Z]{2})(?![\w-])")
NOT_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS", "MT", "GS", "PS", "OM", "BV", "NV", "EU", "VS", "AI", "ICT", "CV"})
_STREET_SUFFIX = (
    "straat|straatweg|weg|laan|plein|gracht|kade|singel|dijk|hof|steeg|dreef|park|markt|boulevard|plantsoen|"
    "allee|wal|diep|zijl|pad"
)
ADDRESS = re.compile(
    r"(?<![\w-])(?:[A-Z][a-zà-ÿ]+\s){0,2}"
    rf"(?:[A-Z][a-zà-ÿ]*(?:{_STREET_SUFFIX})|Markt|Plein|Laan|Dijk|Kade|Singel)"
    r"\s\d{1,5}(?:\s?[a-zA-Z](?![\w])|-\d{1,4}|\s?bis)?(?![\w-])"
)
BSN = re.compile(r"(?<![\w.,€-])(?:\d{9}|\d{8}|\d{4}\.\d{2}\.\d{3}|\d{3}\.\d{3}\.\d{3})(?![\w-]|[.,]\d)")
_L, _D = "[A-Z]", r"\d"
PLATE_SIDECODES: tuple[tuple[int, str, int, str, int, str], ...] = (
    (2, _L, 2, _D, 2, _D),  # 1: XX-99-99
    (2, _D, 2, _D, 2, _L),  # 2: 99-99-XX
    (2, _D, 2, _L, 2, _D),  # 3: 99-XX-99
    (2, _L, 2, _D, 2, _L),  # 4: XX-99-XX
    (2, _L, 2, _L, 2, _D),  # 5: XX-XX-99
    (2, _D, 2, _L, 2, _L),  # 6: 99-XX-XX
    (2, _D, 3, _L, 1, _D),  # 7: 99-XXX-9
    (1, _D, 3, _L, 2, _D),  # 8: 9-XXX-99
    (2, _L, 3, _D, 1, _L),  # 9: XX-999-X
    (1, _L, 3, _D, 2, _L),  # 10: X-999-XX
    (3, _L, 2, _D, 1, _L),  # 11: XXX-99-X
    (1, _L, 2, _D, 3, _L),  # 12: X-99-XXX
    (1, _D, 2, _L, 3, _D),  # 13: 9-XX-999
    (3, _D, 2, _L, 1, _D),  # 14: 999-XX-9
)
PLATE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(f"{a}{{{n1}}}-{b}{{{n2}}}-{c}{{{n3}}}" for n1, a, n2, b, n3, c in PLATE_SIDECODES)
    + r")(?![\w-])"
)


@dataclass(frozen=True)
class PiiFinding:
    """One piece of personal data in a text.

    Attributes:
        kind: ``persoon``, ``e-mail``, ``telefoon``, ``postcode``, ``adres``,
            ``bsn``, ``kenteken`` or ``respondent``.
        start: Offset of the first code point.
        end: Offset after the last code point.
        text: ``text[start:end]``.
        label: Dutch description for the user.
    """

    kind: str
    start: int
    end: int
    text: str
    label: str

    @property
    def key(self) -> str:
        """Identity of the finding that survives edits elsewhere in the text (used for waivers)."""
        return f"{self.kind}:{' '.join(self.text.split()).casefold()}"


def find_pii(
    text: str,
    *,
    respondent_names: Iterable[str] = (),
    respondent_codes: Iterable[str] = (),
    use_ner: bool = True,
) -> list[PiiFinding]:
    """Find personal data in ``text``.

    Args:
        text: The display text of a quote.
        respondent_names: Real names of the scan's respondents (flagged as ``respondent``).
        respondent_codes: Pseudonym codes of the scan's respondents (``R01``), also ``respondent``.
        use_ner: Use the NER of an installed ``nl_core_news_*`` pipeline, if any.

    Returns:
        Non-overlapping findings in text order.
    """
    spans: list[tuple[str, int, int]] = []
    spans += _respondents(text, respondent_names, respondent_codes)
    spans += [("e-mail", m.start(), m.end()) for m in EMAIL.finditer(text)]
    spans += _phones(text)
    spans += _bsns(text)
    spans += [("kenteken", m.start(), m.end()) for m in PLATE.finditer(text)]
    spans += [
        ("postcode", m.start(), m.end()) for m in POSTCODE.finditer(text) if m.group(1) not in NOT_POSTCODE_LETTERS
    ]
    spans += [("adres", m.start(), m.end()) for m in ADDRESS.finditer(text)]
    spans += _persons(text)
    if use_ner:
        spans += _ner_persons(text)
    return _resolve(text, spans)


def _resolve(text: str, spans: list[tuple[str, int, int]]) -> list[PiiFinding]:
    rank = {kind: i for i, kind in enumerate(PRIORITY)}
    chosen: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(spans, key=lambda s: (rank[s[0]], -(s[2] - s[1]), s[1])):
        if any(start < c_end and c_start < end for _, c_start, c_end in chosen):
            continue
        chosen.append((kind, start, end))
    return [
        PiiFinding(kind=kind, start=start, end=end, text=text[start:end], label=t(f"pii.kind.{kind}"))
        for kind, start, end in sorted(chosen, key=lambda s: s[1])
    ]


# --- regex detectors -----------------------------------------------------------
def _phones(text: str) -> list[tuple[str, int, int]]:
    found = []
    for match in PHONE.finditer(text):
        raw = match.group().replace("(0)", "")
        digits = re.sub(r"\D", "", raw)
        if digits.startswith("0031"):
            digits = "0" + digits[4:]
        elif digits.startswith("31") and raw.lstrip().startswith("+"):
            digits = "0" + digits[2:]
        if len(digits) != 10 or digits.startswith(SERVICE_PREFIXES):
            continue
        start, end = match.start(), match.end()
        if text[start] == "(" and ")" not in match.group():
            start += 1
        found.append(("telefoon", start, end))
    return found


def bsn_valid(digits: str) -> bool:
    """The 11-proof of a BSN (``digits``: 8 or 9 digits; 8 get a leading zero)."""
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _bsns(text: str) -> list[tuple[str, int, int]]:
    return [("bsn", m.start(), m.end()) for m in BSN.finditer(text) if bsn_valid(m.group().replace(".", ""))]


def _respondents(text: str, names: Iterable[str], codes: Iterable[str]) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for code in {c.strip() for c in codes if c and c.strip()}:
        pattern = re.compile(rf"(?<![\w-]){re.escape(code)}(?![\w-])", re.IGNORECASE)
        found += [("respondent", m.start(), m.end()) for m in pattern.finditer(text)]
    for name in {n.strip() for n in names if n and n.strip()}:
        for variant in _name_variants(name):
            flags = re.IGNORECASE if " " in variant else 0
            pattern = re.compile(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", flags)
            found += [("respondent", m.start(), m.end()) for m in pattern.finditer(text)]
    return found


def _name_variants(name: str) -> list[str]:
    """The full name, the surname with its tussenvoegsels, and the first name (if long enough)."""
    parts = name.split()
    variants = [" ".join(parts)]
    if len(parts) > 1:
        first, rest = parts[0], parts[1:]
        variants.append(" ".join(rest))
        core = [p for p in rest if p.lower() not in TUSSENVOEGSELS]
        variants += [p for p in core if len(p) >= 3]
        if len(first) >= 3 and not first.endswith("."):
            variants.append(first)
    return variants


# --- person names with spaCy rules ------------------------------------------------
@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The shipped list of common Dutch first names."""
    lines = (DATA_DIR / "voornamen.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_MATCHER: tuple[Any, Any] | None = None  # (the shared pipeline it was built on, the matcher)


def _matcher() -> Any:
    """The name rules as a spaCy ``Matcher`` on the vocabulary of the shared pipeline (built once)."""
    global _MATCHER
    shared = nlp.get_pipeline()
    if _MATCHER is None or _MATCHER[0] is not shared:
        _MATCHER = (shared, _build_matcher(shared.vocab))
    return _MATCHER[1]


def _build_matcher(vocab: Any) -> Any:
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    stop = sorted(NOT_A_NAME)
    surname = {"TEXT": {"REGEX": _NAME_RE, "NOT_IN": stop}}
    tussen = {"LOWER": {"IN": sorted(TUSSENVOEGSELS)}, "OP": "*"}
    first = {"TEXT": {"IN": sorted(first_names())}}
    dot = {"ORTH": ".", "OP": "?"}
    matcher.add(
        "ADDRESS_FORM",
        [
            [{"LOWER": {"IN": list(ADDRESS_FORMS)}}, dot, tussen, surname, {"TEXT": {"REGEX": _NAME_RE}, "OP": "?"}],
            [{"LOWER": "de"}, {"LOWER": {"IN": ["heer", "vrouw"]}}, tussen, surname],
            [{"LOWER": "heer"}, tussen, surname],
        ],
    )
    matcher.add("ROLE", [[{"ORTH": {"IN": list(ROLE_WORDS)}}, tussen, surname], [{"LOWER": "collega"}, first]])
    matcher.add("INITIALS", [[{"TEXT": {"REGEX": _INITIAL_RE}}, tussen, surname]])
    matcher.add("FIRST_LAST", [[first, tussen, surname]])
    matcher.add("FIRST", [[first]])
    return matcher


def _persons(text: str) -> list[tuple[str, int, int]]:
    matcher = _matcher()
    doc = nlp.tokenize(text)
    found: list[tuple[str, int, int]] = []
    for match_id, start, end in matcher(doc):
        label = doc.vocab.strings[match_id]
        span = doc[start:end]
        if label == "FIRST" and _sentence_initial(doc, start):
            continue
        if label == "INITIALS" and len(span) < 2:
            continue
        if label in {"ADDRESS_FORM", "ROLE"}:
            # report the name, not the form of address
            name_start = start + 1
            while name_start < end and (doc[name_start].text == "." or doc[name_start].lower_ in {"heer", "vrouw"}):
                name_start += 1
            span = doc[name_start:end]
        if not len(span) or any(tok.text in NOT_A_NAME for tok in span):
            continue
        found.append(("persoon", span.start_char, span.end_char))
    return found


def _sentence_initial(doc: Any, i: int) -> bool:
    if i == 0:
        return True
    prev = doc[i - 1]
    return prev.text in SENTENCE_END or "\n" in prev.text or prev.is_space


def _ner_persons(text: str) -> list[tuple[str, int, int]]:
    if not nlp.has_entities():
        return []
    found = []
    (doc,) = nlp.entity_docs([text])
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "PER"}:
            continue
        words = ent.text.split()
        if any(word.strip(".,") in NOT_A_NAME for word in words):
            continue
        if len(words) == 1 and _sentence_initial(ent.doc, ent.start) and words[0] not in first_names():
            continue
        found.append(("persoon", ent.start_char, ent.end_char))
    return found
