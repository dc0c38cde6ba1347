"""The survey screen: upload → preview → import, figures with n, break-downs, refusals in Dutch."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from coding.survey.demo import demo_survey_csv
from models import schema as s
from models import surveys
from models.auth import LOCAL, Actor
from models.db import Database
from models.scans import create_scan
from tests.coding.survey_files import csv_bytes, google_rows

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "survey.py")


def _page(scan_id: int | None = None, actor: Actor | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=180)
    if scan_id is not None:
        at.session_state["scan_id"] = scan_id
    if actor is not None:
        at.session_state["actor"] = actor
    return at.run()


def _scan(db: Database) -> int:
    return create_scan(db, LOCAL, name="enquête", organisation="Gemeente Test", kind="gemeente")


def test_survey_page_without_scan_says_what_to_do(db: Database) -> None:
    at = _page()
    assert not at.exception
    assert any("Maak eerst een scan aan" in info.value for info in at.info)


def test_survey_page_upload_preview_and_import(db: Database) -> None:
    scan_id = _scan(db)
    at = _page(scan_id)
    at.get("file_uploader")[0].upload("antwoorden.csv", csv_bytes(google_rows(24)), "text/csv").run()
    assert not at.exception
    assert any("Google Formulieren" in box.value and "24 respondenten" in box.value for box in at.success)
    dropped = at.dataframe[0].value
    assert set(dropped["Kolom"]) == {"Tijdstempel", "E-mailadres"}
    assert "e-mailadres (persoonsgegeven)" in set(dropped["Reden"])
    reason = dict(zip(dropped["Kolom"], dropped["Reden"], strict=True))["Tijdstempel"]
    assert "tijd van de dag weggelaten" in reason and "alleen de datum is bewaard" in reason
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(s.Survey)) == 0  # nothing stored yet
    at.button(key="survey_import_button").click().run()
    assert not at.exception
    assert any(box.value.startswith("Geïmporteerd: 24 respondenten") for box in at.success)
    (info,) = surveys.list_surveys(db, LOCAL, scan_id)
    assert info.name == "antwoorden" and info.respondents == 24


def test_survey_page_bad_file_gets_a_dutch_error_and_stores_nothing(db: Database) -> None:
    scan_id = _scan(db)
    at = _page(scan_id)
    at.get("file_uploader")[0].upload("export.xlsx", b"PK\x03\x04 kapot", "application/octet-stream").run()
    assert not at.exception
    assert any("beschadigd" in error.value for error in at.error)
    assert not surveys.list_surveys(db, LOCAL, scan_id)


def test_survey_page_results_show_sentences_n_and_protected_breakdowns(db: Database) -> None:
    scan_id = _scan(db)
    surveys.import_file(db, LOCAL, scan_id, demo_survey_csv(), "demo.csv", code=False)
    at = _page(scan_id)
    assert not at.exception
    texts = [m.value.replace("\\", "") for m in at.markdown]  # as rendered: the escapes disappear
    assert any("is het (helemaal) eens met de stelling" in text and "n=" in text for text in texts)
    assert any(c.value.startswith("n = ") for c in at.caption)
    at.selectbox(key="survey_results_breakdown").set_value("department").run()
    assert not at.exception
    assert any("Afdeling" in expander.label for expander in at.expander)


def test_survey_page_small_department_is_not_shown(db: Database) -> None:
    rows = [["Voor welke afdeling werkt u?", "Bent u weleens benaderd?"]]
    rows += [["Financiën", "Ja" if i % 4 == 0 else "Nee"] for i in range(20)] + [
        ["Juridisch", "Ja"],
        ["Juridisch", "Nee"],
    ]
    rows += [["ICT", "Nee"] for _ in range(8)]
    scan_id = _scan(db)
    surveys.import_file(db, LOCAL, scan_id, csv_bytes(rows), "klein.csv", code=False)
    at = _page(scan_id)
    at.selectbox(key="survey_results_breakdown").set_value("department").run()
    assert not at.exception
    frames = [frame.value for frame in at.dataframe]
    table = next(frame for frame in frames if "groep" in frame.columns and "Juridisch" in set(frame["groep"]))
    juridisch = table[table["groep"] == "Juridisch"].iloc[0]
    assert juridisch["Opmerking"] == "te weinig respondenten"
    assert juridisch.get("Ja", "") == ""  # no percentages for the small group
    ict = table[table["groep"] == "ICT"].iloc[0]
    assert ict["Opmerking"] == "niet getoond (anders herleidbaar)"


def test_survey_page_is_closed_to_interviewers(db: Database) -> None:
    scan_id = _scan(db)
    at = _page(scan_id, Actor("iris", "interviewer", frozenset({scan_id})))
    assert not at.exception
    assert any("Alleen analisten en beheerders" in info.value for info in at.info)
