"""The embedder contract: texts in, L2-normalised float32 vectors out.

Every embedder has a stable ``name`` that includes its model and version; the
name is the key of the embedding cache, so two embedders with the same name
must give the same vectors.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into fixed-size, L2-normalised ``float32`` vectors.

    Attributes:
        name: Stable identifier (backend, model, version); used as cache key.
        dim: Length of every vector.
    """

    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts``.

        Args:
            texts: Plain strings, any length (may be empty).

        Returns:
            Array of shape ``(len(texts), dim)``, dtype ``float32``, each row of
            unit length (or all zeros for an empty text).
        """
        ...


def l2_normalise(matrix: np.ndarray) -> np.ndarray:
    """Return ``matrix`` as float32 with unit-length rows (zero rows stay zero)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix.reshape(1, -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


class MissingBackend:
    """Placeholder for an embedder whose optional package is not installed.

    Raises an error that says what to install as soon as it is used.
    """

    def __init__(self, backend: str, package: str, error: Exception | None = None) -> None:
        self.name = f"missing:{backend}"
        self.dim = 0
        self._message = (
            f"The '{backend}' embedder needs the package '{package}'. "
            f"Install it with: pip install {package}"
            + (f" ({error})" if error else "")
        )

    def embed(self, texts: list[str]) -> np.ndarray:
        raise ImportError(self._message)
