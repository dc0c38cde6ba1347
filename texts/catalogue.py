"""The Dutch texts of the interviews, analysis and settings screens (the first areas of the app)."""

from __future__ import annotations

from texts._base import T

# --- general -----------------------------------------------------------------
T.update(
    {
        "app.title": "Weerbaar",
        "app.tagline": "Weerbaarheidsscan ondermijning: van interview tot citaat",
        "nav.section.interviews": "Interviews",
        "nav.section.analysis": "Analyse",
        "nav.section.settings": "Instellingen",
        "nav.start": "Start",
        "nav.scans": "Scans en respondenten",
        "nav.interview": "Interview afnemen",
        "nav.transcript": "Transcript",
        "nav.import": "Transcript importeren",
        "nav.review": "Beoordelen",
        "nav.agreement": "Overeenstemming",
        "nav.charts": "Overzicht",
        "nav.topics": "Thema's ontdekken",
        "nav.quotes": "Citaten",
        "nav.content": "Leidraad en codeboek",
        "nav.admin": "Beheer",
        "start.intro": (
            "Weerbaar begeleidt een weerbaarheidsscan van begin tot eind: het interview volgens de leidraad, "
            "het opgeslagen transcript, automatische codering van elk citeerbaar fragment naar pijler en thema, "
            "de beoordeling door de analist en de citaten die in het rapport komen."
        ),
        "demo.exists": "Er bestaat al een scan 'demo'. Kies 'vervangen' om hem opnieuw aan te maken.",
        "demo.created": "Demoscan 'demo' aangemaakt (scan {scan_id}) in {url}.",
        "start.demo.title": "Demo bekijken",
        "start.demo.body": (
            "Maak de demoscan 'demo' aan: een fictieve gemeente met vier respondenten en drie interviews "
            "(waarvan één groepsinterview), zodat u elk scherm met gegevens ziet. Een bestaande demoscan wordt vervangen."
        ),
        "start.demo.button": "Demoscan aanmaken",
        "start.demo.busy": "Demoscan wordt aangemaakt…",
        "start.demo.done": "De demoscan staat klaar. Kies links een scherm.",
        "start.pipeline.title": "Nederlandse taalverwerking",
        "start.pipeline.body": "Actieve spaCy-pijplijn voor zinnen en lemma's: **{name}**.",
        "start.database": "Database: {url}",
        "consent.ja": "ja",
        "consent.nee": "nee",
        "consent.anoniem": "alleen anoniem",
        "scans.title": "Scans en respondenten",
        "scans.new": "Nieuwe scan",
        "scans.field.name": "Naam van de scan",
        "scans.field.organisation": "Organisatie",
        "scans.field.kind": "Soort organisatie",
        "scans.field.period": "Periode",
        "scans.field.measurement": "Meting",
        "scans.create": "Scan aanmaken",
        "scans.created": "Scan '{name}' is aangemaakt.",
        "scans.none": "Er is nog geen scan. Maak er een aan onder 'Scans en respondenten' of start de demo.",
        "scans.respondents": "Respondenten van {name}",
        "scans.no_respondents": "Deze scan heeft nog geen respondenten.",
        "scans.col.code": "Code",
        "scans.col.role": "Functie/rol",
        "scans.col.department": "Afdeling",
        "scans.col.consent": "Citeren",
        "scans.col.real_name": "Echte naam",
        "scans.add_respondent": "Respondent toevoegen",
        "scans.field.role": "Functie/rol",
        "scans.role.other": "Anders (vul hieronder in)",
        "scans.field.role_other": "Andere functie/rol",
        "scans.field.department": "Afdeling",
        "scans.field.consent": "Toestemming om te citeren",
        "scans.field.real_name": "Echte naam (optioneel)",
        "scans.real_name_help": "Wordt alleen opgeslagen als u hem invult en alleen op dit scherm getoond.",
        "scans.add": "Toevoegen",
        "scans.added": "Respondent {code} is toegevoegd.",
    }
)

# --- transcripts and import (coding/transcripts.py, pages/import) -------------
T.update(
    {
        "transcripts.error.unsupported_format": (
            "Het bestandstype '{extension}' van '{filename}' wordt niet ondersteund. "
            "Gebruik .txt, .md, .docx, .vtt of .srt."
        ),
        "transcripts.error.file_not_found": "Het bestand '{filename}' bestaat niet of kan niet worden gelezen.",
        "transcripts.error.too_large": (
            "Het bestand '{filename}' is te groot ({size_mb} MB). De grens is {limit_mb} MB."
        ),
        "transcripts.error.empty": "Het bestand '{filename}' is leeg of bevat geen tekst.",
        "transcripts.error.binary": (
            "'{filename}' is geen tekstbestand: het bevat binaire gegevens. "
            "Is het misschien een Word- of PDF-bestand met de verkeerde extensie?"
        ),
        "transcripts.error.encoding": (
            "De tekencodering van '{filename}' kon niet worden bepaald. "
            "Sla het bestand op als UTF-8 en probeer het opnieuw."
        ),
        "transcripts.error.docx_corrupt": (
            "'{filename}' is geen geldig Word-bestand (.docx): het bestand is beschadigd "
            "of heeft de verkeerde extensie."
        ),
        "transcripts.error.docx_encrypted": (
            "'{filename}' is met een wachtwoord beveiligd. Verwijder de beveiliging in Word "
            "(Bestand > Info > Document beveiligen) en importeer het opnieuw."
        ),
        "transcripts.error.docx_legacy": (
            "'{filename}' is een oud Word-bestand (.doc) met de extensie .docx. "
            "Open het in Word en sla het op als .docx."
        ),
        "transcripts.error.vtt_no_header": (
            "'{filename}' is geen geldig WebVTT-bestand: de eerste regel moet 'WEBVTT' zijn."
        ),
        "transcripts.error.srt_bad_timestamp": (
            "'{filename}' bevat een ongeldige tijdcode op regel {line}: '{value}'. "
            "Verwacht wordt bijvoorbeeld '00:01:02,500 --> 00:01:04,000'."
        ),
        "transcripts.warning.preamble": (
            "Tekst vóór de eerste spreker is overgeslagen ({count} regels, begint met '{start}')."
        ),
        "transcripts.warning.legend": "Legenda-regels met sprekers zijn overgeslagen: {lines}.",
        "transcripts.warning.chat": "Chatberichten uit de vergadering zijn overgeslagen ({count} regels).",
        "transcripts.warning.events": "Meldingen van de vergaderapp zijn overgeslagen: {lines}.",
        "transcripts.warning.headings": "Kopjes zijn overgeslagen: {count}.",
        "transcripts.warning.notes": "{count} NOTE-blok(ken) met opmerkingen zijn overgeslagen.",
        "transcripts.warning.invalid_lines": (
            "{count} ongeldige regel(s) tussen de cues zijn overgeslagen, zoals '{example}'."
        ),
        "transcripts.warning.bad_cues": "{count} cue(s) met een onleesbare tijdcode zijn overgeslagen.",
        "transcripts.warning.srt_blocks": "{count} blok(ken) zonder tijdcode zijn overgeslagen.",
        "transcripts.warning.no_speakers": (
            "Er zijn geen sprekers gevonden; de tekst is per alinea of pauze in beurten verdeeld."
        ),
        "transcripts.warning.docx_comments": (
            "{count} opmerking(en) uit Word zijn niet als transcripttekst meegenomen."
        ),
        "transcripts.warning.docx_deleted": (
            "Bijgehouden wijzigingen zijn toegepast: verwijderde tekst is weggelaten."
        ),
        "transcripts.warning.library_fallback": (
            "Het bestand week af van de standaard; het is met een eigen, ruimere lezer ingelezen."
        ),
    }
)

