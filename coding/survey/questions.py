"""Question typing: one source column (or a group of them) becomes a typed question.

Types: ``likert`` (ordered options), ``choice`` (one option), ``multi`` (several
options; split over columns or joined in one cell), ``numeric``, ``date`` and
``open``. Options carry their source ``code`` (what the cell holds), a Dutch
``label`` and whether they mean "no answer" (``missing``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from coding.survey import scales
from coding.survey.layouts import SourceColumn

QUESTION_TYPES: tuple[str, ...] = ("likert", "choice", "multi", "numeric", "date", "open")
BREAKDOWNS: tuple[str, ...] = ("department", "role", "years")
MAX_CHOICES = 40
_CHECKED = {"1", "y", "yes", "ja", "x", "true", "waar", "selected", "geselecteerd", "aangevinkt", "checked"}
_UNCHECKED = {"", "0", "n", "no", "nee", "false", "onwaar"}
_DATE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})( 00:00(:00)?)?$")
_NUMBER = re.compile(r"^[-+]?\d+([.,]\d+)?$")


@dataclass
class OptionSpec:
    """One answer option: the ``code`` the export holds, its ``label``, whether it is missing."""

    code: str
    label: str
    missing: bool = False


@dataclass
class QuestionSpec:
    """A question as the preview shows it; every field may be edited before the import.

    Attributes:
        code: Unique code of the question in this survey.
        text: The question (for a grid: the statement).
        type: One of :data:`QUESTION_TYPES`.
        columns: Source column keys; more than one for a check-all question.
        items: For a split check-all question, the option each column stands for.
        options: Ordered options (likert: negative → positive), missing ones included.
        scale: The Likert family (``agree``, ``frequency``…) when known.
        direction: How the source lists the scale: ``ascending`` (negative
            first), ``descending`` (positive first) or ``""``.
        group: Grid id shared by the statements of one matrix question.
        group_text: The grid's question text.
        delimiter: Separator of options joined in one cell (Forms), ``None`` otherwise.
        breakdown: ``department``, ``role`` or ``years`` when the answers may
            split the results (stored per respondent), else ``None``.
        pillar: Pillar code (``BEW``…) or ``None``.
        theme: Theme code or ``None``.
        template_code: Code of the matching template question, if any.
        include: ``False`` leaves the question out of the import.
    """

    code: str
    text: str
    type: str
    columns: list[str]
    items: list[str] = field(default_factory=list)
    options: list[OptionSpec] = field(default_factory=list)
    scale: str | None = None
    direction: str = ""
    group: str | None = None
    group_text: str | None = None
    delimiter: str | None = None
    breakdown: str | None = None
    pillar: str | None = None
    theme: str | None = None
    template_code: str | None = None
    include: bool = True

    def valid_options(self) -> list[OptionSpec]:
        """The options that are real answers (not missing), in order."""
        return [option for option in self.options if not option.missing]


def type_column(column: SourceColumn, *, code: str) -> QuestionSpec:
    """Type one stand-alone source column."""
    values = column.values
    filled = values[values != ""]
    spec = QuestionSpec(code=code, text=column.text, type="open", columns=[column.key])
    lss_type = column.source_type
    if column.value_labels:
        _from_value_labels(spec, column, filled)
        return spec
    counts = filled.value_counts()
    distinct = [str(value) for value in counts.index]
    if not distinct:
        spec.type = "open"
        return spec
    delimiter = _joined_delimiter(filled, distinct)
    if delimiter and lss_type not in ("S", "T", "U"):
        _as_multi_joined(spec, filled, delimiter)
        return spec
    if _numeric_share(distinct, counts) >= 0.95:
        _as_numeric_or_scale(spec, distinct, counts)
        return spec
    if sum(counts[v] for v in distinct if _DATE.match(v)) >= 0.9 * len(filled):
        spec.type = "date"
        return spec
    missing = [v for v in distinct if scales.is_missing_label(v) or v in scales.MISSING_CODES]
    valid = [v for v in distinct if v not in missing]
    scale = scales.detect_scale(valid)
    if scale is not None:
        spec.type, spec.scale = "likert", scale[0]
        ordered = scale[1]
        spec.direction = _direction(ordered, list(filled.unique()))
        spec.options = [OptionSpec(v, v) for v in ordered] + [OptionSpec(v, v, True) for v in missing]
        return spec
    average_length = filled.str.len().mean()
    words = filled.str.count(" ").mean() + 1
    open_hint = re.search(
        r"toelicht|namelijk|opmerking|suggestie|waarom|omschrijf|beschrijf|anders", column.text.lower()
    )
    if (open_hint and average_length > 20) or (words > 7 and len(valid) > 0.3 * len(filled)):
        spec.type = "open"
        return spec
    if len(valid) <= MAX_CHOICES and (len(valid) <= max(2, 0.5 * len(filled))) and average_length < 120:
        spec.type = "choice"
        ordered = scales.order_choices(valid, {str(k): int(v) for k, v in counts.items()})
        spec.options = [OptionSpec(v, v) for v in ordered] + [OptionSpec(v, v, True) for v in missing]
        return spec
    spec.type = "open"
    return spec


def type_group(columns: list[SourceColumn], *, code: str) -> list[QuestionSpec]:
    """Type a group of columns: one check-all question, or the statements of one grid."""
    first = columns[0]
    if first.source_type == "multi_option" or _is_check_all(columns):
        spec = QuestionSpec(
            code=code,
            text=first.group_text or first.text,
            type="multi",
            columns=[column.key for column in columns],
            items=[column.item or column.key for column in columns],
        )
        spec.options = [OptionSpec(item, item) for item in spec.items]
        return spec_list_with_missing(spec, columns)
    union = pd.concat([column.values for column in columns], ignore_index=True)
    probe = SourceColumn(
        key=first.key, name=first.name, text=first.text, values=union,
        value_labels=first.value_labels, user_missing=set().union(*(c.user_missing for c in columns)),
        source_type=first.source_type, option_order=first.option_order,
    )  # fmt: skip
    shared = type_column(probe, code=code)
    specs = []
    for index, column in enumerate(columns, start=1):
        specs.append(
            QuestionSpec(
                code=f"{code}_{index}",
                text=column.item or column.text,
                type=shared.type,
                columns=[column.key],
                options=[OptionSpec(o.code, o.label, o.missing) for o in shared.options],
                scale=shared.scale,
                direction=shared.direction,
                group=code,
                group_text=column.group_text or first.group_text,
                delimiter=shared.delimiter,
            )
        )
    return specs


def spec_list_with_missing(spec: QuestionSpec, columns: list[SourceColumn]) -> list[QuestionSpec]:
    return [spec]


def detect_breakdown(spec: QuestionSpec) -> str | None:
    """Whether a single-choice question is a department, role or years-of-service field."""
    if spec.type not in ("choice", "likert") or spec.group is not None or len(spec.valid_options()) < 2:
        return None
    text = spec.text.lower()
    if re.search(r"\b(afdeling|directie|cluster|sector|organisatieonderdeel|department)", text):
        return "department"
    if re.search(
        r"hoe lang|aantal jaren|jaren werkzaam|dienstjaren|jaar in dienst|years of service|werkzaam voor", text
    ):
        return "years"
    if re.search(
        r"(welke|wat is uw|uw huidige) (functie|rol)|functieniveau|functiegroep|leidinggevende (functie|positie)|\brole\b",
        text,
    ):
        return "role"
    return None


def retype(spec: QuestionSpec, new_type: str, values: pd.Series) -> None:
    """Change the type of ``spec`` and rebuild its options from ``values`` where needed."""
    from coding.survey.errors import SurveyError

    if new_type not in QUESTION_TYPES:
        raise SurveyError("unknown_type", type=new_type, question=spec.code)
    if new_type == spec.type:
        return
    spec.type = new_type
    if new_type in ("likert", "choice") and not spec.options:
        filled = values[values != ""]
        counts = filled.value_counts()
        labels = [str(v) for v in counts.index][:MAX_CHOICES]
        spec.options = [OptionSpec(v, v, scales.is_missing_label(v)) for v in labels]
    if new_type == "multi" and len(spec.columns) == 1 and spec.delimiter is None:
        spec.delimiter = _joined_delimiter(values[values != ""], list(values.unique())) or ";"
    if new_type in ("numeric", "date", "open"):
        spec.scale, spec.direction = None, ""


# --- helpers ----------------------------------------------------------------------------


def _from_value_labels(spec: QuestionSpec, column: SourceColumn, filled: pd.Series) -> None:
    """SPSS value labels or LimeSurvey answer options: codes with labels, in the source's order."""
    labels = column.value_labels
    order = column.option_order or sorted(labels, key=_code_sort)
    present = [str(v) for v in filled.unique() if str(v) not in labels]
    if present and _numeric_share(present, filled.value_counts()) >= 0.95 and len(labels) <= 2:
        _as_numeric_or_scale(spec, [str(v) for v in filled.unique()], filled.value_counts())
        return
    options = [OptionSpec(code, labels[code], code in column.user_missing or scales.is_missing_label(labels[code]))
               for code in order]  # fmt: skip
    options += [OptionSpec(v, v, v in column.user_missing or v in scales.MISSING_CODES) for v in present]
    valid_labels = [o.label for o in options if not o.missing]
    scale = scales.detect_scale(valid_labels)
    if scale is not None:
        spec.type, spec.scale = "likert", scale[0]
        by_label = {o.label: o for o in options if not o.missing}
        spec.direction = _direction(scale[1], valid_labels)
        spec.options = [by_label[label] for label in scale[1]] + [o for o in options if o.missing]
    else:
        spec.type = "choice"
        spec.options = options


