"""Shared state of the pages: the database, the acting user, the chosen scan and interview.

The chosen scan and interview live in two places: the session (``scan_id`` and
``interview_id``, plain values, never widget keys, so a page switch cannot wipe
them) and the address bar (``?scan=…&interview=…``), so a reload or a new tab
opens the same scan and interview. The pickers are widgets with their own keys
that are filled from the session on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from models import schema as s
from models.auth import LOCAL, Actor
from models.db import Database, database_url
from models.scans import get_scan, list_scans
from models.startup import connect_database
from texts import WeerbaarError, t

SCAN_KEY, INTERVIEW_KEY = "scan_id", "interview_id"
PARAMS = {SCAN_KEY: "scan", INTERVIEW_KEY: "interview"}


@st.cache_resource(show_spinner=False)
def _connect(url: str) -> Database:
    return connect_database(url)


def get_db() -> Database:
    """The process-wide database for the configured URL (migrated, defaults loaded)."""
    from ui.nav import ensure_navigation_mode

    ensure_navigation_mode()  # every page starts here: a page's own address must still go through app.py
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


def _from_url(name: str) -> int | None:
    raw = st.query_params.get(PARAMS[name])
    return int(raw) if isinstance(raw, str) and raw.isdigit() else None


def chosen(name: str, ids: Sequence[int]) -> int | None:
    """The remembered choice for ``name`` (session first, then the address) if it is one of ``ids``."""
    remembered = st.session_state.get(name)
    if isinstance(remembered, int) and remembered in ids:
        return remembered
    value = _from_url(name)
    return value if value in ids else None


def remember(name: str, value: int | None) -> None:
    """Keep a choice in the session and in the address bar."""
    st.session_state[name] = value
    param = PARAMS[name]
    if value is None:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != str(value):
        st.query_params[param] = str(value)
    if name == SCAN_KEY and value is None:
        remember(INTERVIEW_KEY, None)


def sync_url() -> None:
    """Put the session's choices back in the address (a page switch drops the query string)."""
    for name in PARAMS:
        value = st.session_state.get(name)
        if value is None:
            value = _from_url(name)
            if value is not None:
                st.session_state[name] = value
        if value is not None:
            remember(name, int(value))


def _picker(
    name: str,
    label: str,
    ids: list[int],
    labels: Callable[[int], str],
    *,
    key: str,
    where: object,
    allow_none: bool,
) -> int | None:
    value = chosen(name, ids)
    if value is None and not allow_none and ids:
        value = ids[0]
    options: list[int | None] = [None, *ids] if allow_none else list(ids)
    st.session_state[key] = value

    def _changed() -> None:
        remember(name, st.session_state.get(key))

    container = where if where is not None else st
    container.selectbox(  # type: ignore[attr-defined]
        label,
        options,
        format_func=lambda i: t("state.choose") if i is None else labels(i),
        key=key,
        on_change=_changed,
        placeholder=t("state.choose"),
    )
    remember(name, value)
    return value


def current_scan_id(*, sidebar: bool = True) -> int | None:
    """The scan the user works on: chosen in the sidebar, kept in the session and the address."""
    db, actor = get_db(), current_actor()
    scans = list_scans(db, actor)
    if not scans:
        remember(SCAN_KEY, None)
        return None
    names = {scan.id: f"{scan.name} — {scan.organisation}" for scan in scans}
    ids = list(names)
    if not sidebar:
        first = chosen(SCAN_KEY, ids) or ids[0]
        remember(SCAN_KEY, first)
        return first
    value = _picker(
        SCAN_KEY, t("state.scan"), ids, names.__getitem__, key="state_scan_picker", where=st.sidebar, allow_none=False
    )
    if value != st.session_state.get("state_interview_scan"):
        # a different scan: an interview of the previous one no longer applies
        if st.session_state.get("state_interview_scan") is not None:
            remember(INTERVIEW_KEY, None)
        st.session_state["state_interview_scan"] = value
    return value


def current_interview_id(
    interviews: Sequence[object],
    *,
    sidebar: bool = False,
    allow_none: bool = False,
    key: str = "state_interview_picker",
) -> int | None:
    """The interview the user works on among ``interviews`` (objects with ``id`` and ``title``)."""
    titles = {int(i.id): str(i.title) for i in interviews}  # type: ignore[attr-defined]
    if not titles:
        return None
    return _picker(
        INTERVIEW_KEY,
        t("state.interview"),
        list(titles),
        titles.__getitem__,
        key=key,
        where=st.sidebar if sidebar else None,
        allow_none=allow_none,
    )


def choose_scan(scan_id: int) -> None:
    """Switch to ``scan_id`` on the user's explicit request (a button, a new scan)."""
    remember(SCAN_KEY, scan_id)
    remember(INTERVIEW_KEY, None)
    st.session_state["state_interview_scan"] = scan_id


def choose_interview(interview_id: int | None) -> None:
    """Make ``interview_id`` the current interview (a new or imported interview)."""
    remember(INTERVIEW_KEY, interview_id)


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
