"""The Dutch texts of the survey (enquête): import, preview, figures, charts and errors."""

from __future__ import annotations

from texts._base import T

# --- errors ------------------------------------------------------------------
T.update(
    {
        "survey.error.empty": "Het bestand '{name}' is leeg of bevat geen antwoorden.",
        "survey.error.no_rows": "Het bestand '{name}' bevat kolomkoppen maar geen enkele respondent.",
        "survey.error.too_large": "Het bestand '{name}' is te groot ({size} MB; maximaal {limit} MB).",
        "survey.error.format": (
            "Het bestand '{name}' is geen ondersteund enquêtebestand. Gebruik CSV, Excel (.xlsx) of SPSS (.sav)."
        ),
        "survey.error.encoding": (
            "De tekens in '{name}' zijn niet te lezen (onbekende tekenset). Sla het bestand op als CSV in UTF-8."
        ),
        "survey.error.html": "Het bestand '{name}' is een webpagina (HTML), geen export van een enquête.",
        "survey.error.csv": "Het CSV-bestand '{name}' is niet te lezen: {detail}.",
        "survey.error.xlsx_corrupt": "Het Excel-bestand '{name}' is beschadigd of geen echt .xlsx-bestand.",
        "survey.error.xlsx_bomb": (
            "Het Excel-bestand '{name}' pakt uit tot een onredelijke omvang ({detail}); het wordt niet geopend."
        ),
        "survey.error.xlsx_empty": "Het Excel-bestand '{name}' heeft geen werkblad met gegevens.",
        "survey.error.sav": "Het SPSS-bestand '{name}' is niet te lezen: {detail}.",
        "survey.error.lss": "Het structuurbestand '{name}' is geen geldig LimeSurvey-bestand (.lss): {detail}.",
        "survey.error.too_many_columns": "Het bestand '{name}' heeft {count} kolommen; het maximum is {limit}.",
        "survey.error.too_many_rows": "Het bestand '{name}' heeft {count} rijen; het maximum is {limit}.",
        "survey.error.no_questions": (
            "In '{name}' is na het weglaten van metagegevens en persoonsgegevens geen enkele vraag over."
        ),
        "survey.error.duplicate_code": "De vraagcode '{question}' komt twee keer voor; maak de codes uniek.",
        "survey.error.unknown_type": "Onbekend vraagtype '{type}' bij vraag '{question}'.",
        "survey.error.unknown_column": "Kolom '{column}' bestaat niet in het bestand.",
        "survey.error.edit_rows": "De bewerkte vragenlijst past niet meer bij het bestand; laad het bestand opnieuw.",
        "survey.error.unknown_option": "Antwoordoptie '{option}' bestaat niet bij vraag '{question}'.",
        "survey.error.lost_option": (
            "Antwoordoptie '{option}' van vraag '{question}' ontbreekt; zet hem bij de volgorde of bij 'geen antwoord'."
        ),
        "survey.error.template": "Het enquêtesjabloon is niet te lezen: {detail}.",
    }
)

# --- dropped columns (reasons shown in the preview) ----------------------------
T.update(
    {
        "survey.drop.ip": "IP-adres (persoonsgegeven)",
        "survey.drop.location": "locatie of coördinaten (persoonsgegeven)",
        "survey.drop.email": "e-mailadres (persoonsgegeven)",
        "survey.drop.name": "naam (persoonsgegeven)",
        "survey.drop.phone": "telefoonnummer (persoonsgegeven)",
        "survey.drop.id": "identificatienummer van respondent of panel (herleidbaar)",
        "survey.drop.timestamp": "tijdstip van invullen (meer dan de datum; herleidbaar)",
        "survey.drop.time_part": "tijd van de dag weggelaten (herleidbaar); alleen de datum is bewaard als datumvraag",
        "survey.drop.timestamp_extra": "tijdstip van invullen (herleidbaar); de datum van invullen staat al in een andere kolom",
        "survey.drop.duration": "invultijd (herleidbaar, geen vraag)",
        "survey.drop.device": "browser, apparaat of besturingssysteem (herleidbaar)",
        "survey.drop.technical": "technisch veld van het enquêteprogramma (geen vraag)",
        "survey.drop.empty": "kolom zonder antwoorden",
        "survey.submitted_date": "Datum van invullen",
        "survey.forms_grid": "Stellingen",
        "survey.drop.importid": "kopregel met ImportId (Qualtrics), geen antwoord",
    }
)

