"""Documentstudie: the organisation's policies as sources, and the checklist of what is there and missing."""

import streamlit as st

from texts import WeerbaarError, t
from ui.documents_checklist import checklist_section, error_text, findings_section
from ui.documents_sources import documents_section, upload_section
from ui.state import current_actor, current_scan_id, get_db

db, actor = get_db(), current_actor()
st.title(t("documents.title"))
scan_id = current_scan_id()
if scan_id is None:
    st.info(t("scans.none"))
    st.stop()
st.write(t("documents.intro"))

sources, checklist, report = st.tabs(
    [t("documents.tab.sources"), t("documents.tab.checklist"), t("documents.tab.findings")]
)
try:
    with sources:
        upload_section(db, actor, scan_id)
        documents_section(db, actor, scan_id)
    with checklist:
        checklist_section(db, actor, scan_id)
    with report:
        findings_section(db, actor, scan_id)
except (WeerbaarError, PermissionError) as exc:
    st.error(error_text(exc))
