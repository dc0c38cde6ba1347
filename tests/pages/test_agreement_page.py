"""The agreement page ("Overeenstemming") driven through AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from models.agreement import create_round, get_round, list_rounds, round_code, round_queue
from models.auth import LOCAL
from models.db import Database
from models.decisions import add_code
from models.review_filters import ReviewFilters
from models.review_queue import queue
from tests.factories import build_scan

PAGE = Path(__file__).resolve().parents[2] / "pages" / "agreement.py"
TIMEOUT = 60


def _page(scan_id: int | None = None, **state: object) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=TIMEOUT)
    if scan_id is not None:
        at.session_state["scan_id"] = scan_id
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def test_agreement_page_renders_without_scan(db: Database) -> None:
    at = _page()
    assert not at.exception


def test_agreement_page_creates_round_and_codes_blind(db: Database) -> None:
    built = build_scan(db)
    add_code(db, LOCAL, built.fragment_ids[5], "COM.extern")  # a working code must stay invisible
    at = _page(built.scan_id)
    assert not at.exception
    at.text_input(key="agreement_name").input("Ronde 1")
    at.text_input(key="agreement_coders").input("anna, bram")
    at.number_input(key="agreement_n").set_value(6)
    at.button(key="agreement_create").click().run()
    assert not at.exception
    rounds = list_rounds(db, LOCAL, built.scan_id)
    assert [(r.name, r.coders, len(r.fragment_ids)) for r in rounds] == [("Ronde 1", ["anna", "bram"], 6)]
    shown = " ".join(m.value for m in at.markdown)
    assert "INF.meldpunt" not in shown and "COM.extern" not in shown  # no suggestions, no codes

    at.selectbox(key="agreement_coder").set_value("anna").run()
    at.selectbox(key="agreement_pillar").set_value("INF").run()
    at.selectbox(key="agreement_theme").set_value("INF.meldpunt")
    at.button(key="agreement_save").click().run()
    assert not at.exception
    items = round_queue(db, LOCAL, rounds[0].id, "anna")
    assert [(i.pillar, i.theme) for i in items if i.done] == [("INF", "INF.meldpunt")]
    assert not any(i.done for i in round_queue(db, LOCAL, rounds[0].id, "bram"))


def test_agreement_page_report_and_resolution(db: Database) -> None:
    built = build_scan(db)
    f = built.fragment_ids
    round_id = create_round(db, LOCAL, built.scan_id, "R", ["anna", "bram"], 6, stratify=False, seed=0)
    for fid, a, b in zip(f, ["INF", "INF", "BEW", "BEL", "INT", None], ["INF", "INT", "BEW", "BEL", "INT", None],
                         strict=True):
        round_code(db, LOCAL, round_id, "anna", fid, a)
        round_code(db, LOCAL, round_id, "bram", fid, b)
    at = _page(built.scan_id, agreement_section="report")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Overeenstemming"] == "80,0%"  # 4 of 5; the fragment both left uncoded does not count
    assert metrics["Vergeleken fragmenten"] == "5"
    assert any("niet gecodeerd" in i.value for i in at.info)
    assert at.dataframe

    at.radio(key="agreement_section").set_value("diff").run()
    assert not at.exception
    at.selectbox(key=f"agreement_resolve_code_{f[1]}").set_value("INT")
    at.button(key=f"agreement_resolve_{f[1]}").click().run()
    assert not at.exception
    assert get_round(db, LOCAL, round_id).resolutions == {str(f[1]): "INT"}
    cards, _ = queue(db, LOCAL, built.scan_id, filters=ReviewFilters(status="accepted"))
    assert cards[0].fragment_id == f[1] and cards[0].pillar == "INT"
