"""The Dutch texts of the document study (coding/documents, models/documents, pages/documents)."""

from __future__ import annotations

from texts._base import T

# --- errors a user reads when a document is refused ------------------------------
T.update(
    {
        "documents.error.empty": "{name} is leeg.",
        "documents.error.too_large": "{name} is {size_mb} MB groot; het maximum is {limit_mb} MB.",
        "documents.error.unsupported": (
            "{name}: dit bestandstype wordt niet ondersteund. Kies een PDF, een Word-bestand (.docx) "
            "of een tekstbestand (.txt, .md)."
        ),
        "documents.error.not_found": "Bestand {name} is niet gevonden.",
        "documents.error.no_text_layer": (
            "{name}: geen tekstlaag; OCR nodig. Het lijkt een gescand document. Maak er eerst een "
            "doorzoekbare PDF van (tekstherkenning) en importeer het opnieuw."
        ),
        "documents.error.encrypted": (
            "{name} is beveiligd met een wachtwoord. Sla het op zonder beveiliging en importeer het opnieuw."
        ),
        "documents.error.corrupt_pdf": "{name} is beschadigd of geen geldige PDF.",
        "documents.error.corrupt_docx": "{name} is beschadigd of geen geldig Word-bestand (.docx).",
        "documents.error.legacy_doc": (
            "{name} is een oud Word-bestand (.doc). Sla het in Word op als .docx en importeer het opnieuw."
        ),
        "documents.error.too_many_pages": "{name} heeft {pages} pagina's; het maximum is {limit}.",
        "documents.error.zip_bomb": (
            "{name} pakt uit tot meer dan {limit_mb} MB (of is verdacht sterk ingepakt); het wordt niet geopend."
        ),
        "documents.error.stream_too_large": (
            "{name} bevat een onderdeel dat uitgepakt groter is dan {limit_mb} MB; het wordt niet geopend."
        ),
        "documents.error.text_too_long": (
            "{name} bevat meer dan {limit} tekens tekst; splits het document en importeer de delen apart."
        ),
        "documents.error.encoding": ("{name} is geen tekst in een bekende codering (UTF-8, UTF-16 of Windows-1252)."),
        "documents.error.html": "{name} is een webpagina (HTML), geen tekstbestand. Sla de tekst op als .txt.",
        "documents.error.binary": "{name} is geen tekstbestand.",
        "documents.error.no_text": "{name} bevat geen leesbare tekst.",
        "documents.error.date": "'{value}' is geen datum; gebruik jjjj-mm-dd (of alleen het jaar).",
        "documents.error.kind": "Onbekende soort document: {kind}.",
        "documents.error.scan": "Deze scan bestaat niet (meer).",
        "documents.error.duplicate": "{name} is al geïmporteerd in deze scan (als '{title}').",
        "documents.error.not_found_id": "Het document (nummer {id}) bestaat niet (meer).",
        "documents.error.title": "Geef het document een titel.",
        "documents.error.item": "Het instrument (nummer {id}) staat niet (meer) op de checklist.",
        "documents.error.status": "Onbekende status: {status}. Kies aanwezig, verouderd, ontbreekt of onbekend.",
        "documents.error.label": "Geef het instrument een naam.",
        "documents.error.link": "Koppel alleen documenten van deze scan.",
        "documents.error.pillar": "Onbekende pijler: {pillar}.",
        "documents.progress.reading": "{name} lezen…",
        "documents.progress.coding": "Fragmenten automatisch coderen…",
        "documents.progress.done": "Klaar.",
        "cli.documents.help": "documentstudie: beleidsdocumenten importeren",
        "cli.documents.import_help": "importeer PDF-, Word- of tekstbestanden als bronnen van een scan",
        "cli.documents.files": "de bestanden (.pdf, .docx, .txt, .md)",
        "cli.documents.no_autocode": "niet automatisch coderen",
        "cli.documents.no_scan": "Er is geen scan met de naam '{name}'.",
        "cli.documents.imported": "{file}: geïmporteerd ({pages} pagina's, {fragments} fragmenten)",
        "cli.documents.refused": "{file}: geweigerd. {reason}",
        "permission.documents": "de documentstudie bewerken",
        "documents.warning.partial_scan": (
            "Pagina's zonder tekst (mogelijk gescand; OCR nodig): {pages}. Die pagina's ontbreken in de fragmenten."
        ),
        "documents.warning.no_pages": (
            "Word-bestand zonder paginamarkeringen: de fragmenten krijgen geen paginanummer."
        ),
        "documents.warning.empty_password": "{name} was beveiligd zonder wachtwoord om te openen en is gewoon gelezen.",
    }
)

