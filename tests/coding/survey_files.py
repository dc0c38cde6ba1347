"""Builders of survey exports in the layouts of the common tools (written fresh for the tests)."""

from __future__ import annotations

import csv
import io
import json

AGREE = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]
DEPARTMENTS = ["Financiën", "Vergunningen", "ICT", "Communicatie"]


def csv_bytes(rows: list[list[str]], *, sep: str = ",", encoding: str = "utf-8", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def agree(i: int) -> str:
    return AGREE[(i * 7) % 5]


def qualtrics_rows(n: int = 20) -> list[list[str]]:
    names = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
             "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
             "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage",
             "Q1", "Q2_1", "Q2_2", "Q3_1", "Q3_2", "Q3_3", "Q4"]  # fmt: skip
    texts = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished",
             "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email",
             "External Data Reference", "Location Latitude", "Location Longitude", "Distribution Channel", "User Language",
             "Voor welke afdeling bent u werkzaam?",
             "Stellingen - Ik ken de signalen van ondermijning", "Stellingen - Ik weet waar ik een vermoeden meld",
             "Welke taken voert u uit? - Selected Choice - Vergunningen",
             "Welke taken voert u uit? - Selected Choice - Subsidies",
             "Welke taken voert u uit? - Selected Choice - Inkoop",
             "Kunt u toelichten wat nodig is?"]  # fmt: skip
    ids = [json.dumps({"ImportId": name}) for name in names]
    rows = [names, texts, ids]
    for i in range(n):
        rows.append([
            "2026-03-02 09:12:00", "2026-03-02 09:20:00", "IP Address", f"84.25.{i}.7", "100", "480", "True",
            "2026-03-02 09:20:01", f"R_{i:04d}abcd", "Jansen", "Piet", f"p{i}@voorbeeld.nl", "", "53.21",
            "6.56", "anonymous", "NL", DEPARTMENTS[i % 4], agree(i), agree(i + 2),
            "1" if i % 2 else "", "1" if i % 3 == 0 else "", "1",
            "Meer trainingen over signalen in ons eigen werk." if i % 5 == 0 else "",
        ])  # fmt: skip
    return rows


def surveymonkey_rows(n: int = 20) -> list[list[str]]:
    row1 = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
            "Last Name", "Voor welke afdeling bent u werkzaam?", "Welke taken voert u uit?", "", "",
            "In hoeverre bent u het eens met de stellingen?", "", "Opmerkingen"]  # fmt: skip
    row2 = ["", "", "", "", "", "", "", "", "Response", "Vergunningen", "Subsidies", "Inkoop",
            "Ik ken de signalen", "Ik weet waar ik meld", "Open-Ended Response"]  # fmt: skip
    rows = [row1, row2]
    for i in range(n):
        rows.append([
            str(11400000000 + i), "4050", "03/02/2026 09:12:00 AM", "03/02/2026 09:20:00 AM", f"10.0.0.{i}", "", "", "",
            DEPARTMENTS[i % 4], "Vergunningen" if i % 2 else "", "Subsidies" if i % 3 == 0 else "", "Inkoop",
            agree(i), agree(i + 1) if i % 4 else "", "Goed initiatief, graag vaker zo'n enquête." if i % 6 == 0 else "",
        ])  # fmt: skip
    return rows


def limesurvey_rows(n: int = 20, *, full_text: bool = False) -> list[list[str]]:
    if full_text:
        header = ["ID van antwoord", "Datum verstuurd", "Laatste pagina", "Starttaal", "Seed", "IP-adres",
                  "Afdeling", "Stellingen [Ik ken de signalen]", "Stellingen [Ik weet waar ik meld]",
                  "Taken [Vergunningen]", "Taken [Subsidies]", "Toelichting"]  # fmt: skip
    else:
        header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "ipaddr", "G1Q1", "G1Q2[SQ001]",
                  "G1Q2[SQ002]", "G1Q3[SQ001]", "G1Q3[SQ002]", "G1Q4"]  # fmt: skip
    rows = [header]
    for i in range(n):
        if full_text:
            answers = [DEPARTMENTS[i % 4], agree(i), agree(i + 3), "Ja" if i % 2 else "", "Ja" if i % 3 == 0 else ""]
        else:
            answers = [f"A{i % 4 + 1}", f"AO{(i * 7) % 5 + 1}", f"AO{((i + 3) * 7) % 5 + 1}", "Y" if i % 2 else "",
                       "Y" if i % 3 == 0 else ""]  # fmt: skip
        rows.append([str(i + 1), "2026-03-02 10:00:00", "3", "nl", str(1000 + i), "0.0.0.0", *answers,
                     "Meer aandacht voor signalen bij vergunningen." if i % 4 == 0 else ""])  # fmt: skip
    return rows


