"""The review queue (models/review_queue.py, models/review_filters.py): order, filters, search, cards."""

from __future__ import annotations

import pytest

from models.auth import LOCAL
from models.db import Database
from models.review_filters import ReviewFilters
from models.review_queue import fragment_table, queue
from tests.factories import Built


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
