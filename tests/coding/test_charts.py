"""Tests for coding/charts.py: report charts render with and without data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from coding.charts import (
    COLUMNS,
    ChartExportError,
    empty_figure,
    fig_by_group,
    fig_cooccurrence,
    fig_fragments_per_pillar_theme,
    fig_pillar_share_per_interview,
    figure_html,
    figure_png,
    pillar_theme_counts,
    png_export_available,
    theme_cooccurrence,
)
from texts import t

NAMES = {
    "BEW": "Bewustwording en organisatie",
    "INF": "Informatiepositie en -huishouding",
    "BEL": "Beleid en handhaving",
    "INT": "Integere en veilige werkomgeving",
    "COM": "Communicatie",
    "BEW.training": "Training en bewustzijn",
    "INF.meldpunt": "Meldpunt",
    "INF.delen": "Informatie delen",
}
COLORS = {"BEW": "#1b9e77", "INF": "#d95f02", "BEL": "#7570b3", "INT": "#e7298a", "COM": "#66a61e"}


@pytest.fixture
def coded() -> pd.DataFrame:
    rows = [
        # fragment 1 carries two themes of two pillars
        (1, "Interview gemeente A", "Burgemeester", "Bestuur", "BEW", "BEW.training"),
        (1, "Interview gemeente A", "Burgemeester", "Bestuur", "INF", "INF.meldpunt"),
        # fragment 2 carries two themes of one pillar
        (2, "Interview gemeente A", "Burgemeester", "Bestuur", "INF", "INF.meldpunt"),
        (2, "Interview gemeente A", "Burgemeester", "Bestuur", "INF", "INF.delen"),
        (3, "Interview gemeente B", "Handhaver", "VTH", "INF", "INF.meldpunt"),
        (4, "Interview gemeente B", "Handhaver", "VTH", "BEL", None),
        (5, "Interview gemeente B", "Handhaver", None, "COM", None),
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=list(COLUMNS))


CHARTS: dict[str, Callable[[pd.DataFrame], go.Figure]] = {
    "pillar_theme": lambda df: fig_fragments_per_pillar_theme(df, NAMES, COLORS),
    "by_role": lambda df: fig_by_group(df, "role", NAMES, COLORS),
    "by_department": lambda df: fig_by_group(df, "department", NAMES, COLORS),
    "cooccurrence": lambda df: fig_cooccurrence(df, NAMES),
    "share": lambda df: fig_pillar_share_per_interview(df, NAMES, COLORS),
}


def _annotations(fig: go.Figure) -> list[str]:
    layout: dict[str, Any] = fig.to_dict()["layout"]
    return [a["text"] for a in layout.get("annotations", [])]


@pytest.mark.parametrize("chart", CHARTS)
def test_charts_empty_data_gives_empty_figure(chart: str) -> None:
    fig = CHARTS[chart](_empty())
    assert fig.to_dict()["data"] == []
    assert _annotations(fig) == [t("charts.empty")]


@pytest.mark.parametrize("chart", CHARTS)
def test_charts_render_with_data(chart: str, coded: pd.DataFrame) -> None:
    fig = CHARTS[chart](coded)
    spec = fig.to_dict()
    assert spec["data"], "expected at least one trace"
    assert "n = " in spec["layout"]["title"]["text"]


def test_charts_empty_figure_default_message() -> None:
    assert _annotations(empty_figure()) == ["Nog geen gecodeerde fragmenten"]


def test_charts_pillar_theme_counts_counts_distinct_fragments(coded: pd.DataFrame) -> None:
    table = pillar_theme_counts(coded, NAMES)
    counts = {(row.pillar, row.theme): row.fragments for row in table.itertuples()}
    assert counts == {
        ("BEW", "BEW.training"): 1,
        ("INF", "INF.meldpunt"): 3,
        ("INF", "INF.delen"): 1,
        ("BEL", None): 1,
        ("COM", None): 1,
    }
    # Codebook order of pillars, themes by count within a pillar.
    assert list(table["pillar"]) == ["BEW", "INF", "INF", "BEL", "COM"]
    assert list(table["theme_name"])[:3] == ["Training en bewustzijn", "Meldpunt", "Informatie delen"]
    assert list(table["theme_name"])[-1] == t("charts.no_theme")
    assert pillar_theme_counts(_empty(), NAMES).empty


def test_charts_pillar_theme_figure_labels(coded: pd.DataFrame) -> None:
    spec = fig_fragments_per_pillar_theme(coded, NAMES, COLORS).to_dict()
    names = [trace["name"] for trace in spec["data"]]
    assert names == [
        "Bewustwording en organisatie (n = 1)",
        "Informatiepositie en -huishouding (n = 3)",
        "Beleid en handhaving (n = 1)",
        "Communicatie (n = 1)",
    ]
    inf = spec["data"][1]
    assert list(inf["y"][1]) == ["Meldpunt", "Informatie delen"]
    assert list(inf["x"]) == [3, 1]
    assert inf["marker"]["color"] == COLORS["INF"]
    assert spec["layout"]["title"]["text"] == t("charts.title.pillar_theme", fragments="5 fragmenten")


def test_charts_by_group_stacks_pillars_per_role(coded: pd.DataFrame) -> None:
    spec = fig_by_group(coded, "role", NAMES, COLORS).to_dict()
    assert spec["layout"]["barmode"] == "stack"
    by_pillar = {trace["name"]: dict(zip(trace["x"], trace["y"], strict=True)) for trace in spec["data"]}
    inf = by_pillar[NAMES["INF"]]
    assert inf == {"Burgemeester (n = 2)": 2, "Handhaver (n = 3)": 1}
    assert "functie" in spec["layout"]["title"]["text"]


def test_charts_by_group_unknown_department_last(coded: pd.DataFrame) -> None:
    spec = fig_by_group(coded, "department", NAMES, COLORS).to_dict()
    groups = list(spec["data"][0]["x"])
    assert groups[-1] == t("charts.label.with_n", label=t("charts.unknown"), n=1)
    assert "afdeling" in spec["layout"]["title"]["text"]


def test_charts_by_group_rejects_other_columns(coded: pd.DataFrame) -> None:
    with pytest.raises(ValueError):
        fig_by_group(coded, "interview", NAMES, COLORS)  # type: ignore[arg-type]


def test_charts_missing_columns_raise(coded: pd.DataFrame) -> None:
    with pytest.raises(ValueError):
        fig_pillar_share_per_interview(coded.drop(columns=["role"]), NAMES, COLORS)


def test_charts_theme_cooccurrence_counts_pairs(coded: pd.DataFrame) -> None:
    matrix = theme_cooccurrence(coded)
    assert list(matrix.index) == ["BEW.training", "INF.delen", "INF.meldpunt"]
    assert matrix.loc["BEW.training", "INF.meldpunt"] == 1
    assert matrix.loc["INF.meldpunt", "INF.delen"] == 1
    assert matrix.loc["BEW.training", "INF.delen"] == 0
    assert matrix.loc["INF.meldpunt", "INF.meldpunt"] == 3
    assert (matrix.values == matrix.values.T).all()


def test_charts_cooccurrence_figure(coded: pd.DataFrame) -> None:
    spec = fig_cooccurrence(coded, NAMES).to_dict()
    heatmap = spec["data"][0]
    assert heatmap["type"] == "heatmap"
    assert "Meldpunt (n = 3)" in list(heatmap["x"])
    assert heatmap["z"][0][0] is None  # diagonal left blank


def test_charts_cooccurrence_without_themes(coded: pd.DataFrame) -> None:
    fig = fig_cooccurrence(coded[coded["theme"].isna()], NAMES)
    assert _annotations(fig) == [t("charts.empty_themes")]


def test_charts_share_per_interview_sums_to_100(coded: pd.DataFrame) -> None:
    spec = fig_pillar_share_per_interview(coded, NAMES, COLORS).to_dict()
    interviews = list(spec["data"][0]["y"])
    assert interviews == ["Interview gemeente A (n = 2)", "Interview gemeente B (n = 3)"]
    totals = [sum(trace["x"][i] for trace in spec["data"]) for i in range(len(interviews))]
    assert totals == [pytest.approx(100, abs=0.2)] * 2


def test_charts_figure_html_is_fallback(coded: pd.DataFrame) -> None:
    html = figure_html(fig_fragments_per_pillar_theme(coded, NAMES, COLORS))
    assert b"<html" in html[:100].lower()
    assert b"Meldpunt" in html


@pytest.mark.slow
def test_charts_figure_png(coded: pd.DataFrame) -> None:
    if not png_export_available():
        pytest.skip("geen Chrome/Chromium gevonden voor kaleido (apt-get install chromium)")
    png = figure_png(fig_fragments_per_pillar_theme(coded, NAMES, COLORS))
    assert png.startswith(b"\x89PNG")


def test_charts_figure_png_without_browser_raises_dutch_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("coding.charts._browser_path", lambda: None)
    with pytest.raises(ChartExportError, match="Chromium"):
        figure_png(empty_figure())


def test_charts_counts_when_every_fragment_has_a_theme() -> None:
    import pandas as pd

    from coding.charts import pillar_theme_counts

    df = pd.DataFrame(
        [
            {"fragment_id": 1, "interview": "A", "role": "r", "department": "d", "pillar": "INF", "theme": "INF.meldpunt"},
            {"fragment_id": 2, "interview": "A", "role": "r", "department": "d", "pillar": "BEW", "theme": "BEW.x"},
        ]
    )
    counts = pillar_theme_counts(df, {"INF": "Informatie", "BEW": "Bewust"})
    assert sorted(zip(counts["theme"], counts["fragments"], strict=True)) == [("BEW.x", 1), ("INF.meldpunt", 1)]


# --- issue 12: whole-number axes, labels that fit, a sequential heatmap, Dutch singular/plural ------------


def _whole_ticks(axis: dict[str, Any]) -> None:
    assert axis["tickformat"] == ",d" and axis["tick0"] == 0
    assert isinstance(axis["dtick"], int) and axis["dtick"] >= 1


def test_charts_count_axes_have_whole_number_ticks(coded: pd.DataFrame) -> None:
    # at most 3 fragments per bar: plotly's own ticks would be 0, 0.5, 1, 1.5, …
    pillar_theme = fig_fragments_per_pillar_theme(coded, NAMES, COLORS).to_dict()["layout"]
    _whole_ticks(pillar_theme["xaxis"])
    by_role = fig_by_group(coded, "role", NAMES, COLORS).to_dict()["layout"]
    _whole_ticks(by_role["yaxis"])
    assert by_role["yaxis"]["dtick"] == 1


@pytest.mark.parametrize(("maximum", "step"), [(0, 1), (1, 1), (3, 1), (8, 1), (9, 2), (14, 2), (40, 5), (90, 20)])
def test_charts_nice_step_is_whole_and_gives_few_ticks(maximum: int, step: int) -> None:
    from coding.charts import nice_step

    assert nice_step(maximum) == step


def test_charts_bar_labels_are_not_clipped(coded: pd.DataFrame) -> None:
    spec = fig_fragments_per_pillar_theme(coded, NAMES, COLORS).to_dict()
    assert all(trace["cliponaxis"] is False and trace["textposition"] == "outside" for trace in spec["data"])
    longest = max(max(trace["x"]) for trace in spec["data"])
    low, high = spec["layout"]["xaxis"]["range"]
    assert low == 0 and high > longest  # the axis runs past the longest bar, so its label has room


def _luminance(color: str) -> float:
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_charts_cooccurrence_scale_is_sequential_from_zero(coded: pd.DataFrame) -> None:
    spec = fig_cooccurrence(coded, NAMES).to_dict()
    heatmap = spec["data"][0]
    assert heatmap["zmin"] == 0 and heatmap["zmax"] == 1  # the most frequent pair, not a −0.4…0.4 range
    stops = [stop for _, stop in heatmap["colorscale"]]
    assert stops[0].lower() == "#ffffff"  # 0 reads white
    shades = [_luminance(stop) for stop in stops]
    assert shades == sorted(shades, reverse=True)  # one hue getting darker: sequential, not diverging
    _whole_ticks(heatmap["colorbar"])


def test_charts_cooccurrence_without_pairs_still_counts_from_zero(coded: pd.DataFrame) -> None:
    one_theme_each = coded.drop_duplicates("fragment_id")
    spec = fig_cooccurrence(one_theme_each, NAMES).to_dict()
    heatmap = spec["data"][0]
    assert (heatmap["zmin"], heatmap["zmax"]) == (0, 1)
    assert t("charts.no_pairs") in [a["text"] for a in spec["layout"]["annotations"]]


def test_charts_cooccurrence_labels_every_theme_on_both_axes() -> None:
    themes = [f"INF.t{i:02d}" for i in range(24)]
    rows = [(i, "A", "r", "d", "INF", theme) for i, theme in enumerate(themes)]
    rows += [(100 + i, "A", "r", "d", "INF", theme) for i, theme in enumerate(themes[:-1])]
    rows += [(100 + i, "A", "r", "d", "INF", theme) for i, theme in enumerate(themes[1:])]
    names = {theme: f"Een lang thema met de naam nummer {theme[-2:]}" for theme in themes}
    spec = fig_cooccurrence(pd.DataFrame(rows, columns=list(COLUMNS)), names).to_dict()
    heatmap, layout = spec["data"][0], spec["layout"]
    for axis in (layout["xaxis"], layout["yaxis"]):
        assert axis["tickmode"] == "array"
        assert list(axis["tickvals"]) == list(heatmap["x"]) and len(axis["ticktext"]) == len(themes)
    assert all(text.endswith(")") and len(text) <= 34 for text in layout["xaxis"]["ticktext"])
    assert heatmap["z"][0][1] == 1 and heatmap["text"][0][1] == "1"
    assert spec["data"][1]["z"][3][3] == 1 and spec["data"][1]["showscale"] is False  # the grey diagonal


def test_charts_titles_say_1_fragment_and_1_interview() -> None:
    one = pd.DataFrame([(1, "Interview A", "r", "d", "INF", "INF.meldpunt")], columns=list(COLUMNS))
    share = fig_pillar_share_per_interview(one, NAMES, COLORS).to_dict()["layout"]["title"]["text"]
    assert "(n = 1 fragment, 1 interview)" in share
    pillar_theme = fig_fragments_per_pillar_theme(one, NAMES, COLORS).to_dict()["layout"]["title"]["text"]
    assert pillar_theme.endswith("(n = 1 fragment)")
    assert "1 fragmenten" not in fig_cooccurrence(one, NAMES).to_dict()["layout"]["title"]["text"]


def test_charts_titles_plural_for_more(coded: pd.DataFrame) -> None:
    share = fig_pillar_share_per_interview(coded, NAMES, COLORS).to_dict()["layout"]["title"]["text"]
    assert "(n = 5 fragmenten, 2 interviews)" in share
