"""Surveys (enquêtes) of a scan: import all or nothing, read back, map to pillars, triangulate.

The pure work (reading files, typing questions, counting) is in
:mod:`coding.survey`; this module stores an :class:`~coding.survey.preview.ImportedSurvey`
in one transaction and reads it back as the same structure, so pages and the
command line count and chart stored surveys with the same functions.

Open answers become turns of a source container: an ``interviews`` row of kind
``enquete`` (one per survey), one ``answer`` turn per open answer (speaker
label = the survey pseudonym, no respondent), linked from
``survey_answers.turn_id``. After the import they are segmented and auto-coded
like interview answers, so they are reviewed and quoted the same way; the
quote attribution for them is "respondent uit de enquête".
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.survey.preview import ImportedSurvey, Respondent, build_preview, finalize
from coding.survey.questions import OptionSpec, QuestionSpec
from coding.survey.template import Template, load_template, match_template
from models import schema as s
from models.auth import Actor
from models.db import Database
from models.errors import InputError, NotFound
from models.events import record_event
from models.fragments import segment_interview
from models.status import InterviewKind, InterviewSource, InterviewStatus, SpeakerRole, TurnKind
from texts import dutch_date, t

logger = logging.getLogger(__name__)

SURVEY_KIND = InterviewKind.ENQUETE
"""``interviews.kind`` of a survey's open-answer container."""


@dataclass
class SurveyInfo:
    """A stored survey as the survey screen lists it."""

    id: int
    scan_id: int
    name: str
    source_filename: str
    layout: str
    respondents: int
    questions: int
    template_matches: int
    imported_at: str
    interview_id: int | None
    dropped_columns: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ImportOutcome:
    """What an import stored, plus the follow-up coding of the open answers."""

    survey_id: int
    summary: dict[str, Any]
    open_answers: int
    fragments: int = 0
    coded: int = 0


def is_interview(interview: s.Interview) -> bool:
    """Whether ``interview`` is a real interview (not a survey's open-answer container)."""
    return interview.kind != SURVEY_KIND


# --- import -------------------------------------------------------------------------------


def import_file(
    db: Database,
    actor: Actor,
    scan_id: int,
    data: bytes,
    filename: str,
    *,
    structure: bytes | None = None,
    structure_name: str = "",
    name: str | None = None,
    code: bool = True,
) -> ImportOutcome:
    """Import a survey export with the detected settings (the command line's path).

    Raises:
        coding.survey.errors.SurveyError: The file cannot be read (Dutch message).
        PermissionDenied: The actor may not import into this scan.
    """
    actor.require("survey.import", scan_id)
    preview = build_preview(data, filename, structure=structure, structure_name=structure_name)
    match_template(preview.questions, import_template(db, actor, scan_id))
    return import_survey(db, actor, scan_id, finalize(preview), name=name, code=code)


def import_template(db: Database, actor: Actor, scan_id: int) -> Template:
    """What an import into the scan is matched to: a vervolgmeting's copy of its nulmeting's questions, else the
    shipped survey template (``data/survey_template.yaml``)."""
    from models.followup import survey_structure

    actor.require("survey.import", scan_id)
    return survey_structure(db, actor, scan_id) or load_template()


