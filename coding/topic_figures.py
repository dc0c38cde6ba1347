"""Plotly figures of a topic result: top words per topic and 2-D maps of topics and fragments.

Split from :mod:`coding.topics` (which fits the topics); pages import it from here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from coding.topics import Topic, TopicResult
from texts import count, t


def topic_figures(model: Any, result: TopicResult, *, max_topics: int = 12) -> dict[str, Any]:
    """Build plotly figures for a result: the top words per topic and one 2-D map.

    Both are drawn here with plotly (not BERTopic's own figures, which carry
    English texts and draw long topic names over each other), so the page looks
    the same right after a run and after a reload:

    * ``"barchart"``: the top words of the largest topics, one small chart each,
      titled "Onderwerp 0 · 16 fragmenten" (short enough never to overlap);
    * ``"map"``: with the fitted model, every fragment on the 2-D map coloured
      by topic; without it (a stored result), each topic as a bubble at its
      stored position. One map, never both.

    Args:
        model: The fitted BERTopic model from :func:`coding.topics.find_topics`, or ``None``.
        result: The topic result.
        max_topics: At most this many (largest) topics in the bar chart.

    Returns:
        Figures by name: ``"barchart"`` and ``"map"``.
    """
    document_map = getattr(getattr(model, "umap_model", None), "map_2d_", None) if model is not None else None
    labels = list(getattr(model, "topics_", None) or [])
    if document_map is not None and len(labels) == len(document_map):
        scatter = _documents_figure(np.asarray(document_map), labels, result)
    else:
        scatter = _bubble_figure(result)
    return {"barchart": _barchart_figure(result.topics[:max_topics]), "map": scatter}


def _topic_title(topic: Topic) -> str:
    return t("topics.figure.topic", id=topic.id, label=topic.label)


def _subplot_title(topic: Topic) -> str:
    return t("topics.figure.subplot", id=topic.id, fragments=count(topic.size, "fragment"))


COLUMNS = 3
ROW_HEIGHT = 240


def _barchart_figure(topics: list[Topic]) -> Any:
    """Top words per topic as horizontal bars, one small chart per topic, three in a row."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    rows = max(1, math.ceil(len(topics) / COLUMNS))
    height = 90 + ROW_HEIGHT * rows
    figure = make_subplots(
        rows=rows,
        cols=COLUMNS,
        subplot_titles=[_subplot_title(topic) for topic in topics] or [t("topics.figure.barchart")],
        horizontal_spacing=0.16,
        vertical_spacing=min(0.3, 70 / height) if rows > 1 else 0.0,
    )
    for index, topic in enumerate(topics):
        words = topic.words[:8][::-1]
        figure.add_trace(
            go.Bar(
                x=[weight for _, weight in words],
                y=[word for word, _ in words],
                orientation="h",
                showlegend=False,
                hovertemplate="%{y}: %{x:.3f}<extra>"
                + _subplot_title(topic).replace("<b>", "").replace("</b>", "")
                + "</extra>",
            ),
            row=index // COLUMNS + 1,
            col=index % COLUMNS + 1,
        )
    figure.update_annotations(font={"size": 13})
    figure.update_xaxes(showticklabels=False)  # the weights are relative; the order of the bars says it
    figure.update_layout(
        title=f"<b>{t('topics.figure.barchart')}</b>",
        height=height,
        template="plotly_white",
        margin={"t": 90, "l": 10, "r": 10, "b": 20},
        separators=",.",
    )
    return figure


def _documents_figure(document_map: np.ndarray, labels: list[int], result: TopicResult) -> Any:
    """Every fragment on the 2-D map coloured by topic, drawn with plotly directly."""
    import plotly.graph_objects as go

    titles = {topic.id: _topic_title(topic) for topic in result.topics}
    label_array = np.asarray(labels)
    figure = go.Figure()
    for topic_id in sorted(set(labels), key=lambda value: (value == -1, value)):
        members = np.flatnonzero(label_array == topic_id)
        name = titles.get(topic_id, t("topics.figure.outlier"))
        figure.add_trace(
            go.Scattergl(
                x=document_map[members, 0],
                y=document_map[members, 1],
                mode="markers",
                name=name,
                hovertext=[name] * len(members),
                hoverinfo="text",
                marker={"size": 5, "opacity": 0.35 if topic_id == -1 else 0.8}
                | ({"color": "#B0BEC5"} if topic_id == -1 else {}),
            )
        )
    figure.update_layout(
        title=f"<b>{t('topics.figure.documents')}</b>",
        xaxis_title=t("topics.figure.axis", n=1),
        yaxis_title=t("topics.figure.axis", n=2),
        template="plotly_white",
    )
    return figure


def _bubble_figure(result: TopicResult) -> Any:
    """Topics as bubbles at their stored map positions, sized by number of fragments."""
    import plotly.graph_objects as go

    sizes = [topic.size for topic in result.topics]
    biggest = max(sizes, default=1)
    figure = go.Figure(
        go.Scatter(
            x=[topic.x for topic in result.topics],
            y=[topic.y for topic in result.topics],
            mode="markers+text",
            text=[str(topic.id) for topic in result.topics],
            hovertext=[f"{_topic_title(topic)}<br>{t('topics.figure.size')}: {topic.size}" for topic in result.topics],
            hoverinfo="text",
            marker={"size": [12 + 48 * math.sqrt(size / biggest) for size in sizes], "opacity": 0.6},
        )
    )
    figure.update_layout(
        title=f"<b>{t('topics.figure.map')}</b>",
        xaxis_title=t("topics.figure.axis", n=1),
        yaxis_title=t("topics.figure.axis", n=2),
        template="plotly_white",
    )
    return figure
