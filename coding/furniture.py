"""Document furniture: the parts of a policy document that carry no content.

A studied document (a policy, Bibob-beleidsregels, a gedragscode, a council
decision, a web page) is auto-coded like an interview, so its furniture must get
"geen code" too. :func:`detect` recognises it from structure first and from the
standard formulae of Dutch regulations second:

``heading``
    a short line without a verb and without final punctuation (a title, a
    kopje, "Hoofdstuk 2 Begripsbepalingen", "Artikel 3", "2.1 Meldregeling", a
    question heading of two or three words);
``toc``
    a table-of-contents line: several section numbers, dotted leaders, or titles
    each followed by a page number;
``formula``
    the fixed parts of a regulation as the *Aanwijzingen voor de regelgeving*
    (ch. 3-4) and the VNG model regulations build them: opschrift ("houdende
    regels"), aanhef ("De raad van de gemeente …;", "gelezen het voorstel van",
    "gelet op"), besluit ("besluit: vast te stellen"), wijzigingsopdrachten,
    inwerkingtreding, citeertitel ("wordt aangehaald als"), intrekking,
    slotformulier ("Aldus vastgesteld in de openbare vergadering van"), the royal
    formulae of a wet or AMvB, and the page furniture of a published regulation
    (Intitulé, Wetstechnische informatie, Geldend van …);
``metadata``
    identifiers, dates and field lists: "zaaknummer: 1575125", a row of dates
    and publication numbers, "Gemeenteblad van …", "Den Haag, 5 maart 2019";
``signature``
    an ondertekening: only office titles and names ("De griffier, De voorzitter");
``colophon``
    "Deze handreiking is ontwikkeld door …", "Alle rechten voorbehouden", credits;
``web``
    cookie notices, navigation and menus, breadcrumbs, "Lees meer", the furniture
    of document sites ("Save this PDF as", "Bezig met laden");
``contact``
    a call to contact someone (phone numbers, e-mail, "Heeft u vragen?");
``meta_text``
    a reading guide ("In dit hoofdstuk wordt … beschreven");
``definition``
    a definition list item without a verb ("a. college: het college van …").

Every verdict is *strong* (no code, whatever the words) or *weak*: contact,
meta-text, definitions and a considerans can carry content, so the coder only
abstains on a weak verdict when no codebook keyword is in the fragment
(:meth:`coding.coder.AutoCoder.abstentions`). The rules apply to document text
only: a short interview answer is not a heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

KINDS: tuple[str, ...] = (
    "heading", "toc", "formula", "metadata", "signature", "colophon", "web", "contact", "meta_text", "definition",
)
HEADING_MAX_WORDS = 12
TITLE_MAX_WORDS = 25
FORMULA_MAX_WORDS = 60
DIGIT_SHARE = 0.34


@dataclass(frozen=True)
class Furniture:
    """Why a document fragment is furniture.

    Attributes:
        kind: One of :data:`KINDS`.
        strong: No code whatever the words; otherwise only without a codebook keyword.
        rule: The rule that fired (for tests and debugging).
    """

    kind: str
    strong: bool
    rule: str


# --- words and verbs ------------------------------------------------------------
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
# frequent irregular finite forms that a lemma lookup table does not list
_IRREGULAR_FINITE = frozenset(
    ["is", "ben", "bent", "was", "waren", "heeft", "heb", "hebt", "had", "hadden", "kan", "kun", "kunt", "kon", "konden", "zal", "zult", "zullen", "zou", "zouden", "wil", "wilt", "wou", "wilden", "mag", "mocht", "mochten", "moet", "moest", "moesten", "ga", "gaat", "ging", "gingen", "sta", "staat", "stond", "stonden", "doe", "doet", "deed", "deden", "zie", "ziet", "zag", "zagen", "kom", "komt", "kwam", "kwamen", "geeft", "gaf", "gaven", "krijgt", "kreeg", "kregen", "blijft", "bleef", "bleven", "vindt", "vond", "vonden", "weet", "wist", "wisten", "houdt", "hield", "hielden", "laat", "liet", "lieten", "ligt", "lag", "lagen", "neemt", "nam", "namen", "brengt", "bracht", "denkt", "dacht", "dachten", "zegt", "zei", "zeiden", "bevat", "bevatten", "besluit", "besluiten", "bestaat", "bestond", "ontstaat", "betreft", "geldt", "gold", "luidt", "treedt", "trad", "wordt", "werd", "werden", "blijkt", "bleek", "biedt", "bood", "draagt", "droeg", "schrijft", "schreef", "vraagt", "vroeg", "heet", "hoort", "valt", "viel", "vallen", "leidt", "zit", "zat", "zitten", "loopt", "liep", "spreekt", "sprak"]
)
# the closed classes that start or join clauses; not verbs, but no title is made only of them
_FUNCTION = frozenset(
    ["de", "het", "een", "en", "of", "van", "in", "op", "te", "voor", "met", "aan", "bij", "door", "over", "uit", "tot", "om", "naar", "als", "dan", "dat", "die", "dit", "deze", "er", "niet", "ook", "wel", "nog", "al", "zo", "u", "je", "we", "wij", "ze", "zij", "hij", "ik", "men"]
)


_QUESTION_WORDS = frozenset(["wat", "wie", "waar", "wanneer", "waarom", "hoe", "welke", "welk", "waarvoor", "hoeveel"])
# frequent nouns that are also verb forms ("leden", "kosten"): in a title they are nouns
_NOUN_HOMOGRAPHS = frozenset(
    ["leden", "middelen", "kosten", "wetten", "taken", "ogen", "oren", "vragen", "antwoorden", "eisen", "belangen", "algemeen", "regels", "zaken"]
)


def words(text: str) -> list[str]:
    """Letter tokens of ``text`` (case kept)."""
    return _WORD.findall(text)


@lru_cache(maxsize=1)
def _verb_table() -> tuple[dict[str, str], frozenset[str]]:
    """Form -> lemma and the lemmas that are verbs (inflected as a verb at least twice)."""
    from coding.nlp import lookup_table

    table, _ = lookup_table()
    counts: dict[str, int] = {}
    for form, lemma in table.items():
        if form == lemma or not lemma.endswith("n"):
            continue
        if form.endswith(("t", "de", "te", "den", "ten", "end", "ende")) or (
            form.startswith("ge") and form.endswith(("d", "t"))
        ):
            counts[lemma] = counts.get(lemma, 0) + 1
    return table, frozenset(lemma for lemma, n in counts.items() if n >= 2)


def verb_positions(tokens: list[str]) -> list[tuple[int, str]]:
    """``(index, form)`` of every verb form among ``tokens``; ``form`` is ``"finite"``, ``"infinitive"`` or
    ``"participle"``. A capitalised word after the first is taken for a name, never a verb."""
    table, verbs = _verb_table()
    out: list[tuple[int, str]] = []
    for index, token in enumerate(tokens):
        word = token.casefold()
        if (index and token[0].isupper()) or word in _NOUN_HOMOGRAPHS:
            continue
        if word in _IRREGULAR_FINITE:
            out.append((index, "finite"))
        elif word in verbs:
            out.append((index, "infinitive"))
        elif table.get(word) in verbs:
            participle = re.match(r"^\w*ge\w+[dt]e?$", word) is not None and not word.endswith(("eert", "igt"))
            out.append((index, "participle" if participle else "finite"))
        elif len(word) >= 4 and word.endswith("t") and any(lemma in verbs for lemma in _present_lemmas(word)):
            out.append((index, "finite"))
    return out


def _present_lemmas(word: str) -> list[str]:
    """Infinitives a present-tense form in ``-t`` may belong to ("kiest" -> "kiezen", "maakt" -> "maken")."""
    stem = word[:-1]
    if len(stem) < 2:
        return []
    out = [stem + "en", stem + "n", stem + stem[-1] + "en"]
    if stem[-1] in "sf":
        out.append(stem[:-1] + ("z" if stem[-1] == "s" else "v") + "en")
    if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in "aeou":
        short = stem[:-2] + stem[-1]
        out.append(short + "en")
        if short[-1] in "sf":
            out.append(short[:-1] + ("z" if short[-1] == "s" else "v") + "en")
    return out


def has_verb(tokens: list[str], *, allow_edge_infinitive: bool = False, allow_participle: bool = False) -> bool:
    """Whether ``tokens`` contain a verb form.

    ``allow_edge_infinitive``: a single bare infinitive first or last does not count ("Ondermijning melden",
    "Werken aan integriteit"); ``allow_participle``: participles do not count ("Vastgesteld door").
    """
    positions = [(i, form) for i, form in verb_positions(tokens) if not (allow_participle and form == "participle")]
    if allow_edge_infinitive and len(positions) == 1 and positions[0][1] == "infinitive":
        return positions[0][0] not in (0, len(tokens) - 1)
    return bool(positions)


# --- structural patterns ----------------------------------------------------------
_ENUM = r"(?:[•●▪◦\-–—*·]\s*|\(?(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)°]\s+)?"
_SECTION_WORDS = r"(?:hoofdstuk|paragraaf|afdeling|titel|artikel|art\.|bijlage|deel|onderdeel|sectie|§)"
_NUMBER = r"(?:\d{1,3}[a-z]?(?:[.:]\d{1,3}[a-z]?){0,3}|[IVXLC]{1,6})"
_NUMBERED_HEADING = re.compile(rf"^\s*{_SECTION_WORDS}\s*{_NUMBER}\.?(?=\s|:|$)", re.IGNORECASE)
_NUMBERED_LINE = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+\S")
_DOSSIER = re.compile(r"^\s*(?:\d{2} \d{3}(?:-[IVXLC]+)?|nr\.? \d+)\b", re.IGNORECASE)
_SECTION_NUMBER = re.compile(r"(?<![\w.,/-])\d{1,2}(?:\.\d{1,2}){1,3}\.?(?![\w,/-])")
_SECTION_REF = re.compile(rf"\b{_SECTION_WORDS}\s*{_NUMBER}\b", re.IGNORECASE)
_LEADER = re.compile(r"(?:\.\s?){4,}|…{2,}|_{4,}")
_TITLE_PAGE = re.compile(r"[^\W\d_][^\W\d_'’)-]*\)?\s+\d{1,3}(?=\s|$)")
_FINAL_PUNCT = (".", ",", ";", ":", "!")
_DOC_TYPES = (
    r"(?:besluit|wet|regeling|reglement|verordening|beleidsregels?|beleidsregel|beleidslijn|beleid|beleidsplan|"
    r"beleidsnota|nota|notitie|kadernotitie|gedragscode|protocol|handreiking|convenant|aanwijzing|instructie|"
    r"mandaatregeling|mandaatbesluit|programma|uitvoeringsprogramma|plan|actieplan|strategie|rapport|verslag|"
    r"jaarverslag|begroting|raadsvoorstel|raadsbesluit|collegebesluit|initiatiefnota|brief|nieuwsbrief)"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d(?:\s?[-–/]\s?(?:19|20)?\d\d)?\b")
_MONTHS = r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:datum|date|vastgesteld|ontvangen|gepubliceerd|verschenen|d\.d\.)\s*:?\s*)?(?:[A-Z][\w'’ -]{{1,30}},\s*)?(?:\d{{1,2}}\s+)?{_MONTHS}"
    rf"(?:\s+\d{{4}})?\.?\s*$|^\s*(?:[A-Z][\w'’ -]{{1,30}},\s*)?\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\.?\s*$",
    re.IGNORECASE,
)
_LABEL_VALUE = re.compile(
    r"(?:^|(?<=[.;|,]\s))([^\W\d_][\w()’'/ -]{0,40}?)\s?:\s+(\S[^:]*?)(?=(?:[.;|,]\s+[^\W\d_][\w()’'/ -]{0,40}?\s?:\s)|$)"
)
_PHONE = re.compile(r"(?<!\d)(?:\+31\s?|0)\d{1,3}[\s-]?\d{3}[\s-]?\d{2,4}(?:\s?\d{2})?(?!\d)|\b14\s?0\d{2,3}\b|\b0[89]00[\s-]?\d{4}\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\[email[^\]]*\]")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:nl|com|org|eu|be)(?:/\S*)?\b")
_POSTAL = re.compile(r"\b\d{4}\s?[A-Za-z]{2}\b|\bpostbus\s+\d+\b", re.IGNORECASE)
_BRACKET_NAV = re.compile(r"\[[^\]]{2,30}\]")
_BREADCRUMB = re.compile(r"\s(?:>|›|»|/)\s")
_ROLE = re.compile(
    r"^(?:de|het|namens|voor|deze|loco|waarnemend|plv\.?|a\.i\.?|mr\.?|drs\.?|dr\.?|ir\.?|ing\.?|prof\.?|"
    r"griffier|raadsgriffier|voorzitter|secretaris|gemeentesecretaris|burgemeester|wethouders?|dijkgraaf|"
    r"minister|staatssecretaris|directeur|commissaris|koning|koningin|college|gedeputeerde|staten|raad|"
    r"van|en|der|tot|adjunct-griffier|hoogheemraden|algemeen|dagelijks|bestuur)$",
    re.IGNORECASE,
)
_ROLE_NOUN = re.compile(
    r"\b(?:griffier|voorzitter|secretaris|burgemeester|wethouders?|dijkgraaf|minister|staatssecretaris|directeur|"
    r"commissaris)\b",
    re.IGNORECASE,
)


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# formulae of regulations, anchored at the start of the fragment (after an enumerator)
_BODY = (
    r"(?:raad|gemeenteraad|college|burgemeester en wethouders|burgemeester|wethouders|gedeputeerde staten|"
    r"provinciale staten|algemeen bestuur|dagelijks bestuur|minister|staatssecretaris|bestuur|directeur|commissaris)"
)
# the regulation speaking of itself: "Deze beleidsregels", "Dit besluit", "Het besluit" (not "De Wet Bibob")
_SELF = rf"(?:(?:[\w-]+\s+){{0,4}}?(?:deze|dit)\s+(?:[\w-]+\s+){{0,3}}?{_DOC_TYPES}\w*|(?:de|het)\s+(?!wet\b){_DOC_TYPES}\w*)\b"
_FORMULA_START: list[tuple[str, re.Pattern[str]]] = [
    ("royal", _p(r"^(?:wij [A-Z][\w-]+,? bij de gratie gods|allen,? die deze zullen zien|zo is het,? dat wij|"
                 r"alzo wij|lasten en bevelen dat|gegeven te\b|hebben goedgevonden en verstaan|"
                 r"de afdeling advisering van de raad van state gehoord|op de voordracht van)")),
    ("aanhef", _p(rf"^(?:(?:de|het)\s+)?{_BODY}(?:\s+(?:en|of)\s+(?:(?:de|het)\s+)?{_BODY})*"
                  r"(?:\s+van\s+[^;,.:]{1,80}?)?\s*(?:[;,:]|\s+(?:ieder voor zover|gelet op|gelezen|gezien|"
                  r"overwegende|besluit|besluiten|maakt bekend|maken bekend)\b|$)")),
    ("aanhef_gelet", _p(r"^(?:mede\s+)?(?:gelet op|gelezen|gezien|gehoord|in vergadering bijeen|na instemming van|"
                        r"na advies van|op voorstel van|op grond van het bepaalde in)\b")),
    ("besluit", _p(r"^(?:b\s?e\s?s\s?l\s?u\s?i\s?t(?:\s?e\s?n)?|heeft besloten|hebben besloten)\s*[:;,]?"
                   r"(?:\s|$)")),
    ("besluit", _p(r"^(?:\d{1,2}[.)]?\s*)?(?:vast te stellen|in te trekken|te wijzigen|kennis te nemen)\b")),
    ("slot", _p(r"^(?:aldus\s+)?(?:vastgesteld|besloten|gedaan)\s+(?:in|door|bij|op)\s+(?:de\s+|het\s+|zijn\s+|"
                r"haar\s+|hun\s+)?(?:openbare\s+)?(?:raads)?(?:vergadering|besluit|zitting)\b")),
    ("slot", _p(r"^aldus\s+(?:vastgesteld|besloten|gedaan)\b")),
    ("inwerkingtreding", _p(rf"^{_SELF}[^.]{{0,80}}\b(?:treedt|treden)\s+in\s+werking\b")),
    ("inwerkingtreding", _p(r"^(?:in werking getreden|inwerkingtreding|datum inwerkingtreding)\b")),
    ("citeertitel", _p(rf"^{_SELF}[^.]{{0,60}}\b(?:wordt|worden|kan worden|kunnen worden)\s+aangehaald\s+als\b")),
    ("bekendmaking", _p(rf"^{_SELF}[^.]{{0,60}}\b(?:wordt|worden)\s+(?:[^.]{{0,40}}\s)?(?:bekendgemaakt|gepubliceerd|"
                        r"ter inzage gelegd)\b|^[^.]{0,80}\b(?:publiceert|publiceren|maakt|maken)\b[^.]{0,80}\b(?:bekend\s+)?in\s+"
                        r"(?:het\s+|de\s+)?(?:gemeenteblad|staatscourant|provinciaal blad|waterschapsblad)\b")),
    ("onvoorzien", _p(r"^in\s+(?:de\s+|alle\s+)?gevallen\s+waarin\s+(?:deze|dit|de|het)\s+[^.]{0,60}\bniet\s+"
                      r"voorzie[nt]\b|^[^.]{0,60}\bkan\s+(?:[^.]{0,60}\s)?afwijken\s+van\s+(?:deze|dit)\b[^.]{0,120}"
                      r"\b(?:onbillijk|onevenredig|hardheid)")),
    ("intrekking", _p(rf"^(?:(?:(?:deze|dit|het|de)\s+)?[^.]{{0,160}}\b{_DOC_TYPES}\w*\b[^.]{{0,160}}\b"
                      r"(?:wordt|worden)\s+(?:hierbij\s+)?ingetrokken\b|[^.]{0,160}\bvervangt\s+(?:het|de)\s+"
                      r"(?:in\s+\d{4}\s+)?vastgestelde\b)")),
    ("wijziging", _p(r"^(?:wijzigt\s+(?:de|het)\b|[^.]{0,160}\b(?:wordt|worden)\s+als\s+volgt\s+gewijzigd\b|"
                     r"[^.]{0,160}\bkomt\s+te\s+luiden\b|(?:in|aan|na|onder)\s+(?:het\s+)?(?:artikel|onderdeel|lid|bijlage)\b"
                     r"[^.]{0,120}\b(?:wordt|worden)\b[^.]{0,60}\b(?:geschrapt|vervangen|ingevoegd|toegevoegd|"
                     r"vernummerd)\b)")),
    ("vervanging", _p(rf"^(?:deze|dit|het|de)\s+(?:[\w-]+\s+){{0,2}}{_DOC_TYPES}\w*\s+vervangt\s+(?:de|het)\b")),
    ("slot", _p(rf"^(?:(?:de|het)\s+)?{_BODY}\b[^.]{{0,80}}\b(?:hebben|heeft)\s+in\s+(?:hun|zijn|haar)\s+"
                r"(?:openbare\s+)?vergadering\s+van\b")),
    ("vaststelling", _p(rf"^(?:[\w-]+\s+){{0,4}}?(?:deze|dit)\s+(?:[\w-]+\s+){{0,3}}?\w*{_DOC_TYPES}\w*\s+(?:is|zijn|werd|werden)\s+"
                        r"(?:[^.]{0,60}\s)?(?:vastgesteld|goedgekeurd|geactualiseerd|herzien)\s+(?:door|in|op|bij|d\.d\.)\b")),
    ("convenant", _p(r"^(?:ondergetekenden|partijen)\b\s*[:,]?|^[^.]{0,80}\bkomen\s+(?:als\s+volgt|het\s+volgende)\s+overeen\b|"
                     r"^aldus\s+overeengekomen\b|^[^.]{0,80}\bin\s+\w+voud\s+(?:opgemaakt|ondertekend)\b")),
    ("opschrift", _p(r"^[^.]{0,200}\bhoudende\s+(?:nieuwe\s+)?(?:regels|bepalingen|vaststelling|wijziging|"
                     r"uitvoering|intrekking)\b")),
    ("definitie", _p(r"^(?:in\s+(?:deze|dit)\s+[\w-]+(?:\s+en\s+de\s+daarop\s+berustende\s+bepalingen)?\s+wordt\s+"
                     r"(?:mede\s+)?verstaan\s+onder\s*:?\s*$)")),
    ("bekendmaking", _p(r"^(?:gemeenteblad|staatscourant|staatsblad|provinciaal blad|waterschapsblad|"
                        r"officiële uitgave|officiële publicatie)\b")),
    ("regeling", _p(r"^(?:ziet u een fout in deze regeling|wetstechnische informatie|gegevens van de regeling|"
                    r"tekst van de regeling|overzicht van in de tekst verwerkte wijzigingen|opmerkingen met "
                    r"betrekking tot de regeling|regelgeving die op deze regeling is gebaseerd|permanente link|"
                    r"naar de (?:actuele|door u bekeken) versie|geldend (?:van|vanaf|tot)\b|regeling vervallen per|"
                    r"dit is een toekomstige tekst|intitul[eé]\b|geconsolideerde tekst|officiële naam regeling|"
                    r"citeertitel|wettelijke grondslag|bron bekendmaking|kenmerk voorstel|eigen onderwerp|"
                    r"organisatietype|externe bijlage|datum (?:ondertekening|publicatie|uitwerkingtreding))\b")),
    ("colofon", _p(r"^(?:(?:deze|dit)\s+(?:handreiking|publicatie|uitgave|brochure|rapport|onderzoek|document|"
                   r"factsheet|notitie|leidraad)\s+(?:is|werd)\s+(?:mede\s+)?(?:ontwikkeld|opgesteld|gemaakt|"
                   r"geschreven|uitgegeven|uitgevoerd|tot stand gekomen|samengesteld|mogelijk gemaakt)\b|dit is een uitgave van|"
                   r"(?:deze|dit)\s+[\w-]+\s+is\s+een\s+(?:uitgave|publicatie|product)\s+van|met\s+dank\s+aan\b|"
                   r"aan (?:deze|dit) [\w-]+ kunnen geen rechten worden ontleend|alle rechten voorbehouden|"
                   r"niets uit deze uitgave|colofon\b|isbn\b|©|copyright\b)")),
    ("salutation", _p(r"^(?:geachte|beste|hoogachtend|met (?:vriendelijke|hartelijke) groet(?:en)?)\b")),
]
_CONSIDERANS = _p(r"^(?:overwegende|in overweging genomen|alzo wij in overweging)\b")
# reading guides: the parts of a document that describe the document itself
_STRUCTURE = (
    r"(?:document|hoofdstuk|paragraaf|nota|notitie|beleidsnotitie|kadernotitie|rapport|rapportage|protocol|"
    r"handreiking|handleiding|brief|voortgangsbrief|beleidsplan|bijlage|leeswijzer|deel|onderdeel|stuk|tekst|"
    r"inleiding|beleidsnota|beleidsstuk|pagina|website|site|versie|publicatie|uitgave|onderzoek|verslag)"
)
_STRUCTURE_VERB = (
    r"(?:(?:wordt|worden|is|zijn)\s+(?:[^.]{0,160}\s)?(?:beschreven|behandeld|besproken|ingegaan|toegelicht|uiteengezet|"
    r"weergegeven|gepresenteerd|geschetst|samengevat|uitgewerkt|aangegeven|gegeven|opgenomen|verschaft)|"
    r"gaan?\s+(?:we|wij|ik)\s+(?:[^.]{0,40}\s)?in\s+op|gaat\s+(?:[^.]{0,40}\s)?in\s+op|komt\s+aan\s+bod|komen\s+aan\s+bod|"
    r"beschrijft|beschrijven|behandelt|behandelen|bespreekt|bespreken|verkent|schetst|presenteert|vat\s+samen|"
    r"is\s+als\s+volgt\s+opgebouwd|bestaat\s+uit\s+(?:\w+\s+)?(?:hoofdstukken|delen|onderdelen|paragrafen)|"
    r"informeer\s+ik|informeren\s+wij|lees\s+je|leest\s+u|vindt\s+u|vind\s+je|staan\s+onze|staat\s+onze)"
)
_META_STRONG = _p(
    rf"^(?:in\s+)?(?:dit|deze|het\s+volgende|het\s+vorige|de\s+volgende|de\s+vorige)\s+(?:[\w-]+\s+)?{_STRUCTURE}\b"
    rf"[^.]{{0,160}}?\b{_STRUCTURE_VERB}\b"
    rf"|^(?:in\s+)?(?:hoofdstuk|paragraaf|bijlage|sectie|deel)\s+\d+(?:\.\d+)*\b[^.]{{0,160}}?\b"
    rf"(?:{_STRUCTURE_VERB}|staat|staan|is|zijn|bevat|geeft)\b"
    r"|^(?:de|het)\s+(?:nota|notitie|rapport|document|handreiking|handleiding|brief)\s+(?:beschrijft|behandelt|"
    r"bevat|gaat in op|geeft een overzicht)\b"
    r"|^(?:hieronder|hierin|hierna|hierbij|bijgaand|langs\s+deze\s+weg|met\s+deze\s+brief)\s+(?:vindt u|vind je|"
    r"leest u|lees je|benoem|beschrijf|ga ik|geef ik|informeer|stuur|zend|bied|ontvangt u|treft u|volgt)\b"
    r"|^(?:zie|lees)\s+(?:ook\s+)?(?:bijlage|hoofdstuk|paragraaf|artikel|pagina)\b"
    r"|^bij\s+(?:het\s+tot\s+stand\s+komen|de\s+totstandkoming)\s+van\s+(?:dit|deze)\b"
)
_META = _p(
    rf"^(?:in\s+)?(?:dit|deze|het\s+volgende|onderstaand[e]?|de\s+volgende)\s+{_STRUCTURE}\b[^.]{{0,120}}\b"
    r"(?:staat|staan|wordt|worden|bevat|geeft|gaat|komt|komen|is als volgt|bestaat uit|maakt integraal|"
    r"is bedoeld|richt zich)"
    r"|^(?:dit|deze)\s+(?:pagina|website|site|document|versie)\b|^onderstaand\b|^(?:de|het)\s+voorliggende\b"
    r"|^(?:de|deze|onze)\s+website\b|\b(?:is|werd)\s+(?:er\s+)?(?:bewust\s+)?(?:ervoor\s+|voor\s+)?gekozen\b"
    r"|^de\s+volgende\s+[\w-]+\s+(?:is|zijn)\b[^.]{0,80}:$"
)
_WEB = _p(
    r"^(?:lees (?:meer|verder|hier)|meer (?:informatie|weten|lezen|nieuws)|bekijk (?:hier|ook|de|alle)|"
    r"download|deel (?:deze|dit)|delen via|print(?:en)?\b|terug naar|naar boven|ga naar|spring naar|"
    r"u bent hier|je bent hier|home\b|laatst (?:gewijzigd|bijgewerkt|aangepast)|gepubliceerd op|"
    r"save this|weergave met pagina|bezig met laden|no results found|share\b|copied!?|embed|citation preview|"
    r"advertisement|transcriptie|vergelijkbare documenten|maat: px|printen opslaan|volgende pagina|"
    r"vorige pagina|dit is een interactieve pagina|klik (?:hier|op)|logo\b|zoeken\b|menu\b|"
    r"date \d{4}|skip to|sluiten\b|accepteer|alle cookies|op (?:deze|dit) (?:pagina|website|site)|"
    r"kijk (?:voor meer informatie|op)|direct naar|\+?toon\b)"
)
_CONTACT = _p(
    r"\b(?:heeft u (?:vragen|een vraag)|heb je (?:vragen|een vraag|een tip)|neem (?:dan\s+)?contact op|"
    r"contact opnemen|mail (?:ons|naar)|bel (?:ons|dan|met|naar)|stuur (?:ons\s+)?een e-?mail|"
    r"bereikbaar (?:op|via)|openingstijden|tip of opmerking|voor meer informatie)\b"
)
_COOKIE = _p(r"\bcookie(?:s|beleid|verklaring|bepaling|melding|instellingen)?\b|\bprivacyverklaring\b|\bdisclaimer\b|"
             r"\btoegankelijkheidsverklaring\b|\bdigitale toegankelijkheid\b|\bnalevingsstatus\b|"
             r"\bwebstatistieken\b|\banalytics\b")
_CAPTION = _p(r"^(?:figuur|tabel|grafiek|afbeelding|kaart|foto|bron|noot|kader|box)\s*\d*(?:\.\d+)*\s*[:.]\s*\S")
_COLOPHON_CREDIT = _p(r"^(?:tekst|foto(?:'s|’s)?|fotografie|beeld|illustraties?|vormgeving|ontwerp|redactie|"
                      r"eindredactie|druk|auteurs?|opmaak)\b\s*:?\s*\S")


_DECISION_END = _p(r"\b(?:vast te stellen|in te trekken|te wijzigen)\s*[.;:]?\s*$")
_INWERKING_ANY = _p(rf"^{_SELF}[^.]{{0,160}}\b(?:inwerkingtreding|"
                    r"in werking|bekendmaking|met ingang van|van kracht)\b")
_SLOT_ANY = _p(r"\bvastgesteld\s+in\s+de\s+openbare\s+(?:raads)?vergadering\s+van\b|\baldus\s+(?:vastgesteld|besloten)\b")
_DEFINITIONS = _p(r"^in\s+(?:deze|dit)\s+[\w-]+(?:\s+en\s+de\s+daarop\s+berustende\s+bepalingen)?\s+wordt\s+"
                  r"(?:mede\s+)?verstaan\s+onder\s*:?")
_ID_FIELD = _p(r"\b(?:zaaknummer|zaaknr|documentnummer|registratienummer|dossiernummer|volgnummer|kenmerk|"
               r"versie|bijlagenummer|nummer|nr)\b\.?\s*:?\s*[\w./-]*\d")
_WEB_ANY = _p(
    r"\b(?:lees meer|lees verder|meer informatie|deel deze pagina|delen via|terug naar|naar boven|ga naar|"
    r"spring naar|u bent hier|laatst gewijzigd|laatst bijgewerkt|save this|bezig met laden|no results found|"
    r"vergelijkbare documenten|volgende pagina|vorige pagina|klik (?:hier|op)|door naar|nieuwsbrief|contact)\b"
)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _strip_enumerator(text: str) -> str:
    return re.sub(rf"^{_ENUM}", "", text, count=1)


def _is_titlecase_start(text: str) -> bool:
    first = next((char for char in text if char.isalnum()), "")
    return first.isupper() or first.isdigit()


def _finite_count(tokens: list[str]) -> int:
    return sum(1 for _, form in verb_positions(tokens) if form == "finite")


def _heading(text: str, tokens: list[str]) -> Furniture | None:
    stripped = text.rstrip()
    n = len(tokens)
    if not n:
        return None
    if _NUMBERED_HEADING.match(text):
        rest = words(_NUMBERED_HEADING.sub("", text, count=1))
        if len(rest) <= HEADING_MAX_WORDS and not has_verb(rest, allow_edge_infinitive=True) and (
            not stripped.endswith((";", ","))
        ):
            return Furniture("heading", True, "numbered")
    if _DOSSIER.match(text) and n <= 40 and not has_verb(tokens, allow_participle=True):
        return Furniture("heading", True, "dossier")
    if _NUMBERED_LINE.match(text) and n <= 2 * HEADING_MAX_WORDS and not has_verb(tokens, allow_edge_infinitive=True):
        return Furniture("heading", True, "numbered_line")
    if stripped.endswith(_FINAL_PUNCT) or not _is_titlecase_start(text):
        return None
    letters = [char for char in text if char.isalpha()]
    if len(letters) >= 4 and all(char.isupper() for char in letters) and n <= HEADING_MAX_WORDS:
        return Furniture("heading", True, "caps")
    if stripped.endswith("?"):
        question = tokens[0].casefold() in _QUESTION_WORDS
        return Furniture("heading", True, "question") if n <= 4 or question and n <= 6 else None
    if (
        n <= HEADING_MAX_WORDS
        and len(stripped) <= 120
        and not has_verb(tokens, allow_edge_infinitive=True)
        and (n <= 2 or any(t.casefold() not in _FUNCTION for t in tokens))
    ):
        return Furniture("heading", True, "short")
    doc_type = re.match(rf"^(?:[\w-]+\s+){{0,3}}{_DOC_TYPES}\w*\b", text, re.IGNORECASE)
    if n <= TITLE_MAX_WORDS and (doc_type or _YEAR.search(text)) and not has_verb(
        tokens[1:] if doc_type and doc_type.group(0).count(" ") == 0 else tokens, allow_participle=True
    ):
        return Furniture("heading", True, "title")
    return None


def _toc(text: str, tokens: list[str]) -> Furniture | None:
    if _LEADER.search(text):
        return Furniture("toc", True, "leader")
    sections = len(_SECTION_NUMBER.findall(text))
    refs = len(_SECTION_REF.findall(text))
    pages = len(_TITLE_PAGE.findall(text))
    verbs = _finite_count(tokens)
    if sections >= 3 and verbs <= sections // 3:
        return Furniture("toc", True, "sections")
    if sections >= 2 and _SECTION_NUMBER.match(text) and not verbs:
        return Furniture("toc", True, "sections")
    if refs >= 3 and not text.rstrip().endswith((".", ";")) and verbs <= refs // 3:
        return Furniture("toc", True, "articles")
    if pages >= 3 and verbs <= pages // 3:
        return Furniture("toc", True, "pages")
    return None


def _metadata(text: str, tokens: list[str]) -> Furniture | None:
    raw = text.split()
    if _DATE_LINE.match(text):
        return Furniture("metadata", True, "date")
    with_digits = sum(1 for token in raw if any(char.isdigit() for char in token))
    if raw and len(raw) <= 40 and with_digits / len(raw) >= DIGIT_SHARE and not _finite_count(tokens):
        return Furniture("metadata", True, "numbers")
    if _ID_FIELD.search(text) and len(raw) <= 25 and not _finite_count(tokens):
        return Furniture("metadata", True, "identifier")
    pairs = _LABEL_VALUE.findall(text)
    if pairs and sum(len(label) + len(value) for label, value in pairs) >= 0.8 * len(text.rstrip(" .;")):
        labels_ok = all(len(words(label)) <= 5 and not _finite_count(words(label)) for label, _ in pairs)
        values_ok = all(not has_verb(words(value), allow_participle=True) and len(words(value)) <= 20
                        for _, value in pairs)
        if labels_ok and values_ok:
            if re.match(r"^\(?(?:[a-z]|\d{1,2})[.)]?\s", text):
                return Furniture("definition", False, "enumerated")
            return Furniture("metadata", True, "fields")
    contact = len(_PHONE.findall(text)) + len(_EMAIL.findall(text)) + len(_URL.findall(text)) + len(
        _POSTAL.findall(text)
    )
    if contact and len(raw) <= 20 and not _finite_count(tokens):
        return Furniture("metadata", True, "address")
    return None


def _signature(text: str, tokens: list[str]) -> Furniture | None:
    if not tokens or len(tokens) > 30 or not _ROLE_NOUN.search(text) or has_verb(tokens):
        return None
    for token in tokens:
        if not (_ROLE.match(token) or token[0].isupper() or len(token) <= 2):
            return None
    return Furniture("signature", True, "roles")


def _web(text: str, tokens: list[str]) -> Furniture | None:
    if _COOKIE.search(text):
        return Furniture("web", True, "cookies")
    if _WEB.match(text) and len(tokens) <= 20:
        return Furniture("web", True, "phrase")
    if len(_WEB_ANY.findall(text)) >= 2 and not _finite_count(tokens):
        return Furniture("web", True, "phrases")
    if len(_BRACKET_NAV.findall(text)) >= 3:
        return Furniture("web", True, "navigation")
    crumbs = _BREADCRUMB.split(text)
    if len(crumbs) >= 3 and all(len(words(part)) <= 5 for part in crumbs):
        return Furniture("web", True, "breadcrumb")
    if len(tokens) >= 6 and not has_verb(tokens) and not text.rstrip().endswith(_FINAL_PUNCT):
        capitalised = sum(1 for token in tokens if token[0].isupper())
        function = sum(1 for token in tokens if token.casefold() in _FUNCTION)
        if capitalised >= 0.7 * len(tokens) and function <= 0.15 * len(tokens):
            return Furniture("web", True, "menu")
    return None


def _aanhef_clause(text: str) -> bool:
    """A "gelet op"/"gelezen" clause of an aanhef, not a sentence that starts with one ("Gelet op de risico's kiest ...")."""
    stripped = text.rstrip()
    return stripped.endswith((";", ",", ":")) or re.search(r"\bbesluit(?:en)?\b", text, re.IGNORECASE) is not None or (
        not _finite_count(words(text))
    )


def _formula(body: str, n: int) -> Furniture | None:
    if n > FORMULA_MAX_WORDS:
        return None
    for candidate in dict.fromkeys((body, _NUMBERED_HEADING.sub("", body, count=1).strip())):
        for name, pattern in _FORMULA_START:
            if not pattern.match(candidate) or name == "aanhef_gelet" and not _aanhef_clause(candidate):
                continue
            if name == "vaststelling" and (n > 30 or _finite_count(words(candidate)) > 1):
                continue  # "Dit protocol is vastgesteld door de directie en geldt voor ...": content follows
            kind = "colophon" if name == "colofon" else "metadata" if name == "bekendmaking" else "formula"
            return Furniture(kind, True, name)
    if n <= 30 and _DECISION_END.search(body) and not _finite_count(words(body)):
        return Furniture("formula", True, "besluit")
    if n <= 40 and _SLOT_ANY.search(body):
        return Furniture("formula", True, "slot")
    if n <= 30 and _INWERKING_ANY.match(body):
        return Furniture("formula", True, "inwerkingtreding")
    lead_in = _DEFINITIONS.match(body)
    if lead_in:
        # the lead-in alone, or with a definition that only names ("college: het college van B en W")
        rest = words(body[lead_in.end():])
        naming = len(rest) <= 16 and not has_verb(rest, allow_participle=True)
        return Furniture("formula", len(rest) <= 3 or naming, "definitions")
    return None


def detect(text: str) -> Furniture | None:
    """The furniture verdict for a document fragment, or ``None`` (content, or undecided)."""
    text = _clean(text)
    if not text:
        return None
    tokens = words(text)
    body = _strip_enumerator(text)
    n = len(tokens)
    verdict = _formula(body, n)
    if verdict is not None:
        return verdict
    for check in (_heading, _toc, _metadata, _signature, _web):
        verdict = check(text, tokens)
        if verdict is not None:
            return verdict
    if _CAPTION.match(text) and n <= 30 and not _finite_count(tokens):
        return Furniture("metadata", True, "caption")
    if _COLOPHON_CREDIT.match(text) and n <= 12 and not has_verb(tokens):
        return Furniture("colophon", True, "credits")
    if _CONSIDERANS.match(body) and n <= FORMULA_MAX_WORDS:
        return Furniture("formula", False, "considerans")
    if _META_STRONG.match(body):
        return Furniture("meta_text", True, "reading_guide")
    if _META.search(body):
        return Furniture("meta_text", False, "about_document")
    if _CONTACT.search(text) and n <= 40:
        return Furniture("contact", False, "call_to_action")
    return None


def detect_many(texts: Iterable[str]) -> list[Furniture | None]:
    """:func:`detect` for every text."""
    return [detect(text) for text in texts]
