"""The Rapport page in AppTest: navigation, the evidence panel, inserting a quote, saving,
a concurrent save shown as a conflict with both texts, recommendations from the library."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from models import reports
from models.auth import LOCAL, Actor
from models.db import Database
from tests.models.report_data import build_scan

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "report.py")
THEME = "BEW.resultaten.BEW.bewustwording"


def run_page(scan_id: int | None = None) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=120)
    if scan_id is not None:
        app.session_state["scan_id"] = scan_id
    return app.run()


def open_theme(app: AppTest) -> AppTest:
    app.sidebar.radio(key="report_chapter").set_value("BEW").run()
    app.selectbox(key="report_section_BEW").set_value(THEME).run()
    return app


def test_report_page_without_scan(db: Database) -> None:
    app = run_page()
    assert not app.exception
    assert app.info[0].value.startswith("Er is nog geen scan.")


def test_navigation_follows_the_template_and_the_evidence_panel_shows_ranked_fragments(db: Database) -> None:
    built = build_scan(db)
    app = run_page(built.scan_id)
    assert not app.exception
    assert app.title[0].value == "Rapport"
    # as the reader sees them: the labels are escaped markdown ("1\\. Bewustwording"), the backslashes do not show
    chapters = [option.replace("\\", "") for option in app.sidebar.radio(key="report_chapter").options]
    assert chapters[:3] == ["Voorwoord", "Inleiding", "Onderzoeksopzet"]
    assert "1. Bewustwording en organisatie" in chapters and chapters[-1] == "Bijlagen"
    open_theme(app)
    assert not app.exception
    assert app.header[0].value == "Bewustwording en kennis van ondermijning"
    shown = [el.value for el in app.text]
    for fragment_text in ("Veel collega's weten niet goed hoe signalen van ondermijning eruitzien.",
                          "Bewustwording hangt sterk af van de functie die iemand heeft."):  # fmt: skip
        assert fragment_text in shown
    assert any(v.startswith("Vertrouwenspersoon · interview (individueel): Gesprek 2") for v in shown)
    assert "Bewijs bij dit thema" in [s.value for s in app.subheader]


def test_insert_a_quote_and_save(db: Database) -> None:
    built = build_scan(db)
    app = open_theme(run_page(built.scan_id))
    fragment_id = built.fragments["BEW.bewustwording"][1]
    app.button(key=f"report_quote_{THEME}_{fragment_id}").click().run()
    assert not app.exception
    editor = app.text_area(key=f"report_text_{THEME}")
    assert editor.value.startswith("[[citaat:")
    editor.set_value("Bewustwording verschilt per functie.\n\n" + editor.value).run()
    app.button(key=f"report_save_{THEME}").click().run()
    assert not app.exception
    assert app.success[0].value == "Opgeslagen als versie 1."
    report_id = reports.ensure_report(db, LOCAL, built.scan_id).id
    stored = reports.get_section(db, LOCAL, report_id, THEME)
    assert stored.version == 1 and stored.text.startswith("Bewustwording verschilt per functie.\n\n[[citaat:")
    # the quote shows under the editor with its attribution
    assert any("(respondent uit de interviews)" in el.value for el in app.text)


def test_a_concurrent_save_is_shown_as_a_conflict_with_both_texts(db: Database) -> None:
    built = build_scan(db)
    app = open_theme(run_page(built.scan_id))
    report_id = reports.ensure_report(db, LOCAL, built.scan_id).id
    reports.save_section(db, Actor("collega", "admin"), report_id, THEME, "Tekst van de collega.", base_version=0)
    app.text_area(key=f"report_text_{THEME}").set_value("Mijn eigen tekst.").run()
    app.button(key=f"report_save_{THEME}").click().run()
    assert not app.exception
    assert "collega" in app.error[0].value
    assert app.text_area(key=f"report_mine_{THEME}").value == "Mijn eigen tekst."
    assert app.text_area(key=f"report_theirs_{THEME}").value == "Tekst van de collega."
    assert reports.get_section(db, LOCAL, report_id, THEME).text == "Tekst van de collega."  # nothing lost
    merge = app.text_area(key=f"report_merge_{THEME}")
    assert "Mijn eigen tekst." in merge.value and "Tekst van de collega." in merge.value
    app.button(key=f"report_merge_save_{THEME}").click().run()
    assert not app.exception
    stored = reports.get_section(db, LOCAL, report_id, THEME)
    assert stored.version == 2 and "Mijn eigen tekst." in stored.text and "Tekst van de collega." in stored.text


def test_recommendation_from_the_library_gets_its_number(db: Database) -> None:
    built = build_scan(db)
    app = run_page(built.scan_id)
    app.sidebar.radio(key="report_chapter").set_value("INF").run()
    app.selectbox(key="report_section_INF").set_value("INF.aanbevelingen").run()
    app.selectbox(key="report_rec_lib_INF").set_value("groningen_4").run()
    app.button(key="report_rec_lib_add_INF").click().run()
    assert not app.exception
    assert any(el.value.startswith("Aanbeveling 1. Zorg dat het intern meldpunt de officiële plek is") for el in app.text)
    report_id = reports.ensure_report(db, LOCAL, built.scan_id).id
    assert [(r.number, r.library_key) for r in reports.list_recommendations(db, LOCAL, report_id)] == [
        (1, "groningen_4")
    ]


def test_generated_research_design_states_the_scan_numbers(db: Database) -> None:
    built = build_scan(db)
    app = run_page(built.scan_id)
    app.sidebar.radio(key="report_chapter").set_value("onderzoeksopzet").run()
    assert not app.exception
    shown = [el.value for el in app.text]
    assert any("3 gesprekken gevoerd (3 individuele gesprekken en 0 groepsgesprekken) met in totaal 3" in v
               for v in shown)  # fmt: skip
    assert any("nulmeting" in v for v in shown)


def test_export_tab_checks_then_offers_the_word_file(db: Database) -> None:
    built = build_scan(db)
    report_id = reports.ensure_report(db, LOCAL, built.scan_id).id
    item = reports.insert_quote(db, LOCAL, report_id, THEME, built.fragments["BEW.bewustwording"][0], pillar="BEW",
                                theme="BEW.bewustwording")  # fmt: skip
    reports.save_section(db, LOCAL, report_id, THEME, item.token, base_version=0)
    app = run_page(built.scan_id)
    assert "Alle citaten, figuren en cijferzinnen kloppen met hun bron." in [s.value for s in app.success]
    app.button(key="report_export_docx").click().run()
    assert not app.exception
    assert any(c.value.startswith("11 hoofdstukken, 55 secties, 1 citaten") for c in app.caption)
    from models import decisions

    decisions.reject(db, LOCAL, built.fragments["BEW.bewustwording"][0])
    app.run()
    assert any(f"Citaat {item.id}" in e.value and "afgewezen" in e.value for e in app.error)
    app.button(key="report_export_docx").click().run()
    assert any("kan nog niet worden geëxporteerd" in e.value for e in app.error)


def test_the_structure_tab_saves_a_reordered_template_and_the_navigation_follows_it(db: Database) -> None:
    from models.report_template import current_template, template_yaml

    built = build_scan(db)
    app = run_page(built.scan_id)
    report_id = reports.ensure_report(db, LOCAL, built.scan_id).id
    template, _ = current_template(db, LOCAL, report_id)
    chapters = template["chapters"]
    first = next(c for c in chapters if c["key"] == "samenvatting")
    reordered = {**template, "chapters": [first, *[c for c in chapters if c is not first]]}
    reordered["chapters"][-1] = {**reordered["chapters"][-1], "title": "Bijlagen bij het rapport"}
    app.text_area(key="report_template_yaml").set_value(template_yaml(reordered)).run()
    app.button(key="report_template_yaml_save").click().run()
    assert not app.exception
    options = app.sidebar.radio(key="report_chapter").options
    assert options[:2] == ["Samenvattende conclusies", "Voorwoord"] and options[-1] == "Bijlagen bij het rapport"
    assert current_template(db, LOCAL, report_id)[1] == 2
    app.text_area(key="report_template_yaml").set_value("chapters: []").run()
    app.button(key="report_template_yaml_save").click().run()
    assert any("niet opgeslagen" in e.value for e in app.error)
    assert current_template(db, LOCAL, report_id)[1] == 2
