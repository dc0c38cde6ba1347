"""The page "Actieplan en vervolgmeting" driven through AppTest."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from models import reports
from models import schema as s
from models.action_plan import list_actions, update_action
from models.action_sync import sync_from_report
from models.auth import LOCAL
from models.db import Database
from models.followup import create_followup
from models.interviews import add_turn
from models.scans import create_scan
from tests.factories import add_fragments, code_fragment, new_interview

PAGE = Path(__file__).resolve().parents[2] / "pages" / "followup.py"
TIMEOUT = 60


def _page(scan_id: int) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=TIMEOUT)
    at.session_state["scan_id"] = scan_id
    return at.run()


def _baseline(db: Database) -> int:
    scan_id = create_scan(db, LOCAL, name="nul", organisation="Gemeente Toets", kind="gemeente")
    report_id = reports.ensure_report(db, LOCAL, scan_id).id
    reports.add_recommendation(db, LOCAL, report_id, pillar="INF", title="Richt een meldpunt in")
    sync_from_report(db, LOCAL, scan_id)
    return scan_id


def test_followup_page_plan_of_a_nulmeting(db: Database) -> None:
    scan_id = _baseline(db)
    at = _page(scan_id)
    assert not at.exception
    assert at.header[0].value == "Actieplan en vervolgmeting"
    assert [tab.label for tab in at.tabs] == ["Actieplan", "Vervolgmeting aanmaken"]
    assert at.button(key="followup_plan_save") is not None
    editor = at.dataframe(key="followup_plan_editor").value
    assert editor[["number", "title", "status"]].values.tolist() == [[1, "Richt een meldpunt in", "gepland"]]


def test_followup_page_creates_the_followup(db: Database) -> None:
    scan_id = _baseline(db)
    at = _page(scan_id)
    at.text_input(key="followup_create_name").set_value("nul-vervolg")
    at.button[-1].click().run()
    assert not at.exception
    assert any("nul-vervolg" in m.value for m in at.success)
    with db.session() as session:
        assert session.scalar(select(s.Scan.baseline_scan_id).where(s.Scan.name == "nul-vervolg")) == scan_id


def test_followup_page_comparison_with_charts(db: Database) -> None:
    baseline = _baseline(db)
    update_action(db, LOCAL, list_actions(db, LOCAL, baseline)[0].id, status="gereed")
    followup = create_followup(db, LOCAL, baseline, name="vervolg")
    for scan_id, text in (
        (baseline, "Er is geen meldpunt."),
        (followup, "Het meldpunt werkt. Iedereen kent het meldpunt."),
    ):
        _, respondent_id, interview_id = new_interview(db, scan_id)
        turn = add_turn(db, LOCAL, interview_id, kind="answer", text=text, speaker_role="respondent",
                        respondent_id=respondent_id)  # fmt: skip
        for fragment_id in add_fragments(db, turn, scan_id, interview_id):
            code_fragment(db, fragment_id, "INF.meldpunt")
    at = _page(followup)
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["Vergelijking met de nulmeting", "Stellingen koppelen",
                                              "Actieplan van de nulmeting"]  # fmt: skip
    assert len(at.get("plotly_chart")) == 1  # the INF themes, nulmeting beside vervolgmeting
    shown = [d.value for d in at.dataframe]
    assert any("Richt een meldpunt in" in frame.to_string() and "gereed" in frame.to_string() for frame in shown)
    assert any("Er wachten geen stellingen" in i.value for i in at.info)


def test_followup_page_takes_over_the_report_recommendations(db: Database) -> None:
    scan_id = create_scan(db, LOCAL, name="nul", organisation="Gemeente Toets", kind="gemeente")
    report_id = reports.ensure_report(db, LOCAL, scan_id).id
    reports.add_recommendation(db, LOCAL, report_id, pillar="BEW", title="Stel een regisseur ondermijning aan")
    at = _page(scan_id)
    assert any("nog leeg" in i.value for i in at.info)
    at.button(key="followup_sync").click().run()
    assert not at.exception
    assert any("1 nieuwe actie(s) toegevoegd." in m.value for m in at.success)
    assert [a.title for a in list_actions(db, LOCAL, scan_id)] == ["Stel een regisseur ondermijning aan"]


def test_followup_page_statements_side_by_side_with_their_sentence(db: Database) -> None:
    from models.surveys import import_file

    baseline = _baseline(db)
    followup = create_followup(db, LOCAL, baseline, name="vervolg")
    labels = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]
    statement = "Ik weet waar ik signalen van ondermijning kan melden"
    for scan_id, counts in ((baseline, [10, 20, 30, 25, 15]), (followup, [2, 8, 20, 45, 25])):
        rows = [statement] + [label for label, n in zip(labels, counts, strict=True) for _ in range(n)]
        import_file(db, LOCAL, scan_id, "\n".join(rows).encode("utf-8"), "enquete.csv", name="Enquête", code=False)
    at = _page(followup)
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1  # the statement: nulmeting and vervolgmeting as two bars
    sentences = [x.value for x in at.text]
    assert any(
        sentence.startswith(
            f"Het aandeel dat het (helemaal) eens is met de stelling ‘{statement}’ steeg van 40 % "
            "(n=100) naar 70 % (n=100)."
        )  # fmt: skip
        for sentence in sentences
    )
