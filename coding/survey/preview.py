"""The import preview and the final import of a survey export.

:func:`build_preview` reads a file, detects its layout, drops metadata and
personal data (with a reason) and types every question. The page lets the
analyst edit the :class:`SurveyPreview` (types, option order, missing codes,
grouping, pillar/theme); :func:`finalize` turns it into an
:class:`ImportedSurvey` (pseudonymous respondents and their answers) that the
storage layer saves in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from coding.survey import privacy, questions, stamps
from coding.survey.errors import SurveyError
from coding.survey.layouts import LssStructure, SourceColumn, SourceTable, read_lss, to_source
from coding.survey.questions import QuestionSpec
from coding.survey.readers import read_table
from texts import t

Answer = Any
"""``int`` option index (likert/choice), ``list[int]`` (multi), ``float``, ISO date ``str``, text ``str``."""


@dataclass
class DroppedColumn:
    """A column left out of the import, with the reason code and its Dutch text."""

    name: str
    reason: str

    @property
    def reason_text(self) -> str:
        return t(f"survey.drop.{self.reason}")


@dataclass
class SurveyPreview:
    """What the import would store; edit ``questions`` and pass it to :func:`finalize`."""

    filename: str
    layout: str
    n_respondents: int
    questions: list[QuestionSpec]
    dropped: list[DroppedColumn]
    source: SourceTable = field(repr=False)

    def question(self, code: str) -> QuestionSpec:
        """The question with ``code``."""
        for spec in self.questions:
            if spec.code == code:
                return spec
        raise SurveyError("unknown_column", column=code)

    def column(self, key: str) -> SourceColumn:
        for column in self.source.columns:
            if column.key == key:
                return column
        raise SurveyError("unknown_column", column=key)

    def values(self, spec: QuestionSpec) -> pd.Series:
        """All cells of the question's columns (for re-typing)."""
        return pd.concat([self.column(key).values for key in spec.columns], ignore_index=True)

    def by_type(self) -> dict[str, int]:
        counts = dict.fromkeys(questions.QUESTION_TYPES, 0)
        for spec in self.questions:
            if spec.include:
                counts[spec.type] += 1
        return counts

    def group_as_grid(self, codes: list[str], text: str) -> None:
        """Make the questions ``codes`` one grid (matrix) question with ``text``."""
        group = codes[0]
        for code in codes:
            spec = self.question(code)
            spec.group, spec.group_text = group, text

    def ungroup(self, code: str) -> None:
        """Let every statement of grid ``code`` stand alone."""
        for spec in self.questions:
            if spec.group == code:
                spec.group = spec.group_text = None


@dataclass
class Respondent:
    """A pseudonymous respondent: only non-identifying breakdown fields."""

    pseudonym: str
    department: str | None = None
    role: str | None = None
    years: str | None = None


@dataclass
class ImportedSurvey:
    """The final import: questions, respondents and their answers (one list per question)."""

    filename: str
    layout: str
    questions: list[QuestionSpec]
    respondents: list[Respondent]
    answers: dict[str, list[Answer]]
    dropped: list[DroppedColumn]

    def summary(self) -> dict[str, Any]:
        """The command line's JSON: respondents, questions, by_type, dropped_columns."""
        by_type = dict.fromkeys(questions.QUESTION_TYPES, 0)
        for spec in self.questions:
            by_type[spec.type] += 1
        return {
            "respondents": len(self.respondents),
            "questions": len(self.questions),
            "by_type": by_type,
            "dropped_columns": [column.name for column in self.dropped],
        }


def build_preview(
    data: bytes, filename: str, *, structure: bytes | None = None, structure_name: str = ""
) -> SurveyPreview:
    """Read ``data`` and propose the questions of the import.

    Args:
        data: The file's bytes (CSV, XLSX or SAV).
        filename: Its name (for the format and for messages).
        structure: Optional LimeSurvey ``.lss`` bytes for texts and options.
        structure_name: The structure file's name.

    Raises:
        SurveyError: A Dutch message naming the problem with the file.
    """
    raw = read_table(data, filename)
    lss: LssStructure | None = read_lss(structure, structure_name or "structuur.lss") if structure else None
    source = to_source(raw, structure=lss)
    if source.n_rows == 0:
        raise SurveyError("no_rows", name=source.filename)
    return preview_source(source)