def import_survey(
    db: Database, actor: Actor, scan_id: int, survey: ImportedSurvey, *, name: str | None = None, code: bool = True
) -> ImportOutcome:
    """Store ``survey`` in scan ``scan_id`` in one transaction; then segment and code its open answers.

    Either everything of the survey is stored or nothing is. Segmenting and
    auto-coding the open answers run afterwards in their own transactions (as
    for an interview) and can be repeated; their failure leaves the survey.
    """
    actor.require("survey.import", scan_id)
    template_name = import_template(db, actor, scan_id).name
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        survey_name = _free_name(session, scan_id, name or PurePath(survey.filename).stem or t("survey.default_name"))
        row = s.Survey(
            scan_id=scan_id,
            name=survey_name,
            source_filename=survey.filename,
            layout=survey.layout,
            respondent_count=len(survey.respondents),
            template_name=template_name,
            template_matches=sum(1 for q in survey.questions if q.template_code),
            dropped_columns=[{"name": d.name, "reason": d.reason} for d in survey.dropped],
            imported_by=actor.username,
        )
        session.add(row)
        session.flush()
        questions = [_question_row(row.id, position, spec) for position, spec in enumerate(survey.questions)]
        session.add_all(questions)
        people = [
            s.SurveyRespondent(
                survey_id=row.id, pseudonym=r.pseudonym, department=r.department, role=r.role, years=r.years
            )
            for r in survey.respondents
        ]
        session.add_all(people)
        session.flush()
        turn_of = _open_answer_turns(session, actor, scan_id, row, survey)
        answer_rows: list[tuple[Any, ...]] = []
        person_ids = [(person.id, person.pseudonym) for person in people]
        for spec, question in zip(survey.questions, questions, strict=True):
            question_id, kind = question.id, spec.type
            for (person_id, pseudonym), value in zip(person_ids, survey.answers[spec.code], strict=True):
                if value is None:
                    continue
                turn_id = turn_of.get((spec.code, pseudonym)) if kind == "open" else None
                answer_rows.append(_answer_row(row.id, question_id, person_id, kind, value, turn_id))
        _insert_answers(session, answer_rows)
        summary = survey.summary()
        record_event(session, actor, "survey.import", entity="survey", entity_id=row.id, scan_id=scan_id,
                           after={"name": survey_name, **summary})  # fmt: skip
        survey_id, interview_id = row.id, row.interview_id
    outcome = ImportOutcome(survey_id=survey_id, summary=summary, open_answers=len(turn_of))
    if interview_id is not None:
        outcome.fragments, outcome.coded = code_open_answers(db, actor, survey_id, code=code)
    return outcome


def code_open_answers(db: Database, actor: Actor, survey_id: int, *, code: bool = True) -> tuple[int, int]:
    """Segment the survey's open answers into fragments and (optionally) auto-code them.

    Returns:
        (new fragments, fragments coded).
    """
    info = get_survey(db, actor, survey_id)
    actor.require("code", info.scan_id)
    if info.interview_id is None:
        return 0, 0
    result = segment_interview(db, info.interview_id)
    coded = 0
    if code:
        from models.autocode import autocode

        coded = autocode(db, scan_id=info.scan_id, interview_id=info.interview_id, actor=actor).coded
    return result.fragments_created, coded


def _free_name(session: Session, scan_id: int, name: str) -> str:
    taken = set(session.scalars(select(s.Survey.name).where(s.Survey.scan_id == scan_id)))
    candidate, number = name[:280], 1
    while candidate in taken:
        number += 1
        candidate = f"{name[:270]} ({number})"
    return candidate


def _question_row(survey_id: int, position: int, spec: QuestionSpec) -> s.SurveyQuestion:
    return s.SurveyQuestion(
        survey_id=survey_id,
        code=spec.code,
        text=spec.text,
        type=spec.type,
        pillar=spec.pillar,
        theme=spec.theme,
        group_key=spec.group,
        group_text=spec.group_text,
        breakdown=spec.breakdown,
        template_code=spec.template_code,
        position=position,
        options={
            "options": [{"code": o.code, "label": o.label, "missing": o.missing} for o in spec.options],
            "scale": spec.scale,
            "direction": spec.direction,
            "items": list(spec.items),
            "delimiter": spec.delimiter,
            "columns": list(spec.columns),
        },
    )


ANSWER_COLUMNS = (
    "survey_id",
    "question_id",
    "respondent_id",
    "option_index",
    "option_indices",
    "number",
    "text",
    "turn_id",
)


def _answer_row(
    survey_id: int, question_id: int, respondent_id: int, kind: str, value: Any, turn_id: int | None
) -> tuple[Any, ...]:
    """One ``survey_answers`` row as a tuple in :data:`ANSWER_COLUMNS` order (JSON already serialised)."""
    if kind in ("likert", "choice"):
        return (survey_id, question_id, respondent_id, int(value), None, None, None, turn_id)
    if kind == "multi":
        return (survey_id, question_id, respondent_id, None, json.dumps([int(i) for i in value]), None, None, turn_id)
    if kind == "numeric":
        return (survey_id, question_id, respondent_id, None, None, float(value), None, turn_id)
    return (survey_id, question_id, respondent_id, None, None, None, str(value), turn_id)


