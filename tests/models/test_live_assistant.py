"""Live coding during an interview and the assistant's suggestions."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from models import live_assistant
from models import schema as s
from models.auth import LOCAL
from models.db import Database
from models.interview_service import open_run
from models.interviews import add_turn, get_interview, list_turns
from tests.factories import new_interview

PAGES = Path(__file__).resolve().parents[2] / "pages"
MELDPUNT_ANSWER = (
    "Wij hebben geen intern meldpunt voor signalen van ondermijning. Als collega's een vermoeden hebben, "
    "weten ze niet waar ze dat moeten melden, dus meldingen komen bij de leidinggevende terecht."
)


def _join_live_threads(timeout: float = 120.0) -> None:
    """Wait for the live-coding threads the interview page started (bounded)."""
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and getattr(thread, "_target", None) is live_assistant.after_answer:
            thread.join(timeout)


def _interview(db: Database) -> tuple[int, int, int]:
    return new_interview(db, scan_name="Live", organisation="Gemeente Live", role="afdelingshoofd", title="Live")


@pytest.fixture(autouse=True)
def _wait_for_live_coding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live_assistant, "LIVE_BUDGET_SECONDS", 120.0)


def test_live_answer_about_meldpunt_touches_theme_and_offers_untouched_probe(db: Database) -> None:
    scan_id, respondent_id, interview_id = _interview(db)
    at = AppTest.from_file(str(PAGES / "interview.py"), default_timeout=120)
    at.session_state["scan_id"] = scan_id
    at.session_state["interview_id"] = interview_id
    at.run()
    at.chat_input(key="interview_answer").set_value(MELDPUNT_ANSWER).run()
    assert not at.exception
    # the chat asks the next question at once and codes the answer in a thread beside it: wait for that thread
    _join_live_threads()
    at.run()

    assert "INF.meldpunt" in live_assistant.touched_themes(db, interview_id)
    offers = live_assistant.open_suggestions(db, interview_id)
    probes = [o for o in offers if o.kind == "probe"]
    assert probes and probes[0].target != "INF.meldpunt"
    assert probes[0].text.startswith("Nog niet besproken:")
    assert any(probes[0].text in element.value for element in at.text)

    at.button(key=f"interview_suggestion_{probes[0].id}_taken").click().run()
    turns = list_turns(db, interview_id)
    assert turns[-1].kind == "probe"
    with db.session() as session:
        statuses = dict(session.execute(select(s.Suggestion.id, s.Suggestion.status)).all())
    assert statuses[probes[0].id] == "taken"


def test_live_suggestion_skip_and_not_relevant_are_logged(db: Database) -> None:
    _, respondent_id, interview_id = _interview(db)
    turn = add_turn(
        db,
        LOCAL,
        interview_id,
        kind="answer",
        text=MELDPUNT_ANSWER,
        speaker_role="respondent",
        respondent_id=respondent_id,
    )
    outcome = live_assistant.after_answer(db, LOCAL, interview_id, turn.id)
    assert outcome.done
    first = live_assistant.open_suggestions(db, interview_id)[0]
    live_assistant.resolve_suggestion(db, LOCAL, first.id, "not_relevant")
    assert first.target in get_interview(db, LOCAL, interview_id).skipped_themes
    live_assistant.refresh_suggestions(db, LOCAL, interview_id)
    second = live_assistant.open_suggestions(db, interview_id)[0]
    assert second.target != first.target
    live_assistant.resolve_suggestion(db, LOCAL, second.id, "skipped")
    with db.session() as db_session:
        rows = db_session.execute(select(s.Suggestion.target, s.Suggestion.status).order_by(s.Suggestion.id)).all()
        events = db_session.scalars(select(s.Event.action).where(s.Event.entity == "suggestion")).all()
    assert (first.target, "not_relevant") in rows and (second.target, "skipped") in rows
    assert sorted(events) == ["suggestion.not_relevant", "suggestion.skipped"]


def test_live_jump_reorders_plan_without_losing_questions(db: Database) -> None:
    _, _, interview_id = _interview(db)
    view = open_run(db, LOCAL, interview_id)
    later_pillar = view.guide.question(view.plan[-1]).pillar
    assert later_pillar is not None
    new_plan = live_assistant.reorder_plan(view.guide, view.plan, [view.plan[0]], later_pillar)
    assert sorted(new_plan) == sorted(view.plan) and new_plan[0] == view.plan[0]
    moved = [q for q in new_plan[1:] if view.guide.question(q).pillar == later_pillar]
    assert new_plan[1 : 1 + len(moved)] == moved


def test_live_coding_works_for_an_interviewer_without_analyst_rights(db: Database) -> None:
    from models.auth import Actor

    scan_id, respondent_id, interview_id = _interview(db)
    interviewer = Actor("ines", "interviewer", frozenset({scan_id}))
    turn = add_turn(
        db,
        interviewer,
        interview_id,
        kind="answer",
        text=MELDPUNT_ANSWER,
        speaker_role="respondent",
        respondent_id=respondent_id,
    )
    assert live_assistant.after_answer(db, interviewer, interview_id, turn.id).done
    assert "INF.meldpunt" in live_assistant.touched_themes(db, interview_id)


def test_live_failure_is_logged_and_shown_not_swallowed(
    db: Database, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    scan_id, respondent_id, interview_id = _interview(db)
    turn = add_turn(db, LOCAL, interview_id, kind="answer", text=MELDPUNT_ANSWER, speaker_role="respondent",
                    respondent_id=respondent_id)  # fmt: skip

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("embedder weg")

    monkeypatch.setattr(live_assistant, "code_answer", broken)
    with caplog.at_level("ERROR", logger="models.live_assistant"):
        outcome = live_assistant.after_answer(db, LOCAL, interview_id, turn.id)
    assert outcome.done
    assert "live coding of turn" in caplog.text and "embedder weg" in caplog.text
    note = live_assistant.last_failure(interview_id)
    assert note is not None and "RuntimeError" in note and "wel opgeslagen" in note
    assert [t.id for t in list_turns(db, interview_id)] == [turn.id]  # the answer itself stays

    at = AppTest.from_file(str(PAGES / "interview.py"), default_timeout=120)
    at.session_state["scan_id"] = scan_id
    at.session_state["interview_id"] = interview_id
    at.run()
    assert not at.exception
    assert any("kon dit antwoord niet coderen" in w.value for w in at.warning)

    monkeypatch.undo()
    monkeypatch.setattr(live_assistant, "LIVE_BUDGET_SECONDS", 120.0)
    assert live_assistant.after_answer(db, LOCAL, interview_id, turn.id).done
    assert live_assistant.last_failure(interview_id) is None


def test_live_slow_answer_finishes_in_the_background_and_lands_in_the_database(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    scan_id, respondent_id, interview_id = _interview(db)
    turn = add_turn(db, LOCAL, interview_id, kind="answer", text=MELDPUNT_ANSWER, speaker_role="respondent",
                    respondent_id=respondent_id)  # fmt: skip
    monkeypatch.setattr(live_assistant, "LIVE_BUDGET_SECONDS", 0.0)  # no time to wait: the chat goes on at once
    # hold the assistant's single worker so the coding cannot finish before the budget is checked
    gate = threading.Event()
    held = live_assistant._executor.submit(gate.wait, 60)
    try:
        outcome = live_assistant.after_answer(db, LOCAL, interview_id, turn.id)
        assert not outcome.done and outcome.seconds is None
        assert live_assistant.touched_themes(db, interview_id) == set()  # not coded yet
    finally:
        gate.set()
    assert held.result(timeout=60)
    # the worker runs jobs in order: once this marker has run, the background coding has finished
    live_assistant._executor.submit(lambda: None).result(timeout=300)
    assert "INF.meldpunt" in live_assistant.touched_themes(db, interview_id)
    with db.session() as session:
        fragments = list(session.scalars(select(s.Fragment.id).where(s.Fragment.turn_id == turn.id)))
        coded = session.scalars(select(s.Coding.fragment_id).where(s.Coding.fragment_id.in_(fragments))).all()
    assert fragments and set(coded) == set(fragments)
    assert live_assistant.last_failure(interview_id) is None


PASTED_URL_ANSWER = (
    "Wij hebben geen intern meldpunt voor signalen van ondermijning. Kijk maar op https://www.example.org/"
    + "pad/" * 200
    + " daar staat het allemaal."
)


def test_live_answer_with_a_pasted_url_longer_than_the_cap_gets_fragments(db: Database) -> None:
    # a sentence before a word over 600 characters used to raise IndexError in the segmenter (issue 13, hole 3)
    _, respondent_id, interview_id = _interview(db)
    turn = add_turn(db, LOCAL, interview_id, kind="answer", text=PASTED_URL_ANSWER, speaker_role="respondent",
                    respondent_id=respondent_id)  # fmt: skip
    coded = live_assistant.code_answer(db, LOCAL, interview_id, turn.id)
    with db.session() as session:
        texts = list(session.scalars(select(s.Fragment.text).where(s.Fragment.turn_id == turn.id)))
    assert texts and coded == len(texts)
    assert " ".join(texts).split() == PASTED_URL_ANSWER.split()  # every word kept, the URL whole
    assert any(len(text) > 600 for text in texts)

    second = add_turn(db, LOCAL, interview_id, kind="answer", text="Ja. " + "x" * 650 + "\nen dan nog dit",
                      speaker_role="respondent", respondent_id=respondent_id)  # fmt: skip
    assert live_assistant.after_answer(db, LOCAL, interview_id, second.id).done
    assert live_assistant.last_failure(interview_id) is None
    with db.session() as session:
        assert session.scalars(select(s.Fragment.id).where(s.Fragment.turn_id == second.id)).all()


def test_live_interview_page_takes_an_answer_with_a_pasted_url(db: Database) -> None:
    scan_id, _, interview_id = _interview(db)
    at = AppTest.from_file(str(PAGES / "interview.py"), default_timeout=120)
    at.session_state["scan_id"] = scan_id
    at.session_state["interview_id"] = interview_id
    at.run()
    at.chat_input(key="interview_answer").set_value(PASTED_URL_ANSWER).run()
    assert not at.exception
    _join_live_threads()
    at.run()
    assert not at.exception
    assert not any("kon dit antwoord niet coderen" in w.value for w in at.warning)
    (answer,) = [turn for turn in list_turns(db, interview_id) if turn.kind == "answer"]
    assert answer.text == PASTED_URL_ANSWER
    with db.session() as session:
        confidences = list(session.scalars(select(s.Fragment.confidence).where(s.Fragment.turn_id == answer.id)))
    assert confidences and None not in confidences  # fragments, and the coder saw each (coded or abstained)
    assert "INF.meldpunt" in live_assistant.touched_themes(db, interview_id)
