"""Layouts of the common survey tools: detection, header rows, grouping, dropped columns."""

from __future__ import annotations

from coding.survey.preview import build_preview, finalize
from tests.coding.survey_files import (
    AGREE,
    FORMS_FREQUENCY,
    FORMS_STATEMENTS,
    csv_bytes,
    google_rows,
    limesurvey_rows,
    lss_structure,
    microsoft_rows,
    microsoft_xlsx,
    qualtrics_rows,
    surveymonkey_rows,
)


def test_survey_layouts_qualtrics_three_rows() -> None:
    preview = build_preview(csv_bytes(qualtrics_rows()), "qualtrics.csv")
    assert preview.layout == "qualtrics"
    assert preview.n_respondents == 20  # the text and ImportId rows are no respondents
    dropped = {d.name: d.reason for d in preview.dropped}
    for name in ("IPAddress", "RecipientEmail", "LocationLatitude", "ResponseId", "StartDate", "RecipientFirstName"):
        assert name in dropped
    assert dropped["IPAddress"] == "ip"
    assert dropped["RecipientEmail"] == "email"
    grid = [q for q in preview.questions if q.group == "Q2"]
    assert [q.text for q in grid] == ["Ik ken de signalen van ondermijning", "Ik weet waar ik een vermoeden meld"]
    assert all(q.type == "likert" for q in grid)
    multi = preview.question("Q3")
    assert multi.type == "multi" and multi.items == ["Vergunningen", "Subsidies", "Inkoop"]
    assert preview.question("Q4").type == "open"


def test_survey_layouts_qualtrics_legacy_two_rows() -> None:
    rows = [["V1", "V2", "V3", "V8", "Q1"], ["ResponseID", "ResponseSet", "Name", "StartDate", "Bent u benaderd?"]]
    rows[0][0], rows[0][1] = "ResponseID", "ResponseSet"
    rows += [[f"R_{i}", "Default", "Anoniem", "2026-03-02 10:00:00", "Ja" if i % 3 == 0 else "Nee"] for i in range(12)]
    preview = build_preview(csv_bytes(rows), "oud.csv")
    assert preview.layout == "qualtrics_legacy"
    assert preview.n_respondents == 12
    assert [q.text for q in preview.questions] == ["Datum van invullen", "Bent u benaderd?"]  # V8: date kept, time not


def test_survey_layouts_surveymonkey_check_all_and_grid() -> None:
    preview = build_preview(csv_bytes(surveymonkey_rows()), "monkey.csv")
    assert preview.layout == "surveymonkey"
    assert {d.name for d in preview.dropped} >= {"Respondent ID", "IP Address", "Start Date"}
    multi = next(q for q in preview.questions if q.type == "multi")
    assert multi.text == "Welke taken voert u uit?"
    assert multi.items == ["Vergunningen", "Subsidies", "Inkoop"]
    grid = [q for q in preview.questions if q.group]
    assert [q.text for q in grid if q.type == "likert"] == ["Ik ken de signalen", "Ik weet waar ik meld"]
    survey = finalize(preview)
    answers = survey.answers[multi.code]
    assert answers[0] == [1, 2]  # respondent 0: Subsidies and Inkoop ticked


def test_survey_layouts_limesurvey_codes_with_structure_file() -> None:
    preview = build_preview(csv_bytes(limesurvey_rows()), "lime.csv", structure=lss_structure(), structure_name="s.lss")
    assert preview.layout == "limesurvey"
    department = preview.question("G1Q1")
    assert department.text == "Voor welke afdeling bent u werkzaam?"
    assert [o.label for o in department.options] == ["Financiën", "Vergunningen", "ICT", "Communicatie"]
    grid = [q for q in preview.questions if q.group == "G1Q2"]
    assert [q.text for q in grid] == ["Ik ken de signalen", "Ik weet waar ik meld"]
    assert grid[0].type == "likert" and [o.label for o in grid[0].valid_options()] == AGREE
    multi = preview.question("G1Q3")
    assert multi.type == "multi" and multi.items == ["Vergunningen", "Subsidies"]
    assert preview.question("G1Q4").type == "open"
    assert {"ipaddr", "submitdate", "seed", "id"} <= {d.name for d in preview.dropped}


def test_survey_layouts_limesurvey_full_texts_without_structure() -> None:
    preview = build_preview(csv_bytes(limesurvey_rows(full_text=True), sep=";"), "lime.csv")
    assert preview.layout == "limesurvey"
    grid = [q for q in preview.questions if q.group == "Stellingen"]
    assert len(grid) == 2 and grid[0].type == "likert"
    multi = preview.question("Taken")
    assert multi.type == "multi"


def test_survey_layouts_google_forms_grid_and_joined_choices() -> None:
    preview = build_preview(csv_bytes(google_rows()), "google.csv")
    assert preview.layout == "google_forms"
    assert {d.name: d.reason for d in preview.dropped} == {"Tijdstempel": "time_part", "E-mailadres": "email"}
    grid = [q for q in preview.questions if q.group == "Stellingen"]
    assert [q.text for q in grid] == ["Ik ken de signalen", "Ik weet waar ik meld"]
    assert [o.label for o in grid[1].options if o.missing] == ["Weet ik niet"]
    multi = next(q for q in preview.questions if q.text == "Welke taken voert u uit?")
    assert multi.type == "multi" and multi.delimiter == ", "
    assert next(q for q in preview.questions if q.text.startswith("Hoeveel jaar")).type == "numeric"
    open_question = next(q for q in preview.questions if q.text.startswith("Kunt u"))
    survey = finalize(preview)
    assert survey.answers[open_question.code][0] == 'Vaker praten over "dilemma\'s", ook met het bestuur.'


