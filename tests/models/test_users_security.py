"""Passwords and logins: real characters, lockout that survives a restart, no passwords in the event log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from models import schema as s
from models import users
from models.auth import LOCAL
from models.db import Database
from models.errors import InputError
from models.startup import connect_database

PASSWORD = "lang-genoeg-wachtwoord"


@pytest.fixture
def admin(db: Database) -> str:
    users.create_user(db, LOCAL, "beheer", PASSWORD, "admin")
    return "beheer"


@pytest.mark.parametrize(
    "password", [" " * 10, " " * 40, "\t" * 12, "a b c d e f g h i", "\u00a0" * 12, "abc\u200b" * 3]
)
def test_users_password_needs_ten_real_characters(db, password):
    with pytest.raises(InputError, match="spaties tellen niet mee"):
        users.create_user(db, LOCAL, "beheer", password, "admin")


def test_users_password_with_inner_spaces_is_fine(db):
    users.create_user(db, LOCAL, "beheer", "correct paard batterij", "admin")
    assert users.authenticate(db, "beheer", "correct paard batterij") is not None


def test_users_five_failures_lock_even_the_right_password(db, admin):
    for _ in range(users.MAX_FAILED_LOGINS):
        assert users.authenticate(db, admin, "fout-wachtwoord") is None
    assert users.locked_until(db, admin) is not None
    assert users.authenticate(db, admin, PASSWORD) is None
    with db.session() as session:
        actions = list(session.scalars(select(s.Event.action).order_by(s.Event.id)))
        reasons = [e.after["reason"] for e in session.scalars(select(s.Event).where(s.Event.action == "login.failed"))]
    assert "login.locked" in actions
    assert reasons[-1] == "locked"


def test_users_lock_survives_a_restart(db_url):
    db = connect_database(db_url)
    users.create_user(db, LOCAL, "beheer", PASSWORD, "admin")
    for _ in range(users.MAX_FAILED_LOGINS):
        users.authenticate(db, "beheer", "fout")
    db.engine.dispose()
    again = connect_database(db_url)
    assert users.authenticate(again, "beheer", PASSWORD) is None
    assert users.locked_until(again, "beheer") is not None
    again.engine.dispose()


def test_users_lock_expires_and_success_resets_the_count(db, admin):
    for _ in range(users.MAX_FAILED_LOGINS):
        users.authenticate(db, admin, "fout")
    with db.session() as session:
        user = session.scalar(select(s.User).where(s.User.username == admin))
        user.locked_until = datetime.now(UTC) - timedelta(seconds=1)
    assert users.authenticate(db, admin, PASSWORD) is not None
    for _ in range(users.MAX_FAILED_LOGINS - 1):
        users.authenticate(db, admin, "fout")
    assert users.authenticate(db, admin, PASSWORD) is not None  # four failures do not lock


def test_users_admin_reset_lifts_the_lock(db, admin):
    for _ in range(users.MAX_FAILED_LOGINS):
        users.authenticate(db, admin, "fout")
    users.set_password(db, LOCAL, admin, "een-nieuw-wachtwoord")
    assert users.authenticate(db, admin, "een-nieuw-wachtwoord") is not None


def test_users_password_typed_as_user_name_never_logged(db, admin):
    secret = "Mijn-Geheime-Wachtwoord-2026"
    assert users.authenticate(db, secret, "") is None
    with db.session() as session:
        events = list(session.scalars(select(s.Event)))
    text = repr([(e.user, e.entity, e.before, e.after) for e in events])
    assert secret not in text and secret.lower() not in text.lower()
    failed = [e for e in events if e.action == "login.failed"]
    assert failed and failed[-1].user == users.UNKNOWN_USER
