"""Tests for coding/topics.py: topic discovery on a generated three-subject Dutch corpus."""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from coding.embedders import char_ngram_embeddings
from coding.nlp import lemma_texts as lemmatise
from coding.topic_figures import topic_figures
from coding.topics import (
    TooFewFragments,
    Topic,
    TopicResult,
    TopicSettings,
    dutch_stop_words,
    find_topics,
    theme_suggestion,
)

BERTOPIC = pytest.mark.slow  # fits BERTopic: UMAP + HDBSCAN, ~30-50 s of numba compilation per process

CLAUSES = {
    "meldpunt": [
        "medewerkers melden {signal} bij het meldpunt",
        "het meldpunt ontvangt {signal} van {reporter}",
        "{reporter} weten niet hoe ze {signal} moeten melden",
        "een melding over {signal} gaat naar de coördinator van het meldpunt",
        "we registreren elke melding in het meldsysteem",
        "{reporter} kunnen anoniem melden",
        "het meldformulier voor {signal} is te ingewikkeld",
        "na een melding krijgt de melder terugkoppeling",
    ],
    "bibob": [
        "we voeren een Bibob-toets uit op {applicant}",
        "de gemeente weigert de {licence} na het Bibob-onderzoek",
        "het Landelijk Bureau Bibob adviseert over de {licence}",
        "{applicant} vult het Bibob-vragenformulier in",
        "de vergunningverlener start een Bibob-procedure voor de {licence}",
        "bij verlenging van de {licence} kijken we naar de financiering",
        "de {licence} wordt ingetrokken bij ernstig gevaar",
        "vergunningaanvragen van {applicant} toetsen we streng",
    ],
    "agressie": [
        "{victim} werd {how} bedreigd",
        "na de bedreiging van {victim} deden we aangifte",
        "agressie tegen {victim} neemt toe",
        "{victim} voelt zich onveilig door intimidatie",
        "we bieden {victim} nazorg na agressie",
        "de intimidatie gebeurt vaak {how}",
        "beveiliging van {victim} is nodig na bedreigingen",
        "geweld en bedreiging schrikken {victim} af",
    ],
}
SLOTS = {
    "signal": ["signalen", "vermoedens", "verdachte situaties", "signalen van ondermijning"],
    "reporter": ["medewerkers", "collega's", "boa's", "wijkagenten", "ambtenaren"],
    "applicant": ["de aanvrager", "de exploitant", "de vastgoedeigenaar", "het bedrijf", "de ondernemer"],
    "licence": ["horecavergunning", "exploitatievergunning", "omgevingsvergunning", "vergunning"],
    "victim": ["de wethouder", "de burgemeester", "een handhaver", "de raadsleden", "een baliemedewerker"],
    "how": ["online", "thuis aan de deur", "via sociale media", "op straat", "telefonisch"],
}
FILLERS = ["ja", "nou", "eigenlijk", "gewoon", "dus", "tja", "ik denk dat", "weet je"]
JOINERS = [" en ", ", maar ", ". Ook ", ", want "]
KEYWORDS = {"meldpunt": {"meldpunt", "melden", "melding"}, "bibob": {"bibob"}, "agressie": {"agressie", "bedreiging"}}
# Meldpunt fragments carry INF codes, Bibob fragments BEL codes, aggression fragments nothing.
CODES_BY_SUBJECT = {"meldpunt": ["INF", "INF.meldpunt"], "bibob": ["BEL", "BEL.bibob"], "agressie": []}


def _corpus(per_subject: int = 70, seed: int = 7) -> tuple[list[str], list[str]]:
    """Return interview-like fragments about three subjects, and each one's subject."""
    rng = random.Random(seed)
    texts: list[str] = []
    subjects: list[str] = []
    for subject, clauses in CLAUSES.items():
        for _ in range(per_subject):
            first, second = (
                clause.format(**{slot: rng.choice(values) for slot, values in SLOTS.items()})
                for clause in rng.sample(clauses, 2)
            )
            text = first + rng.choice(JOINERS) + second
            if rng.random() < 0.5:
                text = f"{rng.choice(FILLERS)}, {text}"
            texts.append(text[0].upper() + text[1:] + ".")
            subjects.append(subject)
    return texts, subjects


