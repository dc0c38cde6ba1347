"""The survey's figures in the report: the numbers behind a chart or figure sentence,
the chart itself, and the survey statements of a theme for the evidence panel.

Builds on the survey work (:mod:`models.surveys`, :mod:`coding.survey`): the frequencies
and the generated figure sentence are recomputed from the stored answers each time, so
the report can compare them with what was stored when an item was inserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from coding.survey.charts import fig_question
from coding.survey.sentences import figure_sentence
from coding.survey.stats import FrequencyTable, frequencies
from models import surveys
from models.auth import Actor
from models.db import Database
from models.report_outline import ReportError


@dataclass
class Statement:
    """A survey question of a theme, as the evidence panel shows it."""

    survey_id: int
    survey: str
    code: str
    text: str
    group_text: str | None
    n: int
    sentence: str | None


SurveyCache = dict[int, Any]
"""Surveys loaded once per check or export (survey id → :class:`ImportedSurvey`)."""


def _load(db: Database, actor: Actor, survey_id: int, cache: SurveyCache | None) -> Any:
    if cache is None:
        return surveys.load_survey(db, actor, survey_id)
    if survey_id not in cache:
        cache[survey_id] = surveys.load_survey(db, actor, survey_id)
    return cache[survey_id]


def _tables(db: Database, actor: Actor, survey_id: int, codes: list[str],
            cache: SurveyCache | None = None) -> list[FrequencyTable]:  # fmt: skip
    survey = _load(db, actor, survey_id, cache)
    specs = {spec.code: spec for spec in survey.questions}
    missing = [code for code in codes if code not in specs]
    if missing:
        raise ReportError("question_unknown", question=", ".join(missing))
    return [frequencies(specs[code], survey.answers[code]) for code in codes]


def numbers_of(tables: list[FrequencyTable], group_text: str | None = None) -> dict[str, Any]:
    """What a chart or sentence states: n and counts per option per question, and the sentence."""
    out: dict[str, Any] = {
        "questions": {
            table.code: {"n": table.n, "labels": [row.label for row in table.rows], "counts": [row.count for row in table.rows]}
            for table in tables
        },
        "n": max((table.n for table in tables), default=0),
        "title": group_text or (tables[0].text if tables else ""),
    }
    first = figure_sentence(tables[0]) if tables else None
    if first is not None:
        out.update(sentence=first.text, sentence_count=first.count, sentence_n=first.n)
    return out


def survey_numbers(
    db: Database, actor: Actor, survey_id: int, codes: list[str], cache: SurveyCache | None = None
) -> dict[str, Any]:
    """The current numbers of the questions ``codes`` of a survey (see :func:`numbers_of`)."""
    survey = _load(db, actor, survey_id, cache)
    specs = {spec.code: spec for spec in survey.questions}
    group_text = specs[codes[0]].group_text if codes and codes[0] in specs and len(codes) > 1 else None
    return numbers_of(_tables(db, actor, survey_id, codes, cache), group_text)


def survey_figure(
    db: Database, actor: Actor, survey_id: int, codes: list[str], title: str | None = None,
    cache: SurveyCache | None = None,
) -> go.Figure:  # fmt: skip
    """The seed's chart for the questions (Likert bars for a grid, frequency bars otherwise)."""
    return fig_question(_tables(db, actor, survey_id, codes, cache), title)


def theme_statements(db: Database, actor: Actor, scan_id: int, theme: str) -> list[Statement]:
    """Survey questions mapped to ``theme`` (open questions excluded), with n and figure sentence.

    Refused outside the actor's scans; empty for a role that may write the report but not see surveys.
    """
    actor.require("report", scan_id)
    if not actor.can("survey.view", scan_id):
        return []
    out: list[Statement] = []
    for info in surveys.list_surveys(db, actor, scan_id):
        survey = surveys.load_survey(db, actor, info.id)
        for spec in survey.questions:
            if spec.theme != theme or spec.type == "open":
                continue
            table = frequencies(spec, survey.answers[spec.code])
            sentence = figure_sentence(table)
            out.append(Statement(info.id, info.name, spec.code, spec.text, spec.group_text, table.n,
                                 sentence.text if sentence else None))  # fmt: skip
    return out


def survey_totals(db: Database, actor: Actor, scan_id: int) -> tuple[int, list[str]]:
    """Respondents over the scan's surveys, and every question text in order (for the appendix).

    Refused outside the actor's scans; nothing for a role that may write the report but not see surveys.
    """
    actor.require("report", scan_id)
    if not actor.can("survey.view", scan_id):
        return 0, []
    respondents, questions = 0, []
    for info in surveys.list_surveys(db, actor, scan_id):
        respondents += info.respondents
        survey = surveys.load_survey(db, actor, info.id)
        seen_groups: set[str] = set()
        for spec in survey.questions:
            if spec.group and spec.group_text:
                if spec.group in seen_groups:
                    continue
                seen_groups.add(spec.group)
                questions.append(spec.group_text)
            else:
                questions.append(spec.text)
    return respondents, questions
