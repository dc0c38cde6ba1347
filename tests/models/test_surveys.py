"""The survey service: all-or-nothing import, role checks, reading back, open answers as fragments."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coding.survey.demo import demo_survey_csv
from coding.survey.errors import SurveyError
from coding.survey.preview import build_preview, finalize
from coding.survey.stats import frequencies
from models import quotes, surveys
from models import schema as s
from models.auth import Actor, PermissionDenied
from models.db import Database
from models.errors import InputError
from models.interviews import list_interviews
from models.scans import create_scan
from tests.coding.survey_files import csv_bytes, google_rows


def _scan(db: Database, actor: Actor, name: str = "enquêtescan") -> int:
    return create_scan(db, actor, name=name, organisation="Gemeente Test", kind="gemeente")


def _count(db: Database, table: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_surveys_import_stores_and_reads_back_the_same_figures(db: Database, local_actor: Actor) -> None:
    scan_id = _scan(db, local_actor)
    data = csv_bytes(google_rows(30))
    outcome = surveys.import_file(db, local_actor, scan_id, data, "google.csv", code=False)
    assert outcome.summary["respondents"] == 30
    assert outcome.summary["dropped_columns"] == ["Tijdstempel", "E-mailadres"]
    stored = surveys.load_survey(db, local_actor, outcome.survey_id)
    fresh = finalize(build_preview(data, "google.csv"))
    for spec, again in zip(fresh.questions, stored.questions, strict=True):
        assert (spec.code, spec.type, spec.group) == (again.code, again.type, again.group)
        assert frequencies(spec, fresh.answers[spec.code]) == frequencies(again, stored.answers[again.code])
    assert stored.respondents[0].pseudonym == "E001"
    assert surveys.summary(db, local_actor, outcome.survey_id) == outcome.summary
    with db.session() as session:
        event = session.scalars(select(s.Event).where(s.Event.action == "survey.import")).one()
        assert event.after is not None and event.after["respondents"] == 30


def test_surveys_scan_holds_several_surveys(db: Database, local_actor: Actor) -> None:
    scan_id = _scan(db, local_actor)
    data = csv_bytes(google_rows(10))
    surveys.import_file(db, local_actor, scan_id, data, "medewerkers.csv", code=False)
    surveys.import_file(db, local_actor, scan_id, data, "medewerkers.csv", code=False)
    names = [info.name for info in surveys.list_surveys(db, local_actor, scan_id)]
    assert names == ["medewerkers", "medewerkers (2)"]


def test_surveys_bad_file_changes_nothing(db: Database, local_actor: Actor) -> None:
    scan_id = _scan(db, local_actor)
    events = _count(db, s.Event)
    with pytest.raises(SurveyError):
        surveys.import_file(db, local_actor, scan_id, b"<html><body>Inloggen</body></html>", "export.csv")
    assert _count(db, s.Survey) == 0 and _count(db, s.Event) == events


def test_surveys_failure_midway_rolls_everything_back(
    db: Database, local_actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan_id = _scan(db, local_actor)
    survey = finalize(build_preview(demo_survey_csv(respondents=40), "demo.csv"))

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(surveys, "record_event", broken)
    with pytest.raises(RuntimeError):
        surveys.import_survey(db, local_actor, scan_id, survey)
    for table in (s.Survey, s.SurveyQuestion, s.SurveyRespondent, s.SurveyAnswer, s.Turn):
        assert _count(db, table) == 0
    assert _count(db, s.Interview) == 0


def test_surveys_roles_and_scan_assignment(db: Database, local_actor: Actor) -> None:
    scan_id = _scan(db, local_actor)
    other = _scan(db, local_actor, "andere scan")
    outcome = surveys.import_file(db, local_actor, scan_id, csv_bytes(google_rows(10)), "g.csv", code=False)
    interviewer = Actor("iris", "interviewer", frozenset({scan_id}))
    analyst_elsewhere = Actor("anna", "analyst", frozenset({other}))
    with pytest.raises(PermissionDenied):
        surveys.import_file(db, interviewer, scan_id, csv_bytes(google_rows(10)), "g.csv")
    with pytest.raises(PermissionDenied):
        surveys.load_survey(db, analyst_elsewhere, outcome.survey_id)
    with pytest.raises(PermissionDenied):
        surveys.list_surveys(db, interviewer, scan_id)
    assert surveys.list_surveys(db, Actor("bob", "analyst", frozenset({scan_id})), scan_id)


def test_surveys_open_answers_become_quotable_fragments(db: Database, local_actor: Actor) -> None:
    scan_id = _scan(db, local_actor)
    outcome = surveys.import_file(db, local_actor, scan_id, demo_survey_csv(respondents=60), "demo.csv", code=False)
    assert outcome.open_answers > 0 and outcome.fragments >= outcome.open_answers
    with db.session() as session:
        container = session.scalars(select(s.Interview).where(s.Interview.kind == "enquete")).one()
        turn = session.scalars(select(s.Turn).where(s.Turn.interview_id == container.id)).first()
        assert turn is not None and turn.speaker_label.startswith("E") and turn.respondent_id is None
        fragment = session.scalars(select(s.Fragment).where(s.Fragment.interview_id == container.id)).first()
        assert fragment is not None
        code = session.scalars(select(s.Code).where(s.Code.code == "BEW")).first()
        assert code is not None
        session.add(s.Coding(fragment_id=fragment.id, code_id=code.id, status="accepted", source="manual"))
        fragment_id = fragment.id
    quotes.add_quote(db, local_actor, fragment_id, "BEW")
    views = quotes.list_quotes(db, local_actor, scan_id)
    assert views and views[0].citation.endswith("(respondent uit de enquête).")
    assert not [i for i in list_interviews(db, local_actor, scan_id) if surveys.is_interview(i)]


def test_surveys_mapping_is_checked_and_logged(db: Database, local_actor: Actor) -> None:
    scan_id = _scan(db, local_actor)
    outcome = surveys.import_file(db, local_actor, scan_id, csv_bytes(google_rows(10)), "g.csv", code=False)
    code = surveys.load_survey(db, local_actor, outcome.survey_id).questions[0].code
    surveys.set_mapping(db, local_actor, outcome.survey_id, code, pillar="INT", theme="INT.veilige_cultuur")
    assert surveys.load_survey(db, local_actor, outcome.survey_id).questions[0].theme == "INT.veilige_cultuur"
    with pytest.raises(InputError):
        surveys.set_mapping(db, local_actor, outcome.survey_id, code, pillar="BEW", theme="INT.veilige_cultuur")


def test_surveys_review_context_names_the_survey_question(db: Database, local_actor: Actor) -> None:
    scan_id = _scan(db, local_actor)
    surveys.import_file(db, local_actor, scan_id, demo_survey_csv(respondents=60), "demo.csv", code=False)
    with db.session() as session:
        turn_ids = list(session.scalars(select(s.Turn.id)))
        context = surveys.survey_context(session, turn_ids)
    assert set(context) == set(turn_ids)
    assert all(text.startswith("Enquête: Kunt u toelichten wat volgens u nodig is") for text in context.values())


def test_surveys_review_desk_shows_the_survey_question_as_context(db: Database, local_actor: Actor) -> None:
    from models.review_filters import ReviewFilters
    from models.review_queue import queue

    scan_id = _scan(db, local_actor)
    outcome = surveys.import_file(db, local_actor, scan_id, demo_survey_csv(respondents=60), "demo.csv", code=False)
    info = surveys.get_survey(db, local_actor, outcome.survey_id)
    assert info.interview_id is not None
    cards, total = queue(db, local_actor, scan_id, filters=ReviewFilters(interview_id=info.interview_id), limit=5)
    assert total == outcome.fragments and cards
    for card in cards:
        assert card.question is not None and card.question.startswith("Enquête: Kunt u toelichten")
        assert card.before is None and card.after is None  # no other respondent's answer as context
        assert card.respondent.startswith("E0")
