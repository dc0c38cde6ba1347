"""Survey analysis that needs the rest of the scan: coder suggestions and the triangulation view.

* :func:`suggest_mapping`: the scan's auto-coder reads each unmapped question's
  text and proposes a pillar and theme (the analyst decides).
* :func:`triangulation`: per pillar, the survey statements (with their figure
  sentence) beside the interview themes with their accepted fragments and
  quotes, so the analyst sees where the two sources agree or differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from coding.survey.sentences import figure_sentence
from coding.survey.stats import frequencies
from models import quotes as quote_service
from models import schema as s
from models import surveys
from models.auth import Actor
from models.db import Database
from models.errors import NotFound
from models.status import CodingStatus


@dataclass
class MappingSuggestion:
    pillar: str
    theme: str | None
    confidence: float


@dataclass
class StatementFigure:
    """A survey question of the pillar, with its figure sentence."""

    survey: str
    code: str
    text: str
    group_text: str | None
    theme: str | None
    n: int
    sentence: str | None


@dataclass
class ThemeEvidence:
    """An interview theme of the pillar: accepted fragments and quotes."""

    code: str
    name: str
    fragments: int
    examples: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    survey_statements: int = 0


@dataclass
class Triangulation:
    pillar: str
    pillar_name: str
    statements: list[StatementFigure]
    themes: list[ThemeEvidence]


def code_names(db: Database, actor: Actor, scan_id: int) -> dict[str, str]:
    """Code → Dutch name of the scan's codebook (pillars and themes, in codebook order)."""
    actor.require("survey.view", scan_id)
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        rows = session.scalars(
            select(s.Code).where(s.Code.codebook_id == scan.codebook_id).order_by(s.Code.position)
        ).all()
        return {row.code: row.name for row in rows}


def suggest_mapping(db: Database, actor: Actor, survey_id: int) -> dict[str, MappingSuggestion]:
    """A pillar/theme proposal from the auto-coder for every question of the survey (by its text)."""
    from models.autocode import DatabaseEmbeddingCache, _coder_for_scan

    info = surveys.get_survey(db, actor, survey_id)
    survey = surveys.load_survey(db, actor, survey_id)
    if not survey.questions:
        return {}
    coder = _coder_for_scan(db, info.scan_id, config=None, cache=DatabaseEmbeddingCache(db))
    texts = [f"{spec.group_text or ''} {spec.text}".strip() for spec in survey.questions]
    predictions = coder.predict(texts)
    return {
        spec.code: MappingSuggestion(p.primary_pillar, p.primary_theme, round(float(p.confidence), 2))
        for spec, p in zip(survey.questions, predictions, strict=True)
    }


def triangulation(db: Database, actor: Actor, scan_id: int, pillar: str, *, examples: int = 3) -> Triangulation:
    """The survey statements of ``pillar`` beside its interview themes (accepted fragments, quotes)."""
    names = code_names(db, actor, scan_id)
    statements: list[StatementFigure] = []
    for info in surveys.list_surveys(db, actor, scan_id):
        survey = surveys.load_survey(db, actor, info.id)
        for spec in survey.questions:
            if spec.pillar != pillar or spec.type == "open":
                continue
            table = frequencies(spec, survey.answers[spec.code])
            sentence = figure_sentence(table)
            statements.append(StatementFigure(info.name, spec.code, spec.text, spec.group_text, spec.theme, table.n,
                                              sentence.text if sentence else None))  # fmt: skip
    themes = {code: ThemeEvidence(code, name, 0) for code, name in names.items() if code.startswith(pillar + ".")}
    with db.session() as session:
        rows = session.execute(
            select(s.Code.code, s.Fragment.id, s.Fragment.text)
            .join(s.Coding, s.Coding.code_id == s.Code.id)
            .join(s.Fragment, s.Fragment.id == s.Coding.fragment_id)
            .join(s.Interview, s.Interview.id == s.Fragment.interview_id)
            .where(
                s.Fragment.scan_id == scan_id, s.Coding.status == CodingStatus.ACCEPTED, s.Coding.round_id.is_(None),
                s.Code.code.like(f"{pillar}.%"), s.Interview.kind != surveys.SURVEY_KIND,
            )
            .order_by(s.Fragment.id)
        ).all()  # fmt: skip
    seen: set[tuple[str, int]] = set()
    for code, fragment_id, text in rows:
        evidence = themes.setdefault(code, ThemeEvidence(code, names.get(code, code), 0))
        if (code, fragment_id) in seen:
            continue
        seen.add((code, fragment_id))
        evidence.fragments += 1
        if len(evidence.examples) < examples:
            evidence.examples.append(text)
    if actor.can("quote", scan_id):
        for view in quote_service.list_quotes(db, actor, scan_id):
            if view.pillar == pillar and view.theme in themes:
                themes[view.theme].quotes.append(view.citation)
    for statement in statements:
        if statement.theme in themes:
            themes[statement.theme].survey_statements += 1
    return Triangulation(pillar, names.get(pillar, pillar), statements, list(themes.values()))
