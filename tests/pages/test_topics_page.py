"""The topic discovery screen (pages/topics.py) before any run: what the researcher sees."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from models.auth import LOCAL
from models.db import Database
from models.demo import load_demo
from texts import t

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "topics.py")


def test_topics_page_offers_a_run_and_says_none_yet(db: Database) -> None:
    scan_id = load_demo(db, LOCAL, autocode=False)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["scan_id"] = scan_id
    at.run()
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == [t("topics.title")]
    assert [button.label for button in at.button] == [t("topics.run")]
    assert [box.label for box in at.multiselect] == [t("topics.selection")]
    assert len(at.multiselect[0].options) >= 1  # the demo's interviews can be chosen
    assert [info.value for info in at.info] == [t("topics.none")]


def test_topics_page_without_scan_points_to_scans(db: Database) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception, at.exception
    assert [info.value for info in at.info] == [t("scans.none")]
    assert not at.button
