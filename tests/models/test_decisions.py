"""The analyst's decisions (models/decisions.py): accept, reject, recode, bulk, learning path."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import schema as s
from models.auth import LOCAL, Actor, PermissionDenied
from models.chart_data import coded_frame
from models.db import Database
from models.decisions import (
    accept,
    add_code,
    bulk_accept,
    code_manually,
    count_bulk_accept,
    recode,
    reject,
    set_quote_candidate,
)
from models.errors import InputError
from models.events import list_events
from models.review_filters import ReviewFilters
from tests.factories import Built, codings_of, decisions_of, fragment_of


def test_review_accept_stores_decision_coding_and_status(db: Database, built: Built) -> None:
    fid = built.fragment_ids[0]
    assert accept(db, LOCAL, fid) == ["INF", "INF.meldpunt"]
    assert codings_of(db, fid) == {"INF": ("auto", "accepted", "lokaal"), "INF.meldpunt": ("auto", "accepted", "lokaal")}
    assert fragment_of(db, fid).status == "accepted"
    decisions = decisions_of(db, fid)
    assert [(d.action, d.code, d.coder) for d in decisions] == [("accept", "INF", "lokaal"), ("accept", "INF.meldpunt", "lokaal")]
    assert decisions[0].text == "Er is geen intern meldpunt voor signalen van ondermijning."
    assert decisions[0].created_at is not None and decisions[0].scan_id == built.scan_id
    events = list_events(db, LOCAL, entity="fragment", entity_id=fid)
    assert events[0].action == "review.accept" and events[0].user == "lokaal"
    with pytest.raises(InputError):
        accept(db, LOCAL, fid)


def test_review_reject_marks_suggestions_rejected(db: Database, built: Built) -> None:
    fid = built.fragment_ids[1]
    assert reject(db, LOCAL, fid) == ["INF", "INF.meldpunt"]
    assert {status for _, status, _ in codings_of(db, fid).values()} == {"rejected"}
    assert fragment_of(db, fid).status == "rejected"
    assert [(d.action, d.code) for d in decisions_of(db, fid)] == [("reject", "INF"), ("reject", "INF.meldpunt")]


def test_review_recode_to_other_pillar_rejects_old_suggestion(db: Database, built: Built) -> None:
    fid = built.fragment_ids[1]
    recode(db, LOCAL, fid, "INT.vertrouwenspersoon_melden")
    codings = codings_of(db, fid)
    assert codings["INF"][1] == codings["INF.meldpunt"][1] == "rejected"
    assert codings["INT.vertrouwenspersoon_melden"] == ("manual", "accepted", "lokaal")
    fragment = fragment_of(db, fid)
    assert (fragment.status, fragment.top_pillar, fragment.top_theme) == (
        "accepted", "INT", "INT.vertrouwenspersoon_melden"
    )
    decision = decisions_of(db, fid)[-1]
    assert (decision.action, decision.code, decision.previous_code) == (
        "recode", "INT.vertrouwenspersoon_melden", "INF.meldpunt"
    )


def test_review_recode_theme_in_same_pillar_keeps_pillar(db: Database, built: Built) -> None:
    fid = built.fragment_ids[1]
    recode(db, LOCAL, fid, "INF.protocol_signalen")
    codings = codings_of(db, fid)
    assert codings["INF"][1] == "accepted"
    assert codings["INF.meldpunt"][1] == "rejected"
    assert codings["INF.protocol_signalen"][1] == "accepted"


def test_review_add_code_keeps_the_suggestion_open(db: Database, built: Built) -> None:
    fid = built.fragment_ids[2]
    add_code(db, LOCAL, fid, "COM.intern")
    assert codings_of(db, fid)["COM.intern"] == ("manual", "accepted", "lokaal")
    assert fragment_of(db, fid).status == "suggested"
    accept(db, LOCAL, fid)
    frame = coded_frame(db, LOCAL, built.scan_id)
    assert set(frame.loc[frame["fragment_id"] == fid, "pillar"]) == {"BEW", "COM"}
    with pytest.raises(InputError):
        add_code(db, LOCAL, fid, "COM.intern")


def test_review_code_manually_on_uncodedfragment_of(db: Database, built: Built) -> None:
    fid = built.fragment_ids[5]
    code_manually(db, LOCAL, fid, "COM.extern")
    fragment = fragment_of(db, fid)
    assert (fragment.status, fragment.top_pillar, fragment.top_theme) == ("accepted", "COM", "COM.extern")
    assert [(d.action, d.code) for d in decisions_of(db, fid)] == [("add", "COM.extern")]


@pytest.mark.parametrize("call", [accept, reject])
def test_review_decisions_need_a_suggestion(db: Database, built: Built, call: object) -> None:
    with pytest.raises(InputError):
        call(db, LOCAL, built.fragment_ids[5])  # type: ignore[operator]


def test_review_unknown_code_is_refused(db: Database, built: Built) -> None:
    with pytest.raises(InputError, match="XYZ"):
        recode(db, LOCAL, built.fragment_ids[0], "XYZ")


def test_review_decisions_need_code_permission(db: Database, built: Built) -> None:
    interviewer = Actor(username="iv", role="interviewer")
    with pytest.raises(PermissionDenied):
        accept(db, interviewer, built.fragment_ids[0])
    outsider = Actor(username="an", role="analyst", scan_ids=frozenset({built.scan_id + 99}))
    with pytest.raises(PermissionDenied):
        recode(db, outsider, built.fragment_ids[0], "BEW")


def test_review_quote_candidate(db: Database, built: Built) -> None:
    fid = built.fragment_ids[3]
    set_quote_candidate(db, LOCAL, fid, True)
    assert fragment_of(db, fid).quote_candidate
    set_quote_candidate(db, LOCAL, fid, False)
    assert not fragment_of(db, fid).quote_candidate


def test_review_bulk_accept_above_threshold(db: Database, built: Built) -> None:
    assert count_bulk_accept(db, LOCAL, built.scan_id, ReviewFilters(), 0.8) == 2
    assert count_bulk_accept(db, LOCAL, built.scan_id, ReviewFilters(pillar="INF"), 0.8) == 1
    assert bulk_accept(db, LOCAL, built.scan_id, ReviewFilters(), 0.8) == 2
    assert fragment_of(db, built.fragment_ids[0]).status == "accepted"
    assert fragment_of(db, built.fragment_ids[3]).status == "accepted"
    assert fragment_of(db, built.fragment_ids[2]).status == "suggested"
    assert [d.action for d in decisions_of(db, built.fragment_ids[3])] == ["accept", "accept"]
    assert count_bulk_accept(db, LOCAL, built.scan_id, ReviewFilters(), 0.8) == 0


def test_review_decisions_feed_the_learning_path(db: Database, built: Built) -> None:
    accept(db, LOCAL, built.fragment_ids[0])
    reject(db, LOCAL, built.fragment_ids[1])
    recode(db, LOCAL, built.fragment_ids[2], "BEL.bibob")
    with db.session() as session:
        rows = session.execute(
            select(s.Decision.action, s.Decision.code, s.Decision.text).where(s.Decision.scan_id == built.scan_id)
        ).all()
    assert {action for action, _, _ in rows} == {"accept", "reject", "recode"}
    assert all(text for _, _, text in rows)
    from models.autocode import learner_for_scan

    learner = learner_for_scan(db, built.scan_id)  # trains on exactly these Decision rows
    assert learner is not None and learner.n_decisions == len(rows)
    assert learner.pillar is not None
