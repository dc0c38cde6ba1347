from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from coding.coder import (
    AutoCoder,
    CoderConfig,
    DecisionExample,
    FragmentInput,
    Learner,
    expected_calibration_error,
    fit_temperature,
    train_learner,
)
from tests.coding._tiny_codebook import tiny_codebook

CONFIG = CoderConfig(temperature=1.0)


@pytest.fixture(scope="module")
def coder() -> AutoCoder:
    return AutoCoder(tiny_codebook(), config=CONFIG)


def test_coder_prediction_shape_and_probabilities(coder: AutoCoder) -> None:
    (prediction,) = coder.predict(["Collega's kunnen signalen melden bij het meldpunt."])
    assert set(prediction.pillar_probs) == {"BEW", "INF", "BEL", "INT", "COM"}
    assert abs(sum(prediction.pillar_probs.values()) - 1.0) < 1e-6
    assert prediction.primary_pillar == "INF"
    assert prediction.primary_theme == "INF.meldpunt"
    assert prediction.confidence == max(prediction.pillar_probs.values())
    assert prediction.pillars[0] == "INF"
    assert 0.0 <= prediction.margin <= prediction.confidence


@pytest.mark.parametrize(
    ("text", "pillar"),
    [
        ("We hebben bewustwordingssessies georganiseerd.", "BEW"),
        ("Integriteitsschendingen meld je bij de vertrouwenspersonen.", "INT"),
        ("Bij vergunningen doen we een Bibob-toets.", "BEL"),
        ("Het staat op intranet en in de nieuwsbrief.", "COM"),
    ],
)
def test_coder_lexicon_signal_codes_compounds(text: str, pillar: str) -> None:
    coder = AutoCoder(tiny_codebook(), config=CoderConfig(temperature=1.0, signals=("lexicon",)))
    assert coder.predict([text])[0].primary_pillar == pillar


def test_coder_embedding_signal_alone_works(coder: AutoCoder) -> None:
    only = AutoCoder(tiny_codebook(), config=CoderConfig(temperature=1.0, signals=("embedding",)))
    assert only.predict(["Een nieuwsbrief op intranet over communicatie."])[0].primary_pillar == "COM"


def test_coder_question_is_a_prior_not_the_answer(coder: AutoCoder) -> None:
    neutral = "Dat vind ik lastig te zeggen."
    plain = coder.predict([FragmentInput(neutral)])[0]
    asked = coder.predict([FragmentInput(neutral, "BEL", ("BEL.bibob",))])[0]
    assert asked.primary_pillar == "BEL"
    assert asked.pillar_probs["BEL"] > plain.pillar_probs["BEL"]
    # strong evidence for another pillar still wins over the question's prior
    clear = coder.predict([FragmentInput("Misstanden meld ik bij de vertrouwenspersoon, integriteit.", "BEL")])[0]
    assert clear.primary_pillar == "INT"


def test_coder_learning_moves_a_wrong_prediction_without_wrecking_others(coder: AutoCoder) -> None:
    target = "Het kluisje bij de receptie is voor de post."
    unrelated = "Collega's kunnen signalen melden bij het meldpunt."
    before = coder.predict([target, unrelated])
    assert before[0].primary_pillar != "INT"
    decisions = [
        DecisionExample(f"Het kluisje bij de receptie {i}", "INT", "recode", before[0].primary_pillar) for i in range(6)
    ]
    learner = coder.train(decisions)
    learned = AutoCoder(tiny_codebook(), config=CONFIG, learner=learner)
    after = learned.predict([target, unrelated])
    assert after[0].primary_pillar == "INT"
    assert after[1].primary_pillar == "INF"
    assert after[1].pillar_probs["INF"] > 0.5


def test_coder_few_decisions_shrink_toward_prior(coder: AutoCoder) -> None:
    text = "Collega's kunnen signalen melden bij het meldpunt."
    learner = coder.train([DecisionExample("Iets heel anders over de kantine", "COM", "accept")])
    learned = AutoCoder(tiny_codebook(), config=CONFIG, learner=learner)
    a, b = coder.predict([text])[0], learned.predict([text])[0]
    assert b.primary_pillar == a.primary_pillar
    assert abs(a.pillar_probs["INF"] - b.pillar_probs["INF"]) < 0.1


def test_coder_reject_lowers_the_rejected_code(coder: AutoCoder) -> None:
    text = "Wij bespreken signalen in het overleg."
    before = coder.predict([text])[0]
    learner = coder.train([DecisionExample(text, before.primary_pillar, "reject")] * 5)
    after = AutoCoder(tiny_codebook(), config=CONFIG, learner=learner).predict([text])[0]
    assert after.pillar_probs[before.primary_pillar] < before.pillar_probs[before.primary_pillar]


def test_coder_learner_serialises_and_changes_version(coder: AutoCoder) -> None:
    learner = train_learner(
        [DecisionExample("Een training over ondermijning.", "BEW.training", "accept")],
        codebook=tiny_codebook(),
        config=CONFIG,
    )
    restored = Learner.from_bytes(learner.to_bytes())
    assert restored.n_decisions == 1 and restored.theme is not None and restored.pillar is not None
    assert pickle.loads(pickle.dumps(learner)).digest == learner.digest
    learned = AutoCoder(tiny_codebook(), config=CONFIG, learner=restored)
    assert learned.version != coder.version and learned.version.startswith("ac")
    assert len(learned.version) <= 100


