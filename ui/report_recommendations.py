"""The recommendations editor of the Rapport screen: numbered across the report, each with its
pillar and evidence, and the seed's twelve recommendations as a library to start from."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from models import reports
from models.report_evidence import accepted_for_theme
from models.report_outline import load_library
from texts import WeerbaarError, t
from ui.state import current_actor, get_db


def _run(action: Callable[..., object], *args: object, **kwargs: object) -> None:
    try:
        action(get_db(), current_actor(), *args, **kwargs)
    except WeerbaarError as error:
        st.session_state["report_flash"] = ("error", error.message())


def _add(report_id: int, pillar: str) -> None:
    title = st.session_state.get(f"report_rec_title_{pillar}", "")
    text = st.session_state.get(f"report_rec_text_{pillar}", "")
    evidence = [{"kind": "fragment", "id": i} for i in st.session_state.get(f"report_rec_ev_{pillar}", [])]
    _run(reports.add_recommendation, report_id, pillar=pillar, title=title, text=text, evidence=evidence)
    for key in (f"report_rec_title_{pillar}", f"report_rec_text_{pillar}"):
        st.session_state[key] = ""


def _from_library(report_id: int, pillar: str) -> None:
    key = st.session_state.get(f"report_rec_lib_{pillar}")
    chosen = next((rec for rec in load_library() if rec.key == key), None)
    if chosen is not None:
        _run(reports.add_recommendation, report_id, pillar=pillar, title=chosen.title, text=chosen.text,
             library_key=chosen.key)  # fmt: skip


def editor(report_id: int, scan_id: int, pillar: str, themes: list[str]) -> None:
    """The pillar's recommendations (with their number in the whole report), add and library."""
    db, actor = get_db(), current_actor()
    st.subheader(t("report.page.recommendations"))
    recs = [rec for rec in reports.list_recommendations(db, actor, report_id) if rec.pillar == pillar]
    if not recs:
        st.caption(t("report.page.rec_none"))
    for rec in recs:
        with st.container(border=True):
            st.text(t("report.export.recommendation", number=rec.number) + " " + rec.title)
            if rec.text:
                st.text(rec.text[:600])
            if rec.evidence:
                st.text(t("report.page.rec_evidence") + ": " + ", ".join(str(e["id"]) for e in rec.evidence))
            cols = st.columns(3)
            cols[0].button(t("report.page.rec_up"), key=f"report_rec_up_{rec.id}",
                           on_click=_run, args=(reports.move_recommendation, rec.id, -1))  # fmt: skip
            cols[1].button(t("report.page.rec_down"), key=f"report_rec_down_{rec.id}",
                           on_click=_run, args=(reports.move_recommendation, rec.id, 1))  # fmt: skip
            cols[2].button(t("report.page.rec_remove"), key=f"report_rec_rm_{rec.id}",
                           on_click=_run, args=(reports.remove_recommendation, rec.id))  # fmt: skip
    with st.expander(t("report.page.rec_add")):
        st.text_input(t("report.page.rec_title"), key=f"report_rec_title_{pillar}")
        st.text_area(t("report.page.rec_text"), key=f"report_rec_text_{pillar}")
        options = {f.fragment_id: f.text[:90] for theme in themes for f in accepted_for_theme(db, actor, scan_id, theme)}
        st.multiselect(t("report.page.rec_evidence"), list(options), format_func=lambda i: f"{i}: {options[i]}",
                       key=f"report_rec_ev_{pillar}")  # fmt: skip
        st.button(t("report.page.rec_add"), key=f"report_rec_add_{pillar}", on_click=_add, args=(report_id, pillar))
    library = [rec for rec in load_library() if rec.pillar == pillar]
    if library:
        with st.expander(t("report.page.rec_library")):
            labels = {rec.key: f"{rec.seed_number}. {rec.title}" for rec in library}
            st.selectbox(t("report.page.rec_library"), list(labels), format_func=labels.__getitem__,
                         key=f"report_rec_lib_{pillar}")  # fmt: skip
            st.button(t("report.page.rec_from_library"), key=f"report_rec_lib_add_{pillar}",
                      on_click=_from_library, args=(report_id, pillar))  # fmt: skip
