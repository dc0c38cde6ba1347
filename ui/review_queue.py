"""The review screen's queue view: one fragment card at a time, decided with one click.

The callbacks run before the script, so the next fragment shows in the same rerun.
Every decision goes through :mod:`models.decisions`.
"""

from __future__ import annotations

import streamlit as st

from models.decisions import accept, add_code, bulk_accept, mark_irrelevant, recode, reject, set_quote_candidate
from models.memos import add_memo, memos
from models.review_filters import ORDERS, STATUSES, ReviewFilters
from models.review_queue import (
    CodeOption,
    FragmentCard,
    queue,
)
from models.status import CodingStatus, FragmentStatus
from texts import count, dutch_date, t
from ui.review_state import ALL, current_filters, current_order, flash, reset_offset, run_action, scan_filter_options
from ui.safe import md
from ui.state import current_actor, get_db


def _decided(fragment_id: int, message: str) -> None:
    st.session_state["review_after"] = fragment_id
    flash("success", message)


def _accept(fragment_id: int) -> None:
    codes = run_action(accept, fragment_id)
    if codes is not None:
        _decided(fragment_id, t("review.done.accept", codes=", ".join(codes)))


def _reject(fragment_id: int) -> None:
    codes = run_action(reject, fragment_id)
    if codes is not None:
        _decided(fragment_id, t("review.done.reject", codes=", ".join(codes)))


def _irrelevant(fragment_id: int) -> None:
    if run_action(mark_irrelevant, fragment_id) is not None:
        _decided(fragment_id, t("review.done.irrelevant"))


def _recode(fragment_id: int) -> None:
    code = st.session_state.get("review_recode_code")
    if not code:
        flash("error", t("review.picker.placeholder"))
        return
    st.session_state.pop("review_flash", None)
    run_action(recode, fragment_id, code)
    if "review_flash" not in st.session_state:
        st.session_state["review_recode_code"] = None
        _decided(fragment_id, t("review.done.recode", code=code))


def _add(fragment_id: int) -> None:
    code = st.session_state.get("review_add_code")
    if not code:
        flash("error", t("review.picker.placeholder"))
        return
    st.session_state.pop("review_flash", None)
    run_action(add_code, fragment_id, code)
    if "review_flash" not in st.session_state:
        st.session_state["review_add_code"] = None
        flash("success", t("review.done.add", code=code))


def _quote(fragment_id: int, flag: bool) -> None:
    st.session_state.pop("review_flash", None)
    run_action(set_quote_candidate, fragment_id, flag)
    if "review_flash" not in st.session_state:
        flash("success", t("review.done.quote"))


def _skip() -> None:
    st.session_state["review_offset"] = st.session_state.get("review_offset", 0) + 1


def _previous() -> None:
    st.session_state["review_offset"] = max(0, st.session_state.get("review_offset", 0) - 1)


def _memo(scan_id: int, fragment_id: int) -> None:
    st.session_state.pop("review_flash", None)
    memo_id = run_action(add_memo, scan_id, "fragment", fragment_id, st.session_state.get("review_memo_text", ""))
    if memo_id is not None:
        st.session_state["review_memo_text"] = ""
        flash("success", t("review.done.memo"))


def bulk_start() -> None:
    st.session_state["review_bulk_pending"] = True


def bulk_cancel() -> None:
    st.session_state.pop("review_bulk_pending", None)


def bulk_confirm(scan_id: int) -> None:
    st.session_state.pop("review_bulk_pending", None)
    n = run_action(bulk_accept, scan_id, current_filters(), float(st.session_state.get("review_bulk_min", 0.9)))
    if n is not None:
        flash("success", t("review.bulk.done", fragments=count(n, "fragment")))


