"""Beoordelen: the analyst's desk.

One fragment at a time with its context and the auto-coder's suggestion,
decided with one click; a table of the filtered fragments with bulk accept;
and the memos. Every decision goes through :mod:`models.decisions`.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from models.auth import Actor
from models.decisions import accept, add_code, bulk_accept, count_bulk_accept, recode, reject, set_quote_candidate
from models.memos import MEMO_TARGETS, add_memo, delete_memo, edit_memo, memos
from models.review_filters import ORDERS, STATUSES, ReviewFilters
from models.review_queue import (
    CodeOption,
    FilterOptions,
    FragmentCard,
    code_options,
    filter_options,
    fragment_table,
    queue,
)
from models.status import CodingStatus, FragmentStatus
from texts import WeerbaarError, t
from ui.state import current_actor, current_scan_id, get_db

PAGE_SIZE = 500
ALL = ""
VIEWS = ("queue", "table", "memos")


# --- cached look-ups (small, change rarely) ------------------------------------------
@st.cache_data(ttl=300, max_entries=64, show_spinner=False)
def _cached_code_options(url: str, actor: Actor, scan_id: int) -> list[CodeOption]:
    return code_options(get_db(), actor, scan_id)


def _code_options(scan_id: int) -> list[CodeOption]:
    return _cached_code_options(get_db().url, current_actor(), scan_id)


@st.cache_data(ttl=60, max_entries=64, show_spinner=False)
def _cached_filter_options(url: str, actor: Actor, scan_id: int) -> FilterOptions:
    return filter_options(get_db(), actor, scan_id)


def _filter_options(scan_id: int) -> FilterOptions:
    return _cached_filter_options(get_db().url, current_actor(), scan_id)


# --- state helpers -----------------------------------------------------------------------
def _flash(kind: str, text: str) -> None:
    st.session_state["review_flash"] = (kind, text)


def _reset_offset() -> None:
    st.session_state["review_offset"] = 0
    st.session_state["review_table_page"] = 1
    st.session_state.pop("review_bulk_pending", None)


def _filters() -> ReviewFilters:
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


def _order() -> Any:
    return st.session_state.get("review_order", "uncertain")


def _run(action: Any, *args: Any) -> Any:
    """Call a service function for a button; show Dutch errors instead of crashing."""
    try:
        return action(get_db(), current_actor(), *args)
    except WeerbaarError as error:
        _flash("error", error.message())
        return None


# --- callbacks (run before the script, so the next fragment shows in the same rerun) ---
def _decided(fragment_id: int, message: str) -> None:
    st.session_state["review_after"] = fragment_id
    _flash("success", message)


def _accept(fragment_id: int) -> None:
    codes = _run(accept, fragment_id)
    if codes is not None:
        _decided(fragment_id, t("review.done.accept", codes=", ".join(codes)))


def _reject(fragment_id: int) -> None:
    codes = _run(reject, fragment_id)
    if codes is not None:
        _decided(fragment_id, t("review.done.reject", codes=", ".join(codes)))


def _recode(fragment_id: int) -> None:
    code = st.session_state.get("review_recode_code")
    if not code:
        _flash("error", t("review.picker.placeholder"))
        return
    st.session_state.pop("review_flash", None)
    _run(recode, fragment_id, code)
    if "review_flash" not in st.session_state:
        st.session_state["review_recode_code"] = None
        _decided(fragment_id, t("review.done.recode", code=code))


def _add(fragment_id: int) -> None:
    code = st.session_state.get("review_add_code")
    if not code:
        _flash("error", t("review.picker.placeholder"))
        return
    st.session_state.pop("review_flash", None)
    _run(add_code, fragment_id, code)
    if "review_flash" not in st.session_state:
        st.session_state["review_add_code"] = None
        _flash("success", t("review.done.add", code=code))


def _quote(fragment_id: int, flag: bool) -> None:
    st.session_state.pop("review_flash", None)
    _run(set_quote_candidate, fragment_id, flag)
    if "review_flash" not in st.session_state:
        _flash("success", t("review.done.quote"))


def _skip() -> None:
    st.session_state["review_offset"] = st.session_state.get("review_offset", 0) + 1


def _previous() -> None:
    st.session_state["review_offset"] = max(0, st.session_state.get("review_offset", 0) - 1)


def _memo(scan_id: int, fragment_id: int) -> None:
    st.session_state.pop("review_flash", None)
    memo_id = _run(add_memo, scan_id, "fragment", fragment_id, st.session_state.get("review_memo_text", ""))
    if memo_id is not None:
        st.session_state["review_memo_text"] = ""
        _flash("success", t("review.done.memo"))


def _bulk_start() -> None:
    st.session_state["review_bulk_pending"] = True


def _bulk_cancel() -> None:
    st.session_state.pop("review_bulk_pending", None)


def _bulk_confirm(scan_id: int) -> None:
    st.session_state.pop("review_bulk_pending", None)
    n = _run(bulk_accept, scan_id, _filters(), float(st.session_state.get("review_bulk_min", 0.9)))
    if n is not None:
        _flash("success", t("review.bulk.done", n=n))


# --- drawing --------------------------------------------------------------------------------
def _sidebar(scan_id: int, options: list[CodeOption]) -> None:
    found = _filter_options(scan_id)
    pillars = [o.code for o in options if not o.is_theme]
    labels = {o.code: o.label for o in options}
    st.session_state.setdefault("review_status", "suggested")
    with st.sidebar:
        st.subheader(t("review.filters"))
        st.selectbox(
            t("review.order"), ORDERS, key="review_order",
            format_func=lambda o: t(f"review.order.{o}"), on_change=_reset_offset,
        )
        st.selectbox(
            t("review.filter.status"), [ALL, *STATUSES], key="review_status",
            format_func=lambda v: t(f"review.status.{v}") if v else t("review.filter.all"), on_change=_reset_offset,
        )
        st.selectbox(
            t("review.filter.pillar"), [ALL, *pillars], key="review_pillar",
            format_func=lambda v: labels.get(v, t("review.filter.all")), on_change=_reset_offset,
        )
        chosen = st.session_state.get("review_pillar") or None
        themes = [o.code for o in options if o.is_theme and (chosen is None or o.pillar == chosen)]
        if st.session_state.get("review_theme") not in (ALL, None, *themes):
            st.session_state["review_theme"] = ALL
        st.selectbox(
            t("review.filter.theme"), [ALL, *themes], key="review_theme",
            format_func=lambda v: labels.get(v, t("review.filter.all")), on_change=_reset_offset,
        )
        titles = dict(found.interviews)
        st.selectbox(
            t("review.filter.interview"), [ALL, *titles], key="review_interview",
            format_func=lambda v: titles.get(v, t("review.filter.all")), on_change=_reset_offset,
        )
        st.selectbox(
            t("review.filter.role"), [ALL, *found.roles], key="review_role",
            format_func=lambda v: v or t("review.filter.all"), on_change=_reset_offset,
        )
        st.selectbox(
            t("review.filter.department"), [ALL, *found.departments], key="review_department",
            format_func=lambda v: v or t("review.filter.all"), on_change=_reset_offset,
        )
        st.slider(
            t("review.filter.confidence"), 0.0, 1.0, (0.0, 1.0), step=0.05, key="review_confidence",
            on_change=_reset_offset,
        )
        st.text_input(t("review.filter.search"), key="review_search", on_change=_reset_offset)


def _current_card(scan_id: int, filters: ReviewFilters) -> tuple[FragmentCard | None, int]:
    db, actor = get_db(), current_actor()
    offset = int(st.session_state.get("review_offset", 0))
    cards, total = queue(db, actor, scan_id, filters=filters, order=_order(), offset=offset)
    after = st.session_state.pop("review_after", None)
    if cards and cards[0].fragment_id == after:  # the decided fragment still matches: move on
        offset += 1
        cards, total = queue(db, actor, scan_id, filters=filters, order=_order(), offset=offset)
    if not cards and total:  # ran past the end (fragments left the filter): show the last one
        offset = total - 1
        cards, total = queue(db, actor, scan_id, filters=filters, order=_order(), offset=offset)
    st.session_state["review_offset"] = offset
    return (cards[0] if cards else None), total


def _draw_card(scan_id: int, card: FragmentCard, total: int, options: list[CodeOption]) -> None:
    labels = {o.code: o.label for o in options}
    names = {o.code: o.name for o in options}
    department = f", {card.department}" if card.department else ""
    st.caption(
        t("review.position", position=card.position + 1, total=total)
        + " · "
        + t("review.respondent", respondent=card.respondent, department=department, interview=card.interview_title)
    )
    with st.container(border=True):
        if card.question:
            st.markdown(f"**{t('review.question')}:** {card.question}")
        if card.before and card.before.text != card.question:
            st.caption(f"{t('review.context.before')} — {card.before.speaker}: {card.before.text}")
        st.markdown(f"#### {card.text}")
        if card.after:
            st.caption(f"{t('review.context.after')} — {card.after.speaker}: {card.after.text}")
    code = card.theme or card.pillar
    if code:
        confidence = f"{card.confidence:.0%}" if card.confidence is not None else "–"
        st.markdown(t("review.suggestion", code=code, name=names.get(code, code), confidence=confidence))
    else:
        st.markdown(t("review.suggestion.none"))
    accepted = [view.code for view in card.codes if view.status == CodingStatus.ACCEPTED]
    line = t("review.status_line", status=t(f"review.status.{card.status}"))
    if accepted:
        line += " · " + t("review.codes", codes=", ".join(accepted))
    if card.quote_candidate:
        line += " · " + t("review.quote_marked")
    st.caption(line)

    fid = card.fragment_id
    cols = st.columns(5)
    cols[0].button(t("review.button.accept"), key="review_accept", type="primary", on_click=_accept, args=(fid,),
                   disabled=card.status != FragmentStatus.SUGGESTED, width="stretch")
    cols[1].button(t("review.button.reject"), key="review_reject", on_click=_reject, args=(fid,), width="stretch")
    cols[2].button(
        t("review.button.unquote" if card.quote_candidate else "review.button.quote"), key="review_quote",
        on_click=_quote, args=(fid, not card.quote_candidate), width="stretch",
    )
    cols[3].button(t("review.button.skip"), key="review_skip", on_click=_skip, width="stretch")
    cols[4].button(t("review.button.previous"), key="review_previous", on_click=_previous,
                   disabled=card.position == 0, width="stretch")
    codes = [o.code for o in options]
    left, right = st.columns(2)
    with left:
        st.selectbox(t("review.picker.recode"), codes, index=None, key="review_recode_code",
                     format_func=labels.__getitem__, placeholder=t("review.picker.placeholder"))
        st.button(t("review.button.recode"), key="review_recode", on_click=_recode, args=(fid,))
    with right:
        st.selectbox(t("review.picker.add"), codes, index=None, key="review_add_code",
                     format_func=labels.__getitem__, placeholder=t("review.picker.placeholder"))
        st.button(t("review.button.add"), key="review_add", on_click=_add, args=(fid,))
    with st.expander(t("review.memo")):
        for memo in memos(get_db(), current_actor(), scan_id, target_type="fragment", target_id=fid):
            st.caption(f"{memo.author} · {memo.updated_at:%d-%m-%Y %H:%M}")
            st.write(memo.text)
        st.text_area(t("review.memo"), key="review_memo_text", label_visibility="collapsed")
        st.button(t("review.button.memo"), key="review_memo_save", on_click=_memo, args=(scan_id, fid))


def _draw_queue(scan_id: int, filters: ReviewFilters, options: list[CodeOption]) -> None:
    card, total = _current_card(scan_id, filters)
    if card is None:
        st.info(t("review.empty"))
        return
    _draw_card(scan_id, card, total, options)


def _draw_table(scan_id: int, filters: ReviewFilters) -> None:
    db, actor = get_db(), current_actor()
    st.subheader(t("review.bulk.title"))
    st.slider(t("review.bulk.threshold"), 0.0, 1.0, 0.9, step=0.01, key="review_bulk_min", on_change=_bulk_cancel)
    if st.session_state.get("review_bulk_pending"):
        n = count_bulk_accept(db, actor, scan_id, filters, float(st.session_state["review_bulk_min"]))
        if n == 0:
            st.info(t("review.bulk.none"))
            st.button(t("review.bulk.cancel"), key="review_bulk_cancel", on_click=_bulk_cancel)
        else:
            st.warning(t("review.bulk.confirm_text", n=n))
            yes, no = st.columns(2)
            yes.button(t("review.bulk.confirm", n=n), key="review_bulk_confirm", type="primary",
                       on_click=_bulk_confirm, args=(scan_id,))
            no.button(t("review.bulk.cancel"), key="review_bulk_cancel", on_click=_bulk_cancel)
    else:
        st.button(t("review.bulk.start"), key="review_bulk_start", on_click=_bulk_start)

    page = int(st.session_state.get("review_table_page", 1))
    frame, total = fragment_table(
        db, actor, scan_id, filters=filters, order=_order(), offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
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
        column_config={
            column: st.column_config.Column(t(f"review.col.{column}")) for column in frame.columns
        }
        | {
            "confidence": st.column_config.NumberColumn(t("review.col.confidence"), format="percent"),
            "quote_candidate": st.column_config.CheckboxColumn(t("review.col.quote_candidate")),
        },
        key="review_table",
    )


def _memo_edit_selected() -> None:
    memo_id = st.session_state.get("review_memo_edit_id")
    texts = st.session_state.get("review_memo_texts", {})
    st.session_state["review_memo_edit_text"] = texts.get(memo_id, "")


def _memo_update() -> None:
    memo_id = st.session_state.get("review_memo_edit_id")
    if memo_id is None:
        return
    st.session_state.pop("review_flash", None)
    _run(edit_memo, int(memo_id), st.session_state.get("review_memo_edit_text", ""))
    if "review_flash" not in st.session_state:
        _flash("success", t("review.done.memo"))


def _memo_delete() -> None:
    memo_id = st.session_state.get("review_memo_edit_id")
    if memo_id is not None:
        _run(delete_memo, int(memo_id))
        st.session_state["review_memo_edit_id"] = None
        st.session_state["review_memo_edit_text"] = ""


def _memo_new(scan_id: int) -> None:
    target = st.session_state.get("review_memo_target")
    if not target:
        return
    kind, target_id = str(target).split(":", 1)
    st.session_state.pop("review_flash", None)
    memo_id = _run(add_memo, scan_id, kind, int(target_id), st.session_state.get("review_memo_new_text", ""))
    if memo_id is not None:
        st.session_state["review_memo_new_text"] = ""
        _flash("success", t("review.done.memo"))


def _draw_memos(scan_id: int, options: list[CodeOption]) -> None:
    db, actor = get_db(), current_actor()
    query_col, type_col = st.columns([3, 1])
    query = query_col.text_input(t("review.memos.search"), key="review_memo_query")
    kind = type_col.selectbox(
        t("review.memos.type"), [ALL, *MEMO_TARGETS], key="review_memo_type",
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
                    target=memo.target_label,
                    author=memo.author,
                    at=f"{memo.updated_at:%d-%m-%Y %H:%M}",
                )
            )
            st.write(memo.text)
    if found:
        with st.expander(t("review.memos.edit")):
            labels = {memo.id: f"{memo.target_label} — {memo.text[:60]}" for memo in found}
            st.selectbox(t("review.memos.edit"), list(labels), index=None, key="review_memo_edit_id",
                         format_func=labels.__getitem__, on_change=_memo_edit_selected)
            st.text_area(t("review.memos.text"), key="review_memo_edit_text")
            save, delete = st.columns(2)
            save.button(t("review.memos.update"), key="review_memo_update", on_click=_memo_update)
            delete.button(t("review.memos.delete"), key="review_memo_delete", on_click=_memo_delete)
    with st.expander(t("review.memos.new")):
        targets = {f"code:{o.id}": o.label for o in options}
        targets |= {f"interview:{iid}": title for iid, title in _filter_options(scan_id).interviews}
        st.selectbox(t("review.memos.target_pick"), list(targets), index=None, key="review_memo_target",
                     format_func=targets.__getitem__)
        st.text_area(t("review.memos.text"), key="review_memo_new_text")
        st.button(t("review.memos.save"), key="review_memo_new_save", on_click=_memo_new, args=(scan_id,))


def main() -> None:
    scan_id = current_scan_id()
    if scan_id is None:
        st.info(t("review.no_scan"))
        return
    options = _code_options(scan_id)
    _sidebar(scan_id, options)
    view = st.radio(
        t("review.view.label"), VIEWS, key="review_view", horizontal=True, label_visibility="collapsed",
        format_func=lambda v: t(f"review.view.{v}"),
    )
    flash = st.session_state.pop("review_flash", None)
    if flash and flash[0] == "error":
        st.error(flash[1])
    elif flash:
        st.toast(flash[1])
    filters = _filters()
    try:
        if view == "table":
            _draw_table(scan_id, filters)
        elif view == "memos":
            _draw_memos(scan_id, options)
        else:
            _draw_queue(scan_id, filters, options)
    except WeerbaarError as error:
        st.error(error.message())


main()
