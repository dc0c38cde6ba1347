"""The interview chat screen, driven through AppTest against a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from models import schema as s
from models.auth import LOCAL
from models.content import latest_guide
from models.db import Database
from models.events import list_events
from models.interviews import add_turn, create_interview, get_interview, list_turns
from models.scans import add_respondent, create_scan, list_respondents, scan_by_name

PAGES = Path(__file__).resolve().parents[2] / "pages"
TIMEOUT = 60


def _page(name: str, scan_id: int | None = None, interview_id: int | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGES / name), default_timeout=TIMEOUT)
    if scan_id is not None:
        at.session_state["scan_id"] = scan_id
    if interview_id is not None:
        at.session_state["interview_id"] = interview_id
    return at.run()


def _scan(db: Database, roles: tuple[str, ...] = ("afdelingshoofd",)) -> tuple[int, list[int]]:
    scan_id = create_scan(db, LOCAL, name="Toets", organisation="Gemeente Toets", kind="gemeente")
    ids = [add_respondent(db, LOCAL, scan_id, role=role, department="Afdeling").id for role in roles]
    return scan_id, ids


def _turns(db: Database, interview_id: int) -> list[s.Turn]:
    return list_turns(db, interview_id)


def _answer(at: AppTest, text: str) -> AppTest:
    return at.chat_input(key="interview_answer").set_value(text).run()


def test_scans_page_creates_scan_and_respondents(db: Database) -> None:
    at = _page("scans.py")
    at.text_input(key="scans_name").input("Scan Veenwold")
    at.text_input(key="scans_organisation").input("Gemeente Veenwold")
    at.selectbox(key="scans_kind").select("gemeente")
    at.button[0].click().run()
    scan = scan_by_name(db, "Scan Veenwold")
    assert scan is not None and scan.organisation == "Gemeente Veenwold"

    at.selectbox(key="scans_role").select("Bibob-coördinator")
    at.text_input(key="scans_department").input("Juridische Zaken")
    at.radio(key="scans_consent").set_value("anoniem")
    at.text_input(key="scans_real_name").input("Jan de Vries")
    at.button[1].click().run()
    assert not at.exception
    (respondent,) = list_respondents(db, LOCAL, scan.id)
    assert (respondent.code, respondent.role, respondent.consent) == ("R01", "Bibob-coördinator", "anoniem")
    assert respondent.real_name == "Jan de Vries"
    assert "Jan de Vries" in at.dataframe[0].value.to_string()


def test_interview_page_individual_flow_stores_every_step(db: Database) -> None:
    scan_id, (respondent_id,) = _scan(db)
    interview_id = create_interview(
        db,
        LOCAL,
        scan_id,
        title="Gesprek",
        kind="individueel",
        date="2026-03-01",
        interviewer="Onderzoeker",
        participant_ids=[respondent_id],
    )
    at = _page("interview.py", scan_id, interview_id)
    assert not at.exception
    opening = latest_guide(db)[1].opening
    assert _turns(db, interview_id)[0].question_id == opening.id  # opening asked on open

    _answer(at, "Ik werk hier twaalf jaar.")  # Enter stores the answer and asks the next question
    first = _turns(db, interview_id)[-1]
    assert first.kind == "question" and first.text in [element.value for element in at.text]  # on screen at once
    _answer(at, "Ondermijning is criminaliteit die de overheid aantast.")
    second = _turns(db, interview_id)[-1]
    assert second.kind == "question" and second.question_id != first.question_id
    at.button(key="interview_skip").click().run()
    turns = _turns(db, interview_id)
    assert [t.kind for t in turns[-2:]] == ["skip", "question"]
    skipped_question = turns[-1].question_id
    at.button(key="interview_back").click().run()
    back = _turns(db, interview_id)[-1]
    assert back.kind == "question" and back.question_id == second.question_id
    _answer(at, "We hebben geen meldpunt.")
    at.text_input(key=f"interview_own_text_{interview_id}").input("Hoe gaat u om met bedreigingen?")
    at.button(key="interview_own_ask").click().run()
    _answer(at, "Die melden we altijd bij de teamleider.")
    assert not at.exception

    turns = _turns(db, interview_id)
    own = next(t for t in turns if t.kind == "own")
    answers = [t for t in turns if t.kind == "answer"]
    assert [a.question_id for a in answers] == [
        opening.id,
        first.question_id,
        second.question_id,
        f"EIGEN-{own.seq}",
    ]
    assert own.text == "Hoe gaat u om met bedreigingen?"
    assert all(a.respondent_id == respondent_id for a in answers)
    assert skipped_question not in {a.question_id for a in answers}
    assert [t.seq for t in turns] == list(range(1, len(turns) + 1))


def test_interview_page_group_interview_records_speakers(db: Database) -> None:
    scan_id, (first, second) = _scan(db, ("afdelingshoofd", "vertrouwenspersoon"))
    interview_id = create_interview(
        db,
        LOCAL,
        scan_id,
        title="Groep",
        kind="groep",
        date="2026-03-02",
        interviewer="O",
        participant_ids=[first, second],
    )
    at = _page("interview.py", scan_id, interview_id)
    speaker = at.radio(key=f"interview_speaker_{interview_id}")
    speaker.set_value(second).run()
    _answer(at, "Als vertrouwenspersoon hoor ik veel.")
    _answer(at, "Dat herken ik ook.")  # the selector remembers the last speaker
    at.radio(key=f"interview_speaker_{interview_id}").set_value(first).run()
    _answer(at, "Bij ons op de afdeling minder.")
    answers = [t for t in _turns(db, interview_id) if t.kind == "answer"]
    assert [a.respondent_id for a in answers] == [second, second, first]


def test_interview_page_resumes_in_a_new_session(db: Database) -> None:
    scan_id, (respondent_id,) = _scan(db)
    interview_id = create_interview(
        db,
        LOCAL,
        scan_id,
        title="Hervat",
        kind="individueel",
        date="",
        interviewer="O",
        participant_ids=[respondent_id],
    )
    at = _page("interview.py", scan_id, interview_id)
    _answer(at, "Opening beantwoord.")
    asked = _turns(db, interview_id)[-1]
    _answer(at, "Antwoord op de eerste vraag.")
    before = len(_turns(db, interview_id))

    fresh = _page("interview.py", scan_id, interview_id)  # a new browser session
    assert not fresh.exception
    turns = _turns(db, interview_id)
    assert len(turns) == before and turns[-1].kind == "question"
    assert turns[-1].question_id != asked.question_id  # the next unanswered question
    shown = [element.value for element in fresh.text]
    assert "Antwoord op de eerste vraag." in shown and turns[-1].text in shown

    again = _page("interview.py", scan_id, interview_id)  # unanswered question: nothing new is asked
    assert len(_turns(db, interview_id)) == len(turns) and not again.exception


@pytest.mark.parametrize("answer", ["", "   \n\t "])
def test_interview_page_refuses_empty_answer(db: Database, answer: str) -> None:
    scan_id, (respondent_id,) = _scan(db)
    interview_id = create_interview(
        db, LOCAL, scan_id, title="Leeg", kind="individueel", date="", interviewer="O", participant_ids=[respondent_id]
    )
    at = _page("interview.py", scan_id, interview_id)
    before = len(_turns(db, interview_id))
    _answer(at, answer)
    assert len(_turns(db, interview_id)) == before
    assert any("leeg antwoord" in w.value for w in at.warning)


def test_interview_page_stores_huge_and_html_answers_literally(db: Database) -> None:
    scan_id, (respondent_id,) = _scan(db)
    interview_id = create_interview(
        db, LOCAL, scan_id, title="Plak", kind="individueel", date="", interviewer="O", participant_ids=[respondent_id]
    )
    at = _page("interview.py", scan_id, interview_id)
    huge = ("Dit is een lang geplakt antwoord over ondermijning. " * 2000)[:100_000]
    _answer(at, huge)
    html = "<script>alert('x')</script> <b>vet</b> **markdown** [link](http://x)"
    _answer(at, html)
    stored = [t.text for t in _turns(db, interview_id) if t.kind == "answer"]
    assert stored == [huge, html]
    assert html in [element.value for element in at.text]  # shown as plain text, not rendered
    assert not any("<script>" in m.value for m in at.markdown)


def test_transcript_page_correction_leaves_event(db: Database) -> None:
    scan_id, (respondent_id,) = _scan(db)
    interview_id = create_interview(
        db,
        LOCAL,
        scan_id,
        title="Correctie",
        kind="individueel",
        date="",
        interviewer="O",
        participant_ids=[respondent_id],
    )
    add_turn(
        db, LOCAL, interview_id, kind="question", text="Vraag?", speaker_role="interviewer", question_id="BEW-1"
    )
    turn = add_turn(
        db,
        LOCAL,
        interview_id,
        kind="answer",
        text="Orgineel antwoord met tikfout.",
        speaker_role="respondent",
        respondent_id=respondent_id,
    )
    at = _page("transcript.py", scan_id, interview_id)
    at.text_area(key=f"transcript_text_{turn.id}").input("Origineel antwoord zonder tikfout.")
    at.button(key=f"FormSubmitter:transcript_edit_{turn.id}-{'Correctie opslaan'}").click().run()
    assert not at.exception
    assert _turns(db, interview_id)[-1].text == "Origineel antwoord zonder tikfout."
    (event,) = list_events(db, LOCAL, entity="turn", entity_id=turn.id)
    assert event.action == "turn.edit" and event.user == LOCAL.username
    assert event.before == {"text": "Orgineel antwoord met tikfout."}
    assert event.after == {"text": "Origineel antwoord zonder tikfout."}
    with db.session() as session:
        assert session.scalar(select(s.Event.id).where(s.Event.entity == "turn")) is not None


def test_interview_page_keeps_interview_selected_after_status_change(db: Database) -> None:
    scan_id, (respondent_id,) = _scan(db)
    interview_id = create_interview(
        db,
        LOCAL,
        scan_id,
        title="Blijft",
        kind="individueel",
        date="",
        interviewer="O",
        participant_ids=[respondent_id],
    )
    at = AppTest.from_file(str(PAGES / "interview.py"), default_timeout=TIMEOUT)
    at.session_state["scan_id"] = scan_id
    at.run()
    at.sidebar.selectbox(key="interview_picker").select(interview_id).run()  # chosen while "gepland"
    _answer(at, "Eerste antwoord.")  # the interview is now "bezig"
    at.button(key="interview_pause").click().run()
    assert at.session_state["interview_id"] == interview_id
    assert at.sidebar.selectbox(key="interview_picker").value == interview_id
    assert at.query_params["interview"] in (str(interview_id), [str(interview_id)])
    assert at.query_params["scan"] in (str(scan_id), [str(scan_id)])


def test_interview_page_reopens_from_the_address_in_a_new_session(db: Database) -> None:
    scan_id, (respondent_id,) = _scan(db)
    other = create_scan(db, LOCAL, name="Andere", organisation="Gemeente Ander", kind="gemeente")
    add_respondent(db, LOCAL, other, role="afdelingshoofd", department="")
    interview_id = create_interview(
        db, LOCAL, scan_id, title="Adres", kind="individueel", date="", interviewer="O", participant_ids=[respondent_id]
    )
    at = AppTest.from_file(str(PAGES / "interview.py"), default_timeout=TIMEOUT)
    at.query_params["scan"] = str(scan_id)  # a reload or a new tab: only the address is left
    at.query_params["interview"] = str(interview_id)
    at.run()
    assert not at.exception
    assert at.sidebar.selectbox(key="state_scan_picker").value == scan_id
    assert at.sidebar.selectbox(key="interview_picker").value == interview_id
    assert at.chat_input(key="interview_answer") is not None


def test_pages_require_login_when_users_are_configured(db: Database) -> None:
    from models.users import create_user

    create_user(db, LOCAL, "beheer", "een lang wachtwoord", role="admin")
    scan_id, _ = _scan(db)
    at = _page("scans.py", scan_id)
    assert not at.exception
    assert any("niet ingelogd" in w.value for w in at.warning)
    assert not at.dataframe  # nothing of the scan is shown


def test_interview_page_pause_and_resume_are_logged(db: Database) -> None:
    scan_id, (respondent_id,) = _scan(db)
    interview_id = create_interview(
        db, LOCAL, scan_id, title="Pauze", kind="individueel", date="", interviewer="O", participant_ids=[respondent_id]
    )
    at = _page("interview.py", scan_id, interview_id)
    _answer(at, "Een eerste antwoord.")
    at.button(key="interview_pause").click().run()
    assert not at.exception
    assert get_interview(db, LOCAL, interview_id).status == "gepauzeerd"
    assert "Hervatten" in [button.label for button in at.button]
    assert not at.chat_input  # no answers while paused
    at.button(key="interview_resume").click().run()
    assert not at.exception and get_interview(db, LOCAL, interview_id).status == "bezig"
    assert at.chat_input(key="interview_answer") is not None
    with db.session() as session:
        changes = session.scalars(
            select(s.Event.after).where(s.Event.action == "interview.status", s.Event.entity_id == interview_id)
        ).all()
    assert [change["status"] for change in changes] == ["gepauzeerd", "bezig"]


def test_interview_page_finishes_after_one_confirmation(db: Database) -> None:
    scan_id, (respondent_id,) = _scan(db)
    interview_id = create_interview(
        db, LOCAL, scan_id, title="Klaar", kind="individueel", date="", interviewer="O", participant_ids=[respondent_id]
    )
    at = _page("interview.py", scan_id, interview_id)
    _answer(at, "Een antwoord.")
    at.button(key="interview_finish").click().run()
    assert not at.exception and get_interview(db, LOCAL, interview_id).status == "afgerond"
    assert any("afgerond" in element.value for element in at.success)
