"""Plotly figures of a topic result: top words per topic and 2-D maps of topics and fragments.

Split from :mod:`coding.topics` (which fits the topics); :func:`coding.topics.topic_figures`
delegates here.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import numpy as np

from coding.topics import Topic, TopicResult
from texts import t

logger = logging.getLogger(__name__)


def topic_figures(model: Any, result: TopicResult, *, max_topics: int = 12) -> dict[str, Any]:
    """Build plotly figures for a result: word bar chart and 2-D topic map.

    Uses BERTopic's own ``visualize_barchart`` and ``visualize_topics`` when a
    fitted model is given and they work; otherwise (few topics, or a result
    reloaded without its model) draws them with plotly directly. With a model
    there is also ``"documents"``: every fragment on the 2-D map, coloured by topic.

    Args:
        model: The fitted BERTopic model from :func:`find_topics`, or ``None``.
        result: The topic result.
        max_topics: At most this many (largest) topics in the bar chart.

    Returns:
        Figures by name: ``"barchart"``, ``"map"`` and, with a model, ``"documents"``.
    """
    topics = result.topics[:max_topics]
    figures: dict[str, Any] = {"barchart": None, "map": None}
    if model is not None and topics:
        try:
            model.set_topic_labels({topic.id: _topic_title(topic) for topic in result.topics})
            figures["barchart"] = model.visualize_barchart(
                topics=[topic.id for topic in topics],
                n_words=min(8, result.settings.get("top_n_words", 8)),
                custom_labels=True,
                title=f"<b>{t('topics.figure.barchart')}</b>",
            )
        except Exception:  # BERTopic's figure is a nicety: fall back to our own
            logger.warning("topics: visualize_barchart failed, drawing it directly", exc_info=True)
        if len(result.topics) >= 4:
            try:
                figures["map"] = model.visualize_topics(custom_labels=True, title=f"<b>{t('topics.figure.map')}</b>")
            except Exception:
                logger.warning("topics: visualize_topics failed, drawing the document map", exc_info=True)
        document_map = getattr(model.umap_model, "map_2d_", None)
        if document_map is not None:
            figures["documents"] = _documents_figure(document_map, list(model.topics_), result)
    if figures["barchart"] is None:
        figures["barchart"] = _barchart_figure(topics)
    if figures["map"] is None:
        figures["map"] = figures.get("documents") or _bubble_figure(result)
    return figures


def _topic_title(topic: Topic) -> str:
    return t("topics.figure.topic", id=topic.id, label=topic.label)


def _barchart_figure(topics: list[Topic]) -> Any:
    """Top words per topic as horizontal bars, drawn with plotly directly."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    columns = 3
    rows = max(1, math.ceil(len(topics) / columns))
    figure = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=[_topic_title(topic) for topic in topics] or [t("topics.figure.barchart")],
        horizontal_spacing=0.15,
    )
    for index, topic in enumerate(topics):
        words = topic.words[:8][::-1]
        figure.add_trace(
            go.Bar(x=[weight for _, weight in words], y=[word for word, _ in words], orientation="h", showlegend=False),
            row=index // columns + 1,
            col=index % columns + 1,
        )
    figure.update_layout(title=f"<b>{t('topics.figure.barchart')}</b>", height=260 * rows, template="plotly_white")
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
