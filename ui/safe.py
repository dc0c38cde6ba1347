"""Showing user-entered text without Streamlit interpreting it as markdown or HTML.

Names, roles, answers, titles, memos, quotes, speaker labels and file names come
from users (or from files they upload). Rendered through ``st.markdown`` or a
widget label, ``![p](http://…)`` becomes an image the browser fetches and
``[klik](javascript:…)`` a link. :func:`md` escapes every markdown and HTML
special character so the text shows literally; use it wherever user text is
put inside a markdown string (``st.markdown``, ``st.caption``, ``st.info``,
labels), or show the text with ``st.text``.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~=$:&])")


def md(text: object) -> str:
    """``text`` with every markdown/HTML special character backslash-escaped (newlines kept as breaks)."""
    escaped = _SPECIAL.sub(r"\\\1", str(text))
    return escaped.replace("\n", "  \n")
