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

    text = "Over het parkeerbeleid bij het overleg van dinsdag valt weinig te zeggen."
    # three INF keywords: "niet relevant" must be near-certain (LEARNED_NONE_WITH_KEYWORD) to silence it
    keywords = "Over het parkeerbeleid bij het signalen-overleg van dinsdag valt weinig te melden."
    assert not coder.predict([text])[0].abstained
    decisions = [
        DecisionExample(f"Over het parkeerbeleid bij het overleg van dinsdag {i}", "", "irrelevant") for i in range(20)
    ] + [DecisionExample(f"Collega's melden signalen bij het meldpunt {i}", "INF", "accept") for i in range(10)]
    learned = AutoCoder(tiny_codebook(), config=CoderConfig(temperature=1.0), learner=coder.train(decisions))
    after, other, kept = learned.predict([text, "Collega's kunnen signalen melden bij het meldpunt.", keywords])
    assert after.abstained and after.abstain_reason == "learned"
    assert not other.abstained
    assert not kept.abstained and kept.primary_pillar == "INF"


_PROCEDURE_TEXTS = [
    "Mag ik het gesprek opnemen? Dat is goed.",
    "Ik NEEM het gesprek even op, de recorder loopt.",
    "Geeft u toestemming voor de opname van het interview?",
    "Alles wordt anoniem verwerkt en blijft vertrouwelijk behandeld.",
    "Je bent gemuted, de verbinding valt steeds weg en mijn microfoon hapert.",
    "Hoor je me? Zie je mijn scherm? Ik ga scherm delen.",
    "Mijn naam is Anna, ik wil mezelf even kort voorstellen na het voorstelrondje.",
    "Dankjewel voor je tijd en het gesprek. Hartelijk dank u wel dat je wilde komen.",
    "Het doel van dit gesprek, en hoe lang duurt het? Het gesprek duurt een uur.",
    "Tot ziens en een fijne dag! Goedemiddag, goedenavond.",
    "Zullen we beginnen? We zijn er doorheen, dit is de laatste vraag.",
    "Ik kan het verslag toesturen, dan is het terug te lezen en kun je het citaat goedkeuren.",
    # non-ASCII letters that IGNORECASE matches to ASCII ones: Kelvin sign, long s, dotted and dotless i
    "Bedan\u212at voor je tijd en het ge\u017fprek.",
    "M\u0130JN NAAM \u0130S Jan",
    "m\u0131jn naam \u0131s Jan",
    "Tot zien\u017f!",
    "Collega's kunnen signalen melden bij het meldpunt.",
    "Ja, dat klopt, dat hoort bij het beleid en dat valt onder de afdeling.",
]


@pytest.mark.parametrize("text", _PROCEDURE_TEXTS)
def test_procedure_literals_only_skip_patterns_that_cannot_match(text: str) -> None:
    from coding.abstain import _PROCEDURE_RE, procedure_hits

    assert procedure_hits(text) == sum(1 for pattern, _ in _PROCEDURE_RE if pattern.search(text))
    folded = text.translate({0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}).lower()
    for pattern, literals in _PROCEDURE_RE:
        for match in pattern.finditer(text):
            matched = match.group(0).translate({0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}).lower()
            assert any(literal in matched for literal in literals), (pattern.pattern, match.group(0))
            assert any(literal in folded for literal in literals)


def test_procedure_rule_sees_letters_that_only_match_ignoring_case() -> None:
    assert rule_reason("Bedan\u212at voor je tijd en het gesprek.") == "procedure"
    assert rule_reason("M\u0130JN NAAM \u0130S Jan") == "procedure"
    assert rule_reason("m\u0131jn naam \u0131s Jan") == "procedure"
    assert rule_reason("Tot zien\u017f!") == "procedure"


def test_only_four_non_ascii_characters_match_an_ascii_letter_ignoring_case() -> None:
    import re

    from coding.abstain import _IGNORECASE_ASCII

    everything = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    found = set(re.findall("[a-z]", everything, re.IGNORECASE))
    assert found == {chr(c) for c in _IGNORECASE_ASCII}
    for char in found:  # each folds to the letter IGNORECASE matches it with
        assert re.fullmatch(char.translate(_IGNORECASE_ASCII), char, re.IGNORECASE)
