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
        "survey.drop.device": "browser, apparaat of besturingssysteem (herleidbaar)",
        "survey.drop.technical": "technisch veld van het enquêteprogramma (geen vraag)",
        "survey.drop.empty": "kolom zonder antwoorden",
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
        "survey.default_name": "Enquête",
        "survey.container_title": "Enquête: {name}",
        "survey.attribution": "respondent uit de enquête",
        "survey.review_context": "Enquête: {question}",
        "survey.error.theme_pillar": "Thema {theme} hoort niet bij pijler {pillar}.",
        "survey.error.no_scan": "Er is geen scan met de naam '{name}'.",
        "survey.error.file": "Bestand '{path}' bestaat niet.",
    }
)
