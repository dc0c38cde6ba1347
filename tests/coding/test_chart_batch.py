"""Rendering many charts in one browser session (coding/chart_batch.py)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from coding import chart_batch
from coding.charts import ChartExportError, png_export_available


def test_without_a_browser_the_batch_refuses_with_a_dutch_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chart_batch, "png_export_available", lambda: False)
    with pytest.raises(ChartExportError) as refused:
        chart_batch.render_pngs([chart_batch.ChartJob(1, go.Figure())])
    assert "Chrom" in str(refused.value)
    assert chart_batch.render_pngs([]) == {}


@pytest.mark.slow
def test_every_job_comes_back_as_a_png_with_progress() -> None:
    if not png_export_available():
        pytest.skip("no Chrome/Chromium here")
    jobs = [chart_batch.ChartJob(i, go.Figure(go.Bar(x=["a", "b"], y=[i, 1])), width=400, height=300) for i in range(3)]
    seen: list[tuple[int, int]] = []
    pngs = chart_batch.render_pngs(jobs, progress=lambda done, total: seen.append((done, total)))
    assert sorted(pngs) == [0, 1, 2] and all(png.startswith(b"\x89PNG") for png in pngs.values())
    assert seen[-1] == (3, 3)
