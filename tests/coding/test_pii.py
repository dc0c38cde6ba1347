"""PII check: every kind is found in Dutch examples; organisations, laws and sentence starts are not persons."""

from __future__ import annotations

from typing import Any

import pytest

from coding import pii
from coding.pii import find_pii


def found(text: str, **kwargs: object) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_pii(text, use_ner=False, **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # persons: forms of address, colleagues, office holders, initials, first name + surname
        ("Ik heb het met meneer Bakker besproken.", "persoon", "Bakker"),
        ("Dat heeft mevrouw De Boer toen gemeld.", "persoon", "De Boer"),
        ("Volgens dhr. Jansen klopt dat niet.", "persoon", "Jansen"),
        ("Mevr. Pietersen heeft de melding opgepakt.", "persoon", "Pietersen"),
        ("De heer Van Dijk was daar ook bij.", "persoon", "Van Dijk"),
        ("Ik heb de heer van der Linden gebeld.", "persoon", "van der Linden"),
        ("Daar weet collega Jan alles van.", "persoon", "Jan"),
        ("Dat heeft wethouder Smit toen besloten.", "persoon", "Smit"),
        ("Het dossier ligt bij J. de Vries.", "persoon", "J. de Vries"),
        ("Gisteren belde Piet van der Berg over die loods.", "persoon", "Piet van der Berg"),
        ("Toen kwam Annemieke Hoekstra binnen.", "persoon", "Annemieke Hoekstra"),
        ("Ik heb dat met Karin besproken.", "persoon", "Karin"),
        # e-mail
        ("Mail het naar j.jansen@provinciegroningen.nl graag.", "e-mail", "j.jansen@provinciegroningen.nl"),
        # phone numbers in Dutch notations
        ("Bel me op 06-12345678 als er iets is.", "telefoon", "06-12345678"),
        ("Mijn nummer is +31 6 1234 5678.", "telefoon", "+31 6 1234 5678"),
        ("Het kantoor: 020-1234567.", "telefoon", "020-1234567"),
        ("Bel 050 123 4567 voor de afdeling.", "telefoon", "050 123 4567"),
        ("Of 0031 50 1234567 vanuit het buitenland.", "telefoon", "0031 50 1234567"),
        ("Of +31 (0)6 12345678 dus.", "telefoon", "+31 (0)6 12345678"),
        ("Bel 0591-123456 in Emmen.", "telefoon", "0591-123456"),
        # postcodes and addresses
        ("Het pand staat in 9712 AB Groningen.", "postcode", "9712 AB"),
        ("De postcode was 9712AB volgens mij.", "postcode", "9712AB"),
        ("Hij woont op de Kerkstraat 12a in het dorp.", "adres", "Kerkstraat 12a"),
        ("Er is een loods aan de Oude Boteringestraat 44.", "adres", "Oude Boteringestraat 44"),
        ("Het bedrijf zit op Industrieweg 7-9.", "adres", "Industrieweg 7-9"),
        # BSN (11-proof), also 8 digits with an implied leading zero, and dotted
        ("Zijn BSN is 111222333, dat stond in het dossier.", "bsn", "111222333"),
        ("Het oude sofinummer 12345672 werkte nog.", "bsn", "12345672"),
        ("Noteer BSN 1112.22.333 niet in de mail.", "bsn", "1112.22.333"),
        # licence plates, several sidecodes
        ("De auto met kenteken 12-ABC-3 stond er elke dag.", "kenteken", "12-ABC-3"),
        ("Een busje, AB-123-C, reed af en aan.", "kenteken", "AB-123-C"),
        ("Kenteken 1-ABC-23 is bekend bij de politie.", "kenteken", "1-ABC-23"),
        ("Een oude Mercedes met XX-99-99 erop.", "kenteken", "XX-99-99"),
        ("Het ging om GBX-12-T volgens de boa.", "kenteken", "GBX-12-T"),
        ("Nog een: 99-ZZ-ZZ.", "kenteken", "99-ZZ-ZZ"),
    ],
)
def test_pii_finds_each_kind(text, kind, expected):
    assert (kind, expected) in found(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dat zei Anna Visser letterlijk.", ("respondent", "Anna Visser")),
        ("Visser was het daar niet mee eens.", ("respondent", "Visser")),
        ("Zoals R01 al zei, is dat lastig.", ("respondent", "R01")),
    ],
)
def test_pii_finds_the_scans_own_respondents(text, expected):
    assert expected in found(text, respondent_names=["Anna Visser"], respondent_codes=["R01", "R02"])


