"""Counts with n (missing left out) and break-downs with small-cell protection."""

from __future__ import annotations

from coding.survey.questions import OptionSpec, QuestionSpec
from coding.survey.stats import breakdown, frequencies, table_csv


def _yes_no() -> QuestionSpec:
    options = [OptionSpec("Ja", "Ja"), OptionSpec("Nee", "Nee"), OptionSpec("Weet niet", "Weet niet", True)]
    return QuestionSpec(code="Q", text="Bent u benaderd?", type="choice", columns=["Q"], options=options)


def test_survey_stats_missing_is_left_out_of_n() -> None:
    answers = [0] * 16 + [1] * 130 + [2] * 20 + [None] * 14
    table = frequencies(_yes_no(), answers)
    assert table.n == 146
    assert table.missing == 34
    assert [(row.label, row.count) for row in table.rows] == [("Ja", 16), ("Nee", 130)]
    assert round(table.rows[0].pct, 1) == 11.0


def test_survey_stats_multi_share_is_of_those_who_answered() -> None:
    spec = QuestionSpec(code="M", text="Taken", type="multi", columns=["a", "b"], items=["A", "B"],
                        options=[OptionSpec("A", "A"), OptionSpec("B", "B")])  # fmt: skip
    table = frequencies(spec, [[0], [0, 1], [1], None, []])
    assert table.n == 3
    assert [row.count for row in table.rows] == [2, 2]


def test_survey_stats_small_group_is_hidden_with_its_complement() -> None:
    groups = ["Financiën"] * 20 + ["ICT"] * 12 + ["Juridisch"] * 3
    answers = [0, 1] * 10 + [1] * 12 + [0] * 3
    rows = {row.group: row for row in breakdown(_yes_no(), answers, groups)}
    assert rows["Juridisch"].suppressed == "te weinig respondenten"
    assert rows["Juridisch"].rows == []
    # With only Juridisch hidden, total minus the others would reveal it: the next smallest goes too.
    assert rows["ICT"].suppressed is not None and rows["ICT"].rows == []
    assert rows["Financiën"].suppressed is None and rows["Financiën"].n == 20


def test_survey_stats_two_small_groups_adding_up_under_five_hide_a_third() -> None:
    groups = ["A"] * 2 + ["B"] * 2 + ["C"] * 6 + ["D"] * 30
    rows = {row.group: row for row in breakdown(_yes_no(), [0] * 40, groups)}
    assert rows["A"].suppressed and rows["B"].suppressed and rows["C"].suppressed
    assert rows["D"].suppressed is None


def test_survey_stats_no_suppression_when_every_group_is_large_enough() -> None:
    groups = ["A"] * 5 + ["B"] * 7
    rows = breakdown(_yes_no(), [0] * 12, groups)
    assert all(row.suppressed is None for row in rows)


def test_survey_stats_csv_neutralises_formulas() -> None:
    spec = QuestionSpec(code="Q", text="x", type="choice", columns=["Q"], options=[OptionSpec("=1+1", "=1+1")])
    data = table_csv(frequencies(spec, [0, 0]))
    assert "'=1+1" in data.decode("utf-8-sig")
