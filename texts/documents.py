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
        "documents.error.date": "'{value}' is geen datum; gebruik dd-mm-jjjj (of alleen het jaar).",
        "documents.error.kind": "Onbekende soort document: {kind}.",
        "documents.error.scan": "Deze scan bestaat niet (meer).",
        "documents.error.twice": "{name} is hetzelfde bestand als {other} in deze import.",
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
        "cli.documents.imported": "{file}: geïmporteerd ({pages}, {fragments})",
        "cli.documents.refused": "{file}: geweigerd. {reason}",
        "cli.documents.not_imported": (
            "{file}: niet geïmporteerd; een ander bestand is geweigerd en de bestanden worden samen of niet opgeslagen."
        ),
        "interview.kind.document": "document",
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
        "documents.finding.outdated": "Er is geen {current} {label}; de laatste versie dateert van {year}.",
        "documents.finding.outdated_undated": "Er is geen {current} {label}; de aangetroffen versie is niet gedateerd.",
        "documents.finding.current": "actuele",
        "documents.finding.current_neuter": "actueel",
        "documents.finding.present": "Er is een {label} ({title}, {year}).",
        "documents.finding.present_undated": "Er is een {label} ({title}).",
        "documents.finding.no_document": "document niet gekoppeld",
        "documents.finding.unknown": "Of er een {label} is, is nog niet vastgesteld.",
        "documents.cite.page": "p. {page}",
        "documents.cite.pages": "p. {first}-{last}",
        "documents.source": "{title}, {year}",
        "documents.source_undated": "{title}",
        "documents.source_page": "{title}, {year}, p. {page}",
        "documents.source_page_undated": "{title}, p. {page}",
        "documents.review.context": "Document: {location}",
        "documents.review.speaker": "document",
        "documents.appendix.title": "Bestudeerde documenten",
        "documents.appendix.owner_unknown": "eigenaar onbekend",
        "documents.appendix.date_unknown": "datum onbekend",
        "documents.appendix.version": "versie {version}",
    }
)