def draw_sidebar(scan_id: int, options: list[CodeOption]) -> None:
    found = scan_filter_options(scan_id)
    pillars = [o.code for o in options if not o.is_theme]
    labels = {o.code: o.label for o in options}
    st.session_state.setdefault("review_status", FragmentStatus.SUGGESTED.value)
    with st.sidebar:
        st.subheader(t("review.filters"))
        st.selectbox(
            t("review.order"),
            ORDERS,
            key="review_order",
            format_func=lambda o: t(f"review.order.{o}"),
            on_change=reset_offset,
        )
        st.selectbox(
            t("review.filter.status"),
            [ALL, *STATUSES],
            key="review_status",
            format_func=lambda v: t(f"review.status.{v}") if v else t("review.filter.all"),
            on_change=reset_offset,
        )
        st.selectbox(
            t("review.filter.pillar"),
            [ALL, *pillars],
            key="review_pillar",
            format_func=lambda v: labels.get(v, t("review.filter.all")),
            on_change=reset_offset,
        )
        chosen = st.session_state.get("review_pillar") or None
        themes = [o.code for o in options if o.is_theme and (chosen is None or o.pillar == chosen)]
        if st.session_state.get("review_theme") not in (ALL, None, *themes):
            st.session_state["review_theme"] = ALL
        st.selectbox(
            t("review.filter.theme"),
            [ALL, *themes],
            key="review_theme",
            format_func=lambda v: labels.get(v, t("review.filter.all")),
            on_change=reset_offset,
        )
        titles = dict(found.interviews)
        st.selectbox(
            t("review.filter.interview"),
            [ALL, *titles],
            key="review_interview",
            format_func=lambda v: titles.get(v, t("review.filter.all")),
            on_change=reset_offset,
        )
        st.selectbox(
            t("review.filter.role"),
            [ALL, *found.roles],
            key="review_role",
            format_func=lambda v: v or t("review.filter.all"),
            on_change=reset_offset,
        )
        st.selectbox(
            t("review.filter.department"),
            [ALL, *found.departments],
            key="review_department",
            format_func=lambda v: v or t("review.filter.all"),
            on_change=reset_offset,
        )
        st.slider(
            t("review.filter.confidence"),
            0.0,
            1.0,
            (0.0, 1.0),
            step=0.05,
            key="review_confidence",
            on_change=reset_offset,
        )
        st.text_input(t("review.filter.search"), key="review_search", on_change=reset_offset)


def _current_card(scan_id: int, filters: ReviewFilters) -> tuple[FragmentCard | None, int]:
    db, actor = get_db(), current_actor()
    offset = int(st.session_state.get("review_offset", 0))
    cards, total = queue(db, actor, scan_id, filters=filters, order=current_order(), offset=offset)
    after = st.session_state.pop("review_after", None)
    if cards and cards[0].fragment_id == after:  # the decided fragment still matches: move on
        offset += 1
        cards, total = queue(db, actor, scan_id, filters=filters, order=current_order(), offset=offset)
    if not cards and total:  # ran past the end (fragments left the filter): show the last one
        offset = total - 1
        cards, total = queue(db, actor, scan_id, filters=filters, order=current_order(), offset=offset)
    st.session_state["review_offset"] = offset
    return (cards[0] if cards else None), total


