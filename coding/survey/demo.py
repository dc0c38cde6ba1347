"""A synthetic but realistic demo survey: 180 staff members answering the template's questions.

Written fresh (no real answers): a ``;``-separated CSV as Dutch Excel saves
it, with a response id and a start time (dropped on import as personal data),
departments, partial completion (some stop half-way), "Weet ik niet" answers,
grids as ``Vraag [stelling]`` columns, check-all answers joined with ``;`` and
a handful of open answers.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta

from coding.survey.template import Template, load_template

RESPONDENTS = 180

_LEAN: dict[str, tuple[float, ...]] = {
    "bewust_1": (6, 20, 30, 34, 10), "bewust_2": (1, 5, 15, 56, 23), "bewust_3": (1, 2, 8, 50, 39),
    "informatieveiligheid_1": (1, 10, 21, 54, 14), "informatieveiligheid_2": (1, 8, 23, 50, 18),
    "veilig_1": (1, 19, 38, 34, 8), "veilig_2": (2, 9, 33, 45, 11), "veilig_3": (1, 7, 25, 50, 17),
    "veilig_4": (1, 6, 22, 52, 19), "kans_misbruik": (41, 47, 6, 1),
    "voorkomen_1": (12, 44, 28, 4, 1), "voorkomen_2": (14, 47, 22, 3, 1), "voorkomen_3": (25, 52, 13, 2, 0.5),
    "voorkomen_4": (13, 37, 31, 8, 2),
    "regelingen_1": (7, 13, 36, 44), "regelingen_2": (7, 13, 48, 32), "regelingen_3": (20, 24, 37, 19),
    "regelingen_4": (11, 40, 31, 18), "regelingen_5": (15, 36, 45, 4),
}  # fmt: skip
_YES: dict[str, float] = {
    "benaderd": 0.11,
    "bedreiging": 0.18,
    "omkoping": 0.03,
    "melden_vermoeden": 0.86,
    "waar_melden": 0.75,
}
_MISSING_SHARE = 0.05

_OPEN: dict[str, tuple[str, ...]] = {
    "toelichting_weerbaar": (
        "Meer voorbeelden uit onze eigen praktijk bespreken in het teamoverleg, dan wordt het concreter.",
        "Een jaarlijkse training over het herkennen van signalen, niet alleen een e-learning.",
        "Duidelijkheid over wie binnen de organisatie het aanspreekpunt is als je iets vreemds ziet.",
        "Bij subsidieaanvragen vaker het vier-ogen-principe toepassen.",
        "Terugkoppeling als je een melding hebt gedaan, nu hoor je er nooit meer iets van.",
        "Leidinggevenden moeten het onderwerp vaker zelf agenderen.",
        "Ik weet eerlijk gezegd niet goed wat ondermijning in mijn werk betekent.",
        "Betere screening van externe inhuur die toegang krijgt tot onze systemen.",
    ),
    "toelichting_veilig": (
        "Een vertrouwenspersoon die ook buiten de eigen afdeling bereikbaar is.",
        "Dat je zeker weet dat een melding vertrouwelijk blijft.",
        "Meer aandacht voor intimidatie door burgers aan de balie en aan de telefoon.",
        "Open gesprekken in het team over dilemma's, zonder dat er meteen een oordeel volgt.",
        "Bestuurders die het goede voorbeeld geven en zelf ook melden.",
        "Een duidelijk protocol wat er gebeurt na een melding van agressie.",
    ),
}  # fmt: skip
_OPEN_SHARE = {"toelichting_weerbaar": 0.09, "toelichting_veilig": 0.06}


def demo_survey_csv(seed: int = 15, respondents: int = RESPONDENTS, template: Template | None = None) -> bytes:
    """The demo survey as CSV bytes (UTF-8 with BOM, ``;``-separated)."""
    rng = random.Random(seed)
    template = template or load_template()
    headers = ["ResponseId", "Startdatum"]
    for question in template.questions:
        headers.append(f"{question.group_text} [{question.text}]" if question.group else question.text)
    rows = []
    start = datetime(2026, 3, 2, 8, 0)
    for number in range(respondents):
        stop_at = len(template.questions) if rng.random() > 0.2 else rng.randint(4, len(template.questions) - 2)
        moment = start + timedelta(minutes=rng.randint(0, 60 * 24 * 14))
        row = [f"R_{rng.getrandbits(40):010x}", moment.strftime("%d-%m-%Y %H:%M:%S")]
        for position, question in enumerate(template.questions):
            row.append(
                ""
                if position >= stop_at
                else _answer(rng, question.code, question.type, question.options, question.missing)
            )
        rows.append(row)
        del number
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _answer(rng: random.Random, code: str, kind: str, options: list[str], missing: list[str]) -> str:
    if kind == "open":
        return rng.choice(_OPEN[code]) if rng.random() < _OPEN_SHARE.get(code, 0.05) else ""
    if missing and rng.random() < _MISSING_SHARE:
        return missing[0]
    if kind == "multi":
        chosen = [option for option in options if rng.random() < (0.35 if option != "Anders" else 0.05)]
        return ";".join(chosen or [rng.choice(options)])
    if code in _YES:
        return options[0] if rng.random() < _YES[code] else options[1]
    weights = _LEAN.get(code)
    if weights and len(weights) == len(options):
        return rng.choices(options, weights=weights)[0]
    if code == "afdeling":
        return rng.choices(options, weights=(17, 13, 10, 16, 15, 10, 11, 8))[0]
    if code == "jaren":
        return rng.choices(options, weights=(8, 15, 16, 17, 13, 11, 10, 10))[0]
    return rng.choice(options)
