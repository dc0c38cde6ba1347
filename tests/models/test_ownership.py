"""Ownership and sensitive fields: interviewers touch only their own interviews; consent and real names.

Holes 1, 8 and 9 of issue 13: the event log of another scan, interviewers changing each other's
interviews in a shared scan, and consent and real names changed by an interviewer.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import events, interviews, scans
from models import schema as s
from models.auth import LOCAL, Actor, PermissionDenied
from models.db import Database


@pytest.fixture
def shared(db: Database) -> dict[str, object]:
    scan_id = scans.create_scan(db, LOCAL, name="Gedeeld", organisation="Gemeente Gedeeld", kind="gemeente")
    other_scan = scans.create_scan(db, LOCAL, name="Ander", organisation="Gemeente Ander", kind="gemeente")
    assigned = frozenset({scan_id})
    owner = Actor(username="ingrid", role="interviewer", scan_ids=assigned)
    colleague = Actor(username="ivo", role="interviewer", scan_ids=assigned)
    analyst = Actor(username="anna", role="analyst", scan_ids=assigned)
    person = scans.add_respondent(db, LOCAL, scan_id, role="beleidsadviseur", real_name="Piet de Boer")
    interview_id = interviews.create_interview(
        db,
        owner,
        scan_id,
        title="Gesprek van Ingrid",
        kind="individueel",
        date="2025-01-01",
        interviewer="Ingrid",
        participant_ids=[person.id],
    )
    turn = interviews.add_turn(
        db,
        owner,
        interview_id,
        kind="answer",
        text="Het RIEC helpt ons.",
        speaker_role="respondent",
        respondent_id=person.id,
    )
    # scan 2 has a corrected turn: its original text sits in the event log
    other_person = scans.add_respondent(db, LOCAL, other_scan, role="jurist")
    other_interview = interviews.create_interview(
        db,
        LOCAL,
        other_scan,
        title="Ander gesprek",
        kind="individueel",
        date="2025-01-01",
        interviewer="x",
        participant_ids=[other_person.id],
    )
    other_turn = interviews.add_turn(
        db,
        LOCAL,
        other_interview,
        kind="answer",
        text="Geheim origineel van scan twee.",
        speaker_role="respondent",
        respondent_id=other_person.id,
    )
    interviews.update_turn(db, LOCAL, other_turn.id, text="Gecorrigeerd.")
    return {
        "scan_id": scan_id,
        "owner": owner,
        "colleague": colleague,
        "analyst": analyst,
        "respondent_id": person.id,
        "interview_id": interview_id,
        "turn_id": turn.id,
    }


def test_ownership_event_log_of_another_scan_never_reaches_an_interviewer(db, shared):
    for entity in (None, "turn", "interview", "respondent", "scan"):
        try:
            shown = events.list_events(db, shared["owner"], entity=entity)
        except PermissionDenied:
            continue
        text = repr([(e.entity, e.before, e.after) for e in shown])
        assert "Geheim origineel" not in text, entity
        assert all(e.scan_id == shared["scan_id"] for e in shown), entity


WRITES = {
    "add_turn": lambda db, a, x: interviews.add_turn(
        db,
        a,
        x["interview_id"],
        kind="answer",
        text="Ingebroken.",
        speaker_role="respondent",
        respondent_id=x["respondent_id"],
    ),
    "update_turn": lambda db, a, x: interviews.update_turn(db, a, x["turn_id"], text="Veranderd door een ander."),
    "set_interview_status": lambda db, a, x: interviews.set_interview_status(db, a, x["interview_id"], "gepauzeerd"),
    "set_skipped_themes": lambda db, a, x: interviews.set_skipped_themes(
        db, a, x["interview_id"], ["BEW.bewustwording"]
    ),
    "update_plan": lambda db, a, x: interviews.update_plan(db, a, x["interview_id"], []),
    "set_quote_marked": lambda db, a, x: interviews.set_quote_marked(db, a, x["turn_id"], True),
    "get_interview": lambda db, a, x: interviews.get_interview(db, a, x["interview_id"]),
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_ownership_colleague_interviewer_is_refused(db, shared, name):
    with pytest.raises(PermissionDenied):
        WRITES[name](db, shared["colleague"], shared)


@pytest.mark.parametrize("name", ["update_turn", "set_interview_status", "set_quote_marked", "get_interview"])
def test_ownership_owner_and_analyst_may(db, shared, name):
    WRITES[name](db, shared["owner"], shared)
    WRITES[name](db, shared["analyst"], shared)


def test_ownership_colleague_cannot_use_the_interview_flow(db, shared):
    from models import interview_service

    run = interview_service.open_run(db, shared["owner"], shared["interview_id"])
    with pytest.raises(PermissionDenied):
        interview_service.open_run(db, shared["colleague"], shared["interview_id"])
    with pytest.raises(PermissionDenied):
        interview_service.answer(db, shared["colleague"], run, "Ingebroken.", respondent_id=shared["respondent_id"])
    with pytest.raises(PermissionDenied):
        interview_service.go_back(db, shared["colleague"], run)


def test_ownership_consent_only_by_analyst_or_admin(db, shared):
    with pytest.raises(PermissionDenied):
        scans.update_respondent(db, shared["owner"], shared["respondent_id"], consent="nee")
    scans.update_respondent(db, shared["owner"], shared["respondent_id"], role="teamleider")  # role is fine
    scans.update_respondent(db, shared["analyst"], shared["respondent_id"], consent="anoniem")
    with db.session() as session:
        assert session.get(s.Respondent, shared["respondent_id"]).consent == "anoniem"


def test_ownership_real_name_only_by_admin_and_logged_without_the_name(db, shared):
    for actor in (shared["owner"], shared["analyst"]):
        with pytest.raises(PermissionDenied):
            scans.update_respondent(db, actor, shared["respondent_id"], real_name="Jan Jansen")
    admin = Actor(username="beheer", role="admin")
    scans.update_respondent(db, admin, shared["respondent_id"], real_name="Jan Jansen")
    with db.session() as session:
        assert session.get(s.Respondent, shared["respondent_id"]).real_name == "Jan Jansen"
        events = list(
            session.scalars(
                select(s.Event).where(s.Event.entity == "respondent", s.Event.entity_id == shared["respondent_id"])
            )
        )
    changed = [e for e in events if e.user == "beheer"]
    assert changed, "the real-name change is in the event log"
    assert any("real_name" in (e.after or {}) for e in changed)
    text = repr([(e.before, e.after) for e in events])
    assert "Jan Jansen" not in text and "Piet de Boer" not in text


def test_ownership_interviewer_cannot_add_a_respondent_with_a_real_name(db, shared):
    with pytest.raises(PermissionDenied):
        scans.add_respondent(db, shared["owner"], shared["scan_id"], role="jurist", real_name="Kees Kok")
    scans.add_respondent(db, shared["owner"], shared["scan_id"], role="jurist")
