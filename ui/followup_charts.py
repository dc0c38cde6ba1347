"""Figures of the comparison (plotly, Dutch labels, n in every label): the pages draw them."""

from __future__ import annotations

import plotly.graph_objects as go

from coding.compare import StatementComparison, ThemeChange
from texts import t

COLOURS = ("#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac", "#053061", "#7f7f7f")


def statement_figure(item: StatementComparison) -> go.Figure:
    """One statement: a 100 % stacked bar for the nulmeting and one for the follow-up, side by side."""
    rows = [t("followup.chart.baseline", n=item.before.n), t("followup.chart.followup", n=item.after.n)]
    fig = go.Figure()
    count = len(item.after.labels)
    for index, label in enumerate(item.after.labels):
        colour = COLOURS[round(index * (4 / max(count - 1, 1)))] if count <= 5 else COLOURS[index % len(COLOURS)]
        values = [item.before.percentages[index], item.after.percentages[index]]
        fig.add_bar(
            y=rows, x=values, name=label, orientation="h", marker_color=colour,
            text=[f"{round(v)} %" if v >= 5 else "" for v in values], textposition="inside",
            hovertemplate="%{y}: %{x:.0f} %<extra>" + label + "</extra>",
        )  # fmt: skip
    fig.update_layout(
        barmode="stack", height=200, margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"range": [0, 100], "title": t("followup.chart.percent")}, yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": -0.4}, title={"text": item.text[:90], "font": {"size": 13}},
    )  # fmt: skip
    return fig


def theme_figure(themes: list[ThemeChange], names: dict[str, str], n_before: int, n_after: int) -> go.Figure:
    """Fragments per interview per theme, nulmeting and follow-up side by side."""
    labels = [names.get(x.theme, x.theme) for x in themes]
    fig = go.Figure()
    fig.add_bar(x=labels, y=[x.before.per_interview for x in themes], name=t("followup.chart.baseline", n=n_before),
                marker_color="#9ecae1")  # fmt: skip
    fig.add_bar(x=labels, y=[x.after.per_interview for x in themes], name=t("followup.chart.followup", n=n_after),
                marker_color="#2166ac")  # fmt: skip
    fig.update_layout(
        barmode="group", height=360, margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis={"title": t("followup.chart.per_interview")}, legend={"orientation": "h", "y": 1.12},
    )  # fmt: skip
    return fig
