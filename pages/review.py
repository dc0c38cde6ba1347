"""Beoordelen: the analyst's desk.

One fragment at a time with its context and the auto-coder's suggestion,
decided with one click; a table of the filtered fragments with bulk accept;
and the memos. The views live in ``ui/review_queue.py``, ``ui/review_table.py`` and
``ui/review_memos.py``; every decision goes through :mod:`models.decisions`.
"""

from __future__ import annotations

import streamlit as st

from texts import WeerbaarError, t
from ui.review_memos import draw_memos
from ui.review_queue import draw_queue, draw_sidebar
from ui.review_state import current_filters, scan_code_options
from ui.review_table import draw_table
from ui.safe import md
from ui.state import current_scan_id

VIEWS = ("queue", "table", "memos")


def main() -> None:
    st.title(t("review.title"))
    scan_id = current_scan_id()
    if scan_id is None:
        st.info(t("review.no_scan"))
        return
    options = scan_code_options(scan_id)
    draw_sidebar(scan_id, options)
    view = st.radio(
        t("review.view.label"),
        VIEWS,
        key="review_view",
        horizontal=True,
        label_visibility="collapsed",
        format_func=lambda v: t(f"review.view.{v}"),
    )
    flash = st.session_state.pop("review_flash", None)
    if flash and flash[0] == "error":
        st.error(md(flash[1]))
    elif flash:
        st.toast(md(flash[1]))
    filters = current_filters()
    try:
        if view == "table":
            draw_table(scan_id, filters)
        elif view == "memos":
            draw_memos(scan_id, options)
        else:
            draw_queue(scan_id, filters, options)
    except WeerbaarError as error:
        st.error(md(error.message()))


main()
