"""Document furniture gets "geen code"; content of the same documents and interview speech do not.

The sentences here are written for the tests from the standard formulae of Dutch
regulations (Aanwijzingen voor de regelgeving, VNG models); none is taken from an
evaluation set.
"""

from __future__ import annotations

import pytest

from coding.abstain import FURNITURE_KEYWORD_MAX, REASONS, rule_reason
from coding.furniture import detect

FORMULAE = [
    "De raad van de gemeente Testland;",
    "De burgemeester en het college van burgemeester en wethouders van Testland, ieder voor zover het hun bevoegdheden betreft;",
    "gelezen het voorstel van burgemeester en wethouders van 5 februari 2024, nr. 2024-0012;",
    "Gelet op artikel 3 van de Wet Bibob en artikel 4:81 van de Algemene wet bestuursrecht;",
    "besluit: vast te stellen de volgende beleidsregels:",
    "b e s l u i t : vast te stellen de Beleidsregels Wet Bibob gemeente Testland 2024.",
    "Deze beleidsregels treden in werking op de dag na die van de bekendmaking.",
    "Artikel 11 Inwerkingtreding Deze beleidsregels treden in werking met ingang van 1 januari 2024.",
    "Deze beleidsregels worden aangehaald als: Beleidsregels Wet Bibob gemeente Testland 2024.",
    "De Beleidsregels Wet Bibob gemeente Testland 2019 worden ingetrokken.",
    "Aldus vastgesteld in de openbare vergadering van de raad van 12 maart 2024.",
    "Aldus besloten door burgemeester en wethouders in hun vergadering van 4 juni 2024.",
    "De griffier, De voorzitter,",
    "de secretaris, de burgemeester,",
    "Lasten en bevelen dat deze in het Staatsblad zal worden geplaatst.",
    "Wij Willem-Alexander, bij de gratie Gods, Koning der Nederlanden, Prins van Oranje-Nassau, enz. enz. enz.",
    "In gevallen waarin deze beleidsregels niet voorzien, beslist de burgemeester.",
    "Deze beleidsregels worden bekendgemaakt in het Gemeenteblad.",
    "In deze regeling wordt verstaan onder college: het college van burgemeester en wethouders.",
    "Dit integriteitsbeleid is op 2 april 2024 vastgesteld door het college van burgemeester en wethouders.",
]
HEADINGS_AND_TOC = [
    "Hoofdstuk 3 Toepassingsbereik",
    "Artikel 4",
    "§ 2 Weigeringsgronden",
    "2.3 Meldregeling",
    "Inhoudsopgave",
    "Algemene bepalingen",
    "Wat willen we bereiken?",
    "BELEIDSREGELS WET BIBOB",
    "Beleidsregels Wet Bibob gemeente Testland 2024",
    "1 Inleiding 3 2 Beleid 5 3 Uitvoering 9",
    "1.1 Aanleiding 1.2 Doel 1.3 Leeswijzer",
    "Inleiding ............................................ 3",
    "In hoofdstuk 3 wordt ingegaan op de uitvoering van de Bibob-toets.",
    "In deze nota wordt uiteengezet hoe de gemeente de Wet Bibob toepast.",
]
METADATA_AND_WEB = [
    "Zaaknummer: Z/24/123456",
    "Datum: 12 maart 2024. Kenmerk: 2024/0456",
    "12-05-2022 Nieuwe regeling 21-04-2022 gmb-2022-200973",
    "Geldend van 01-01-2024 t/m heden",
    "Wettelijke grondslag: artikel 4:81 Algemene wet bestuursrecht",
    "Ziet u een fout in deze regeling? Meld het ons op regelgeving@overheid.nl!",
    "Gemeenteblad van Testland, nr. 45678",
    "Den Haag, 5 maart 2019",
    "Pagina 3 van 12",
    "Postbus 1234 | 9999 AB Testland",
    "Deze handreiking is ontwikkeld door het Centrum voor Criminaliteitspreventie en Veiligheid.",
    "Aan deze publicatie kunnen geen rechten worden ontleend.",
    "Tekst: Jan Jansen, foto's: Piet Pietersen",
    "Figuur 2: Aantal meldingen per jaar",
    "Lees meer",
    "Home > Veiligheid > Ondermijning",
    "Deze website maakt gebruik van cookies.",
]
CONTENT = [
    "De burgemeester kan, gelet op artikel 13b Opiumwet, een woning sluiten als daar drugs worden verkocht.",
    "Gelet op de risico's van ondermijning kiest de gemeente voor een brede toepassing van de Wet Bibob.",
    "Bij elke aanvraag voor een horecavergunning voert de gemeente een Bibob-toets uit.",
    "Medewerkers melden een vermoeden van een integriteitsschending bij de vertrouwenspersoon.",
    "De Wet Bibob is op 1 juni 2003 in werking getreden en is in 2022 uitgebreid naar vastgoedtransacties.",
    "Artikel 13b Opiumwet, ook wel aangehaald als de Wet Damocles, biedt de burgemeester de mogelijkheid een pand te sluiten.",
    "Het integriteitsbeleid is in 2021 vastgesteld door het college en wordt elke twee jaar geëvalueerd.",
    "Dit protocol is vastgesteld door de directie en geldt voor alle medewerkers die met agressie te maken krijgen.",
    "Met ingang van 2024 krijgen alle nieuwe medewerkers een training over ondermijning.",
    "In 2023 zijn 45 meldingen van ondermijning ontvangen via het meldpunt.",
    "De gemeente communiceert actief over sluitingen van drugspanden via persberichten en sociale media.",
    "Uitgangspunt is dat een ontnemingsvordering wordt ingediend wanneer het voordeel ten minste € 500 bedraagt.",
    "Het voorkomen van agressie en geweld door preventieve maatregelen.",
    "een winkel of restaurant waar nooit klanten komen",
    "Vermoedt u ondermijning? Meld het bij Meld Misdaad Anoniem via 0800-7000.",
]
SPEECH = [
    "Ja, dat klopt, we hebben een Bibob-coördinator.",
    "Meldpunt integriteit",
    "Integriteit en veiligheid",
    "Nee, geen idee eigenlijk.",
    "Artikel 13b, ja.",
]


