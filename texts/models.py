"""Dutch texts of the domain layer: errors, permissions and status labels (``models/``)."""

from __future__ import annotations

from texts._base import T

T.update(
    {
        # models/errors.py
        "error.not_found.scan": "De scan (nummer {id}) bestaat niet (meer).",
        "error.not_found.respondent": "De respondent (nummer {id}) bestaat niet (meer).",
        "error.not_found.interview": "Het interview (nummer {id}) bestaat niet (meer).",
        "error.not_found.turn": "De beurt (nummer {id}) bestaat niet (meer).",
        "error.not_found.fragment": "Het fragment (nummer {id}) bestaat niet (meer).",
        "error.not_found.codebook": "Het codeboek (nummer {id}) bestaat niet (meer).",
        "error.not_found.guide": "De leidraadversie (nummer {id}) bestaat niet (meer).",
        "error.not_found.memo": "De memo (nummer {id}) bestaat niet (meer).",
        "error.not_found.round": "De overeenstemmingsronde (nummer {id}) bestaat niet (meer).",
        "error.not_found.suggestion": "De suggestie (nummer {id}) bestaat niet (meer).",
        "error.not_found.quote": "Het citaat (nummer {id}) bestaat niet (meer).",
        "error.not_found.survey": "De enquête (nummer {id}) bestaat niet (meer).",
        "error.not_found.survey_question": "De enquêtevraag '{id}' bestaat niet (meer).",
        "error.not_found.template_codebook": "Er is nog geen codeboek geladen; start de app opnieuw of zet een back-up terug.",
        "error.not_found.demo_fragment": "De demogegevens zijn niet compleet: geen fragment bevat '{id}'.",
        "error.permission.role": "Met de rol '{role}' mag u niet {what}.",
        "error.permission.scan": "U bent niet toegewezen aan deze scan en mag hier niet {what}.",
        # models/auth.py: what a permission allows, as it reads after "mag u niet"
        "permission.scan.create": "een scan aanmaken",
        "permission.scan.view": "deze scan bekijken",
        "permission.respondent.edit": "respondenten bewerken",
        "permission.respondent.real_name": "echte namen van respondenten zien",
        "permission.interview.conduct": "interviews afnemen",
        "permission.interview.edit": "interviews corrigeren",
        "permission.interview.import": "transcripten importeren",
        "permission.code": "fragmenten coderen",
        "permission.quote": "citaten beheren",
        "permission.export": "exporteren",
        "permission.export.real_names": "exporteren met echte namen",
        "permission.content.edit": "leidraden en codeboeken bewerken",
        "permission.users.manage": "gebruikers beheren",
        "permission.events.view": "het logboek bekijken",
        "permission.backup": "back-ups maken en terugzetten",
        "live.error.failed": "De assistent kon dit antwoord niet coderen ({error}). Het antwoord is wel opgeslagen.",
    }
)
