"""Dutch texts of the codebook and guide files (``coding.codebook``)."""

from __future__ import annotations

from texts._base import T

T.update(
    {
        "content.error.codebook_fields": "Het codeboek mist een verplicht veld of heeft een fout type: {error}",
        "content.error.codebook_pillars": "Het codeboek moet precies de pijlers {pillars} hebben.",
        "content.error.theme_pillar": "Thema {theme} staat onder pijler {pillar}.",
        "content.error.theme_double": "Themacode {theme} komt twee keer voor.",
        "content.error.guide_fields": "De leidraad mist een verplicht veld of heeft een fout type: {error}",
        "content.error.guide_ids": "Elke vraag in de leidraad moet een eigen id hebben.",
        "content.error.yaml_invalid": "Het bestand is geen geldige YAML: {error}",
        "content.error.yaml_not_mapping": "Het bestand bevat geen YAML-structuur met velden.",
    }
)