def _insert_answers(session: Session, rows: list[tuple[Any, ...]], *, chunk: int = 50_000) -> None:
    """Bulk insert through the driver (hundreds of thousands of rows per second), in the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    marks = [mark] * len(ANSWER_COLUMNS)
    if connection.dialect.name == "postgresql":  # the JSON column gets its text cast explicitly
        marks[ANSWER_COLUMNS.index("option_indices")] = f"CAST({mark} AS JSON)"
    statement = f"INSERT INTO survey_answers ({', '.join(ANSWER_COLUMNS)}) VALUES ({', '.join(marks)})"
    for start in range(0, len(rows), chunk):
        connection.exec_driver_sql(statement, rows[start : start + chunk])


def _open_answer_turns(
    session: Session, actor: Actor, scan_id: int, survey: s.Survey, data: ImportedSurvey
) -> dict[tuple[str, str], int]:
    """Create the ``enquete`` container and one turn per open answer; (question code, pseudonym) → turn id."""
    opens = [spec for spec in data.questions if spec.type == "open"]
    pending = [(spec, person, value) for spec in opens
               for person, value in zip(data.respondents, data.answers[spec.code], strict=True) if value]  # fmt: skip
    if not pending:
        return {}
    container = s.Interview(
        scan_id=scan_id,
        title=t("survey.container_title", name=survey.name),
        kind=SURVEY_KIND,
        status=InterviewStatus.FINISHED,
        source=InterviewSource.IMPORT,
        source_filename=survey.source_filename,
        owner=actor.username,
    )
    session.add(container)
    session.flush()
    survey.interview_id = container.id
    turns = []
    for seq, (spec, person, value) in enumerate(pending, start=1):
        turn = s.Turn(
            interview_id=container.id,
            seq=seq,
            kind=TurnKind.ANSWER,
            speaker_role=SpeakerRole.RESPONDENT,
            respondent_id=None,
            speaker_label=person.pseudonym,
            question_id=None,
            text=str(value).replace("\r\n", "\n").replace("\r", "\n"),
            created_by=actor.username,
        )
        turns.append(((spec.code, person.pseudonym), turn))
    session.add_all([turn for _, turn in turns])
    session.flush()
    return {key: turn.id for key, turn in turns}


# --- reading --------------------------------------------------------------------------------


def list_surveys(db: Database, actor: Actor, scan_id: int) -> list[SurveyInfo]:
    """The surveys of a scan, oldest first."""
    actor.require("survey.view", scan_id)
    with db.session() as session:
        rows = session.scalars(select(s.Survey).where(s.Survey.scan_id == scan_id).order_by(s.Survey.id)).all()
        counts = dict(
            session.execute(
                select(s.SurveyQuestion.survey_id, func.count())
                .where(s.SurveyQuestion.survey_id.in_([r.id for r in rows]))
                .group_by(s.SurveyQuestion.survey_id)
            ).all()
        )
        return [_info(row, counts.get(row.id, 0)) for row in rows]


def get_survey(db: Database, actor: Actor, survey_id: int) -> SurveyInfo:
    """One survey (role and scan checked)."""
    with db.session() as session:
        row = session.get(s.Survey, survey_id)
        if row is None:
            raise NotFound("survey", survey_id)
        actor.require("survey.view", row.scan_id)
        count = session.scalar(select(func.count()).where(s.SurveyQuestion.survey_id == survey_id)) or 0
        return _info(row, count)


def _info(row: s.Survey, questions: int) -> SurveyInfo:
    return SurveyInfo(
        id=row.id, scan_id=row.scan_id, name=row.name, source_filename=row.source_filename, layout=row.layout,
        respondents=row.respondent_count, questions=questions, template_matches=row.template_matches,
        imported_at=dutch_date(row.imported_at) if row.imported_at else "",
        interview_id=row.interview_id, dropped_columns=list(row.dropped_columns or []),
    )  # fmt: skip


def load_survey(db: Database, actor: Actor, survey_id: int) -> ImportedSurvey:
    """A stored survey as the :class:`ImportedSurvey` structure (for counting and charts)."""
    info = get_survey(db, actor, survey_id)
    with db.session() as session:
        rows = session.scalars(
            select(s.SurveyQuestion).where(s.SurveyQuestion.survey_id == survey_id).order_by(s.SurveyQuestion.position)
        ).all()
        people = session.scalars(
            select(s.SurveyRespondent).where(s.SurveyRespondent.survey_id == survey_id).order_by(s.SurveyRespondent.id)
        ).all()
        index_of = {person.id: i for i, person in enumerate(people)}
        specs = [_spec(row) for row in rows]
        by_id = {row.id: spec for row, spec in zip(rows, specs, strict=True)}
        answers: dict[str, list[Any]] = {spec.code: [None] * len(people) for spec in specs}
        query = select(
            s.SurveyAnswer.question_id, s.SurveyAnswer.respondent_id, s.SurveyAnswer.option_index,
            s.SurveyAnswer.option_indices, s.SurveyAnswer.number, s.SurveyAnswer.text,
        ).where(s.SurveyAnswer.survey_id == survey_id)  # fmt: skip
        for question_id, respondent_id, option_index, option_indices, number, text in session.execute(query):
            spec = by_id[question_id]
            value = {"likert": option_index, "choice": option_index, "multi": option_indices, "numeric": number}.get(
                spec.type, text
            )
            answers[spec.code][index_of[respondent_id]] = value
        respondents = [Respondent(p.pseudonym, p.department, p.role, p.years) for p in people]
    return ImportedSurvey(
        filename=info.source_filename, layout=info.layout, questions=specs, respondents=respondents,
        answers=answers, dropped=[],
    )  # fmt: skip


def _spec(row: s.SurveyQuestion) -> QuestionSpec:
    options = row.options or {}
    return QuestionSpec(
        code=row.code, text=row.text, type=row.type, columns=list(options.get("columns", [])),
        items=list(options.get("items", [])),
        options=[OptionSpec(o["code"], o["label"], bool(o.get("missing"))) for o in options.get("options", [])],
        scale=options.get("scale"), direction=options.get("direction", ""), group=row.group_key,
        group_text=row.group_text, delimiter=options.get("delimiter"), breakdown=row.breakdown, pillar=row.pillar,
        theme=row.theme, template_code=row.template_code,
    )  # fmt: skip


def summary(db: Database, actor: Actor, survey_id: int) -> dict[str, Any]:
    """The command line's JSON for a stored survey."""
    info = get_survey(db, actor, survey_id)
    with db.session() as session:
        types = dict(
            session.execute(
                select(s.SurveyQuestion.type, func.count())
                .where(s.SurveyQuestion.survey_id == survey_id)
                .group_by(s.SurveyQuestion.type)
            ).all()
        )
    by_type = {kind: int(types.get(kind, 0)) for kind in ("likert", "choice", "multi", "numeric", "date", "open")}
    return {
        "respondents": info.respondents,
        "questions": info.questions,
        "by_type": by_type,
        "dropped_columns": [column["name"] for column in info.dropped_columns],
    }


