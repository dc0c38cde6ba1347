"""Codebook matching on lemmas, aware of Dutch compounds.

Dutch writes compounds as one word: ``ondermijningsoverleg`` is an *overleg*
about *ondermijning*. A keyword list cannot list every compound, so each word
of a fragment is analysed:

1. it is lemmatised with spaCy's Dutch lookup table (``spacy-lookups-data``,
   the same data as ``spacy.blank("nl")`` with a lookup lemmatizer);
2. if it is long enough, it is split by dynamic programming into known words
   joined by the Dutch linking morphemes ``-s-``, ``-e-`` and ``-en-``; known
   words are the lemmas of the codebook's keywords plus the lemmas of the
   lookup table. Fewer parts win; parts from the codebook break ties. The last
   part (the head) may be inflected (``...sessies`` -> ``sessie``);
3. when no full split exists, the longest known head found as a suffix is kept
   (suffix matching), so ``drugsgerelateerde...`` words still yield their head.

The fragment's terms are the word lemmas, the lemma of the whole compound with
its head lemmatised (``integriteitsschendingen`` -> ``integriteitsschending``),
the head (full weight) and the modifiers (weight :data:`MODIFIER_WEIGHT`).

:class:`Lexicon` scores a fragment against every code of a codebook with an
IDF-weighted, length-normalised overlap (cosine between IDF-weighted term
vectors, BM25-style saturation of repeated terms). IDF is computed over the
codebook's codes, so a keyword that appears in many themes (``ondermijning``)
counts less than one that singles out a theme (``vertrouwenspersoon``).
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from coding.codebook import Codebook

log = logging.getLogger(__name__)

LINKS: tuple[str, ...] = ("", "s", "e", "en")
MODIFIER_WEIGHT = 0.5
MIN_PART = 3
MIN_HEAD = 4
MIN_COMPOUND = 7
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)


# --- lemmas --------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _lookup_table() -> tuple[dict[str, str], frozenset[str]]:
    """spaCy's Dutch lemma lookup table (form -> lemma) and every form and lemma in it.

    The table is the ``lemma_lookup`` data of ``spacy-lookups-data`` as a plain
    ``dict`` keyed by the word form: the same entries as spaCy's ``Table``
    (which keys them by string hash) without a hash per lookup. Loaded once.
    """
    from coding.nlp import lookup_table

    return lookup_table()


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Lemma of one lower-cased word from the lookup table (the word itself if unknown)."""
    return _lookup_table()[0].get(word) or word