@pytest.mark.parametrize(
    "text",
    [
        "We toetsen dat via de Wet Bibob.",
        "Bibob is een belangrijk instrument voor ons.",
        "De Omgevingsdienst Groningen doet het toezicht.",
        "Dat besluit ligt bij Gedeputeerde Staten.",
        "Provinciale Staten zijn daarover geïnformeerd.",
        "De Commissaris van de Koning heeft dat benoemd.",
        "Ook de commissaris van de Koning was erbij.",
        "We melden dat bij het RIEC Noord.",
        "Mensen kunnen bellen met Meld Misdaad Anoniem op 0800-7000.",
        "In 2021 MT overleg hebben we dat besproken.",
        "Er waren 1500 meldingen in 2023.",
        "Het bedrag was 123456789 euro.",
        "Zie artikel 13b van de Opiumwet.",
        "Signalen gaan naar de Belastingdienst en de Politie.",
        "Vergunningen worden verleend door de Provincie Groningen.",
        "Mark my words, zei hij niet.",
        "Karin had gelijk.",
        "Het COVID-19 beleid is voorbij.",
        "Bel gerust met het algemene nummer 14 050.",
        "Ondermijning is een groot probleem in Noord-Nederland.",
    ],
)
def test_pii_false_friends_are_not_found(text):
    assert found(text) == []


def test_pii_bsn_eleven_proof():
    assert pii.bsn_valid("111222333")
    assert pii.bsn_valid("12345672")
    assert not pii.bsn_valid("111222334")
    assert not pii.bsn_valid("000000000")


def test_pii_findings_have_offsets_labels_and_keys():
    text = "Bel mevrouw Bakker op 06-12345678."
    findings = find_pii(text, use_ner=False)
    assert [(f.kind, text[f.start : f.end], f.label) for f in findings] == [
        ("persoon", "Bakker", "persoonsnaam"),
        ("telefoon", "06-12345678", "telefoonnummer"),
    ]
    assert findings[0].key == "persoon:bakker"


def test_pii_first_names_list_is_shipped():
    names = pii.first_names()
    assert len(names) >= 250
    assert {"Jan", "Annemieke", "Piet"} <= names
    assert "Wil" not in names


def _pipeline_with_ner() -> Any:
    """The shared pipeline as a trained one is loaded: the blank Dutch pipes plus a disabled NER.

    No trained ``nl_core_news_*`` pipeline is installed here (and none is downloaded), so a rule-based
    entity recogniser stands in as the pipe named ``ner``.
    """
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns(
        [
            {"label": "PER", "pattern": [{"TEXT": "Xandro"}, {"TEXT": "Kwakkelstein"}]},
            {"label": "PER", "pattern": [{"TEXT": "Wet"}, {"TEXT": "Bibob"}]},  # a wrong entity: a law
        ]
    )
    nlp.disable_pipe("ner")
    return nlp


def test_pii_takes_person_entities_from_the_shared_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    from coding import nlp

    shared = _pipeline_with_ner()
    monkeypatch.setattr(nlp, "_PIPELINE", shared)
    text = "Gisteren sprak ik Xandro Kwakkelstein over de Wet Bibob."
    assert nlp.has_entities()
    assert [(f.kind, f.text) for f in find_pii(text)] == [("persoon", "Xandro Kwakkelstein")]
    assert found(text) == []  # without NER only the rules run, and they do not know this name
    # the NER ran only for the PII check: it is disabled again and the other users do not run it
    assert "ner" in shared.disabled
    assert nlp.lemmatize("Wij liepen naar huis.") == ["wij", "lopen", "naar", "huis"]
    assert not list(nlp.docs([text], nlp.sentence_pipes(shared)))[0].ents
    # the name rules work on the shared pipeline's tokens too
    assert found("Ik heb het met meneer Bakker besproken.") == [("persoon", "Bakker")]
