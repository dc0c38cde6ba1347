from __future__ import annotations

import numpy as np
import pytest

from coding.codebook import Codebook, Pillar, Theme
from coding.lexicon import CompoundSplitter, Lexicon, lemmatize


def _codebook(extra: dict[str, list[str]]) -> Codebook:
    pillars = []
    for code in ("BEW", "INF", "BEL", "INT", "COM"):
        pillars.append(
            Pillar(code=code, name=code, keywords=extra.get(code, []),
                   themes=[Theme(code=f"{code}.x", name="x", keywords=extra.get(code, []))])
        )
    return Codebook(name="t", version=1, pillars=pillars)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon(
        _codebook(
            {
                "BEW": ["ondermijning", "bewustwording", "training"],
                "INF": ["overleg", "meldpunt", "signaal"],
                "BEL": ["vergunning", "subsidie", "fraude"],
                "INT": ["integriteit", "vertrouwenspersoon"],
                "COM": ["sessie", "nieuwsbrief"],
            }
        )
    )


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("ondermijningsoverleg", {"ondermijning", "overleg"}),
        ("bewustwordingssessies", {"bewustwording", "sessie"}),
        ("integriteitsschendingen", {"integriteit", "schending"}),
        ("subsidiefraude", {"subsidie", "fraude"}),
        ("fraudesignalen", {"fraude", "signaal"}),
    ],
)
def test_lexicon_splits_compounds_into_their_parts(lexicon: Lexicon, word: str, parts: set[str]) -> None:
    terms = {term for term, _ in lexicon.splitter.analyse(word).terms}
    assert parts <= terms


def test_lexicon_compound_matches_codes_of_both_parts(lexicon: Lexicon) -> None:
    codes = {m.code for m in lexicon.matches("Er is maandelijks een ondermijningsoverleg.")}
    assert {"BEW", "INF"} <= codes


def test_lexicon_head_weighs_more_than_modifier(lexicon: Lexicon) -> None:
    weights = dict(lexicon.splitter.analyse("ondermijningsoverleg").terms)
    assert weights["overleg"] > weights["ondermijning"]


def test_lexicon_does_not_split_lexicalised_words(lexicon: Lexicon) -> None:
    assert [t for t, _ in lexicon.splitter.analyse("medewerkers").terms] == ["medewerker"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Wij hebben twee vertrouwenspersonen.", "INT"),
        ("De vergunningen werden geweigerd.", "BEL"),
        ("Zij gaven signalen door aan het meldpunt.", "INF"),
    ],
)
def test_lexicon_matches_inflected_forms_on_lemmas(lexicon: Lexicon, text: str, code: str) -> None:
    pillar_scores, _ = lexicon.score([text])
    assert lexicon.pillar_codes[int(pillar_scores[0].argmax())] == code


def test_lexicon_lemmatize_lowercases_and_lemmatises() -> None:
    assert lemmatize("De Medewerkers meldden signalen") == ["de", "medewerker", "melden", "signaal"]


def test_lexicon_splitter_is_general_not_a_word_list() -> None:
    splitter = CompoundSplitter({"agressie", "incident"})
    assert splitter.split("agressieincidenten") == ("agressie", "incident")


def test_lexicon_rarer_keyword_weighs_more(lexicon: Lexicon) -> None:
    # "training" is in one pillar only; shared keywords get a lower IDF
    lx = Lexicon(_codebook({"BEW": ["risico", "training"], "INF": ["risico"], "BEL": ["risico"]}))
    assert lx.idf[("training",)] > lx.idf[("risico",)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "De Medewerkers meldden signalen",
        "Ja, dat klopt: de integriteitsschendingen (2x) in 2024_Q1 - anti-fraude-beleid 's avonds",
        "Élan ÉLAN élan's İstanbul \u00a0 ﬁets\tsessie² x-y-",
    ],
)
def test_lexicon_words_is_the_word_pattern(text: str) -> None:
    from coding.lexicon import _WORD, words

    assert words(text) == _WORD.findall(text.lower())


def test_lexicon_score_equals_scoring_the_terms(lexicon: Lexicon) -> None:
    texts = [
        "Er is maandelijks een ondermijningsoverleg met het meldpunt.",
        "Subsidiefraude, subsidiefraude en fraudesignalen bij vergunningen",
        "",
        "training",
    ]
    pillars, themes = lexicon.score(texts)
    for row, text in enumerate(texts):
        found = np.zeros(len(lexicon._term_index))
        for term, tf in lexicon.terms(text).items():
            if term in lexicon._term_index:
                found[lexicon._term_index[term]] = tf * (lexicon.k1 + 1.0) / (tf + lexicon.k1)
        assert np.allclose(pillars[row], lexicon._pillar_matrix.T @ found, atol=1e-6)
        assert np.allclose(themes[row], lexicon._theme_matrix.T @ found, atol=1e-6)


@pytest.mark.slow  # an exhaustive check: some 4,000 words split both ways
def test_lexicon_skipping_hopeless_splits_changes_no_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """Known words without a codebook word at their start are not split: the full split would be dropped."""
    import random

    from coding.codebook import default_codebook

    lexicon = Lexicon(default_codebook())
    vocabulary = sorted(lexicon.splitter.vocabulary)
    general = ["medewerkers", "gemeente", "afdeling", "vergunningen", "werkzaamheden", "bestuurders",
               "samenwerking", "toezichthouder", "ondernemers", "burgemeester", "woningen", "criminelen"]
    rng = random.Random(7)
    words = list(general)
    for _ in range(400):
        parts = [rng.choice(vocabulary if rng.random() < 0.6 else general) for _ in range(rng.randint(2, 3))]
        words.append(rng.choice(["", "s", "e", "en"]).join(parts) + rng.choice(["", "en", "s", "n"]))
    words += [w[3:] for w in words] + [w[:-3] for w in words]
    # known Dutch words (the ones the shortcut is for), many of them starting with a codebook word
    from coding.lexicon import _lookup_table

    forms = sorted(_lookup_table()[0])
    words += rng.sample(forms, 1000)
    words += [f for f in forms if f[:3] in vocabulary or f[:4] in vocabulary or f[:5] in vocabulary][:1500]
    fast = [lexicon.splitter.analyse(w) for w in words]
    full = CompoundSplitter(lexicon.splitter.vocabulary)
    monkeypatch.setattr(full, "_codebook_prefix", lambda word: True)  # always run the split
    assert [full.analyse(w) for w in words] == fast
    assert any(len(a.terms) > 1 for a in fast) and any(len(a.terms) == 1 for a in fast)
