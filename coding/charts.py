"""Report charts of coded fragments (plotly), with Dutch labels.

Every function takes a DataFrame of coded fragments with one row per
(fragment, code): columns ``fragment_id``, ``interview`` (title), ``role``,
``department``, ``pillar`` (code) and ``theme`` (code or ``None``). A fragment
carrying several themes has several rows; counts are always of *distinct*
fragments, so such a fragment counts once per pillar or theme it carries.

``names`` maps pillar and theme codes to their Dutch names (codes without a
name are shown as the code), ``colors`` maps pillar codes to colours. Pillars
appear in the order of ``colors`` and then alphabetically.

Every chart function returns :func:`empty_figure` with a Dutch message when
there is nothing to draw. PNG export (:func:`figure_png`) needs kaleido and a
Chrome or Chromium on the machine (Debian: ``apt-get install chromium``);
:func:`figure_html` is the fallback that needs no browser.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from itertools import combinations
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from texts import count, t

logger = logging.getLogger(__name__)

COLUMNS: tuple[str, ...] = ("fragment_id", "interview", "role", "department", "pillar", "theme")
GROUPS: tuple[str, ...] = ("role", "department")
FALLBACK_COLORS: tuple[str, ...] = tuple(qualitative.Plotly)
FONT = {"family": "Arial, Helvetica, sans-serif", "size": 13}
PNG_SIZE: dict[str, int] = {"width": 1000, "height": 600, "scale": 2}
"""Default PNG size in pixels (scale 2 keeps text sharp in a report)."""
COOCCURRENCE_SCALE: tuple[tuple[float, str], ...] = (
    (0.0, "#ffffff"),
    (0.25, "#c6dbef"),
    (0.5, "#6baed6"),
    (0.75, "#2171b5"),
    (1.0, "#08306b"),
)
"""Sequential white → dark blue: 0 reads white, the most frequent pair darkest."""
DIAGONAL_COLOR = "#e5e5e5"


class ChartExportError(RuntimeError):
    """A chart could not be exported; the message is Dutch, for the user."""


def empty_figure(message: str | None = None) -> go.Figure:
    """Return a blank figure that shows only ``message``.

    Args:
        message: Dutch text; defaults to ``t("charts.empty")``
            ("Nog geen gecodeerde fragmenten").
    """
    fig = go.Figure()
    fig.add_annotation(
        text=message or t("charts.empty"),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={**FONT, "size": 16, "color": "#666666"},
    )
    fig.update_layout(
        xaxis={"visible": False},
        yaxis={"visible": False},
        plot_bgcolor="white",
        paper_bgcolor="white",
        height=300,
    )
    return fig


def pillar_theme_counts(df: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Count distinct fragments per pillar and theme (the table behind chart 1).

    Args:
        df: Coded fragments (see module docstring).
        names: Code → Dutch name.

    Returns:
        Columns ``pillar``, ``pillar_name``, ``theme`` (``None`` for fragments
        with the pillar but none of its themes), ``theme_name`` and
        ``fragments`` (distinct fragments); pillars in the order of ``names``
        (the codebook), themes by count (descending) then code, "no theme"
        last within its pillar.
    """
    columns = ["pillar", "pillar_name", "theme", "theme_name", "fragments"]
    data = _clean(df)
    if data.empty:
        return pd.DataFrame(columns=columns)
    themed = data[data["theme"].notna()]
    counts = themed.groupby(["pillar", "theme"])["fragment_id"].nunique().rename("fragments").reset_index()
    # "No theme": fragments with the pillar but none of its themes.
    with_theme = set(zip(themed["pillar"], themed["fragment_id"], strict=True))
    bare = data[data["theme"].isna()]
    keep = [(p, f) not in with_theme for p, f in zip(bare["pillar"], bare["fragment_id"], strict=True)]
    bare = bare.loc[pd.Series(keep, index=bare.index, dtype=bool)]
    bare_counts = bare.groupby("pillar")["fragment_id"].nunique().rename("fragments").reset_index()
    bare_counts["theme"] = None
    counts = pd.concat([counts, bare_counts], ignore_index=True)
    counts["theme"] = counts["theme"].astype(object).where(counts["theme"].notna(), None)
    order = {code: i for i, code in enumerate(_pillar_order(counts["pillar"], names))}
    counts["_order"] = counts["pillar"].map(order)
    counts["_bare"] = counts["theme"].isna()
    counts["_theme"] = counts["theme"].fillna("")
    counts = counts.sort_values(["_order", "_bare", "fragments", "_theme"], ascending=[True, True, False, True])
    counts["pillar_name"] = [names.get(code, code) for code in counts["pillar"]]
    counts["theme_name"] = [
        names.get(code, code) if code is not None else t("charts.no_theme") for code in counts["theme"]
    ]
    counts["fragments"] = counts["fragments"].astype(int)
    return counts[columns].reset_index(drop=True)


