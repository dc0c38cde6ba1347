"""Small helpers the survey screens share: safe text and downloads of a chart."""

from __future__ import annotations

import hashlib
import re

import plotly.graph_objects as go
import streamlit as st

from coding import charts
from texts import t

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """``text`` with every Markdown character escaped, so user text is never rendered as Markdown."""
    return _MARKDOWN.sub(r"\\\1", text)


def slug(text: str) -> str:
    """A short stable key part for widget keys and file names."""
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:30] or "vraag"
    return f"{base}_{hashlib.sha1(text.encode('utf-8')).hexdigest()[:6]}"


def chart_downloads(fig: go.Figure, csv_data: bytes, key: str) -> None:
    """PNG (through :func:`coding.charts.figure_png`, else HTML) and CSV download buttons of one chart."""
    left, right = st.columns(2)
    if charts.png_export_available():
        left.download_button(
            t("charts.page.png"), data=lambda: charts.figure_png(fig), file_name=f"{key}.png", mime="image/png",
            key=f"survey_{key}_png", on_click="ignore",
        )  # fmt: skip
    else:
        left.download_button(
            t("charts.page.html"), data=charts.figure_html(fig), file_name=f"{key}.html", mime="text/html",
            key=f"survey_{key}_html", on_click="ignore",
        )  # fmt: skip
    right.download_button(
        t("survey.page.csv"), data=csv_data, file_name=f"{key}.csv", mime="text/csv", key=f"survey_{key}_csv",
        on_click="ignore",
    )  # fmt: skip