def lss_structure() -> bytes:
    """A LimeSurvey 4+ structure file (question_l10ns/answer_l10ns) for :func:`limesurvey_rows`."""
    questions = [("1", "0", "L", "G1Q1", "Voor welke afdeling bent u werkzaam?"),
                 ("2", "0", "F", "G1Q2", "In hoeverre bent u het eens met de stellingen?"),
                 ("3", "0", "M", "G1Q3", "Welke taken voert u uit?"),
                 ("4", "0", "T", "G1Q4", "Kunt u toelichten wat nodig is?")]  # fmt: skip
    subs = [("21", "2", "T", "SQ001", "Ik ken de signalen"), ("22", "2", "T", "SQ002", "Ik weet waar ik meld"),
            ("31", "3", "T", "SQ001", "Vergunningen"), ("32", "3", "T", "SQ002", "Subsidies")]  # fmt: skip
    answers = [("1", str(k + 1), f"A{k + 1}", DEPARTMENTS[k]) for k in range(4)]
    answers += [("2", str(k + 10), f"AO{k + 1}", AGREE[k]) for k in range(5)]

    def row(fields: dict[str, str]) -> str:
        return "<row>" + "".join(f"<{k}><![CDATA[{v}]]></{k}>" for k, v in fields.items()) + "</row>"

    xml = ['<?xml version="1.0" encoding="UTF-8"?><document><LimeSurveyDocType>Survey</LimeSurveyDocType>',
           "<DBVersion>600</DBVersion><languages><language>nl</language></languages>"]  # fmt: skip
    xml.append(
        "<questions><rows>"
        + "".join(row({"qid": q, "parent_qid": p, "type": t, "title": c}) for q, p, t, c, _ in questions)
        + "</rows></questions>"
    )
    xml.append(
        "<subquestions><rows>"
        + "".join(row({"qid": q, "parent_qid": p, "type": t, "title": c}) for q, p, t, c, _ in subs)
        + "</rows></subquestions>"
    )
    xml.append(
        "<question_l10ns><rows>"
        + "".join(row({"qid": q, "question": f"<p>{x}</p>", "language": "nl"}) for q, _, _, _, x in questions + subs)
        + "</rows></question_l10ns>"
    )
    xml.append(
        "<answers><rows>"
        + "".join(row({"aid": a, "qid": q, "code": c, "sortorder": a}) for q, a, c, _ in answers)
        + "</rows></answers>"
    )
    xml.append(
        "<answer_l10ns><rows>"
        + "".join(row({"aid": a, "answer": x, "language": "nl"}) for _, a, _, x in answers)
        + "</rows></answer_l10ns>"
    )
    xml.append("</document>")
    return "".join(xml).encode("utf-8")


def google_rows(n: int = 20) -> list[list[str]]:
    rows = [["Tijdstempel", "E-mailadres", "Voor welke afdeling bent u werkzaam?",
             "Stellingen [Ik ken de signalen]", "Stellingen [Ik weet waar ik meld]", "Welke taken voert u uit?",
             "Hoeveel jaar werkt u hier?", "Kunt u toelichten wat nodig is?"]]  # fmt: skip
    combos = ["Vergunningen", "Subsidies", "Vergunningen, Subsidies", "Inkoop", "Subsidies, Inkoop"]
    for i in range(n):
        rows.append([f"2026/03/02 9:{i:02d}:11 n.m. CET", f"m{i}@gmail.com", DEPARTMENTS[i % 4], agree(i),
                     "Weet ik niet" if i % 7 == 0 else agree(i + 1), combos[i % 5], str(i % 30 + 1),
                     "Vaker praten over \"dilemma's\", ook met het bestuur." if i % 5 == 0 else ""])  # fmt: skip
    return rows


def microsoft_rows(n: int = 20) -> list[list[str]]:
    rows = [["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam", "Afdeling", "Hoe vaak komt dit voor?",
             "Welke taken voert u uit?", "Datum van de laatste training"]]  # fmt: skip
    freq = ["Nooit", "Soms", "Vaak", "Altijd"]
    for i in range(n):
        rows.append([str(i + 1), "3-2-2026 09:12:04", "3-2-2026 09:15:40", "anonymous", "", DEPARTMENTS[i % 4],
                     freq[i % 4], ["Vergunningen;", "Subsidies;Inkoop;", "Vergunningen;Inkoop;", "Inkoop;"][i % 4],
                     f"2025-{i % 12 + 1:02d}-15"])  # fmt: skip
    return rows


FORMS_STATEMENTS = ["Ik weet wat ondermijning inhoudt", "Ik weet waar ik een vermoeden van ondermijning meld",
                    "In mijn team bespreken we integriteitsdilemma's"]  # fmt: skip
FORMS_FREQUENCY = ["Ik word onder druk gezet bij een besluit", "Ik krijg een cadeau aangeboden"]


def microsoft_xlsx(n: int = 30, *, named: bool = False) -> bytes:
    """A Microsoft Forms workbook as Forms writes it: ``ID``, ``Start time``, ``Completion time``,
    ``Email``, ``Name`` (``anonymous`` and empty for an anonymous form), ``Last modified time``; a
    Likert question as one column per statement headed by the statement alone; date cells as
    Excel dates; several answers in one cell as ``a;b;``."""
    from datetime import datetime, timedelta

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
                  "Bij welke afdeling werkt u?", *FORMS_STATEMENTS, *FORMS_FREQUENCY,
                  "Hoe tevreden bent u over de meldprocedure?", "Welke onderwerpen wilt u in een training?",
                  "Kunt u toelichten wat u nodig heeft?"])  # fmt: skip
    frequency = ["Nooit", "Soms", "Vaak", "Altijd"]
    topics = ["Signalen herkennen;", "Melden;Bibob;", "Signalen herkennen;Melden;", "Bibob;"]
    for i in range(n):
        start = datetime(2026, 3, 2, 8, 30) + timedelta(days=i % 9, minutes=17 * i)
        sheet.append([
            i + 1, start, start + timedelta(minutes=6, seconds=41), f"m{i}@gemeente.nl" if named else "anonymous",
            f"Medewerker {i}" if named else None, None, DEPARTMENTS[i % 4], agree(i), agree(i + 1),
            agree(i + 2) if i % 6 else None, frequency[i % 4], frequency[(i * 3) % 4], (i % 5) + 1, topics[i % 4],
            "Meer uitleg over waar je terechtkunt met twijfels." if i % 7 == 0 else None,
        ])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