def fig_fragments_per_pillar_theme(df: pd.DataFrame, names: Mapping[str, str], colors: Mapping[str, str]) -> go.Figure:
    """Horizontal bars of fragments per theme, grouped by pillar.

    One trace per pillar (legend = pillar name with its n), bars labelled with
    their count, the total number of distinct fragments in the title.

    Args:
        df: Coded fragments (see module docstring).
        names: Code → Dutch name.
        colors: Pillar code → colour.
    """
    data = _clean(df)
    if data.empty:
        return empty_figure(t("charts.empty"))
    counts = pillar_theme_counts(data, names)
    pillar_n = data.groupby("pillar")["fragment_id"].nunique()
    fig = go.Figure()
    for pillar in _pillar_order(counts["pillar"], colors):
        rows = counts[counts["pillar"] == pillar]
        pillar_label = names.get(pillar, pillar)
        fig.add_bar(
            name=t("charts.label.with_n", label=pillar_label, n=int(pillar_n[pillar])),
            orientation="h",
            # Multi-category axis: pillar name outside, theme name inside.
            y=[[pillar_label] * len(rows), list(rows["theme_name"])],
            x=list(rows["fragments"]),
            text=list(rows["fragments"]),
            textposition="outside",
            cliponaxis=False,  # the label of the longest bar stays readable
            marker_color=_color(pillar, colors),
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    n_bars = len(counts)
    _layout(
        fig,
        title=t("charts.title.pillar_theme", fragments=count(int(data["fragment_id"].nunique()), "fragment")),
        xaxis_title=t("charts.axis.fragments"),
        yaxis_title=t("charts.axis.theme"),
        height=max(380, 170 + 28 * n_bars),
    )
    longest = int(counts["fragments"].max())
    # room beyond the longest bar for its label: the axis ends a step past it
    fig.update_xaxes(**count_axis(longest), range=[0, longest * 1.12 + 0.6])
    fig.update_yaxes(autorange="reversed")
    # The pillar already names each group of bars: the legend goes above the plot, which keeps its width.
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        margin={"t": 110},
    )
    return fig


def fig_by_group(
    df: pd.DataFrame,
    by: Literal["role", "department"],
    names: Mapping[str, str],
    colors: Mapping[str, str],
) -> go.Figure:
    """Stacked bars of fragments per pillar by respondent role or department.

    Args:
        df: Coded fragments (see module docstring).
        by: ``"role"`` (functie) or ``"department"`` (afdeling).
        names: Code → Dutch name.
        colors: Pillar code → colour.

    Raises:
        ValueError: When ``by`` is another column.
    """
    if by not in GROUPS:
        raise ValueError(t("charts.error.by", by=by))
    data = _clean(df)
    if data.empty:
        return empty_figure(t("charts.empty"))
    data = data.assign(**{by: _labels(data[by])})
    counts = data.groupby([by, "pillar"])["fragment_id"].nunique().rename("fragments").reset_index()
    sizes = data.groupby(by)["fragment_id"].nunique()
    # Largest group first, "(onbekend)" last.
    group_n = sizes.loc[sorted(sizes.index, key=lambda g: (g == t("charts.unknown"), -sizes[g], g))]
    group_labels = {group: t("charts.label.with_n", label=group, n=int(n)) for group, n in group_n.items()}
    fig = go.Figure()
    for pillar in _pillar_order(counts["pillar"], colors):
        rows = counts[counts["pillar"] == pillar].set_index(by).reindex(group_n.index)
        fig.add_bar(
            name=names.get(pillar, pillar),
            x=[group_labels[group] for group in group_n.index],
            y=list(rows["fragments"].fillna(0).astype(int)),
            marker_color=_color(pillar, colors),
            hovertemplate="%{x}<br>" + names.get(pillar, pillar) + ": %{y}<extra></extra>",
        )
    _layout(
        fig,
        title=t(
            "charts.title.by_group",
            group=t(f"charts.by.{by}"),
            fragments=count(int(data["fragment_id"].nunique()), "fragment"),
        ),
        xaxis_title=t(f"charts.by.{by}").capitalize(),
        yaxis_title=t("charts.axis.fragments"),
    )
    tallest = int(counts.groupby(by)["fragments"].sum().max())
    fig.update_yaxes(**count_axis(tallest))
    fig.update_layout(barmode="stack", legend_title_text=t("charts.legend.pillar"))
    return fig


