"""Submission timestamps: keep the date, leave out the time.

A survey tool writes when each respondent started and finished
(``Tijdstempel``, ``Start time``/``Completion time``, ``StartDate``/
``EndDate``/``RecordedDate``, ``submitdate``…). The time of day is
personal data beyond what the analysis needs (with a department it can point
at one person), the date is not: :func:`keep_dates` turns the tool's stamps
into one date question "Datum van invullen" (the completion date, falling back
per respondent to the other stamps) and any other date-and-time question into
a date question; the preview lists those columns with the reason that the
time was left out. Durations are left out altogether.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd

from coding.survey.layouts import SourceColumn
from coding.survey.privacy import normalise_name
from texts import t

SUBMISSION_ORDER: tuple[str, ...] = (
    "recordeddate", "enddate", "completiontime", "tijdvanvoltooien", "submitdate", "datumverstuurd",
    "tijdstempel", "timestamp", "eindtijd", "einddatum", "datumlaatsteactie", "datestamp",
    "lastmodifiedtime", "laatstgewijzigd", "startdate", "starttime", "begintijd", "begindatum", "startdatum",
    "datumgestart",
)  # fmt: skip
"""The tools' stamp columns (normalised names), the best date of submission first."""

_DATE_PART = re.compile(r"^\s*(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?=$|[ T,])")
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")
_PM = re.compile(r"\b(?:AM|PM|a\.m\.|p\.m\.)\s*$", re.IGNORECASE)
_EXCEL_EPOCH = date(1899, 12, 30)
_ANONYMISED = "1980-01-01"
"""LimeSurvey's date in a survey with anonymised responses: no date at all."""


def stamp_rank(column: SourceColumn) -> int | None:
    """The place of ``column`` in :data:`SUBMISSION_ORDER`, ``None`` when it is no tool stamp."""
    for candidate in (column.name, column.text):
        norm = normalise_name(candidate)
        if norm in SUBMISSION_ORDER:
            return SUBMISSION_ORDER.index(norm)
    return None


def date_part(values: pd.Series) -> pd.Series:
    """The ISO date (``YYYY-MM-DD``) of every cell, ``""`` where there is none.

    Reads ISO stamps, ``D-M-YYYY`` and ``M/D/YYYY`` (which of the two: a part
    above 12 decides, then AM/PM, else day first as in Dutch exports), two-digit
    years and Excel serial numbers (a Forms workbook without date formatting).
    """
    texts = values.fillna("").astype(str).str.strip()
    parts = texts.str.extract(_DATE_PART)
    filled = parts[0].notna()
    short = filled & (parts[0].str.len() < 4)
    first = pd.to_numeric(parts[0].where(short), errors="coerce")
    second = pd.to_numeric(parts[1].where(short), errors="coerce")
    if (first > 12).any():
        month_first = False
    elif (second > 12).any():
        month_first = True
    else:
        month_first = bool(texts[short].str.contains(_PM).any())
    result: list[str] = []
    for text, a, b, c in zip(texts.tolist(), parts[0].tolist(), parts[1].tolist(), parts[2].tolist(), strict=True):
        if isinstance(a, str):
            if len(a) == 4:
                year, month, day = int(a), int(b), int(c)
            else:
                year = int(c) + (2000 if len(c) <= 2 else 0)
                month, day = (int(a), int(b)) if month_first else (int(b), int(a))
            result.append(_iso(year, month, day))
        elif _SERIAL.match(text) and 20000 <= float(text) <= 80000:
            result.append((_EXCEL_EPOCH + timedelta(days=int(float(text)))).isoformat())
        else:
            result.append("")
    return pd.Series(result, index=values.index, dtype=object).replace(_ANONYMISED, "")


def _iso(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def keep_dates(decided: list[tuple[SourceColumn, str | None]]) -> list[tuple[SourceColumn, str | None]]:
    """Rework the privacy decisions of an export's columns for timestamps.

    Args:
        decided: Every source column with its drop reason (``None``: kept).

    Returns:
        The same list, in order, where the best tool stamp became the date
        question "Datum van invullen" (reason ``time_part``: kept, and listed
        as the column whose time was left out), the other tool stamps are left
        out (``timestamp_extra``) and every other date-and-time column holds
        its dates only (``time_part``). A stamp without a readable date stays
        left out as ``timestamp``.
    """
    stamps = [(rank, index) for index, (column, reason) in enumerate(decided)
              if reason == "timestamp" and (rank := stamp_rank(column)) is not None]  # fmt: skip
    out = list(decided)
    if stamps:
        ordered = [index for _, index in sorted(stamps)]
        dates = [date_part(decided[index][0].values) for index in ordered]
        combined = dates[0].copy()
        for more in dates[1:]:
            combined = combined.where(combined != "", more)
        if (combined != "").any():
            best = ordered[0]
            chosen = decided[best][0]
            out[best] = (replace(chosen, text=t("survey.submitted_date"), values=combined), "time_part")
            for index in ordered[1:]:
                out[index] = (decided[index][0], "timestamp_extra")
    for index, (column, reason) in enumerate(decided):
        if reason == "timestamp" and stamp_rank(column) is None:
            only_dates = date_part(column.values)
            if (only_dates != "").any():
                out[index] = (replace(column, values=only_dates), "time_part")
    return out
