"""The charts page ("Overzicht") driven through AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coding import charts
from models.auth import LOCAL
from models.db import Database
from models.decisions import accept, add_code
from tests.factories import build_scan

PAGE = Path(__file__).resolve().parents[2] / "pages" / "charts.py"
TIMEOUT = 60


def _page(scan_id: int | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=TIMEOUT)
    if scan_id is not None:
        at.session_state["scan_id"] = scan_id
    return at.run()


def test_charts_page_renders_without_scan(db: Database) -> None:
    assert not _page().exception


def test_charts_page_renders_with_no_coded_fragments(db: Database) -> None:
    built = build_scan(db)
    at = _page(built.scan_id)
    assert not at.exception
    assert any("Nog geen gecodeerde fragmenten" in i.value for i in at.info)
    assert "n = 0" in at.caption[0].value


@pytest.mark.parametrize("png", [True, False])
def test_charts_page_renders_with_data(db: Database, monkeypatch: pytest.MonkeyPatch, png: bool) -> None:
    monkeypatch.setattr(charts, "png_export_available", lambda: png)
    built = build_scan(db)
    accept(db, LOCAL, built.fragment_ids[0])
    accept(db, LOCAL, built.fragment_ids[3])
    add_code(db, LOCAL, built.fragment_ids[0], "INF.protocol_signalen")
    add_code(db, LOCAL, built.fragment_ids[5], "COM")  # a pillar without theme
    at = _page(built.scan_id)
    assert not at.exception
    assert "n = 3" in at.caption[0].value
    assert not at.info and not at.warning
    assert len(at.get("plotly_chart")) == 5
    if not png:
        assert any("PNG-download is hier niet beschikbaar" in c.value for c in at.caption)
    at.toggle(key="charts_include_suggestions").set_value(True).run()
    assert not at.exception
    assert "n = 6" in at.caption[0].value