def preview_source(source: SourceTable) -> SurveyPreview:
    """Propose the questions of an already read :class:`SourceTable`."""
    dropped: list[DroppedColumn] = []
    kept: list[SourceColumn] = []
    decided: list[tuple[SourceColumn, str | None]] = []
    for column in source.columns:
        reason = privacy.drop_reason(column)
        if reason is None and column.group is None and column.values.eq("").all():
            reason = "empty"
        decided.append((column, reason))
    decided = stamps.keep_dates(decided)
    # what is left out leaves memory too (the preview lives in the session): a stamp keeps its date only
    source.columns[:] = [column for column, reason in decided if reason is None or reason == "time_part"]
    dated: set[str] = set()
    for column, reason in decided:
        if reason is not None:
            dropped.append(DroppedColumn(column.name or column.key, reason))
        if reason is None or reason == "time_part":
            kept.append(column)
        if reason == "time_part":
            dated.add(column.key)
    specs: list[QuestionSpec] = []
    used: set[str] = set()
    position = 0
    index = 0
    while index < len(kept):
        column = kept[index]
        if column.group is not None:
            members = [column]
            while index + 1 < len(kept) and kept[index + 1].group == column.group:
                index += 1
                members.append(kept[index])
            position += 1
            specs.extend(questions.type_group(members, code=_code(column.group, position, used)))
        elif column.key in dated:  # a kept date takes no V<n>: the codes of the questions stay as they were
            specs.append(questions.type_column(column, code=_code(column.name, 0, used, fallback="datum")))
        else:
            position += 1
            specs.append(questions.type_column(column, code=_code(column.name, position, used)))
        index += 1
    if source.layout == "microsoft_forms":
        group_statement_runs(specs)
    for spec in specs:
        spec.breakdown = questions.detect_breakdown(spec)
    if not specs:
        raise SurveyError("no_questions", name=source.filename)
    return SurveyPreview(
        filename=source.filename,
        layout=source.layout,
        n_respondents=source.n_rows,
        questions=specs,
        dropped=dropped,
        source=source,
    )


def group_statement_runs(specs: list[QuestionSpec]) -> None:
    """Microsoft Forms writes a Likert question as one column per statement, headed by the
    statement alone (the question's own text is not exported): adjacent stand-alone
    statements on the same labelled scale become one grid again, titled "Stellingen"
    until the analyst names it (or ungroups it)."""
    run: list[QuestionSpec] = []

    def close() -> None:
        if len(run) >= 2:
            for spec in run:
                spec.group, spec.group_text = run[0].code, t("survey.forms_grid")
        run.clear()

    for spec in specs:
        fits = spec.type == "likert" and spec.group is None and spec.scale not in (None, "codes")
        if fits and run and _scale_labels(spec) != _scale_labels(run[0]):
            close()
        if fits:
            run.append(spec)
        else:
            close()
    close()


def _scale_labels(spec: QuestionSpec) -> list[str]:
    return [option.label for option in spec.valid_options()]


def _code(name: str, position: int, used: set[str], *, fallback: str = "") -> str:
    """A short, unique question code: the source's code when it looks like one, else V<n> (or ``fallback``)."""
    base = name if re.fullmatch(r"[A-Za-z][\w.]{0,30}", name or "") else (fallback or f"V{position}")
    code, counter = base, 1
    while code in used:
        counter += 1
        code = f"{base}_{counter}"
    used.add(code)
    return code


def pseudonyms(count: int, prefix: str = "E") -> list[str]:
    """``E001``, ``E002``… (at least three digits)."""
    width = max(3, len(str(count)))
    return [f"{prefix}{number:0{width}d}" for number in range(1, count + 1)]


