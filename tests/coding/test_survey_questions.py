"""Question typing: scales both ways, missing answers, choices, numbers, dates, re-typing."""

from __future__ import annotations

import pandas as pd
import pytest

from coding.survey import scales
from coding.survey.layouts import SourceColumn
from coding.survey.questions import retype, type_column


def _column(values: list[str], text: str = "Vraag") -> SourceColumn:
    return SourceColumn(key="q", name="q", text=text, values=pd.Series(values, dtype=str))


@pytest.mark.parametrize(
    ("labels", "family", "ordered"),
    [
        (["Helemaal mee eens", "Mee eens", "Neutraal", "Mee oneens", "Helemaal mee oneens"], "agree",
         ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]),
        (["Helemaal eens", "Eens", "Oneens", "Helemaal oneens"], "agree",
         ["Helemaal oneens", "Oneens", "Eens", "Helemaal eens"]),
        (["Altijd", "Vaak", "Soms", "Nooit"], "frequency", ["Nooit", "Soms", "Vaak", "Altijd"]),
        (["Waarschijnlijk", "Zeer onwaarschijnlijk", "Onwaarschijnlijk", "Zeer waarschijnlijk"], "likelihood",
         ["Zeer onwaarschijnlijk", "Onwaarschijnlijk", "Waarschijnlijk", "Zeer waarschijnlijk"]),
        (["1 - Helemaal mee oneens", "5 - Helemaal mee eens", "3 - Neutraal"], "agree",
         ["1 - Helemaal mee oneens", "3 - Neutraal", "5 - Helemaal mee eens"]),
    ],
)  # fmt: skip
def test_survey_questions_scales_both_directions(labels: list[str], family: str, ordered: list[str]) -> None:
    assert scales.detect_scale(labels) == (family, ordered)


@pytest.mark.parametrize(
    "label", ["Weet niet", "Weet ik niet", "n.v.t.", "N.V.T.", "Geen mening", "Niet van toepassing"]
)
def test_survey_questions_missing_labels(label: str) -> None:
    assert scales.is_missing_label(label)


def test_survey_questions_scale_point_is_not_missing() -> None:
    assert not scales.is_missing_label("Neutraal")
    assert not scales.is_missing_label("Nooit")


def test_survey_questions_likert_with_missing_kept_out_of_the_scale() -> None:
    values = ["Helemaal eens", "Eens", "Neutraal", "Oneens", "Helemaal oneens", "Weet niet", "n.v.t."] * 3
    spec = type_column(_column(values), code="Q1")
    assert spec.type == "likert"
    assert [o.label for o in spec.valid_options()] == ["Helemaal oneens", "Oneens", "Neutraal", "Eens", "Helemaal eens"]
    assert sorted(o.label for o in spec.options if o.missing) == ["Weet niet", "n.v.t."]
    assert spec.direction == "descending"


def test_survey_questions_code_scale_with_9_and_minus_1_as_missing() -> None:
    spec = type_column(
        _column(["1", "2", "3", "4", "5", "9", "-1", "3", "4", "2", "5", "1", "4", "3", "2", "4"]), code="Q"
    )
    assert spec.type == "likert"
    assert [o.code for o in spec.valid_options()] == ["1", "2", "3", "4", "5"]
    assert sorted(o.code for o in spec.options if o.missing) == ["-1", "9"]


def test_survey_questions_numbers_years_and_dates() -> None:
    assert type_column(_column([str(n) for n in (3, 12, 25, 7, 40, 1, 18, 33)]), code="Q").type == "numeric"
    assert type_column(_column(["2025-01-03", "2024-12-31", "2025-02-10"]), code="Q").type == "date"
    assert type_column(_column(["03-01-2025", "31-12-2024", "10-02-2025"]), code="Q").type == "date"


def test_survey_questions_choice_and_open() -> None:
    choice = type_column(_column(["Ja", "Nee", "Nee", "Ja", "Nee", "Nee"]), code="Q")
    assert choice.type == "choice" and [o.label for o in choice.options] == ["Ja", "Nee"]
    sentences = [f"Ik denk dat we meer moeten praten over voorbeeld nummer {n} in het team." for n in range(8)]
    assert type_column(_column(sentences, "Kunt u toelichten?"), code="Q").type == "open"


def test_survey_questions_department_with_comma_is_no_multi() -> None:
    values = ["Bestuur, Juridische Zaken en Communicatie", "Omgeving en Milieu", "Facilitaire Zaken"] * 5
    spec = type_column(_column(values, "Voor welke afdeling bent u werkzaam?"), code="Q")
    assert spec.type == "choice"
    assert "Bestuur, Juridische Zaken en Communicatie" in [o.label for o in spec.options]


def test_survey_questions_retype_open_to_choice_builds_options() -> None:
    column = _column(["rood", "blauw", "rood", "groen"])
    spec = type_column(column, code="Q")
    spec.type = "open"
    spec.options = []
    retype(spec, "choice", column.values)
    assert spec.type == "choice" and {o.label for o in spec.options} == {"rood", "blauw", "groen"}
