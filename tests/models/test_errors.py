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
