"""The wording of figures: which fraction, when "ruim" and when "bijna" (boundaries explicit)."""

from __future__ import annotations

import pytest

from coding.survey.questions import OptionSpec, QuestionSpec
from coding.survey.sentences import TOLERANCE, figure_sentence, likert_sentence, share_phrase
from coding.survey.stats import frequencies


@pytest.mark.parametrize(
    ("count", "n", "expected"),
    [
        (16, 146, "een op de tien respondenten"),  # 11.0%: within 1 point of 10%
        (99, 146, "ruim twee derde van de respondenten"),  # 67.8%
        (27, 146, "bijna een op de vijf respondenten"),  # 18.5%
        (73, 146, "de helft van de respondenten"),
        (51, 100, "de helft van de respondenten"),  # exactly the tolerance above: still "de helft"
        (52, 100, "ruim de helft van de respondenten"),  # just beyond the tolerance
        (49, 100, "de helft van de respondenten"),
        (48, 100, "bijna de helft van de respondenten"),
        (25, 100, "een kwart van de respondenten"),
        (75, 100, "drie kwart van de respondenten"),
        (0, 12, "geen enkele respondent"),
        (12, 12, "alle respondenten"),
        (1, 40, "één respondent"),
        (3, 100, "drie respondenten"),  # under 7.5%: the count, never "bijna een op de tien"
        (95, 100, "bijna alle respondenten"),
    ],
)
def test_survey_sentences_fraction_words(count: int, n: int, expected: str) -> None:
    assert share_phrase(count, n).text == expected


def test_survey_sentences_ruim_is_never_below_and_bijna_never_above_the_anchor() -> None:
    for n in (7, 50, 146, 180):
        for count in range(n + 1):
            phrase = share_phrase(count, n)
            share = count / n
            if phrase.qualifier == "above":
                assert phrase.anchor is not None and share > phrase.anchor + TOLERANCE
            elif phrase.qualifier == "below" and phrase.anchor == 1.0:
                assert 0.925 < share < 1  # "bijna alle respondenten"
            elif phrase.qualifier == "below":
                assert phrase.anchor is not None and share < phrase.anchor - TOLERANCE
            elif phrase.anchor is not None:
                assert abs(share - phrase.anchor) <= TOLERANCE + 1e-9


def test_survey_sentences_likert_agreement_matches_the_numbers() -> None:
    labels = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]
    spec = QuestionSpec(code="S", text="De organisatie besteedt voldoende aandacht aan cybersecurity", type="likert",
                        columns=["S"], options=[OptionSpec(label, label) for label in labels], scale="agree")  # fmt: skip
    answers = [0] * 1 + [1] * 15 + [2] * 31 + [3] * 79 + [4] * 20
    sentence = likert_sentence(frequencies(spec, answers))
    assert sentence is not None
    assert sentence.count == 99 and sentence.n == 146 and sentence.pct == 68
    assert sentence.text == (
        "Ruim twee derde van de respondenten is het (helemaal) eens met de stelling "
        "‘De organisatie besteedt voldoende aandacht aan cybersecurity’ (68%, n=146)."
    )


def test_survey_sentences_yes_no_states_the_yes_share() -> None:
    spec = QuestionSpec(code="B", text="Bent u weleens benaderd?", type="choice", columns=["B"],
                        options=[OptionSpec("Ja", "Ja"), OptionSpec("Nee", "Nee")])  # fmt: skip
    sentence = figure_sentence(frequencies(spec, [0] * 16 + [1] * 130))
    assert sentence is not None
    assert sentence.text.startswith("Een op de tien respondenten antwoordt ‘Ja’")
    assert "(11%, n=146)" in sentence.text


def test_survey_sentences_numeric_code_scale_states_the_upper_codes() -> None:
    spec = QuestionSpec(code="S", text="Tevredenheid", type="likert", columns=["S"], scale="codes",
                        options=[OptionSpec(str(c), str(c)) for c in range(1, 6)])  # fmt: skip
    sentence = likert_sentence(frequencies(spec, [0, 1, 2, 3, 4, 4, 3, 3, 2, 1]))
    assert sentence is not None
    assert sentence.count == 5 and "‘4’ of ‘5’" in sentence.text and "(50%, n=10)" in sentence.text


def test_survey_sentences_unknown_scale_gives_no_sentence() -> None:
    spec = QuestionSpec(code="S", text="Kleur", type="likert", columns=["S"], scale=None,
                        options=[OptionSpec("rood", "rood"), OptionSpec("blauw", "blauw")])  # fmt: skip
    assert likert_sentence(frequencies(spec, [0, 1, 1])) is None
