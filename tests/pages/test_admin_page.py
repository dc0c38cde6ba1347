"""The Beheer page and the login gate in AppTest.

pages/admin.py as an admin: create a user through the form (stored with an
argon2id hash and its role), the event log table, a backup through the page
button (file on disk, mode 0600); as an interviewer or analyst: a refusal and
no user table. ui/auth.py's login gate through app.py: with a user configured
the login form shows; a wrong password gives the Dutch error and a
``login.failed`` event; the right password logs in.
"""

from __future__ import annotations

import re
import stat
import time
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from models import schema as s
from models import users
from models.auth import LOCAL, Actor
from models.db import Database
from texts import t

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PAGE = str(ROOT / "pages" / "admin.py")
APP = str(ROOT / "app.py")
TIMEOUT = 60
ADMIN, ADMIN_PASSWORD = "beheer", "beheer-wachtwoord-123"


@pytest.fixture
def admin(db: Database) -> Actor:
    """The first user, an admin (users are now configured: every page asks for a login)."""
    users.create_user(db, LOCAL, ADMIN, ADMIN_PASSWORD, "admin")
    return users.actor_for(db, ADMIN)


def admin_page(actor: Actor | None) -> AppTest:
    """pages/admin.py run once, with ``actor`` logged in (or nobody)."""
    at = AppTest.from_file(ADMIN_PAGE, default_timeout=TIMEOUT)
    if actor is not None:
        at.session_state["actor"] = actor
        at.session_state["auth_last_activity"] = time.time()
    return at.run()


def submit(at: AppTest, label: str) -> AppTest:
    """Click the form submit button labelled ``label`` and rerun."""
    buttons = [button for button in at.button if button.label == label]
    assert len(buttons) == 1, [button.label for button in at.button]
    return buttons[0].click().run()


def stored_user(db: Database, username: str) -> s.User | None:
    with db.session() as session:
        return session.scalar(select(s.User).where(s.User.username == username))


def events(db: Database, action: str) -> list[s.Event]:
    with db.session() as session:
        return list(session.scalars(select(s.Event).where(s.Event.action == action).order_by(s.Event.id)))


def frame_with_column(at: AppTest, column: str):  # type: ignore[no-untyped-def]
    """The one dataframe on the page with a column named ``column``."""
    frames = [frame.value for frame in at.dataframe if column in frame.value.columns]
    assert len(frames) == 1, [list(frame.value.columns) for frame in at.dataframe]
    return frames[0]


# --- the admin page ------------------------------------------------------------------------
def test_admin_page_creates_user_with_argon2_hash_and_role(db: Database, admin: Actor) -> None:
    at = admin_page(admin)
    assert not at.exception, at.exception
    assert at.title[0].value == t("admin.title")
    assert [tab.label for tab in at.tabs] == [t("admin.tab.users"), t("admin.tab.events"), t("admin.tab.backup")]
    assert list(frame_with_column(at, t("admin.users.col.username"))[t("admin.users.col.username")]) == [ADMIN]

    at.text_input(key="admin_new_username").input("analist.anna")
    at.text_input(key="admin_new_display").input("Anna Analist")
    at.text_input(key="admin_new_password").input("anna-wachtwoord-456")
    at.selectbox(key="admin_new_role").set_value("analyst")
    submit(at, t("admin.users.create"))
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]

    user = stored_user(db, "analist.anna")
    assert user is not None
    assert user.role == "analyst"
    assert user.display_name == "Anna Analist"
    assert user.active
    assert user.password_hash.startswith("$argon2id$")
    assert "anna-wachtwoord-456" not in user.password_hash
    assert PasswordHasher().verify(user.password_hash, "anna-wachtwoord-456")
    logged_in = users.authenticate(db, "analist.anna", "anna-wachtwoord-456")
    assert logged_in is not None and logged_in.role == "analyst"
    (created,) = events(db, "user.create")[1:]  # the first is the admin's own account
    assert created.user == ADMIN
    assert created.after == {"username": "analist.anna", "role": "analyst"}

    table = frame_with_column(at, t("admin.users.col.username"))  # the rerun shows the new user
    rows = dict(zip(table[t("admin.users.col.username")], table[t("admin.users.col.role")], strict=True))
    assert rows == {ADMIN: t("role.admin"), "analist.anna": t("role.analyst")}


def test_admin_page_refuses_a_short_password_in_dutch(db: Database, admin: Actor) -> None:
    at = admin_page(admin)
    at.text_input(key="admin_new_username").input("kort")
    at.text_input(key="admin_new_password").input("kort")
    at.selectbox(key="admin_new_role").set_value("interviewer")
    submit(at, t("admin.users.create"))
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [t("users.error.password_short", n=users.MIN_PASSWORD_CHARS)]
    assert stored_user(db, "kort") is None


