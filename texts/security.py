"""Dutch texts of the security work (issue 13): limits, hostile files, restore checks, login."""

from __future__ import annotations

from texts._base import T

T.update(
    {
        # --- transcripts: encodings, limits, zip archives --------------------------------
        "transcripts.warning.mixed_encoding": (
            "{count} regel(s) waren geen geldige UTF-8 en zijn als Windows-1252 gelezen "
            "(regel {lines}). Controleer of de letters met accenten daar kloppen."
        ),
        "transcripts.error.not_text": (
            "'{filename}' lijkt geen leesbare tekst te bevatten (bijna geen spaties tussen de woorden). "
            "Controleer of u het goede bestand hebt gekozen."
        ),
        "transcripts.error.too_many_lines": (
            "Het bestand '{filename}' heeft {count} regels; de grens is {limit}. "
            "Splits het transcript in delen en importeer die apart."
        ),
        "transcripts.error.too_many_cues": (
            "Het bestand '{filename}' heeft {count} ondertitelblokken (cues); de grens is {limit}. "
            "Splits het transcript in delen en importeer die apart."
        ),
        "transcripts.error.too_much_text": (
            "Het bestand '{filename}' bevat {count} tekens tekst; de grens is {limit} tekens per transcript. "
            "Splits het transcript in delen en importeer die apart."
        ),
        "transcripts.error.too_many_turns": (
            "Het bestand '{filename}' heeft {count} sprekersbeurten; de grens is {limit}. "
            "Splits het transcript in delen en importeer die apart."
        ),
        "transcripts.error.turn_too_long": (
            "Beurt {number} in '{filename}' is {count} tekens lang; de grens is {limit} tekens per beurt."
        ),
        "transcripts.error.zip": "{message}",
        # --- zip archives (docx, qdpx, xlsx) ----------------------------------------------
        "zip.error.corrupt": "Het bestand '{filename}' is geen geldig zip-archief (Word- of projectbestand).",
        "zip.error.members": (
            "Het bestand '{filename}' bevat {count} onderdelen; de grens is {limit}. "
            "Het bestand wordt uit voorzorg niet gelezen."
        ),
        "zip.error.too_large": (
            "Het bestand '{filename}' pakt uit tot meer dan {limit_mb} MB (onderdeel '{member}'). "
            "Dat kan een zip-bom zijn; het bestand wordt niet gelezen."
        ),
        "zip.error.ratio": (
            "Het onderdeel '{member}' in '{filename}' is ongewoon sterk gecomprimeerd (meer dan {ratio}×). "
            "Dat kan een zip-bom zijn; het bestand wordt niet gelezen."
        ),
        "zip.error.encrypted": "Het bestand '{filename}' is met een wachtwoord beveiligd en kan niet worden gelezen.",
        # --- REFI-QDA ------------------------------------------------------------------------
        "refiqda.error.dtd": "Het XML-document bevat een DOCTYPE-declaratie; die wordt uit veiligheid niet gelezen.",
        "refiqda.error.dtd_file": (
            "'{filename}' bevat een DOCTYPE-declaratie (entiteiten of externe verwijzingen). "
            "REFI-QDA-bestanden hebben die niet; het bestand wordt uit veiligheid niet gelezen."
        ),
        "refiqda.error.encoding": (
            "De tekst van bron '{name}' in '{filename}' is geen geldige UTF-8 (bij byte {position}). "
            "Er is niets geïmporteerd."
        ),
        "refiqda.error.position": (
            "'{filename}' heeft een selectie met {attribute}=\"{value}\"; dat moet een geheel getal zijn "
            "(en het einde mag niet voor het begin liggen). Er is niets geïmporteerd."
        ),
        "refiqda.error.duplicate_case": (
            "'{filename}' heeft twee of meer cases met de naam '{name}'. Geef elke case een eigen naam; "
            "er is niets geïmporteerd."
        ),
        "refiqda.error.source_too_long": (
            "Bron '{name}' in '{filename}' is langer dan {limit} tekens. Er is niets geïmporteerd."
        ),
        "refiqda.error.unexpected": (
            "Het importeren van '{filename}' is mislukt door een onverwachte fout ({error}). "
            "Er is niets geïmporteerd."
        ),
        # --- backup and restore ------------------------------------------------------------
        "backup.error.not_a_file": "{path} is een map, geen back-upbestand.",
        "backup.error.unreadable": "Het bestand {path} kan niet worden gelezen: {error}",
        "backup.error.corrupt": (
            "De back-up '{path}' is beschadigd of onvolledig ({error}). Er is niets veranderd; "
            "kies een andere back-up."
        ),
        "backup.error.foreign": (
            "'{path}' is geen back-up van Weerbaar (er ontbreekt een schemaversie). Er is niets veranderd."
        ),
        "backup.error.revision": (
            "De back-up '{path}' heeft schemaversie {revision}, die deze versie van Weerbaar niet kent "
            "(een back-up van een nieuwere versie?). Er is niets veranderd; werk Weerbaar eerst bij."
        ),
        "backup.error.migrate": (
            "De back-up '{path}' kon niet naar het huidige schema worden bijgewerkt ({error}). Er is niets veranderd."
        ),
        "backup.error.schema": (
            "De back-up '{path}' mist tabellen of kolommen van het huidige schema: {missing}. Er is niets veranderd."
        ),
        "cli.export.error.out": "Kan niet schrijven naar {path}: {error}",
        "cli.export.error.out_dir": "{path} is een map; geef een bestandsnaam op, bijvoorbeeld {path}/export.xlsx.",
        # --- rights ------------------------------------------------------------------------
        "error.permission.owner": "Dit interview is van een andere interviewer; u mag hier niet {what}.",
        "permission.respondent.consent": "de toestemming van respondenten wijzigen",
        "live.error.no_fragments": (
            "Antwoord {turn} is opgeslagen, maar kon niet in fragmenten worden verdeeld; "
            "het wordt nu niet gecodeerd. Segmenteer het interview opnieuw op het transcriptscherm."
        ),
        # --- login ---------------------------------------------------------------------------
        "auth.locked": (
            "Te vaak een verkeerd wachtwoord: deze gebruikersnaam is tot {until} geblokkeerd. "
            "Probeer het daarna opnieuw of vraag een beheerder het wachtwoord opnieuw in te stellen."
        ),
        # --- imports ------------------------------------------------------------------------
        "import.error.turn_too_long": (
            "Beurt {number} is {count} tekens lang; de grens is {limit} tekens per beurt. Er is niets opgeslagen."
        ),
        "import.error.too_many_turns": (
            "Het transcript heeft {count} beurten; de grens is {limit}. Er is niets opgeslagen."
        ),
        "import.error.segmentation": (
            "Het transcript kon niet in fragmenten worden verdeeld ({error}). Er is niets opgeslagen."
        ),
        "import.error.unexpected": (
            "Het importeren is mislukt door een onverwachte fout ({error}). Er is niets opgeslagen; "
            "de fout staat in het logbestand van de server."
        ),
    }
)