def _direction(ordered: list[str], source_order: list[str]) -> str:
    """``ascending`` when the source lists the negative end first, ``descending`` otherwise."""
    positions = [source_order.index(label) for label in (ordered[0], ordered[-1]) if label in source_order]
    if len(positions) < 2:
        return ""
    return "ascending" if positions[0] < positions[1] else "descending"


def _code_sort(code: str) -> tuple[int, float | str]:
    try:
        return (0, float(code))
    except ValueError:
        return (1, code)


def _numeric_share(distinct: list[str], counts: pd.Series) -> float:
    total = int(counts.sum()) or 1
    numeric = sum(int(counts[v]) for v in distinct if _NUMBER.match(v))
    return numeric / total


def _as_numeric_or_scale(spec: QuestionSpec, distinct: list[str], counts: pd.Series) -> None:
    """Numbers: a 1–7 code scale (with 9/99/−1 as missing) is ordinal, anything else numeric."""
    numbers = {v: float(v.replace(",", ".")) for v in distinct if _NUMBER.match(v)}
    missing = [v for v in numbers if v in scales.MISSING_CODES]
    valid = {v: n for v, n in numbers.items() if v not in missing}
    values = sorted(set(valid.values()))
    is_scale = (
        3 <= len(values) <= 7
        and all(n.is_integer() for n in values)
        and values[0] in (0, 1)
        and values[-1] <= 7
        and values == list(range(int(values[0]), int(values[-1]) + 1))
        and int(counts.sum()) >= 3 * len(values)
    )
    if is_scale:
        spec.type, spec.scale, spec.direction = "likert", "codes", "ascending"
        ordered = sorted(valid, key=lambda v: valid[v])
        spec.options = [OptionSpec(v, v) for v in ordered] + [OptionSpec(v, v, True) for v in missing]
        return
    spec.type = "numeric"
    outlier = [v for v in missing if v.startswith("-") or (valid and float(v) > 2 * max(valid.values()))]
    spec.options = [OptionSpec(v, v, True) for v in outlier]


