"""Showing user-entered text without Streamlit interpreting it as markdown or HTML.

Names, roles, answers, titles, memos, quotes, speaker labels and file names come
from users (or from files they upload). Rendered through ``st.markdown`` or a
widget label, ``![p](http://…)`` becomes an image the browser fetches,
``[klik](javascript:…)`` a link and ``<img …>`` HTML. :func:`md` backslash-escapes
what markdown (GitHub flavour, as Streamlit renders it) could turn into
formatting, links, images, HTML, math, colours or lists, so the text shows
literally; ordinary sentences (with ``.``, ``,``, ``(``, ``'``, ``:``) come out
unchanged. Use it wherever user text is put inside a markdown string
(``st.markdown``, ``st.caption``, ``st.info``/``st.error``…, labels, radio
options), or show the text with ``st.text``.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>#|~$])")
"""Characters that open emphasis, code, links and images, HTML, headings, tables, strike-through, math."""
_LINE_START = re.compile(r"^([ \t]*)([-+=>]|\d+[.)])", re.MULTILINE)
"""List items, quotes and setext underlines at the start of a line."""
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www)(:|\.)")
"""Bare URLs that GitHub-flavoured markdown turns into links."""


def md(text: object) -> str:
    """``text`` with every markdown/HTML construct escaped, so Streamlit shows it literally."""
    escaped = _INLINE.sub(r"\\\1", str(text))
    escaped = _AUTOLINK.sub(lambda m: f"{m[1]}\\{m[2]}", escaped)
    return _LINE_START.sub(lambda m: f"{m[1]}{m[2][:-1]}\\{m[2][-1]}", escaped)