# --- types, layouts, preview ---------------------------------------------------
T.update(
    {
        "survey.type.likert": "Stelling/schaal (ordinaal)",
        "survey.type.choice": "Eén antwoord kiezen",
        "survey.type.multi": "Meerdere antwoorden mogelijk",
        "survey.type.numeric": "Getal",
        "survey.type.date": "Datum",
        "survey.type.open": "Open antwoord",
        "survey.layout.qualtrics": "Qualtrics (drie kopregels)",
        "survey.layout.qualtrics_legacy": "Qualtrics (twee kopregels, oud formaat)",
        "survey.layout.limesurvey": "LimeSurvey",
        "survey.layout.surveymonkey": "SurveyMonkey (twee kopregels)",
        "survey.layout.google_forms": "Google Formulieren",
        "survey.layout.microsoft_forms": "Microsoft Forms",
        "survey.layout.spss": "SPSS (.sav)",
        "survey.layout.generic": "Eenvoudige tabel (één kopregel)",
        "survey.breakdown.department": "Afdeling",
        "survey.breakdown.role": "Functie of rol",
        "survey.breakdown.years": "Jaren in dienst",
        "survey.small_cell": "te weinig respondenten",
        "survey.small_cell.complementary": "niet getoond (anders herleidbaar)",
        "survey.respondents_word": "respondenten",
    }
)

# --- figures in words ------------------------------------------------------------
T.update(
    {
        "survey.fraction.tenth": "een op de tien",
        "survey.fraction.fifth": "een op de vijf",
        "survey.fraction.quarter": "een kwart",
        "survey.fraction.third": "een derde",
        "survey.fraction.two_fifths": "twee op de vijf",
        "survey.fraction.half": "de helft",
        "survey.fraction.three_fifths": "drie op de vijf",
        "survey.fraction.two_thirds": "twee derde",
        "survey.fraction.three_quarters": "drie kwart",
        "survey.fraction.four_fifths": "vier op de vijf",
        "survey.fraction.nine_tenths": "negen op de tien",
        "survey.qualifier.above": "ruim",
        "survey.qualifier.below": "bijna",
        "survey.subject.all": "alle respondenten",
        "survey.subject.none": "geen enkele respondent",
        "survey.subject.one": "één respondent",
        "survey.subject.count": "{count} respondenten",
        "survey.subject.per": "{fraction} respondenten",
        "survey.subject.of": "{fraction} van de respondenten",
        "survey.predicate.agree": "is het (helemaal) eens met de stelling ‘{statement}’",
        "survey.predicate.disagree": "is het (helemaal) oneens met de stelling ‘{statement}’",
        "survey.predicate.option": "antwoordt ‘{option}’ op de vraag ‘{question}’",
        "survey.predicate.options": "antwoordt {options} op de vraag ‘{question}’",
        "survey.predicate.multi": "kiest ‘{option}’ bij de vraag ‘{question}’",
        "survey.sentence.figure": "{subject} {predicate} ({pct}%, n={n}).",
        "survey.or": "of",
    }
)