def theme_cooccurrence(df: pd.DataFrame) -> pd.DataFrame:
    """Count fragments carrying each pair of themes.

    Args:
        df: Coded fragments (see module docstring); rows without a theme are
            ignored.

    Returns:
        A square table (theme codes as index and columns, sorted) where cell
        (a, b) is the number of distinct fragments carrying both a and b and
        the diagonal is the number of fragments carrying that theme. Empty when
        no fragment has a theme.
    """
    data = _clean(df)
    data = data[data["theme"].notna()]
    if data.empty:
        return pd.DataFrame(dtype=int)
    themes = sorted(data["theme"].unique())
    matrix = pd.DataFrame(0, index=themes, columns=themes, dtype=int)
    matrix.index.name = None
    for _, group in data.groupby("fragment_id"):
        codes = sorted(set(group["theme"]))
        for code in codes:
            matrix.loc[code, code] += 1
        for a, b in combinations(codes, 2):
            matrix.loc[a, b] += 1
            matrix.loc[b, a] += 1
    return matrix


def fig_cooccurrence(df: pd.DataFrame, names: Mapping[str, str]) -> go.Figure:
    """Heatmap of themes that occur together on the same fragment.

    A sequential scale from 0 (white) up to the most frequent pair, with whole
    numbers on the colour bar; cells with a pair show their count. The diagonal
    (a theme with itself) is grey so the pairs stand out; every theme is
    labelled on both axes, with its own n.

    Args:
        df: Coded fragments (see module docstring).
        names: Code → Dutch name.
    """
    data = _clean(df)
    if data.empty:
        return empty_figure(t("charts.empty"))
    matrix = theme_cooccurrence(data)
    if matrix.empty:
        return empty_figure(t("charts.empty_themes"))
    codes = list(matrix.index)
    labels = [t("charts.label.with_n", label=names.get(code, code), n=int(matrix.loc[code, code])) for code in codes]
    z: list[list[int | None]] = []
    diagonal: list[list[int | None]] = []
    hover: list[list[str]] = []
    for a in codes:
        z.append([None if a == b else int(matrix.loc[a, b]) for b in codes])
        diagonal.append([1 if a == b else None for b in codes])
        hover.append(
            [
                t("charts.hover.diagonal", a=names.get(a, a), fragments=count(int(matrix.loc[a, a]), "fragment"))
                if a == b
                else t(
                    "charts.hover.cooccurrence",
                    a=names.get(a, a),
                    b=names.get(b, b),
                    fragments=count(int(matrix.loc[a, b]), "fragment"),
                )
                for b in codes
            ]
        )
    highest = max((value for row in z for value in row if value is not None), default=0)
    top = max(1, highest)
    fig = go.Figure(
        [
            go.Heatmap(
                z=z,
                x=labels,
                y=labels,
                text=[["" if not v else str(v) for v in row] for row in z],
                texttemplate="%{text}",
                textfont={"size": 11},
                hovertext=hover,
                hoverinfo="text",
                colorscale=[list(stop) for stop in COOCCURRENCE_SCALE],
                zmin=0,
                zmax=top,
                colorbar={
                    "title": {"text": t("charts.axis.fragments")},
                    **count_axis(top),
                },
                xgap=1,
                ygap=1,
            ),
            go.Heatmap(  # the diagonal in grey, outside the colour scale
                z=diagonal,
                x=labels,
                y=labels,
                colorscale=[[0, DIAGONAL_COLOR], [1, DIAGONAL_COLOR]],
                showscale=False,
                hovertext=hover,
                hoverinfo="text",
                xgap=1,
                ygap=1,
            ),
        ]
    )
    n_themed = int(data.loc[data["theme"].notna(), "fragment_id"].nunique())
    _layout(
        fig,
        title=t("charts.title.cooccurrence", fragments=count(n_themed, "fragment")),
        height=max(450, 300 + 26 * len(codes)),
    )
    # Every theme labelled on both axes (plotly would skip every other one); the columns are
    # narrow, so their labels stand upright and long names are shortened (the hover has them whole).
    every = {"type": "category", "tickmode": "array", "tickvals": labels, "showgrid": False}
    short = [_shorten(names.get(code, code), 28) + f" ({int(matrix.loc[code, code])})" for code in codes]
    fig.update_xaxes(**every, ticktext=short, tickangle=-90, tickfont={"size": 11})
    fig.update_yaxes(**every, ticktext=labels, autorange="reversed")
    fig.update_layout(plot_bgcolor="white")
    if highest == 0:
        fig.add_annotation(
            text=t("charts.no_pairs"), x=0, y=1.0, xref="paper", yref="paper", xanchor="left", yanchor="bottom",
            showarrow=False, font={**FONT, "color": "#666666"},
        )  # fmt: skip
    return fig


