"""How numbers and dates read in Dutch: "1 interview" / "2 interviews", and ``28-11-2026``.

One helper per thing, used by every layer (this is the bottom layer): :func:`count`
for a number with its noun in singular or plural, :func:`dutch_date` for a date a
user reads, :func:`parse_dutch_date` for a date a user types (``28-11-2026`` or
``2026-11-28``).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from texts._base import T, t

NOUNS: dict[str, tuple[str, str]] = {
    "fragment": ("fragment", "fragmenten"),
    "interview": ("interview", "interviews"),
    "citaat": ("citaat", "citaten"),
    "respondent": ("respondent", "respondenten"),
    "thema": ("thema", "thema's"),
    "onderwerp": ("onderwerp", "onderwerpen"),
    "document": ("document", "documenten"),
    "pagina": ("pagina", "pagina's"),
    "beurt": ("beurt", "beurten"),
    "spreker": ("spreker", "sprekers"),
    "vraag": ("vraag", "vragen"),
    "antwoord": ("antwoord", "antwoorden"),
    "code": ("code", "codes"),
    "voorstel": ("automatisch voorstel", "automatische voorstellen"),
    "minuut": ("minuut", "minuten"),
    "seconde": ("seconde", "seconden"),
}
"""Noun key → (singular, plural); the catalogue holds them as ``count.<key>.one`` / ``.many``."""

T.update(
    {
        key: f"{{n}} {form}"
        for noun, (one, many) in NOUNS.items()
        for key, form in ((f"count.{noun}.one", one), (f"count.{noun}.many", many))
    }
)

_ISO_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def count(n: int, noun: str) -> str:
    """``n`` with its noun in the right number: ``count(1, "interview")`` → ``"1 interview"``.

    Args:
        n: The number (0 and 2+ take the plural, as in Dutch: "0 fragmenten").
        noun: A key of :data:`NOUNS`.
    """
    return t(f"count.{noun}.{'one' if n == 1 else 'many'}", n=n)


def dutch_date(value: date | datetime | str | None) -> str:
    """``28-11-2026`` for a date, a datetime or an ISO-like string; ``—`` when there is none.

    A datetime reads ``28-11-2026 14:05`` in the machine's local time zone (the
    database stores UTC). A string that is not a date (free text typed by a
    user, "voorjaar 2026") is returned unchanged.
    """
    if value is None or value == "":
        return t("common.none")
    if isinstance(value, datetime):
        local = value.astimezone() if value.tzinfo is not None else value
        return local.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    text = str(value).strip()
    match = _ISO_DATE.match(text)
    if not match:
        return text
    year, month, day = match.groups()
    rest = text[match.end() :]
    clock = re.match(r"^[T ](\d{2}):(\d{2})", rest)
    shown = f"{int(day):02d}-{int(month):02d}-{year}"
    return f"{shown} {clock.group(1)}:{clock.group(2)}" if clock else shown


def parse_dutch_date(text: str) -> date | None:
    """The date a user typed as ``28-11-2026`` (also ``28/11/2026``, ``28.11.2026``) or ``2026-11-28``.

    Returns:
        The date, or ``None`` for an empty text.

    Raises:
        ValueError: The text is not a date (the caller words the Dutch message).
    """
    value = text.strip()
    if not value:
        return None
    dutch = _DUTCH_DATE.match(value)
    if dutch:
        day, month, year = (int(part) for part in dutch.groups())
        return date(year, month, day)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        return date(year, month, day)
    raise ValueError(value)
