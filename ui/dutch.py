"""Dutch for the texts Streamlit draws itself.

Streamlit has no translations. Where a widget takes its text as a parameter
(``placeholder=`` of selectbox and multiselect) the pages pass the Dutch
texts of :data:`PLACEHOLDER` and :data:`PLACEHOLDER_MANY`; the multiselects hide
the untranslatable "Select all" (``select_all=False``). The file uploader's
button ("Upload") and size line ("20MB per file") are replaced by a small
style sheet, injected once per run by :func:`dutch_widget_texts`.
"""

from __future__ import annotations

import json

import streamlit as st

from texts import t


def upload_limit_mb() -> int:
    """The upload limit in MB the uploader enforces (``server.maxUploadSize``)."""
    from streamlit import config

    return int(config.get_option("server.maxUploadSize"))


def dutch_widget_texts() -> None:
    """Put Dutch over the file uploader's own English texts (no layout space is used)."""
    browse = json.dumps(t("state.uploader.browse"))
    limit = json.dumps(t("state.uploader.limit", mb=upload_limit_mb()))
    st.html(
        f"""<style>
[data-testid="stFileUploaderDropzone"] button p {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button p::after {{ content: {browse}; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {limit}; font-size: 0.875rem; }}
</style>"""
    )


def placeholder() -> str:
    """The Dutch text of an empty selectbox."""
    return t("state.choose")


def placeholder_many() -> str:
    """The Dutch text of an empty multiselect."""
    return t("state.choose_many")
