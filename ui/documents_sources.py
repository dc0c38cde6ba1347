"""The documents part of the Documentstudie screen: upload with a metadata form, the list, the fragments."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from coding.documents import DocumentError, ParsedDocument, read_document
from coding.documents.metadata import KINDS
from models.auth import Actor
from models.db import Database
from models.documents import (
    DocumentInput,
    DocumentView,
    delete_document,
    document_fragments,
    import_documents,
    list_documents,
    update_document,
)
from texts import WeerbaarError, count, dutch_date, t
from ui.documents_checklist import error_text
from ui.safe import md

UPLOAD_TYPES = ["pdf", "docx", "txt", "md"]


def kind_label(kind: str) -> str:
    """The Dutch name of a kind of document."""
    return t(f"documents.kind.{kind}")


@st.cache_data(show_spinner=False, max_entries=20, ttl=3600)
def _parse(digest: str, name: str, data: bytes) -> ParsedDocument:
    return read_document(data, name)


def _metadata_form(index: int, name: str, parsed: ParsedDocument) -> DocumentInput:
    meta = parsed.metadata
    st.text(t("documents.upload.file", name=name, pages=parsed.pages or "?", paragraphs=len(parsed.paragraphs)))
    for warning in parsed.warnings:
        st.warning(md(warning))
    cols = list(st.columns([3, 2]))
    title = cols[0].text_input(t("documents.field.title"), value=meta.title, key=f"documents_title_{index}")
    kind = cols[1].selectbox(
        t("documents.field.kind"),
        list(KINDS),
        index=list(KINDS).index(meta.kind),
        format_func=kind_label,
        key=f"documents_kind_{index}",
    )
    cols = list(st.columns(3))
    owner = cols[0].text_input(t("documents.field.owner"), value=meta.owner, key=f"documents_owner_{index}")
    when = cols[1].text_input(
        t("documents.field.date"),
        value=dutch_date(meta.date) if meta.date else "",
        help=t("documents.field.date_help", source=meta.date_source or "—"),
        key=f"documents_date_{index}",
    )
    version = cols[2].text_input(t("documents.field.version"), value=meta.version, key=f"documents_version_{index}")
    return DocumentInput(name, b"", title=title, doc_kind=kind, owner=owner, date=when, version=version, parsed=parsed)


def upload_section(db: Database, actor: Actor, scan_id: int) -> None:
    """Upload one or more files, check the metadata read from them, import."""
    st.subheader(t("documents.upload.title"))
    st.write(t("documents.upload.intro"))
    uploads = st.file_uploader(
        t("documents.upload.files"), type=UPLOAD_TYPES, accept_multiple_files=True, key="documents_upload"
    )
    if not uploads:
        return
    inputs: list[DocumentInput] = []
    refused: list[tuple[str, str]] = []
    with st.form("documents_import_form"):
        for index, upload in enumerate(uploads):
            data = upload.getvalue()
            try:
                parsed = _parse(hashlib.sha256(data).hexdigest(), upload.name, data)
            except DocumentError as exc:
                refused.append((upload.name, exc.message()))
                continue
            with st.container(border=True):
                item = _metadata_form(index, upload.name, parsed)
            item.data = data
            inputs.append(item)
        for name, reason in refused:
            st.error(t("documents.upload.refused", name=md(name), reason=md(reason)))
        if refused:
            st.warning(t("documents.upload.nothing"))
        submitted = st.form_submit_button(t("documents.upload.submit"), disabled=not inputs or bool(refused))
    if submitted:
        with st.spinner(t("documents.upload.busy")):
            try:
                result = import_documents(db, actor, scan_id, inputs)
            except (WeerbaarError, PermissionError, ValueError) as exc:
                st.error(error_text(exc))
                return
        if result.documents:
            st.success(
                t(
                    "documents.upload.done",
                    documents=count(result.documents, "document"),
                    fragments=count(result.fragments, "fragment"),
                    pages=count(result.pages, "pagina"),
                )
            )
        for refusal in result.refused:
            st.error(t("documents.upload.refused", name=md(refusal.file), reason=md(refusal.reason)))
        if result.refused:
            st.warning(t("documents.upload.nothing"))


def _table(documents: list[DocumentView]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("documents.col.title"): document.title,
                t("documents.col.kind"): kind_label(document.doc_kind),
                t("documents.col.owner"): document.owner,
                t("documents.col.date"): dutch_date(document.date) if document.date else "",
                t("documents.col.version"): document.version,
                t("documents.col.pages"): document.pages if document.pages is not None else "",
                t("documents.col.fragments"): document.fragments,
                t("documents.col.file"): document.filename,
            }
            for document in documents
        ]
    )


def documents_section(db: Database, actor: Actor, scan_id: int) -> None:
    """The studied documents; per document its fragments with page and heading, edit and remove."""
    st.subheader(t("documents.list.title"))
    documents = list_documents(db, actor, scan_id)
    if not documents:
        st.info(t("documents.list.none"))
        return
    st.dataframe(_table(documents), hide_index=True, use_container_width=True)
    by_id = {document.id: document for document in documents}
    chosen = st.selectbox(
        t("documents.list.choose"), list(by_id), format_func=lambda i: by_id[i].title, key="documents_chosen"
    )
    document = by_id[int(chosen)]
    for warning in document.warnings:
        st.warning(md(warning))
    fragments = document_fragments(db, actor, document.id)
    st.caption(t("documents.fragments.count", fragments=count(len(fragments), "fragment")))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("documents.col.page"): fragment.page if fragment.page is not None else "",
                    t("documents.col.heading"): fragment.heading,
                    t("documents.col.fragment"): fragment.text,
                    t("documents.col.pillar"): fragment.top_pillar or "",
                    t("documents.col.status"): t(f"documents.fragment_status.{fragment.status}"),
                }
                for fragment in fragments
            ]
        ),
        hide_index=True,
        use_container_width=True,
    )
    _edit_form(db, actor, document)


def _edit_form(db: Database, actor: Actor, document: DocumentView) -> None:
    with st.expander(t("documents.edit.title")):
        with st.form(f"documents_edit_{document.id}"):
            title = st.text_input(
                t("documents.field.title"), value=document.title, key=f"documents_e_title_{document.id}"
            )
            kind = st.selectbox(
                t("documents.field.kind"),
                list(KINDS),
                index=list(KINDS).index(document.doc_kind) if document.doc_kind in KINDS else len(KINDS) - 1,
                format_func=kind_label,
                key=f"documents_e_kind_{document.id}",
            )
            owner = st.text_input(
                t("documents.field.owner"), value=document.owner, key=f"documents_e_owner_{document.id}"
            )
            when = st.text_input(
                t("documents.field.date"),
                value=dutch_date(document.date) if document.date else "",
                key=f"documents_e_date_{document.id}",
            )
            version = st.text_input(
                t("documents.field.version"), value=document.version, key=f"documents_e_version_{document.id}"
            )
            saved = st.form_submit_button(t("documents.edit.save"))
        if saved:
            try:
                update_document(
                    db, actor, document.id, title=title, doc_kind=kind, owner=owner, date=when, version=version
                )
            except (WeerbaarError, ValueError) as exc:
                st.error(error_text(exc))
            else:
                st.success(t("documents.edit.saved"))
                st.rerun()
        sure = st.checkbox(t("documents.delete.confirm"), key=f"documents_delete_sure_{document.id}")
        if st.button(t("documents.delete.button"), disabled=not sure, key=f"documents_delete_{document.id}"):
            delete_document(db, actor, document.id)
            st.success(t("documents.delete.done"))
            st.rerun()
