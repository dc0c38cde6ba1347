"""Missing codes (9, 99, −1) in a CSV or XLSX export are missing answers, not scale points."""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl
import pytest

from coding.survey.preview import build_preview, finalize
from coding.survey.stats import frequencies
from tests.coding.survey_files import AGREE, csv_bytes

# 40 respondents: codes 1-5 for the answers, 99 "weet niet", 9 "n.v.t.", -1 "niet getoond", blank: skipped
CODES = [str(1 + i % 5) for i in range(30)] + ["99"] * 4 + ["9"] * 2 + ["-1"] * 2 + ["", ""]
LABELS = [AGREE[i % 5] for i in range(30)] + ["99"] * 4 + ["9"] * 2 + ["-1"] * 2 + ["", ""]


def _csv() -> bytes:
    rows = [["Afdeling", "Q5_1", "Q5_2"]]
    rows += [[["Financiën", "ICT"][i % 2], CODES[i], LABELS[i]] for i in range(len(CODES))]
    return csv_bytes(rows, sep=";")


def _xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Afdeling", "Q5_1", "Q5_2"])
    for i, (code, label) in enumerate(zip(CODES, LABELS, strict=True)):
        sheet.append([["Financiën", "ICT"][i % 2], int(code) if code else None, int(label) if label.lstrip("-").isdigit()
                      else (label or None)])  # fmt: skip  # Excel stores the codes as numbers
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "make"), [("codes.csv", _csv), ("codes.xlsx", _xlsx)])
def test_survey_missing_codes_are_left_out_of_n(name: str, make: Callable[[], bytes]) -> None:
    preview = build_preview(make(), name)
    coded, labelled = preview.question("Q5_1"), preview.question("Q5_2")
    for spec in (coded, labelled):
        assert spec.type == "likert"
        assert {o.code for o in spec.options if o.missing} == {"99", "9", "-1"}
    assert [o.code for o in coded.valid_options()] == ["1", "2", "3", "4", "5"]  # 9 is no sixth point of the scale
    assert [o.label for o in labelled.valid_options()] == AGREE
    survey = finalize(preview)
    for spec in (coded, labelled):
        table = frequencies(spec, survey.answers[spec.code])
        assert table.n == 30 and table.missing == 10  # 8 coded as missing + 2 blank
        assert [row.count for row in table.rows] == [6, 6, 6, 6, 6]
        assert [row.pct for row in table.rows] == pytest.approx([20.0] * 5)