# --- charts ------------------------------------------------------------------------
T.update(
    {
        "survey.chart.title_n": "{title} (n={n})",
        "survey.chart.title_range": "{title} (n={low}–{high})",
        "survey.chart.share": "Aandeel van de respondenten",
        "survey.chart.count": "Aantal respondenten",
        "survey.chart.no_data": "Geen antwoorden op deze vraag",
        "survey.chart.open": "Open vraag: {n} antwoorden (zie de fragmenten)",
        "survey.csv.option": "antwoord",
        "survey.csv.statement": "stelling",
        "survey.csv.count": "aantal",
        "survey.csv.pct": "percentage",
        "survey.csv.n": "n",
        "survey.csv.group": "groep",
        "survey.template.sheet": "Vragen",
        "survey.template.col.code": "Code",
        "survey.template.col.text": "Vraag",
        "survey.template.col.item": "Stelling / onderdeel",
        "survey.template.col.type": "Type",
        "survey.template.col.options": "Antwoordopties",
        "survey.template.col.pillar": "Pijler",
        "survey.template.col.theme": "Thema",
    }
)

# --- storage and screens -------------------------------------------------------------
T.update(
    {
        "permission.survey.import": "een enquête importeren of wijzigen",
        "permission.survey.view": "de enquête bekijken",
        "survey.default_name": "Enquête",
        "survey.demo_name": "Medewerkersenquête (demo)",
        "survey.container_title": "Enquête: {name}",
        "survey.attribution": "respondent uit de enquête",
        "survey.review_context": "Enquête: {question}",
        "survey.error.theme_pillar": "Thema {theme} hoort niet bij pijler {pillar}.",
        "survey.error.no_scan": "Er is geen scan met de naam '{name}'.",
        "survey.error.file": "Bestand '{path}' bestaat niet.",
    }
)

# --- command line -------------------------------------------------------------------------
T.update(
    {
        "survey.cli.help": "Importeer een enquête-export of toon de enquêtes van een scan.",
        "survey.cli.import": "importeer een export (CSV, Excel of SPSS) met de herkende instellingen",
        "survey.cli.summary": "toon per enquête van de scan wat er is geïmporteerd (JSON)",
        "survey.cli.scan": "naam van de scan",
        "survey.cli.file": "het exportbestand (.csv, .xlsx of .sav)",
        "survey.cli.structure": "LimeSurvey-structuurbestand (.lss) met vraagteksten en antwoordopties",
        "survey.cli.name": "naam van de enquête in de scan (standaard de bestandsnaam)",
        "survey.cli.no_autocode": "open antwoorden niet automatisch coderen",
        "survey.cli.done": "Enquête '{name}' geïmporteerd in scan '{scan}' ({fragments} fragmenten uit open antwoorden).",
        "survey.cli.none": "Scan '{scan}' heeft nog geen enquête.",
        "survey.cli.survey": "Enquête '{name}':",
    }
)

