"""Errors a user reads: one family (WeerbaarError), Dutch messages, the standard exception kept."""

from __future__ import annotations

import pytest

from models.auth import Actor
from models.db import Database
from models.errors import InputError, NotFound, PermissionDenied
from models.interviews import get_interview
from models.scans import create_scan, get_scan
from tests.factories import new_interview
from texts import WeerbaarError

ADMIN = Actor("beheer", "admin")


def test_missing_scan_is_a_dutch_not_found_error(db: Database) -> None:
    with pytest.raises(NotFound) as raised:
        get_scan(db, ADMIN, 4711)
    assert isinstance(raised.value, WeerbaarError) and isinstance(raised.value, LookupError)
    assert raised.value.message() == "De scan (nummer 4711) bestaat niet (meer)."


def test_missing_interview_names_the_interview(db: Database) -> None:
    with pytest.raises(WeerbaarError, match="Het interview \\(nummer 99\\) bestaat niet"):
        get_interview(db, ADMIN, 99)


def test_input_error_keeps_its_dutch_sentence_as_message(db: Database) -> None:
    with pytest.raises(InputError) as raised:
        create_scan(db, ADMIN, name=" ", organisation="Gemeente Toets", kind="gemeente")
    assert isinstance(raised.value, ValueError)
    assert raised.value.message() == str(raised.value) == "Vul een naam en een organisatie in."


def test_permission_denied_is_a_dutch_weerbaar_error(db: Database) -> None:
    scan_id, _, _ = new_interview(db, scan_name="Rechten", organisation="Gemeente Toets")
    outsider = Actor("buiten", "analyst", frozenset({scan_id + 1}))
    with pytest.raises(PermissionDenied) as raised:
        get_scan(db, outsider, scan_id)
    assert isinstance(raised.value, PermissionError) and isinstance(raised.value, WeerbaarError)
    assert raised.value.message() == "U bent niet toegewezen aan deze scan en mag hier niet deze scan bekijken."
    with pytest.raises(PermissionDenied, match="Met de rol 'interviewer' mag u niet een scan aanmaken."):
        create_scan(db, Actor("ina", "interviewer"), name="X", organisation="Y", kind="gemeente")


def test_services_asked_for_a_missing_scan_raise_the_dutch_not_found(db: Database) -> None:
    from models import exports, quotes, refiqda, survey_analysis, surveys
    from models.report_generated import scan_facts

    calls = {
        "export": lambda: exports.export(db, ADMIN, 4711, "csv"),
        "qdpx": lambda: refiqda.export_qdpx(db, ADMIN, 4711),
        "quotes": lambda: quotes.list_quotes(db, ADMIN, 4711),
        "citation style": lambda: quotes.set_citation_style(db, ADMIN, 4711, "role"),
        "report facts": lambda: scan_facts(db, ADMIN, 4711),
        "survey codes": lambda: survey_analysis.code_names(db, ADMIN, 4711),
        "survey import": lambda: surveys.import_file(db, ADMIN, 4711, b"a;b\n1;2\n", "x.csv", code=False),
    }
    for name, call in calls.items():
        with pytest.raises(NotFound) as raised:
            call()
        assert raised.value.message() == "De scan (nummer 4711) bestaat niet (meer).", name


def test_missing_quote_survey_and_question_get_dutch_messages(db: Database) -> None:
    from coding.survey.demo import demo_survey_csv
    from models import quotes, surveys

    for call in (
        lambda: quotes.get_quote(db, ADMIN, 77),
        lambda: quotes.remove_quote(db, ADMIN, 77),
        lambda: quotes.move_quote(db, ADMIN, 77, -1),
    ):
        with pytest.raises(NotFound, match=r"^Het citaat \(nummer 77\) bestaat niet \(meer\)\.$"):
            call()
    with pytest.raises(NotFound, match=r"^Het fragment \(nummer 78\) bestaat niet \(meer\)\.$"):
        quotes.add_quote(db, ADMIN, 78, "BEW")
    with pytest.raises(NotFound, match=r"^De enquête \(nummer 79\) bestaat niet \(meer\)\.$"):
        surveys.load_survey(db, ADMIN, 79)
    scan_id = create_scan(db, ADMIN, name="Enquête", organisation="Gemeente Toets", kind="gemeente")
    survey_id = surveys.import_file(db, ADMIN, scan_id, demo_survey_csv(), "demo.csv", code=False).survey_id
    with pytest.raises(NotFound, match=r"^De enquêtevraag 'Q_BESTAAT_NIET' bestaat niet \(meer\)\.$"):
        surveys.set_mapping(db, ADMIN, survey_id, "Q_BESTAAT_NIET", pillar="BEW", theme=None)
