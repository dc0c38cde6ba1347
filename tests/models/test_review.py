"""The analyst's desk service: queue, decisions, memos, agreement rounds, chart data."""

from __future__ import annotations

import math

import pytest
from sqlalchemy import select

from models import schema as s
from models.agreement import (
    create_round,
    get_round,
    resolve,
    round_code,
    round_disagreements,
    round_queue,
    round_report,
)
from models.auth import LOCAL, Actor, PermissionDenied
from models.chart_data import coded_frame
from models.db import Database
from models.decisions import (
    accept,
    add_code,
    bulk_accept,
    code_id,
    code_manually,
    count_bulk_accept,
    recode,
    reject,
    set_quote_candidate,
)
from models.errors import InputError
from models.events import list_events
from models.memos import add_memo, edit_memo, memos
from models.review_filters import ReviewFilters
from models.review_queue import fragment_table, queue
from tests.factories import Built

# interview title, respondent index, turns: (kind, text or list of sentences)


def _codings(db: Database, fragment_id: int) -> dict[str, tuple[str, str, str]]:
    with db.session() as session:
        rows = session.execute(
            select(s.Code.code, s.Coding.source, s.Coding.status, s.Coding.coder)
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .where(s.Coding.fragment_id == fragment_id, s.Coding.round_id.is_(None))
        ).all()
    return {code: (source, status, coder) for code, source, status, coder in rows}


def _fragment(db: Database, fragment_id: int) -> s.Fragment:
    with db.session() as session:
        row = session.get(s.Fragment, fragment_id)
        assert row is not None
        return row


def _decisions(db: Database, fragment_id: int) -> list[s.Decision]:
    with db.session() as session:
        return list(session.scalars(
            select(s.Decision).where(s.Decision.fragment_id == fragment_id).order_by(s.Decision.id)
        ))


# --- queue ------------------------------------------------------------------------
def test_review_queue_orders_most_uncertain_first(db: Database, built: Built) -> None:
    cards, total = queue(db, LOCAL, built.scan_id, limit=10)
    assert total == 6
    margins = [card.margin for card in cards]
    assert margins == [0.05, 0.10, 0.30, 0.45, 0.60, None]


@pytest.mark.parametrize(
    ("order", "first"),
    [("uncertain", 1), ("interview", 0), ("confidence", 0)],
)
def test_review_queue_order_options(db: Database, built: Built, order: str, first: int) -> None:
    cards, _ = queue(db, LOCAL, built.scan_id, order=order)  # type: ignore[arg-type]
    assert cards[0].fragment_id == built.fragment_ids[first]


def test_review_queue_card_has_context_and_no_real_name(db: Database, built: Built) -> None:
    cards, _ = queue(db, LOCAL, built.scan_id, order="interview", offset=2)
    card = cards[0]
    assert card.text == "De burgemeester heeft ondermijning hoog op de agenda gezet."
    assert card.question == "Hoe staat ondermijning op de bestuurlijke agenda?"
    assert card.before is not None and card.before.text == card.question
    assert card.before.speaker == "Interviewer"
    assert card.after is None
    assert (card.role, card.department, card.interview_title) == ("Wethouder", "Bestuur", "Interview bestuur")
    assert card.respondent == "R01 (Wethouder)"
    assert (card.pillar, card.theme, card.confidence) == ("BEW", "BEW.visie_bestuur", 0.70)
    assert {view.code for view in card.codes} == {"BEW", "BEW.visie_bestuur"}
    assert card.position == 2
    assert "Geheimnaam" not in repr(card)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (ReviewFilters(pillar="INF"), [0, 1]),
        (ReviewFilters(theme="BEL.bibob"), [3]),
        (ReviewFilters(status="uncoded"), [5]),
        (ReviewFilters(status="suggested", min_confidence=0.6, max_confidence=0.9), [2, 3, 4]),
        (ReviewFilters(role="Beleidsmedewerker"), [4, 5]),
        (ReviewFilters(department="Bestuur", pillar="BEW"), [2]),
    ],
)
def test_review_queue_filters(db: Database, built: Built, filters: ReviewFilters, expected: list[int]) -> None:
    cards, total = queue(db, LOCAL, built.scan_id, filters=filters, order="interview", limit=50)
    assert total == len(expected)
    assert [card.fragment_id for card in cards] == [built.fragment_ids[i] for i in expected]


