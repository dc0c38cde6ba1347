"""The "Opbouw" tab of the Rapport screen: the report's chapters and sections, edited in the app.

A table (one row per section: order, chapter, titles, kind) and, for larger changes or a
template from another scan, the same structure as YAML to edit, download or upload. Both
are checked before anything is stored (:mod:`models.report_template`); every save is a
new version, listed below.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models import report_template as rt
from models.report_outline import GENERATORS, KINDS
from texts import WeerbaarError, t
from ui.state import current_actor, get_db


def _save(report_id: int, template: dict, base_version: int) -> None:
    try:
        version = rt.save_template(get_db(), current_actor(), report_id, template, base_version=base_version)
    except WeerbaarError as error:
        st.error(error.message())
        return
    st.session_state.pop("report_template_yaml", None)
    st.session_state.pop("report_template_editor", None)
    st.session_state["report_template_saved"] = version
    st.rerun()


def editor(report_id: int) -> None:
    db, actor = get_db(), current_actor()
    template, version = rt.current_template(db, actor, report_id)
    st.caption(t("report.template.help"))
    saved = st.session_state.pop("report_template_saved", None)
    if saved:
        st.success(t("report.template.saved", version=saved))
    frame = pd.DataFrame(rt.template_rows(template), columns=list(rt.COLUMNS))
    config = {
        "position": st.column_config.NumberColumn(t("report.template.col.position"), step=1, width="small"),
        "chapter": st.column_config.TextColumn(t("report.template.col.chapter"), max_chars=100),
        "chapter_title": st.column_config.TextColumn(t("report.template.col.chapter_title"), max_chars=300),
        "key": st.column_config.TextColumn(t("report.template.col.key"), max_chars=100),
        "title": st.column_config.TextColumn(t("report.template.col.title"), max_chars=300),
        "kind": st.column_config.SelectboxColumn(t("report.template.col.kind"), options=list(KINDS)),
        "generator": st.column_config.SelectboxColumn(t("report.template.col.generator"), options=["", *GENERATORS]),
        "per_theme": st.column_config.CheckboxColumn(t("report.template.col.per_theme")),
    }
    edited = st.data_editor(frame, column_config=config, hide_index=True, num_rows="dynamic",
                            key="report_template_editor", width="stretch")  # fmt: skip
    if st.button(t("report.template.save"), key="report_template_save", type="primary"):
        try:
            changed = rt.template_from_rows(edited.to_dict("records"), template)
        except WeerbaarError as error:
            st.error(error.message())
        else:
            _save(report_id, changed, version)
    with st.expander(t("report.template.yaml")):
        text = st.text_area(t("report.template.yaml_text"), value=rt.template_yaml(template), height=400,
                            key="report_template_yaml")  # fmt: skip
        left, right = st.columns(2)
        if left.button(t("report.template.yaml_save"), key="report_template_yaml_save"):
            try:
                _save(report_id, rt.parse_template_yaml(text), version)
            except WeerbaarError as error:
                st.error(error.message())
        right.download_button(t("report.template.download"), rt.template_yaml(template).encode("utf-8"),
                              file_name="rapportsjabloon.yaml", mime="application/x-yaml",
                              key="report_template_download")  # fmt: skip
        upload = st.file_uploader(t("report.template.upload"), type=["yaml", "yml"], key="report_template_upload")
        if upload is not None and st.button(t("report.template.upload_save"), key="report_template_upload_save"):
            try:
                _save(report_id, rt.parse_template_yaml(upload.getvalue().decode("utf-8", "replace")), version)
            except WeerbaarError as error:
                st.error(error.message())
    st.subheader(t("report.template.versions"))
    for item in rt.template_versions(db, actor, report_id):
        st.text(t("report.template.version", version=item.version, author=item.saved_by or "-",
                  at=f"{item.saved_at:%d-%m-%Y %H:%M}", chapters=item.summary))  # fmt: skip
