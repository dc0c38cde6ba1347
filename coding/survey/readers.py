"""Read a survey export into a plain table of text cells: CSV, XLSX or SPSS ``.sav``.

Nothing here knows about survey tools; :mod:`coding.survey.layouts` reads the
header rows. Every problem with the file itself becomes a
:class:`~coding.survey.errors.SurveyError` with a Dutch message, and nothing in
a file is ever evaluated: a cell ``=HYPERLINK(...)`` stays that text.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import pandas as pd

from coding.survey.errors import SurveyError

MAX_BYTES = 200 * 1024 * 1024
"""Largest upload accepted (bytes)."""
MAX_ROWS = 200_000
MAX_COLUMNS = 5_000
XLSX_MAX_MEMBERS = 500
"""An .xlsx is a zip; a real workbook has a few dozen members."""
XLSX_MAX_UNCOMPRESSED = 600 * 1024 * 1024
XLSX_MAX_RATIO = 150
"""Largest overall compression ratio accepted once more than 20 MB would be unpacked."""


@dataclass
class SavMeta:
    """What an SPSS file says about its variables."""

    names: list[str]
    labels: list[str]
    value_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    user_missing: dict[str, set[str]] = field(default_factory=dict)
    missing_ranges: dict[str, list[tuple[float, float]]] = field(default_factory=dict)


@dataclass
class RawTable:
    """The cells of a file as text (``""`` when empty), header rows included (CSV/XLSX).

    Attributes:
        filename: The name the user gave the file (for messages).
        kind: ``csv``, ``xlsx`` or ``sav``.
        frame: All rows as text, columns numbered from 0; for ``sav`` only the
            data rows (names and labels are in ``sav``).
        sav: Variable metadata of an SPSS file.
    """

    filename: str
    kind: str
    frame: pd.DataFrame
    sav: SavMeta | None = None


def read_table(data: bytes, filename: str) -> RawTable:
    """Read ``data`` (the bytes of ``filename``) into a :class:`RawTable`.

    Raises:
        SurveyError: Empty, too large, HTML, unreadable encoding, corrupt or
            zip-bomb workbook, unreadable SPSS file, unsupported format.
    """
    name = PurePath(filename).name or "bestand"
    if not data or not data.strip():
        raise SurveyError("empty", name=name)
    if len(data) > MAX_BYTES:
        raise SurveyError("too_large", name=name, size=len(data) // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024))
    suffix = PurePath(name).suffix.lower()
    if data[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm"):
        table = _read_xlsx(data, name)
    elif data[:4] in (b"$FL2", b"$FL3") or suffix in (".sav", ".zsav"):
        table = _read_sav(data, name)
    elif suffix in (".xls", ".ods", ".pdf", ".docx", ".zip"):
        raise SurveyError("format", name=name)
    else:
        table = _read_csv(data, name)
    _check_shape(table)
    return table


# --- CSV ---------------------------------------------------------------------------


def decode_text(data: bytes, name: str) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), cp1252.

    Line endings are normalised to ``\\n``.
    """
    text: str | None = None
    if data.startswith(b"\xef\xbb\xbf"):
        text = _try(data[3:], "utf-8")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(data, "utf-16")
    else:
        sample = data[:4000]
        if sample.count(b"\x00") > len(sample) // 4:
            even, odd = sample[0::2].count(b"\x00"), sample[1::2].count(b"\x00")
            text = _try(data, "utf-16-le" if odd > even else "utf-16-be")
        else:
            text = _try(data, "utf-8")
            if text is None:
                text = _try(data, "cp1252")
    if text is None or _looks_binary(text):
        raise SurveyError("encoding", name=name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    sample = text[:5000]
    bad = sum(1 for char in sample if char < " " and char not in "\n\r\t")
    return bad > max(2, len(sample) // 100)


def detect_separator(text: str) -> str:
    """The field separator of CSV ``text``: ``,``, ``;`` or tab (quotes respected)."""
    sample = text[:20000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        pass
    first = sample.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def _read_csv(data: bytes, name: str) -> RawTable:
    text = decode_text(data, name)
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head:
        raise SurveyError("html", name=name)
    if not text.strip():
        raise SurveyError("empty", name=name)
    sep = detect_separator(text)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=True,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError) as error:
        raise SurveyError("csv", name=name, detail=str(error).split("\n")[0][:200]) from error
    except pd.errors.EmptyDataError as error:
        raise SurveyError("empty", name=name) from error
    return RawTable(filename=name, kind="csv", frame=_tidy(frame))


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.fillna("").astype(str)
    frame.columns = range(frame.shape[1])
    return frame.reset_index(drop=True)


# --- XLSX --------------------------------------------------------------------------


def check_zip(data: bytes, name: str) -> None:
    """Refuse a workbook whose zip would unpack to an unreasonable size or member count."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SurveyError("xlsx_corrupt", name=name) from error
    with archive:
        infos = archive.infolist()
        if len(infos) > XLSX_MAX_MEMBERS:
            raise SurveyError("xlsx_bomb", name=name, detail=f"{len(infos)} onderdelen")
        total = sum(info.file_size for info in infos)
        packed = max(1, sum(info.compress_size for info in infos))
        if total > XLSX_MAX_UNCOMPRESSED or (total > 20 * 1024 * 1024 and total / packed > XLSX_MAX_RATIO):
            raise SurveyError("xlsx_bomb", name=name, detail=f"{total // (1024 * 1024)} MB uitgepakt")
        names = {info.filename for info in infos}
        if "xl/workbook.xml" not in names:
            raise SurveyError("xlsx_corrupt", name=name)


def _read_xlsx(data: bytes, name: str) -> RawTable:
    check_zip(data, name)
    import openpyxl  # openpyxl parses with defusedxml when it is installed

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise SurveyError("xlsx_corrupt", name=name) from error
    try:
        sheet = next((ws for ws in workbook.worksheets if ws.max_row and ws.max_row > 0), None)
        if sheet is None:
            raise SurveyError("xlsx_empty", name=name)
        rows: list[list[str]] = []
        width = 0
        for index, row in enumerate(sheet.iter_rows(values_only=True)):
            if index >= MAX_ROWS + 5:
                raise SurveyError("too_many_rows", name=name, count=f"meer dan {MAX_ROWS}", limit=MAX_ROWS)
            cells = [_cell_text(value) for value in row]
            while cells and cells[-1] == "":
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                raise SurveyError("too_many_columns", name=name, count=len(cells), limit=MAX_COLUMNS)
            if not cells:
                continue
            width = max(width, len(cells))
            rows.append(cells)
    except SurveyError:
        raise
    except Exception as error:
        raise SurveyError("xlsx_corrupt", name=name) from error
    finally:
        workbook.close()
    if not rows:
        raise SurveyError("xlsx_empty", name=name)
    frame = pd.DataFrame([cells + [""] * (width - len(cells)) for cells in rows])
    return RawTable(filename=name, kind="xlsx", frame=_tidy(frame))


def _cell_text(value: Any) -> str:
    """A cell as text; a formula stays its text (never evaluated), dates become ISO text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
        return text.removesuffix(" 00:00:00")
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


# --- SPSS --------------------------------------------------------------------------


def _read_sav(data: bytes, name: str) -> RawTable:
    import pyreadstat

    handle, path = tempfile.mkstemp(suffix=".sav")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        try:
            frame, meta = pyreadstat.read_sav(path, user_missing=True, apply_value_formats=False)
        except Exception as error:  # pyreadstat.ReadstatError and friends
            raise SurveyError("sav", name=name, detail=str(error)[:200]) from error
    finally:
        os.unlink(path)
    names = list(meta.column_names)
    labels = [label or "" for label in (meta.column_labels or [""] * len(names))]
    value_labels = {
        col: {_code_text(code): str(label) for code, label in mapping.items()}
        for col, mapping in (meta.variable_value_labels or {}).items()
    }
    user_missing: dict[str, set[str]] = {}
    ranges: dict[str, list[tuple[float, float]]] = {}
    for col, spec in (getattr(meta, "missing_ranges", None) or {}).items():
        for item in spec:
            low, high = item.get("lo"), item.get("hi")
            if low == high:
                user_missing.setdefault(col, set()).add(_code_text(low))
            else:
                ranges.setdefault(col, []).append((float(low), float(high)))
    for col, values in (getattr(meta, "missing_user_values", None) or {}).items():
        user_missing.setdefault(col, set()).update(_code_text(value) for value in values)
    text = pd.DataFrame({i: frame[col].map(_code_text) for i, col in enumerate(names)})
    sav = SavMeta(
        names=names, labels=labels, value_labels=value_labels, user_missing=user_missing, missing_ranges=ranges
    )
    return RawTable(filename=name, kind="sav", frame=_tidy(text), sav=sav)


def _code_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _check_shape(table: RawTable) -> None:
    rows, cols = table.frame.shape
    if cols > MAX_COLUMNS:
        raise SurveyError("too_many_columns", name=table.filename, count=cols, limit=MAX_COLUMNS)
    if rows > MAX_ROWS + 5:
        raise SurveyError("too_many_rows", name=table.filename, count=rows, limit=MAX_ROWS)
    if rows == 0 or cols == 0:
        raise SurveyError("empty", name=table.filename)