def test_review_queue_filters_interview(db: Database, built: Built) -> None:
    _, total = queue(db, LOCAL, built.scan_id, filters=ReviewFilters(interview_id=built.interview_ids[1]))
    assert total == 2


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("meldpunten", [0]),  # plural finds the lemma
        ("ondermijning agenda", [2]),  # every lemma must match
        ("meld", []),  # word boundaries: no prefix match
        ("integriteit", [4]),
        ("", [0, 1, 2, 3, 4, 5]),
    ],
)
def test_review_queue_search_on_lemmas(db: Database, built: Built, search: str, expected: list[int]) -> None:
    cards, total = queue(
        db, LOCAL, built.scan_id, filters=ReviewFilters(search=search), order="interview", limit=50
    )
    assert [card.fragment_id for card in cards] == [built.fragment_ids[i] for i in expected]
    assert total == len(expected)


def test_review_fragment_table_pages_in_sql(db: Database, built: Built) -> None:
    frame, total = fragment_table(db, LOCAL, built.scan_id, order="interview", offset=2, limit=3)
    assert total == 6
    assert list(frame["fragment_id"]) == built.fragment_ids[2:5]
    assert "Geheimnaam" not in frame.to_string()


# --- decisions ------------------------------------------------------------------------
def test_review_accept_stores_decision_coding_and_status(db: Database, built: Built) -> None:
    fid = built.fragment_ids[0]
    assert accept(db, LOCAL, fid) == ["INF", "INF.meldpunt"]
    assert _codings(db, fid) == {"INF": ("auto", "accepted", "lokaal"), "INF.meldpunt": ("auto", "accepted", "lokaal")}
    assert _fragment(db, fid).status == "accepted"
    decisions = _decisions(db, fid)
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
    assert {status for _, status, _ in _codings(db, fid).values()} == {"rejected"}
    assert _fragment(db, fid).status == "rejected"
    assert [(d.action, d.code) for d in _decisions(db, fid)] == [("reject", "INF"), ("reject", "INF.meldpunt")]


def test_review_recode_to_other_pillar_rejects_old_suggestion(db: Database, built: Built) -> None:
    fid = built.fragment_ids[1]
    recode(db, LOCAL, fid, "INT.vertrouwenspersoon_melden")
    codings = _codings(db, fid)
    assert codings["INF"][1] == codings["INF.meldpunt"][1] == "rejected"
    assert codings["INT.vertrouwenspersoon_melden"] == ("manual", "accepted", "lokaal")
    fragment = _fragment(db, fid)
    assert (fragment.status, fragment.top_pillar, fragment.top_theme) == (
        "accepted", "INT", "INT.vertrouwenspersoon_melden"
    )
    decision = _decisions(db, fid)[-1]
    assert (decision.action, decision.code, decision.previous_code) == (
        "recode", "INT.vertrouwenspersoon_melden", "INF.meldpunt"
    )


def test_review_recode_theme_in_same_pillar_keeps_pillar(db: Database, built: Built) -> None:
    fid = built.fragment_ids[1]
    recode(db, LOCAL, fid, "INF.protocol_signalen")
    codings = _codings(db, fid)
    assert codings["INF"][1] == "accepted"
    assert codings["INF.meldpunt"][1] == "rejected"
    assert codings["INF.protocol_signalen"][1] == "accepted"


def test_review_add_code_keeps_the_suggestion_open(db: Database, built: Built) -> None:
    fid = built.fragment_ids[2]
    add_code(db, LOCAL, fid, "COM.intern")
    assert _codings(db, fid)["COM.intern"] == ("manual", "accepted", "lokaal")
    assert _fragment(db, fid).status == "suggested"
    accept(db, LOCAL, fid)
    frame = coded_frame(db, LOCAL, built.scan_id)
    assert set(frame.loc[frame["fragment_id"] == fid, "pillar"]) == {"BEW", "COM"}
    with pytest.raises(InputError):
        add_code(db, LOCAL, fid, "COM.intern")


