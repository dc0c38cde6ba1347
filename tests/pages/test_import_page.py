"""The transcript import screen (pages/import.py) before a file is chosen."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from models.auth import LOCAL
from models.db import Database
from models.demo import load_demo
from texts import t

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "import.py")


def test_import_page_asks_for_a_transcript_file(db: Database) -> None:
    scan_id = load_demo(db, LOCAL, autocode=False)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["scan_id"] = scan_id
    at.run()
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == [t("import.title")]
    assert t("import.intro") in [markdown.value for markdown in at.markdown]
    uploaders = at.get("file_uploader")
    assert len(uploaders) == 1 and uploaders[0].proto.label == t("import.file")
    assert not at.subheader  # no speaker mapping before a file is read


def test_import_page_without_scan_points_to_scans(db: Database) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception, at.exception
    assert [info.value for info in at.info] == [t("scans.none")]
    assert not at.get("file_uploader")
