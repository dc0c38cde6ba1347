"""The import tab of the survey screen: upload → preview (editable) → import."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from coding.survey.edits import apply_edits, edit_rows
from coding.survey.preview import SurveyPreview, build_preview, finalize
from coding.survey.questions import QUESTION_TYPES
from coding.survey.template import match_template
from models import surveys
from models.auth import Actor
from models.db import Database
from texts import WeerbaarError, t

PILLARS = ["", "BEW", "INF", "BEL", "INT", "COM"]


def _preview(
    db: Database, actor: Actor, scan_id: int, data: bytes, name: str, structure: bytes | None, structure_name: str
) -> SurveyPreview:
    digest = hashlib.sha256(data + (structure or b"") + str(scan_id).encode()).hexdigest()
    cached = st.session_state.get("survey_preview")
    if cached is not None and cached[0] == digest:
        return cached[1]
    preview = build_preview(data, name, structure=structure, structure_name=structure_name)
    match_template(preview.questions, surveys.import_template(db, actor, scan_id))
    st.session_state["survey_preview"] = (digest, preview)
    return preview


def render(db: Database, actor: Actor, scan_id: int) -> None:
    if not actor.can("survey.import", scan_id):
        st.info(t("survey.page.no_import"))
        return
    st.write(t("survey.page.import_intro"))
    upload = st.file_uploader(t("survey.page.upload"), type=["csv", "tsv", "txt", "xlsx", "sav"], key="survey_upload")
    structure = st.file_uploader(t("survey.page.structure"), type=["lss"], key="survey_structure")
    if upload is None:
        return
    try:
        preview = _preview(
            db,
            actor,
            scan_id,
            upload.getvalue(),
            upload.name,
            structure.getvalue() if structure else None,
            structure.name if structure else "",
        )
    except WeerbaarError as error:
        st.error(error.message())
        return
    st.success(
        t(
            "survey.page.detected",
            layout=t(f"survey.layout.{preview.layout}"),
            respondents=preview.n_respondents,
            questions=len(preview.questions),
        )  # fmt: skip
    )
    if preview.dropped:
        st.subheader(t("survey.page.dropped"))
        st.dataframe(
            pd.DataFrame([{t("survey.page.col.column"): d.name, t("survey.page.col.reason"): d.reason_text} for d in preview.dropped]),
            hide_index=True, width="stretch", key="survey_dropped",
        )  # fmt: skip
    st.subheader(t("survey.page.questions"))
    st.caption(t("survey.page.edit_help"))
    edited = st.data_editor(
        pd.DataFrame(edit_rows(preview)),
        column_config={
            "code": st.column_config.TextColumn(t("survey.page.col.code")),
            "include": st.column_config.CheckboxColumn(t("survey.page.col.include")),
            "text": st.column_config.TextColumn(t("survey.page.col.text"), width="large"),
            "type": st.column_config.SelectboxColumn(
                t("survey.page.col.type"), options=list(QUESTION_TYPES), required=True
            ),
            "options": st.column_config.TextColumn(t("survey.page.col.options"), width="large"),
            "missing": st.column_config.TextColumn(t("survey.page.col.missing")),
            "group": st.column_config.TextColumn(t("survey.page.col.group")),
            "pillar": st.column_config.SelectboxColumn(t("survey.page.col.pillar"), options=PILLARS),
            "theme": st.column_config.TextColumn(t("survey.page.col.theme")),
        },
        hide_index=True,
        num_rows="fixed",
        key="survey_editor",
        width="stretch",
    )
    name = st.text_input(t("survey.page.name"), value=upload.name.rsplit(".", 1)[0], key="survey_name")
    if st.button(t("survey.page.import"), type="primary", key="survey_import_button"):
        try:
            apply_edits(preview, edited.to_dict("records"))
            survey = finalize(preview)
            with st.spinner(t("survey.page.busy")):
                outcome = surveys.import_survey(db, actor, scan_id, survey, name=name.strip() or None)
        except WeerbaarError as error:
            st.error(error.message())
            return
        st.session_state.pop("survey_preview", None)
        st.session_state["survey_chosen"] = outcome.survey_id
        st.success(
            t(
                "survey.page.imported",
                respondents=outcome.summary["respondents"],
                questions=outcome.summary["questions"],
                fragments=outcome.fragments,
            )  # fmt: skip
        )
