"""The Citaten page in AppTest: add a quote, edit it, waive a PII finding, consent enforced."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from models import quotes
from models import schema as s
from models.auth import LOCAL, Actor
from models.db import Database

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "quotes.py")


def run_page(scan_id: int | None = None, actor: Actor | None = None) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=60)
    if scan_id is not None:
        app.session_state["scan_id"] = scan_id
    if actor is not None:
        app.session_state["actor"] = actor
    return app.run()


def stored_quotes(db: Database) -> list[s.Quote]:
    with db.session() as session:
        return list(session.scalars(select(s.Quote).order_by(s.Quote.id)))


def test_quotes_page_smoke_without_scan(db):
    app = run_page()
    assert not app.exception
    assert app.info[0].value == "Maak eerst een scan aan."


def test_quotes_page_add_quote(db, scan):
    app = run_page(scan["scan_id"])
    assert not app.exception
    fragment_id = scan["fragments"]["ja"][0]
    app.selectbox(key="quotes_fragment").set_value(fragment_id).run()
    # the fields start at the fragment's accepted coding, not at the first pillar
    assert app.selectbox(key=f"quotes_new_{fragment_id}_pillar").value == "BEL"
    assert app.selectbox(key=f"quotes_new_{fragment_id}_theme_BEL").value == "BEL.vth_omgevingsdienst"
    app.button(key="quotes_add").click().run()
    assert not app.exception
    rows = stored_quotes(db)
    assert [(q.fragment_id, q.pillar, q.theme) for q in rows] == [
        (scan["fragments"]["ja"][0], "BEL", "BEL.vth_omgevingsdienst")
    ]
    assert app.success[0].value == "Citaat toegevoegd."
    assert any("(respondent uit de interviews)" in m.value for m in app.markdown)


def test_quotes_page_edit_display_text(db, scan):
    quote_id = quotes.add_quote(db, LOCAL, scan["fragments"]["ja"][0], "BEL", None)
    app = run_page(scan["scan_id"])
    app.text_area(key=f"quotes_text_{quote_id}").set_value(
        "Er moet niet lichtzinnig worden gedacht over […] vergunningen."
    )
    app.button(key=f"quotes_save_{quote_id}").click().run()
    assert not app.exception
    assert stored_quotes(db)[0].display_text == "Er moet niet lichtzinnig worden gedacht over […] vergunningen."
    assert any("Er moet niet lichtzinnig worden gedacht over milieuvergunningen." in m.value for m in app.markdown)


def test_quotes_page_waive_finding_needs_reason(db, scan):
    quote_id = quotes.add_quote(db, LOCAL, scan["fragments"]["ja"][1], "BEW", None)
    app = run_page(scan["scan_id"])
    assert any("persoonsnaam ‘Jansen’" in w.value for w in app.warning)
    assert any("geblokkeerd" in e.value for e in app.error)
    app.button(key=f"quotes_waive_{quote_id}_0").click().run()
    assert any("reden" in e.value for e in app.error)
    assert stored_quotes(db)[0].pii_waivers == []
    app.text_input(key=f"quotes_reason_{quote_id}_0").set_value("Fictieve naam, geen echte persoon")
    app.button(key=f"quotes_waive_{quote_id}_0").click().run()
    assert not app.exception
    waivers = stored_quotes(db)[0].pii_waivers
    assert waivers[0]["reason"] == "Fictieve naam, geen echte persoon"
    assert not any("geblokkeerd" in e.value for e in app.error)


def test_quotes_page_consent_nee_refused(db, scan):
    app = run_page(scan["scan_id"])
    app.selectbox(key="quotes_fragment").set_value(scan["fragments"]["nee"][0])
    app.button(key="quotes_add").click().run()
    assert stored_quotes(db) == []
    assert any("geen toestemming" in e.value for e in app.error)


def test_quotes_page_role_style_falls_back_for_anonymous(db, scan):
    quotes.add_quote(db, LOCAL, scan["fragments"]["anoniem"][0], "INF", "INF.meldpunt")
    app = run_page(scan["scan_id"])
    app.radio(key="quotes_style").set_value("role").run()
    assert not app.exception
    assert any("wil anoniem blijven" in c.value for c in app.caption)
    assert any("(respondent uit de interviews)" in m.value for m in app.markdown)


def test_quotes_page_real_names_only_for_admins(db, scan):
    analyst = Actor(username="analist", role="analyst")
    app = run_page(scan["scan_id"], analyst)
    assert not [c for c in app.checkbox if c.key == "quotes_real_names"]
    app = run_page(scan["scan_id"], LOCAL)
    assert app.checkbox(key="quotes_real_names") is not None
    app.button(key="quotes_prepare").click().run()
    assert not app.exception
    with db.session() as session:
        formats = sorted(e.after["format"] for e in session.scalars(select(s.Event).where(s.Event.action == "export")))
    assert formats == ["csv", "docx", "qdc", "qdpx", "xlsx"]


def test_quotes_page_interviewer_cannot_manage_quotes(db, scan):
    app = run_page(scan["scan_id"], Actor(username="i", role="interviewer"))
    assert app.warning[0].value == "U mag geen citaten beheren in deze scan."


def test_quotes_page_moves_a_quote_to_another_pillar(db, scan):
    quote_id = quotes.add_quote(db, LOCAL, scan["fragments"]["ja"][0])
    app = run_page(scan["scan_id"])
    app.selectbox(key=f"quotes_place_{quote_id}_pillar").set_value("INF").run()
    app.selectbox(key=f"quotes_place_{quote_id}_theme_INF").set_value("INF.meldpunt")
    app.button(key=f"quotes_place_save_{quote_id}").click().run()
    assert not app.exception
    assert [(q.pillar, q.theme) for q in stored_quotes(db)] == [("INF", "INF.meldpunt")]
    assert "2. Informatiepositie en -huishouding" in [header.value for header in app.subheader]


def test_quotes_page_qdpx_with_or_without_open_suggestions(db, scan):
    """Issue 12: the REFI-QDA project carries the auto-coder's open suggestions unless the box is ticked."""
    auto = "Weerbaar automatische codeur"

    def qdpx_users(app: AppTest) -> set[str]:
        _scan, files, _accepted_only = app.session_state["quotes_files"]
        with zipfile.ZipFile(io.BytesIO(files["qdpx"])) as archive:
            qde = archive.read("project.qde").decode("utf-8")
        return {name for name in ("analist", auto) if f'name="{name}"' in qde}

    app = run_page(scan["scan_id"], Actor(username="analist", role="analyst"))
    box = app.checkbox(key="quotes_accepted_only")
    assert box.label == "Alleen geaccepteerde coderingen in het REFI-QDA-project" and box.value is False
    app.button(key="quotes_prepare").click().run()
    assert not app.exception
    assert qdpx_users(app) == {"analist", auto}
    assert f"Met open voorstellen als coderingen van ‘{auto}’." in [c.value for c in app.caption]
    app.checkbox(key="quotes_accepted_only").check().run()
    app.button(key="quotes_prepare").click().run()
    assert not app.exception
    assert qdpx_users(app) == {"analist"}
    assert "Alleen geaccepteerde coderingen." in [c.value for c in app.caption]
    with db.session() as session:
        logged = [
            e.after["accepted_only"]
            for e in session.scalars(select(s.Event).where(s.Event.action == "export").order_by(s.Event.id))
            if e.after["format"] == "qdpx"
        ]
    assert logged == [False, True]
