"""Tests for coding/nlp.py: one Dutch pipeline and one lemmatiser, shared by segmenter, lexicon and topics."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from coding import lexicon, nlp, segmenter


def test_nlp_lemmatize_gives_dutch_lemmas_and_joined_texts() -> None:
    assert nlp.lemmatize("Wij liepen naar huis.") == ["wij", "lopen", "naar", "huis"]
    assert nlp.lemma_texts(["Wij liepen naar huis.", "Zij werkten samen met de politie."]) == [
        "wij lopen naar huis",
        "zij werken samen met de politie",
    ]


def test_nlp_one_pipeline_and_table_for_every_user() -> None:
    assert segmenter.get_pipeline() is nlp.get_pipeline()
    assert segmenter.lemmatize is nlp.lemmatize
    assert lexicon._lookup_table() is nlp.lookup_table()
    table, _ = nlp.lookup_table()
    assert table["liepen"] == "lopen" == lexicon.lemma("liepen")


def test_nlp_is_safe_from_several_threads() -> None:
    texts = [f"De {n}e wethouder liep naar de burgemeester en meldde een bedreiging." for n in range(40)]
    expected = nlp.lemmatize_many(texts)
    with ThreadPoolExecutor(max_workers=4) as pool:
        pipelines = list(pool.map(lambda _: nlp.get_pipeline(), range(8)))
        results = list(pool.map(lambda text: nlp.lemmatize(text), texts))
        segments = list(pool.map(segmenter.segment_text, texts))
    assert all(p is pipelines[0] for p in pipelines)
    assert results == expected
    assert all(len(s) == 1 and s[0].text == text for s, text in zip(segments, texts, strict=True))