@pytest.fixture(scope="module")
def corpus() -> dict[str, object]:
    texts, subjects = _corpus()
    ids = [1000 + i for i in range(len(texts))]
    return {
        "ids": ids,
        "texts": texts,
        "subjects": dict(zip(ids, subjects, strict=True)),
        "lemmas": lemmatise(texts),
        "embeddings": char_ngram_embeddings(texts),
        "codes": {fragment_id: CODES_BY_SUBJECT[subject] for fragment_id, subject in zip(ids, subjects, strict=True)},
    }


@pytest.fixture(scope="module")
def few() -> dict[str, object]:
    """The corpus's first 40 fragments with their own lemmas and embeddings: for the input checks (no fit)."""
    texts = _corpus()[0][:40]
    return {
        "ids": [1000 + i for i in range(len(texts))],
        "texts": texts,
        "lemmas": lemmatise(texts),
        "embeddings": char_ngram_embeddings(texts),
    }


def _run(corpus: dict[str, object], **kwargs: object) -> tuple[TopicResult, object]:
    return find_topics(
        corpus["ids"],  # type: ignore[arg-type]
        corpus["texts"],  # type: ignore[arg-type]
        corpus["lemmas"],  # type: ignore[arg-type]
        corpus["embeddings"],  # type: ignore[arg-type]
        codes=corpus["codes"],  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def fitted(corpus: dict[str, object]) -> tuple[TopicResult, object, list[tuple[float, str]]]:
    calls: list[tuple[float, str]] = []
    result, model = _run(corpus, progress=lambda fraction, message: calls.append((fraction, message)))
    return result, model, calls


def _subject_of(topic: Topic, corpus: dict[str, object]) -> str:
    subjects: dict[int, str] = corpus["subjects"]  # type: ignore[assignment]
    return Counter(subjects[i] for i in topic.fragment_ids).most_common(1)[0][0]


@BERTOPIC
def test_topics_finds_one_topic_per_subject(fitted, corpus) -> None:
    result, _, _ = fitted
    subjects: dict[int, str] = corpus["subjects"]
    assert len(result.topics) == 3
    assert {_subject_of(topic, corpus) for topic in result.topics} == set(CLAUSES)
    for topic in result.topics:
        subject = _subject_of(topic, corpus)
        purity = sum(subjects[i] == subject for i in topic.fragment_ids) / topic.size
        assert purity >= 0.9
        assert KEYWORDS[subject] & {word for word, _ in topic.words}
        assert set(topic.representative_ids) <= set(topic.fragment_ids)
        assert len(topic.representative_ids) == 3
    assert result.n == 210
    assert result.outliers + sum(topic.size for topic in result.topics) == result.n


@BERTOPIC
def test_topics_words_skip_dutch_stop_words_and_fillers(fitted) -> None:
    result, _, _ = fitted
    stop_words = set(dutch_stop_words())
    assert {"ja", "nou", "eigenlijk", "gewoon", "wel", "heel", "even", "de", "het"} <= stop_words
    for topic in result.topics:
        assert not {word for word, _ in topic.words} & stop_words


@BERTOPIC
def test_topics_same_data_gives_same_topics(fitted, corpus) -> None:
    result, _, _ = fitted
    again, _ = _run(corpus)
    assert [topic.fragment_ids for topic in again.topics] == [topic.fragment_ids for topic in result.topics]
    assert [topic.words for topic in again.topics] == [topic.words for topic in result.topics]
    assert again.settings == result.settings


def test_topics_too_few_fragments_raises_dutch_message(few) -> None:
    with pytest.raises(TooFewFragments) as caught:
        find_topics(
            few["ids"][:30],
            few["texts"][:30],
            few["lemmas"][:30],
            few["embeddings"][:30],
        )
    message = str(caught.value)
    assert "30" in message and "50" in message and "fragmenten" in message
    assert (caught.value.n, caught.value.needed) == (30, 50)
    assert isinstance(caught.value, ValueError)


def test_topics_mismatched_inputs_raise_value_error(few) -> None:
    with pytest.raises(ValueError, match="embeddings"):
        find_topics(few["ids"], few["texts"], few["lemmas"], few["embeddings"][:20])


@BERTOPIC
def test_topics_uncoded_topic_is_gap(fitted, corpus) -> None:
    result, _, _ = fitted
    by_subject = {_subject_of(topic, corpus): topic for topic in result.topics}
    aggression, reporting, bibob = by_subject["agressie"], by_subject["meldpunt"], by_subject["bibob"]
    assert aggression.is_gap and aggression.uncoded == aggression.size and aggression.novelty == 1.0
    assert not reporting.is_gap and reporting.novelty == 0.0 and reporting.uncoded == 0
    assert reporting.pillar_counts == {"INF": reporting.size}
    assert reporting.theme_counts == {"INF.meldpunt": reporting.size}
    assert bibob.pillar_counts == {"BEL": bibob.size} and not bibob.is_gap


@BERTOPIC
def test_topics_spread_over_pillars_is_a_gap_only_without_themes(corpus) -> None:
    pillars = ["BEW", "INF", "BEL", "INT", "COM"]
    ids = corpus["ids"]
    pillar_only = {fragment_id: [pillars[i % len(pillars)]] for i, fragment_id in enumerate(ids)}
    result, _ = find_topics(ids, corpus["texts"], corpus["lemmas"], corpus["embeddings"], codes=pillar_only)
    for topic in result.topics:  # a pillar but no theme fits: the codebook misses the topic
        assert topic.uncoded == 0 and topic.without_theme == topic.size
        assert topic.is_gap and topic.novelty > 0.75
    themed = {fragment_id: [pillar, f"{pillar}.thema"] for fragment_id, (pillar,) in pillar_only.items()}
    result, _ = find_topics(ids, corpus["texts"], corpus["lemmas"], corpus["embeddings"], codes=themed)
    for topic in result.topics:  # spread over five pillars, but every fragment has a theme: covered
        assert topic.without_theme == 0 and not topic.is_gap


@BERTOPIC
def test_topics_progress_reports_stages_in_dutch(fitted) -> None:
    _, _, calls = fitted
    fractions = [fraction for fraction, _ in calls]
    messages = " ".join(message for _, message in calls)
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    for word in ("Dimensies", "clusteren", "beschrijven", "Klaar"):
        assert word in messages


@BERTOPIC
def test_topics_theme_suggestion_uses_top_words(fitted) -> None:
    result, _, _ = fitted
    for topic in result.topics:
        name, description = theme_suggestion(topic)
        top_word = topic.words[0][0]
        assert name and name[0].isupper()
        assert top_word.lower() in name.lower()
        assert " en " in name
        assert "Kernwoorden" in description and str(topic.size) in description


@BERTOPIC
def test_topics_result_json_round_trips(fitted) -> None:
    result, _, _ = fitted
    stored = result.to_json()
    loaded = TopicResult.from_json(stored)
    assert loaded == result
    assert json.loads(stored)["settings"]["random_state"] == 42
    assert TopicSettings.from_dict(loaded.settings) == TopicSettings().for_size(210)
    assert loaded.topic_of()[result.topics[0].fragment_ids[0]] == result.topics[0].id


@pytest.mark.parametrize("n", [200, 2_000, 20_000])
def test_topics_settings_scale_with_size(n: int) -> None:
    settings = TopicSettings().for_size(n)
    assert settings.min_topic_size is not None and settings.min_samples is not None
    assert 10 <= settings.min_topic_size <= 150
    assert settings.min_samples <= settings.min_topic_size
    assert settings.n_neighbors is not None and 15 <= settings.n_neighbors <= 25
    assert settings.n_epochs is not None and settings.init in {"spectral", "pca"}
    assert TopicSettings(min_topic_size=7).for_size(n).min_topic_size == 7
    assert TopicSettings.from_dict(settings.to_dict()) == settings


def test_topics_settings_grow_with_corpus() -> None:
    small, large = TopicSettings().for_size(200), TopicSettings().for_size(20_000)
    assert small.min_topic_size < large.min_topic_size  # type: ignore[operator]
    assert small.n_neighbors < large.n_neighbors  # type: ignore[operator]
    assert small.n_epochs > large.n_epochs  # type: ignore[operator]


@BERTOPIC
def test_topics_figures_with_and_without_model(fitted) -> None:
    result, model, _ = fitted
    figures = topic_figures(model, result)
    assert set(figures) == {"barchart", "map"}  # one map: the fragments, not also a copy of it
    assert sum(len(trace.x) for trace in figures["map"].data) == result.n
    reloaded = topic_figures(None, TopicResult.from_json(result.to_json()))
    assert set(reloaded) == {"barchart", "map"}
    assert len(reloaded["map"].data[0].x) == len(result.topics)
    assert (
        reloaded["barchart"].to_dict()["layout"]["annotations"]
        == figures["barchart"].to_dict()["layout"]["annotations"]
    )


@BERTOPIC
def test_topics_command_prints_topics_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from coding.commands import topics as command

    texts, _ = _corpus(per_subject=40, seed=3)
    path = tmp_path / "fragmenten.jsonl"
    path.write_text("\n".join(json.dumps({"text": text}, ensure_ascii=False) for text in texts), encoding="utf-8")
    assert command.run(argparse.Namespace(jsonl=path, min_topic_size=None)) == 0
    printed = TopicResult.from_json(capsys.readouterr().out)
    assert printed.n == 120 and len(printed.topics) >= 3

    path.write_text("\n".join(json.dumps({"text": text}) for text in texts[:20]), encoding="utf-8")
    assert command.run(argparse.Namespace(jsonl=path, min_topic_size=None)) == 1
    assert "minstens" in capsys.readouterr().err


@BERTOPIC
def test_topics_model_pickles_without_callbacks(fitted) -> None:
    import pickle

    result, model, _ = fitted
    again = pickle.loads(pickle.dumps(model))
    assert again.topics_ == model.topics_
    assert set(topic_figures(again, result)) == {"barchart", "map"}


def test_topics_words_are_dutch_content_words_in_a_mixed_corpus() -> None:
    from coding.topic_words import topic_vectorizer

    lemmas = [
        "so the thing is that we have to report it to the meldpunt",
        "and then the police said that it was fine so we went to the bibob office",
        "de gemeente doet een bibob toets bij de vergunning en dat is wel goed",
        "het meldpunt krijgt nou eigenlijk te weinig meldingen van de ambtelijke top",
        "de werklast is hoog en we hebben last van intimidatie in 2023 en 2024",
    ]
    vocabulary = set(topic_vectorizer().fit(lemmas).vocabulary_)
    assert not {"the", "that", "to", "so", "it", "and", "we", "was"} & vocabulary  # English stop words
    assert not {"de", "een", "het", "dat", "is", "en", "nou", "eigenlijk", "wel", "goed"} & vocabulary  # Dutch
    assert not {"2023", "2024"} & vocabulary  # numbers say nothing about a topic
    assert {"meldpunt", "bibob", "gemeente", "vergunning", "top", "last", "intimidatie"} <= vocabulary


def test_topics_gap_only_when_the_codebook_does_not_cover_the_fragments() -> None:
    from coding.topic_coverage import coverage

    codes = {
        # covered by themes, spread over three pillars: not a gap
        **{i: [p, f"{p}.thema"] for i, p in zip(range(0, 6), ["BEW", "INF", "BEL"] * 2, strict=True)},
        # mostly uncoded
        **{i: [] for i in range(10, 17)},
        17: ["INT", "INT.agressie_intimidatie"],
        # a pillar alone: no theme of the codebook fits
        **{i: ["COM"] for i in range(20, 26)},
        # half without a theme, half with
        **{i: ["INF"] for i in range(30, 33)},
        **{i: ["INF", "INF.meldpunt"] for i in range(33, 36)},
        # one fragment in three without a theme
        **{i: ["BEL", "BEL.bibob"] for i in range(40, 44)},
        **{i: [] for i in range(44, 46)},
    }
    topics = {
        "spread": range(0, 6),
        "uncoded": range(10, 18),
        "pillar_only": range(20, 26),
        "half": range(30, 36),
        "third": range(40, 46),
    }
    found = {name: coverage(list(ids), codes) for name, ids in topics.items()}
    assert {name for name, c in found.items() if c.is_gap} == {"uncoded", "pillar_only", "half"}
    assert found["spread"].pillar_counts == {"BEL": 2, "BEW": 2, "INF": 2} and found["spread"].without_theme == 0
    assert found["spread"].novelty > 0.5  # spread still counts as novelty, but is not a gap
    assert (found["uncoded"].uncoded, found["uncoded"].without_theme) == (7, 7)
    assert (found["pillar_only"].uncoded, found["pillar_only"].without_theme) == (0, 6)
    assert found["third"].without_theme == 2 and not found["third"].is_gap
    assert not coverage([], codes).is_gap


def test_topics_barchart_titles_are_short_and_one_map_with_a_model() -> None:
    from types import SimpleNamespace

    import numpy as np

    long_words = [(f"zeerlangwoordnummer{i}", 1.0 - i / 10) for i in range(8)]
    topics = [
        Topic(id=i, size=10 + i, words=long_words, label=", ".join(w for w, _ in long_words[:4]),
              fragment_ids=list(range(100 * i, 100 * i + 10 + i)), representative_ids=[], x=float(i), y=0.0)
        for i in range(7)
    ]  # fmt: skip
    result = TopicResult(topics=topics, outliers=3, settings={}, seconds=1.0, n=sum(t.size for t in topics) + 3)
    labels = [topic.id for topic in topics for _ in range(topic.size)] + [-1, -1, -1]
    model = SimpleNamespace(umap_model=SimpleNamespace(map_2d_=np.zeros((len(labels), 2))), topics_=labels)
    figures = topic_figures(model, result)
    assert set(figures) == {"barchart", "map"}
    assert [trace.type for trace in figures["map"].data] == ["scattergl"] * 8  # 7 topics and the outliers
    titles = [a["text"] for a in figures["barchart"].to_dict()["layout"]["annotations"]]
    assert titles[0] == "<b>Onderwerp 0</b> · 10 fragmenten" and len(titles) == 7
    # a title fits its third of the width: no topic's words in it to run into the next one
    assert all(len(title.replace("<b>", "").replace("</b>", "")) <= 30 for title in titles)
    assert topic_figures(None, result)["map"].data[0].type == "scatter"  # reloaded: the bubbles, once


def test_topics_result_stored_by_the_old_rule_is_read_with_the_new_one() -> None:
    old = {
        "topics": [
            {"id": 0, "size": 10, "words": [["meldpunt", 0.5]], "label": "meldpunt", "fragment_ids": list(range(10)),
             "representative_ids": [0], "pillar_counts": {"INF": 5, "BEL": 5}, "uncoded": 0, "novelty": 0.8,
             "is_gap": True},
            {"id": 1, "size": 10, "words": [["agressie", 0.5]], "label": "agressie",
             "fragment_ids": list(range(10, 20)), "representative_ids": [10], "uncoded": 7, "novelty": 0.9,
             "is_gap": True},
        ],
        "outliers": 0, "settings": {}, "seconds": 1.0, "n": 20,
    }  # fmt: skip
    result = TopicResult.from_json(json.dumps(old))
    assert [topic.is_gap for topic in result.topics] == [False, True]  # spread over pillars alone is no gap
    assert result.topics[1].without_theme == 7