# --- the Documentstudie screen (pages/documents.py, ui/documents_*.py) ----------------------
T.update(
    {
        "nav.documents": "Documentstudie",
        "documents.title": "Documentstudie",
        "documents.intro": (
            "Bestudeer het beleid van de organisatie: integriteitsbeleid, Bibob-beleid, M&O-beleid, agressieprotocol, "
            "VTH-beleid, inkoop- en aanbestedingsbeleid, subsidieregelingen, meldregeling, informatiebeveiliging en "
            "communicatieplannen. Documenten worden in fragmenten verdeeld en gecodeerd zoals interviews; de checklist "
            "laat zien welke instrumenten er zijn, verouderd zijn of ontbreken."
        ),
        "documents.tab.sources": "Documenten",
        "documents.tab.checklist": "Checklist",
        "documents.tab.findings": "Bevindingen en bijlage",
        "documents.upload.title": "Documenten toevoegen",
        "documents.upload.intro": (
            "Upload PDF-, Word- (.docx) of tekstbestanden. Titel, soort, eigenaar, datum en versie worden uit het "
            "bestand gelezen; controleer ze voordat u importeert. De bestanden worden samen opgeslagen of geen van alle."
        ),
        "documents.upload.files": "Bestanden",
        "documents.upload.file": "{name}: {pages} pagina's, {paragraphs} alinea's",
        "documents.upload.submit": "Importeren",
        "documents.upload.busy": "Documenten worden gelezen, in fragmenten verdeeld en gecodeerd…",
        "documents.upload.done": "{documents} geïmporteerd: {pages}, {fragments}.",
        "documents.upload.refused": "{name} is niet geïmporteerd. {reason}",
        "documents.upload.nothing": (
            "Er is niets opgeslagen: de bestanden worden samen geïmporteerd of geen van alle. Haal de geweigerde "
            "bestanden weg of verbeter ze, en importeer opnieuw."
        ),
        "documents.field.title": "Titel",
        "documents.field.kind": "Soort document",
        "documents.field.owner": "Eigenaar",
        "documents.field.date": "Datum (dd-mm-jjjj)",
        "documents.field.date_help": "Gevonden in: {source} (tekst, titel of bestand).",
        "documents.field.version": "Versie",
        "documents.field.status": "Status",
        "documents.field.label": "Naam van het instrument",
        "documents.field.linked": "Gekoppelde documenten",
        "documents.field.note": "Notitie",
        "documents.field.pillar": "Pijler",
        "documents.field.description": "Omschrijving",
        "documents.list.title": "Bestudeerde documenten",
        "documents.list.none": "Nog geen documenten in deze scan.",
        "documents.list.choose": "Document",
        "documents.fragments.count": "{fragments}",
        "documents.col.title": "Titel",
        "documents.col.kind": "Soort",
        "documents.col.owner": "Eigenaar",
        "documents.col.date": "Datum",
        "documents.col.version": "Versie",
        "documents.col.pages": "Pagina's",
        "documents.col.fragments": "Fragmenten",
        "documents.col.file": "Bestand",
        "documents.col.page": "Pagina",
        "documents.col.heading": "Kop",
        "documents.col.fragment": "Fragment",
        "documents.col.pillar": "Pijler",
        "documents.col.status": "Status",
        "documents.col.instrument": "Instrument",
        "documents.col.proposed": "Voorstel",
        "documents.col.confirmed": "Bevestigd",
        "documents.col.documents": "Documenten",
        "documents.col.evidence": "Onderbouwing",
        "documents.col.note": "Notitie",
        "documents.fragment_status.uncoded": "niet gecodeerd",
        "documents.fragment_status.suggested": "voorstel",
        "documents.fragment_status.accepted": "geaccepteerd",
        "documents.fragment_status.rejected": "afgewezen",
        "documents.edit.title": "Gegevens van dit document wijzigen of verwijderen",
        "documents.edit.save": "Gegevens opslaan",
        "documents.edit.saved": "Opgeslagen.",
        "documents.delete.confirm": "Ja, verwijder dit document met zijn fragmenten, coderingen en citaten",
        "documents.delete.button": "Document verwijderen",
        "documents.delete.done": "Document verwijderd.",
        "documents.checklist.title": "Checklist van instrumenten",
        "documents.checklist.intro": (
            "Per pijler de instrumenten die een weerbaarheidsscan verwacht. Weerbaar stelt een status voor uit de "
            "documenten; u bevestigt die of kiest een andere."
        ),
        "documents.checklist.propose": "Status voorstellen uit de documenten",
        "documents.checklist.proposed": "Voorstellen bijgewerkt ({count} gewijzigd).",
        "documents.checklist.edit": "Instrument bevestigen of bewerken",
        "documents.checklist.choose": "Instrument",
        "documents.checklist.proposal": "Voorstel: {status}",
        "documents.checklist.accept": "Voorstel bevestigen",
        "documents.checklist.remove": "Van de checklist halen",
        "documents.checklist.not_confirmed": "— nog niet bevestigd —",
        "documents.checklist.save": "Opslaan",
        "documents.checklist.add": "Eigen instrument toevoegen",
        "documents.checklist.add_submit": "Toevoegen",
        "documents.findings.title": "Bevindingen uit de documentstudie",
        "documents.findings.unconfirmed": "(voorstel, nog niet bevestigd)",
        "documents.appendix.download": "Bijlage downloaden (CSV)",
        "documents.report.title": "Documentstudie",
        "documents.report.col.title": "Document",
        "documents.report.col.kind": "Soort",
        "documents.report.col.owner": "Eigenaar",
        "documents.report.col.date": "Datum",
        "documents.report.col.version": "Versie",
        "documents.pillar.BEW": "Bewustwording en organisatie",
        "documents.pillar.INF": "Informatiepositie en -huishouding",
        "documents.pillar.BEL": "Beleid en handhaving",
        "documents.pillar.INT": "Integere en veilige werkomgeving",
        "documents.pillar.COM": "Communicatie",
    }
)
