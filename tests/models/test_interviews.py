"""Turns of an interview (models/interviews.py): tokens, corrections, empty answers, the plan by role."""

from __future__ import annotations

import pytest

from models.auth import LOCAL
from models.content import latest_guide
from models.db import Database
from models.errors import InputError
from models.events import list_events
from models.fragments import list_fragments
from models.interviews import (
    add_turn,
    get_interview,
    list_turns,
    set_interview_status,
    update_turn,
)
from models.scans import add_respondent
from tests.factories import new_interview


def _interview(db: Database) -> tuple[int, int, int]:
    return new_interview(
        db, scan_name="S", organisation="Provincie Toets", kind="provincie", role="jurist",
        real_name="Geheime Naam", title="Gesprek jurist", date="2026-01-05",
    )  # fmt: skip


def test_store_turn_with_same_token_is_stored_once(db: Database) -> None:
    _, respondent_id, interview_id = _interview(db)
    for _ in range(3):
        add_turn(
            db,
            LOCAL,
            interview_id,
            kind="answer",
            text="Eén keer.",
            speaker_role="respondent",
            respondent_id=respondent_id,
            client_token="abc",
        )
    assert [t.text for t in list_turns(db, interview_id)] == ["Eén keer."]


def test_store_update_turn_keeps_original_in_event_log_and_resegments(db: Database) -> None:
    _, respondent_id, interview_id = _interview(db)
    turn = add_turn(
        db,
        LOCAL,
        interview_id,
        kind="answer",
        speaker_role="respondent",
        respondent_id=respondent_id,
        text="We hebben geen meldpunt. Signalen komen bij de leidinggevende terecht.",
    )
    set_interview_status(db, LOCAL, interview_id, "afgerond")
    before = {f.text for f in list_fragments(db, interview_id)}
    other = add_respondent(db, LOCAL, get_interview(db, LOCAL, interview_id).scan_id, role="jurist")
    update_turn(db, LOCAL, turn.id, text="We hebben sinds kort een intern meldpunt.", respondent_id=other.id)
    (event,) = list_events(db, LOCAL, entity="turn", entity_id=turn.id)
    assert event.before == {"text": turn.text, "respondent_id": respondent_id}
    assert event.after["respondent_id"] == other.id
    after = {f.text for f in list_fragments(db, interview_id)}
    assert after == {"We hebben sinds kort een intern meldpunt."} and after != before


def test_store_empty_answer_is_refused_and_nothing_stored(db: Database) -> None:
    _, respondent_id, interview_id = _interview(db)
    with pytest.raises(InputError, match="leeg antwoord"):
        add_turn(
            db, LOCAL, interview_id, kind="answer", text=" \n", speaker_role="respondent", respondent_id=respondent_id
        )
    assert list_turns(db, interview_id) == []


def test_store_plan_is_tailored_by_role(db: Database) -> None:
    _, guide = latest_guide(db)
    deep_bel = [q for q in guide.questions if q.pillar == "BEL" and not q.is_core]
    assert deep_bel, "the shipped guide has deeper BEL questions for some roles"
    role = deep_bel[0].roles[0]
    assert deep_bel[0].id in guide.plan_for([role])
    assert deep_bel[0].id not in guide.plan_for(["medewerker communicatie"])