def known(word: str) -> bool:
    """Whether ``word`` is a Dutch word form or lemma in the lookup table."""
    return word in _lookup_table()[1]


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` (letters, inner hyphens/apostrophes)."""
    # the same as ``_WORD.findall(text.lower())``: no match contains whitespace, and
    # an all-letter chunk is one match, so only the other chunks need the pattern
    found: list[str] = []
    findall = _WORD.findall
    for chunk in text.lower().split():
        if chunk.isalpha():
            found.append(chunk)
        else:
            found.extend(findall(chunk))
    return found


def lemmatize(text: str) -> list[str]:
    """Lemmas of the words of ``text`` (lookup lemmatizer, lower case)."""
    return [lemma(w) for w in words(text)]


# --- compounds -----------------------------------------------------------------
@dataclass(frozen=True)
class WordAnalysis:
    """The terms one word contributes: ``(term, weight)`` pairs, whole-word lemma first."""

    lemma: str
    terms: tuple[tuple[str, float], ...]


_LINK_ENDINGS: tuple[tuple[str, int, float], ...] = tuple((link, len(link), 0.05 if link else 0.0) for link in LINKS)
_CACHE_LIMIT = 500_000


class CompoundSplitter:
    """Splits Dutch compounds against a vocabulary (codebook lemmas + lookup lemmas).

    Every result (part test, head, split, analysis) is memoised per string:
    interview vocabulary repeats heavily.

    Args:
        vocabulary: Preferred words (lemmas of codebook keywords); parts from here
            win ties and may be shorter than general words.
        general: Also accept any word of the Dutch lookup table as a part.
    """

    def __init__(self, vocabulary: Iterable[str], *, general: bool = True) -> None:
        self.vocabulary = frozenset(v for v in vocabulary if len(v) >= MIN_PART)
        self.general = general
        self._table, self._known = _lookup_table()
        self._cache: dict[str, tuple[str, ...]] = {}
        self._analyses: dict[str, WordAnalysis] = {}
        self._parts: dict[str, int] = {}
        self._heads: dict[str, str | None] = {}

    def _is_part(self, piece: str) -> int:
        """0 = not a word, 1 = general word, 2 = codebook word."""
        kind = self._parts.get(piece)
        if kind is None:
            if piece in self.vocabulary:
                kind = 2
            elif self.general and len(piece) >= MIN_HEAD and piece in self._known:
                kind = 1
            else:
                kind = 0
            if len(self._parts) >= _CACHE_LIMIT:
                self._parts.clear()
            self._parts[piece] = kind
        return kind

    def _head(self, piece: str) -> str | None:
        """Lemma of ``piece`` as the head of a compound, if it is a word."""
        heads = self._heads
        if piece in heads:
            return heads[piece]
        head = self._find_head(piece)
        if len(heads) >= _CACHE_LIMIT:
            heads.clear()
        heads[piece] = head
        return head

    def _find_head(self, piece: str) -> str | None:
        base = self._table.get(piece) or piece
        if base != piece and self._is_part(base):
            return base
        if self._is_part(piece):
            return piece
        for ending in ("en", "s", "'s", "n"):
            if piece.endswith(ending) and self._is_part(piece[: -len(ending)]):
                return piece[: -len(ending)]
        return None

    def split(self, word: str) -> tuple[str, ...]:
        """Parts of ``word`` (modifiers then head, head lemmatised), or ``()`` if none.

        A split needs at least two parts. Without a full split, the longest known
        head at the end of the word is returned alone (suffix matching).
        """
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result = self._split(word) if len(word) >= MIN_COMPOUND and "-" not in word else ()
        if not result and "-" in word:
            pieces = [p for p in word.split("-") if p]
            if len(pieces) > 1:
                result = (*pieces[:-1], lemma(pieces[-1]))
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _split(self, word: str) -> tuple[str, ...]:
        n = len(word)
        last = n - MIN_HEAD  # the head needs at least MIN_HEAD letters
        is_part = self._is_part
        # best[i]: best segmentation of word[:i] into modifier parts, as (cost, parts).
        # Forward dynamic programming from every reachable start j over the known
        # stems word[j:e] and the links after them; for a given end i candidates
        # arrive by ascending j and only a strictly lower cost replaces the best
        # (two links never tie at one (j, i): their costs differ by 0.05 or 0.2).
        best: list[tuple[float, tuple[str, ...]] | None] = [None] * (n + 1)
        best[0] = (0.0, ())
        for j in range(0, last - MIN_PART + 1):
            prev = best[j]
            if prev is None:
                continue
            prev_cost, prev_parts = prev
            for e in range(j + MIN_PART, last + 1):
                stem = word[j:e]
                kind = is_part(stem)
                if not kind:
                    continue
                for link, size, extra in _LINK_ENDINGS:
                    i = e + size
                    if i > last or (size and word[e:i] != link):
                        continue
                    cost = prev_cost + 1.0 + (0.0 if kind == 2 else 0.25) + extra
                    current = best[i]
                    if current is None or cost < current[0]:
                        best[i] = (cost, (*prev_parts, stem))
        options: list[tuple[float, tuple[str, ...]]] = []
        longest_head: str | None = None
        for i in range(MIN_PART, last + 1):
            head = self._head(word[i:])
            if head is None:
                continue
            if longest_head is None:
                longest_head = head
            prev = best[i]
            if prev is not None and prev[1]:
                cost = prev[0] + 1.0 + (0.0 if head in self.vocabulary else 0.25)
                options.append((cost, (*prev[1], head)))
        if options:
            return min(options, key=lambda o: (o[0], len(o[1])))[1]
        if longest_head is not None:
            return (longest_head,)
        return ()

    def _codebook_prefix(self, word: str) -> bool:
        """Whether ``word`` starts with a codebook word that :meth:`split` could take as its first part."""
        vocabulary = self.vocabulary
        return any(word[:end] in vocabulary for end in range(MIN_PART, len(word) - MIN_HEAD + 1))

    def analyse(self, word: str) -> WordAnalysis:
        """Terms of one lower-cased word: its lemma, and for compounds head and modifiers."""
        cached = self._analyses.get(word)
        if cached is None:
            cached = self._analyse(word)
            if len(self._analyses) < _CACHE_LIMIT:
                self._analyses[word] = cached
        return cached

    def _analyse(self, word: str) -> WordAnalysis:
        base = self._table.get(word) or word
        terms: list[tuple[str, float]] = [(base, 1.0)]
        # a lexicalised word (``medewerkers``) is only split into codebook words
        lexicalised = base != word or word in self._known
        if lexicalised and "-" not in word and not self._codebook_prefix(word):
            parts: tuple[str, ...] = ()  # a split into codebook words starts with one: no need to split
        else:
            parts = self.split(word)
        if parts and lexicalised and (len(parts) < 2 or not all(p in self.vocabulary for p in parts)):
            parts = ()
        if parts:
            head = parts[-1]
            prefix = word[: len(word) - len(head)] if word.endswith(head) else None
            if prefix is None:
                # head was lemmatised: rebuild the whole compound with a lemmatised head
                for cut in range(len(word) - 1, 0, -1):
                    if self._head(word[cut:]) == head:
                        prefix = word[:cut]
                        break
            if prefix:
                whole = prefix + head
                if whole != base:
                    terms.append((whole, 1.0))
            terms.append((head, 1.0))
            terms.extend((p, MODIFIER_WEIGHT) for p in parts[:-1])
        return WordAnalysis(base, tuple(dict.fromkeys(terms)))


# --- codebook matching ---------------------------------------------------------
@dataclass
class _Code:
    code: str
    terms: dict[tuple[str, ...], float] = field(default_factory=dict)  # keyword lemmas -> idf
    norm: float = 1.0


@dataclass(frozen=True)
class Match:
    """A keyword of a code found in a fragment."""

    code: str
    keyword: str
    weight: float


class Lexicon:
    """Scores fragments against a codebook's keywords.

    Args:
        codebook: Pillars and themes with keywords.
        k1: BM25 saturation for repeated keywords (higher = repeats count more).
        include_names: Also use the content words of code names as keywords.
    """

    def __init__(self, codebook: Codebook, *, k1: float = 1.2, include_names: bool = False) -> None:
        self.codebook = codebook
        self.k1 = k1
        self.pillar_codes = [p.code for p in codebook.pillars]
        self.theme_codes = [t.code for t in codebook.themes()]
        raw: dict[str, list[str]] = {}
        for pillar in codebook.pillars:
            raw[pillar.code] = list(pillar.keywords) + (words(pillar.name) if include_names else [])
            for theme in pillar.themes:
                raw[theme.code] = list(theme.keywords) + (words(theme.name) if include_names else [])
        vocabulary: set[str] = set()
        keyword_lemmas: dict[str, list[tuple[str, ...]]] = {}
        for code, keywords in raw.items():
            lemmas = [tuple(lemmatize(k)) for k in keywords]
            keyword_lemmas[code] = [k for k in dict.fromkeys(lemmas) if k]
            for k in keyword_lemmas[code]:
                vocabulary.update(k)
        self.splitter = CompoundSplitter(vocabulary)
        # keyword compounds also stand for their parts' combination; keep them whole
        documents = {code: set(kws) for code, kws in keyword_lemmas.items()}
        n_docs = len(documents)
        df: dict[tuple[str, ...], int] = {}
        for kws in documents.values():
            for k in kws:
                df[k] = df.get(k, 0) + 1
        self.idf = {k: math.log(1.0 + (n_docs - d + 0.5) / (d + 0.5)) for k, d in df.items()}
        self.codes: dict[str, _Code] = {}
        for code, kws in documents.items():
            entry = _Code(code, {k: self.idf[k] for k in kws})
            entry.norm = math.sqrt(sum(v * v for v in entry.terms.values())) or 1.0
            self.codes[code] = entry
        # pillar documents: the pillar's own keywords united with its themes'
        self.pillar_docs: dict[str, _Code] = {}
        for pillar in codebook.pillars:
            union: dict[tuple[str, ...], float] = dict(self.codes[pillar.code].terms)
            for theme in pillar.themes:
                union.update(self.codes[theme.code].terms)
            doc = _Code(pillar.code, union)
            doc.norm = math.sqrt(sum(v * v for v in union.values())) or 1.0
            self.pillar_docs[pillar.code] = doc
        self._phrase_sizes: dict[str, tuple[int, ...]] = {}
        for k in df:
            if len(k) > 1:
                self._phrase_sizes[k[0]] = tuple(sorted({*self._phrase_sizes.get(k[0], ()), len(k)}))
        self._term_index = {term: i for i, term in enumerate(df)}
        self._pillar_matrix = self._matrix([self.pillar_docs[c] for c in self.pillar_codes])
        self._theme_matrix = self._matrix([self.codes[c] for c in self.theme_codes])
        self._words: dict[str, tuple[str, tuple[tuple[int, float], ...], tuple[int, ...]]] = {}
        self._index: dict[tuple[str, ...], list[str]] = {}
        for code, entry in self.codes.items():
            for k in entry.terms:
                self._index.setdefault(k, []).append(code)

    # -- analysis
    def terms(self, text: str) -> dict[tuple[str, ...], float]:
        """Keyword-shaped terms of ``text`` with their match weight (summed over repeats)."""
        analyses = [self.splitter.analyse(w) for w in words(text)]
        found: dict[tuple[str, ...], float] = {}
        lemmas = [a.lemma for a in analyses]
        for analysis in analyses:
            for term, weight in analysis.terms:
                found[(term,)] = found.get((term,), 0.0) + weight
        for i, first in enumerate(lemmas):
            for size in self._phrase_sizes.get(first, ()):
                gram = tuple(lemmas[i : i + size])
                if gram in self.idf:
                    found[gram] = found.get(gram, 0.0) + 1.0
        return found

    def _word(self, word: str) -> tuple[str, tuple[tuple[int, float], ...], tuple[int, ...]]:
        """Lemma of ``word``, its ``(term column, weight)`` pairs for scoring and the sizes of the
        codebook phrases its lemma starts (memoised)."""
        info = self._words.get(word)
        if info is None:
            analysis = self.splitter.analyse(word)
            index = self._term_index
            pairs = tuple((index[(t,)], w) for t, w in analysis.terms if (t,) in index)
            info = (analysis.lemma, pairs, self._phrase_sizes.get(analysis.lemma, ()))
            if len(self._words) >= 500_000:
                self._words.clear()
            self._words[word] = info
        return info

    def _columns(self, text: str) -> dict[int, float]:
        """:meth:`terms` of ``text`` restricted to codebook terms, keyed by term column."""
        cache, index = self._words, self._term_index
        infos = [cache.get(w) or self._word(w) for w in words(text)]
        found: dict[int, float] = {}
        starts: list[int] = []
        for i, (_, pairs, sizes) in enumerate(infos):
            for col, weight in pairs:
                found[col] = found.get(col, 0.0) + weight
            if sizes:
                starts.append(i)
        if starts:  # the phrases after all words, in text order, as in :meth:`terms`
            lemmas = [info[0] for info in infos]
            for i in starts:
                for size in infos[i][2]:
                    # near the end of the text the gram is shorter, as in :meth:`terms`
                    gram = index.get(tuple(lemmas[i : i + size]))
                    if gram is not None:
                        found[gram] = found.get(gram, 0.0) + 1.0
        return found

    def matches(self, text: str) -> list[Match]:
        """Every (code, keyword) pair found in ``text``, for explaining a suggestion."""
        result: list[Match] = []
        for term, weight in self.terms(text).items():
            for code in self._index.get(term, []):
                result.append(Match(code, " ".join(term), weight))
        return result

    def _matrix(self, entries: list[_Code]) -> sparse.csr_matrix:
        """Terms x codes matrix of ``idf**2 / norm`` (cosine between IDF-weighted term sets)."""
        rows, cols, values = [], [], []
        for col, entry in enumerate(entries):
            for term, idf in entry.terms.items():
                rows.append(self._term_index[term])
                cols.append(col)
                values.append(idf * idf / entry.norm)
        return sparse.csr_matrix((values, (rows, cols)), shape=(len(self._term_index), len(entries)))

    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Lexicon scores of ``texts``.

        Returns:
            ``(pillar_scores, theme_scores)``: arrays ``(n, n_pillars)`` and
            ``(n, n_themes)`` in codebook order. Pillar scores use the pillar's
            keywords united with those of its themes. Repeated terms saturate
            as in BM25 (``tf * (k1 + 1) / (tf + k1)``).
        """
        k1 = self.k1
        rows: list[int] = []
        cols: list[int] = []
        counts: list[float] = []
        for row, text in enumerate(texts):
            found = self._columns(text)
            rows.extend([row] * len(found))
            cols.extend(found)
            counts.extend(found.values())
        tf = np.array(counts, dtype=np.float64)
        values = tf * (k1 + 1.0) / (tf + k1)
        matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), len(self._term_index)))
        pillars = np.asarray((matrix @ self._pillar_matrix).todense(), dtype=np.float32)
        themes = np.asarray((matrix @ self._theme_matrix).todense(), dtype=np.float32)
        return pillars, themes