def test_admin_page_shows_the_event_log(db: Database, admin: Actor) -> None:
    assert users.authenticate(db, ADMIN, "niet-het-wachtwoord") is None
    at = admin_page(admin)
    assert not at.exception, at.exception
    log = frame_with_column(at, t("admin.events.col.action"))
    assert list(log.columns) == [
        t(f"admin.events.col.{c}")
        for c in ("at", "user", "action", "entity", "entity_id", "scan_id", "before", "after")
    ]
    actions = list(log[t("admin.events.col.action")])
    assert actions[0] == "login.failed"  # newest first
    moments = list(log[t("admin.events.col.at")])
    assert all(re.fullmatch(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", moment) for moment in moments), moments[:3]
    assert "user.create" in actions
    assert t("admin.events.none") not in [i.value for i in at.info]

    at.selectbox(key="admin_events_action").set_value("login.failed").run()
    assert list(frame_with_column(at, t("admin.events.col.action"))[t("admin.events.col.action")]) == ["login.failed"]


def test_admin_page_makes_an_owner_only_backup(db: Database, admin: Actor, tmp_path: Path) -> None:
    at = admin_page(admin)
    assert t("admin.backup.none") in [m.value for m in at.markdown]
    at.button(key="admin_backup_make").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]

    path = Path(at.session_state["admin_backup_last"])
    assert path.exists()
    assert path.parent == tmp_path / "backups"  # WEERBAAR_DATA_DIR is tmp_path (the db fixture)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    header = b"SQLite format 3\x00" if db.is_sqlite else b"PGDMP"  # pg_dump's custom format on PostgreSQL
    assert path.read_bytes().startswith(header)
    assert at.success[0].value == t("admin.backup.made", path=str(path))
    assert list(frame_with_column(at, "bestand")["bestand"]) == [path.name]
    (event,) = events(db, "backup.create")
    assert event.user == ADMIN
    assert event.after == {"file": path.name}


@pytest.mark.parametrize("role", ["interviewer", "analyst"])
def test_admin_page_refuses_non_admins(db: Database, admin: Actor, role: str) -> None:
    users.create_user(db, admin, f"gewoon.{role}", "gewoon-wachtwoord-789", role)
    at = admin_page(users.actor_for(db, f"gewoon.{role}"))
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [t("admin.denied")]
    assert not at.dataframe  # no user table, no event log
    assert not at.tabs
    assert not at.text_input  # no new-user form
    assert not [b for b in at.button if b.key == "admin_backup_make"]


def test_admin_page_needs_a_login_when_users_exist(db: Database, admin: Actor) -> None:
    at = admin_page(None)
    assert not at.exception, at.exception
    assert [w.value for w in at.warning] == [t("auth.required")]
    assert not at.dataframe
    assert not at.tabs


# --- the login gate (ui/auth.py through app.py) -----------------------------------------------
def app_login(username: str, password: str) -> AppTest:
    """app.py with users configured: fill in the login form and submit it."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    at.text_input(key="auth_username").input(username)
    at.text_input(key="auth_password").input(password)
    return submit(at, t("auth.submit"))


def test_login_gate_shows_the_login_form(db: Database, admin: Actor) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == [t("auth.title")]
    assert at.text_input(key="auth_username").label == t("auth.username")
    assert at.text_input(key="auth_password").label == t("auth.password")
    assert [b.label for b in at.button] == [t("auth.submit")]
    assert "actor" not in at.session_state
    assert not at.dataframe


def test_login_gate_wrong_password(db: Database, admin: Actor) -> None:
    at = app_login(ADMIN, "helemaal-verkeerd")
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [t("auth.failed")]
    assert at.error[0].value == "Onbekende gebruikersnaam of onjuist wachtwoord."
    assert "actor" not in at.session_state
    assert [title.value for title in at.title] == [t("auth.title")]
    (failed,) = events(db, "login.failed")
    assert failed.user == ADMIN
    assert failed.after == {"reason": "password"}
    assert "helemaal-verkeerd" not in str(failed.after)
    assert events(db, "login") == []


def test_login_gate_unknown_user(db: Database, admin: Actor) -> None:
    at = app_login("niemand", ADMIN_PASSWORD)
    assert [e.value for e in at.error] == [t("auth.failed")]  # the same message: no hint that the user is unknown
    (failed,) = events(db, "login.failed")
    assert failed.after == {"reason": "unknown"}


def test_login_gate_right_password_logs_in(db: Database, admin: Actor) -> None:
    at = app_login(ADMIN, ADMIN_PASSWORD)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    actor = at.session_state["actor"]
    assert isinstance(actor, Actor)
    assert actor.username == ADMIN
    assert actor.role == "admin"
    assert isinstance(at.session_state["auth_last_activity"], float)
    assert t("auth.title") not in [title.value for title in at.title]  # the start page, not the login form
    assert any(ADMIN in c.value for c in at.sidebar.caption)  # "Ingelogd als **beheer** (Beheerder)"
    assert [b.label for b in at.sidebar.button if b.key == "auth_logout"] == [t("auth.logout")]
    (login,) = events(db, "login")
    assert login.user == ADMIN
    assert login.after == {"method": "password"}
