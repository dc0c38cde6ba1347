"""Recognise the export layout of a survey tool and turn header rows into source columns.

Layouts (learned from public example exports; no data copied):

- ``qualtrics``: row 1 column names (``StartDate``, ``ResponseId``, ``Q5_1``),
  row 2 question texts (``"Vraag - Stelling"``), row 3 ``{"ImportId": ...}``.
- ``qualtrics_legacy``: the older export with two rows (``V1``…, ``ResponseID``).
- ``surveymonkey``: row 1 question texts, left empty over the columns of one
  question; row 2 ``Response``/``Open-Ended Response`` or the option/statement.
- ``limesurvey``: codes (``G1Q2[SQ001]``) or full texts (``Vraag [Stelling]``);
  ``id``, ``submitdate``, ``lastpage``, ``startlanguage``…
- ``google_forms``: ``Tijdstempel``/``Timestamp``, grids as ``Vraag [onderdeel]``,
  check boxes in one cell separated by ``", "``.
- ``microsoft_forms``: ``ID``, ``Begintijd``/``Start time``, ``Tijd van voltooien``;
  multiple answers in one cell as ``a;b;``.
- ``spss``: names, labels, value labels and user-missing codes from the file.
- ``generic``: one header row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from coding.survey.readers import RawTable

LAYOUTS: tuple[str, ...] = (
    "qualtrics",
    "qualtrics_legacy",
    "limesurvey",
    "surveymonkey",
    "google_forms",
    "microsoft_forms",
    "spss",
    "generic",
)

_BRACKET = re.compile(r"^(?P<base>.*?)\s*\[(?P<item>[^\[\]]+)\]\s*$")
_QUALTRICS_PART = re.compile(r"^(?P<base>.+?)_(?P<item>\d+|[A-Za-z]?\d+_TEXT)$")
_SM_SUB = {"response", "open-ended response", "antwoord", "open antwoord", "reactie", "open reactie"}


@dataclass
class SourceColumn:
    """One column of the export, with what its header rows say about it.

    Attributes:
        key: Unique key in this import (the column name, made unique).
        name: The column's name (row 1, or the SPSS variable name).
        text: The question text (row 2 in Qualtrics, the label in SPSS, the
            header in Forms); the name when nothing better is known.
        values: The answers as text, ``""`` when empty, one per respondent.
        group: Key of the question this column belongs to with others (grid or
            check-all), ``None`` when it stands alone.
        group_text: The shared question text of that group.
        item: The statement (grid) or option (check-all) of this column.
        value_labels: Answer code → label (SPSS, LimeSurvey ``.lss``).
        user_missing: Codes the source marks as missing (SPSS user-missing).
        source_type: A question type the source declares (LimeSurvey ``.lss``),
            or ``multi_option`` for a SurveyMonkey/LimeSurvey check-all column.
        import_id: The Qualtrics ImportId of the column.
    """

    key: str
    name: str
    text: str
    values: pd.Series
    group: str | None = None
    group_text: str | None = None
    item: str | None = None
    value_labels: dict[str, str] = field(default_factory=dict)
    user_missing: set[str] = field(default_factory=set)
    source_type: str | None = None
    import_id: str | None = None
    option_order: list[str] = field(default_factory=list)


@dataclass
class SourceTable:
    """An export read into columns, with its layout."""

    filename: str
    layout: str
    columns: list[SourceColumn]
    n_rows: int


def detect_layout(raw: RawTable) -> str:
    """Name the layout of ``raw`` (one of :data:`LAYOUTS`)."""
    if raw.kind == "sav":
        return "spss"
    frame = raw.frame
    first = [cell.strip() for cell in frame.iloc[0].tolist()]
    lower = {cell.lower() for cell in first}
    second = [cell.strip() for cell in frame.iloc[1].tolist()] if len(frame) > 1 else []
    third = [cell.strip() for cell in frame.iloc[2].tolist()] if len(frame) > 2 else []
    if sum(cell.startswith('{"ImportId"') for cell in third) >= max(1, len(third) // 2):
        return "qualtrics"
    if {"responseid", "responseset"} <= lower or (
        "responseid" in lower and sum(cell.startswith("V") and cell[1:].isdigit() for cell in first) >= 3
    ):
        return "qualtrics_legacy"
    if (
        "respondent id" in lower or "respondent-id" in lower or "collector id" in lower or "collector-id" in lower
    ) and any(cell.lower() in _SM_SUB for cell in second):
        return "surveymonkey"
    lime_marks = {
        "submitdate",
        "lastpage",
        "startlanguage",
        "datestamp",
        "id van antwoord",
        "laatste pagina",
        "starttaal",
    }
    if len(lower & lime_marks) >= 2 or sum(bool(re.match(r"^[A-Za-z]\w*\[\w+\]$", cell)) for cell in first) >= 2:
        return "limesurvey"
    if first and first[0].lower() in ("tijdstempel", "timestamp", "marca temporal", "zeitstempel"):
        return "google_forms"
    ms_marks = {"start time", "completion time", "begintijd", "tijd van voltooien", "eindtijd", "last modified time"}
    if "id" in lower and len(lower & ms_marks) >= 2:
        return "microsoft_forms"
    return "generic"


def to_source(raw: RawTable, layout: str | None = None, structure: LssStructure | None = None) -> SourceTable:
    """Turn ``raw`` into source columns following ``layout`` (detected when ``None``)."""
    layout = layout or detect_layout(raw)
    if layout == "spss":
        return _from_sav(raw)
    frame = raw.frame
    header_rows = {"qualtrics": 3, "qualtrics_legacy": 2, "surveymonkey": 2}.get(layout, 1)
    names = [cell.strip() for cell in frame.iloc[0].tolist()]
    texts = [cell.strip() for cell in frame.iloc[1].tolist()] if header_rows >= 2 and len(frame) > 1 else list(names)
    import_ids = [cell.strip() for cell in frame.iloc[2].tolist()] if header_rows == 3 and len(frame) > 2 else []
    body = frame.iloc[header_rows:].reset_index(drop=True)
    keys = _unique(names)
    columns: list[SourceColumn] = []
    current_sm: tuple[str, str] | None = None
    for index, key in enumerate(keys):
        values = body[index].str.strip() if len(body) else pd.Series([], dtype=str)
        column = SourceColumn(key=key, name=names[index], text=texts[index] or names[index], values=values)
        if import_ids:
            column.import_id = import_ids[index]
        if layout == "surveymonkey":
            current_sm = _surveymonkey(column, names[index], texts[index], current_sm, index)
        elif layout in ("qualtrics", "qualtrics_legacy"):
            _qualtrics(column, names[index], texts[index])
        else:
            _bracketed(column, names[index], layout)
        if layout == "limesurvey" and structure is not None:
            structure.apply(column)
        columns.append(column)
    if layout == "surveymonkey":
        _ungroup_singletons(columns)
    return SourceTable(filename=raw.filename, layout=layout, columns=columns, n_rows=len(body))


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    keys = []
    for position, name in enumerate(names):
        base = name or f"kolom_{position + 1}"
        count = seen.get(base, 0)
        seen[base] = count + 1
        keys.append(base if count == 0 else f"{base}.{count + 1}")
    return keys


def _surveymonkey(
    column: SourceColumn, name: str, sub: str, current: tuple[str, str] | None, index: int
) -> tuple[str, str] | None:
    """Row 1 holds the question over its first column only; row 2 the option or statement."""
    if name and not name.lower().startswith("unnamed"):
        current = (f"sm{index}", name)
    column.text = name or (current[1] if current else column.key)
    if sub and sub.lower() not in _SM_SUB and current is not None:
        column.group, column.group_text, column.item = current[0], current[1], sub
        column.text = f"{current[1]} [{sub}]"
        column.key = column.key if name else f"{current[0]}_{index}"
    return current


def _ungroup_singletons(columns: list[SourceColumn]) -> None:
    counts: dict[str, int] = {}
    for column in columns:
        if column.group:
            counts[column.group] = counts.get(column.group, 0) + 1
    for column in columns:
        if column.group and counts[column.group] == 1:
            values = set(column.values[column.values != ""].unique())
            if values and values != {column.item}:  # a lone single-choice with its own sub-header
                column.group = column.group_text = column.item = None


def _qualtrics(column: SourceColumn, name: str, text: str) -> None:
    match = _QUALTRICS_PART.match(name)
    if match and not name.endswith("_TEXT") and " - " in text:
        base_text, _, item = text.rpartition(" - ")
        base_text = base_text.removesuffix(" - Selected Choice")
        column.group, column.group_text, column.item = match.group("base"), base_text, item
    elif text.endswith(" - Selected Choice"):
        column.text = text.removesuffix(" - Selected Choice")


def _bracketed(column: SourceColumn, name: str, layout: str) -> None:
    match = _BRACKET.match(name)
    if match and match.group("item").lower() not in ("other", "anders", "comment"):
        column.group, column.group_text, column.item = match.group("base"), match.group("base"), match.group("item")


def _from_sav(raw: RawTable) -> SourceTable:
    assert raw.sav is not None
    sav = raw.sav
    columns = []
    for index, name in enumerate(sav.names):
        values = raw.frame[index].str.strip()
        missing = set(sav.user_missing.get(name, set()))
        for low, high in sav.missing_ranges.get(name, []):
            numbers = pd.to_numeric(values, errors="coerce")
            missing.update(values[(numbers >= low) & (numbers <= high)].unique())
        label = sav.labels[index] or name
        column = SourceColumn(
            key=name,
            name=name,
            text=label,
            values=values,
            value_labels=dict(sav.value_labels.get(name, {})),
            user_missing=missing,
        )
        match = _BRACKET.match(label) or re.match(r"^(?P<base>.+?)\s+-\s+(?P<item>[^-]+)$", label)
        prefix = re.match(r"^(?P<base>[A-Za-z]+\d+)_(?P<item>\d+)$", name)
        if match and prefix:
            column.group, column.group_text, column.item = (
                prefix.group("base"),
                match.group("base"),
                match.group("item"),
            )
        columns.append(column)
    return SourceTable(filename=raw.filename, layout="spss", columns=columns, n_rows=len(raw.frame))


# --- LimeSurvey structure file ------------------------------------------------------------


@dataclass
class LssQuestion:
    code: str
    text: str
    type: str
    parent: str | None = None


@dataclass
class LssStructure:
    """Question texts, types and answer options from a LimeSurvey ``.lss`` file."""

    questions: dict[str, LssQuestion]
    answers: dict[str, list[tuple[str, str]]]
    """Question code → (answer code, label) in sort order."""

    def apply(self, column: SourceColumn) -> None:
        """Fill in text, type and answer labels of ``column`` from the structure."""
        base = column.group or column.name
        question = self.questions.get(base) or self.questions.get(column.name)
        if question is None:
            return
        column.source_type = question.type
        if column.group:
            sub = self.questions.get(f"{base}[{column.item}]")
            column.group_text = question.text
            if sub is not None:
                column.item = sub.text
            column.text = f"{question.text} [{column.item}]"
        else:
            column.text = question.text
        options = self.answers.get(base)
        if options:
            column.value_labels = dict(options)
            column.option_order = [code for code, _ in options]
        if question.type in ("M", "P") and column.group:
            column.source_type = "multi_option"
            column.value_labels = {"Y": column.item or "Y"}


LSS_TYPES: dict[str, str] = {
    "L": "choice", "!": "choice", "O": "choice", "Y": "choice", "G": "choice",
    "5": "likert", "F": "likert", "A": "likert", "B": "likert", "E": "likert", "H": "likert",
    "M": "multi", "P": "multi",
    "N": "numeric", "K": "numeric",
    "D": "date",
    "S": "open", "T": "open", "U": "open", "Q": "open",
}  # fmt: skip
"""LimeSurvey question type letter → our type."""


def read_lss(data: bytes, filename: str = "structuur.lss") -> LssStructure:
    """Parse a LimeSurvey ``.lss`` (XML, parsed with defusedxml) into an :class:`LssStructure`.

    Handles both the old layout (texts in ``questions``/``answers`` rows) and
    LimeSurvey 4+ (texts in ``question_l10ns``/``answer_l10ns``).
    """
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    from coding.survey.errors import SurveyError

    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        raise SurveyError("lss", name=filename, detail=str(error)[:120]) from error
    if root.tag != "document" or root.findtext("LimeSurveyDocType") is None:
        raise SurveyError("lss", name=filename, detail="geen LimeSurveyDocType")

    def rows(section: str) -> list[dict[str, str]]:
        return [{child.tag: (child.text or "").strip() for child in row} for row in root.findall(f"{section}/rows/row")]

    language = (root.findtext("languages/language") or "").strip()
    q_texts = {
        r["qid"]: r.get("question", "") for r in rows("question_l10ns") if r.get("language", language) == language
    }
    by_qid: dict[str, dict[str, str]] = {}
    for row in rows("questions") + rows("subquestions"):
        if row.get("language", language) in (language, ""):
            by_qid.setdefault(row["qid"], row)
    questions: dict[str, LssQuestion] = {}
    for qid, row in by_qid.items():
        text = _strip_html(row.get("question") or q_texts.get(qid, ""))
        parent = row.get("parent_qid", "0")
        if parent and parent != "0" and parent in by_qid:
            parent_code = by_qid[parent]["title"]
            questions[f"{parent_code}[{row['title']}]"] = LssQuestion(
                row["title"], text, row.get("type", ""), parent_code
            )
        else:
            questions[row["title"]] = LssQuestion(row["title"], text, row.get("type", ""))
    a_texts = {r["aid"]: r.get("answer", "") for r in rows("answer_l10ns") if r.get("language", language) == language}
    answers: dict[str, list[tuple[int, str, str]]] = {}
    for row in rows("answers"):
        if row.get("language", language) not in (language, ""):
            continue
        qid = row.get("qid", "")
        if qid not in by_qid:
            continue
        label = _strip_html(row.get("answer") or a_texts.get(row.get("aid", ""), ""))
        order = int(row.get("sortorder") or 0)
        answers.setdefault(by_qid[qid]["title"], []).append((order, row["code"], label))
    ordered = {code: [(c, label) for _, c, label in sorted(items)] for code, items in answers.items()}
    return LssStructure(questions=questions, answers=ordered)


def _strip_html(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text or "")).strip()
