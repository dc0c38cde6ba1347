"""Dutch texts of the auto-coder's "geen code" outcome and its language check."""

from __future__ import annotations

from texts._base import T

T.update(
    {
        "coder.no_code": "geen code voorgesteld",
        "coder.reason.empty": "geen tekst",
        "coder.reason.not_dutch": "niet in het Nederlands",
        "coder.reason.backchannel": "kort antwoord of instemming",
        "coder.reason.procedure": "over het gesprek zelf (opname, kennismaking, bedankje, techniek)",
        "coder.reason.furniture": "documentopmaak (kop, formule, metadata)",
        "coder.reason.off_topic": "ver van elke pijler",
        "coder.reason.other_domain": "over een ander beleidsterrein (bijvoorbeeld wonen, verkeer of financiën)",
        "coder.reason.far_document": "de alinea's eromheen gaan over een ander beleidsterrein",
        "coder.reason.learned": "lijkt op fragmenten die als niet relevant zijn gemarkeerd",
        "review.suggestion.no_code": "Geen code voorgesteld ({reason}). U kunt het fragment toch coderen.",
        "review.button.irrelevant": "Niet relevant",
        "review.done.irrelevant": "Gemarkeerd als niet relevant; de codering leert hiervan.",
        "import.warning.not_dutch": (
            "Dit transcript lijkt grotendeels niet in het Nederlands ({share} % Nederlands). "
            "De automatische codering stelt voor anderstalige fragmenten geen code voor."
        ),
    }
)