def test_survey_layouts_microsoft_forms() -> None:
    preview = build_preview(csv_bytes(microsoft_rows()), "forms.csv")
    assert preview.layout == "microsoft_forms"
    assert {"ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam"} <= {d.name for d in preview.dropped}
    frequency = next(q for q in preview.questions if q.text == "Hoe vaak komt dit voor?")
    assert frequency.type == "likert" and frequency.scale == "frequency"
    assert [o.label for o in frequency.options] == ["Nooit", "Soms", "Vaak", "Altijd"]
    multi = next(q for q in preview.questions if q.text == "Welke taken voert u uit?")
    assert multi.type == "multi" and multi.delimiter == ";"
    assert next(q for q in preview.questions if q.text.startswith("Datum")).type == "date"
    survey = finalize(preview)
    assert survey.answers[multi.code][1] == sorted(
        [o.label for o in multi.options].index(label) for label in ("Subsidies", "Inkoop")
    )
    assert survey.respondents[0].pseudonym == "E001" and survey.respondents[0].department == "Financiën"


def test_survey_layouts_microsoft_forms_workbook_keeps_statements_grouped() -> None:
    for named in (False, True):
        preview = build_preview(microsoft_xlsx(named=named), "Enquête integriteit(1-30).xlsx")
        assert preview.layout == "microsoft_forms" and preview.n_respondents == 30
        dropped = {d.name: d.reason for d in preview.dropped}
        assert dropped["ID"] == "id" and dropped["Email"] == "email"
        assert dropped["Name"] == "name"
        assert dropped["Completion time"] == "time_part" and dropped["Start time"] == "timestamp_extra"
        grids: dict[str, list[str]] = {}
        for spec in preview.questions:
            if spec.group:
                grids.setdefault(spec.group, []).append(spec.text)
        # Forms exports each statement under its own text only; adjacent statements on one scale form one grid
        assert sorted(grids.values()) == sorted([FORMS_STATEMENTS, FORMS_FREQUENCY])
        agree_grid = next(q for q in preview.questions if q.text == FORMS_STATEMENTS[0])
        assert agree_grid.group_text == "Stellingen" and [o.label for o in agree_grid.valid_options()] == AGREE
        rating = next(q for q in preview.questions if q.text.startswith("Hoe tevreden"))
        assert rating.group is None  # a rating (1-5) next to a grid is its own question
        assert next(q for q in preview.questions if q.text.startswith("Welke onderwerpen")).type == "multi"
        survey = finalize(preview)
        stored = repr(survey.answers) + repr(survey.respondents)
        assert "@gemeente.nl" not in stored and "Medewerker" not in stored and "anonymous" not in stored
        assert ":" not in "".join(a for a in survey.answers[preview.questions[0].code] if a)  # no time of day
        assert survey.answers[preview.questions[0].code][:2] == ["2026-03-02", "2026-03-03"]


def test_survey_layouts_question_about_email_is_kept_but_email_answers_are_dropped() -> None:
    rows = [["Heeft u weleens een verdachte e-mail ontvangen op uw werk?", "Wat is uw e-mailadres?", "Contact"]]
    rows += [["Ja" if i % 3 else "Nee", f"naam{i}@organisatie.nl", f"naam{i}@organisatie.nl"] for i in range(10)]
    preview = build_preview(csv_bytes(rows), "vragen.csv")
    assert [q.text for q in preview.questions] == ["Heeft u weleens een verdachte e-mail ontvangen op uw werk?"]
    assert {d.name: d.reason for d in preview.dropped} == {"Wat is uw e-mailadres?": "email", "Contact": "email"}


def test_survey_layouts_old_lss_with_texts_in_the_rows() -> None:
    from coding.survey.layouts import read_lss

    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><document><LimeSurveyDocType>Survey</LimeSurveyDocType>'
        b"<languages><language>nl</language></languages><questions><rows>"
        b"<row><qid>7</qid><parent_qid>0</parent_qid><type>L</type><title>Q1</title>"
        b"<question><![CDATA[<b>Bent u weleens benaderd?</b>]]></question><language>nl</language></row>"
        b"</rows></questions><answers><rows>"
        b"<row><qid>7</qid><code>A2</code><answer>Nee</answer><sortorder>2</sortorder><language>nl</language></row>"
        b"<row><qid>7</qid><code>A1</code><answer>Ja</answer><sortorder>1</sortorder><language>nl</language></row>"
        b"</rows></answers></document>"
    )
    structure = read_lss(xml)
    assert structure.questions["Q1"].text == "Bent u weleens benaderd?"
    assert structure.answers["Q1"] == [("A1", "Ja"), ("A2", "Nee")]


def test_survey_layouts_lss_with_entity_expansion_is_refused() -> None:
    import pytest

    from coding.survey.errors import SurveyError
    from coding.survey.layouts import read_lss

    bomb = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><document>&b;</document>'
    with pytest.raises(SurveyError) as caught:
        read_lss(bomb, "bom.lss")
    assert caught.value.code == "lss"