# --- segmentation (coding/segmenter.py) ---------------------------------------
T.update(
    {
        "segment.cli.help": "Deel een transcript op in fragmenten en print ze als JSON-regels.",
        "segment.cli.file": "Transcriptbestand (.txt, .md, .docx, .vtt of .srt).",
        "segment.cli.max_chars": "Maximale lengte van een fragment in tekens (standaard {default}).",
    }
)

# --- auto-coder (coding/, pages/transcript) -----------------------------------
T.update(
    {
        "autocoder.progress.loading": "Auto-coder laden…",
        "autocoder.progress.embedding": "Teksten voorbereiden met het taalmodel: {done} van {total}",
        "autocoder.progress.coding": "Coderen: {done} fragmenten",
        "autocoder.progress.saving": "Voorstellen opslaan…",
        "autocoder.progress.done": "{fragments} gecodeerd",
    }
)

# --- interview (pages/interview) ----------------------------------------------
T.update(
    {
        "scan.error.required": "Vul een naam en een organisatie in.",
        "scan.error.kind": "Kies een soort organisatie en een soort meting uit de lijst.",
        "scan.error.exists": "Er bestaat al een scan met de naam '{name}'. Kies een andere naam.",
        "respondent.error.role": "Vul de functie of rol van de respondent in.",
        "respondent.error.consent": "Kies of de respondent instemt met citeren: ja, nee of alleen anoniem.",
        "speaker.unknown": "onbekende spreker",
        "speaker.interviewer": "Interviewer",
        "interview.error.kind": "Kies individueel of groep.",
        "interview.error.participants": "Kies minstens één deelnemer uit de respondenten van deze scan.",
        "interview.error.individual": "Een individueel interview heeft precies één deelnemer; kies 'groep' voor meer.",
        "interview.error.status": "Onbekende status van het interview.",
        "interview.default_title": "Interview met {n} deelnemer(s)",
        "turn.error.empty": "Een leeg antwoord wordt niet opgeslagen. Typ het antwoord (of een notitie) en druk op Enter.",
        "turn.error.empty_question": "Een lege vraag wordt niet opgeslagen. Typ eerst de vraag.",
        "interview.title": "Interview afnemen",
        "interview.need_respondents": "Voeg eerst respondenten toe aan deze scan.",
        "interview.new": "Nieuw interview",
        "interview.field.title": "Titel",
        "interview.field.kind": "Soort interview",
        "interview.kind.individueel": "individueel interview",
        "interview.kind.groep": "groepsinterview",
        "interview.field.date": "Datum",
        "interview.field.interviewer": "Interviewer",
        "interview.field.participants": "Deelnemers",
        "interview.field.pillars": "Pijlers om te behandelen",
        "interview.field.pillars_help": "De vragen volgen de leidraad, afgestemd op de functies van de deelnemers.",
        "interview.create": "Interview starten",
        "interview.choose": "Interview",
        "interview.choose_none": "— kies een interview —",
        "interview.pick": "Kies links een interview of start een nieuw interview.",
        "interview.status.gepland": "gepland",
        "interview.status.bezig": "bezig",
        "interview.status.gepauzeerd": "gepauzeerd",
        "interview.status.afgerond": "afgerond",
        "interview.status_line": "Status: {status} · {kind}",
        "interview.progress": "Voortgang per pijler",
        "interview.progress_line": "{pillar}: {asked} van {planned} gesteld",
        "interview.elapsed": "Verstreken tijd: {minutes} min",
        "interview.untouched": "Nog niet besproken",
        "interview.own_marker": "[eigen vraag] ",
        "interview.probe_marker": "[doorvraag] ",
        "interview.skipped_marker": "(vraag overgeslagen)",
        "interview.quote_marker": "citaat",
        "interview.finished": "Dit interview is afgerond. Lees het terug onder 'Transcript'.",
        "interview.probes": "Doorvragen",
        "interview.ask_probe": "Stel",
        "interview.next": "Volgende vraag",
        "interview.show_probes": "Doorvragen",
        "interview.skip": "Vraag overslaan",
        "interview.back": "Terug",
        "interview.mark_quote": "Citaat",
        "interview.quote_marked": "Het laatste antwoord is gemarkeerd als citaat.",
        "interview.pause": "Pauzeren",
        "interview.finish": "Afronden",
        "interview.own_question": "Eigen vraag stellen",
        "interview.own_question_field": "Uw vraag",
        "interview.own_question_ask": "Vraag stellen",
        "interview.speaker": "Wie spreekt?",
        "interview.answer_placeholder": "Typ het antwoord (aantekeningen of letterlijk) en druk op Enter",
        "transcript.title": "Transcript",
        "transcript.marker.own": "eigen vraag",
        "transcript.marker.probe": "doorvraag",
        "transcript.marker.quote": "citaat",
        "transcript.header.scan": "Scan: {scan} ({organisation})",
        "transcript.header.meta": "Interview: {kind}, {date}, interviewer: {interviewer}",
        "transcript.header.participants": "Deelnemers: {participants}",
        "transcript.download_txt": "Download als .txt",
        "transcript.download_docx": "Download als .docx",
        "transcript.edit": "Corrigeren",
        "transcript.edit_text": "Tekst",
        "transcript.edit_speaker": "Spreker",
        "transcript.save": "Correctie opslaan",
        "transcript.saved": "De correctie is opgeslagen; het origineel staat in het logboek.",
        "transcript.history": "Eerdere versies (logboek)",
        "transcript.none": "Deze scan heeft nog geen interviews.",
        "transcript.fragments": "Fragmenten en codes",
        "transcript.no_fragments": "Nog geen fragmenten: rond het interview af of importeer een transcript.",
        "transcript.segment": "Opnieuw in fragmenten verdelen",
        "transcript.segmented": "{turns} beurten verdeeld: {created} nieuwe fragmenten, {kept} ongewijzigd.",
        "fragment.error.merge": "Alleen twee aangrenzende fragmenten uit dezelfde beurt kunnen worden samengevoegd.",
        "fragment.error.split": "Een fragment kan alleen op een zinsgrens worden gesplitst.",
        "transcript.merge_next": "Samenvoegen met volgende",
        "transcript.split_at": "Splitsen vóór zin",
        "transcript.split": "Splitsen",
        "transcript.manual_code": "Handmatig coderen",
        "transcript.manual_code_save": "Code toevoegen",
        "coding.status.suggested": "voorstel",
        "coding.status.accepted": "geaccepteerd",
        "coding.status.rejected": "afgewezen",
        "coding.stale": "(verouderd: codeboek gewijzigd)",
        "autocode.button_interview": "Automatisch coderen (dit interview)",
        "autocode.button_scan": "Automatisch coderen (hele scan)",
        "autocode.busy": "Fragmenten worden gecodeerd…",
        "autocode.done": "{fragments} gecodeerd. Voorstellen tellen pas mee als een analist ze accepteert.",
        "content.title": "Leidraad en codeboek",
        "content.guide": "Interviewleidraad",
        "content.codebook": "Codeboek",
        "content.guide_version": "{name}, versie {version}. Opslaan maakt een nieuwe versie; afgenomen interviews houden hun versie.",
        "content.codebook_version": "{name}, versie {version} (codeboek van scan {scan}).",
        "content.download_yaml": "Download als YAML",
        "content.save_guide": "Leidraad opslaan als nieuwe versie",
        "content.guide_saved": "Leidraad opgeslagen als versie {version}.",
        "content.upload_guide": "Leidraad importeren (YAML)",
        "content.import_guide": "Geïmporteerde leidraad opslaan",
        "content.save_codebook": "Codeboek opslaan",
        "content.codebook_saved": "Codeboek opgeslagen: {changed} codes gewijzigd, {stale} automatische voorstellen verouderd.",
        "content.upload_codebook": "Codeboek importeren (YAML)",
        "content.import_codebook": "Geïmporteerd codeboek opslaan",
        "content.import_error": "Het bestand kon niet worden gelezen: {error}. Er is niets gewijzigd.",
        "content.unknown_pillar": "Code '{code}' hoort niet bij een pijler; begin met BEW., INF., BEL., INT. of COM.",
        "content.recode_offer": "{n} automatische voorstellen zijn verouderd door de wijziging. Opnieuw coderen?",
        "import.title": "Transcript importeren",
        "import.intro": (
            "Importeer een opname-transcript uit Teams of Zoom (.vtt), ondertitels (.srt), een Word-bestand (.docx) "
            "of tekst (.txt, .md). Daarna koppelt u elke spreker aan de interviewer of een respondent."
        ),
        "import.file": "Transcriptbestand",
        "import.parsed": "{format}-bestand gelezen: {turns} beurten van {speakers} sprekers.",
        "import.preview": "Voorbeeld van de eerste beurten",
        "import.mapping": "Sprekers koppelen",
        "import.new_respondent": "Nieuwe respondent",
        "import.new_role": "Functie (nieuwe respondent)",
        "import.new_department": "Afdeling (nieuwe respondent)",
        "import.unlabelled": "(beurten zonder spreker)",
        "import.submit": "Importeren",
        "import.done": "Het interview is geïmporteerd en in fragmenten verdeeld. Bekijk het onder 'Transcript'.",
        "import.default_title": "Geïmporteerd interview",
        "import.error.empty": "Het transcript bevat geen tekst; er is niets geïmporteerd.",
        "import.error.unmapped": "Koppel eerst elke spreker: {labels}. Er is niets geïmporteerd.",
        "import.error.unlabelled": "Sommige beurten hebben geen spreker; kies wie dat is. Er is niets geïmporteerd.",
        "import.error.respondent": "De gekozen respondent voor '{label}' hoort niet bij deze scan.",
        "import.error.no_respondent": "Koppel minstens één spreker aan een respondent; er is niets geïmporteerd.",
        "turn.error.too_long": "Dit antwoord is langer dan {limit} tekens en is niet opgeslagen. Splits het in delen.",
    }
)

