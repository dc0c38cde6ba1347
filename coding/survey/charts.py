"""Charts of survey questions (plotly) in the seed report's style, with Dutch labels.

- Likert statements: 100% stacked horizontal bars (one bar per statement of a
  grid), the scale's labels in the legend from negative to positive, "(n=146)"
  in the title (or per statement when n differs).
- Choices and multiple answers: horizontal bars with the percentage of n.
PNG export goes through :func:`coding.charts.figure_png`; the CSV behind each
chart comes from :mod:`coding.survey.stats`.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from coding.charts import FONT, empty_figure
from coding.survey.stats import FrequencyTable, rounded
from texts import t

DIVERGING: dict[int, tuple[str, ...]] = {
    2: ("#d7301f", "#1a9850"),
    3: ("#d7301f", "#bdbdbd", "#1a9850"),
    4: ("#d7301f", "#fc8d59", "#91cf60", "#1a9850"),
    5: ("#d7301f", "#fc8d59", "#bdbdbd", "#91cf60", "#1a9850"),
    6: ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"),
    7: ("#b2182b", "#ef8a62", "#fddbc7", "#bdbdbd", "#d1e5f0", "#67a9cf", "#2166ac"),
}
BAR_COLOR = "#1f77b4"


def _title(text: str, ns: Sequence[int]) -> str:
    low, high = min(ns), max(ns)
    if low == high:
        return t("survey.chart.title_n", title=text, n=low)
    return t("survey.chart.title_range", title=text, low=low, high=high)


def _wrap(text: str, width: int = 60) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def fig_likert(tables: Sequence[FrequencyTable], title: str | None = None) -> go.Figure:
    """Stacked 100% horizontal bars for one statement or the statements of a grid.

    Args:
        tables: One table per statement, all on the same scale (labels in order
            negative → positive).
        title: The grid's question; the statement itself when one table.
    """
    tables = [table for table in tables if table.n > 0]
    if not tables:
        return empty_figure(t("survey.chart.no_data"))
    labels = [row.label for row in tables[0].rows]
    colors = DIVERGING.get(len(labels), DIVERGING[7][: len(labels)] or (BAR_COLOR,))
    same_n = len({table.n for table in tables}) == 1
    names = [table.text if same_n else f"{table.text} (n={table.n})" for table in tables]
    fig = go.Figure()
    for index, label in enumerate(labels):
        values = [next((row.pct for row in table.rows if row.label == label), 0.0) for table in tables]
        fig.add_trace(
            go.Bar(
                name=label,
                y=[_wrap(name, 45) for name in names],
                x=values,
                orientation="h",
                marker_color=colors[index % len(colors)],
                text=[f"{rounded(value)}%" if value >= 4 else "" for value in values],
                textposition="inside",
                hovertemplate="%{y}<br>" + label + ": %{x:.1f}%<extra></extra>",
            )
        )
    heading = title or (tables[0].text if len(tables) == 1 else "")
    fig.update_layout(
        barmode="stack",
        title={"text": _wrap(_title(heading, [table.n for table in tables]), 80), "x": 0, "xanchor": "left"},
        font=FONT,
        template="plotly_white",
        height=max(260, 160 + 60 * len(tables)),
        legend={"orientation": "h", "y": -0.15, "traceorder": "normal"},
        margin={"l": 10, "r": 20, "t": 80, "b": 60},
        xaxis={"range": [0, 100], "ticksuffix": "%", "title": t("survey.chart.share")},
    )
    fig.update_yaxes(autorange="reversed")
    return fig


def fig_bars(table: FrequencyTable, title: str | None = None) -> go.Figure:
    """Horizontal bars with the share of n per option (choice, multiple answers, numbers, months)."""
    if table.n == 0 or not table.rows:
        if table.type == "open" and table.n:
            return empty_figure(t("survey.chart.open", n=table.n))
        return empty_figure(t("survey.chart.no_data"))
    fig = go.Figure(
        go.Bar(
            y=[_wrap(row.label, 45) for row in table.rows],
            x=[row.pct for row in table.rows],
            orientation="h",
            marker_color=BAR_COLOR,
            text=[f"{rounded(row.pct)}% ({row.count})" for row in table.rows],
            textposition="auto",
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        )
    )
    fig.update_layout(
        title={"text": _wrap(_title(title or table.text, [table.n]), 80), "x": 0, "xanchor": "left"},
        font=FONT,
        template="plotly_white",
        height=max(260, 140 + 34 * len(table.rows)),
        margin={"l": 10, "r": 20, "t": 80, "b": 40},
        xaxis={"range": [0, 100], "ticksuffix": "%", "title": t("survey.chart.share")},
    )
    fig.update_yaxes(autorange="reversed")
    return fig


def fig_question(tables: Sequence[FrequencyTable], title: str | None = None) -> go.Figure:
    """The seed's chart for a question (or grid): Likert bars or frequency bars."""
    if tables and tables[0].type == "likert":
        return fig_likert(tables, title)
    return fig_bars(tables[0], title) if tables else empty_figure(t("survey.chart.no_data"))
