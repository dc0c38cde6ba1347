"""Dutch texts of the action plan and the follow-up scan (issue 18): ``followup.*``."""

from __future__ import annotations

from texts._base import T

T.update(
    {
        # coding/compare.py: sentences of the comparison
        "followup.compare.phrase.agree": "het (helemaal) eens is met",
        "followup.compare.sentence.up": (
            "Het aandeel dat {phrase} de stelling ‘{text}’ steeg van {before} (n={n1}) naar {after} (n={n2})."
        ),
        "followup.compare.sentence.down": (
            "Het aandeel dat {phrase} de stelling ‘{text}’ daalde van {before} (n={n1}) naar {after} (n={n2})."
        ),
        "followup.compare.sentence.same": (
            "Het aandeel dat {phrase} de stelling ‘{text}’ bleef gelijk: {before} (n={n1}) en {after} (n={n2})."
        ),
        "followup.compare.sentence.no_data": "Over de stelling ‘{text}’ zijn in een van beide metingen geen antwoorden.",
        "followup.compare.sentence.meaningful": (
            "Dit is een betekenisvolle verandering (Mann-Whitney, p = {p} na Holm-correctie)."
        ),
        "followup.compare.sentence.not_meaningful": "Dit verschil is niet betekenisvol.",
        "followup.compare.sentence.scale_changed": (
            "Let op: de antwoordschaal is sinds de nulmeting gewijzigd; alleen het aandeel is vergeleken."
        ),
    }
)
