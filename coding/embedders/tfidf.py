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

VERSION = 2
_SPARSE_BITS = 22
_SPARSE = 2**_SPARSE_BITS
_WORD_CACHE_LIMIT = 500_000
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
        hashing = dict(
            analyzer="char_wb",
            ngram_range=(s.ngram_min, s.ngram_max),
            n_features=_SPARSE,
            alternate_sign=False,
            norm=None,
            lowercase=False,
            dtype=np.float32,
        )
        self._vectorizer = HashingVectorizer(preprocessor=self._prepare, **hashing)
        self._word_vectorizer = HashingVectorizer(**hashing)

    def _prepare(self, text: str) -> str:
        return " ".join(self._tokens(text))

    def _tokens(self, text: str) -> list[str]:
        """``_prepare(text).split()``: the lower-cased words of ``text`` that are not stop words."""
        # ``_WORD.findall(text.lower())`` chunk by chunk: no match contains whitespace,
        # and a chunk of word characters only (``str.isalnum`` is ``\w`` without ``_``) is one match
        stop = self._stop
        found: list[str] = []
        findall = _WORD.findall
        for chunk in text.lower().split():
            if chunk.isalnum():
                if chunk not in stop:
                    found.append(chunk)
            else:
                found.extend(w for w in findall(chunk) if w not in stop)
        return found

    def _counts(self, texts: list[str]) -> sparse.csr_matrix:
        """Sparse n-gram counts; ``char_wb`` n-grams never cross words, so words are hashed once."""
        tokenised = [self._tokens(t) for t in texts]
        cache = self._word_cache
        new = list({w for words in tokenised for w in words if w not in cache})
        if new:
            if len(cache) + len(new) > _WORD_CACHE_LIMIT:  # bound the memory; this batch's words are hashed anew
                cache.clear()
                new = list({w for words in tokenised for w in words})
            # a prepared word is its own preprocessing: hash it without running ``_prepare`` again
            matrix = self._word_vectorizer.transform(new).tocsr()
            bounds = matrix.indptr.tolist()
            indices, data = matrix.indices, matrix.data
            for i, word in enumerate(new):
                lo, hi = bounds[i], bounds[i + 1]
                cache[word] = (indices[lo:hi].copy(), data[lo:hi].copy())
        # the batch's distinct words, numbered in order of appearance, their n-grams concatenated once;
        # every word occurrence then gathers its word's slice (no per-occurrence array work)
        number: dict[str, int] = {}
        ids = [number.setdefault(w, len(number)) for words in tokenised for w in words]
        if not ids:
            return sparse.csr_matrix((len(texts), _SPARSE), dtype=np.float32)
        distinct = [cache[w] for w in number]
        lengths = np.fromiter((len(cols) for cols, _ in distinct), dtype=np.int64, count=len(distinct))
        word_ids = np.array(ids, dtype=np.int64)
        sizes = lengths[word_ids]
        offsets = np.cumsum(lengths) - lengths
        gather = np.repeat(offsets[word_ids] - (np.cumsum(sizes) - sizes), sizes) + np.arange(int(sizes.sum()))
        text_of_word = np.repeat(np.arange(len(texts), dtype=np.int64), [len(words) for words in tokenised])
        word_rows = np.repeat(text_of_word, sizes)
        # sum the counts of equal (row, n-gram) pairs: sort the pair keys, each repeated by its count
        # (counts are small integers, so the sums are exact), and count the runs; the result is
        # what ``sum_duplicates`` gives, in the same (row, column) order
        keys = (word_rows << _SPARSE_BITS) | np.concatenate([cols for cols, _ in distinct])[gather]
        data = np.concatenate([values for _, values in distinct])[gather].astype(np.int64)
        ordered = np.sort(keys if bool((data == 1).all()) else np.repeat(keys, data))
        starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
        unique = ordered[starts]
        totals = np.diff(np.append(starts, len(ordered))).astype(np.float32)
        indptr = np.searchsorted(unique >> _SPARSE_BITS, np.arange(len(texts) + 1), side="left")
        return sparse.csr_matrix(
            (totals, (unique & (_SPARSE - 1)).astype(np.int32), indptr), shape=(len(texts), _SPARSE)
        )

    def _word(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        matrix = self._word_vectorizer.transform([word]).tocsr()
        return matrix.indices.copy(), matrix.data.copy()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts``; see the module docstring for the method."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        counts = self._counts(texts)
        weights = (1.0 + np.log(counts.data)).astype(np.float32)
        columns = counts.indices
        # flat positions row * dim + folded column, added in the same order as a 2-D ``np.add.at``
        rows = np.repeat(np.arange(counts.shape[0], dtype=np.int64) * self.dim, np.diff(counts.indptr))
        dense = np.zeros(counts.shape[0] * self.dim, dtype=np.float32)
        np.add.at(dense, rows + columns % self.dim, weights * self._signs[columns])
        # ``l2_normalise`` in place (the same operations as ``np.linalg.norm``, without its copies)
        matrix = dense.reshape(counts.shape[0], self.dim)
        norms = np.sqrt(np.add.reduce(matrix * matrix, axis=1, keepdims=True))
        norms[norms == 0] = 1.0
        matrix /= norms
        return matrix
