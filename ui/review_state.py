"""The review screen's shared state: cached option look-ups, filters from the widgets, flash messages."""

from __future__ import annotations

from typing import Any

import streamlit as st

from models.auth import Actor
from models.review_filters import ReviewFilters
from models.review_queue import (
    CodeOption,
    FilterOptions,
    code_options,
    filter_options,
)
from texts import WeerbaarError
from ui.state import current_actor, get_db

PAGE_SIZE = 500


ALL = ""


@st.cache_data(ttl=300, max_entries=64, show_spinner=False)
def _cached_code_options(url: str, actor: Actor, scan_id: int) -> list[CodeOption]:
    return code_options(get_db(), actor, scan_id)


def scan_code_options(scan_id: int) -> list[CodeOption]:
    return _cached_code_options(get_db().url, current_actor(), scan_id)


@st.cache_data(ttl=60, max_entries=64, show_spinner=False)
def _cached_filter_options(url: str, actor: Actor, scan_id: int) -> FilterOptions:
    return filter_options(get_db(), actor, scan_id)


def scan_filter_options(scan_id: int) -> FilterOptions:
    return _cached_filter_options(get_db().url, current_actor(), scan_id)


def flash(kind: str, text: str) -> None:
    st.session_state["review_flash"] = (kind, text)


def reset_offset() -> None:
    st.session_state["review_offset"] = 0
    st.session_state["review_table_page"] = 1
    st.session_state.pop("review_bulk_pending", None)


def current_filters() -> ReviewFilters:
    state = st.session_state
    low, high = state.get("review_confidence", (0.0, 1.0))
    interview = state.get("review_interview", ALL)
    return ReviewFilters(
        pillar=state.get("review_pillar") or None,
        theme=state.get("review_theme") or None,
        status=state.get("review_status") or None,
        interview_id=int(interview) if interview not in (ALL, None) else None,
        role=state.get("review_role") or None,
        department=state.get("review_department") or None,
        min_confidence=low if low > 0 else None,
        max_confidence=high if high < 1 else None,
        search=state.get("review_search", "") or "",
    )


def current_order() -> Any:
    return st.session_state.get("review_order", "uncertain")


def run_action(action: Any, *args: Any) -> Any:
    """Call a service function for a button; show Dutch errors instead of crashing."""
    try:
        return action(get_db(), current_actor(), *args)
    except WeerbaarError as error:
        flash("error", error.message())
        return None
