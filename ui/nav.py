"""The sidebar menu: Dutch page titles under section headers, drawn by the app itself.

Streamlit's own sidebar menu is switched off (``client.showSidebarNavigation =
false``): on a cold start it would first list the file names in ``pages/``.
``app.py`` registers the pages with ``st.navigation(position="hidden")`` and
this module draws the links, so the first paint is already Dutch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st


def ensure_navigation_mode(*, rerun: bool = True) -> None:
    """Leave Streamlit's pages-directory mode for the whole process.

    Until ``st.navigation`` has run once in a process, Streamlit serves a
    page's address (``/interview``) by running ``pages/interview.py`` on its
    own, without ``app.py``. A reload or a link on a freshly started server
    would then miss the page setup and the menu. ``app.py`` calls this with
    ``rerun=False`` (it is already the front door); every page calls it
    through :func:`ui.state.get_db`, and a page run on its own switches the
    mode off and runs the app again, now through ``app.py``.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        if rerun:
            st.rerun()


def sidebar_menu(sections: Mapping[str, Sequence[st.Page]]) -> None:
    """One link per page, grouped by section, at the top of the sidebar."""
    with st.sidebar:
        for section, pages in sections.items():
            st.caption(section)
            for page in pages:
                st.page_link(page, label=page.title, icon=page.icon)
        st.divider()