# --- review, agreement, charts (pages/review, pages/agreement, pages/charts) --
T.update(
    {
        # models/review_queue.py, decisions.py, memos.py, agreement.py, chart_data.py
        "review.error.unknown_code": "De code '{code}' staat niet in het codeboek van deze scan.",
        "review.error.status": "Onbekende status; kies voorgesteld, geaccepteerd, afgewezen of ongecodeerd.",
        "review.error.order": "Onbekende volgorde; kies onzekerst eerst, interviewvolgorde of zekerheid.",
        "review.error.nothing_to_accept": "Er is geen openstaand voorstel om te accepteren bij dit fragment.",
        "review.error.nothing_to_reject": "Er is geen voorstel of code om af te wijzen bij dit fragment.",
        "review.error.has_code": "Dit fragment heeft de code {code} al.",
        "review.error.memo_empty": "Een lege memo wordt niet opgeslagen. Typ eerst een tekst.",
        "review.error.memo_target": "De memo hoort bij een fragment, code of interview van deze scan.",
        "review.error.round_name": "Geef de ronde een naam.",
        "review.error.round_coders": "Vul minstens twee verschillende namen van codeurs in.",
        "review.error.round_n": "Kies minstens één fragment voor de steekproef.",
        "review.error.round_no_fragments": "Deze scan heeft nog geen fragmenten van respondenten om te coderen.",
        "review.error.round_coder": "'{coder}' is geen codeur in deze ronde.",
        "review.error.round_fragment": "Dit fragment hoort niet bij deze ronde.",
        "review.error.theme_pillar": "Het thema {theme} hoort niet bij de pijler {pillar}.",
        # pages/review.py
        "review.title": "Beoordelen",
        "review.no_scan": "Er is nog geen scan. Maak eerst een scan aan.",
        "review.view.queue": "Beoordelen",
        "review.view.table": "Tabel",
        "review.view.memos": "Memo's",
        "review.view.label": "Weergave",
        "review.filters": "Filters en volgorde",
        "review.order": "Volgorde",
        "review.order.uncertain": "Onzekerst eerst",
        "review.order.interview": "Interviewvolgorde",
        "review.order.confidence": "Hoogste zekerheid eerst",
        "review.filter.status": "Status",
        "review.filter.pillar": "Pijler",
        "review.filter.theme": "Thema",
        "review.filter.interview": "Interview",
        "review.filter.role": "Functie",
        "review.filter.department": "Afdeling",
        "review.filter.confidence": "Zekerheid van het voorstel",
        "review.filter.search": "Zoeken (ook op vervoegingen)",
        "review.filter.all": "(alle)",
        "review.status.suggested": "voorgesteld",
        "review.status.accepted": "geaccepteerd",
        "review.status.rejected": "afgewezen",
        "review.status.uncoded": "ongecodeerd",
        "review.empty": "Geen fragmenten die aan de filters voldoen.",
        "review.position": "Fragment {position} van {total}",
        "review.question": "Vraag",
        "review.context.before": "Ervoor",
        "review.context.after": "Erna",
        "review.respondent": "{respondent}{department} · {interview}",
        "review.suggestion": "Voorstel: **{code}** — {name} · zekerheid {confidence}",
        "review.suggestion.none": "Geen voorstel van de automatische codering.",
        "review.status_line": "Status: {status}",
        "review.codes": "Codes: {codes}",
        "review.quote_marked": "Citaatkandidaat",
        "review.button.accept": "Accepteren",
        "review.button.reject": "Afwijzen",
        "review.button.recode": "Wijzigen",
        "review.button.add": "Tweede code",
        "review.button.quote": "Citaatkandidaat",
        "review.button.unquote": "Geen citaatkandidaat",
        "review.button.skip": "Overslaan",
        "review.button.previous": "Vorige",
        "review.button.memo": "Memo opslaan",
        "review.picker.recode": "Andere code",
        "review.picker.add": "Tweede code",
        "review.picker.placeholder": "Typ om te zoeken in het codeboek",
        "review.memo": "Memo bij dit fragment",
        "review.memo.existing": "Memo's bij dit fragment",
        "review.done.accept": "Geaccepteerd: {codes}.",
        "review.done.reject": "Afgewezen: {codes}.",
        "review.done.recode": "Gewijzigd in {code}.",
        "review.done.add": "Tweede code {code} toegevoegd.",
        "review.done.memo": "Memo opgeslagen.",
        "review.done.quote": "Citaatkandidaat bijgewerkt.",
        "review.table.page": "Pagina",
        "review.table.caption": "{first}–{last} van {total} fragmenten",
        "review.col.fragment_id": "Fragment",
        "review.col.interview": "Interview",
        "review.col.respondent": "Respondent",
        "review.col.text": "Tekst",
        "review.col.status": "Status",
        "review.col.pillar": "Pijler",
        "review.col.theme": "Thema",
        "review.col.confidence": "Zekerheid",
        "review.col.quote_candidate": "Citaat",
        "review.bulk.title": "In één keer accepteren",
        "review.bulk.threshold": "Accepteer voorstellen met zekerheid vanaf",
        "review.bulk.start": "Accepteren boven drempel…",
        "review.bulk.confirm_text": "{fragments} worden geaccepteerd (binnen de huidige filters). Doorgaan?",
        "review.bulk.none": "Geen openstaande voorstellen boven deze drempel binnen de filters.",
        "review.bulk.confirm": "Ja, accepteer {fragments}",
        "review.bulk.cancel": "Annuleren",
        "review.bulk.done": "{fragments} geaccepteerd.",
        "review.memos.search": "Zoek in memo's",
        "review.memos.type": "Memo's bij",
        "review.memos.empty": "Nog geen memo's.",
        "review.memos.target.fragment": "fragment",
        "review.memos.target.code": "code",
        "review.memos.target.interview": "interview",
        "review.memos.item": "**{target_type}** {target} · {author} · {at}",
        "review.memos.new": "Nieuwe memo bij een code of interview",
        "review.memos.target_pick": "Waarbij",
        "review.memos.text": "Tekst",
        "review.memos.save": "Memo opslaan",
        "review.memos.edit": "Bewerken",
        "review.memos.update": "Wijziging opslaan",
        "review.memos.delete": "Verwijderen",
        # pages/agreement.py
        "agreement.page.title": "Overeenstemming",
        "agreement.page.intro": (
            "Laat twee of meer codeurs dezelfde steekproef blind coderen en vergelijk hun keuzes. "
            "Codeurs zien alleen de fragmenten, niet elkaars codes en niet de voorstellen."
        ),
        "agreement.page.new": "Nieuwe ronde",
        "agreement.page.name": "Naam van de ronde",
        "agreement.page.coders": "Codeurs (namen, gescheiden door komma's)",
        "agreement.page.n": "Aantal fragmenten",
        "agreement.page.stratify": "Spreiden over de interviews (gestratificeerd)",
        "agreement.page.seed": "Startgetal voor de loting",
        "agreement.page.create": "Ronde aanmaken",
        "agreement.page.created": "Ronde aangemaakt met {fragments}.",
        "agreement.page.round": "Ronde",
        "agreement.page.no_rounds": "Nog geen rondes. Maak hierboven een ronde aan.",
        "agreement.page.round_label": "{name} ({fragments}, {coders})",
        "agreement.page.section": "Onderdeel",
        "agreement.page.section.code": "Blind coderen",
        "agreement.page.section.report": "Rapport",
        "agreement.page.section.diff": "Verschillen",
        "agreement.page.coder": "Ik codeer als",
        "agreement.page.progress": "{done} van {total} fragmenten gecodeerd",
        "agreement.page.all_done": "U heeft alle fragmenten van deze ronde gecodeerd.",
        "agreement.page.fragment": "Fragment {position} van {total}",
        "agreement.page.pillar": "Pijler",
        "agreement.page.theme": "Thema",
        "agreement.page.no_theme": "(geen thema)",
        "agreement.page.uncoded": "(niet te coderen)",
        "agreement.page.save": "Opslaan en volgende",
        "agreement.page.saved": "Opgeslagen.",
        "agreement.page.metric.kappa": "Cohens κ (hoofdpijler)",
        "agreement.page.metric.percent": "Overeenstemming",
        "agreement.page.metric.alpha": "Krippendorffs α",
        "agreement.page.metric.n": "Vergeleken fragmenten",
        "agreement.page.no_diff": "Geen verschillen tussen de codeurs.",
        "agreement.page.resolution": "Besluit",
        "agreement.page.resolve": "Besluit opslaan",
        "agreement.page.resolved": "Besluit: {code}",
        "agreement.page.col.text": "Fragment",
        "agreement.page.col.resolution": "Besluit",
        # pages/charts.py
        "charts.page.title": "Overzicht",
        "charts.page.include_suggestions": "Ook nog niet beoordeelde voorstellen meetellen",
        "charts.page.basis.accepted": "Alleen geaccepteerde codes tellen mee (n = {fragments}).",
        "charts.page.basis.suggestions": (
            "Geaccepteerde codes en openstaande voorstellen tellen mee (n = {fragments})."
        ),
        "charts.page.empty": "Nog geen gecodeerde fragmenten in deze scan. Beoordeel eerst fragmenten.",
        "charts.page.pillar_theme": "Fragmenten per pijler en thema",
        "charts.page.by_role": "Per functie",
        "charts.page.by_department": "Per afdeling",
        "charts.page.cooccurrence": "Thema's die samen voorkomen",
        "charts.page.share": "Verdeling per interview",
        "charts.page.png": "Download als PNG",
        "charts.page.html": "Download als HTML",
        "charts.page.csv": "Download tabel (CSV)",
        "charts.page.error": "Deze grafiek kon niet worden gemaakt ({error}). De andere grafieken staan hieronder.",
        "charts.page.no_png": (
            "PNG-download is hier niet beschikbaar (geen Chrome of Chromium op de server). "
            "Download de grafiek als HTML of maak een schermafbeelding."
        ),
    }
)

