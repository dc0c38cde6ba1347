"""Reading survey files: encodings, separators, workbooks and their dangers, SPSS."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from openpyxl import Workbook

from coding.survey.errors import SurveyError
from coding.survey.preview import build_preview
from coding.survey.readers import detect_separator, read_table
from tests.coding.survey_files import AGREE, csv_bytes, google_rows
from texts import WeerbaarError


@pytest.mark.parametrize(
    ("sep", "encoding", "bom"),
    [
        (",", "utf-8", False),
        (";", "utf-8", True),
        ("\t", "utf-16", False),
        (";", "cp1252", False),
        (",", "utf-16-le", False),
    ],
)
def test_survey_readers_csv_encodings_and_separators(sep: str, encoding: str, bom: bool) -> None:
    rows = [["Afdeling", "Opmerking"], ["Financiën", "Goed; maar ‘kort’"], ["Vergunningen", "Zeker, ja"]]
    if encoding == "cp1252":
        rows[1][1] = "Goed; maar té kort"
    table = read_table(csv_bytes(rows, sep=sep, encoding=encoding, bom=bom), "enquete.csv")
    assert table.frame.iloc[0].tolist() == ["Afdeling", "Opmerking"]
    assert table.frame.iloc[1, 0] == "Financiën"
    assert table.frame.iloc[1, 1] == rows[1][1]


def test_survey_readers_separator_ignores_commas_in_quotes() -> None:
    text = 'Vraag;Toelichting\n"Ja";"Eén, twee, drie"\n"Nee";"Vier, vijf"\n'
    assert detect_separator(text) == ";"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<!DOCTYPE html><html><body>Inloggen</body></html>", "html"),
        (b"\x81\x8d\x8f\x90\x9d\xff\xfe" * 3, "encoding"),
        (b"PK\x03\x04 dit is geen zip", "xlsx_corrupt"),
        (b"$FL2 kapot", "sav"),
    ],
)
def test_survey_readers_bad_files_get_a_dutch_message(data: bytes, code: str) -> None:
    name = "enquete.sav" if data.startswith(b"$FL2") else "enquete.csv"
    with pytest.raises(SurveyError) as caught:
        read_table(data, name)
    assert caught.value.code == code
    assert isinstance(caught.value, WeerbaarError)
    assert "enquete" in caught.value.message()
    assert caught.value.message() != caught.value.code  # a catalogue text, not the bare code


def test_survey_readers_header_without_rows_is_refused() -> None:
    with pytest.raises(SurveyError) as caught:
        build_preview(csv_bytes([["Afdeling", "Stelling"]]), "leeg.csv")
    assert caught.value.code == "no_rows"


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_survey_readers_xlsx_keeps_formulas_as_text() -> None:
    rows: list[list[object]] = [["Afdeling", "Toelichting"]]
    rows += [["ICT", '=HYPERLINK("http://example.invalid","klik")'], ["Financiën", "gewoon"]]
    table = read_table(_xlsx(rows), "enquete.xlsx")
    assert table.frame.iloc[1, 1] == '=HYPERLINK("http://example.invalid","klik")'


def test_survey_readers_xlsx_zip_bomb_is_refused_before_parsing() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * (40 * 1024 * 1024) + b"/>")
    with pytest.raises(SurveyError) as caught:
        read_table(buffer.getvalue(), "bom.xlsx")
    assert caught.value.code == "xlsx_bomb"


def test_survey_readers_xlsx_with_too_many_members_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for number in range(600):
            archive.writestr(f"xl/x{number}.xml", "<a/>")
    with pytest.raises(SurveyError) as caught:
        read_table(buffer.getvalue(), "veel.xlsx")
    assert caught.value.code == "xlsx_bomb"


def test_survey_readers_xlsx_google_export_gives_the_same_questions_as_csv() -> None:
    rows = google_rows()
    from_csv = build_preview(csv_bytes(rows), "antwoorden.csv")
    from_xlsx = build_preview(_xlsx(rows), "antwoorden.xlsx")
    assert [(q.code, q.type) for q in from_xlsx.questions] == [(q.code, q.type) for q in from_csv.questions]


def test_survey_readers_sav_value_labels_and_user_missing(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "afd": [1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0],
            "st1": [5.0, 4.0, 4.0, 1.0, 9.0, 2.0, 5.0, 3.0],
        }
    )
    path = tmp_path / "enquete.sav"
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=["Voor welke afdeling werkt u?", "Ik ken de signalen van ondermijning"],
        variable_value_labels={
            "afd": {1.0: "Financiën", 2.0: "ICT"},
            "st1": {1.0: AGREE[4], 2.0: AGREE[3], 3.0: AGREE[2], 4.0: AGREE[1], 5.0: AGREE[0], 9.0: "Weet niet"},
        },
        missing_ranges={"st1": [9.0]},
    )
    preview = build_preview(path.read_bytes(), "enquete.sav")
    assert preview.layout == "spss"
    statement = preview.question("st1")
    assert statement.type == "likert"
    assert statement.direction == "descending"  # code 1 = Helemaal mee eens
    assert [o.label for o in statement.valid_options()] == AGREE
    assert [o.code for o in statement.options if o.missing] == ["9"]
    department = preview.question("afd")
    assert department.breakdown == "department"
    assert [o.label for o in department.options] == ["Financiën", "ICT"]


def test_survey_readers_sav_unlabelled_user_missing_code_is_missing(tmp_path: Path) -> None:
    frame = pd.DataFrame({"freq": [1.0, 2.0, 3.0, 4.0, 99.0, 1.0, 2.0, 99.0]})
    path = tmp_path / "freq.sav"
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=["Hoe vaak komt dit voor?"],
        variable_value_labels={"freq": {1.0: "Nooit", 2.0: "Soms", 3.0: "Vaak", 4.0: "Altijd"}},
        missing_ranges={"freq": [99.0]},
    )
    preview = build_preview(path.read_bytes(), "freq.sav")
    spec = preview.question("freq")
    assert spec.type == "likert" and spec.scale == "frequency"
    assert [o.code for o in spec.options if o.missing] == ["99"]
    from coding.survey.preview import finalize
    from coding.survey.stats import frequencies

    survey = finalize(preview)
    table = frequencies(spec, survey.answers["freq"])
    assert table.n == 6 and table.missing == 2
