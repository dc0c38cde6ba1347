"""Dutch texts of the action plan and the follow-up scan (issue 18): ``followup.*``."""

from __future__ import annotations

from texts._base import T

T.update(
    {
        # permissions and errors
        "permission.followup.edit": "het actieplan en de vervolgmeting bewerken of bekijken",
        "permission.followup.owner_name": "een persoon als eigenaar van een actie invullen",
        "error.not_found.action": "De actie (nummer {id}) bestaat niet (meer).",
        "followup.error.deadline": "De deadline '{value}' is geen datum; gebruik dd-mm-jjjj, bijvoorbeeld 30-06-2027.",
        "followup.error.status": "De status '{value}' bestaat niet; kies gepland, bezig, gereed of vervallen.",
        "followup.error.no_recommendations": (
            "Het rapport van deze scan heeft nog geen aanbevelingen; voeg ze toe op het scherm Rapport."
        ),
        "followup.error.too_long": "Deze tekst is te lang (meer dan 5.000 tekens).",
        "followup.error.no_baseline": "De scan '{name}' is geen vervolgmeting van '{baseline}'.",
        "followup.error.same_scan": "Een scan kan niet met zichzelf worden vergeleken.",
        "followup.error.scan_name": "Er is geen scan met de naam '{name}'.",
        "followup.error.recommendation": "Aanbeveling {id} staat niet in het rapport van deze scan.",
        "followup.error.match": "Deze stelling bestaat niet in de enquête van de scan: {statement}.",
        # statuses, columns, exports
        "followup.status.gepland": "gepland",
        "followup.status.bezig": "bezig",
        "followup.status.gereed": "gereed",
        "followup.status.vervallen": "vervallen",
        "followup.col.number": "Nr.",
        "followup.col.pillar": "Pijler",
        "followup.col.recommendation": "Aanbeveling",
        "followup.col.owner": "Eigenaar",
        "followup.col.deadline": "Deadline",
        "followup.col.status": "Status",
        "followup.col.notes": "Toelichting",
        "followup.sheet": "Actieplan",
        "followup.appendix.title": "Bijlage: Actieplan",
        "followup.appendix.intro": (
            "Het actieplan van {organisation}: elke aanbeveling uit het rapport is een actie met een eigenaar, "
            "een deadline en een status ({count} acties)."
        ),
        # instrument changes
        "followup.instrument.themes_added": "Het codeboek van de vervolgmeting heeft thema's die de nulmeting niet had: {themes}.",
        "followup.instrument.themes_removed": "Thema's uit de nulmeting ontbreken in het codeboek van de vervolgmeting: {themes}.",
        "followup.instrument.guide": (
            "De interviews gebruikten een andere versie van de leidraad (nulmeting: {before}; vervolgmeting: {after})."
        ),
        "followup.instrument.baseline_changed": "Het codeboek van de nulmeting is gewijzigd na het aanmaken van de vervolgmeting.",
        "followup.instrument.survey_template": "De enquête '{name}' volgt een ander sjabloon ({template}).",
        "followup.instrument.survey_questions": (
            "De vragen van de enquête zijn gewijzigd; alleen stellingen die in beide metingen voorkomen worden vergeleken."
        ),
        "followup.instrument.checklist": (
            "De checklist van instrumenten is gewijzigd: {added} toegevoegd, {removed} verwijderd."
        ),
        "followup.no_pillar": "Zonder pijler",
        "followup.survey_structure": "Vragenlijst van nulmeting '{baseline}' ({surveys})",
        "followup.page.snapshot": "Status van het actieplan opnieuw vastleggen",
        "followup.page.snapshot_help": (
            "De vergelijking en het rapport tonen de status van de acties zoals die is vastgelegd bij het aanmaken "
            "van de vervolgmeting. Leg hem opnieuw vast als het veldwerk van de vervolgmeting later begint."
        ),
        "followup.page.snapshot_as_of": "Status van de acties vastgelegd op {date}.",
        "followup.page.snapshot_done": "De status van {count} actie(s) is vastgelegd.",
        "followup.label.other": "overig",
        "followup.label.positive": "positief",
        # command line
        "followup.cli.help": "vergelijk een vervolgmeting met haar nulmeting (laatste regel: JSON)",
        "followup.cli.scan": "naam van de vervolgmeting",
        "followup.cli.baseline": "naam van de nulmeting",
        "followup.cli.title": (
            "Vervolgmeting '{scan}' ({after} interviews) vergeleken met nulmeting '{baseline}' ({before} interviews)"
        ),
        "followup.cli.pending": "{count} stelling(en) met gewijzigde tekst wachten op bevestiging door de analist.",
        "followup.cli.statement": (
            " {flag} Stelling '{text}': {positive} {before} % (n={n1}) → {after} % (n={n2}), "
            "verschil {change} procentpunt [95%-BI {low}; {high}], p(Holm) {p}, delta {delta}"
        ),
        "followup.cli.theme": (
            "   Thema '{theme}': {before} → {after} fragmenten per interview, "
            "in {share_before} % → {share_after} % van de interviews"
        ),
        "followup.cli.checklist": "   Checklist '{label}': {before} → {after} ({direction})",
        "followup.cli.action": "   Aanbeveling {number} '{title}': {status}",
        # page pages/followup.py and ui/followup_*.py
        "nav.followup": "Actieplan en vervolgmeting",
        "followup.page.title": "Actieplan en vervolgmeting",
        "followup.page.no_access": "Het actieplan en de vervolgmeting zijn voor analisten en beheerders van deze scan.",
        "followup.page.tab_plan": "Actieplan",
        "followup.page.tab_create": "Vervolgmeting aanmaken",
        "followup.page.tab_compare": "Vergelijking met de nulmeting",
        "followup.page.tab_match": "Stellingen koppelen",
        "followup.page.tab_baseline_plan": "Actieplan van de nulmeting",
        "followup.page.sync": "Aanbevelingen uit het rapport overnemen",
        "followup.page.synced": "{count} nieuwe actie(s) toegevoegd.",
        "followup.page.no_actions": (
            "Dit actieplan is nog leeg. Neem de aanbevelingen uit het rapport over om het te vullen."
        ),
        "followup.page.deadline_help": "Datum als dd-mm-jjjj, bijvoorbeeld 30-06-2027.",
        "followup.page.save": "Wijzigingen opslaan",
        "followup.page.saved": "{count} actie(s) opgeslagen.",
        "followup.page.row_error": "Actie {number} is niet opgeslagen: {message}",
        "followup.page.overview": "Overzicht per pijler",
        "followup.page.total": "totaal",
        "followup.page.xlsx": "Actieplan downloaden (Excel)",
        "followup.page.docx": "Actieplan als bijlage downloaden (Word)",
        "followup.page.create_help": (
            "Een vervolgmeting gebruikt het codeboek, de leidraad, het enquêtesjabloon en de checklist van deze "
            "nulmeting; de versies worden vastgelegd, zodat een wijziging in de vergelijking zichtbaar is."
        ),
        "followup.page.create_admin": "Alleen een beheerder kan een vervolgmeting aanmaken.",
        "followup.page.name": "Naam van de vervolgmeting",
        "followup.page.period": "Periode",
        "followup.page.create": "Vervolgmeting aanmaken",
        "followup.page.created": "De vervolgmeting '{name}' is aangemaakt. Kies haar links om te vergelijken.",
        "followup.page.nothing": "Voor deze pijler is er (nog) niets te vergelijken.",
        "followup.page.reworded": "Gewijzigde tekst in de vervolgmeting: ‘{text}’",
        "followup.page.small_expected": (
            "Let op: bij de chikwadraattoets hebben {cells} cel(len) een verwachte frequentie onder 5."
        ),
        "followup.page.matches_auto": "{count} stelling(en) staan in beide enquêtes en worden vergeleken.",
        "followup.page.no_pending": "Er wachten geen stellingen met gewijzigde tekst op uw oordeel.",
        "followup.page.match_before": "Nulmeting: ‘{text}’",
        "followup.page.match_after": "Vervolgmeting: ‘{text}’",
        "followup.page.match_score": "Overeenkomst van de tekst: {score} %",
        "followup.page.confirm": "Dit is dezelfde stelling",
        "followup.page.reject": "Niet dezelfde stelling",
        "followup.col.owner_name": "Persoon (alleen beheerder)",
        "followup.col.theme": "Thema",
        "followup.col.per_interview_before": "Fragmenten per interview (nulmeting)",
        "followup.col.per_interview_after": "Fragmenten per interview (vervolgmeting)",
        "followup.col.share_before": "% interviews (nulmeting)",
        "followup.col.share_after": "% interviews (vervolgmeting)",
        "followup.col.instrument": "Instrument",
        "followup.col.before": "Nulmeting",
        "followup.col.after": "Vervolgmeting",
        "followup.col.direction": "Ontwikkeling",
        "followup.chart.baseline": "Nulmeting (n={n})",
        "followup.chart.followup": "Vervolgmeting (n={n})",
        "followup.chart.percent": "Percentage van n",
        "followup.chart.per_interview": "Fragmenten per interview",
        # the report chapter (models/followup_report.py)
        "followup.report.no_baseline": "Deze scan is een nulmeting; er is nog geen eerdere meting om mee te vergelijken.",
        "followup.report.intro": (
            "Deze vervolgmeting is vergeleken met de nulmeting ‘{baseline}’. In de nulmeting zijn {before} "
            "interviews gehouden, in deze vervolgmeting {after}."
        ),
        "followup.report.method": (
            "Bij de stellingen uit de enquête vergelijken we het aandeel dat het (helemaal) eens is. Een verschil "
            "noemen we betekenisvol als de Mann-Whitney-toets na Holm-correctie over alle vergeleken stellingen "
            "p < 0,05 geeft én het effect minstens klein is (Cliffs delta ten minste 0,147 of een verschil van "
            "ten minste 5 procentpunt). Bij de interviews tellen we per thema de geaccepteerde fragmenten per "
            "interview, omdat het aantal interviews per meting verschilt."
        ),
        "followup.report.pillar": "{name}",
        "followup.report.checklist": "{label}: {before} → {after} ({direction})",
        "followup.report.actions_as_of": "Status van de aanbevelingen in het actieplan op {date}:",
        # checklist directions
        "followup.direction.verbeterd": "verbeterd",
        "followup.direction.verslechterd": "verslechterd",
        "followup.direction.gelijk": "gelijk",
        "followup.direction.nieuw": "nieuw",
        "followup.direction.vervallen": "vervallen",
        "followup.direction.onbekend": "onbekend",
        # coding/compare.py: sentences of the comparison
        "followup.compare.phrase.agree": "het (helemaal) eens is met",
        "followup.compare.phrase.labels": "{labels} antwoordt bij",
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
