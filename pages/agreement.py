"""Overeenstemming: intercoder agreement rounds.

Create a round (a sample of fragments), let each coder code it blind, read the
report (κ per pillar and theme, percent agreement, Krippendorff's α) and settle
the differences. Everything is computed in :mod:`models.agreement` and
:mod:`coding.agreement`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from models.agreement import (
    RoundInfo,
    create_round,
    get_round,
    list_rounds,
    resolve,
    round_code,
    round_disagreements,
    round_queue,
    round_report,
)
from models.decisions import pillar_of
from models.review_queue import code_options
from texts import WeerbaarError, count, t
from ui.format import dashes
from ui.safe import md
from ui.state import current_actor, current_scan_id, get_db

SECTIONS = ("code", "report", "diff")
UNCODED = ""


def _flash(kind: str, text: str) -> None:
    st.session_state["agreement_flash"] = (kind, text)


def _run(action: Any, *args: Any) -> Any:
    try:
        return action(get_db(), current_actor(), *args)
    except WeerbaarError as error:
        _flash("error", error.message())
        return None


def _create(scan_id: int) -> None:
    state = st.session_state
    coders = [name.strip() for name in str(state.get("agreement_coders", "")).split(",")]
    round_id = _run(
        create_round,
        scan_id,
        state.get("agreement_name", ""),
        coders,
        int(state.get("agreement_n", 50)),
        bool(state.get("agreement_stratify", True)),
        int(state.get("agreement_seed", 0)),
    )
    if round_id is not None:
        state["agreement_round"] = round_id
        info = get_round(get_db(), current_actor(), round_id)
        _flash("success", t("agreement.page.created", fragments=count(len(info.fragment_ids), "fragment")))


def _save(round_id: int, coder: str, fragment_id: int) -> None:
    pillar = st.session_state.get("agreement_pillar") or None
    theme = st.session_state.get("agreement_theme") or None
    st.session_state.pop("agreement_flash", None)
    _run(round_code, round_id, coder, fragment_id, pillar, theme)
    if "agreement_flash" not in st.session_state:
        st.session_state["agreement_pillar"] = UNCODED
        st.session_state["agreement_theme"] = UNCODED
        _flash("success", t("agreement.page.saved"))


def _resolve(round_id: int, fragment_id: int) -> None:
    code = st.session_state.get(f"agreement_resolve_code_{fragment_id}")
    if code:
        _run(resolve, round_id, fragment_id, code)


def _draw_new(scan_id: int, expanded: bool) -> None:
    with st.expander(t("agreement.page.new"), expanded=expanded):
        st.text_input(t("agreement.page.name"), key="agreement_name")
        st.text_input(t("agreement.page.coders"), key="agreement_coders")
        left, middle, right = st.columns(3)
        left.number_input(t("agreement.page.n"), min_value=1, value=50, step=1, key="agreement_n")
        middle.number_input(t("agreement.page.seed"), min_value=0, value=0, step=1, key="agreement_seed")
        right.checkbox(t("agreement.page.stratify"), value=True, key="agreement_stratify")
        st.button(t("agreement.page.create"), key="agreement_create", type="primary", on_click=_create, args=(scan_id,))


def _draw_coding(info: RoundInfo, labels: dict[str, str], pillars: list[str], themes: list[str]) -> None:
    coder = st.selectbox(t("agreement.page.coder"), info.coders, key="agreement_coder")
    if coder is None:
        return
    items = round_queue(get_db(), current_actor(), info.id, coder)
    done = sum(item.done for item in items)
    st.progress(done / len(items) if items else 1.0, text=t("agreement.page.progress", done=done, total=len(items)))
    todo = [item for item in items if not item.done]
    if not todo:
        st.success(t("agreement.page.all_done"))
        return
    item = todo[0]
    with st.container(border=True):
        st.caption(t("agreement.page.fragment", position=done + 1, total=len(items)))
        if item.question:
            st.markdown(f"**{t('review.question')}:** {md(item.question)}")
        st.markdown(f"#### {md(item.text)}")
    pillar_options = [UNCODED, *pillars]
    st.selectbox(
        t("agreement.page.pillar"), pillar_options, key="agreement_pillar",
        format_func=lambda v: labels.get(v, t("agreement.page.uncoded")),
    )
    chosen = st.session_state.get("agreement_pillar") or None
    theme_options = [UNCODED, *(code for code in themes if chosen and pillar_of(code) == chosen)]
    if st.session_state.get("agreement_theme") not in theme_options:
        st.session_state["agreement_theme"] = UNCODED
    st.selectbox(
        t("agreement.page.theme"), theme_options, key="agreement_theme",
        format_func=lambda v: labels.get(v, t("agreement.page.no_theme")), disabled=chosen is None,
    )
    st.button(
        t("agreement.page.save"), key="agreement_save", type="primary", on_click=_save,
        args=(info.id, coder, item.fragment_id),
    )


def _fmt(value: float | None, digits: int = 2, suffix: str = "") -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{value:.{digits}f}".replace(".", ",") + suffix  # Dutch decimal comma: 0,67


def _draw_report(info: RoundInfo) -> None:
    report = round_report(get_db(), current_actor(), info.id)
    cols = st.columns(4)
    cols[0].metric(t("agreement.page.metric.kappa"), _fmt(report.kappa_primary))
    cols[1].metric(t("agreement.page.metric.percent"), _fmt(report.percent_agreement, 1, "%"))
    cols[2].metric(t("agreement.page.metric.alpha"), _fmt(report.alpha))
    cols[3].metric(t("agreement.page.metric.n"), str(report.n_compared))
    for note in report.notes.values():
        st.caption(md(note))
    st.dataframe(
        dashes(report.to_frame()), hide_index=True, key="agreement_report_table",
        column_config={t("agreement.col.level"): st.column_config.TextColumn(width="medium")},  # "Totaal (hoofdpijler)"
    )
    st.info(t("agreement.uncoded_rule"))


def _draw_diff(info: RoundInfo, labels: dict[str, str], codes: list[str]) -> None:
    frame = round_disagreements(get_db(), current_actor(), info.id)
    if frame.empty:
        st.success(t("agreement.page.no_diff"))
        return
    difference = t("agreement.col.difference")
    for row in frame.to_dict("records"):
        fid = int(row["fragment_id"])
        with st.container(border=True):
            st.markdown(f"**{md(row['text'])}**")
            st.caption(f"{difference}: {md(row[difference])}")
            columns = st.columns(len(info.coders))
            for column, coder in zip(columns, info.coders, strict=True):
                pillar = row.get(t("agreement.col.coder_pillar", coder=coder))
                themes = row.get(t("agreement.col.coder_themes", coder=coder))
                column.markdown(f"**{md(coder)}**")
                column.text(pillar if isinstance(pillar, str) else "–")
                column.caption(md(themes) if isinstance(themes, str) and themes else t("agreement.page.no_theme"))
            if row.get("resolution"):
                st.caption(t("agreement.page.resolved", code=md(labels.get(row["resolution"], row["resolution"]))))
            pick, button = st.columns([3, 1])
            pick.selectbox(
                t("agreement.page.resolution"), codes, index=None, key=f"agreement_resolve_code_{fid}",
                format_func=labels.__getitem__, placeholder=t("review.picker.placeholder"),
            )
            button.button(t("agreement.page.resolve"), key=f"agreement_resolve_{fid}", on_click=_resolve,
                          args=(info.id, fid))


def main() -> None:
    st.header(t("agreement.page.title"))
    scan_id = current_scan_id()
    if scan_id is None:
        st.info(t("review.no_scan"))
        return
    st.caption(t("agreement.page.intro"))
    flash = st.session_state.pop("agreement_flash", None)
    if flash:
        (st.error if flash[0] == "error" else st.success)(md(flash[1]))
    db, actor = get_db(), current_actor()
    rounds = list_rounds(db, actor, scan_id)
    _draw_new(scan_id, expanded=not rounds)
    if not rounds:
        st.info(t("agreement.page.no_rounds"))
        return
    by_id = {info.id: info for info in rounds}
    if st.session_state.get("agreement_round") not in by_id:
        st.session_state["agreement_round"] = rounds[0].id
    round_id = st.selectbox(
        t("agreement.page.round"), list(by_id), key="agreement_round",
        format_func=lambda rid: t(
            "agreement.page.round_label", name=by_id[rid].name, fragments=count(len(by_id[rid].fragment_ids), "fragment"),
            coders=", ".join(by_id[rid].coders),
        ),
    )
    info = by_id[round_id]
    options = code_options(db, actor, scan_id)
    labels = {o.code: o.label for o in options}
    section = st.radio(
        t("agreement.page.section"), SECTIONS, key="agreement_section", horizontal=True,
        format_func=lambda v: t(f"agreement.page.section.{v}"),
    )
    if section == "report":
        _draw_report(info)
    elif section == "diff":
        _draw_diff(info, labels, [o.code for o in options])
    else:
        _draw_coding(
            info, labels, [o.code for o in options if not o.is_theme], [o.code for o in options if o.is_theme]
        )


main()