# --- kinds of document ----------------------------------------------------------------
T.update(
    {
        "documents.kind.integriteitsbeleid": "Integriteitsbeleid",
        "documents.kind.gedragscode": "Gedragscode",
        "documents.kind.meldregeling": "Meldregeling vermoedens van misstanden",
        "documents.kind.vertrouwenspersoon": "Regeling vertrouwenspersoon",
        "documents.kind.bibob": "Bibob-beleid(slijn)",
        "documents.kind.mo_beleid": "M&O-beleid",
        "documents.kind.agressieprotocol": "Agressieprotocol",
        "documents.kind.vth_beleid": "VTH-beleid",
        "documents.kind.inkoopbeleid": "Inkoop- en aanbestedingsbeleid",
        "documents.kind.subsidieregeling": "Subsidieregeling of -kader",
        "documents.kind.informatiebeveiliging": "Informatiebeveiligingsbeleid",
        "documents.kind.communicatie": "Communicatieplan of -strategie",
        "documents.kind.screening": "Screeningsbeleid",
        "documents.kind.ondermijning": "Beleid aanpak ondermijning",
        "documents.kind.beinvloeding": "Protocol ongewenste beïnvloeding",
        "documents.kind.coalitieakkoord": "Coalitieakkoord",
        "documents.kind.overig": "Overig document",
    }
)

# --- checklist, findings, attribution -------------------------------------------------
T.update(
    {
        "documents.status.aanwezig": "aanwezig",
        "documents.status.verouderd": "verouderd",
        "documents.status.ontbreekt": "ontbreekt",
        "documents.status.onbekend": "onbekend",
        "documents.evidence.kind": "soort document is '{kind}'",
        "documents.evidence.title": "titel bevat '{term}'",
        "documents.evidence.text": "tekst noemt '{term}' {count} keer",
        "documents.evidence.date": "gedateerd {year}",
        "documents.evidence.undated": "geen datum gevonden",
        "documents.evidence.heading": "hoofdstuk '{heading}'",
        "documents.evidence.too_old": "ouder dan {max_age} jaar (peiljaar {ref_year})",
        "documents.evidence.none": "geen passend document tussen de {count} bestudeerde documenten",
        "documents.evidence.no_documents": "nog geen documenten bestudeerd",
        "documents.finding.missing": "Er is geen {label} aangetroffen in de documentstudie.",
        "documents.finding.outdated": "Er is geen actuele {label}; de laatste versie dateert van {year}.",
        "documents.finding.outdated_undated": "Er is geen actuele {label}; de aangetroffen versie is niet gedateerd.",
        "documents.finding.present": "Er is een {label} ({title}, {year}).",
        "documents.finding.present_undated": "Er is een {label} ({title}).",
        "documents.finding.no_document": "document niet gekoppeld",
        "documents.finding.unknown": "Of er een {label} is, is nog niet vastgesteld.",
        "documents.cite.page": "p. {page}",
        "documents.cite.pages": "p. {first}-{last}",
        "documents.attribution": "({title}, {year})",
        "documents.attribution_undated": "({title})",
        "documents.attribution_page": "({title}, {year}, p. {page})",
        "documents.attribution_page_undated": "({title}, p. {page})",
        "documents.appendix.title": "Bestudeerde documenten",
        "documents.appendix.owner_unknown": "eigenaar onbekend",
        "documents.appendix.date_unknown": "datum onbekend",
        "documents.appendix.version": "versie {version}",
    }
)
