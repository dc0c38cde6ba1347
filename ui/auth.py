"""The login gate in front of every page.

Without configured users the app runs in single-user mode as
:data:`models.auth.LOCAL`. As soon as an admin has created users, every page
asks for a login first; the :class:`~models.auth.Actor` lives in
``st.session_state["actor"]``, is re-read from the database on every run (so a
changed role or a deactivation takes effect at once) and expires after
``WEERBAAR_SESSION_MINUTES`` (default 30) minutes without activity.

Optional single sign-on: when ``.streamlit/secrets.toml`` has an ``[auth]``
section, the login screen also offers "Inloggen met uw organisatie-account"
(``st.login``, OpenID Connect). The e-mail address the provider returns must be
the username of an active Weerbaar user; the role still comes from Weerbaar.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from models import users
from models.auth import LOCAL, Actor
from texts import WeerbaarError, t
from ui.state import get_db

PAGES = Path(__file__).resolve().parent.parent / "pages"
DEFAULT_SESSION_MINUTES = 30
ACTOR_KEY = "actor"
ACTIVITY_KEY = "auth_last_activity"
NOTICE_KEY = "auth_notice"


def session_minutes() -> int:
    """Minutes of inactivity after which a session expires (``WEERBAAR_SESSION_MINUTES``)."""
    try:
        return max(1, int(os.environ.get("WEERBAAR_SESSION_MINUTES", DEFAULT_SESSION_MINUTES)))
    except ValueError:
        return DEFAULT_SESSION_MINUTES


def _auth_secrets() -> Mapping[str, Any] | None:
    """The ``[auth]`` section of ``secrets.toml``, or None when single sign-on is not set up."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets.toml at all
        return None
    return section if isinstance(section, Mapping) and section else None


def _sso_logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:
        return False


def _sso_login(section: Mapping[str, Any]) -> None:
    """Start ``st.login`` with the one named provider, or the default ``[auth]`` provider."""
    providers = [name for name, value in section.items() if isinstance(value, Mapping)]
    if "client_id" not in section and providers:
        st.login(providers[0])
    else:
        st.login()


def _clear(reason: str) -> None:
    actor = st.session_state.pop(ACTOR_KEY, None)
    st.session_state.pop(ACTIVITY_KEY, None)
    if isinstance(actor, Actor):
        users.record_logout(get_db(), actor, reason=reason)


def _start_session(actor: Actor, method: str) -> None:
    st.session_state[ACTOR_KEY] = actor
    st.session_state[ACTIVITY_KEY] = time.time()
    st.session_state.pop(NOTICE_KEY, None)
    if method != "password":  # password logins are logged by users.authenticate
        users.record_login(get_db(), actor, method=method)


def _current_session() -> Actor | None:
    """The logged-in actor, fresh from the database; None when absent, expired or deactivated."""
    actor = st.session_state.get(ACTOR_KEY)
    if not isinstance(actor, Actor) or actor is LOCAL:
        return None
    last = st.session_state.get(ACTIVITY_KEY)
    minutes = session_minutes()
    if not isinstance(last, float | int) or time.time() - float(last) > minutes * 60:
        _clear("expired")
        st.session_state[NOTICE_KEY] = t("auth.expired", minutes=minutes)
        if _sso_logged_in():
            st.logout()
        return None
    try:
        fresh = users.actor_for(get_db(), actor.username)
    except WeerbaarError:
        _clear("deactivated")
        return None
    st.session_state[ACTOR_KEY] = fresh
    st.session_state[ACTIVITY_KEY] = time.time()
    return fresh


def _sidebar(actor: Actor) -> None:
    with st.sidebar:
        st.caption(t("auth.logged_in_as", username=actor.username, role=t(f"role.{actor.role}")))
        if st.button(t("auth.logout"), key="auth_logout"):
            _clear("logout")
            if _sso_logged_in():
                st.logout()
            st.rerun()


def _login_screen() -> None:
    st.title(t("auth.title"))
    notice = st.session_state.get(NOTICE_KEY)
    if notice:
        st.warning(notice)
    st.write(t("auth.intro"))
    section = _auth_secrets()
    if section is not None:
        if _sso_logged_in():
            email = str(getattr(st.user, "email", "") or "")
            username = users.username_for_email(get_db(), email)
            if username is not None:
                _start_session(users.actor_for(get_db(), username), "oidc")
                st.rerun()
            st.error(t("auth.sso_unknown", email=email or "?"))
            if st.button(t("auth.logout"), key="auth_sso_logout"):
                st.logout()
        elif st.button(t("auth.sso"), key="auth_sso", type="primary"):
            _sso_login(section)
        st.caption(t("auth.sso_or"))
    with st.form("auth_form"):
        username = st.text_input(t("auth.username"), key="auth_username", autocomplete="username")
        password = st.text_input(
            t("auth.password"), type="password", key="auth_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("auth.submit"), type="primary")
    if submitted:
        actor = users.authenticate(get_db(), username, password)
        if actor is None:
            st.error(t("auth.failed"))
        else:
            _start_session(actor, "password")
            st.rerun()


def login_gate() -> Actor | None:
    """Decide who is using the app; None means "stop rendering, the login screen is shown".

    Without configured users: :data:`LOCAL` (single-user mode). With users: the
    logged-in :class:`Actor` (and a logout button in the sidebar), or the
    login screen and None.
    """
    db = get_db()
    if not users.users_configured(db):
        if st.session_state.get(ACTOR_KEY) not in (None, LOCAL):
            st.session_state.pop(ACTOR_KEY, None)
        return LOCAL
    actor = _current_session()
    if actor is not None:
        _sidebar(actor)
        return actor
    # A navigation with only the login page: without any st.navigation call Streamlit
    # would fall back to serving the files in pages/ directly, past this gate.
    # Every page's address shows the login screen, so a reload lands back on that page after login.
    login = [st.Page(_login_screen, title=t("auth.title"), url_path="inloggen", default=True)]
    login += [
        st.Page(_login_screen, title=t("auth.title"), url_path=path.stem)
        for path in sorted(PAGES.glob("*.py"))
        if path.stem not in ("start", "inloggen") and not path.stem.startswith("_")
    ]
    st.navigation(login, position="hidden").run()
    return None


def mode_notice() -> str:
    """One sentence for the start page: single-user mode, or who is logged in."""
    if not users.users_configured(get_db()):
        return t("auth.mode.single")
    actor = st.session_state.get(ACTOR_KEY)
    if isinstance(actor, Actor):
        return t("auth.mode.team", username=actor.username, role=t(f"role.{actor.role}"))
    return t("auth.intro")
