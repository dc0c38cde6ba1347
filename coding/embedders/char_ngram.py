"""Character n-gram TF-IDF + truncated SVD: an offline stand-in embedder fitted on its batch.

Used by ``python -m coding topics``, the topic benchmark and the tests, where
no real sentence embedder should be loaded: similar wording gives similar
vectors. Unlike :class:`~coding.embedders.tfidf.TfidfEmbedder` the vectors
depend on the whole batch (the IDF and the SVD are fitted on it), so a text's
vector changes when other texts are added: do not cache them across batches
(the embedder's name says ``batch-fitted``).
"""

from __future__ import annotations

import numpy as np

VERSION = 1


def char_ngram_embeddings(texts: list[str], *, dimensions: int = 256, random_state: int = 42) -> np.ndarray:
    """Embed texts offline: character 2-4-gram TF-IDF reduced with truncated SVD.

    Args:
        texts: Texts to embed.
        dimensions: Output dimensions (fewer when the vocabulary is smaller).
        random_state: Seed of the randomised SVD.

    Returns:
        An ``n × dimensions`` float32 array with unit-length rows.
    """
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2, max_features=50_000)
    matrix = tfidf.fit_transform(texts)
    components = max(2, min(dimensions, matrix.shape[1] - 1, len(texts) - 1))
    reduced = TruncatedSVD(n_components=components, random_state=random_state).fit_transform(matrix)
    return np.asarray(normalize(reduced), dtype=np.float32)


class CharNgramEmbedder:
    """The :class:`~coding.embedders.Embedder` contract around :func:`char_ngram_embeddings`.

    ``dim`` is the requested number of dimensions; a batch with a smaller
    vocabulary is padded with zero columns so every vector has length ``dim``.
    """

    def __init__(self, dimensions: int = 256, random_state: int = 42) -> None:
        self.dim = dimensions
        self._random_state = random_state
        self.name = f"char-ngram-svd@{VERSION}:d{dimensions}:batch-fitted"

    def embed(self, texts: list[str]) -> np.ndarray:
        if len(texts) < 3:  # too few texts to fit n-gram statistics on
            return np.zeros((len(texts), self.dim), dtype=np.float32)
        vectors = char_ngram_embeddings(texts, dimensions=self.dim, random_state=self._random_state)
        if vectors.shape[1] < self.dim:
            vectors = np.hstack([vectors, np.zeros((len(texts), self.dim - vectors.shape[1]), dtype=np.float32)])
        return vectors
