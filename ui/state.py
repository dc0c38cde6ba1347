"""Shared state of the pages: the database, the acting user, the chosen scan."""

from __future__ import annotations

import streamlit as st

from models import store
from models.auth import LOCAL, Actor
from models.db import Database, database_url
from texts import t


@st.cache_resource(show_spinner=False)
def _connect(url: str) -> Database:
    return Database.connect(url)


def get_db() -> Database:
    """The process-wide database for the configured URL (migrated, defaults loaded)."""
    return _connect(database_url())


def current_actor() -> Actor:
    """The logged-in user, or the single local user when no users are configured.

    A page opened by its own address runs before ``app.py``'s login gate; when
    users are configured and nobody is logged in, it stops here with a notice
    instead of falling back to the local user.
    """
    actor = st.session_state.get("actor")
    if isinstance(actor, Actor) and actor is not LOCAL:
        return actor
    from models.users import users_configured

    if users_configured(get_db()):
        st.warning(t("auth.required"))
        st.stop()
    return LOCAL


def current_scan_id(*, sidebar: bool = True) -> int | None:
    """The scan the user works on, chosen in the sidebar and kept in the session."""
    db, actor = get_db(), current_actor()
    scans = store.list_scans(db, actor)
    if not scans:
        return None
    ids = [scan.id for scan in scans]
    names = {scan.id: f"{scan.name} — {scan.organisation}" for scan in scans}
    chosen = st.session_state.get("scan_id")
    if chosen not in ids:
        chosen = ids[0]
        st.session_state["scan_id"] = chosen
    if sidebar:
        st.sidebar.selectbox(
            "Scan",
            ids,
            format_func=names.__getitem__,
            key="scan_id",
        )
    return int(st.session_state["scan_id"])