def fig_pillar_share_per_interview(df: pd.DataFrame, names: Mapping[str, str], colors: Mapping[str, str]) -> go.Figure:
    """100% stacked bars: how each interview's coded fragments split over pillars.

    Shares are of distinct (fragment, pillar) pairs, so a fragment coded with
    two pillars counts for both. Interview labels carry their n of fragments.

    Args:
        df: Coded fragments (see module docstring).
        names: Code → Dutch name.
        colors: Pillar code → colour.
    """
    data = _clean(df)
    if data.empty:
        return empty_figure(t("charts.empty"))
    data = data.assign(interview=_labels(data["interview"]))
    counts = data.groupby(["interview", "pillar"])["fragment_id"].nunique().rename("fragments").reset_index()
    interview_n = data.groupby("interview")["fragment_id"].nunique().sort_index()
    labels = {name: t("charts.label.with_n", label=name, n=int(n)) for name, n in interview_n.items()}
    totals = counts.groupby("interview")["fragments"].sum()
    fig = go.Figure()
    for pillar in _pillar_order(counts["pillar"], colors):
        rows = counts[counts["pillar"] == pillar].set_index("interview").reindex(interview_n.index)
        values = rows["fragments"].fillna(0)
        shares = (100 * values / totals.reindex(interview_n.index)).round(1)
        fig.add_bar(
            name=names.get(pillar, pillar),
            orientation="h",
            y=[labels[name] for name in interview_n.index],
            x=list(shares),
            customdata=list(values.astype(int)),
            text=[f"{share:.0f}%" if share >= 6 else "" for share in shares],
            textposition="inside",
            textangle=0,
            insidetextanchor="middle",
            marker_color=_color(pillar, colors),
            hovertemplate="%{y}<br>" + names.get(pillar, pillar) + ": %{x:.1f}% (%{customdata})<extra></extra>",
        )
    _layout(
        fig,
        title=t(
            "charts.title.share_per_interview",
            fragments=count(int(data["fragment_id"].nunique()), "fragment"),
            interviews=count(len(interview_n), "interview"),
        ),
        xaxis_title=t("charts.axis.share"),
        yaxis_title=t("charts.axis.interview"),
        height=max(350, 140 + 32 * len(interview_n)),
    )
    fig.update_layout(barmode="stack", legend_title_text=t("charts.legend.pillar"))
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    fig.update_yaxes(autorange="reversed")
    return fig


def png_export_available() -> bool:
    """Whether kaleido can find a Chrome/Chromium to render PNGs with.

    Honours ``BROWSER_PATH`` and choreographer's own downloaded Chrome; never
    downloads anything.
    """
    return _browser_path() is not None


