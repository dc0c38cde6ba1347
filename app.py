"""Weerbaar: the front door. Page config, navigation, session defaults; no logic."""

from pathlib import Path

import streamlit as st

from texts import t
from ui.auth import login_gate
from ui.dutch import dutch_widget_texts
from ui.nav import ensure_navigation_mode, sidebar_menu

st.set_page_config(page_title=t("app.title"), page_icon="🛡️", layout="wide")
dutch_widget_texts()

HERE = Path(__file__).resolve().parent
PAGES = {
    "nav.section.interviews": [
        ("pages/start.py", "nav.start", "🏠", True),
        ("pages/scans.py", "nav.scans", "🗂️", False),
        ("pages/interview.py", "nav.interview", "🎙️", False),
        ("pages/transcript.py", "nav.transcript", "📄", False),
        ("pages/import.py", "nav.import", "📥", False),
    ],
    "nav.section.analysis": [
        ("pages/review.py", "nav.review", "✅", False),
        ("pages/agreement.py", "nav.agreement", "🤝", False),
        ("pages/charts.py", "nav.charts", "📊", False),
        ("pages/survey.py", "nav.survey", "📋", False),
        ("pages/topics.py", "nav.topics", "🧭", False),
        ("pages/quotes.py", "nav.quotes", "💬", False),
        ("pages/documents.py", "nav.documents", "📑", False),
        ("pages/report.py", "nav.report", "📝", False),
        ("pages/followup.py", "nav.followup", "🔁", False),
    ],
    "nav.section.settings": [
        ("pages/content.py", "nav.content", "📚", False),
        ("pages/admin.py", "nav.admin", "🔐", False),
    ],
}

ensure_navigation_mode(rerun=False)
st.session_state.setdefault("scan_id", None)
st.session_state.setdefault("interview_id", None)

if login_gate() is not None:
    sections = {
        t(section): [
            st.Page(str(HERE / path), title=t(title), icon=icon, default=default)
            for path, title, icon, default in pages
        ]
        for section, pages in PAGES.items()
    }
    navigation = st.navigation(sections, position="hidden")
    sidebar_menu(sections)
    navigation.run()