def _joined_delimiter(filled: pd.Series, distinct: list[str]) -> str | None:
    """``;`` (Microsoft Forms) or ``", "`` (Google Forms, Qualtrics) when cells join a few options.

    Works on the distinct cell values weighted by their counts (cells repeat a lot).
    """
    if filled.empty:
        return None
    counts = filled.value_counts()
    cells = {str(value): int(count) for value, count in counts.items()}
    total = sum(cells.values())
    for delimiter in (";", ", ", ","):
        joined = {cell: count for cell, count in cells.items() if delimiter in cell}
        if sum(joined.values()) < max(2, 0.1 * total):
            continue
        piece_counts: dict[str, int] = {}
        for cell, count in cells.items():
            for piece in {part.strip() for part in cell.split(delimiter)} - {""}:
                piece_counts[piece] = piece_counts.get(piece, 0) + count
        if len(piece_counts) > MAX_CHOICES or len(piece_counts) < 2:
            continue
        if sum(1 for count in piece_counts.values() if count >= 2) < 0.8 * len(piece_counts):
            continue
        standalone = {cell.strip() for cell in cells if delimiter not in cell}
        covered = sum(
            count for cell, count in joined.items() if {p.strip() for p in cell.split(delimiter)} - {""} <= standalone
        )
        if len(piece_counts) < len(cells) or covered >= 0.5 * sum(joined.values()):
            return delimiter
    return None


def _as_multi_joined(spec: QuestionSpec, filled: pd.Series, delimiter: str) -> None:
    piece_counts: dict[str, int] = {}
    for cell, count in filled.value_counts().items():
        for piece in {part.strip() for part in str(cell).split(delimiter)} - {""}:
            piece_counts[piece] = piece_counts.get(piece, 0) + int(count)
    labels = sorted(piece_counts, key=lambda label: -piece_counts[label])
    spec.type, spec.delimiter = "multi", delimiter
    spec.options = [OptionSpec(v, v, scales.is_missing_label(v)) for v in labels]


def _is_check_all(columns: list[SourceColumn]) -> bool:
    """Every column holds nothing but a tick (1, Y, x, its own option text) or blank."""
    for column in columns:
        distinct = {str(v).strip() for v in column.values.unique()}
        own = {(column.item or "").strip().lower()}
        lowered = {v.lower() for v in distinct}
        if not lowered <= (_CHECKED | _UNCHECKED | own):
            return False
        if column.value_labels and not set(column.value_labels.values()) <= {"Y", "Ja", "Yes", column.item or ""}:
            return False
    return len(columns) >= 2 or columns[0].source_type == "multi_option"


def is_checked(value: str, item: str | None) -> bool:
    """Whether a check-all cell says the option was chosen."""
    lowered = value.strip().lower()
    return lowered in _CHECKED or (bool(item) and lowered == (item or "").strip().lower() and lowered != "")
