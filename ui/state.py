"""Shared state of the pages: the database, the acting user, the chosen scan."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from models import schema as s
from models.auth import LOCAL, Actor
from models.db import Database, database_url
from models.scans import get_scan, list_scans
from models.startup import connect_database
from texts import WeerbaarError, t


@st.cache_resource(show_spinner=False)
def _connect(url: str) -> Database:
    return connect_database(url)


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
    scans = list_scans(db, actor)
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


def scan_or_stop(scan_id: int) -> s.Scan:
    """The chosen scan; when it is gone or not allowed, a Dutch message and the page stops."""
    try:
        return get_scan(get_db(), current_actor(), scan_id)
    except WeerbaarError as exc:
        st.error(exc.message())
        st.stop()


def chosen_scan_id() -> int:
    """The chosen scan's id; without any scan, a notice and the page stops."""
    scan_id = current_scan_id()
    if scan_id is None:
        st.info(t("scans.none"))
        st.stop()
    return scan_id


def progress_bar(text: str) -> tuple[Callable[[float, str], None], Callable[[], None]]:
    """A progress bar: the callback long services report to, and a function that removes the bar."""
    bar = st.progress(0.0, text=text)

    def report(fraction: float, message: str) -> None:
        bar.progress(min(fraction, 1.0), text=message)

    def remove() -> None:
        bar.empty()

    return report, remove
