"""The checklist, findings and appendix parts of the Documentstudie screen."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coding.documents.checklist import PILLARS, STATUSES
from models.auth import Actor
from models.checklist import (
    ChecklistView,
    add_item,
    appendix_rows,
    findings,
    list_checklist,
    propose_checklist,
    remove_item,
    update_item,
)
from models.db import Database
from models.documents import list_documents
from texts import WeerbaarError, dutch_date, t
from ui.safe import md


def error_text(exc: Exception) -> str:
    """The Dutch message of an error raised by a service, escaped (it may quote a title or file name)."""
    return md(exc.message() if isinstance(exc, WeerbaarError) else str(exc))


def _status(status: str) -> str:
    return t(f"documents.status.{status}") if status else "—"


def _pillar_table(items: list[ChecklistView], titles: dict[int, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("documents.col.instrument"): item.label,
                t("documents.col.proposed"): _status(item.proposed_status),
                t("documents.col.confirmed"): _status(item.status),
                t("documents.col.documents"): "; ".join(titles.get(i, "?") for i in item.document_ids),
                t("documents.col.evidence"): " · ".join(item.evidence),
                t("documents.col.note"): item.note,
            }
            for item in items
        ]
    )


def checklist_section(db: Database, actor: Actor, scan_id: int) -> None:
    """Per pillar the instruments with proposed and confirmed status; confirm, edit, add, remove."""
    st.subheader(t("documents.checklist.title"))
    st.write(t("documents.checklist.intro"))
    if st.button(t("documents.checklist.propose"), key="documents_propose"):
        changed = propose_checklist(db, actor, scan_id)
        st.success(t("documents.checklist.proposed", count=changed))
    items = list_checklist(db, actor, scan_id)
    titles = {document.id: document.title for document in list_documents(db, actor, scan_id)}
    for pillar in PILLARS:
        own = [item for item in items if item.pillar == pillar]
        if own:
            st.markdown(f"**{t(f'documents.pillar.{pillar}')}**")
            st.dataframe(_pillar_table(own, titles), hide_index=True, use_container_width=True)
    if items:
        _edit_item(db, actor, items, titles)
    _add_item(db, actor, scan_id)


def _edit_item(db: Database, actor: Actor, items: list[ChecklistView], titles: dict[int, str]) -> None:
    by_id = {item.id: item for item in items}
    st.markdown(f"**{t('documents.checklist.edit')}**")
    chosen = st.selectbox(
        t("documents.checklist.choose"),
        list(by_id),
        format_func=lambda i: f"{by_id[i].pillar} · {by_id[i].label}",
        key="documents_item",
    )
    item = by_id[int(chosen)]
    if item.description:
        st.text(item.description)
    if item.proposed_status:
        st.text(t("documents.checklist.proposal", status=_status(item.proposed_status)))
        for line in item.evidence:
            st.text(f"· {line}")
    cols = st.columns(2)
    if cols[0].button(
        t("documents.checklist.accept"), disabled=not item.proposed_status, key=f"documents_accept_{item.id}"
    ):
        update_item(db, actor, item.id, status=item.proposed_status)
        st.rerun()
    if cols[1].button(t("documents.checklist.remove"), key=f"documents_remove_{item.id}"):
        remove_item(db, actor, item.id)
        st.rerun()
    options = ["", *STATUSES]
    with st.form(f"documents_item_form_{item.id}"):
        status = st.selectbox(
            t("documents.field.status"),
            options,
            index=options.index(item.status) if item.status in options else 0,
            format_func=lambda s: _status(s) if s else t("documents.checklist.not_confirmed"),
            key=f"documents_status_{item.id}",
        )
        label = st.text_input(t("documents.field.label"), value=item.label, key=f"documents_label_{item.id}")
        linked = st.multiselect(
            t("documents.field.linked"),
            list(titles),
            default=[i for i in item.document_ids if i in titles],
            format_func=lambda i: titles[i],
            key=f"documents_linked_{item.id}",
        )
        note = st.text_area(t("documents.field.note"), value=item.note, key=f"documents_note_{item.id}")
        saved = st.form_submit_button(t("documents.checklist.save"))
    if saved:
        try:
            update_item(db, actor, item.id, status=status, label=label, note=note, document_ids=list(linked))
        except (WeerbaarError, ValueError) as exc:
            st.error(error_text(exc))
        else:
            st.rerun()


def _add_item(db: Database, actor: Actor, scan_id: int) -> None:
    with st.expander(t("documents.checklist.add")), st.form("documents_add_form"):
        pillar = st.selectbox(
            t("documents.field.pillar"),
            list(PILLARS),
            format_func=lambda p: t(f"documents.pillar.{p}"),
            key="documents_add_pillar",
        )
        label = st.text_input(t("documents.field.label"), key="documents_add_label")
        description = st.text_input(t("documents.field.description"), key="documents_add_description")
        added = st.form_submit_button(t("documents.checklist.add_submit"))
    if added:
        try:
            add_item(db, actor, scan_id, pillar=pillar, label=label, description=description)
        except (WeerbaarError, ValueError) as exc:
            st.error(error_text(exc))
        else:
            st.rerun()


def findings_section(db: Database, actor: Actor, scan_id: int) -> None:
    """The findings sentences per pillar and the appendix "Bestudeerde documenten"."""
    st.subheader(t("documents.findings.title"))
    sentences = findings(db, actor, scan_id)
    for pillar in PILLARS:
        own = [finding for finding in sentences if finding.pillar == pillar]
        if not own:
            continue
        st.markdown(f"**{t(f'documents.pillar.{pillar}')}**")
        for finding in own:
            suffix = "" if finding.confirmed else f" {t('documents.findings.unconfirmed')}"
            st.text(f"• {finding.sentence}{suffix}")
    st.subheader(t("documents.appendix.title"))
    rows = appendix_rows(db, actor, scan_id)
    if not rows:
        st.info(t("documents.list.none"))
        return
    table = pd.DataFrame(
        [
            {
                t("documents.col.title"): row["title"],
                t("documents.col.kind"): row["kind"],
                t("documents.col.owner"): row["owner"],
                t("documents.col.date"): dutch_date(row["date"]) if row["date"] else "",
                t("documents.col.version"): row["version"],
            }
            for row in rows
        ]
    )
    st.dataframe(table, hide_index=True, use_container_width=True)
    st.download_button(
        t("documents.appendix.download"),
        table.to_csv(index=False).encode("utf-8-sig"),
        file_name="bestudeerde_documenten.csv",
        mime="text/csv",
        key="documents_appendix_csv",
    )
