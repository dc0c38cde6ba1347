"""Character n-gram embedder without weights: the offline default.

Design (documented because the vectors are cached by name):

* Texts are lower-cased and Dutch function words (spaCy's Dutch stop list) are
  removed, so that ``de``/``het``/``van`` do not dominate the n-gram counts.
* Character n-grams of 3 to 5 inside word boundaries (``char_wb``) capture
  Dutch morphology: ``bewustwordingssessies`` shares most of its n-grams with
  ``bewustwording`` and ``sessie``.
* Term counts are sublinear (``1 + log tf``).
* N-grams are first hashed into a large sparse space (2**22, practically no
  collisions), weighted, and then folded into a FIXED number of dense
  dimensions (``n_features``) with a fixed pseudo-random sign per sparse
  column. Signed folding is a random projection that preserves inner products
  in expectation, so cosine similarity between the dense vectors approximates
  cosine similarity between the sparse n-gram vectors, and the dimension does
  not depend on any corpus. No IDF is fitted:
  the vectors of a text never change when other texts are added, which is what
  makes caching them by ``(name, sha256(text))`` correct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from coding.embedders._base import l2_normalise

VERSION = 2
_SPARSE = 2**22
_WORD = re.compile(r"\w+(?:-\w+)*", re.UNICODE)


@dataclass(frozen=True, kw_only=True)
class TfidfSettings:
    """Settings of :class:`TfidfEmbedder` (all part of its name)."""

    n_features: int = 4096
    ngram_min: int = 3
    ngram_max: int = 5
    remove_stop_words: bool = True


def _stop_words() -> frozenset[str]:
    try:
        from spacy.lang.nl.stop_words import STOP_WORDS
    except ImportError:  # pragma: no cover - spaCy is a requirement
        return frozenset()
    return frozenset(STOP_WORDS)


class TfidfEmbedder:
    """Hashed, sublinear character n-gram vectors of a fixed dimension."""

    def __init__(self, *, settings: TfidfSettings | None = None) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self.settings = settings or TfidfSettings()
        s = self.settings
        self.dim = s.n_features
        self.name = (
            f"tfidf-v{VERSION}-charwb{s.ngram_min}{s.ngram_max}-d{s.n_features}"
            + ("-stop" if s.remove_stop_words else "")
        )
        self._signs = np.random.default_rng(20240611).choice(np.array([-1.0, 1.0], dtype=np.float32), size=_SPARSE)
        self._word_cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._stop = _stop_words() if s.remove_stop_words else frozenset()
        self._vectorizer = HashingVectorizer(
            analyzer="char_wb",
            ngram_range=(s.ngram_min, s.ngram_max),
            n_features=_SPARSE,
            alternate_sign=False,
            norm=None,
            lowercase=False,
            preprocessor=self._prepare,
            dtype=np.float32,
        )

    def _prepare(self, text: str) -> str:
        words = _WORD.findall(text.lower())
        return " ".join(w for w in words if w not in self._stop)

    def _counts(self, texts: list[str]) -> sparse.csr_matrix:
        """Sparse n-gram counts; ``char_wb`` n-grams never cross words, so words are hashed once."""
        tokenised = [self._prepare(t).split() for t in texts]
        new = list({w for words in tokenised for w in words if w not in self._word_cache})
        if new:
            matrix = self._vectorizer.transform(new).tocsr()
            for i, word in enumerate(new):
                lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
                self._word_cache[word] = (matrix.indices[lo:hi].copy(), matrix.data[lo:hi].copy())
            if len(self._word_cache) > 500_000:
                self._word_cache.clear()
        indptr = [0]
        columns: list[np.ndarray] = []
        values: list[np.ndarray] = []
        for words in tokenised:
            size = 0
            for word in words:
                cols, data = self._word_cache[word] if word in self._word_cache else self._word(word)
                columns.append(cols)
                values.append(data)
                size += len(cols)
            indptr.append(indptr[-1] + size)
        empty_i, empty_f = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        counts = sparse.csr_matrix(
            (
                np.concatenate(values) if values else empty_f,
                np.concatenate(columns) if columns else empty_i,
                np.array(indptr),
            ),
            shape=(len(texts), _SPARSE),
        )
        counts.sum_duplicates()
        counts.eliminate_zeros()
        return counts

    def _word(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        matrix = self._vectorizer.transform([word]).tocsr()
        return matrix.indices.copy(), matrix.data.copy()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts``; see the module docstring for the method."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        counts = self._counts(texts)
        weights = (1.0 + np.log(counts.data)).astype(np.float32)
        columns = counts.indices
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        dense = np.zeros((counts.shape[0], self.dim), dtype=np.float32)
        np.add.at(dense, (rows, columns % self.dim), weights * self._signs[columns])
        return l2_normalise(dense)
