"""The guide and codebook screen (pages/content.py): what the researcher sees."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from coding.codebook import default_guide
from models.auth import LOCAL
from models.db import Database
from models.demo import load_demo
from texts import t

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "content.py")


def test_content_page_shows_guide_and_codebook_of_the_scan(db: Database) -> None:
    scan_id = load_demo(db, LOCAL, autocode=False)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["scan_id"] = scan_id
    at.run()
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == [t("content.title")]
    assert [tab.label for tab in at.tabs] == [t("content.guide"), t("content.codebook")]
    guide = default_guide()
    captions = [caption.value for caption in at.caption]
    assert t("content.guide_version", name=guide.name, version=guide.version) in captions
    assert any("demo" in caption for caption in captions)  # the codebook caption names the scan
    labels = {button.label for button in at.button}
    assert {t("content.save_guide"), t("content.save_codebook")} <= labels  # the single local user is admin


def test_content_page_without_scan_still_shows_the_guide(db: Database) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception, at.exception
    assert t("scans.none") in [info.value for info in at.info]
    guide = default_guide()
    assert t("content.guide_version", name=guide.name, version=guide.version) in [c.value for c in at.caption]