T.update(
    {
        # coding/agreement.py
        "agreement.uncoded_rule": (
            "Fragmenten die geen enkele codeur heeft gecodeerd, tellen niet mee: "
            "'allebei niets gecodeerd' geldt niet als overeenstemming. Heeft de "
            "ene codeur een fragment gecodeerd en de andere niet, dan telt dat "
            "als onenigheid. Voor Krippendorffs α geldt 'niet gecodeerd' als "
            "ontbrekende waarde."
        ),
        "agreement.uncoded": "(niet gecodeerd)",
        "agreement.reason.too_few": ("Te weinig fragmenten om te vergelijken (minimaal {minimum} nodig)."),
        "agreement.reason.no_variation": (
            "Niet te berekenen: de codeurs gebruikten steeds dezelfde keuze, dus de kans-overeenstemming is 100%."
        ),
        "agreement.reason.alpha_no_pairs": (
            "Niet te berekenen: geen fragment is door minstens twee codeurs gecodeerd."
        ),
        "agreement.reason.alpha_one_value": ("Niet te berekenen: alle codeurs gaven steeds dezelfde pijler."),
        "agreement.reason.some_pairs": (
            "Gemiddelde over {defined} van {total} codeurparen; voor de overige paren is κ niet te berekenen."
        ),
        "agreement.level.total": "Totaal (hoofdpijler)",
        "agreement.level.pillar": "Pijler",
        "agreement.level.theme": "Thema",
        "agreement.col.level": "Niveau",
        "agreement.col.code": "Code",
        "agreement.col.kappa": "Cohens κ",
        "agreement.col.alpha": "Krippendorffs α",
        "agreement.col.percent": "Overeenstemming (%)",
        "agreement.col.positive": "Overeenstemming bij toekennen (%)",
        "agreement.positive_help": (
            "Overeenstemming bij toekennen: hoe vaak de codeurs het eens zijn "
            "over fragmenten waaraan minstens één van hen deze pijler of dit "
            "thema gaf. 'Allebei niet gegeven' telt hier niet mee."
        ),
        "agreement.col.n": "Aantal fragmenten",
        "agreement.col.note": "Opmerking",
        "agreement.col.difference": "Verschil in",
        "agreement.col.coder_pillar": "{coder}: pijler",
        "agreement.col.coder_themes": "{coder}: thema's",
        "agreement.diff.pillar": "pijler",
        "agreement.diff.themes": "thema's",
        "agreement.diff.both": "pijler en thema's",
        "agreement.error.columns": ("De codeerbeslissingen missen de kolom(men): {columns}."),
        "agreement.error.fragment_column": ("De fragmenten hebben geen kolom 'fragment_id' of 'id'."),
        "agreement.error.stratify_column": ("De fragmenten hebben geen kolom '{column}' om op te stratificeren."),
        # coding/charts.py
        "charts.empty": "Nog geen gecodeerde fragmenten",
        "charts.empty_themes": "Nog geen fragmenten met een thema",
        "charts.no_theme": "(geen thema)",
        "charts.unknown": "(onbekend)",
        "charts.axis.fragments": "Aantal fragmenten",
        "charts.axis.share": "Aandeel (%)",
        "charts.axis.interview": "Interview",
        "charts.axis.theme": "Thema",
        "charts.by.role": "functie",
        "charts.by.department": "afdeling",
        "charts.legend.pillar": "Pijler",
        "charts.title.pillar_theme": "Fragmenten per pijler en thema (n = {fragments})",
        "charts.title.by_group": "Fragmenten per pijler naar {group} (n = {fragments})",
        "charts.title.cooccurrence": (
            "Thema's die samen voorkomen op hetzelfde fragment (n = {fragments} met een thema)"
        ),
        "charts.title.share_per_interview": ("Verdeling over de pijlers per interview (n = {fragments}, {interviews})"),
        "charts.label.with_n": "{label} (n = {n})",
        "charts.hover.cooccurrence": "{a} + {b}: {fragments}",
        "charts.error.by": "Groeperen kan alleen op 'role' of 'department', niet op '{by}'.",
        "charts.error.columns": "De gecodeerde fragmenten missen de kolom(men): {columns}.",
        "charts.error.no_browser": (
            "Een PNG maken lukt niet: er is geen Chrome of Chromium gevonden "
            "om de grafiek te tekenen. Installeer Chromium (bijvoorbeeld "
            "'apt-get install chromium') of download de grafiek als HTML."
        ),
        "charts.error.render": ("Een PNG maken is mislukt ({error}). Download de grafiek als HTML."),
    }
)

