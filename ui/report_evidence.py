"""The evidence panel beside the editor: ranked fragments with an insert button, survey
statements with chart and figure sentence, the checklist status, and the skeleton offer."""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from models import reports
from models.report_evidence import checklist_status, ranked_evidence, skeleton_text, theme_skeleton
from models.report_figures import Statement, survey_figure, theme_statements
from models.report_outline import Section
from texts import WeerbaarError, t
from ui.report_editor import append
from ui.state import current_actor, get_db

SHOWN_FRAGMENTS = 8


def _insert_quote(report_id: int, section: Section, fragment_id: int) -> None:
    try:
        item = reports.insert_quote(get_db(), current_actor(), report_id, section.key, fragment_id,
                                    pillar=section.pillar or "", theme=section.theme)  # fmt: skip
    except WeerbaarError as error:
        st.session_state["report_flash"] = ("error", error.message())
        return
    except ValueError as error:  # the basket's own refusals (consent, not accepted)
        st.session_state["report_flash"] = ("error", str(error))
        return
    append(section.key, item.token)
    st.session_state["report_flash"] = ("success", t("report.page.inserted", token=item.token))


def _insert_survey(report_id: int, section: Section, kind: str, survey_id: int, codes: list[str]) -> None:
    try:
        item = reports.insert_survey_item(get_db(), current_actor(), report_id, section.key, kind=kind,
                                          survey_id=survey_id, codes=codes)  # fmt: skip
    except WeerbaarError as error:
        st.session_state["report_flash"] = ("error", error.message())
        return
    append(section.key, item.token)
    st.session_state["report_flash"] = ("success", t("report.page.inserted", token=item.token))


def fragments(report_id: int, scan_id: int, section: Section) -> None:
    st.markdown(f"**{t('report.page.fragments')}**")
    assert section.theme is not None
    ranked = ranked_evidence(get_db(), current_actor(), scan_id, section.theme)
    if not ranked:
        st.caption(t("report.page.no_fragments"))
    for item in ranked[:SHOWN_FRAGMENTS]:
        with st.container(border=True):
            st.text(item.text)
            st.text(t("report.page.fragment_meta", role=item.role or "-", source=item.source_label, id=item.fragment_id))
            st.button(t("report.page.insert_quote"), key=f"report_quote_{section.key}_{item.fragment_id}",
                      on_click=_insert_quote, args=(report_id, section, item.fragment_id))  # fmt: skip


def statements(report_id: int, scan_id: int, section: Section) -> None:
    st.markdown(f"**{t('report.page.statements')}**")
    assert section.theme is not None
    rows = theme_statements(get_db(), current_actor(), scan_id, section.theme)
    if not rows:
        st.caption(t("report.page.no_statements"))
        return
    groups: dict[tuple[int, str], list[Statement]] = defaultdict(list)
    for row in rows:
        groups[(row.survey_id, row.group_text or row.code)].append(row)
    for (survey_id, _title), members in groups.items():
        codes = [m.code for m in members]
        with st.container(border=True):
            st.text(members[0].group_text or members[0].text)
            fig = survey_figure(get_db(), current_actor(), survey_id, codes)
            st.plotly_chart(fig, key=f"report_chart_{section.key}_{survey_id}_{codes[0]}")
            st.button(t("report.page.insert_figure"), key=f"report_fig_{section.key}_{survey_id}_{codes[0]}",
                      on_click=_insert_survey, args=(report_id, section, "figure", survey_id, codes))  # fmt: skip
            for member in members:
                if member.sentence:
                    st.text(member.sentence)
                    st.button(t("report.page.insert_sentence"), key=f"report_zin_{section.key}_{survey_id}_{member.code}",
                              on_click=_insert_survey, args=(report_id, section, "sentence", survey_id, [member.code]))  # fmt: skip


def checklist(scan_id: int, pillar: str) -> None:
    st.markdown(f"**{t('report.page.checklist')}**")
    rows = checklist_status(get_db(), current_actor(), scan_id, pillar)
    if not rows:
        st.caption(t("report.page.no_checklist"))
    for row in rows:
        st.text(f"{row.label}: {row.status}{'' if row.confirmed else ' (?)'} — {row.sentence}")


def _accept_skeleton(section_key: str, text: str) -> None:
    append(section_key, text)
    st.session_state[f"report_skeleton_done_{section_key}"] = True


def _discard_skeleton(section_key: str) -> None:
    st.session_state[f"report_skeleton_done_{section_key}"] = True


def skeleton(scan_id: int, section: Section) -> None:
    """Offer the theme's starting skeleton once: accept into the editor (then edit) or discard."""
    if st.session_state.get(f"report_skeleton_done_{section.key}") or section.theme is None:
        return
    with st.expander(t("report.page.skeleton"), expanded=False):
        st.caption(t("report.page.skeleton_help"))
        points = theme_skeleton(get_db(), current_actor(), scan_id, section.theme)
        if not points:
            st.caption(t("report.page.skeleton_none"))
            return
        text = skeleton_text(points)
        st.text(text)
        left, right = st.columns(2)
        left.button(t("report.page.skeleton_accept"), key=f"report_skel_ok_{section.key}",
                    on_click=_accept_skeleton, args=(section.key, text))  # fmt: skip
        right.button(t("report.page.skeleton_discard"), key=f"report_skel_no_{section.key}",
                     on_click=_discard_skeleton, args=(section.key,))  # fmt: skip


def panel(report_id: int, scan_id: int, section: Section) -> None:
    st.subheader(t("report.page.evidence"))
    if section.theme is not None:
        skeleton(scan_id, section)
        fragments(report_id, scan_id, section)
        statements(report_id, scan_id, section)
    if section.pillar is not None:
        checklist(scan_id, section.pillar)