def test_review_code_manually_on_uncoded_fragment(db: Database, built: Built) -> None:
    fid = built.fragment_ids[5]
    code_manually(db, LOCAL, fid, "COM.extern")
    fragment = _fragment(db, fid)
    assert (fragment.status, fragment.top_pillar, fragment.top_theme) == ("accepted", "COM", "COM.extern")
    assert [(d.action, d.code) for d in _decisions(db, fid)] == [("add", "COM.extern")]


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
    assert _fragment(db, fid).quote_candidate
    set_quote_candidate(db, LOCAL, fid, False)
    assert not _fragment(db, fid).quote_candidate


def test_review_bulk_accept_above_threshold(db: Database, built: Built) -> None:
    assert count_bulk_accept(db, LOCAL, built.scan_id, ReviewFilters(), 0.8) == 2
    assert count_bulk_accept(db, LOCAL, built.scan_id, ReviewFilters(pillar="INF"), 0.8) == 1
    assert bulk_accept(db, LOCAL, built.scan_id, ReviewFilters(), 0.8) == 2
    assert _fragment(db, built.fragment_ids[0]).status == "accepted"
    assert _fragment(db, built.fragment_ids[3]).status == "accepted"
    assert _fragment(db, built.fragment_ids[2]).status == "suggested"
    assert [d.action for d in _decisions(db, built.fragment_ids[3])] == ["accept", "accept"]
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


# --- memos ------------------------------------------------------------------------
def test_review_memos_add_edit_search(db: Database, built: Built) -> None:
    fid = built.fragment_ids[0]
    memo_id = add_memo(db, LOCAL, built.scan_id, "fragment", fid, "Mooi citaat over het meldpunt")
    code_memo = add_memo(
        db, LOCAL, built.scan_id, "code", code_id(db, built.scan_id, "INF.meldpunt"), "Afbakening met protocol"
    )
    add_memo(db, LOCAL, built.scan_id, "interview", built.interview_ids[1], "Respondent was kort van stof")
    assert len(memos(db, LOCAL, built.scan_id)) == 3
    found = memos(db, LOCAL, built.scan_id, query="MELDPUNT")
    assert [m.id for m in found] == [memo_id]
    assert found[0].target_label.startswith("Er is geen intern meldpunt")
    codes = memos(db, LOCAL, built.scan_id, target_type="code")
    assert [m.id for m in codes] == [code_memo]
    assert codes[0].target_label.startswith("INF.meldpunt — ")
    edit_memo(db, LOCAL, memo_id, "Citaat voor hoofdstuk informatie")
    assert memos(db, LOCAL, built.scan_id, query="hoofdstuk")[0].author == "lokaal"
    with pytest.raises(InputError):
        add_memo(db, LOCAL, built.scan_id, "fragment", fid, "   ")
    with pytest.raises(InputError):
        add_memo(db, LOCAL, built.scan_id, "interview", 99999, "x")


# --- agreement rounds -------------------------------------------------------------
def _round(db: Database, built: Built) -> int:
    return create_round(db, LOCAL, built.scan_id, "Ronde 1", ["anna", "bram"], 6, stratify=True, seed=1)


def test_review_round_samples_respondent_fragments(db: Database, built: Built) -> None:
    round_id = create_round(db, LOCAL, built.scan_id, "Ronde", ["anna", "bram"], 3, stratify=True, seed=3)
    info = get_round(db, LOCAL, round_id)
    assert len(info.fragment_ids) == 3 and set(info.fragment_ids) <= set(built.fragment_ids)
    again = create_round(db, LOCAL, built.scan_id, "Ronde b", ["anna", "bram"], 3, stratify=True, seed=3)
    assert get_round(db, LOCAL, again).fragment_ids == info.fragment_ids
    with pytest.raises(InputError):
        create_round(db, LOCAL, built.scan_id, "Solo", ["anna"], 3, stratify=True, seed=0)