# --- quotes, PII, exports (pages/quotes, models/exports) ----------------------
T.update(
    {
        # PII kinds (coding/pii.py)
        "pii.kind.persoon": "persoonsnaam",
        "pii.kind.e-mail": "e-mailadres",
        "pii.kind.telefoon": "telefoonnummer",
        "pii.kind.postcode": "postcode",
        "pii.kind.adres": "adres",
        "pii.kind.bsn": "burgerservicenummer (BSN)",
        "pii.kind.kenteken": "kenteken",
        "pii.kind.respondent": "naam of code van een respondent",
        # the quote basket (models/quotes.py)
        "quotes.error.not_accepted": (
            "Alleen fragmenten met een geaccepteerde codering kunnen een citaat worden. "
            "Accepteer eerst een codering van dit fragment."
        ),
        "quotes.error.pillar": "Onbekende pijler '{pillar}'. Kies uit {choices}.",
        "quotes.error.theme": "Thema '{theme}' hoort niet bij pijler '{pillar}' in het codeboek van deze scan.",
        "quotes.error.duplicate": "Dit fragment staat al in de citatenmand onder {pillar} / {theme}.",
        "quotes.error.consent_nee": (
            "Respondent {respondent} heeft geen toestemming gegeven om geciteerd te worden. "
            "Dit fragment kan geen citaat worden."
        ),
        "quotes.error.empty": "De citaattekst mag niet leeg zijn.",
        "quotes.error.style": "Onbekende citeerstijl '{style}'. Kies 'respondent' of 'role'.",
        "quotes.error.finding_unknown": (
            "Deze bevinding staat niet (meer) in het citaat. Controleer het citaat opnieuw."
        ),
        "quotes.error.reason": "Geef een reden op (minstens {min} tekens) waarom deze bevinding geen probleem is.",
        "quotes.attribution.respondent": "respondent uit de interviews",
        "quotes.attribution.role": "een {role}",
        "quotes.attribution.unknown": "een respondent",
        "quotes.style.respondent": "Respondent: ‘…’ (respondent uit de interviews)",
        "quotes.style.role": "Functie: ‘…’ (een afdelingshoofd)",
        "quotes.anonymous_fallback": (
            "Respondent {respondent} wil anoniem blijven: dit citaat krijgt '(respondent uit de interviews)' "
            "in plaats van de functie."
        ),
        "quotes.blocker.pii": "Citaat {id} ({pillar}): {label} ‘{text}’ nog niet aangepast of verantwoord.",
        "quotes.blocker.consent": "Citaat {id} ({pillar}): respondent {respondent} gaf geen toestemming om te citeren.",
        # exports (models/exports.py)
        "exports.error.blocked": (
            "De export is geweigerd. Pas deze citaten aan of verantwoord de bevinding met een reden:\n{items}"
        ),
        "exports.error.format": "Onbekend exportformaat '{format}'. Kies uit: {choices}.",
        "exports.error.scan": "Scan '{name}' bestaat niet.",
        "exports.docx.title": "Citaten uit de interviews",
        "exports.docx.subtitle": "Weerbaarheidsscan ondermijning {organisation} — {scan}",
        "exports.docx.intro": (
            "Deze bijlage bevat de citaten uit de interviews, per pijler en thema geordend. "
            "Citaten zijn geanonimiseerd en waar nodig ingekort ([…]) of aangevuld ((…))."
        ),
        "exports.docx.empty": "Er staan nog geen citaten in de citatenmand.",
        "exports.docx.general_theme": "Algemeen",
        "exports.docx.charts": "Grafieken",
        "exports.col.interview": "Interview",
        "exports.col.date": "Datum",
        "exports.col.respondent": "Respondent",
        "exports.col.real_name": "Naam",
        "exports.col.role": "Functie",
        "exports.col.department": "Afdeling",
        "exports.col.pillar": "Pijler",
        "exports.col.theme": "Thema",
        "exports.col.theme_name": "Themanaam",
        "exports.col.fragment": "Fragment",
        "exports.col.fragment_id": "Fragment-id",
        "exports.col.start": "Begin",
        "exports.col.end": "Einde",
        "exports.col.confidence": "Zekerheid",
        "exports.col.status": "Status",
        "exports.col.coder": "Codeur",
        "exports.col.source": "Bron",
        "exports.col.memo": "Memo",
        "exports.sheet.fragments": "Gecodeerde fragmenten",
        "exports.status.suggested": "voorgesteld",
        "exports.status.accepted": "geaccepteerd",
        "exports.status.rejected": "afgewezen",
        "exports.source.auto": "automatisch",
        "exports.source.manual": "handmatig",
        # REFI-QDA (models/refiqda.py)
        "refiqda.error.invalid": "'{filename}' is geen geldig REFI-QDA-bestand: {error}",
        "refiqda.error.schema": "'{filename}' voldoet niet aan het REFI-QDA-schema: {error}",
        "refiqda.error.kind": "Kies een .qdpx- of .qdc-bestand, niet '{filename}'.",
        "refiqda.error.scan_exists": "Er bestaat al een scan met de naam '{name}'.",
        "refiqda.warning.source_type": "{count} bron(nen) van het type {kind} zijn niet overgenomen: {names}.",
        "refiqda.warning.no_text": "Bron '{name}' heeft geen platte tekst en is overgeslagen.",
        "refiqda.warning.element": "{count} element(en) {element} zijn niet overgenomen (Weerbaar kent dit niet).",
        "refiqda.warning.variable_type": (
            "Variabele '{name}' van type {kind} is niet overgenomen; alleen tekstvariabelen Functie en Afdeling."
        ),
        "refiqda.warning.variable": "Variabele '{name}' is niet overgenomen; alleen Functie en Afdeling.",
        "refiqda.warning.selection_outside": (
            "Selectie {start}–{end} in '{name}' valt buiten de antwoorden van respondenten en is overgeslagen."
        ),
        "refiqda.warning.selection_span": (
            "Selectie {start}–{end} in '{name}' loopt over meer dan één beurt; alleen het deel in de eerste beurt "
            "is overgenomen."
        ),
        "refiqda.warning.code_unknown": "Codering met onbekende code {guid} is overgeslagen.",
        "refiqda.warning.code_outside": (
            "Code '{name}' past niet in de vijf pijlers van Weerbaar en is samen met {count} codering(en) "
            "niet overgenomen."
        ),
        "refiqda.warning.source_coding": "{count} codering(en) op een hele bron zijn niet overgenomen.",
        "refiqda.warning.note_target": "{count} notitie(s) zonder bekend doel zijn niet overgenomen.",
        "refiqda.warning.codebook_only": (
            "Alleen omschrijvingen en kleuren van bekende codes zijn overgenomen; {count} onbekende code(s) niet."
        ),
        "refiqda.auto_coder": "Weerbaar automatische codeur",
        "refiqda.var.role": "Functie",
        "refiqda.var.department": "Afdeling",
        "refiqda.var.consent": "Toestemming",
        "refiqda.interviewer": "Interviewer",
        "refiqda.unknown_speaker": "Onbekend",
        # command line (models/commands/export.py, import.py)
        "cli.export.help": "Exporteer een scan naar Word, Excel, CSV, REFI-QDA-project (.qdpx) of codeboek (.qdc).",
        "cli.export.scan": "naam van de scan",
        "cli.export.format": "exportformaat",
        "cli.export.out": "pad van het bestand dat wordt geschreven",
        "cli.export.real_names": "met echte namen van respondenten (alleen beheerders; wordt gelogd)",
        "cli.export.done": "Geschreven: {path}",
        "cli.import.help": "Importeer een REFI-QDA-project (.qdpx) of codeboek (.qdc).",
        "cli.import.path": "pad van het .qdpx- of .qdc-bestand",
        "cli.import.scan": "naam van de nieuwe scan (standaard de projectnaam)",
        "cli.import.codebook_scan": "scan waarvan het codeboek wordt bijgewerkt (bij .qdc)",
        "cli.import.codebook_done": "Codeboek bijgewerkt: {count} code(s).",
        "cli.warning": "Let op: {warning}",
        "cli.error.file": "Het bestand '{path}' bestaat niet.",
        # the Citaten page (pages/quotes.py)
        "quotes.page.title": "Citaten",
        "quotes.page.no_scan": "Maak eerst een scan aan.",
        "quotes.page.no_permission": "U mag geen citaten beheren in deze scan.",
        "quotes.page.style": "Citeerstijl in het rapport",
        "quotes.page.style_saved": "Citeerstijl opgeslagen.",
        "quotes.page.add_header": "Fragment toevoegen",
        "quotes.page.search": "Zoek in geaccepteerde fragmenten",
        "quotes.page.fragment": "Fragment",
        "quotes.page.no_fragments": "Geen geaccepteerde fragmenten gevonden.",
        "quotes.page.pillar": "Pijler",
        "quotes.page.theme": "Thema",
        "quotes.page.no_theme": "(geen thema)",
        "quotes.page.add": "In de citatenmand",
        "quotes.page.added": "Citaat toegevoegd.",
        "quotes.page.basket": "Citatenmand",
        "quotes.page.empty": "De citatenmand is leeg.",
        "quotes.page.original": "Origineel fragment",
        "quotes.page.display": "Tekst in het rapport",
        "quotes.page.display_help": "Inkorten met […], aanvullen met (…), spelling verbeteren. Het origineel blijft bewaard.",
        "quotes.page.save": "Opslaan",
        "quotes.page.saved": "Citaat opgeslagen.",
        "quotes.page.up": "Omhoog",
        "quotes.page.down": "Omlaag",
        "quotes.page.remove": "Verwijderen",
        "quotes.page.removed": "Citaat verwijderd.",
        "quotes.page.preview": "Zo komt het in het rapport:",
        "quotes.page.finding": "Mogelijk persoonsgegeven: {label} ‘{text}’",
        "quotes.page.waived": "Verantwoord door {user}: {reason}",
        "quotes.page.reason": "Reden om dit te laten staan",
        "quotes.page.waive": "Laten staan",
        "quotes.page.waived_ok": "Bevinding verantwoord.",
        "quotes.page.exports": "Exporteren",
        "quotes.page.blocked": "Export van het rapport is geblokkeerd:",
        "quotes.page.real_names": "Met echte namen (wordt gelogd)",
        "quotes.page.download_docx": "Word (citatenbijlage)",
        "quotes.page.download_xlsx": "Excel (gecodeerde fragmenten)",
        "quotes.page.download_csv": "CSV (gecodeerde fragmenten)",
        "quotes.page.download_qdpx": "REFI-QDA-project (.qdpx)",
        "quotes.page.download_qdc": "Codeboek (.qdc)",
        "quotes.page.with_charts": "Grafieken uit het overzicht toevoegen aan het Word-bestand",
        "quotes.page.prepare": "Bestanden klaarmaken",
        "quotes.page.respondent": "Respondent",
    }
)

