from __future__ import annotations

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
