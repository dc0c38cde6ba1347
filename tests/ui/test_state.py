"""Shared page state: a scan that is gone or not allowed stops the page with a Dutch message."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from models.db import Database


def _script() -> None:
    import streamlit as st

    from ui.state import scan_or_stop

    scan = scan_or_stop(int(st.session_state["wanted_scan"]))
    st.write(f"gevonden: {scan.name}")


def test_scan_or_stop_shows_dutch_message_for_a_missing_scan(db: Database) -> None:
    at = AppTest.from_function(_script, default_timeout=60)
    at.session_state["wanted_scan"] = 4711
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["De scan (nummer 4711) bestaat niet (meer)."]
    assert not at.markdown


def test_scan_or_stop_returns_an_existing_scan(db: Database) -> None:
    from models.auth import LOCAL
    from models.scans import create_scan

    scan_id = create_scan(db, LOCAL, name="Bestaat", organisation="Gemeente Toets", kind="gemeente")
    at = AppTest.from_function(_script, default_timeout=60)
    at.session_state["wanted_scan"] = scan_id
    at.run()
    assert not at.exception and not at.error
    assert at.markdown[0].value == "gevonden: Bestaat"
