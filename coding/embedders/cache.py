"""Embedding cache: vectors keyed by ``(embedder name, sha256(text))``.

:func:`embed_cached` embeds only the texts the cache does not hold yet, so
re-coding a scan does not re-embed its fragments. ``models.autocode`` provides
a database-backed implementation on the ``embeddings`` table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Protocol, runtime_checkable

import numpy as np

from coding.embedders._base import Embedder


def text_hash(text: str) -> str:
    """SHA-256 hex digest of ``text`` (UTF-8); the cache key of a text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@runtime_checkable
class EmbeddingCache(Protocol):
    """Storage of vectors by embedder name and text hash."""

    def get_many(self, embedder: str, hashes: list[str]) -> dict[str, np.ndarray]:
        """Return the stored vectors among ``hashes`` (missing hashes are left out)."""
        ...

    def put_many(self, embedder: str, vectors: dict[str, np.ndarray]) -> None:
        """Store ``vectors`` (hash -> float32 vector) for ``embedder``."""
        ...


class MemoryEmbeddingCache:
    """In-process cache, bounded by ``max_items`` (oldest entries are dropped first)."""

    def __init__(self, *, max_items: int = 200_000) -> None:
        self.max_items = max_items
        self._store: dict[tuple[str, str], np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._store)

    def get_many(self, embedder: str, hashes: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for h in hashes:
            vector = self._store.get((embedder, h))
            if vector is not None:
                found[h] = vector
        return found

    def put_many(self, embedder: str, vectors: dict[str, np.ndarray]) -> None:
        for h, vector in vectors.items():
            self._store[(embedder, h)] = np.asarray(vector, dtype=np.float32)
        overflow = len(self._store) - self.max_items
        if overflow > 0:
            for key in list(self._store)[:overflow]:
                del self._store[key]


def embed_cached(
    embedder: Embedder,
    texts: list[str],
    cache: EmbeddingCache | None,
    *,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = 64,
) -> np.ndarray:
    """Embed ``texts`` with ``embedder``, asking ``cache`` first and embedding only misses.

    Args:
        embedder: Any :class:`~coding.embedders._base.Embedder`.
        texts: Texts to embed; duplicates are embedded once.
        cache: Where vectors are looked up and stored; ``None`` embeds everything.
        progress: Optional ``progress(done, missing)``: called once before the
            first batch and after every batch of ``batch_size`` missing texts
            (each batch is stored in the cache at once, so an interrupted run
            keeps what it embedded). Not called when nothing is missing.
        batch_size: Texts per embedding batch when ``progress`` is given.

    Returns:
        ``(len(texts), embedder.dim)`` float32 array in the order of ``texts``.
    """
    if cache is None:
        return embedder.embed(list(texts))
    hashes = [text_hash(t) for t in texts]
    unique = list(dict.fromkeys(hashes))
    found = cache.get_many(embedder.name, unique)
    missing = [h for h in unique if h not in found]
    if missing:
        first_text: dict[str, str] = {}
        for h, t in zip(hashes, texts, strict=True):
            first_text.setdefault(h, t)
        step = max(1, batch_size) if progress is not None else len(missing)
        if progress is not None:
            progress(0, len(missing))
        for start in range(0, len(missing), step):
            part = missing[start : start + step]
            vectors = embedder.embed([first_text[h] for h in part])
            new = {h: vectors[i] for i, h in enumerate(part)}
            cache.put_many(embedder.name, new)
            found.update(new)
            if progress is not None:
                progress(start + len(part), len(missing))
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.vstack([found[h] for h in hashes]).astype(np.float32, copy=False)
