"""Edits of the import preview as table rows (what the page's editor shows and gives back).

One row per question: code, text, type, include, option order and missing
options (labels separated by `` | ``), grid, pillar and theme. :func:`apply_edits`
checks the rows and writes them into the :class:`~coding.survey.preview.SurveyPreview`.
"""

from __future__ import annotations

import copy
from typing import Any

from coding.survey.errors import SurveyError
from coding.survey.preview import SurveyPreview
from coding.survey.questions import QUESTION_TYPES, OptionSpec, retype

SEPARATOR = " | "


def edit_rows(preview: SurveyPreview) -> list[dict[str, Any]]:
    """The preview as editable rows."""
    return [
        {
            "code": spec.code,
            "include": spec.include,
            "text": spec.text,
            "type": spec.type,
            "options": SEPARATOR.join(o.label for o in spec.options if not o.missing),
            "missing": SEPARATOR.join(o.label for o in spec.options if o.missing),
            "group": spec.group or "",
            "pillar": spec.pillar or "",
            "theme": spec.theme or "",
        }
        for spec in preview.questions
    ]


def apply_edits(preview: SurveyPreview, rows: list[dict[str, Any]]) -> None:
    """Write edited rows back into ``preview`` (matched by position).

    Option order: the labels in the new order (every existing label once).
    Missing: labels that are "no answer"; a label moved between the two
    fields changes its status. Raises :class:`SurveyError` on an unknown type,
    an unknown or lost option label, or a duplicate code.
    """
    if len(rows) != len(preview.questions):
        raise SurveyError("edit_rows")
    codes = [str(row["code"]).strip() for row in rows]
    duplicates = {code for code in codes if codes.count(code) > 1}
    if duplicates:
        raise SurveyError("duplicate_code", question=sorted(duplicates)[0])
    work = copy.deepcopy(preview.questions)  # all rows or none: a refused row leaves the preview as it was
    for spec, row in zip(work, rows, strict=True):
        kind = str(row["type"])
        if kind not in QUESTION_TYPES:
            raise SurveyError("unknown_type", type=kind, question=spec.code)
        retype(spec, kind, preview.values(spec))
        spec.code = str(row["code"]).strip() or spec.code
        spec.text = str(row["text"]).strip() or spec.text
        spec.include = bool(row["include"])
        spec.pillar = str(row.get("pillar") or "").strip() or None
        spec.theme = str(row.get("theme") or "").strip() or None
        group = str(row.get("group") or "").strip()
        if group != (spec.group or ""):
            spec.group = group or None
            spec.group_text = spec.group_text or (group or None)
        if spec.options:
            _reorder(spec.code, spec.options, str(row.get("options") or ""), str(row.get("missing") or ""))
    preview.questions[:] = work


def _reorder(code: str, options: list[OptionSpec], order: str, missing: str) -> None:
    by_label = {option.label: option for option in options}
    valid = [label.strip() for label in order.split(SEPARATOR.strip()) if label.strip()]
    gone = [label.strip() for label in missing.split(SEPARATOR.strip()) if label.strip()]
    unknown = [label for label in valid + gone if label not in by_label]
    if unknown:
        raise SurveyError("unknown_option", option=unknown[0], question=code)
    lost = [label for label in by_label if label not in valid and label not in gone]
    if lost:
        raise SurveyError("lost_option", option=lost[0], question=code)
    options[:] = [OptionSpec(by_label[label].code, label, False) for label in valid] + [
        OptionSpec(by_label[label].code, label, True) for label in gone
    ]
