"""Dutch sentences that state a figure the way the seed report does, always true to the numbers.

The wording rule, explicitly:

1. ``share == 0`` → "geen enkele respondent"; ``share == 1`` → "alle respondenten".
2. ``share < LOW`` (7.5%) → the count itself ("drie respondenten"/"één respondent"),
   because "bijna een op de tien" would overstate 5%. ``share > HIGH`` (92.5%)
   → "bijna alle respondenten".
3. Otherwise the nearest anchor of :data:`ANCHORS` (een op de tien, een op de
   vijf, een kwart, een derde, twee op de vijf, de helft, drie op de vijf, twee
   derde, drie kwart, vier op de vijf, negen op de tien) is chosen; ties go to
   the smaller anchor.
4. ``share`` more than :data:`TOLERANCE` (1 percentage point) above the anchor
   → "ruim", more than the tolerance below → "bijna", otherwise the anchor
   alone. So "ruim" is never said of a share below its anchor, nor "bijna" of
   one above it.

The exact percentage always goes with the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from coding.survey import scales
from coding.survey.stats import FrequencyTable, rounded
from texts import t

TOLERANCE = 0.01
LOW = 0.075
HIGH = 0.925
ANCHORS: tuple[tuple[float, str, str], ...] = (
    (0.1, "tenth", "per"),
    (0.2, "fifth", "per"),
    (0.25, "quarter", "of"),
    (1 / 3, "third", "of"),
    (0.4, "two_fifths", "per"),
    (0.5, "half", "of"),
    (0.6, "three_fifths", "per"),
    (2 / 3, "two_thirds", "of"),
    (0.75, "three_quarters", "of"),
    (0.8, "four_fifths", "per"),
    (0.9, "nine_tenths", "per"),
)
"""(value, catalogue key, form): ``per`` → "een op de tien respondenten", ``of`` → "een kwart van de respondenten"."""

_NUMBERS = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf")


@dataclass
class Phrase:
    """The subject of a figure sentence: its words, whether the verb is plural, and the rule used."""

    text: str
    plural: bool
    anchor: float | None = None
    qualifier: str = ""


@dataclass
class FigureSentence:
    """A sentence with the figures it states."""

    text: str
    count: int
    n: int
    share: float

    @property
    def pct(self) -> int:
        return rounded(100 * self.share)


def share_phrase(count: int, n: int) -> Phrase:
    """The Dutch subject for ``count`` of ``n`` respondents (see the module docstring)."""
    if n <= 0:
        raise ValueError("n must be positive")
    share = count / n
    if count == 0:
        return Phrase(t("survey.subject.none"), False)
    if count == n:
        return Phrase(t("survey.subject.all"), True)
    if share < LOW:
        if count == 1:
            return Phrase(t("survey.subject.one"), False)
        word = _NUMBERS[count] if count < len(_NUMBERS) else str(count)
        return Phrase(t("survey.subject.count", count=word), True)
    if share > HIGH:
        return Phrase(f"{t('survey.qualifier.below')} {t('survey.subject.all')}", True, 1.0, "below")
    value, key, form = min(ANCHORS, key=lambda anchor: (abs(share - anchor[0]), anchor[0]))
    qualifier = "above" if share > value + TOLERANCE else "below" if share < value - TOLERANCE else ""
    fraction = t(f"survey.fraction.{key}")
    subject = t("survey.subject.per" if form == "per" else "survey.subject.of", fraction=fraction)
    if qualifier:
        subject = f"{t(f'survey.qualifier.{qualifier}')} {subject}"
    plural = form == "per" and not fraction.startswith("een ")
    return Phrase(subject, plural, value, qualifier)


def sentence(count: int, n: int, predicate: str, predicate_plural: str) -> FigureSentence:
    """``"<Subject> <predicate> (<pct>%, n=<n>)."`` with the verb agreeing with the subject."""
    phrase = share_phrase(count, n)
    text = t(
        "survey.sentence.figure",
        subject=phrase.text,
        predicate=predicate_plural if phrase.plural else predicate,
        pct=rounded(100 * count / n),
        n=n,
    )
    return FigureSentence(text[0].upper() + text[1:], count, n, count / n)


def _side(table: FrequencyTable, negative: bool) -> list[str]:
    """The labels on the positive (or negative) side of the table's scale."""
    if table.scale == "codes":  # numeric codes without labels: above / below the middle of the code range
        numbers = {row.label: float(row.label) for row in table.rows if row.label.lstrip("-").isdigit()}
        if not numbers:
            return []
        middle = (min(numbers.values()) + max(numbers.values())) / 2
        return [label for label, value in numbers.items() if (value < middle if negative else value > middle)]
    side = scales.is_negative if negative else scales.is_positive
    return [row.label for row in table.rows if side(row.label, table.scale)]


def likert_sentence(
    table: FrequencyTable, statement: str | None = None, *, negative: bool = False
) -> FigureSentence | None:
    """ "Ruim twee derde van de respondenten is het (helemaal) eens met de stelling …".

    ``None`` when n is 0 or the scale has no recognisable positive (negative) side.
    """
    if table.n == 0:
        return None
    labels = _side(table, negative)
    if not labels:
        return None
    count = sum(row.count for row in table.rows if row.label in labels)
    statement = statement or table.text
    if table.scale in ("agree", scales.NEUTRAL):
        key = "disagree" if negative else "agree"
        predicate = t(f"survey.predicate.{key}", statement=statement)
        return sentence(count, table.n, predicate, predicate.replace("is het", "zijn het", 1))
    options = f" {t('survey.or')} ".join(f"‘{label}’" for label in labels)
    predicate = t("survey.predicate.options", options=options, question=statement)
    return sentence(count, table.n, predicate, predicate.replace("antwoordt", "antwoorden", 1))


def option_sentence(table: FrequencyTable, label: str | None = None) -> FigureSentence | None:
    """ "Een op de tien respondenten antwoordt ‘Ja’ op de vraag …" (the largest option by default)."""
    if table.n == 0 or not table.rows:
        return None
    if label is None and {r.label.lower() for r in table.rows} == {"ja", "nee"}:
        label = next(r.label for r in table.rows if r.label.lower() == "ja")
    row = next((r for r in table.rows if r.label == label), None) if label else max(table.rows, key=lambda r: r.count)
    if row is None:
        return None
    if table.type == "multi":
        predicate = t("survey.predicate.multi", option=row.label, question=table.text)
        return sentence(row.count, table.n, predicate, predicate.replace("kiest", "kiezen", 1))
    predicate = t("survey.predicate.option", option=row.label, question=table.text)
    return sentence(row.count, table.n, predicate, predicate.replace("antwoordt", "antwoorden", 1))


def figure_sentence(table: FrequencyTable) -> FigureSentence | None:
    """The default sentence for a question: agreement for Likert, the largest option otherwise."""
    if table.type == "likert":
        return likert_sentence(table)
    if table.type in ("choice", "multi"):
        return option_sentence(table)
    return None
