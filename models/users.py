"""Users, roles and logins.

Without configured users the app runs as the single local user
(:data:`models.auth.LOCAL`). Once an admin creates users, every page asks for
a login. Passwords are stored as argon2id hashes (``argon2-cffi``); a hash made
with older parameters is upgraded at the next successful login. Logins and
failed logins are written to the event log, never with the password.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import schema as s
from models.auth import ROLES, Actor
from models.db import Database
from models.errors import InputError
from models.events import record_event
from texts import t

log = logging.getLogger(__name__)

MIN_PASSWORD_CHARS = 10
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9._@+-]{2,100}$")

hasher = PasswordHasher()  # argon2id with argon2-cffi's RFC 9106 low-memory defaults
# verified against when the username is unknown, so a miss costs as much as a hit
_DUMMY_HASH = hasher.hash("weerbaar-dummy-password")


@dataclass(frozen=True)
class UserInfo:
    """A user as the admin screen shows it (no hash)."""

    id: int
    username: str
    display_name: str
    role: str
    active: bool
    scan_ids: tuple[int, ...]


def _system(username: str) -> Actor:
    """The actor recorded for a login attempt (before anyone is logged in)."""
    return Actor(username=username[:100], role="")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise InputError(t("users.error.password_short", n=MIN_PASSWORD_CHARS))


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError(t("users.error.role", roles=", ".join(ROLES)))


def _get(session: Session, username: str) -> s.User:
    user = session.scalar(select(s.User).where(func.lower(s.User.username) == username.strip().lower()))
    if user is None:
        raise InputError(t("users.error.unknown", username=username))
    return user


def users_configured(db: Database) -> bool:
    """Whether any active user exists (then every page requires a login)."""
    with db.session() as session:
        return bool(session.scalar(select(func.count()).select_from(s.User).where(s.User.active.is_(True))))


def create_user(db: Database, actor: Actor, username: str, password: str, role: str, *, display_name: str = "") -> int:
    """Create a user; the first user must be an admin so nobody is locked out."""
    actor.require("users.manage")
    username = username.strip()
    if not USERNAME_PATTERN.match(username):
        raise InputError(t("users.error.username"))
    _check_role(role)
    _check_password(password)
    with db.session() as session:
        if session.scalar(select(s.User.id).where(func.lower(s.User.username) == username.lower())) is not None:
            raise InputError(t("users.error.exists", username=username))
        if role != "admin" and not session.scalar(
            select(func.count()).select_from(s.User).where(s.User.role == "admin", s.User.active.is_(True))
        ):
            raise InputError(t("users.error.first_admin"))
        user = s.User(
            username=username, display_name=display_name.strip(), password_hash=hasher.hash(password), role=role
        )
        session.add(user)
        session.flush()
        record_event(
            session, actor, "user.create", entity="user", entity_id=user.id, after={"username": username, "role": role}
        )
        return user.id


def set_password(db: Database, actor: Actor, username: str, password: str) -> None:
    """Reset a user's password (admin)."""
    actor.require("users.manage")
    _check_password(password)
    with db.session() as session:
        user = _get(session, username)
        user.password_hash = hasher.hash(password)
        record_event(session, actor, "user.password", entity="user", entity_id=user.id, after={"username": username})


def _active_admins(session: Session) -> int:
    count = session.scalar(
        select(func.count()).select_from(s.User).where(s.User.role == "admin", s.User.active.is_(True))
    )
    return int(count or 0)


def set_role(db: Database, actor: Actor, username: str, role: str) -> None:
    """Change a user's role; the last active admin keeps the admin role."""
    actor.require("users.manage")
    _check_role(role)
    with db.session() as session:
        user = _get(session, username)
        if user.role == role:
            return
        if user.role == "admin" and user.active and _active_admins(session) <= 1:
            raise InputError(t("users.error.last_admin"))
        before = user.role
        user.role = role
        record_event(
            session, actor, "user.role", entity="user", entity_id=user.id, before={"role": before}, after={"role": role}
        )


def deactivate(db: Database, actor: Actor, username: str, *, active: bool = False) -> None:
    """Deactivate (or, with ``active=True``, reactivate) a user; rows they made stay."""
    actor.require("users.manage")
    with db.session() as session:
        user = _get(session, username)
        if user.active == active:
            return
        if not active and user.role == "admin" and _active_admins(session) <= 1:
            raise InputError(t("users.error.last_admin"))
        user.active = active
        record_event(
            session,
            actor,
            "user.activate" if active else "user.deactivate",
            entity="user",
            entity_id=user.id,
            before={"active": not active},
            after={"active": active},
        )