# --- live suggestions and topics (pages/topics) -------------------------------
T.update(
    {
        "live.probe": "Nog niet besproken: {theme} — {probe}",
        "live.jump": "Dit antwoord raakt sterk aan '{pillar}', dat later gepland staat. Nu naar die vragen gaan?",
        "live.title": "Suggestie van de assistent",
        "live.take": "Overnemen",
        "live.skip": "Niet nu",
        "live.not_relevant": "Niet relevant voor deze respondent",
        "live.background": "Het laatste antwoord wordt nog gecodeerd; suggesties verschijnen zo.",
        "live.touched": "Besproken thema's",
        "topics.title": "Thema's ontdekken",
        "topics.intro": (
            "Zoek onderwerpen in alle fragmenten van respondenten (BERTopic op de opgeslagen embeddings). "
            "Een onderwerp waarvan minstens de helft van de fragmenten geen thema uit het codeboek heeft "
            "(ongecodeerd, of alleen een pijler), mist het codeboek misschien: dat heet een mogelijk gat."
        ),
        "topics.selection": "Alleen deze interviews (leeg = hele scan)",
        "topics.run": "Onderwerpen zoeken",
        "topics.busy": "Onderwerpen worden gezocht…",
        "topics.done": "{topics} gevonden in {seconds} s.",
        "topics.none": "Nog geen onderwerpen gezocht voor deze scan.",
        "topics.summary": "{fragments}, {topics}, {outliers} zonder onderwerp.",
        "topics.topic": "{label} ({fragments})",
        "topics.gap": "mogelijk gat in het codeboek",
        "topics.coded": "Gecodeerd als: {coded}. Zonder thema: {without_theme} (ongecodeerd: {uncoded}). Nieuwheid: {novelty}.",
        "topics.pillar": "Onder pijler",
        "topics.theme_name": "Naam van het nieuwe thema",
        "topics.theme_description_label": "Omschrijving",
        "topics.make_theme": "Nieuw thema maken",
        "topics.theme_made": "Thema {code} gemaakt; {fragments} staan als voorstel klaar om te beoordelen.",
    }
)
T.update(
    {
        "topics.too_few": (
            "Te weinig fragmenten om onderwerpen te ontdekken: er zijn er {n}, "
            "er zijn er minstens {needed} nodig. Kies meer interviews of een grotere scan."
        ),
        "topics.bad_input": (
            "De invoer klopt niet: {fragments} fragmenten, {texts} teksten, {lemmas} lemma-teksten "
            "en {embeddings} embeddings. Die aantallen moeten gelijk zijn."
        ),
        "topics.progress.preparing": "Onderwerpmodel voorbereiden…",
        "topics.progress.reducing": "Dimensies verkleinen voor {fragments}…",
        "topics.progress.clustering": "Fragmenten clusteren…",
        "topics.progress.describing": "Onderwerpen beschrijven met kernwoorden…",
        "topics.progress.summarising": "Codes per onderwerp tellen…",
        "topics.progress.done": "Klaar: {topics}, {outliers} zonder onderwerp.",
        "topics.words_and": "{head} en {last}",
        "topics.no_words": "onderwerp {id}",
        "topics.theme_description": (
            "Nieuw thema uit onderwerpontdekking: {fragments}, waarvan {uncoded} nog niet "
            "gecodeerd. Kernwoorden: {words}."
        ),
        "topics.figure.barchart": "Kernwoorden per onderwerp",
        "topics.figure.map": "Onderwerpenkaart",
        "topics.figure.documents": "Fragmenten per onderwerp",
        "topics.figure.topic": "Onderwerp {id}: {label}",
        "topics.figure.outlier": "Geen onderwerp",
        "topics.figure.size": "Aantal fragmenten",
        "topics.figure.weight": "Gewicht (c-TF-IDF)",
        "topics.figure.axis": "Dimensie {n}",
        "topics.cli.help": "Ontdek onderwerpen in fragmenten uit een JSONL-bestand en druk ze af als JSON.",
        "topics.cli.jsonl": 'JSONL-bestand met per regel {"text": ...}.',
        "topics.cli.min_topic_size": "Minimale onderwerpgrootte (standaard: geschaald naar het aantal fragmenten).",
        "topics.cli.no_file": "Bestand niet gevonden: {path}",
        "topics.cli.bad_line": "Regel {line} in {path} is geen JSON met een tekst: {error}",
    }
)

