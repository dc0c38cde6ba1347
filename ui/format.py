"""How values read on screen: Dutch dates, safe download names, empty cells."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

import pandas as pd

from texts import t

_ISO_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})")


def dutch_date(value: date | datetime | str | None) -> str:
    """``28-11-2026`` for a date, a datetime or an ISO-like string; ``—`` when there is none.

    A string that is not a date (free text typed by a user) is returned unchanged.
    """
    if value is None or value == "":
        return t("common.none")
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    match = _ISO_DATE.match(value.strip())
    if not match:
        return value
    year, month, day = match.groups()
    return f"{int(day):02d}-{int(month):02d}-{year}"


def slug(text: str, *, fallback: str = "bestand", limit: int = 60) -> str:
    """A file-name-safe version of ``text``: lower case ASCII letters, digits and dashes."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    parts = [part for part in re.split(r"[^a-z0-9]+", plain) if part]
    return "-".join(parts)[:limit].strip("-") or fallback


def transcript_filename(scan_name: str, interview_title: str, extension: str) -> str:
    """``transcript-<scan>-<interview title>.<extension>``, safe on every operating system."""
    return f"transcript-{slug(scan_name, fallback='scan')}-{slug(interview_title, fallback='interview')}.{extension}"


def dashes(frame: pd.DataFrame, *, decimals: int = 3) -> pd.DataFrame:
    """A copy of ``frame`` for display: empty cells read ``—`` (not "None"/"NaN"), floats rounded."""
    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].round(decimals)
    return shown.astype(object).where(shown.notna(), t("common.none"))


def display_user(username: str) -> str:
    """How a user is named on screen; the single local user reads "lokale gebruiker", not its key."""
    from models.auth import LOCAL

    return t("common.local_user") if username == LOCAL.username else username
