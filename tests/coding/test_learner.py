from __future__ import annotations

from dataclasses import replace

import pytest

from coding.coder import AutoCoder, CoderConfig, DecisionExample
from coding.learner import Learner
from tests.coding._tiny_codebook import tiny_codebook

CONFIG = CoderConfig(temperature=1.0, batch_calibration=0.0, self_training=0.0)
TARGET = "De sleutels van het archief liggen bij de receptie."


@pytest.fixture(scope="module")
def coder() -> AutoCoder:
    return AutoCoder(tiny_codebook(), config=CONFIG)


def _decisions(n: int, *, own: bool) -> list[DecisionExample]:
    return [DecisionExample(f"De sleutels van het archief liggen bij de receptie ({i}).", "INT", "accept",
                            own_scan=own) for i in range(n)]


def test_many_decisions_of_one_label_are_followed(coder: AutoCoder) -> None:
    before = coder.predict([TARGET])[0]
    assert before.primary_pillar != "INT"
    learned = AutoCoder(tiny_codebook(), config=CONFIG, learner=coder.train(_decisions(40, own=True)))
    after, unrelated = learned.predict([TARGET, "Collega's kunnen signalen melden bij het meldpunt."])
    assert after.primary_pillar == "INT"
    assert unrelated.primary_pillar == "INF"  # what it was not taught stays with the codebook


def test_decisions_of_another_scan_weigh_less(coder: AutoCoder) -> None:
    own = coder.train(_decisions(12, own=True))
    other = coder.train(_decisions(12, own=False))
    assert other.pillar is not None and own.pillar is not None
    assert other.pillar.evidence < own.pillar.evidence
    p_own = AutoCoder(tiny_codebook(), config=CONFIG, learner=own).predict([TARGET])[0].pillar_probs["INT"]
    p_other = AutoCoder(tiny_codebook(), config=CONFIG, learner=other).predict([TARGET])[0].pillar_probs["INT"]
    p_none = coder.predict([TARGET])[0].pillar_probs["INT"]
    assert p_none < p_other < p_own


def test_blend_weight_grows_with_evidence(coder: AutoCoder) -> None:
    few = coder.train(_decisions(2, own=True))
    many = coder.train(_decisions(60, own=True))
    assert few.pillar is not None and many.pillar is not None
    assert few.pillar.weight < many.pillar.weight


def test_learner_round_trips_without_pickle(coder: AutoCoder) -> None:
    learner = coder.train([*_decisions(5, own=True), DecisionExample("Iets over de kantine.", "", "irrelevant"),
                           DecisionExample(TARGET, "COM", "reject")])
    restored = Learner.from_bytes(learner.to_bytes())
    assert restored.digest == learner.digest
    a = AutoCoder(tiny_codebook(), config=CONFIG, learner=learner).predict([TARGET])[0]
    b = AutoCoder(tiny_codebook(), config=CONFIG, learner=restored).predict([TARGET])[0]
    assert a.pillar_probs == pytest.approx(b.pillar_probs)


def test_mostly_niet_relevant_decisions_do_not_silence_the_paragraphs_that_matter(coder: AutoCoder) -> None:
    # a document study: the analyst dismissed 30 headings and coded 6 paragraphs of the same regulation
    articles = ["Begripsbepalingen", "Inwerkingtreding", "Citeertitel", "Slotbepaling", "Intrekking", "Overgangsrecht"]
    dismissed = [DecisionExample(f"Artikel {i} {articles[i % 6]} van de verordening van de gemeente", "", "irrelevant")
                 for i in range(30)]
    coded = [DecisionExample(f"Artikel {i} van de verordening: de burgemeester weigert de vergunning na een "
                             f"Bibob-onderzoek.", "BEL", "accept") for i in range(6)]
    learner = coder.train([*dismissed, *coded])
    assert learner.pillar is not None
    restored = Learner.from_bytes(learner.to_bytes()).pillar
    assert restored is not None and restored.none_threshold == learner.pillar.none_threshold
    learned = AutoCoder(tiny_codebook(), config=CONFIG, learner=learner)
    bibob, newsletter, heading = learned.predict([
        "Artikel 31 van de verordening: bij een vergunning voor een coffeeshop doet de gemeente altijd een Bibob-toets.",
        "Artikel 35 van de verordening van de gemeente: een nieuwsbrief op intranet",  # nothing like it was coded
        "Artikel 32 Begripsbepalingen van de verordening van de gemeente",
    ])
    assert not bibob.abstained and bibob.primary_pillar == "BEL"
    assert not newsletter.abstained and newsletter.primary_pillar == "COM"
    assert heading.abstained and heading.abstain_reason == "learned"


def test_another_scans_decisions_do_not_choose_how_far_to_trust_them(coder: AutoCoder) -> None:
    # how well a classifier fits another organisation's decisions says nothing about this one: only the
    # scan's own decisions are scored when the blend weight is fitted
    from coding.learner import DEFAULT_K

    texts = ["De sleutels van het archief liggen bij de receptie", "Het rooster hangt naast de kantine",
             "De printer op de tweede verdieping is kapot", "De fietsenstalling is vol"]
    decisions = [DecisionExample(f"{texts[i % 4]} ({i}).", ["INT", "BEW", "COM", "BEL"][i % 4], "accept",
                                 own_scan=False) for i in range(40)]
    other = coder.train(decisions).pillar
    assert other is not None and other.k == DEFAULT_K and other.weight < 0.1
    own = coder.train([DecisionExample(d.text, d.code, d.action) for d in decisions]).pillar
    assert own is not None and own.weight > 0.5  # the scan's own decisions do prove themselves
    # weighed like the scan's own (other_scan_weight 1), they are still another scan's: they do not choose k
    alike = AutoCoder(coder.codebook, config=replace(coder.config, other_scan_weight=1.0), cache=coder.cache)
    trusted = alike.train(decisions).pillar
    assert trusted is not None and trusted.k == DEFAULT_K


def test_the_scans_own_decisions_take_over_from_self_training(coder: AutoCoder, monkeypatch: pytest.MonkeyPatch) -> None:
    # self-training learns from the batch's own confident guesses; once the analysts of this scan have decided,
    # their decisions teach instead, in proportion to their weight (decisions of other scans do not count)
    import coding.coder as module

    used: list[float] = []
    real = module.self_train

    def spy(*args: object, **kwargs: object) -> object:
        used.append(float(kwargs["weight"]))  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "self_train", spy)
    config = replace(CONFIG, self_training=0.6, calibration_min_items=2)
    batch = [TARGET, "Collega's kunnen signalen melden bij het meldpunt.", "De burgemeester weigert de vergunning."]
    own = coder.train(_decisions(40, own=True))
    other = coder.train(_decisions(40, own=False))
    assert own.pillar is not None and other.pillar is not None
    assert other.pillar.own_weight == 0.0 and own.pillar.own_weight == pytest.approx(own.pillar.weight)
    assert Learner.from_bytes(own.to_bytes()).pillar.own_evidence == own.pillar.own_evidence  # type: ignore[union-attr]
    for learner in (None, other, own):
        AutoCoder(tiny_codebook(), config=config, learner=learner).predict(batch)
    assert used[0] == used[1] == pytest.approx(0.6)
    assert used[2] == pytest.approx(0.6 * (1 - own.pillar.own_weight)) and used[2] < 0.3