def figure_png(
    fig: go.Figure, *, width: int | None = None, height: int | None = None, scale: float | None = None
) -> bytes:
    """Render a figure to PNG bytes with kaleido.

    Args:
        fig: The figure.
        width: Width in pixels; defaults to the figure's own width or 1000.
        height: Height in pixels; defaults to the figure's own height or 600.
        scale: Pixel density; defaults to 2.

    Returns:
        PNG bytes (starting with ``b"\\x89PNG"``).

    Raises:
        ChartExportError: With a Dutch message when no Chrome/Chromium is
            available or rendering fails; offer :func:`figure_html` instead.
    """
    if _browser_path() is None:
        raise ChartExportError(t("charts.error.no_browser"))
    layout = fig.layout
    try:
        image = fig.to_image(
            format="png",
            width=width or layout.width or PNG_SIZE["width"],
            height=height or layout.height or PNG_SIZE["height"],
            scale=scale or PNG_SIZE["scale"],
        )
    except Exception as error:  # kaleido/choreographer raise many kinds
        logger.exception("PNG export failed")
        if type(error).__name__ == "ChromeNotFoundError":
            raise ChartExportError(t("charts.error.no_browser")) from error
        raise ChartExportError(t("charts.error.render", error=error)) from error
    return bytes(image)


def figure_html(fig: go.Figure) -> bytes:
    """Render a figure as a self-contained interactive HTML file (UTF-8).

    The fallback when PNG export is unavailable: it needs no browser on the
    server and works offline (plotly.js is embedded).
    """
    return fig.to_html(include_plotlyjs=True, full_html=True).encode("utf-8")


# --- helpers --------------------------------------------------------------------


def _clean(df: pd.DataFrame) -> pd.DataFrame:
    """Check the columns and drop rows without a fragment or pillar."""
    if df is None or (df.empty and len(df.columns) == 0):
        return pd.DataFrame(columns=list(COLUMNS))
    missing = [col for col in COLUMNS if col not in df.columns]
    if missing:
        raise ValueError(t("charts.error.columns", columns=", ".join(missing)))
    data = df.loc[:, list(COLUMNS)].copy()
    data = data[data["fragment_id"].notna() & data["pillar"].notna()]
    data["pillar"] = data["pillar"].astype(str)
    data["theme"] = data["theme"].astype(object).where(data["theme"].notna(), None)
    return data.reset_index(drop=True)


def _labels(values: pd.Series) -> pd.Series:
    """Text labels for a grouping column; empty values become "(onbekend)"."""
    text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
    return text.where(text != "", t("charts.unknown"))


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:- ")
    return (cut or text[: limit - 1]) + "…"


def _pillar_order(codes: Any, colors: Mapping[str, str]) -> list[str]:
    present = list(dict.fromkeys(str(code) for code in codes))
    ordered = [code for code in colors if code in present]
    return ordered + sorted(code for code in present if code not in ordered)


def _color(pillar: str, colors: Mapping[str, str]) -> str:
    if pillar in colors:
        return colors[pillar]
    return FALLBACK_COLORS[sum(map(ord, pillar)) % len(FALLBACK_COLORS)]


def _layout(
    fig: go.Figure,
    *,
    title: str,
    xaxis_title: str | None = None,
    yaxis_title: str | None = None,
    height: int | None = None,
) -> None:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        font=FONT,
        template="plotly_white",
        margin={"l": 10, "r": 20, "t": 70, "b": 40},
        legend={"traceorder": "normal"},
        separators=",.",  # Dutch: decimal comma, thousands dot
    )
    if xaxis_title is not None:
        fig.update_xaxes(title_text=xaxis_title)
    if yaxis_title is not None:
        fig.update_yaxes(title_text=yaxis_title)
    if height is not None:
        fig.update_layout(height=height)


def nice_step(maximum: float, *, ticks: int = 8) -> int:
    """A whole tick step (1, 2, 5, 10, 20, 25, 50, …) that gives at most about ``ticks`` ticks up to ``maximum``."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if maximum / step <= ticks:
                return step
        magnitude *= 10


def count_axis(maximum: float) -> dict[str, Any]:
    """Axis (or colour bar) settings for counts up to ``maximum``: whole numbers from 0, never 0.5 steps."""
    return {"tick0": 0, "dtick": nice_step(maximum), "tickformat": ",d"}


def _browser_path() -> str | None:
    try:
        from choreographer.browsers.chromium import Chromium
    except ImportError:  # kaleido < 1 or choreographer missing
        logger.warning("choreographer not installed; PNG export unavailable")
        return None
    try:
        return Chromium.find_browser(skip_local=False)
    except Exception:  # best effort: a broken lookup means "not available"
        logger.exception("looking for a browser failed")
        return None