# --- the survey screen ----------------------------------------------------------------------
T.update(
    {
        "nav.survey": "Enquête",
        "survey.page.title": "Enquête",
        "survey.page.no_scan": "Maak eerst een scan aan (Scans en respondenten).",
        "survey.page.no_access": "Alleen analisten en beheerders van deze scan zien de enquête.",
        "survey.page.no_import": "Alleen analisten en beheerders van deze scan kunnen een enquête importeren.",
        "survey.page.tab.import": "Importeren",
        "survey.page.tab.results": "Resultaten",
        "survey.page.tab.map": "Koppelen aan pijlers",
        "survey.page.tab.triangulate": "Enquête naast interviews",
        "survey.page.tab.template": "Vragenlijst (sjabloon)",
        "survey.page.import_intro": (
            "Upload de export van uw enquêteprogramma (Qualtrics, LimeSurvey, SurveyMonkey, Google Formulieren, "
            "Microsoft Forms of SPSS). U ziet eerst wat er wordt geïmporteerd; er wordt niets opgeslagen tot u op "
            "'Importeren' klikt."
        ),
        "survey.page.upload": "Exportbestand (.csv, .xlsx of .sav)",
        "survey.page.structure": "LimeSurvey-structuurbestand (.lss, optioneel)",
        "survey.page.detected": "Herkend: {layout} — {respondents} respondenten, {questions} vragen.",
        "survey.page.dropped": "Weggelaten kolommen (worden niet opgeslagen)",
        "survey.page.col.column": "Kolom",
        "survey.page.col.reason": "Reden",
        "survey.page.questions": "Vragen",
        "survey.page.edit_help": (
            "Pas zo nodig aan: type, volgorde van de antwoordopties (van negatief naar positief, gescheiden door | ), "
            "welke opties 'geen antwoord' zijn (tellen niet mee in n), welke stellingen één matrixvraag vormen "
            "(zelfde groep) en pijler en thema. Vink 'Meenemen' uit om een vraag over te slaan."
        ),
        "survey.page.col.code": "Code",
        "survey.page.col.include": "Meenemen",
        "survey.page.col.text": "Vraag of stelling",
        "survey.page.col.type": "Type",
        "survey.page.col.options": "Antwoordopties (volgorde)",
        "survey.page.col.missing": "Geen antwoord",
        "survey.page.col.group": "Matrixvraag",
        "survey.page.col.pillar": "Pijler",
        "survey.page.col.theme": "Thema",
        "survey.page.col.template": "Sjabloonvraag",
        "survey.page.col.suggestion": "Voorstel van de codeerder",
        "survey.page.col.note": "Opmerking",
        "survey.page.name": "Naam van de enquête in deze scan",
        "survey.page.import": "Importeren",
        "survey.page.busy": "Enquête wordt opgeslagen en de open antwoorden worden gecodeerd…",
        "survey.page.imported": (
            "Geïmporteerd: {respondents} respondenten, {questions} vragen; {fragments} fragmenten uit open antwoorden "
            "staan klaar om te beoordelen."
        ),
        "survey.page.none": "Deze scan heeft nog geen enquête. Importeer er een op het eerste tabblad.",
        "survey.page.choose": "Enquête",
        "survey.page.survey_label": "{name} ({respondents} respondenten)",
        "survey.page.pillar_filter": "Pijler",
        "survey.page.all": "Alle pijlers",
        "survey.page.breakdown": "Uitsplitsen naar",
        "survey.page.no_breakdown": "Niet uitsplitsen",
        "survey.page.small_cell_help": (
            "Groepen met minder dan 5 respondenten worden niet apart getoond, en zo nodig ook een tweede groep, "
            "zodat geen antwoord tot een persoon te herleiden is."
        ),
        "survey.page.no_questions_pillar": "Geen vragen bij deze pijler. Koppel vragen op het tabblad 'Koppelen aan pijlers'.",
        "survey.page.open_count": "Open vraag: {n} antwoorden. De antwoorden staan als fragmenten bij Beoordelen.",
        "survey.page.n_line": "n = {n} (zonder {missing} respondenten die geen antwoord gaven of 'weet niet' kozen)",
        "survey.page.csv": "Download als CSV",
        "survey.page.breakdown_of": "{field}: {question}",
        "survey.page.suggest": "Voorstellen van de codeerder ophalen",
        "survey.page.suggest_busy": "De codeerder leest de vraagteksten…",
        "survey.page.save_mapping": "Koppeling opslaan",
        "survey.page.mapping_saved": "{count} vraag/vragen gekoppeld.",
        "survey.page.pillar": "Pijler",
        "survey.page.tri_survey": "Uit de enquête",
        "survey.page.tri_interviews": "Uit de interviews",
        "survey.page.tri_no_statements": "Nog geen enquêtevragen bij deze pijler.",
        "survey.page.tri_theme": "Thema: {theme}",
        "survey.page.tri_theme_line": "{name}: {fragments} geaccepteerde fragmenten, {statements} enquêtevragen",
        "survey.page.template_intro": (
            "De vragenlijst van de voorbeeldscan, per vraag gekoppeld aan pijler en thema. Bouw hiermee de enquête in "
            "uw eigen enquêteprogramma; bij het importeren worden de vragen er weer aan gekoppeld."
        ),
        "survey.page.template_download": "Download de vragenlijst als Excel",
    }
)