def _draw_card(scan_id: int, card: FragmentCard, total: int, options: list[CodeOption]) -> None:
    labels = {o.code: o.label for o in options}
    names = {o.code: o.name for o in options}
    department = f", {card.department}" if card.department else ""
    st.caption(
        t("review.position", position=card.position + 1, total=total)
        + " · "
        + t("review.respondent", respondent=md(card.respondent), department=md(department), interview=md(card.interview_title))
    )
    with st.container(border=True):
        if card.source:  # a studied document (issue 16): where in the document, not the question asked
            st.text(t("documents.review.context", location=card.source))
        if card.question:
            st.markdown(f"**{t('review.question')}:** {md(card.question)}")
        if card.before and card.before.text != card.question:
            st.caption(f"{t('review.context.before')} — {md(card.before.speaker)}: {md(card.before.text)}")
        st.markdown(f"#### {md(card.text)}")
        if card.after:
            st.caption(f"{t('review.context.after')} — {md(card.after.speaker)}: {md(card.after.text)}")
    code = card.theme or card.pillar
    if code:
        confidence = f"{card.confidence:.0%}" if card.confidence is not None else "–"
        st.markdown(t("review.suggestion", code=md(code), name=md(names.get(code, code)), confidence=confidence))
    elif card.abstain_reason:
        st.markdown(t("review.suggestion.no_code", reason=t(f"coder.reason.{card.abstain_reason}")))
    else:
        st.markdown(t("review.suggestion.none"))
    others = [view for view in card.codes if view.status == CodingStatus.SUGGESTED and view.code != code]
    if others:  # every suggested code of the fragment, not only the primary one
        st.caption(
            t("review.suggestion.others")
            + " "
            + " · ".join(
                f"{view.code} ({view.confidence:.0%})" if view.confidence is not None else view.code for view in others
            )
        )
    accepted = [view.code for view in card.codes if view.status == CodingStatus.ACCEPTED]
    line = t("review.status_line", status=t(f"review.status.{card.status}"))
    if accepted:
        line += " · " + t("review.codes", codes=md(", ".join(accepted)))
    if card.quote_candidate:
        line += " · " + t("review.quote_marked")
    st.caption(line)

    fid = card.fragment_id
    cols = st.columns(5)
    cols[0].button(
        t("review.button.accept"),
        key="review_accept",
        shortcut="A",
        type="primary",
        on_click=_accept,
        args=(fid,),
        disabled=card.status != FragmentStatus.SUGGESTED,
        width="stretch",
    )
    cols[1].button(
        t("review.button.reject"), key="review_reject", on_click=_reject, args=(fid,), width="stretch", shortcut="X"
    )
    cols[2].button(
        t("review.button.unquote" if card.quote_candidate else "review.button.quote"),
        key="review_quote",
        shortcut="Q",
        on_click=_quote,
        args=(fid, not card.quote_candidate),
        width="stretch",
    )
    cols[3].button(t("review.button.skip"), key="review_skip", on_click=_skip, width="stretch", shortcut="S")
    st.button(t("review.button.irrelevant"), key="review_irrelevant", on_click=_irrelevant, args=(fid,), shortcut="N")
    cols[4].button(
        t("review.button.previous"),
        key="review_previous",
        shortcut="B",
        on_click=_previous,
        disabled=card.position == 0,
        width="stretch",
    )
    st.caption(t("review.keys"))
    codes = [o.code for o in options]
    left, right = st.columns(2)
    with left:
        st.selectbox(
            t("review.picker.recode"),
            codes,
            index=None,
            key="review_recode_code",
            format_func=labels.__getitem__,
            placeholder=t("review.picker.placeholder"),
        )
        st.button(t("review.button.recode"), key="review_recode", on_click=_recode, args=(fid,), shortcut="W")
    with right:
        st.selectbox(
            t("review.picker.add"),
            codes,
            index=None,
            key="review_add_code",
            format_func=labels.__getitem__,
            placeholder=t("review.picker.placeholder"),
        )
        st.button(t("review.button.add"), key="review_add", on_click=_add, args=(fid,), shortcut="T")
    with st.expander(t("review.memo")):
        for memo in memos(get_db(), current_actor(), scan_id, target_type="fragment", target_id=fid):
            st.caption(f"{md(memo.author)} · {dutch_date(memo.updated_at)}")
            st.markdown(md(memo.text))
        st.text_area(t("review.memo"), key="review_memo_text", label_visibility="collapsed")
        st.button(t("review.button.memo"), key="review_memo_save", on_click=_memo, args=(scan_id, fid))


def draw_queue(scan_id: int, filters: ReviewFilters, options: list[CodeOption]) -> None:
    card, total = _current_card(scan_id, filters)
    if card is None:
        st.info(t("review.empty"))
        return
    _draw_card(scan_id, card, total, options)
