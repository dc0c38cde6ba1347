"""Users, logins and roles: enforced in the service layer, not only in the pages."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from models import schema as s
from models import users
from models.auth import LOCAL, Actor, PermissionDenied
from models.db import Database
from models.errors import InputError
from models.events import list_events
from models.interviews import add_turn, create_interview
from models.scans import add_respondent, create_scan, list_respondents, list_scans
from tests.factories import new_interview

PASSWORD = "correct-horse-battery"


@pytest.fixture
def team(db: Database) -> dict[str, int]:
    """An admin, an interviewer and an analyst; two scans; the interviewer and analyst on scan A only."""
    users.create_user(db, LOCAL, "beheer", PASSWORD, "admin")
    users.create_user(db, LOCAL, "ines", PASSWORD, "interviewer")
    users.create_user(db, LOCAL, "anna", PASSWORD, "analyst")
    scan_a = create_scan(db, LOCAL, name="Gemeente A", organisation="Gemeente A", kind="gemeente")
    scan_b = create_scan(db, LOCAL, name="Provincie B", organisation="Provincie B", kind="provincie")
    users.assign_scan(db, LOCAL, "ines", scan_a)
    users.assign_scan(db, LOCAL, "anna", scan_a)
    return {"a": scan_a, "b": scan_b}


def _interview(db: Database, scan_id: int) -> int:
    return new_interview(db, scan_id, interviewer="beheer")[2]


def _events(db: Database, action: str) -> list[s.Event]:
    with db.session() as session:
        return list(session.scalars(select(s.Event).where(s.Event.action == action).order_by(s.Event.id)))


def test_users_configured_only_after_first_user(db: Database) -> None:
    assert not users.users_configured(db)
    users.create_user(db, LOCAL, "beheer", PASSWORD, "admin")
    assert users.users_configured(db)


def test_users_password_stored_as_argon2id_not_plaintext(db: Database) -> None:
    users.create_user(db, LOCAL, "beheer", PASSWORD, "admin")
    with db.session() as session:
        stored = session.scalars(select(s.User.password_hash)).one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    with db.session() as session:
        for event in session.scalars(select(s.Event)):
            assert PASSWORD not in str(event.before) + str(event.after)


def test_users_authenticate_returns_actor_and_logs_login(db: Database, team: dict[str, int]) -> None:
    actor = users.authenticate(db, "Ines", PASSWORD)
    assert actor == Actor(username="ines", role="interviewer", scan_ids=frozenset({team["a"]}))
    assert [e.user for e in _events(db, "login")] == ["ines"]


def test_users_admin_actor_sees_all_scans(db: Database, team: dict[str, int]) -> None:
    assert users.actor_for(db, "beheer").scan_ids is None


@pytest.mark.parametrize(
    ("username", "password", "reason"),
    [("ines", "wrong-password!", "password"), ("nobody", PASSWORD, "unknown"), ("", "", "unknown")],
)
def test_users_failed_login_is_logged(
    db: Database, team: dict[str, int], username: str, password: str, reason: str
) -> None:
    assert users.authenticate(db, username, password) is None
    failed = _events(db, "login.failed")
    assert len(failed) == 1
    assert failed[0].after == {"reason": reason}
    assert not _events(db, "login")


def test_users_deactivated_user_cannot_log_in(db: Database, team: dict[str, int]) -> None:
    users.deactivate(db, LOCAL, "ines")
    assert users.authenticate(db, "ines", PASSWORD) is None
    assert _events(db, "login.failed")[0].after == {"reason": "inactive"}


def test_users_hash_upgraded_when_parameters_change(db: Database, team: dict[str, int]) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    with db.session() as session:
        session.scalars(select(s.User).where(s.User.username == "anna")).one().password_hash = weak
    assert users.authenticate(db, "anna", PASSWORD) is not None
    with db.session() as session:
        stored = session.scalars(select(s.User.password_hash).where(s.User.username == "anna")).one()
    assert stored != weak
    assert not users.hasher.check_needs_rehash(stored)


def test_users_production_hasher_is_argon2id_rfc9106() -> None:
    from argon2 import Type, profiles

    from models.users import PasswordHasher as Hasher

    production = Hasher()
    assert production.type is Type.ID
    assert production.memory_cost >= profiles.RFC_9106_LOW_MEMORY.memory_cost


def test_users_reset_password(db: Database, team: dict[str, int]) -> None:
    users.set_password(db, LOCAL, "anna", "een-nieuw-wachtwoord")
    assert users.authenticate(db, "anna", PASSWORD) is None
    assert users.authenticate(db, "anna", "een-nieuw-wachtwoord") is not None


def test_users_first_user_must_be_admin(db: Database) -> None:
    with pytest.raises(InputError, match="beheerder"):
        users.create_user(db, LOCAL, "ines", PASSWORD, "interviewer")


def test_users_last_admin_cannot_be_removed(db: Database, team: dict[str, int]) -> None:
    with pytest.raises(InputError, match="laatste"):
        users.deactivate(db, LOCAL, "beheer")
    with pytest.raises(InputError, match="laatste"):
        users.set_role(db, LOCAL, "beheer", "analyst")


@pytest.mark.parametrize("bad", ["kort", ""])
def test_users_short_password_refused(db: Database, bad: str) -> None:
    with pytest.raises(InputError):
        users.create_user(db, LOCAL, "beheer", bad, "admin")


@pytest.mark.parametrize("username", ["ines", "anna"])
def test_users_only_admin_manages_users(db: Database, team: dict[str, int], username: str) -> None:
    actor = users.actor_for(db, username)
    with pytest.raises(PermissionDenied):
        users.create_user(db, actor, "nieuw", PASSWORD, "analyst")
    with pytest.raises(PermissionDenied):
        users.list_users(db, actor)
    with pytest.raises(PermissionDenied):
        users.assign_scan(db, actor, username, team["b"])


@pytest.mark.parametrize("username", ["ines", "anna"])
def test_users_only_admin_creates_scans(db: Database, team: dict[str, int], username: str) -> None:
    with pytest.raises(PermissionDenied, match="Met de rol"):
        create_scan(db, users.actor_for(db, username), name="X", organisation="X", kind="gemeente")


def test_users_interviewer_cannot_export_or_code(db: Database, team: dict[str, int]) -> None:
    ines = users.actor_for(db, "ines")
    with pytest.raises(PermissionDenied):
        ines.require("export", team["a"])
    with pytest.raises(PermissionDenied):
        list_events(db, ines)


def test_users_interviewer_conducts_only_assigned_scans(db: Database, team: dict[str, int]) -> None:
    ines = users.actor_for(db, "ines")
    own = _interview(db, team["a"])
    other = _interview(db, team["b"])
    add_turn(db, ines, own, kind="answer", text="We screenen nieuwe medewerkers.", speaker_role="respondent")
    with pytest.raises(PermissionDenied, match="niet toegewezen"):
        add_turn(db, ines, other, kind="answer", text="Dit mag niet.", speaker_role="respondent")
    with pytest.raises(PermissionDenied):
        list_respondents(db, ines, team["b"])
    assert [scan.id for scan in list_scans(db, ines)] == [team["a"]]


def test_users_analyst_cannot_conduct_interviews(db: Database, team: dict[str, int]) -> None:
    anna = users.actor_for(db, "anna")
    scan_a = team["a"]
    respondent = add_respondent(db, LOCAL, scan_a, role="handhaver")
    with pytest.raises(PermissionDenied, match="interviews afnemen"):
        create_interview(
            db,
            anna,
            scan_a,
            title="Gesprek",
            kind="individueel",
            date="2025-01-01",
            interviewer="anna",
            participant_ids=[respondent.id],
        )
    interview_b = _interview(db, team["b"])
    with pytest.raises(PermissionDenied):
        add_turn(db, anna, interview_b, kind="answer", text="Niet mijn scan.", speaker_role="respondent")


def test_users_assignment_changes_actor(db: Database, team: dict[str, int]) -> None:
    users.assign_scan(db, LOCAL, "anna", team["b"])
    assert users.actor_for(db, "anna").scan_ids == frozenset({team["a"], team["b"]})
    users.assign_scan(db, LOCAL, "anna", team["a"], assigned=False)
    assert users.actor_for(db, "anna").scan_ids == frozenset({team["b"]})
    listed = {u.username: u for u in users.list_users(db, LOCAL)}
    assert listed["anna"].scan_ids == (team["b"],)
    assert listed["beheer"].role == "admin"


def test_users_username_for_email(db: Database) -> None:
    users.create_user(db, LOCAL, "J.Jansen@gemeente.nl", PASSWORD, "admin")
    assert users.username_for_email(db, "j.jansen@Gemeente.nl") == "J.Jansen@gemeente.nl"
    assert users.username_for_email(db, "iemand@elders.nl") is None