# --- team use: login, roles, backup (pages/admin) -----------------------------
T.update(
    {
        # users service
        "users.error.password_short": "Een wachtwoord moet minstens {n} tekens lang zijn (spaties tellen niet mee).",
        "users.error.role": "Onbekende rol. Kies uit: {roles}.",
        "users.error.username": (
            "Een gebruikersnaam heeft 2 tot 100 tekens: letters, cijfers en . _ @ + - (geen spaties)."
        ),
        "users.error.exists": "De gebruiker '{username}' bestaat al.",
        "users.error.unknown": "De gebruiker '{username}' bestaat niet.",
        "users.error.inactive": "De gebruiker '{username}' is gedeactiveerd.",
        "users.error.first_admin": (
            "De eerste gebruiker moet een beheerder (admin) zijn, anders kan niemand meer gebruikers beheren."
        ),
        "users.error.last_admin": "Dit is de laatste actieve beheerder; maak eerst een andere gebruiker beheerder.",
        "users.error.scan": "Scan {scan_id} bestaat niet.",
        "role.interviewer": "Interviewer",
        "role.analyst": "Analist",
        "role.admin": "Beheerder",
        # login gate
        "auth.required": "U bent niet ingelogd. Open de startpagina van Weerbaar om in te loggen.",
        "auth.title": "Inloggen",
        "auth.intro": "Weerbaar wordt door een team gebruikt. Log in met uw gebruikersnaam en wachtwoord.",
        "auth.username": "Gebruikersnaam",
        "auth.password": "Wachtwoord",
        "auth.submit": "Inloggen",
        "auth.failed": "Onbekende gebruikersnaam of onjuist wachtwoord.",
        "auth.expired": "U was {minutes} minuten niet actief en bent uitgelogd. Log opnieuw in.",
        "auth.logout": "Uitloggen",
        "auth.logged_in_as": "Ingelogd als **{username}** ({role})",
        "auth.sso": "Inloggen met uw organisatie-account",
        "auth.sso_or": "of met gebruikersnaam en wachtwoord:",
        "auth.sso_unknown": (
            "Het account {email} is niet bekend in Weerbaar. Vraag een beheerder om een gebruiker "
            "met dit e-mailadres als gebruikersnaam aan te maken."
        ),
        "auth.mode.single": (
            "Eenpersoonsmodus: er zijn geen gebruikers ingesteld, dus u werkt als "
            "lokale beheerder zonder inloggen. Maak onder Beheer gebruikers aan om met een team te werken."
        ),
        "auth.mode.team": "Teammodus: ingelogd als {username} ({role}).",
        # admin page
        "admin.title": "Beheer",
        "admin.denied": "Alleen een beheerder (admin) kan deze pagina gebruiken.",
        "admin.tab.users": "Gebruikers",
        "admin.tab.events": "Logboek",
        "admin.tab.backup": "Back-up",
        "admin.users.none": "Er zijn nog geen gebruikers: de app draait in eenpersoonsmodus.",
        "admin.users.first_hint": (
            "De eerste gebruiker moet een beheerder zijn. Daarna vraagt elke pagina om in te loggen."
        ),
        "admin.users.new": "Nieuwe gebruiker",
        "admin.users.username": "Gebruikersnaam (of e-mailadres voor inloggen met organisatie-account)",
        "admin.users.display_name": "Naam",
        "admin.users.password": "Wachtwoord",
        "admin.users.role": "Rol",
        "admin.users.create": "Gebruiker aanmaken",
        "admin.users.created": "Gebruiker '{username}' is aangemaakt.",
        "admin.users.edit": "Gebruiker bewerken",
        "admin.users.choose": "Gebruiker",
        "admin.users.scans": "Toegewezen scans",
        "admin.users.save": "Rol en scans opslaan",
        "admin.users.saved": "Wijzigingen voor '{username}' zijn opgeslagen.",
        "admin.users.new_password": "Nieuw wachtwoord",
        "admin.users.reset": "Wachtwoord opnieuw instellen",
        "admin.users.reset_done": "Het wachtwoord van '{username}' is opnieuw ingesteld.",
        "admin.users.deactivate": "Deactiveren",
        "admin.users.activate": "Weer activeren",
        "admin.users.deactivated": "Gebruiker '{username}' is gedeactiveerd.",
        "admin.users.activated": "Gebruiker '{username}' is weer actief.",
        "admin.users.col.username": "Gebruikersnaam",
        "admin.users.col.name": "Naam",
        "admin.users.col.role": "Rol",
        "admin.users.col.active": "Actief",
        "admin.users.col.scans": "Scans",
        "admin.users.admin_all_scans": "Beheerders zien alle scans.",
        "admin.events.filter_action": "Actie",
        "admin.events.filter_user": "Gebruiker",
        "admin.events.filter_text": "Zoeken in entiteit of waarden",
        "admin.events.limit": "Maximaal aantal regels",
        "admin.events.none": "Geen gebeurtenissen gevonden.",
        "admin.events.export": "Logboek exporteren (CSV)",
        "admin.events.col.at": "Tijdstip (UTC)",
        "admin.events.col.user": "Gebruiker",
        "admin.events.col.action": "Actie",
        "admin.events.col.entity": "Entiteit",
        "admin.events.col.entity_id": "Id",
        "admin.events.col.scan_id": "Scan",
        "admin.events.col.before": "Voor",
        "admin.events.col.after": "Na",
        "admin.backup.intro": (
            "Een back-up is een volledige kopie van de database (SQLite: een .sqlite-bestand, PostgreSQL: een "
            "pg_dump-bestand). Bewaar back-ups even zorgvuldig als de database zelf: ze bevatten alle interviews."
        ),
        "admin.backup.make": "Back-up maken",
        "admin.backup.made": "Back-up gemaakt: {path}",
        "admin.backup.download": "Back-up downloaden",
        "admin.backup.list": "Bestaande back-ups in {folder}",
        "admin.backup.none": "Er zijn nog geen back-ups.",
        "admin.restore.title": "Back-up terugzetten",
        "admin.restore.upload": "Back-upbestand",
        "admin.restore.warning": (
            "Terugzetten vervangt ALLE huidige gegevens door de inhoud van de back-up. Vooraf wordt automatisch "
            "een back-up van de huidige toestand gemaakt."
        ),
        "admin.restore.confirm": "Ik begrijp dat alle huidige gegevens worden vervangen",
        "admin.restore.button": "Terugzetten",
        "admin.restore.done": "De back-up is teruggezet. Een kopie van de vorige toestand staat in {path}.",
        "admin.error": "Dat lukte niet: {error}",
        # backup service and command line
        "backup.error.format": "Dit bestand is geen back-up van Weerbaar voor deze database ({kind}).",
        "backup.error.tool": (
            "Het programma {tool} is niet gevonden. Installeer de PostgreSQL-clientprogramma's "
            "(Debian/Ubuntu: apt-get install postgresql-client)."
        ),
        "backup.error.failed": "{tool} is mislukt: {error}",
        "backup.error.missing": "Het bestand {path} bestaat niet.",
        "backup.cli.made": "Back-up gemaakt: {path}",
        "backup.cli.restored": "Teruggezet uit {path}; de vorige toestand staat in {previous}.",
        "backup.cli.confirm": "Alle huidige gegevens worden vervangen door {path}. Typ 'ja' om door te gaan: ",
        "backup.cli.cancelled": "Afgebroken; er is niets veranderd.",
        "migrate.cli.current": "Database {url}: versie {current}, nieuwste versie {head}.",
        "migrate.cli.uptodate": "De database is al bij.",
        "migrate.cli.done": "Bijgewerkt naar versie {head}.",
        "migrate.cli.backup": "Vooraf is een kopie gemaakt: {path}",
        "users.cli.password_prompt": "Wachtwoord voor {username}: ",
        "users.cli.password_again": "Nogmaals: ",
        "users.cli.password_mismatch": "De wachtwoorden zijn niet gelijk.",
        "users.cli.no_password": (
            "Geen wachtwoord: zet WEERBAAR_PASSWORD of start de opdracht in een terminal om het in te typen."
        ),
        "users.cli.created": "Gebruiker '{username}' ({role}) is aangemaakt.",
        "users.cli.assigned": "Gebruiker '{username}' is toegewezen aan scan {scan}.",
        "users.cli.unassigned": "Gebruiker '{username}' heeft geen toegang meer tot scan {scan}.",
        "users.cli.password_set": "Het wachtwoord van '{username}' is opnieuw ingesteld.",
        "users.cli.deactivated": "Gebruiker '{username}' is gedeactiveerd.",
        "users.cli.none": "Er zijn geen gebruikers (eenpersoonsmodus).",
        "users.cli.unknown_scan": "Onbekende scan: {scan}",
        "backup.cli.help": "Maak een back-up van de database (SQLite: online back-up, PostgreSQL: pg_dump).",
        "backup.cli.dir": "Map voor het back-upbestand (standaard: backups/ in de datamap).",
        "restore.cli.help": "Zet een back-up terug; alle huidige gegevens worden vervangen.",
        "restore.cli.file": "Het back-upbestand (.sqlite of .dump).",
        "restore.cli.yes": "Niet om bevestiging vragen.",
        "users.cli.help": "Beheer gebruikers en rollen (add, list, assign, passwd, deactivate).",
        "users.cli.name": "Gebruikersnaam.",
        "users.cli.role": "Rol: interviewer, analyst of admin.",
        "users.cli.display_name": "Volledige naam (optioneel).",
        "users.cli.scan": "Scan: id of naam.",
        "users.cli.remove": "Toewijzing intrekken in plaats van toevoegen.",
        "users.cli.list_header": "gebruikersnaam | rol | actief | scans",
        "migrate.cli.help": "Werk de database bij naar de nieuwste versie (met een back-up vooraf bij SQLite).",
    }
)