@pytest.mark.parametrize("text", FORMULAE + HEADINGS_AND_TOC + METADATA_AND_WEB)
def test_document_furniture_gets_no_code(text: str) -> None:
    verdict = detect(text)
    assert verdict is not None and verdict.strong, text
    assert rule_reason(text, document=True) == "furniture"


@pytest.mark.parametrize("text", CONTENT)
def test_content_of_documents_is_left_to_the_coder(text: str) -> None:
    assert detect(text) is None, detect(text)
    assert rule_reason(text, document=True, keyword_score=0.0) is None


@pytest.mark.parametrize("text", SPEECH)
def test_speech_is_never_furniture(text: str) -> None:
    assert rule_reason(text) != "furniture"
    assert rule_reason(text, document=False, keyword_score=0.0) != "furniture"


def test_a_short_title_is_furniture_in_a_document_but_not_in_an_interview() -> None:
    assert rule_reason("Meldpunt integriteit", document=True) == "furniture"
    assert rule_reason("Meldpunt integriteit") is None


def test_a_weak_verdict_needs_a_fragment_without_codebook_keywords() -> None:
    contact = "Heeft u vragen? Neem contact op met het klantcontactcentrum."
    verdict = detect(contact)
    assert verdict is not None and verdict.kind == "contact" and not verdict.strong
    assert rule_reason(contact, document=True, keyword_score=0.0) == "furniture"
    assert rule_reason(contact, document=True, keyword_score=FURNITURE_KEYWORD_MAX) is None
    assert rule_reason(contact, document=True) is None  # no keyword evidence at all: keep it


def test_furniture_is_a_reason_with_a_dutch_text() -> None:
    from texts import t

    assert "furniture" in REASONS
    assert t("coder.reason.furniture") == "documentopmaak (kop, formule, metadata)"
    assert all(t(f"coder.reason.{reason}") != f"coder.reason.{reason}" for reason in REASONS)


def test_coder_abstains_on_furniture_only_for_document_text() -> None:
    from coding.coder import AutoCoder, CoderConfig, FragmentInput
    from tests.coding._tiny_codebook import tiny_codebook

    coder = AutoCoder(tiny_codebook(), config=CoderConfig(temperature=1.0))
    heading, formula, content, spoken = coder.predict([
        FragmentInput("Hoofdstuk 2 Meldregeling integriteit", source="document"),
        FragmentInput("Deze beleidsregels treden in werking op de dag na die van de bekendmaking.", source="document"),
        FragmentInput("Collega's kunnen signalen melden bij het meldpunt.", source="document"),
        FragmentInput("Hoofdstuk 2 Meldregeling integriteit"),
    ])
    assert heading.abstained and heading.abstain_reason == "furniture"
    assert formula.abstained and formula.abstain_reason == "furniture"
    assert not content.abstained and content.primary_pillar == "INF"
    assert spoken.abstain_reason != "furniture"
