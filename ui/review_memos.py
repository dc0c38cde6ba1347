"""The review screen's memo view: list, search, add, edit and delete memos (shown as plain text)."""

from __future__ import annotations

import streamlit as st

from models.memos import MEMO_TARGETS, add_memo, delete_memo, edit_memo, memos
from models.review_queue import (
    CodeOption,
)
from texts import dutch_date, t
from ui.review_state import ALL, flash, run_action, scan_filter_options
from ui.safe import md
from ui.state import current_actor, get_db


def _memo_edit_selected() -> None:
    memo_id = st.session_state.get("review_memo_edit_id")
    texts = st.session_state.get("review_memo_texts", {})
    st.session_state["review_memo_edit_text"] = texts.get(memo_id, "")


def _memo_update() -> None:
    memo_id = st.session_state.get("review_memo_edit_id")
    if memo_id is None:
        return
    st.session_state.pop("review_flash", None)
    run_action(edit_memo, int(memo_id), st.session_state.get("review_memo_edit_text", ""))
    if "review_flash" not in st.session_state:
        flash("success", t("review.done.memo"))


def _memo_delete() -> None:
    memo_id = st.session_state.get("review_memo_edit_id")
    if memo_id is not None:
        run_action(delete_memo, int(memo_id))
        st.session_state["review_memo_edit_id"] = None
        st.session_state["review_memo_edit_text"] = ""


def _memo_new(scan_id: int) -> None:
    target = st.session_state.get("review_memo_target")
    if not target:
        return
    kind, target_id = str(target).split(":", 1)
    st.session_state.pop("review_flash", None)
    memo_id = run_action(add_memo, scan_id, kind, int(target_id), st.session_state.get("review_memo_new_text", ""))
    if memo_id is not None:
        st.session_state["review_memo_new_text"] = ""
        flash("success", t("review.done.memo"))


def draw_memos(scan_id: int, options: list[CodeOption]) -> None:
    db, actor = get_db(), current_actor()
    query_col, type_col = st.columns([3, 1])
    query = query_col.text_input(t("review.memos.search"), key="review_memo_query")
    kind = type_col.selectbox(
        t("review.memos.type"),
        [ALL, *MEMO_TARGETS],
        key="review_memo_type",
        format_func=lambda v: t(f"review.memos.target.{v}") if v else t("review.filter.all"),
    )
    found = memos(db, actor, scan_id, query=query or None, target_type=kind or None)
    st.session_state["review_memo_texts"] = {memo.id: memo.text for memo in found}
    if not found:
        st.info(t("review.memos.empty"))
    for memo in found:
        with st.container(border=True):
            st.markdown(
                t(
                    "review.memos.item",
                    target_type=t(f"review.memos.target.{memo.target_type}"),
                    target=md(memo.target_label),
                    author=md(memo.author),
                    at=dutch_date(memo.updated_at),
                )
            )
            st.markdown(md(memo.text))
    if found:
        with st.expander(t("review.memos.edit")):
            labels = {memo.id: f"{memo.target_label} — {memo.text[:60]}" for memo in found}
            st.selectbox(
                t("review.memos.edit"),
                list(labels),
                index=None,
                key="review_memo_edit_id",
                format_func=labels.__getitem__,
                on_change=_memo_edit_selected,
            )
            st.text_area(t("review.memos.text"), key="review_memo_edit_text")
            save, delete = st.columns(2)
            save.button(t("review.memos.update"), key="review_memo_update", on_click=_memo_update)
            delete.button(t("review.memos.delete"), key="review_memo_delete", on_click=_memo_delete)
    with st.expander(t("review.memos.new")):
        targets = {f"code:{o.id}": o.label for o in options}
        targets |= {f"interview:{iid}": title for iid, title in scan_filter_options(scan_id).interviews}
        st.selectbox(
            t("review.memos.target_pick"),
            list(targets),
            index=None,
            key="review_memo_target",
            format_func=targets.__getitem__,
        )
        st.text_area(t("review.memos.text"), key="review_memo_new_text")
        st.button(t("review.memos.save"), key="review_memo_new_save", on_click=_memo_new, args=(scan_id,))
