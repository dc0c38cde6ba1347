"""Editing the preview as table rows: option order, missing options, type, grouping, checks."""

from __future__ import annotations

import pytest

from coding.survey.edits import apply_edits, edit_rows
from coding.survey.errors import SurveyError
from coding.survey.preview import build_preview, finalize
from coding.survey.stats import frequencies
from tests.coding.survey_files import csv_bytes

ROWS = [["Hoe vaak bespreekt u integriteit?", "Afdeling", "Opmerking"]]
ROWS += [[["Nooit", "Soms", "Vaak", "Weet niet"][i % 4], ["ICT", "Financiën"][i % 2], f"tekst {i}"] for i in range(20)]


def _preview():  # type: ignore[no-untyped-def]
    return build_preview(csv_bytes(ROWS), "e.csv")


def test_survey_edits_moving_a_label_to_missing_changes_n() -> None:
    preview = _preview()
    rows = edit_rows(preview)
    assert rows[0]["options"] == "Nooit | Soms | Vaak" and rows[0]["missing"] == "Weet niet"
    rows[0]["options"], rows[0]["missing"] = "Soms | Vaak", "Weet niet | Nooit"
    apply_edits(preview, rows)
    survey = finalize(preview)
    table = frequencies(survey.questions[0], survey.answers[survey.questions[0].code])
    assert table.n == 10 and [row.label for row in table.rows] == ["Soms", "Vaak"]


def test_survey_edits_type_include_and_grouping() -> None:
    preview = _preview()
    rows = edit_rows(preview)
    rows[1]["type"] = "open"
    rows[2]["include"] = False
    rows[0]["group"] = "blok1"
    apply_edits(preview, rows)
    survey = finalize(preview)
    assert [q.type for q in survey.questions] == ["likert", "open"]
    assert survey.questions[0].group == "blok1"
    assert survey.answers[survey.questions[1].code][0] == "ICT"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("type", "ranking", "unknown_type"),
        ("options", "Nooit | Soms", "lost_option"),
        ("options", "Nooit | Soms | Vaak | Altijd", "unknown_option"),
    ],
)
def test_survey_edits_bad_rows_are_refused(field: str, value: str, code: str) -> None:
    preview = _preview()
    rows = edit_rows(preview)
    rows[0]["text"] = "Een nieuwe tekst"
    rows[0][field] = value
    with pytest.raises(SurveyError) as caught:
        apply_edits(preview, rows)
    assert caught.value.code == code
    assert "vraag" in caught.value.message().lower()
    assert edit_rows(preview) == edit_rows(_preview())  # nothing of the refused edit was applied


def test_survey_edits_duplicate_codes_are_refused() -> None:
    preview = _preview()
    rows = edit_rows(preview)
    rows[1]["code"] = rows[0]["code"]
    with pytest.raises(SurveyError) as caught:
        apply_edits(preview, rows)
    assert caught.value.code == "duplicate_code"
