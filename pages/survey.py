"""Enquête: import a survey export, show its figures as the report does, map it, triangulate.

Tabs: import (upload → editable preview → import), results (chart, figure
sentence and n per question, break-downs with small-cell protection, PNG/CSV),
mapping (pillar and theme per question, with the coder's suggestion),
triangulation (the pillar's survey statements beside the interview themes) and
the template (the seed's questionnaire as Excel).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coding.survey.preview import ImportedSurvey
from coding.survey.template import template_xlsx
from models import survey_analysis, surveys
from models.auth import PermissionDenied
from texts import WeerbaarError, t
from ui import survey_import, survey_results
from ui.state import current_actor, current_scan_id, get_db
from ui.survey_common import plain

PILLARS = ("BEW", "INF", "BEL", "INT", "COM")

st.title(t("survey.page.title"))
db, actor = get_db(), current_actor()
scan_id = current_scan_id()
if scan_id is None:
    st.info(t("survey.page.no_scan"))
    st.stop()
if not actor.can("survey.view", scan_id):
    st.info(t("survey.page.no_access"))
    st.stop()

tab_import, tab_results, tab_map, tab_triangulate, tab_template = st.tabs(
    [
        t("survey.page.tab.import"),
        t("survey.page.tab.results"),
        t("survey.page.tab.map"),
        t("survey.page.tab.triangulate"),
        t("survey.page.tab.template"),
    ]  # fmt: skip
)

with tab_import:
    survey_import.render(db, actor, scan_id)

try:
    infos = surveys.list_surveys(db, actor, scan_id)
    names = survey_analysis.code_names(db, actor, scan_id)
except WeerbaarError as error:  # the scan was removed meanwhile
    st.error(error.message())
    st.stop()


def _choose(key: str) -> int | None:
    if not infos:
        st.info(t("survey.page.none"))
        return None
    ids = [info.id for info in infos]
    labels = {info.id: t("survey.page.survey_label", name=info.name, respondents=info.respondents) for info in infos}
    default = st.session_state.get("survey_chosen")
    index = ids.index(default) if default in ids else 0
    return int(st.selectbox(t("survey.page.choose"), ids, index=index, format_func=labels.__getitem__, key=key))


def _load(survey_id: int | None) -> ImportedSurvey | None:
    """The chosen survey, or a Dutch message when it was removed meanwhile (another tab, another user)."""
    if survey_id is None:
        return None
    try:
        return surveys.load_survey(db, actor, survey_id)
    except WeerbaarError as error:
        st.error(error.message())
        return None


with tab_results:
    survey_id = _choose("survey_results_choice")
    survey = _load(survey_id)
    if survey is not None:
        left, right = st.columns(2)
        pillar = left.selectbox(
            t("survey.page.pillar_filter"), ["", *PILLARS], format_func=lambda c: names.get(c, c) if c else t("survey.page.all"),
            key="survey_results_pillar",
        )  # fmt: skip
        field = right.selectbox(
            t("survey.page.breakdown"), ["", "department", "role", "years"],
            format_func=lambda f: t(f"survey.breakdown.{f}") if f else t("survey.page.no_breakdown"),
            key="survey_results_breakdown",
        )  # fmt: skip
        st.caption(t("survey.page.small_cell_help"))
        blocks = survey_results.question_blocks(survey, pillar or None)
        if not blocks:
            st.info(t("survey.page.no_questions_pillar"))
        for members in blocks:
            survey_results.render_block(survey, members, breakdown_field=field or None)

with tab_map:
    survey_id = _choose("survey_map_choice")
    survey = _load(survey_id)
    if survey_id is not None and survey is not None:
        suggestions: dict[str, survey_analysis.MappingSuggestion] = st.session_state.get(
            f"survey_suggest_{survey_id}", {}
        )
        if st.button(t("survey.page.suggest"), key="survey_map_suggest"):
            with st.spinner(t("survey.page.suggest_busy")):
                suggestions = survey_analysis.suggest_mapping(db, actor, survey_id)
            st.session_state[f"survey_suggest_{survey_id}"] = suggestions
        themes = [code for code in names if "." in code]
        rows = pd.DataFrame(
            [
                {
                    "code": spec.code,
                    "text": spec.text,
                    "template": spec.template_code or "",
                    "suggestion": (f"{suggestions[spec.code].theme or suggestions[spec.code].pillar} "
                                   f"({suggestions[spec.code].confidence:.0%})") if spec.code in suggestions else "",
                    "pillar": spec.pillar or "",
                    "theme": spec.theme or "",
                }
                for spec in survey.questions
            ]
        )  # fmt: skip
        edited = st.data_editor(
            rows,
            column_config={
                "code": st.column_config.TextColumn(t("survey.page.col.code"), disabled=True),
                "text": st.column_config.TextColumn(t("survey.page.col.text"), disabled=True, width="large"),
                "template": st.column_config.TextColumn(t("survey.page.col.template"), disabled=True),
                "suggestion": st.column_config.TextColumn(t("survey.page.col.suggestion"), disabled=True),
                "pillar": st.column_config.SelectboxColumn(t("survey.page.col.pillar"), options=["", *PILLARS]),
                "theme": st.column_config.SelectboxColumn(t("survey.page.col.theme"), options=["", *themes]),
            },
            hide_index=True, num_rows="fixed", key=f"survey_map_editor_{survey_id}", width="stretch",
        )  # fmt: skip
        if st.button(t("survey.page.save_mapping"), type="primary", key="survey_map_save"):
            changed = 0
            try:
                for before, after in zip(rows.to_dict("records"), edited.to_dict("records"), strict=True):
                    if (before["pillar"], before["theme"]) != (after["pillar"], after["theme"]):
                        surveys.set_mapping(db, actor, survey_id, str(after["code"]), pillar=after["pillar"] or None,
                                            theme=after["theme"] or None)  # fmt: skip
                        changed += 1
            except (WeerbaarError, PermissionDenied, ValueError) as error:
                st.error(error.message() if isinstance(error, WeerbaarError) else str(error))
            else:
                st.success(t("survey.page.mapping_saved", count=changed))

with tab_triangulate:
    pillar = st.selectbox(
        t("survey.page.pillar"), list(PILLARS), format_func=lambda c: names.get(c, c), key="survey_tri_pillar"
    )
    view = survey_analysis.triangulation(db, actor, scan_id, pillar)
    left, right = st.columns(2)
    with left:
        st.subheader(t("survey.page.tri_survey"), anchor=False)
        if not view.statements:
            st.caption(t("survey.page.tri_no_statements"))
        for statement in view.statements:
            st.markdown(plain(statement.sentence or f"{statement.text} (n={statement.n})"))
            st.caption(
                plain(t("survey.page.tri_theme", theme=names.get(statement.theme or "", statement.theme or "–")))
            )
    with right:
        st.subheader(t("survey.page.tri_interviews"), anchor=False)
        for theme in view.themes:
            st.markdown(plain(t("survey.page.tri_theme_line", name=theme.name, fragments=theme.fragments,
                                statements=theme.survey_statements)))  # fmt: skip
            for example in theme.examples:
                st.text(f"‘{example}’")
            for citation in theme.quotes:
                st.text(citation)

with tab_template:
    st.write(t("survey.page.template_intro"))
    st.download_button(
        t("survey.page.template_download"), data=template_xlsx(), file_name="enquete_sjabloon_weerbaarheidsscan.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="survey_template_download",
        on_click="ignore",
    )  # fmt: skip
