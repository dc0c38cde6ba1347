"""Texts of the REFI-QDA exchange with the auto-coder's open suggestions (issue 12)."""

from __future__ import annotations

from texts._base import T

T.update(
    {
        "cli.export.accepted_only": (
            "alleen geaccepteerde coderingen in het .qdpx-project (zonder de open voorstellen van de automatische codeur)"
        ),
        "cli.export.error.accepted_only": (
            "--accepted-only geldt alleen voor het REFI-QDA-project (--format qdpx), niet voor {format}."
        ),
        "cli.import.done": (
            "Geïmporteerd: scan '{name}' ({sources} bronnen, {codings} geaccepteerde coderingen, "
            "{suggestions} open voorstellen van de automatische codeur)."
        ),
        "quotes.page.accepted_only": "Alleen geaccepteerde coderingen in het REFI-QDA-project",
        "quotes.page.accepted_only_help": (
            "Standaard bevat het .qdpx-project ook de open voorstellen van de automatische codeur, als coderingen "
            "van de gebruiker ‘{user}’. Zo is het project in ATLAS.ti of QualCoder niet leeg. Afgewezen voorstellen "
            "gaan nooit mee."
        ),
        "quotes.page.qdpx_with_suggestions": "Met open voorstellen als coderingen van ‘{user}’.",
        "quotes.page.qdpx_accepted_only": "Alleen geaccepteerde coderingen.",
    }
)
