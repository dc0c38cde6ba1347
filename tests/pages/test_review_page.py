"""The review desk ("Beoordelen") driven through AppTest against a real database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from models import schema as s
from models.auth import LOCAL
from models.db import Database
from models.memos import add_memo, memos
from tests.factories import Built, build_scan

PAGE = Path(__file__).resolve().parents[2] / "pages" / "review.py"
TIMEOUT = 60


def _page(scan_id: int, **state: object) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=TIMEOUT)
    at.session_state["scan_id"] = scan_id
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def _fragment(db: Database, fragment_id: int) -> s.Fragment:
    with db.session() as session:
        row = session.get(s.Fragment, fragment_id)
        assert row is not None
        return row


def _shown(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown)


def _decisions(db: Database) -> list[tuple[int, str, str, str]]:
    with db.session() as session:
        return [
            (row.fragment_id, row.action, row.code, row.coder)
            for row in session.scalars(select(s.Decision).order_by(s.Decision.id))
        ]


def test_review_page_renders_without_scan(db: Database) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.info and "scan" in at.info[0].value


def test_review_page_shows_most_uncertain_fragment_with_context(db: Database) -> None:
    built = build_scan(db)
    at = _page(built.scan_id)
    assert not at.exception
    text = _shown(at)
    assert "Collega's weten niet waar ze een vermoeden kunnen melden." in text
    assert "Waar kunnen medewerkers een vermoeden van ondermijning melden?" in text
    assert "INF.meldpunt" in text
    assert "Geheimnaam" not in text + " ".join(c.value for c in at.caption)
    assert "R01 (Wethouder)" in " ".join(c.value for c in at.caption)


def test_review_page_accept_stores_and_shows_next(db: Database) -> None:
    built = build_scan(db)
    at = _page(built.scan_id)
    at.button(key="review_accept").click().run()
    assert not at.exception
    first = built.fragment_ids[1]  # margin 0.05: most uncertain
    assert _fragment(db, first).status == "accepted"
    assert [(a, c, who) for f, a, c, who in _decisions(db) if f == first] == [
        ("accept", "INF", "lokaal"),
        ("accept", "INF.meldpunt", "lokaal"),
    ]
    text = _shown(at)
    assert "We screenen nieuwe medewerkers" in text  # next: margin 0.10
    assert "Collega's weten niet" not in text


def test_review_page_reject(db: Database) -> None:
    built = build_scan(db)
    at = _page(built.scan_id)
    at.button(key="review_reject").click().run()
    assert not at.exception
    assert _fragment(db, built.fragment_ids[1]).status == "rejected"
    assert {a for _, a, _, _ in _decisions(db)} == {"reject"}


def test_review_page_recode_with_picker(db: Database) -> None:
    built = build_scan(db)
    at = _page(built.scan_id)
    at.selectbox(key="review_recode_code").set_value("INT.vertrouwenspersoon_melden")
    at.button(key="review_recode").click().run()
    assert not at.exception
    fragment = _fragment(db, built.fragment_ids[1])
    assert (fragment.status, fragment.top_theme) == ("accepted", "INT.vertrouwenspersoon_melden")
    assert _decisions(db)[-1][1:] == ("recode", "INT.vertrouwenspersoon_melden", "lokaal")
    assert at.selectbox(key="review_recode_code").value is None


def test_review_page_second_code_and_quote_candidate(db: Database) -> None:
    built = build_scan(db)
    at = _page(built.scan_id)
    at.selectbox(key="review_add_code").set_value("COM.intern")
    at.button(key="review_add").click().run()
    at.button(key="review_quote").click().run()
    assert not at.exception
    fragment = _fragment(db, built.fragment_ids[1])
    assert fragment.quote_candidate and fragment.status == "suggested"
    assert _decisions(db) == [(built.fragment_ids[1], "add", "COM.intern", "lokaal")]


def test_review_page_memo(db: Database) -> None:
    built = build_scan(db)
    at = _page(built.scan_id)
    at.text_area(key="review_memo_text").input("Twijfel: meldpunt of protocol?")
    at.button(key="review_memo_save").click().run()
    assert not at.exception
    stored = memos(db, LOCAL, built.scan_id)
    assert [(m.target_type, m.target_id, m.text) for m in stored] == [
        ("fragment", built.fragment_ids[1], "Twijfel: meldpunt of protocol?")
    ]


def test_review_page_skip_and_filters(db: Database) -> None:
    built = build_scan(db)
    at = _page(built.scan_id)
    at.button(key="review_skip").click().run()
    assert "We screenen nieuwe medewerkers" in _shown(at)
    at.selectbox(key="review_pillar").set_value("BEL").run()
    assert not at.exception
    assert "Bibob-beleid" in _shown(at)
    at.text_input(key="review_search").input("agenda").run()
    assert at.info  # BEL and 'agenda': nothing


def test_review_page_bulk_accept_needs_confirmation(db: Database) -> None:
    built = build_scan(db)
    at = _page(built.scan_id)
    at.radio(key="review_view").set_value("table").run()
    assert not at.exception
    assert at.dataframe
    at.slider(key="review_bulk_min").set_value(0.8).run()
    at.button(key="review_bulk_start").click().run()
    assert "2 fragmenten worden geaccepteerd" in at.warning[0].value
    assert all(_fragment(db, fid).status == "suggested" for fid in built.fragment_ids[:5])
    at.button(key="review_bulk_confirm").click().run()
    assert not at.exception
    statuses = [_fragment(db, fid).status for fid in built.fragment_ids]
    assert statuses == ["accepted", "suggested", "suggested", "accepted", "suggested", "uncoded"]


def test_review_page_memos_tab_lists_and_searches(db: Database) -> None:
    built: Built = build_scan(db)
    add_memo(db, LOCAL, built.scan_id, "interview", built.interview_ids[0], "Goed gesprek over Bibob")
    add_memo(db, LOCAL, built.scan_id, "fragment", built.fragment_ids[0], "Citaat voor rapport")
    at = _page(built.scan_id, review_view="memos")
    assert not at.exception
    assert "Goed gesprek over Bibob" in _shown(at)
    at.text_input(key="review_memo_query").input("citaat").run()
    text = _shown(at)
    assert "Citaat voor rapport" in text and "Goed gesprek" not in text


def test_review_page_every_decision_has_a_key_shown_on_screen(db):
    from models.demo import load_demo

    scan_id = load_demo(db, LOCAL)
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "pages" / "review.py"), default_timeout=120)
    at.session_state["scan_id"] = scan_id
    at.run()
    assert not at.exception
    assert [title.value for title in at.title] == ["Beoordelen"]
    keys = {button.key: button.proto.shortcut.upper() for button in at.button if button.proto.shortcut}
    assert keys == {
        "review_accept": "A",
        "review_reject": "X",
        "review_quote": "Q",
        "review_skip": "S",
        "review_irrelevant": "N",
        "review_previous": "B",
        "review_recode": "W",
        "review_add": "T",
    }
    assert any("A accepteren" in caption.value for caption in at.caption)
