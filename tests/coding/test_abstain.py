from __future__ import annotations

import pytest

from coding.abstain import rule_reason
from coding.coder import AutoCoder, CoderConfig
from tests.coding._tiny_codebook import tiny_codebook


@pytest.fixture(scope="module")
def coder() -> AutoCoder:
    return AutoCoder(tiny_codebook(), config=CoderConfig(temperature=1.0))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Thank you.", "backchannel"),
        ("ja", "backchannel"),
        ("Oké, precies.", "backchannel"),
        ("So basically we were talking about the deployment pipeline last week.", "not_dutch"),
        ("I think that is right, yes, and we should move on to the next slide.", "not_dutch"),
        ("Opnemen mag dat?", "procedure"),
        ("Vind je het goed als ik het gesprek opneem?", "procedure"),
        ("Sorry, je bent op mute.", "procedure"),
        ("Bedankt voor je tijd en voor dit fijne gesprek.", "procedure"),
        ("[Tune] 00:01", "empty"),
    ],
)
def test_rules_give_no_code_to_small_talk_procedure_and_other_languages(text: str, reason: str) -> None:
    assert rule_reason(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "Collega's kunnen signalen melden bij het meldpunt.",
        "Ja, dat klopt, bij horecavergunningen doen we altijd een Bibob-onderzoek.",
        "Dat is opgenomen in het integriteitsbeleid en de vertrouwenspersoon weet ervan.",
        "Bibob",
    ],
)
def test_rules_leave_on_topic_dutch_to_the_coder(text: str) -> None:
    assert rule_reason(text) is None


def test_coder_abstains_with_a_reason_and_keeps_probabilities(coder: AutoCoder) -> None:
    on_topic, english, consent, far = coder.predict([
        "Collega's kunnen signalen melden bij het meldpunt.",
        "Thanks everyone, let's pick this up again next Tuesday after the release.",
        "Opnemen mag, dat is prima.",
        "De koffieautomaat op de derde verdieping is weer kapot gegaan.",
    ])
    assert not on_topic.abstained and on_topic.primary_pillar == "INF"
    assert english.abstained and english.abstain_reason == "not_dutch"
    assert consent.abstained and consent.abstain_reason == "procedure"
    assert far.abstained and far.abstain_reason == "off_topic"
    assert abs(sum(english.pillar_probs.values()) - 1.0) < 1e-6  # an analyst can still code it


def test_abstention_can_be_switched_off() -> None:
    coder = AutoCoder(tiny_codebook(), config=CoderConfig(temperature=1.0, abstain=False))
    (prediction,) = coder.predict(["Thank you."])
    assert not prediction.abstained


def test_irrelevant_decisions_teach_abstention(coder: AutoCoder) -> None:
    from coding.coder import DecisionExample

    text = "Over het parkeerbeleid bij het signalen-overleg van dinsdag valt weinig te melden."
    assert not coder.predict([text])[0].abstained
    decisions = [
        DecisionExample(f"Over het parkeerbeleid bij het overleg van dinsdag {i}", "", "irrelevant") for i in range(20)
    ] + [DecisionExample(f"Collega's melden signalen bij het meldpunt {i}", "INF", "accept") for i in range(10)]
    learned = AutoCoder(tiny_codebook(), config=CoderConfig(temperature=1.0), learner=coder.train(decisions))
    after, other = learned.predict([text, "Collega's kunnen signalen melden bij het meldpunt."])
    assert after.abstained and after.abstain_reason == "learned"
    assert not other.abstained