def finalize(preview: SurveyPreview) -> ImportedSurvey:
    """Apply the (edited) preview to the file: pseudonymous respondents and typed answers.

    Raises:
        SurveyError: Duplicate codes, unknown types or columns.
    """
    chosen = [spec for spec in preview.questions if spec.include]
    seen: set[str] = set()
    for spec in chosen:
        if spec.code in seen:
            raise SurveyError("duplicate_code", question=spec.code)
        seen.add(spec.code)
        if spec.type not in questions.QUESTION_TYPES:
            raise SurveyError("unknown_type", type=spec.type, question=spec.code)
    if not chosen:
        raise SurveyError("no_questions", name=preview.filename)
    answers = {spec.code: encode_answers(spec, preview) for spec in chosen}
    respondents = [Respondent(pseudonym) for pseudonym in pseudonyms(preview.n_respondents)]
    for spec in chosen:
        if spec.breakdown in questions.BREAKDOWNS and spec.type in ("choice", "likert"):
            labels = [option.label for option in spec.options]
            for respondent, value in zip(respondents, answers[spec.code], strict=True):
                if value is not None and not spec.options[value].missing:
                    setattr(respondent, spec.breakdown, labels[value])
    return ImportedSurvey(
        filename=preview.filename,
        layout=preview.layout,
        questions=chosen,
        respondents=respondents,
        answers=answers,
        dropped=list(preview.dropped),
    )


def encode_answers(spec: QuestionSpec, preview: SurveyPreview) -> list[Answer]:
    """One answer per respondent (``None`` when not answered) for ``spec``."""
    columns = [preview.column(key).values.reset_index(drop=True) for key in spec.columns]
    if spec.type == "multi":
        return _encode_multi(spec, columns, preview)
    values = columns[0]
    if spec.type in ("likert", "choice"):
        lookup: dict[str, int] = {}
        for index, option in enumerate(spec.options):
            lookup.setdefault(option.code, index)
            lookup.setdefault(option.label, index)
        mapped = values.map(lookup).to_numpy(dtype=float, na_value=float("nan"))
        return [None if value != value else int(value) for value in mapped.tolist()]
    if spec.type == "numeric":
        missing = {option.code for option in spec.options if option.missing}
        cleaned = values.where(~values.isin(missing), "").str.replace(",", ".", regex=False)
        numbers = pd.to_numeric(cleaned, errors="coerce").to_numpy(dtype=float, na_value=float("nan"))
        return [None if number != number else float(number) for number in numbers.tolist()]
    if spec.type == "date":
        iso = values.str.slice(0, 10)
        parsed = pd.to_datetime(
            values.where(values != "", None), errors="coerce", dayfirst=not iso.str.match(r"^\d{4}-").all()
        )
        return [None if pd.isna(day) else day.date().isoformat() for day in parsed]
    return [value if value else None for value in values.str.replace("\r\n", "\n").tolist()]


def _encode_multi(spec: QuestionSpec, columns: list[pd.Series], preview: SurveyPreview) -> list[Answer]:
    index_of = {option.code: i for i, option in enumerate(spec.options)}
    index_of.update({option.label: i for i, option in enumerate(spec.options)})
    if len(columns) == 1:
        delimiter = spec.delimiter or ";"
        parsed: dict[str, list[int]] = {}  # cells repeat a lot: split each distinct cell once
        for cell in columns[0].unique().tolist():
            if cell:
                pieces = (piece.strip() for piece in cell.split(delimiter))
                parsed[cell] = sorted({index_of[piece] for piece in pieces if piece in index_of})
        return [list(parsed[cell]) if cell else None for cell in columns[0].tolist()]
    items = spec.items or [option.code for option in spec.options]
    ticks = [
        column.map(lambda value, item=item: questions.is_checked(value, item)).tolist()
        for column, item in zip(columns, items, strict=True)
    ]
    any_filled = pd.concat([column != "" for column in columns], axis=1).any(axis=1).tolist()
    result: list[Answer] = []
    for row, filled in enumerate(any_filled):
        if not filled:
            result.append(None)
            continue
        result.append([index for index, tick in enumerate(ticks) if tick[row]])
    return result