def test_review_round_queue_is_blind(db: Database, built: Built) -> None:
    round_id = _round(db, built)
    round_code(db, LOCAL, round_id, "anna", built.fragment_ids[0], "INF", "INF.meldpunt")
    items = round_queue(db, LOCAL, round_id, "bram")
    assert len(items) == 6
    assert all(item.pillar is None and not item.done for item in items)  # neither anna's code nor the suggestion
    own = {item.fragment_id: item for item in round_queue(db, LOCAL, round_id, "anna")}
    assert own[built.fragment_ids[0]].theme == "INF.meldpunt" and own[built.fragment_ids[0]].done
    # round codings never touch the scan's working codings
    assert _codings(db, built.fragment_ids[0])["INF"][1] == "suggested"
    with pytest.raises(InputError):
        round_queue(db, LOCAL, round_id, "carla")


def test_review_round_report_kappa_and_alpha(db: Database, built: Built) -> None:
    round_id = _round(db, built)
    f = built.fragment_ids
    anna = [("INF", "INF.meldpunt"), ("INF", None), ("BEW", None), ("BEL", "BEL.bibob"), ("INT", None), (None, None)]
    bram = [("INF", "INF.meldpunt"), ("INT", None), ("BEW", None), ("BEL", "BEL.bibob"), ("INT", None), ("COM", None)]
    for fid, (a, b) in zip(f, zip(anna, bram, strict=True), strict=True):
        round_code(db, LOCAL, round_id, "anna", fid, *a)
        round_code(db, LOCAL, round_id, "bram", fid, *b)
    report = round_report(db, LOCAL, round_id)
    assert report.n_compared == 6
    assert math.isclose(report.percent_agreement, 100 * 4 / 6)
    assert report.kappa_primary is not None and 0 < report.kappa_primary < 1
    assert report.alpha is not None
    assert report.per_pillar["BEW"]["kappa"] == pytest.approx(1.0)
    assert "BEL.bibob" in report.per_theme and "COM.intern" not in report.per_theme
    assert not report.to_frame().empty
    diff = round_disagreements(db, LOCAL, round_id)
    assert sorted(diff["fragment_id"]) == [f[1], f[5]]
    assert diff.loc[diff["fragment_id"] == f[1], "text"].item().startswith("Collega's")
    # recoding replaces the earlier choice
    round_code(db, LOCAL, round_id, "anna", f[1], "INT", None)
    assert sorted(round_disagreements(db, LOCAL, round_id)["fragment_id"]) == [f[5]]


def test_review_resolve_applies_code_and_stores_resolution(db: Database, built: Built) -> None:
    round_id = _round(db, built)
    fid = built.fragment_ids[1]
    resolve(db, LOCAL, round_id, fid, "INT.vertrouwenspersoon_melden")
    assert get_round(db, LOCAL, round_id).resolutions == {str(fid): "INT.vertrouwenspersoon_melden"}
    fragment = _fragment(db, fid)
    assert (fragment.status, fragment.top_theme) == ("accepted", "INT.vertrouwenspersoon_melden")
    assert _decisions(db, fid)[-1].action == "recode"


# --- chart data ------------------------------------------------------------------------
def test_review_coded_frame_accepted_only_by_default(db: Database, built: Built) -> None:
    assert coded_frame(db, LOCAL, built.scan_id).empty
    accept(db, LOCAL, built.fragment_ids[0])
    recode(db, LOCAL, built.fragment_ids[5], "COM")
    frame = coded_frame(db, LOCAL, built.scan_id)
    assert list(frame.columns) == ["fragment_id", "interview", "role", "department", "pillar", "theme"]
    rows = {(fid, pillar, theme if isinstance(theme, str) else None) for fid, pillar, theme in
            frame[["fragment_id", "pillar", "theme"]].itertuples(index=False)}
    assert rows == {(built.fragment_ids[0], "INF", "INF.meldpunt"), (built.fragment_ids[5], "COM", None)}
    assert set(frame["role"]) == {"Wethouder", "Beleidsmedewerker"}
    with_suggestions = coded_frame(db, LOCAL, built.scan_id, include_suggestions=True)
    assert with_suggestions["fragment_id"].nunique() == 6
