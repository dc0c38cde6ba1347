"""Texts of the journey fixes: the chosen scan, Streamlit's own widget texts, dates."""

from __future__ import annotations

from texts._base import T

T.update(
    {
        "state.scan": "Scan",
        "state.scan_named": "Je werkt in scan: {name}",
        "state.interview": "Interview",
        "state.choose": "Kies…",
        "state.choose_many": "Kies een of meer…",
        "state.uploader.drop": "Sleep een bestand hierheen",
        "state.uploader.browse": "Bestand kiezen",
        "state.uploader.limit": "Hoogstens {mb} MB per bestand",
        "state.no_results": "Geen resultaten",
        "start.demo.switch": "Naar de demoscan gaan",
        "start.demo.ready_other": (
            "De demoscan staat klaar. Je werkt nog in scan '{current}'; kies hieronder of je naar de demoscan wilt."
        ),
        "start.demo.switched": "Je werkt nu in de demoscan.",
        "auth.single_user": "(één gebruiker, zonder inloggen)",
        "common.none": "—",
        "quotes.page.preparing": "Bestanden klaarmaken…",
        "quotes.page.preparing_charts": "Grafieken tekenen…",
        "quotes.page.preparing_format": "Bezig met: {name}",
        "common.local_user": "lokale gebruiker",
        "review.suggestion.others": "Ook voorgesteld:",
        "review.keys": (
            "Met het toetsenbord: A accepteren · X afwijzen · Q citaatkandidaat · S overslaan · N niet relevant · B vorige · "
            "W wijzigen en T tweede code (na het kiezen van een code)"
        ),
        "scans.save_respondents": "Wijzigingen in respondenten opslaan",
        "scans.respondents_saved": "Opgeslagen: {respondents} gewijzigd.",
        "transcript.ignored": "{label} (genegeerd: alleen context, niet gecodeerd of geciteerd)",
        "import.ignore": "Negeren (alleen als context)",
        "import.mapping_help": (
            "Koppel elke spreker aan de interviewer, een bestaande of nieuwe respondent, of kies 'Negeren': "
            "die beurten blijven leesbaar als context, maar worden niet gecodeerd en niet geciteerd."
        ),
        "import.consent": "Mag {label} geciteerd worden?",
        "import.consent_help": "Vraag het de respondent. Tot het is vastgelegd geldt 'nee': niet citeerbaar.",
        "import.date_placeholder": "dd-mm-jjjj",
        "import.error.role": "Vul de functie of rol in van spreker '{label}' (nieuwe respondent). Er is niets geïmporteerd.",
        "import.error.date": "'{value}' is geen datum; gebruik dd-mm-jjjj, bijvoorbeeld 28-11-2026. Er is niets geïmporteerd.",
        "import.error.consent": "Kies voor spreker '{label}' of citeren mag: ja, nee of alleen anoniem.",
        "quotes.page.place": "Pijler en thema wijzigen",
        "quotes.page.place_save": "Verplaatsen",
        "quotes.page.placed": "Citaat verplaatst.",
        "interview.paused": "Dit interview is gepauzeerd. Hervat het om verder te gaan; er gaat niets verloren.",
        "interview.resume": "Hervatten",
        "interview.earlier_turns": "Eerdere beurten ({n})",
        "interview.finish_confirm": "Het interview afronden? Daarna kunt u geen antwoorden meer toevoegen.",
        "interview.finish_yes": "Ja, afronden",
        "interview.speaker_keys": "Wisselen van spreker kan ook met Alt+1, Alt+2, …",
        "interview.speaker_button": "{avatar} {label}",
        "live.for_answer": "Bij het antwoord '{start} …'",
        # Overzicht and Thema's ontdekken (issue 12)
        "charts.hover.diagonal": "{a}: {fragments} met dit thema",
        "charts.no_pairs": "Geen fragment draagt twee of meer van deze thema's tegelijk.",
        "topics.progress.embeddings": "Embeddings ophalen uit de cache…",
        "topics.figure.subplot": "<b>Onderwerp {id}</b> · {fragments}",
        "topics.gap_reason": (
            "{without_theme} van de {fragments} hebben geen thema uit het codeboek: "
            "misschien hoort hier een nieuw thema bij."
        ),
    }
)
