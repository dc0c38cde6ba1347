"""Survey charts: Likert bars with the scale's labels and n in the title; bars for choices."""

from __future__ import annotations

from coding.survey.charts import fig_bars, fig_likert, fig_question
from coding.survey.questions import OptionSpec, QuestionSpec
from coding.survey.stats import frequencies, grid_csv

LABELS = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]


def _statement(code: str, text: str) -> QuestionSpec:
    return QuestionSpec(code=code, text=text, type="likert", columns=[code], scale="agree",
                        options=[OptionSpec(label, label) for label in LABELS])  # fmt: skip


def test_survey_charts_grid_is_one_chart_with_every_statement() -> None:
    specs = [_statement("a", "Ik herken signalen"), _statement("b", "Ik weet waar ik meld")]
    tables = [frequencies(spec, [0, 1, 2, 3, 4, 3, 3] * 20 + [None] * 6) for spec in specs]
    fig = fig_likert(tables, "Stellingen over bewustwording")
    assert [trace.name for trace in fig.data] == LABELS
    assert fig.layout.title.text.endswith("(n=140)")
    assert len(fig.data[0].y) == 2
    assert abs(sum(trace.x[0] for trace in fig.data) - 100) < 1e-6
    csv_text = grid_csv(tables).decode("utf-8-sig")
    assert "Ik weet waar ik meld;Mee eens;60;42,9;140" in csv_text


def test_survey_charts_different_n_go_on_the_statements() -> None:
    tables = [frequencies(_statement("a", "Een"), [3] * 10), frequencies(_statement("b", "Twee"), [4] * 12)]
    fig = fig_likert(tables, "Stellingen")
    assert "(n=10–12)" in fig.layout.title.text
    assert any("(n=12)" in label for label in fig.data[0].y)


def test_survey_charts_choice_bars_and_empty_question() -> None:
    spec = QuestionSpec(code="c", text="Bent u benaderd?", type="choice", columns=["c"],
                        options=[OptionSpec("Ja", "Ja"), OptionSpec("Nee", "Nee")])  # fmt: skip
    fig = fig_bars(frequencies(spec, [0] * 3 + [1] * 7))
    assert list(fig.data[0].y) == ["Ja", "Nee"] and fig.layout.title.text == "Bent u benaderd? (n=10)"
    empty = fig_question([frequencies(spec, [None, None])])
    assert "Geen antwoorden" in empty.layout.annotations[0].text
