"""The review screen's table view: the filtered fragments, with bulk accept after confirmation."""

from __future__ import annotations

import streamlit as st

from models.decisions import count_bulk_accept
from models.review_filters import ReviewFilters
from models.review_queue import (
    fragment_table,
)
from texts import count, t
from ui.review_queue import bulk_cancel, bulk_confirm, bulk_start
from ui.review_state import PAGE_SIZE, current_order
from ui.state import current_actor, get_db

TABLE_ORDER = ("pillar", "theme", "confidence", "status", "quote_candidate", "respondent", "text")


def draw_table(scan_id: int, filters: ReviewFilters) -> None:
    db, actor = get_db(), current_actor()
    st.subheader(t("review.bulk.title"))
    st.slider(t("review.bulk.threshold"), 0.0, 1.0, 0.9, step=0.01, key="review_bulk_min", on_change=bulk_cancel)
    if st.session_state.get("review_bulk_pending"):
        n = count_bulk_accept(db, actor, scan_id, filters, float(st.session_state["review_bulk_min"]))
        if n == 0:
            st.info(t("review.bulk.none"))
            st.button(t("review.bulk.cancel"), key="review_bulk_cancel", on_click=bulk_cancel)
        else:
            st.warning(t("review.bulk.confirm_text", fragments=count(n, "fragment")))
            yes, no = st.columns(2)
            yes.button(
                t("review.bulk.confirm", fragments=count(n, "fragment")),
                key="review_bulk_confirm",
                type="primary",
                on_click=bulk_confirm,
                args=(scan_id,),
            )
            no.button(t("review.bulk.cancel"), key="review_bulk_cancel", on_click=bulk_cancel)
    else:
        st.button(t("review.bulk.start"), key="review_bulk_start", on_click=bulk_start)

    page = int(st.session_state.get("review_table_page", 1))
    frame, total = fragment_table(
        db, actor, scan_id, filters=filters, order=current_order(), offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
    )
    pages = max(1, -(-total // PAGE_SIZE))
    if page > pages:
        st.session_state["review_table_page"] = page = pages
    st.number_input(t("review.table.page"), min_value=1, max_value=pages, step=1, key="review_table_page")
    first = (page - 1) * PAGE_SIZE + 1 if total else 0
    st.caption(t("review.table.caption", first=first, last=min(total, page * PAGE_SIZE), total=total))
    frame = frame.assign(status=[t(f"review.status.{value}") for value in frame["status"]])
    st.dataframe(
        frame,
        hide_index=True,
        column_config={column: st.column_config.Column(t(f"review.col.{column}")) for column in frame.columns}
        | {
            "confidence": st.column_config.NumberColumn(t("review.col.confidence"), format="percent"),
            "quote_candidate": st.column_config.CheckboxColumn(t("review.col.quote_candidate")),
            "text": st.column_config.TextColumn(t("review.col.text"), width="large"),
        },
        # the decision columns first, the long text last: code and confidence are never off-screen
        column_order=[c for c in TABLE_ORDER if c in frame.columns]
        + [c for c in frame.columns if c not in TABLE_ORDER],
        width="stretch",
        key="review_table",
    )