# --- editing ------------------------------------------------------------------------------


def set_mapping(
    db: Database, actor: Actor, survey_id: int, code: str, *, pillar: str | None, theme: str | None
) -> None:
    """Map question ``code`` of a survey to a pillar and theme (logged)."""
    info = get_survey(db, actor, survey_id)
    actor.require("survey.import", info.scan_id)
    if theme and pillar and not theme.startswith(pillar + "."):
        raise InputError(t("survey.error.theme_pillar", theme=theme, pillar=pillar))
    with db.session() as session:
        row = session.scalar(
            select(s.SurveyQuestion).where(s.SurveyQuestion.survey_id == survey_id, s.SurveyQuestion.code == code)
        )
        if row is None:
            raise NotFound("survey_question", code)
        before = {"pillar": row.pillar, "theme": row.theme}
        row.pillar, row.theme = pillar or None, theme or None
        record_event(session, actor, "survey.map", entity="survey_question", entity_id=row.id,
                           scan_id=info.scan_id, before=before, after={"pillar": row.pillar, "theme": row.theme})  # fmt: skip


def delete_survey(db: Database, actor: Actor, survey_id: int) -> None:
    """Delete a survey with its answers and its open-answer container (logged)."""
    info = get_survey(db, actor, survey_id)
    actor.require("survey.import", info.scan_id)
    with db.session() as session:
        row = session.get(s.Survey, survey_id)
        if row is None:
            return
        record_event(session, actor, "survey.delete", entity="survey", entity_id=survey_id,
                           scan_id=info.scan_id, before={"name": row.name})  # fmt: skip
        container = session.get(s.Interview, row.interview_id) if row.interview_id else None
        session.delete(row)
        if container is not None:
            session.delete(container)


def survey_context(session: Session, turn_ids: list[int]) -> dict[int, str]:
    """ "Enquête: <vraag>" for the turns that are open survey answers (for the review desk's context)."""
    if not turn_ids:
        return {}
    rows = session.execute(
        select(s.SurveyAnswer.turn_id, s.SurveyQuestion.text, s.SurveyQuestion.group_text)
        .join(s.SurveyQuestion, s.SurveyQuestion.id == s.SurveyAnswer.question_id)
        .where(s.SurveyAnswer.turn_id.in_(turn_ids))
    ).all()
    return {
        int(turn_id): t("survey.review_context", question=f"{group_text} — {text}" if group_text else text)
        for turn_id, text, group_text in rows
        if turn_id is not None
    }
