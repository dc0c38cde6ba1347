"""Render many plotly figures to PNG in one browser session, several at a time.

:func:`coding.charts.figure_png` starts a browser per figure (~5 s each); a report with
20 charts renders them here in one kaleido session with ``tabs`` pages working in
parallel, in a thread of its own (so it works whether or not the caller runs an event
loop). Pure: figures in, bytes out; nothing is downloaded.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from coding.charts import ChartExportError, png_export_available
from texts import t

DEFAULT_TABS = 1  # measured: on 2 busy cores more tabs are slower (10 charts: 1 tab 7.8 s, 2 tabs 13.7 s)


@dataclass(frozen=True)
class ChartJob:
    """One figure to render, with its size in pixels."""

    key: int
    figure: go.Figure
    width: int = 1000
    height: int = 400
    scale: float = 1.0


async def _render(jobs: Sequence[ChartJob], tabs: int, done: Callable[[int], None]) -> dict[int, bytes]:
    import kaleido

    out: dict[int, bytes] = {}
    async with kaleido.Kaleido(n=max(1, min(tabs, len(jobs)))) as session:

        async def one(job: ChartJob) -> None:
            opts = {"format": "png", "width": job.width, "height": job.height, "scale": job.scale}
            out[job.key] = bytes(await session.calc_fig(job.figure, opts=opts))
            done(len(out))

        await asyncio.gather(*(one(job) for job in jobs))
    return out


def render_pngs(
    jobs: Sequence[ChartJob], *, tabs: int = DEFAULT_TABS, progress: Callable[[int, int], None] | None = None
) -> dict[int, bytes]:
    """PNG bytes per job key.

    Raises:
        ChartExportError: No Chrome/Chromium, or rendering failed (Dutch message).
    """
    if not jobs:
        return {}
    if not png_export_available():
        raise ChartExportError(t("charts.error.no_browser"))
    result: dict[int, bytes] = {}
    failure: list[BaseException] = []
    lock = threading.Lock()

    def done(count: int) -> None:
        if progress is not None:
            with lock:
                progress(count, len(jobs))

    def run() -> None:
        try:
            result.update(asyncio.run(_render(jobs, tabs, done)))
        except BaseException as error:  # kaleido/choreographer raise many kinds
            failure.append(error)

    worker = threading.Thread(target=run, name="weerbaar-charts", daemon=True)
    worker.start()
    worker.join()
    if failure:
        raise ChartExportError(t("charts.error.render", error=failure[0])) from failure[0]
    return result
