"""The check before export and the export buttons (with progress) of the Rapport screen."""

from __future__ import annotations

import streamlit as st

from models import reports
from models.report_check import Flag, check_report, waive_text_finding
from models.report_export import export_report, libreoffice_path, report_filename
from texts import WeerbaarError, t
from ui.safe import md
from ui.state import current_actor, get_db, progress_bar

MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}


def _refresh(item_id: int) -> None:
    """Take over an item's current numbers or text; an item or source gone meanwhile gets a Dutch message."""
    try:
        reports.refresh_item(get_db(), current_actor(), item_id)
    except WeerbaarError as error:
        st.session_state["report_check_flash"] = error.message()


def check(report_id: int) -> None:
    st.subheader(t("report.page.check"))
    refused = st.session_state.pop("report_check_flash", None)
    if refused:
        st.error(refused)
    flags = check_report(get_db(), current_actor(), report_id)
    if not flags:
        st.success(t("report.page.check_ok"))
    for flag in flags:
        (st.error if flag.blocking else st.warning)(md(flag.message))
        if flag.code == "numbers_changed" and flag.after.get("sentence"):
            st.text(f"{flag.before.get('sentence', '')}\n→ {flag.after.get('sentence', '')}")
        if flag.code == "text_pii":
            _waive(report_id, flag)
        if flag.item_id is not None and not flag.blocking:
            st.button(t("report.page.check_refresh"), key=f"report_refresh_{flag.item_id}_{flag.code}",
                      on_click=_refresh, args=(flag.item_id,))  # fmt: skip


def _waive(report_id: int, flag: Flag) -> None:
    """Accept a finding in the analyst's own text with a reason (like a quote's PII waiver)."""
    where, finding = str(flag.before.get("where", "")), str(flag.before.get("finding", ""))
    key = f"report_waive_{where}_{finding}"
    reason = st.text_input(t("report.page.waive_reason"), key=f"{key}_reason")
    if st.button(t("report.page.waive"), key=f"{key}_button"):
        try:
            waive_text_finding(get_db(), current_actor(), report_id, where, finding, reason)
        except WeerbaarError as error:
            st.error(error.message())
        else:
            st.success(t("report.page.waived"))


def export(scan_id: int, scan_name: str) -> None:
    st.subheader(t("report.page.export"))
    left, right = st.columns(2)
    wanted = None
    if left.button(t("report.page.export_docx"), key="report_export_docx"):
        wanted = "docx"
    if libreoffice_path() is None:
        right.caption(t("report.page.no_pdf"))
    elif right.button(t("report.page.export_pdf"), key="report_export_pdf"):
        wanted = "pdf"
    if wanted:
        progress, remove = progress_bar(t("report.progress.check"))
        try:
            result = export_report(get_db(), current_actor(), scan_id, fmt=wanted, progress=progress)
        except WeerbaarError as error:
            remove()
            st.error(md(error.message()))
            return
        remove()
        st.session_state["report_file"] = (wanted, result.data, result.stats())
    stored = st.session_state.get("report_file")
    if stored:
        fmt, data, stats = stored
        st.caption(t("report.page.stats", **stats))
        name = report_filename(scan_name, fmt)
        st.download_button(t("report.page.download", name=name), data, file_name=name, mime=MIME[fmt],
                           key="report_download")  # fmt: skip
