"""Submission timestamps: the date is kept as a date question, the time of day is left out."""

from __future__ import annotations

import pandas as pd

from coding.survey.preview import build_preview, finalize
from coding.survey.stamps import date_part
from tests.coding.survey_files import csv_bytes, limesurvey_rows, qualtrics_rows, surveymonkey_rows


def test_survey_stamps_date_part_reads_the_tools_formats() -> None:
    cells = {
        "2026-03-02 09:12:00": "2026-03-02",  # Qualtrics, LimeSurvey
        "2026-03-02T09:12:00.000Z": "2026-03-02",  # SPSS/ISO
        "2026/03/02 9:12:11 p.m. CET": "2026-03-02",  # Google Forms
        "": "",
        "geen datum": "",
    }
    assert date_part(pd.Series(list(cells))).tolist() == list(cells.values())
    dutch = date_part(pd.Series(["3-2-2026 09:12:04", "28-2-2026 10:00:00"]))  # Forms/Excel in Dutch: day first
    assert dutch.tolist() == ["2026-02-03", "2026-02-28"]
    us = date_part(pd.Series(["03/02/2026 09:12:00 AM", "03/04/2026 01:00:00 PM"]))  # SurveyMonkey: month first
    assert us.tolist() == ["2026-03-02", "2026-03-04"]
    month_first = date_part(pd.Series(["9/20/24 19:04:01", "9/2/24 19:05:48"]))  # a part above 12 decides
    assert month_first.tolist() == ["2024-09-20", "2024-09-02"]
    assert date_part(pd.Series(["46083.3784722222"])).tolist() == ["2026-03-02"]  # Excel serial number
    assert date_part(pd.Series(["31-2-2026 10:00"])).tolist() == [""]  # no such day
    assert date_part(pd.Series(["1980-01-01 00:00:00"])).tolist() == [""]  # LimeSurvey, anonymised answers


def test_survey_stamps_qualtrics_keeps_one_completion_date() -> None:
    rows = qualtrics_rows(6)
    rows[3 + 2][7] = ""  # respondent 2 has no RecordedDate: the EndDate's day is used
    rows[3 + 2][1] = "2026-03-05 23:59:00"
    preview = build_preview(csv_bytes(rows), "qualtrics.csv")
    reasons = {d.name: d.reason for d in preview.dropped}
    assert reasons["RecordedDate"] == "time_part"
    assert reasons["StartDate"] == reasons["EndDate"] == "timestamp_extra"
    assert reasons["Duration (in seconds)"] == "duration"
    (stamp,) = [q for q in preview.questions if q.type == "date"]
    assert stamp.text == "Datum van invullen"
    survey = finalize(preview)
    assert survey.answers[stamp.code] == ["2026-03-02", "2026-03-02", "2026-03-05", "2026-03-02", "2026-03-02",
                                          "2026-03-02"]  # fmt: skip
    held = "".join(str(column.values.tolist()) for column in preview.source.columns)
    assert "09:12" not in held and "09:20" not in held and "23:59" not in held  # the time is gone from memory too
    assert "@voorbeeld.nl" not in held and "84.25." not in held  # and so is what was left out


def test_survey_stamps_other_layouts_and_the_reason_shown() -> None:
    monkey = build_preview(csv_bytes(surveymonkey_rows(8)), "monkey.csv")
    reasons = {d.name: d for d in monkey.dropped}
    assert reasons["End Date"].reason == "time_part" and reasons["Start Date"].reason == "timestamp_extra"
    assert "alleen de datum is bewaard" in reasons["End Date"].reason_text
    lime = build_preview(csv_bytes(limesurvey_rows(8)), "lime.csv")
    (stamp,) = [q for q in lime.questions if q.type == "date"]
    assert finalize(lime).answers[stamp.code][0] == "2026-03-02"
    anonymised = limesurvey_rows(8)
    for row in anonymised[1:]:
        row[1] = "1980-01-01 00:00:00"
    quiet = build_preview(csv_bytes(anonymised), "lime.csv")
    assert not [q for q in quiet.questions if q.type == "date"]
    assert {d.name: d.reason for d in quiet.dropped}["submitdate"] == "timestamp"


def test_survey_stamps_a_date_time_question_keeps_its_date() -> None:
    rows = [["Wanneer bent u voor het laatst benaderd?", "Bent u benaderd?"]]
    rows += [[f"{i + 1}-2-2026 1{i % 10}:30", "Ja" if i % 2 else "Nee"] for i in range(12)]
    preview = build_preview(csv_bytes(rows), "vragen.csv")
    spec = preview.question("datum")
    assert spec.type == "date" and spec.text == "Wanneer bent u voor het laatst benaderd?"
    assert {d.name: d.reason for d in preview.dropped} == {"Wanneer bent u voor het laatst benaderd?": "time_part"}
    assert preview.questions[1].code == "V1"  # the other questions keep their codes
    assert finalize(preview).answers["datum"][:2] == ["2026-02-01", "2026-02-02"]
