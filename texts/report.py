"""Dutch texts of the report (issue 17): the Rapport screen, the generated parts, the checks,
the Word export and the command line."""

from __future__ import annotations

from texts._base import T

T.update(
    {
        "permission.report": "aan het rapport werken",
        # errors
        "report.error.template": "Het rapportsjabloon klopt niet ({detail}). Controleer data/report_template.yaml.",
        "report.error.not_found": "Rapport {id} bestaat niet.",
        "report.error.template_edit": "De opbouw van het rapport is niet opgeslagen: {detail}",
        "report.error.template_conflict": (
            "De opbouw van het rapport is intussen gewijzigd (versie {version}, door {author}); er is niets "
            "opgeslagen. Laad de pagina opnieuw en breng uw wijziging opnieuw aan."
        ),
        "report.page.structure": "Opbouw",
        "report.template.help": (
            "De hoofdstukken en secties van dit rapport. Wijzig titels, de volgorde (kolom Volgorde), voeg secties "
            "toe of verwijder ze. Een sectie wordt herkend aan haar sleutel: hernoemen of verplaatsen houdt de tekst; "
            "een verwijderde sectie houdt haar tekst ook, tot u de sleutel weer toevoegt. Elke opgeslagen opbouw "
            "blijft bewaard als versie."
        ),
        "report.template.saved": "De opbouw van het rapport is opgeslagen (versie {version}).",
        "report.template.col.position": "Volgorde",
        "report.template.col.chapter": "Hoofdstuk (sleutel)",
        "report.template.col.chapter_title": "Titel hoofdstuk",
        "report.template.col.key": "Sectie (sleutel)",
        "report.template.col.title": "Titel sectie",
        "report.template.col.kind": "Soort",
        "report.template.col.generator": "Bron (gegenereerd)",
        "report.template.col.per_theme": "Per thema",
        "report.template.save": "Opbouw opslaan",
        "report.template.yaml": "Opbouw als YAML (bewerken, downloaden of uploaden)",
        "report.template.yaml_text": "Sjabloon (YAML)",
        "report.template.yaml_save": "YAML opslaan",
        "report.template.download": "Sjabloon downloaden (YAML)",
        "report.template.upload": "Sjabloon uploaden (YAML)",
        "report.template.upload_save": "Geüpload sjabloon opslaan",
        "report.template.versions": "Versies van de opbouw",
        "report.template.version": "Versie {version} – {author}, {at}: {chapters}",
        "report.template.empty": "het rapport heeft minstens één hoofdstuk nodig.",
        "report.template.bad_position": "‘{value}’ is geen volgnummer.",
        "report.template.no_chapter": "sectie ‘{section}’ hoort bij geen hoofdstuk; vul de hoofdstuksleutel in.",
        "report.template.no_chapter_title": "hoofdstuk ‘{chapter}’ heeft geen titel.",
        "report.template.duplicate_chapter": "hoofdstuk ‘{chapter}’ staat twee keer in het sjabloon.",
        "report.template.no_key": "een sectie in hoofdstuk ‘{chapter}’ heeft geen sleutel.",
        "report.template.kind": "sectie ‘{section}’ heeft soort ‘{kind}’; kies uit {kinds}.",
        "report.template.generator": "de gegenereerde sectie ‘{section}’ heeft een bron nodig: een van {generators}.",
        "report.template.per_pillar": (
            "sectie ‘{section}’ (per thema, of de aanbevelingen van een pijler) kan alleen in een hoofdstuk per pijler."
        ),
        "report.template.duplicate_key": "de sleutel ‘{section}’ komt twee keer voor; elke sectie heeft een eigen sleutel.",
        "report.template.too_long": "het bestand is te groot voor een rapportsjabloon.",
        "report.error.scan_not_found": "Scan {id} bestaat niet.",
        "report.error.conflict": (
            "Sectie ‘{section}’ is intussen door {author} opgeslagen (versie {version}). Uw tekst is niet opgeslagen: "
            "voeg beide teksten samen en sla opnieuw op."
        ),
        "report.error.too_long": "De tekst is te lang (meer dan {limit} tekens).",
        "report.error.section_unknown": "Sectie ‘{section}’ bestaat nog niet; laad de pagina opnieuw.",
        "report.error.no_question": "Kies eerst een vraag uit de enquête.",
        "report.error.no_sentence": "Voor vraag {question} kan geen cijferzin worden gemaakt.",
        "report.error.question_unknown": "De enquête heeft geen vraag {question} (meer).",
        "report.error.item_not_found": "Onderdeel {id} van het rapport bestaat niet.",
        "report.error.evidence": "Onbekende onderbouwing: {value}.",
        "report.error.recommendation_empty": "Een aanbeveling heeft een titel nodig.",
        "report.error.recommendation_not_found": "Aanbeveling {id} bestaat niet.",
        "report.error.pillar": "Onbekende pijler: {pillar}.",
        "report.error.blocked": "Het rapport kan nog niet worden geëxporteerd:\n{items}",
        "report.error.format": "Kies .docx of .pdf als uitvoer (niet ‘{suffix}’).",
        "report.error.no_libreoffice": (
            "Voor een PDF is LibreOffice nodig (apt-get install libreoffice-writer-nogui). Exporteer anders naar Word."
        ),
        "report.error.pdf_failed": "LibreOffice kon de PDF niet maken: {detail}",
        "report.error.docx_template": "Het Word-sjabloon {path} kan niet worden gelezen: {detail}",
        "report.error.scan_name": "Er is geen scan met de naam ‘{name}’.",
        "report.error.other_scan": "{kind} {id} hoort niet bij de scan van dit rapport.",
        "report.kind.quote": "citaat",
        "report.kind.figure": "figuur",
        "report.kind.sentence": "cijferzin",
        # generated Onderzoeksopzet
        "report.design.measurement.nulmeting": "nulmeting",
        "report.design.measurement.vervolgmeting": "vervolgmeting",
        "report.design.intro": (
            "Dit onderzoek bij {organisation} is een {measurement}. Om inzicht te krijgen in de vijf pijlers zijn "
            "de bronnen hieronder gebruikt; meer informatie staat in de bijlagen."
        ),
        "report.design.documents": "Voor de documentstudie zijn {count} geanalyseerd (zie de bijlage).",
        "report.design.survey": (
            "In totaal hebben {n} respondenten de digitale enquête ingevuld. Niet alle respondenten hebben elke vraag "
            "beantwoord; het aantal respondenten staat daarom per vraag en grafiek vermeld."
        ),
        "report.design.interviews": (
            "Daarnaast zijn {interviews} gevoerd ({individual} en {group}) met in totaal {respondents} respondenten."
        ),
        "report.design.no_interviews": "Er zijn (nog) geen interviews gevoerd.",
        "report.design.period": "Het onderzoek is uitgevoerd in de periode {period}.",
        "report.design.departments": "De geïnterviewde respondenten werken bij: {departments}.",
        # appendices
        "report.appendix.no_documents": "Er zijn (nog) geen documenten bestudeerd.",
        "report.appendix.doc.title": "Document",
        "report.appendix.doc.kind": "Soort",
        "report.appendix.doc.owner": "Eigenaar",
        "report.appendix.doc.date": "Datum",
        "report.appendix.no_survey": "Er is (nog) geen enquête ingelezen.",
        "report.appendix.no_respondents": "Er zijn (nog) geen respondenten geïnterviewd.",
        "report.appendix.code": "Code",
        "report.appendix.code_name": "Naam",
        "report.appendix.code_description": "Omschrijving",
        # sources in the evidence panel
        "report.source.survey": "enquête: {title}",
        "report.source.document": "document: {title}",
        "report.source.interview": "interview ({kind}): {title}",
        # flags of the check before export
        "report.flag.unknown_item": "Onderdeel {id} in de tekst bestaat niet (meer).",
        "report.flag.evidence_rejected": "Aanbeveling {number} rust op fragment {fragment}, dat niet meer geaccepteerd is.",
        "report.flag.fragment_gone": "Citaat {id} in ‘{section}’: het fragment bestaat niet meer.",
        "report.flag.rejected": (
            "Citaat {id} in ‘{section}’: fragment {fragment} is na het schrijven afgewezen of hergecodeerd en heeft "
            "geen geaccepteerde codering meer."
        ),
        "report.flag.quote_removed": "Citaat {id} in ‘{section}’ staat niet meer in de citatenmand.",
        "report.flag.consent_nee": "Citaat {id} in ‘{section}’: respondent {respondent} geeft geen toestemming meer.",
        "report.flag.consent_changed": "Citaat {id} in ‘{section}’: de toestemming is gewijzigd van ‘{old}’ in ‘{new}’.",
        "report.flag.attribution_changed": "Citaat {id} in ‘{section}’: de bronvermelding is nu ‘{new}’ (was ‘{old}’).",
        "report.flag.text_changed": "Citaat {id} in ‘{section}’: de weergave is in de citatenmand aangepast.",
        "report.flag.pii": "Citaat {id} in ‘{section}’: mogelijk persoonsgegeven ({kind}: ‘{text}’).",
        "report.flag.text_pii": "{where}: mogelijk persoonsgegeven in uw eigen tekst ({kind}: ‘{text}’).",
        "report.flag.where_section": "Tekst van ‘{section}’",
        "report.flag.where_recommendation": "Aanbeveling {number}",
        "report.page.waive_reason": "Reden om dit toe te staan (bijvoorbeeld: naam van een publieke functionaris)",
        "report.page.waive": "Toestaan",
        "report.page.waived": "Toegestaan; de controle wordt opnieuw uitgevoerd.",
        "report.flag.survey_gone": "Figuur {id} in ‘{section}’: de enquêtevraag bestaat niet meer.",
        "report.flag.numbers_changed": "Figuur of cijferzin {id} in ‘{section}’: de cijfers zijn gewijzigd (n={old} → n={new}).",
        # export
        "report.export.toc": "Inhoudsopgave",
        "report.export.toc_placeholder": "Klik met de rechtermuisknop en kies ‘Veld bijwerken’ om de inhoudsopgave te vullen.",
        "report.export.figure": "Figuur",
        "report.export.recommendation": "Aanbeveling {number}.",
        "report.export.no_recommendations": "Er zijn (nog) geen aanbevelingen.",
        "report.export.date": "{date}",
        "report.export.empty_section": "[Deze sectie is nog niet geschreven.]",
        "report.export.page": "Pagina ",
        "report.progress.check": "Controle van citaten en cijfers",
        "report.progress.sections": "Hoofdstuk {chapter}",
        "report.progress.figures": "Grafiek {done} van {total}",
        "report.progress.save": "Word-bestand opslaan",
        "report.progress.pdf": "PDF maken met LibreOffice",
        "report.progress.done": "Klaar",
        # command line
        "cli.report.help": "Exporteer het rapport van een scan naar Word (.docx) of PDF.",
        "cli.report.scan": "naam van de scan",
        "cli.report.out": "uitvoerbestand (.docx of .pdf)",
        # page
        "nav.report": "Rapport",
        "report.page.title": "Rapport",
        "report.page.caption": (
            "Van gecodeerd bewijs naar het rapport, in de opbouw van de weerbaarheidsscan. U schrijft de tekst; "
            "Weerbaar zet citaten, grafieken en cijferzinnen erbij en houdt bij waar elk ervan op rust."
        ),
        "report.page.no_scan": "Maak eerst een scan aan (Scans en respondenten).",
        "report.page.chapter": "Hoofdstuk",
        "report.page.section": "Sectie",
        "report.page.untitled.written": "Tekst",
        "report.page.untitled.generated": "Uit de gegevens van de scan",
        "report.page.untitled.recommendations": "Aanbevelingen",
        "report.page.untitled.recommendations_overview": "Overzicht van de aanbevelingen",
        "report.page.editor": "Tekst",
        "report.page.editor_help": (
            "Alinea's scheidt u met een lege regel; een regel die met • of - begint wordt een opsomming. Regels als "
            "[[citaat:12]] staan voor een ingevoegd citaat, figuur of cijferzin."
        ),
        "report.page.save": "Opslaan",
        "report.page.saved": "Opgeslagen als versie {version}.",
        "report.page.version": "Versie {version}, laatst opgeslagen door {author}.",
        "report.page.unsaved": "Nog niet opgeslagen.",
        "report.page.conflict": "Iemand anders heeft deze sectie opgeslagen terwijl u schreef. Beide teksten staan hieronder.",
        "report.page.conflict_mine": "Uw tekst (niet opgeslagen)",
        "report.page.conflict_theirs": "Opgeslagen tekst van {author} (versie {version})",
        "report.page.conflict_merge": "Samengevoegde tekst",
        "report.page.conflict_save": "Samengevoegde tekst opslaan",
        "report.page.versions": "Versies",
        "report.page.version_row": "Versie {version} — {author}, {at}",
        "report.page.no_versions": "Nog geen versies.",
        "report.page.generated": "Deze sectie vult Weerbaar uit de gegevens van de scan.",
        "report.page.evidence": "Bewijs bij dit thema",
        "report.page.fragments": "Geaccepteerde fragmenten (meest representatief eerst)",
        "report.page.no_fragments": "Nog geen geaccepteerde fragmenten bij dit thema.",
        "report.page.fragment_meta": "{role} · {source} · fragment {id}",
        "report.page.insert_quote": "Citaat invoegen",
        "report.page.inserted": "Ingevoegd als {token}. Vergeet niet op te slaan.",
        "report.page.statements": "Stellingen uit de enquête",
        "report.page.no_statements": "Geen enquêtevragen bij dit thema.",
        "report.page.insert_figure": "Grafiek invoegen",
        "report.page.insert_sentence": "Cijferzin invoegen",
        "report.page.checklist": "Checklist van instrumenten",
        "report.page.no_checklist": "Geen checklist-onderdelen bij deze pijler.",
        "report.page.skeleton": "Startopzet",
        "report.page.skeleton_help": (
            "De meest representatieve punten van dit thema, in de woorden van de respondenten, met de fragmenten "
            "waarop ze rusten. Neem ze over als begin, pas ze aan of laat ze weg: Weerbaar schrijft geen bevindingen."
        ),
        "report.page.skeleton_accept": "Overnemen in de tekst",
        "report.page.skeleton_discard": "Weglaten",
        "report.page.skeleton_none": "Nog te weinig geaccepteerde fragmenten voor een startopzet.",
        "report.page.recommendations": "Aanbevelingen",
        "report.page.rec_title": "Titel",
        "report.page.rec_text": "Toelichting",
        "report.page.rec_pillar": "Pijler",
        "report.page.rec_evidence": "Rust op fragmenten",
        "report.page.rec_add": "Aanbeveling toevoegen",
        "report.page.rec_library": "Uit de bibliotheek (de twaalf aanbevelingen van het rapport provincie Groningen)",
        "report.page.rec_from_library": "Overnemen uit de bibliotheek",
        "report.page.rec_remove": "Verwijderen",
        "report.page.rec_up": "Omhoog",
        "report.page.rec_down": "Omlaag",
        "report.page.rec_none": "Nog geen aanbevelingen.",
        "report.page.check": "Controle voor export",
        "report.page.check_ok": "Alle citaten, figuren en cijferzinnen kloppen met hun bron.",
        "report.page.check_refresh": "Nieuwe cijfers overnemen",
        "report.page.export": "Exporteren",
        "report.page.export_docx": "Word-bestand maken",
        "report.page.export_pdf": "PDF maken",
        "report.page.download": "Download {name}",
        "report.page.no_pdf": "PDF is niet beschikbaar: LibreOffice is niet geïnstalleerd.",
        "report.page.stats": "{chapters} hoofdstukken, {sections} secties, {quotes} citaten, {figures} figuren, {recommendations} aanbevelingen, {words} woorden.",
    }
)