def assign_scan(db: Database, actor: Actor, username: str, scan_id: int, *, assigned: bool = True) -> None:
    """Give a user access to a scan (or take it away with ``assigned=False``)."""
    actor.require("users.manage")
    with db.session() as session:
        user = _get(session, username)
        if session.get(s.Scan, scan_id) is None:
            raise InputError(t("users.error.scan", scan_id=scan_id))
        existing = session.get(s.ScanAssignment, (user.id, scan_id))
        if assigned and existing is None:
            session.add(s.ScanAssignment(user_id=user.id, scan_id=scan_id))
        elif not assigned and existing is not None:
            session.delete(existing)
        else:
            return
        record_event(
            session,
            actor,
            "user.assign" if assigned else "user.unassign",
            entity="user",
            entity_id=user.id,
            scan_id=scan_id,
            after={"username": user.username, "scan_id": scan_id},
        )


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    """All users with their assigned scans, by username."""
    actor.require("users.manage")
    with db.session() as session:
        assignments: dict[int, list[int]] = {}
        for row in session.scalars(select(s.ScanAssignment).order_by(s.ScanAssignment.scan_id)):
            assignments.setdefault(row.user_id, []).append(row.scan_id)
        return [
            UserInfo(
                id=user.id,
                username=user.username,
                display_name=user.display_name,
                role=user.role,
                active=user.active,
                scan_ids=tuple(assignments.get(user.id, [])),
            )
            for user in session.scalars(select(s.User).order_by(s.User.username))
        ]


def actor_for(db: Database, username: str) -> Actor:
    """The :class:`Actor` of an active user; admins see every scan (``scan_ids`` None)."""
    with db.session() as session:
        user = _get(session, username)
        if not user.active:
            raise InputError(t("users.error.inactive", username=username))
        scan_ids: frozenset[int] | None = None
        if user.role != "admin":
            scan_ids = frozenset(
                session.scalars(select(s.ScanAssignment.scan_id).where(s.ScanAssignment.user_id == user.id))
            )
        return Actor(username=user.username, role=user.role, scan_ids=scan_ids)


def username_for_email(db: Database, email: str) -> str | None:
    """The active user whose username is ``email`` (case-insensitive), for single sign-on."""
    email = (email or "").strip().lower()
    if not email:
        return None
    with db.session() as session:
        return session.scalar(
            select(s.User.username).where(func.lower(s.User.username) == email, s.User.active.is_(True))
        )


def record_login(db: Database, actor: Actor, *, method: str) -> None:
    """Log a successful login (password or single sign-on)."""
    with db.session() as session:
        record_event(session, actor, "login", entity="user", after={"method": method})


def record_logout(db: Database, actor: Actor, *, reason: str = "logout") -> None:
    """Log a logout or an expired session."""
    with db.session() as session:
        record_event(session, actor, "logout", entity="user", after={"reason": reason})


def authenticate(db: Database, username: str, password: str) -> Actor | None:
    """Check a username and password; the :class:`Actor` on success, else None.

    Both outcomes are logged as events (``login`` / ``login.failed``). A hash
    made with older argon2 parameters is replaced by a fresh one.
    """
    username = (username or "").strip()
    with db.session() as session:
        user = (
            session.scalar(select(s.User).where(func.lower(s.User.username) == username.lower())) if username else None
        )
        ok = False
        try:
            hasher.verify(user.password_hash if user is not None else _DUMMY_HASH, password or "")
            ok = user is not None and user.active
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if not ok or user is None:
            reason = "unknown" if user is None else ("inactive" if not user.active else "password")
            record_event(
                session,
                _system(username),
                "login.failed",
                entity="user",
                entity_id=user.id if user is not None else None,
                after={"reason": reason},
            )
            log.info("failed login for %r (%s)", username, reason)
            return None
        if hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hasher.hash(password)
        record_event(
            session, _system(user.username), "login", entity="user", entity_id=user.id, after={"method": "password"}
        )
        username = user.username
    return actor_for(db, username)


def event_rows(
    db: Database,
    actor: Actor,
    *,
    action: str | None = None,
    user: str | None = None,
    search: str = "",
    limit: int = 1000,
) -> list[dict[str, object]]:
    """The event log as plain rows for the admin screen and its CSV export, newest first.

    Args:
        action: only this action (``login.failed``, ``turn.edit``, …); a trailing ``.*`` matches a prefix.
        user: only this user.
        search: case-insensitive text to find in entity, before or after.
        limit: at most this many rows.
    """
    actor.require("events.view")
    with db.session() as session:
        query = select(s.Event).order_by(s.Event.id.desc())
        if action:
            if action.endswith(".*"):
                query = query.where(s.Event.action.startswith(action[:-1]))
            else:
                query = query.where(s.Event.action == action)
        if user:
            query = query.where(s.Event.user == user)
        needle = search.strip().lower()
        rows: list[dict[str, object]] = []
        for event in session.scalars(query.limit(limit if not needle else limit * 20)):
            row: dict[str, object] = {
                "id": event.id,
                "at": event.at.isoformat(timespec="seconds") if event.at else "",
                "user": event.user,
                "action": event.action,
                "entity": event.entity,
                "entity_id": event.entity_id,
                "scan_id": event.scan_id,
                "before": "" if event.before is None else json.dumps(event.before, ensure_ascii=False, default=str),
                "after": "" if event.after is None else json.dumps(event.after, ensure_ascii=False, default=str),
            }
            if needle and needle not in f"{row['entity']} {row['before']} {row['after']}".lower():
                continue
            rows.append(row)
            if len(rows) >= limit:
                break
        return rows


def event_filters(db: Database, actor: Actor) -> tuple[list[str], list[str]]:
    """The distinct actions and users in the event log, for the admin screen's filters."""
    actor.require("events.view")
    with db.session() as session:
        actions = list(session.scalars(select(s.Event.action).distinct().order_by(s.Event.action)))
        names = list(session.scalars(select(s.Event.user).distinct().order_by(s.Event.user)))
    return actions, names
