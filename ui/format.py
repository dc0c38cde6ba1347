"""How values read on screen: Dutch dates, safe download names, empty cells."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from texts import dutch_date, t

__all__ = ["dashes", "display_user", "dutch_date", "slug", "transcript_filename"]


def slug(text: str, *, fallback: str = "bestand", limit: int = 60) -> str:
    """A file-name-safe version of ``text``: lower case ASCII letters, digits and dashes."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    parts = [part for part in re.split(r"[^a-z0-9]+", plain) if part]
    return "-".join(parts)[:limit].strip("-") or fallback


def transcript_filename(scan_name: str, interview_title: str, extension: str) -> str:
    """``transcript-<scan>-<interview title>.<extension>``, safe on every operating system."""
    return f"transcript-{slug(scan_name, fallback='scan')}-{slug(interview_title, fallback='interview')}.{extension}"


def dashes(frame: pd.DataFrame, *, decimals: int = 3) -> pd.DataFrame:
    """A copy of ``frame`` for display: empty cells read ``—`` (not "None"/"NaN"), floats rounded, with a decimal comma."""
    shown = frame.copy().astype(object)
    for column in frame.columns:
        if pd.api.types.is_float_dtype(frame[column]):
            shown[column] = [
                None if pd.isna(value) else str(round(float(value), decimals)).replace(".", ",")
                for value in frame[column]
            ]
    return shown.where(shown.notna(), t("common.none"))


def display_user(username: str) -> str:
    """How a user is named on screen; the single local user reads "lokale gebruiker", not its key."""
    from models.auth import LOCAL

    return t("common.local_user") if username == LOCAL.username else username