def test_coder_retrains_on_2000_decisions(coder: AutoCoder) -> None:
    # speed (target ≤ 2 s) is measured by `python -m coding bench`; here only that retraining learns from them
    texts = ["meldpunt signalen", "bibob vergunning", "vertrouwenspersoon integriteit", "nieuwsbrief intranet"]
    codes = ["INF", "BEL", "INT", "COM"]
    decisions = [DecisionExample(f"{texts[i % 4]} {i}", codes[i % 4], "accept") for i in range(2000)]
    learner = coder.train(decisions)
    learned = AutoCoder(tiny_codebook(), config=CONFIG, learner=learner)
    assert [p.primary_pillar for p in learned.predict(texts)] == codes


def test_coder_temperature_fit_and_ece() -> None:
    import numpy as np

    logits = np.array([[2.0, 0.0], [2.0, 0.0], [2.0, 0.0], [2.0, 0.0]])
    labels = np.array([0, 0, 0, 1])
    t = fit_temperature(logits, labels)
    probs = np.exp(logits[0] / t) / np.exp(logits[0] / t).sum()
    assert abs(probs[0] - 0.75) < 0.02
    assert expected_calibration_error(np.array([0.9, 0.9]), np.array([1, 0])) == pytest.approx(0.4)


def test_coder_zero_shot_temperature_comes_from_the_guide(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    import numpy as np

    from coding.codebook import default_guide

    guide = default_guide()
    coder = AutoCoder(tiny_codebook(), guide=guide)
    texts, labels = [], []
    for question in guide.questions:
        if question.pillar in coder.pillar_codes:
            for text in [question.text, *question.probes]:
                texts.append(text)
                labels.append(coder.pillar_codes.index(question.pillar))
    signals = coder.signals([FragmentInput(text) for text in texts])
    expected = fit_temperature(np.asarray(sum(signals.pillar.values())), np.array(labels))
    assert coder.temperature == pytest.approx(expected)

    # a guide whose questions sit under the wrong pillars: the scores are overconfident, the temperature rises
    rotated = {"INF": "BEL", "BEL": "INT", "INT": "COM", "COM": "BEW", "BEW": "INF"}
    wrong = dataclasses.replace(
        guide, questions=[dataclasses.replace(q, pillar=rotated.get(q.pillar or "", q.pillar)) for q in guide.questions]
    )
    # the cache is keyed by the guide too: the other guide gets its own fitted temperature
    assert AutoCoder(tiny_codebook(), guide=wrong).temperature > 2 * coder.temperature


def test_coder_reads_the_shipped_guide_once_per_version_of_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import os
    import shutil

    import coding.codebook as codebook_module

    shutil.copy(codebook_module.DATA_DIR / "guide.yaml", tmp_path / "guide.yaml")
    monkeypatch.setattr(codebook_module, "DATA_DIR", tmp_path)
    first = codebook_module.shipped_guide()
    assert codebook_module.shipped_guide() is first  # not parsed again
    assert first == codebook_module.default_guide()
    path = tmp_path / "guide.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(first.name, first.name + " (nieuw)", 1), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert codebook_module.shipped_guide().name == first.name + " (nieuw)"


def test_coder_config_is_keyword_only_and_validated() -> None:
    with pytest.raises(TypeError):
        CoderConfig("tfidf")  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        CoderConfig(signals=("magic",))


def test_a_document_paragraph_leans_toward_the_rest_of_its_document(coder: AutoCoder) -> None:
    both = "Over agressie aan de balie is er elke maand een overleg."  # INT and INF words alike
    integrity = ["De vertrouwenspersoon helpt bij een integriteitsschending.", "Integriteit staat in de eed."]
    signals = ["Een signaal meld je bij het meldpunt.", "Het meldpunt stuurt elk signaal door."]

    def coded(neighbours: list[str], group: str | None) -> dict[str, float]:
        items = [FragmentInput(t, source="document", group=group) for t in [both, *neighbours]]
        return coder.predict(items)[0].pillar_probs

    in_code, in_protocol = coded(integrity, "integriteitscode"), coded(signals, "meldprotocol")
    alone = coder.predict([FragmentInput(both, source="document")])[0].pillar_probs
    assert in_code["INT"] > alone["INT"] and in_code["INT"] > in_code["INF"]
    assert in_protocol["INF"] > alone["INF"] and in_protocol["INF"] > in_protocol["INT"]
    # speech has no document: an interview answer is never leaned by its neighbours
    spoken = [FragmentInput(t, group="integriteitscode") for t in [both, *integrity]]
    assert coder.predict(spoken)[0].pillar_probs == pytest.approx(coder.predict([both])[0].pillar_probs)


def test_one_long_document_is_not_pulled_toward_even_pillar_shares() -> None:
    # a Bibob policy imported on its own is one batch of 40 paragraphs: the per-scan calibration (no pillar
    # may swallow the rest) is for a scan's cross-section, not for one document about one pillar
    coder = AutoCoder(tiny_codebook(), config=CoderConfig(temperature=1.0, self_training=0.0))
    places = ["de haven", "het centrum", "de markt", "het station", "de dijk", "het plein", "de wijk", "het park"]
    texts = [f"Voor de vergunning van een zaak bij {p} gelden regels ({i})." for i in range(5) for p in places]
    as_document = coder.predict([FragmentInput(t, source="document", group="bibob-beleid") for t in texts])
    as_answers = coder.predict([FragmentInput(t, source="document") for t in texts])
    bel_document = sum(p.primary_pillar == "BEL" for p in as_document)
    bel_answers = sum(p.primary_pillar == "BEL" for p in as_answers)
    assert bel_document == len(texts)
    assert bel_answers < len(texts) // 2  # without a document they are calibrated as a cross-section
