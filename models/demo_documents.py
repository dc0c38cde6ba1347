"""The demo scan's document study: a few fictional policy documents of Gemeente Veenwold and a filled checklist.

The documents are written here as text and built at demo time (Markdown files and
one Word file made with python-docx), then imported through the same service as
an upload, so they are segmented, coded and reviewable like any document.
"""

from __future__ import annotations

import io

from models.auth import Actor
from models.checklist import list_checklist, propose_checklist, update_item
from models.db import Database
from models.documents import import_documents

INTEGRITY = """# Integriteitsbeleid gemeente Veenwold 2023

Vastgesteld door het college van burgemeester en wethouders op 14 maart 2023, versie 1.2.

## 1 Inleiding

Integriteit is de basis van het vertrouwen dat inwoners en ondernemers in de gemeente stellen. Dit beleid beschrijft hoe de gemeente integriteit borgt in het dagelijks werk van medewerkers en bestuurders.

Het beleid geldt voor alle medewerkers, inhuurkrachten en stagiairs, en voor het college en de raad.

## 2 Kernwaarden en gedrag

Medewerkers handelen betrouwbaar, zorgvuldig en onafhankelijk. Zij melden nevenwerkzaamheden vooraf bij hun leidinggevende en nemen geen geschenken aan met een waarde boven vijftig euro.

Leidinggevenden bespreken integriteitsdilemma's ten minste twee keer per jaar in het werkoverleg, zodat het thema levend blijft.

## 3 Meldregeling

Een medewerker die een vermoeden van een misstand heeft, meldt dat bij de leidinggevende, bij de vertrouwenspersoon integriteit of rechtstreeks bij de gemeentesecretaris. De melder wordt beschermd tegen benadeling.

Elke melding wordt centraal geregistreerd. De melder hoort binnen acht weken wat er met de melding is gedaan, ook als dat alleen op hoofdlijnen kan.

## 4 Vertrouwenspersonen

De gemeente heeft twee vertrouwenspersonen integriteit. Zij adviseren medewerkers vertrouwelijk en zijn bereikbaar via het intranet.
"""

BIBOB = """# Bibob-beleidslijn gemeente Veenwold

Vastgesteld door de burgemeester op 2 februari 2016.

## 1 Doel

Met de Wet Bibob voorkomt de gemeente dat zij met vergunningen of subsidies criminele activiteiten faciliteert.

## 2 Reikwijdte

De beleidslijn geldt voor exploitatievergunningen in de horeca en voor speelautomatenhallen. Omgevingsvergunningen en vastgoedtransacties vallen er niet onder.

## 3 Werkwijze

Bij een nieuwe exploitatievergunning vult de aanvrager altijd het Bibob-vragenformulier in. In overige gevallen start de gemeente een onderzoek wanneer er een concrete aanleiding voor is, bijvoorbeeld een signaal van het RIEC.
"""

AGGRESSION = """# Agressieprotocol gemeente Veenwold 2018

## 1 Norm

De gemeente accepteert geen agressie, bedreiging of intimidatie tegen medewerkers. Wie de huisregels overtreedt, krijgt een waarschuwing of een toegangsverbod.

## 2 Na een incident

De leidinggevende zorgt dezelfde dag voor opvang van de medewerker. Bij bedreiging doet de gemeente aangifte bij de politie; de medewerker kan domicilie kiezen op het gemeentehuis.
"""


def _communication_docx() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Communicatieplan gemeente Veenwold 2025"
    document.core_properties.author = "Team Communicatie"
    document.add_heading("Communicatieplan gemeente Veenwold 2025", level=0)
    document.add_heading("1 Doelen", level=1)
    document.add_paragraph(
        "De gemeente informeert inwoners tijdig en begrijpelijk over besluiten, werkzaamheden in de wijk en "
        "dienstverlening. Elk nieuwsbericht verschijnt op de website en op sociale media."
    )
    document.add_heading("2 Middelen", level=1)
    document.add_paragraph(
        "Het intranet is het belangrijkste middel voor de interne communicatie. Teamleiders bespreken nieuws "
        "van de organisatie in hun teamoverleg."
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add_demo_documents(db: Database, actor: Actor, scan_id: int, *, autocode: bool = True) -> None:
    """Import the demo documents into ``scan_id`` and fill in the checklist (proposals, a few confirmed)."""
    import_documents(
        db,
        actor,
        scan_id,
        [
            ("integriteitsbeleid-2023.md", INTEGRITY.encode("utf-8")),
            ("bibob-beleidslijn.md", BIBOB.encode("utf-8")),
            ("agressieprotocol-2018.md", AGGRESSION.encode("utf-8")),
            ("communicatieplan-2025.docx", _communication_docx()),
        ],
        autocode=autocode,
    )
    propose_checklist(db, actor, scan_id)
    items = {item.key: item for item in list_checklist(db, actor, scan_id)}
    for key in ("integriteitsbeleid", "bibob", "agressieprotocol", "beleid_ondermijning"):
        if key in items and items[key].proposed_status:
            update_item(db, actor, items[key].id, status=items[key].proposed_status)
    if "bibob" in items:
        update_item(
            db,
            actor,
            items["bibob"].id,
            note="Geldt alleen voor horeca en speelautomatenhallen; omgevingsvergunningen vallen erbuiten.",
        )
