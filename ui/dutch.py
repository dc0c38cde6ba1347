"""Dutch for the texts Streamlit draws itself.

Streamlit has no translations. Where a widget takes its text as a parameter
(``placeholder=`` of selectbox and multiselect) the pages pass the Dutch
texts of :data:`PLACEHOLDER` and :data:`PLACEHOLDER_MANY`; the multiselects hide
the untranslatable "Select all" (``select_all=False``). The file uploader's
button ("Upload") and size line ("20MB per file") are rewritten in Dutch by
a small script, injected by :func:`dutch_widget_texts` from ``app.py``.
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
    """Replace the file uploader's own English texts by Dutch ones, in the page itself (no layout space used).

    A small observer rewrites the button ("Upload", "Browse files") and the size
    line ("20MB per file • VTT, SRT") whenever Streamlit draws an uploader, so
    the text is Dutch for the eye and for a screen reader alike.
    """
    browse = json.dumps(t("state.uploader.browse"))
    limit = json.dumps(t("state.uploader.limit", mb=upload_limit_mb()))
    st.html(
        f"""<script>
(function() {{
  if (window.weerbaarDutch) return;
  window.weerbaarDutch = true;
  const browse = {browse}, limit = {limit};
  function dutch() {{
    document.querySelectorAll('[data-testid="stFileUploaderDropzone"] button p').forEach((p) => {{
      if (p.textContent !== browse) p.textContent = browse;
    }});
    document.querySelectorAll('[data-testid="stFileUploaderDropzoneInstructions"] span').forEach((span) => {{
      const text = span.textContent;
      if (/per file|Drag and drop|Drop file/i.test(text)) {{
        const types = text.includes('•') ? ' • ' + text.split('•').slice(1).join('•').trim() : '';
        span.textContent = limit + types;
      }}
    }});
  }}
  new MutationObserver(dutch).observe(document.body, {{ childList: true, subtree: true, characterData: true }});
  dutch();
}})();
</script>""",
        unsafe_allow_javascript=True,
    )


def placeholder() -> str:
    """The Dutch text of an empty selectbox."""
    return t("state.choose")


def placeholder_many() -> str:
    """The Dutch text of an empty multiselect."""
    return t("state.choose_many")
