"""The Rapport screen's editor: one section's text with optimistic saving, the conflict view
(both texts side by side and a merge box) and the versions."""

from __future__ import annotations

import streamlit as st

from models import reports
from texts import WeerbaarError, dutch_date, t
from ui.safe import md
from ui.state import current_actor, get_db


def text_key(section_key: str) -> str:
    return f"report_text_{section_key}"


def base_key(section_key: str) -> str:
    return f"report_base_{section_key}"


def conflict_key(section_key: str) -> str:
    return f"report_conflict_{section_key}"


def load(report_id: int, section_key: str) -> None:
    """Put the stored text and its version in the session the first time the section is opened."""
    if text_key(section_key) not in st.session_state:
        section = reports.get_section(get_db(), current_actor(), report_id, section_key)
        st.session_state[text_key(section_key)] = section.text
        st.session_state[base_key(section_key)] = section.version


def append(section_key: str, text: str) -> None:
    """Add a paragraph (a token, the skeleton) at the end of the editor's text (not yet saved)."""
    current = st.session_state.get(text_key(section_key), "").rstrip("\n")
    st.session_state[text_key(section_key)] = f"{current}\n\n{text}" if current else text


def _save(report_id: int, section_key: str, text: str, base: int) -> None:
    try:
        version = reports.save_section(get_db(), current_actor(), report_id, section_key, text, base_version=base)
    except reports.SaveConflict as conflict:
        st.session_state[conflict_key(section_key)] = conflict
        return
    except WeerbaarError as error:
        st.session_state["report_flash"] = ("error", error.message())
        return
    st.session_state.pop(conflict_key(section_key), None)
    st.session_state[base_key(section_key)] = version
    st.session_state[text_key(section_key)] = text
    st.session_state["report_flash"] = ("success", t("report.page.saved", version=version))


def _save_editor(report_id: int, section_key: str) -> None:
    _save(report_id, section_key, st.session_state.get(text_key(section_key), ""),
          int(st.session_state.get(base_key(section_key), 0)))  # fmt: skip


def _save_merge(report_id: int, section_key: str) -> None:
    conflict = st.session_state.get(conflict_key(section_key))
    if conflict is None:
        return
    _save(report_id, section_key, st.session_state.get(f"report_merge_{section_key}", ""), conflict.their_version)


def editor(report_id: int, section_key: str) -> None:
    """The text area, the save button and, after a refused save, the conflict view."""
    load(report_id, section_key)
    base = int(st.session_state.get(base_key(section_key), 0))
    st.text_area(t("report.page.editor"), key=text_key(section_key), height=320, help=t("report.page.editor_help"))
    st.button(t("report.page.save"), key=f"report_save_{section_key}", type="primary",
              on_click=_save_editor, args=(report_id, section_key))  # fmt: skip
    flash = st.session_state.pop("report_flash", None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(md(flash[1]))
    section = reports.get_section(get_db(), current_actor(), report_id, section_key)
    if section.version:
        st.text(t("report.page.version", version=base, author=section.updated_by or "-"))
    else:
        st.caption(t("report.page.unsaved"))
    conflict = st.session_state.get(conflict_key(section_key))
    if conflict is not None:
        show_conflict(report_id, section_key, conflict)
    versions(report_id, section_key)


def show_conflict(report_id: int, section_key: str, conflict: reports.SaveConflict) -> None:
    st.error(md(conflict.message()))
    st.warning(t("report.page.conflict"))
    mine, theirs = st.columns(2)
    mine.text_area(t("report.page.conflict_mine"), value=conflict.mine, disabled=True, height=200,
                   key=f"report_mine_{section_key}")  # fmt: skip
    theirs.text_area(t("report.page.conflict_theirs", author=conflict.their_author or "-",
                       version=conflict.their_version), value=conflict.theirs, disabled=True, height=200,
                     key=f"report_theirs_{section_key}")  # fmt: skip
    merge_key = f"report_merge_{section_key}"
    if merge_key not in st.session_state:
        st.session_state[merge_key] = f"{conflict.theirs}\n\n{conflict.mine}".strip()
    st.text_area(t("report.page.conflict_merge"), key=merge_key, height=240)
    st.button(t("report.page.conflict_save"), key=f"report_merge_save_{section_key}",
              on_click=_save_merge, args=(report_id, section_key))  # fmt: skip


def versions(report_id: int, section_key: str) -> None:
    rows = reports.section_versions(get_db(), current_actor(), report_id, section_key)
    with st.expander(t("report.page.versions")):
        if not rows:
            st.caption(t("report.page.no_versions"))
        for row in rows[:20]:
            st.text(t("report.page.version_row", version=row.version, author=row.saved_by,
                      at=dutch_date(row.saved_at)))  # fmt: skip
            st.text(row.text[:400])
