"""Counts and percentages per question, with n, and break-downs with small-cell protection.

As in the seed report, missing answers ("Weet niet", n.v.t., 9/99/−1, no
answer) are left out of n; percentages are of n. A break-down never shows a
group with fewer than :data:`MIN_CELL` respondents on its own, and when that
would let someone subtract their way to the hidden group, the next smallest
group is hidden too (complementary suppression).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from coding.survey.questions import QuestionSpec
from texts import t

MIN_CELL = 5
"""Smallest group shown on its own in a break-down."""


@dataclass
class Frequency:
    """One option of a question: how many respondents chose it, and the share of n (0–100)."""

    label: str
    count: int
    pct: float


@dataclass
class FrequencyTable:
    """The figures of one question; ``n`` excludes missing answers."""

    code: str
    text: str
    type: str
    n: int
    missing: int
    rows: list[Frequency] = field(default_factory=list)
    scale: str | None = None
    mean: float | None = None


def frequencies(spec: QuestionSpec, answers: Sequence[Any]) -> FrequencyTable:
    """Count the answers of ``spec`` (one per respondent, ``None`` when not answered).

    Likert and choice answers are option indices; multi answers are lists of
    option indices (share = of the respondents who answered the question);
    numeric answers are numbers (their mean is given, rows are the distinct values).
    """
    table = FrequencyTable(code=spec.code, text=spec.text, type=spec.type, n=0, missing=0, scale=spec.scale)
    if spec.type in ("likert", "choice"):
        counts = [0] * len(spec.options)
        for value in answers:
            if value is None or spec.options[value].missing:
                table.missing += 1
            else:
                counts[value] += 1
        table.n = sum(counts)
        table.rows = [
            Frequency(option.label, count, _pct(count, table.n))
            for option, count in zip(spec.options, counts, strict=True)
            if not option.missing
        ]
    elif spec.type == "multi":
        counts = [0] * len(spec.options)
        for value in answers:
            valid = [index for index in (value or []) if not spec.options[index].missing]
            if not valid:
                table.missing += 1
                continue
            table.n += 1
            for index in set(valid):
                counts[index] += 1
        table.rows = [
            Frequency(option.label, count, _pct(count, table.n))
            for option, count in zip(spec.options, counts, strict=True)
            if not option.missing
        ]
    elif spec.type == "numeric":
        numbers = [float(value) for value in answers if value is not None]
        table.n, table.missing = len(numbers), len(answers) - len(numbers)
        table.mean = sum(numbers) / len(numbers) if numbers else None
        distinct = sorted(set(numbers))
        if len(distinct) <= 30:
            table.rows = [
                Frequency(_number(v), numbers.count(v), _pct(numbers.count(v), len(numbers))) for v in distinct
            ]
    else:
        filled = [value for value in answers if value not in (None, "")]
        table.n, table.missing = len(filled), len(answers) - len(filled)
        if spec.type == "date":
            months: dict[str, int] = {}
            for value in filled:
                months[str(value)[:7]] = months.get(str(value)[:7], 0) + 1
            table.rows = [Frequency(month, count, _pct(count, len(filled))) for month, count in sorted(months.items())]
    return table


@dataclass
class GroupRow:
    """One group of a break-down; ``suppressed`` holds the Dutch reason when it is hidden."""

    group: str
    n: int
    rows: list[Frequency]
    suppressed: str | None = None


def breakdown(
    spec: QuestionSpec, answers: Sequence[Any], groups: Sequence[str | None], *, min_cell: int = MIN_CELL
) -> list[GroupRow]:
    """Frequencies of ``spec`` per group (department, role, years), small cells hidden.

    Args:
        spec: The question.
        answers: One answer per respondent.
        groups: The respondent's group, in the same order (``None``: unknown).
        min_cell: Smallest group shown.

    Returns:
        One :class:`GroupRow` per group (sorted by name); hidden groups carry
        no figures (``rows`` empty, ``n`` 0) and the reason "te weinig
        respondenten" or, for a complementary suppression, "niet getoond
        (anders herleidbaar)".
    """
    members: dict[str, list[Any]] = {}
    for answer, group in zip(answers, groups, strict=True):
        members.setdefault(group if group else t("charts.unknown"), []).append(answer)
    tables = {group: frequencies(spec, items) for group, items in members.items()}
    small = {group for group, table in tables.items() if 0 < table.n < min_cell}
    hidden = set(small)
    shown = sorted((table.n, group) for group, table in tables.items() if group not in hidden and table.n > 0)
    complementary: set[str] = set()
    # Hiding one group alone, or groups that together stay under min_cell, can be undone by subtraction
    # from the total; hide the next smallest until what is hidden is safe.
    while hidden and shown and (len(hidden) == 1 or sum(tables[g].n for g in hidden) < min_cell):
        _, group = shown.pop(0)
        hidden.add(group)
        complementary.add(group)
    result = []
    for group in sorted(tables):
        table = tables[group]
        if group in small:
            result.append(GroupRow(group, 0, [], t("survey.small_cell")))
        elif group in complementary:
            result.append(GroupRow(group, 0, [], t("survey.small_cell.complementary")))
        elif table.n > 0:
            result.append(GroupRow(group, table.n, table.rows))
    return result


def table_csv(table: FrequencyTable) -> bytes:
    """The figures of one question as CSV (UTF-8 with BOM, ``;``-separated, for Dutch Excel)."""
    rows: list[list[Any]] = [[t("survey.csv.option"), t("survey.csv.count"), t("survey.csv.pct"), t("survey.csv.n")]]
    rows += [[row.label, row.count, f"{row.pct:.1f}".replace(".", ","), table.n] for row in table.rows]
    return _csv(rows)


def grid_csv(tables: Sequence[FrequencyTable]) -> bytes:
    """The figures of the statements of one grid as CSV."""
    rows: list[list[Any]] = [
        [
            t("survey.csv.statement"),
            t("survey.csv.option"),
            t("survey.csv.count"),
            t("survey.csv.pct"),
            t("survey.csv.n"),
        ]
    ]
    for table in tables:
        rows += [[table.text, row.label, row.count, f"{row.pct:.1f}".replace(".", ","), table.n] for row in table.rows]
    return _csv(rows)


def breakdown_csv(groups: Sequence[GroupRow]) -> bytes:
    rows: list[list[Any]] = [
        [t("survey.csv.group"), t("survey.csv.option"), t("survey.csv.count"), t("survey.csv.pct"), t("survey.csv.n")]
    ]
    for group in groups:
        if group.suppressed:
            rows.append([group.group, group.suppressed, "", "", ""])
        rows += [[group.group, row.label, row.count, f"{row.pct:.1f}".replace(".", ","), group.n] for row in group.rows]
    return _csv(rows)


def safe_cell(value: Any) -> Any:
    """Neutralise text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _pct(count: int, n: int) -> float:
    return 100.0 * count / n if n else 0.0


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}".replace(".", ",")


def rounded(pct: float) -> int:
    """A percentage as the report prints it (half up, not banker's rounding)."""
    return int(pct + 0.5)
