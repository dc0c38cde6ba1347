"""Dutch for the texts Streamlit draws itself.

Streamlit has no translations. Where a widget takes its text as a parameter
(``placeholder=`` of selectbox and multiselect) the pages pass the Dutch
texts of :data:`PLACEHOLDER` and :data:`PLACEHOLDER_MANY`; the multiselects hide
the untranslatable "Select all" (``select_all=False``). The file uploader's
button ("Upload") and size line ("20MB per file"), and the "No results" of a
selectbox or multiselect whose filter matches nothing, are hidden and replaced
by Dutch through a small style sheet, injected by :func:`dutch_widget_texts`
from ``app.py``.
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
    """Put Dutch over the file uploader's own English texts (a style sheet; no layout space used).

    The English text is hidden (``visibility: hidden``, so it is also left out
    of the page's text for a screen reader or a copy) and Dutch is drawn in
    its place; the page's React tree is not touched.
    """
    browse = json.dumps(t("state.uploader.browse"))
    limit = json.dumps(t("state.uploader.limit", mb=upload_limit_mb()))
    no_results = json.dumps(t("state.no_results"))
    empty = '[role="listbox"][data-empty="true"] [role="option"] span'  # the dropdown's "No results"
    hidden = "font-size: 0; visibility: hidden;"
    shown = "font-size: 0.875rem; visibility: visible;"
    st.html(
        f"""<style>
[data-testid="stFileUploaderDropzone"] button p {{ {hidden} }}
[data-testid="stFileUploaderDropzone"] button p::after {{ content: {browse}; {shown} }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ {hidden} }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {limit}; {shown} }}
{empty} {{ {hidden} }}
{empty}::after {{ content: {no_results}; {shown} }}
</style>"""
    )


def placeholder() -> str:
    """The Dutch text of an empty selectbox."""
    return t("state.choose")


def placeholder_many() -> str:
    """The Dutch text of an empty multiselect."""
    return t("state.choose_many")
