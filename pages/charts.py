"""Overzicht: charts of the coded fragments, each downloadable as PNG and as a CSV table.

The data comes from :func:`models.chart_data.coded_frame` (accepted codes only,
unless the user includes open suggestions); the figures from
:mod:`coding.charts`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from coding import charts
from models.auth import Actor
from models.cells import csv_bytes
from models.chart_data import chart_legend, coded_frame
from texts import count, t
from ui.safe import md
from ui.state import current_actor, current_scan_id, get_db

logger = logging.getLogger(__name__)


@st.cache_data(ttl=30, max_entries=32, show_spinner=False)
def _frame(url: str, actor: Actor, scan_id: int, include_suggestions: bool) -> pd.DataFrame:
    return coded_frame(get_db(), actor, scan_id, include_suggestions=include_suggestions)


@st.cache_data(ttl=300, max_entries=32, show_spinner=False)
def _legend(url: str, actor: Actor, scan_id: int) -> tuple[dict[str, str], dict[str, str]]:
    return chart_legend(get_db(), actor, scan_id)


def _png(fig: go.Figure) -> Callable[[], bytes]:
    return lambda: charts.figure_png(fig)


def _chart(key: str, title: str, build: Callable[[], tuple[go.Figure, pd.DataFrame]]) -> None:
    st.subheader(md(title))
    try:
        fig, table = build()
    except (KeyError, ValueError) as error:  # one broken chart must not hide the others
        logger.exception("chart %s failed", key)
        st.warning(t("charts.page.error", error=md(error)))
        return
    st.plotly_chart(fig, key=f"charts_{key}_figure", width="stretch")
    png, csv = st.columns(2)
    if charts.png_export_available():
        png.download_button(
            t("charts.page.png"), data=_png(fig), file_name=f"{key}.png", mime="image/png",
            key=f"charts_{key}_png", on_click="ignore",
        )
    else:
        png.caption(t("charts.page.no_png"))
        png.download_button(
            t("charts.page.html"), data=charts.figure_html(fig), file_name=f"{key}.html", mime="text/html",
            key=f"charts_{key}_html", on_click="ignore",
        )
    csv.download_button(
        t("charts.page.csv"), data=csv_bytes(table), file_name=f"{key}.csv",
        mime="text/csv", key=f"charts_{key}_csv", on_click="ignore",
    )


def _cooccurrence_table(frame: pd.DataFrame) -> pd.DataFrame:
    matrix = charts.theme_cooccurrence(frame) if not frame.empty else pd.DataFrame()
    return matrix.rename_axis("thema").reset_index() if not matrix.empty else matrix


def main() -> None:
    st.header(t("charts.page.title"))
    scan_id = current_scan_id()
    if scan_id is None:
        st.info(t("review.no_scan"))
        return
    actor = current_actor()
    url = get_db().url
    include = st.toggle(t("charts.page.include_suggestions"), key="charts_include_suggestions")
    frame = _frame(url, actor, scan_id, include)
    names, colors = _legend(url, actor, scan_id)
    n = int(frame["fragment_id"].nunique()) if not frame.empty else 0
    basis = "charts.page.basis.suggestions" if include else "charts.page.basis.accepted"
    st.caption(t(basis, fragments=count(n, "fragment")))
    if frame.empty:
        st.info(t("charts.page.empty"))
    _chart(
        "pijler_thema",
        t("charts.page.pillar_theme"),
        lambda: (charts.fig_fragments_per_pillar_theme(frame, names, colors), charts.pillar_theme_counts(frame, names)),
    )
    _chart("per_functie", t("charts.page.by_role"), lambda: (charts.fig_by_group(frame, "role", names, colors), frame))
    _chart(
        "per_afdeling",
        t("charts.page.by_department"),
        lambda: (charts.fig_by_group(frame, "department", names, colors), frame),
    )
    _chart(
        "samen_voorkomen",
        t("charts.page.cooccurrence"),
        lambda: (charts.fig_cooccurrence(frame, names), _cooccurrence_table(frame)),
    )
    _chart(
        "per_interview",
        t("charts.page.share"),
        lambda: (charts.fig_pillar_share_per_interview(frame, names, colors), frame),
    )


main()
