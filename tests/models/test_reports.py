"""The report's storage and services: sections with versions and conflicts, items with
traceability, recommendations numbered across the report, role checks and events."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import decisions, quotes, reports, scans
from models import schema as s
from models.auth import LOCAL, Actor, PermissionDenied
from models.db import Database
from models.report_check import check_report, require_exportable
from models.report_evidence import ranked_evidence, skeleton_text, theme_skeleton
from models.report_outline import ReportError, heading_outline, load_library
from tests.models.report_data import build_scan


@pytest.fixture
def built(db: Database):  # type: ignore[no-untyped-def]
    return build_scan(db)


def test_report_outline_follows_the_template_with_a_chapter_per_pillar_and_a_section_per_theme(
    db: Database, built
) -> None:  # type: ignore[no-untyped-def]
    report = reports.ensure_report(db, LOCAL, built.scan_id)
    chapters = reports.report_outline(db, LOCAL, report.id)
    headings = [text for level, text in heading_outline(chapters) if level == 1]
    assert headings[:4] == ["Voorwoord", "Inleiding", "Onderzoeksopzet", "Samenvattende conclusies"]
    assert headings[4:9] == ["1. Bewustwording en organisatie", "2. Informatiepositie en -huishouding",
                             "3. Beleid en handhaving", "4. Integere en veilige werkomgeving", "5. Communicatie"]
    assert headings[-1] == "Bijlagen"
    bew = chapters[4]
    assert [x.title for x in bew.sections if x.level == 2] == ["Resultaten", "Conclusie", "Aanbevelingen"]
    assert "Bewustwording en kennis van ondermijning" in [x.title for x in bew.sections if x.level == 3]
    appendix = [x.title for x in chapters[-1].sections]
    assert "Geïnterviewde respondenten (n=3)" in appendix
    assert reports.ensure_report(db, LOCAL, built.scan_id).id == report.id  # one report per scan


def test_saving_keeps_versions_and_a_stale_save_is_refused_with_both_texts(db: Database, built) -> None:  # type: ignore[no-untyped-def]
    report = reports.ensure_report(db, LOCAL, built.scan_id)
    key = "BEW.conclusie"
    assert reports.save_section(db, LOCAL, report.id, key, "Eerste tekst.", base_version=0) == 1
    assert reports.save_section(db, LOCAL, report.id, key, "Tweede tekst.", base_version=1) == 2
    other = Actor("collega", "admin")
    # two analysts opened version 2; the colleague saves first
    assert reports.save_section(db, other, report.id, key, "Tekst van de collega.", base_version=2) == 3
    with pytest.raises(reports.SaveConflict) as conflict:
        reports.save_section(db, LOCAL, report.id, key, "Mijn tekst.", base_version=2)
    assert conflict.value.mine == "Mijn tekst."
    assert conflict.value.theirs == "Tekst van de collega."
    assert conflict.value.their_version == 3 and conflict.value.their_author == "collega"
    assert "collega" in conflict.value.message()
    assert reports.get_section(db, LOCAL, report.id, key).text == "Tekst van de collega."  # nothing overwritten
    merged = "Tekst van de collega.\n\nMijn tekst."
    assert reports.save_section(db, LOCAL, report.id, key, merged, base_version=3) == 4
    versions = reports.section_versions(db, LOCAL, report.id, key)
    assert [v.version for v in versions] == [4, 3, 2, 1]
    assert [v.saved_by for v in versions][:2] == ["lokaal", "collega"]
    with db.session() as session:
        saves = session.scalars(select(s.Event).where(s.Event.action == "report.section.save")).all()
    assert len(saves) == 4


def test_concurrent_first_saves_conflict_too(db: Database, built) -> None:  # type: ignore[no-untyped-def]
    report = reports.ensure_report(db, LOCAL, built.scan_id)
    reports.save_section(db, LOCAL, report.id, "voorwoord", "A", base_version=0)
    with pytest.raises(reports.SaveConflict) as conflict:
        reports.save_section(db, Actor("b", "admin"), report.id, "voorwoord", "B", base_version=0)
    assert conflict.value.theirs == "A"


def test_rejecting_a_coding_after_writing_flags_and_blocks_the_quote(db: Database, built) -> None:  # type: ignore[no-untyped-def]
    report = reports.ensure_report(db, LOCAL, built.scan_id)
    fragment_id = built.fragments["BEW.bewustwording"][0]
    item = reports.insert_quote(db, LOCAL, report.id, "BEW.resultaten.BEW.bewustwording", fragment_id,
                                pillar="BEW", theme="BEW.bewustwording")  # fmt: skip
    key = "BEW.resultaten.BEW.bewustwording"
    reports.save_section(db, LOCAL, report.id, key, f"Respondenten zeggen:\n\n{item.token}", base_version=0)
    assert check_report(db, LOCAL, report.id) == []
    decisions.reject(db, LOCAL, fragment_id)
    flags = check_report(db, LOCAL, report.id)
    assert [(f.item_id, f.code, f.blocking) for f in flags] == [(item.id, "rejected", True)]
    with pytest.raises(ReportError) as refused:
        require_exportable(db, LOCAL, report.id)
    assert f"Citaat {item.id}" in refused.value.message()


def test_consent_changes_are_flagged_and_nee_blocks(db: Database, built) -> None:  # type: ignore[no-untyped-def]
    report = reports.ensure_report(db, LOCAL, built.scan_id)
    fragment_id = built.fragments["INF.meldpunt"][0]  # respondent 1, consent ja
    item = reports.insert_quote(db, LOCAL, report.id, "INF.conclusie", fragment_id, pillar="INF", theme="INF.meldpunt")
    reports.save_section(db, LOCAL, report.id, "INF.conclusie", item.token, base_version=0)
    scans.update_respondent(db, LOCAL, built.respondents[0], consent="anoniem")
    assert [f.code for f in check_report(db, LOCAL, report.id)] == ["consent_changed"]
    scans.update_respondent(db, LOCAL, built.respondents[0], consent="nee")
    flags = check_report(db, LOCAL, report.id)
    assert [(f.code, f.blocking) for f in flags] == [("consent_nee", True)]


def test_a_quote_cannot_be_inserted_for_a_respondent_without_consent(db: Database, built) -> None:  # type: ignore[no-untyped-def]
    scans.update_respondent(db, LOCAL, built.respondents[0], consent="nee")
    report = reports.ensure_report(db, LOCAL, built.scan_id)
    with pytest.raises(ValueError):
        reports.insert_quote(db, LOCAL, report.id, "INF.conclusie", built.fragments["INF.meldpunt"][0],
                             pillar="INF", theme="INF.meldpunt")  # fmt: skip
    assert quotes.list_quotes(db, LOCAL, built.scan_id) == []


def test_recommendations_are_numbered_across_the_report_in_pillar_order(db: Database, built) -> None:  # type: ignore[no-untyped-def]
    report = reports.ensure_report(db, LOCAL, built.scan_id)
    library = {rec.seed_number: rec for rec in load_library()}
    assert len(library) == 12 and library[12].pillar == "COM"
    assert library[8].title == "Zorg dat kennis van het instrumentarium op orde is en blijft."
    com = reports.add_recommendation(db, LOCAL, report.id, pillar="COM", title=library[12].title,
                                     text=library[12].text, library_key=library[12].key)  # fmt: skip
    fragment = built.fragments["BEW.bewustwording"][1]
    bew = reports.add_recommendation(db, LOCAL, report.id, pillar="BEW", title="Organiseer trainingen.",
                                     evidence=[{"kind": "fragment", "id": fragment}])  # fmt: skip
    bew2 = reports.add_recommendation(db, LOCAL, report.id, pillar="BEW", title="Wijs een regisseur aan.")
    numbered = reports.list_recommendations(db, LOCAL, report.id)
    assert [(r.number, r.id) for r in numbered] == [(1, bew), (2, bew2), (3, com)]
    reports.move_recommendation(db, LOCAL, bew2, -1)
    assert [r.id for r in reports.list_recommendations(db, LOCAL, report.id)] == [bew2, bew, com]
    decisions.reject(db, LOCAL, fragment)
    assert [f.code for f in check_report(db, LOCAL, report.id)] == ["evidence_rejected"]
    with pytest.raises(ReportError):
        reports.add_recommendation(db, LOCAL, report.id, pillar="XYZ", title="Iets")


def test_interviewers_cannot_touch_the_report(db: Database, built) -> None:  # type: ignore[no-untyped-def]
    interviewer = Actor("ines", "interviewer", frozenset({built.scan_id}))
    with pytest.raises(PermissionDenied):
        reports.ensure_report(db, interviewer, built.scan_id)
    report = reports.ensure_report(db, LOCAL, built.scan_id)
    outsider = Actor("ana", "analyst", frozenset())
    with pytest.raises(PermissionDenied):
        reports.get_section(db, outsider, report.id, "voorwoord")


def test_evidence_panel_ranks_accepted_fragments_and_offers_a_skeleton(db: Database, built) -> None:  # type: ignore[no-untyped-def]
    ranked = ranked_evidence(db, LOCAL, built.scan_id, "BEW.bewustwording")
    assert sorted(e.fragment_id for e in ranked) == sorted(built.fragments["BEW.bewustwording"])
    assert all(e.source == "interview" and e.role for e in ranked)
    assert ranked[0].relevance >= max(e.relevance for e in ranked[1:]) - 1e-9
    points = theme_skeleton(db, LOCAL, built.scan_id, "BEW.bewustwording")
    assert 3 <= len(points) <= 4
    ids = sorted(i for p in points for i in p.evidence_ids)
    assert ids == sorted(built.fragments["BEW.bewustwording"])
    texts = {f.text for f in ranked}
    assert all(p.text in texts for p in points)  # the respondents' own words, no paraphrase
    assert skeleton_text(points).count("•") == len(points)


def test_evidence_panel_includes_survey_open_answers_with_their_source(db: Database, built) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select as sql_select

    from coding.survey.demo import demo_survey_csv
    from models import schema as s
    from models import surveys

    outcome = surveys.import_file(db, LOCAL, built.scan_id, demo_survey_csv(respondents=20), "e.csv", name="Enquête",
                                  code=False)  # fmt: skip
    assert outcome.fragments > 0
    with db.session() as session:
        fragment_id = session.scalar(
            sql_select(s.Fragment.id).join(s.Interview, s.Interview.id == s.Fragment.interview_id)
            .where(s.Interview.kind == surveys.SURVEY_KIND).order_by(s.Fragment.id)
        )  # fmt: skip
    assert fragment_id is not None
    decisions.code_manually(db, LOCAL, fragment_id, "BEW.bewustwording")
    ranked = ranked_evidence(db, LOCAL, built.scan_id, "BEW.bewustwording")
    survey_items = [e for e in ranked if e.fragment_id == fragment_id]
    assert [e.source for e in survey_items] == ["enquete"]
    assert survey_items[0].source_label.startswith("enquête: ")
    report = reports.ensure_report(db, LOCAL, built.scan_id)
    item = reports.insert_quote(db, LOCAL, report.id, "BEW.conclusie", fragment_id, pillar="BEW",
                                theme="BEW.bewustwording")  # fmt: skip
    assert item.attribution == "respondent uit de enquête"


def test_documents_and_checklist_feed_the_research_design_the_appendix_and_the_panel(db: Database, built) -> None:  # type: ignore[no-untyped-def]
    from models.demo_documents import add_demo_documents
    from models.report_evidence import checklist_status
    from models.report_generated import appendix, research_design, scan_facts

    add_demo_documents(db, LOCAL, built.scan_id, autocode=False)
    facts = scan_facts(db, LOCAL, built.scan_id)
    assert len(facts.documents) == 4
    design = " ".join(str(text) for _kind, text in research_design(facts))
    assert "4 documenten geanalyseerd" in design
    table = appendix("documents", facts, db, LOCAL, built.scan_id)[0][1]
    assert [row[0] for row in table[1:]] == [d["title"] for d in facts.documents]
    statuses = checklist_status(db, LOCAL, built.scan_id, "BEL")
    assert statuses and all(s.sentence for s in statuses)


def test_a_refused_actor_reads_a_dutch_reason(db: Database, built) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied) as refused:
        reports.ensure_report(db, Actor("ines", "interviewer", frozenset({built.scan_id})), built.scan_id)
    assert "aan het rapport werken" in refused.value.message()
