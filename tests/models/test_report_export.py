"""The Word export of the report: outline, quotes, figures and sentences traced to their data,
the blocking rules, PDF through LibreOffice and the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import delete, select

from coding.survey.sentences import figure_sentence
from coding.survey.stats import frequencies
from models import quotes, report_export, reports, surveys
from models import schema as s
from models.auth import LOCAL
from models.db import Database
from models.report_export import export_report, libreoffice_path
from models.report_outline import ReportError, heading_outline
from tests.models.report_data import ReportScan, build_scan

ROOT = Path(__file__).resolve().parents[2]


Written = tuple[ReportScan, int, dict[str, int]]


@pytest.fixture
def _report(built_db, monkeypatch: pytest.MonkeyPatch) -> tuple[Database, Written]:  # type: ignore[no-untyped-def]
    """A copy of the written report's database (written once per run)."""
    monkeypatch.setattr(report_export, "png_export_available", lambda: False)  # charts as tables: no browser here
    return built_db("report-export-written", _write)  # type: ignore[no-any-return]


@pytest.fixture
def db(_report: tuple[Database, Written]) -> Database:
    """This module's tests work on the written report."""
    return _report[0]


@pytest.fixture
def written(_report: tuple[Database, Written]) -> Written:
    return _report[1]


def _write(db: Database) -> Written:
    """A report with text in two pillars, two quotes, a chart, a figure sentence and two recommendations."""
    from coding.survey.demo import demo_survey_csv

    built = build_scan(db)
    survey_id = surveys.import_file(db, LOCAL, built.scan_id, demo_survey_csv(respondents=60), "e.csv",
                                    name="Enquête", code=False).survey_id  # fmt: skip
    report = reports.ensure_report(db, LOCAL, built.scan_id)
    theme_key = "BEW.resultaten.BEW.bewustwording"
    q1 = reports.insert_quote(db, LOCAL, report.id, theme_key, built.fragments["BEW.bewustwording"][0],
                              pillar="BEW", theme="BEW.bewustwording")  # fmt: skip
    q2 = reports.insert_quote(db, LOCAL, report.id, theme_key, built.fragments["BEW.bewustwording"][2],
                              pillar="BEW", theme="BEW.bewustwording")  # anoniem respondent  # fmt: skip
    fig = reports.insert_survey_item(db, LOCAL, report.id, theme_key, kind="figure", survey_id=survey_id,
                                     codes=["V7_1", "V7_2", "V7_3"])  # fmt: skip
    sentence = reports.insert_survey_item(db, LOCAL, report.id, "INF.resultaten.INF.meldpunt", kind="sentence",
                                          survey_id=survey_id, codes=["V10"])  # fmt: skip
    reports.save_section(db, LOCAL, report.id, theme_key,
                         f"Bewustwording verschilt per functie.\n\n{q1.token}\n\n• Eerste punt\n• Tweede punt\n\n"
                         f"{q2.token}\n\n{fig.token}", base_version=0)  # fmt: skip
    reports.save_section(db, LOCAL, report.id, "INF.resultaten.INF.meldpunt",
                         f"Er is geen meldpunt.\n\n{sentence.token}", base_version=0)  # fmt: skip
    reports.save_section(db, LOCAL, report.id, "BEW.conclusie", "De organisatie is nog niet voldoende bewust.",
                         base_version=0)  # fmt: skip
    reports.add_recommendation(db, LOCAL, report.id, pillar="INF", title="Richt een meldpunt in.")
    reports.add_recommendation(db, LOCAL, report.id, pillar="BEW", title="Organiseer trainingen.")
    return built, survey_id, {"q1": q1.id, "q2": q2.id, "fig": fig.id, "sentence": sentence.id}


def _outline(path_or_bytes: bytes) -> list[tuple[int, str]]:
    import io

    document = Document(io.BytesIO(path_or_bytes))
    return [(int(p.style.name[-1]), p.text) for p in document.paragraphs if p.style.name.startswith("Heading ")]


def test_heading_outline_follows_the_template(db: Database, written) -> None:  # type: ignore[no-untyped-def]
    built, _survey, _ids = written
    result = export_report(db, LOCAL, built.scan_id)
    report = reports.ensure_report(db, LOCAL, built.scan_id)
    chapters = reports.report_outline(db, LOCAL, report.id)
    expected = heading_outline(chapters)
    assert _outline(result.data) == expected
    assert result.stats()["chapters"] == 11 and result.stats()["recommendations"] == 2
    untitled = [x.key for c in chapters for x in c.sections if not x.title]
    assert untitled == ["voorwoord", "inleiding", "onderzoeksopzet.methode", "onderzoeksopzet.toelichting",
                        "samenvatting", "aanbevelingen.overzicht"]
    assert result.stats()["sections"] == len([level for level, _ in expected if level > 1]) + len(untitled)
    xml = result.data
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(xml)) as archive:
        body = archive.read("word/document.xml").decode()
        footers = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer"))
    assert 'TOC \\o "1-3"' in body and "SEQ Figuur" in body
    assert "PAGE" in footers
    document = Document(io.BytesIO(result.data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Weerbaarheidsscan Provincie Voorbeeld" and "Provincie Voorbeeld" in texts[2]
    assert "Aanbeveling 1. Organiseer trainingen." in texts and "Aanbeveling 2. Richt een meldpunt in." in texts
    assert any(t.startswith("Daarnaast zijn 3 gesprekken gevoerd (3 individuele gesprekken en 0 groepsgesprekken)")
               for t in texts)  # fmt: skip
    assert any("60 respondenten de digitale enquête" in t for t in texts)


def test_every_quote_is_an_accepted_consented_fragment_with_the_right_attribution(db: Database, written) -> None:  # type: ignore[no-untyped-def]
    import io

    built, _survey, ids = written
    for style, attributions in (("respondent", ["respondent uit de interviews"] * 2),
                                ("role", ["een afdelingshoofd", "respondent uit de interviews"])):  # fmt: skip
        quotes.set_citation_style(db, LOCAL, built.scan_id, style)
        result = export_report(db, LOCAL, built.scan_id)
        document = Document(io.BytesIO(result.data))
        in_doc = [p.text for p in document.paragraphs if p.style.name == "Quote"]
        assert in_doc == [q.citation for q in result.quotes]
        assert [q.attribution for q in result.quotes] == attributions  # anoniem falls back to the respondent style
        with db.session() as session:
            for exported in result.quotes:
                fragment = session.get(s.Fragment, exported.fragment_id)
                assert fragment is not None and fragment.status == "accepted"
                assert fragment.turn.respondent is not None and fragment.turn.respondent.consent != "nee"
                assert exported.citation == f"‘{fragment.text}’ ({exported.attribution})."


def test_every_figure_sentence_matches_the_survey_data_it_came_from(db: Database, written) -> None:  # type: ignore[no-untyped-def]
    import io

    built, survey_id, ids = written
    survey = surveys.load_survey(db, LOCAL, survey_id)
    spec = next(q for q in survey.questions if q.code == "V10")
    expected = figure_sentence(frequencies(spec, survey.answers["V10"]))
    assert expected is not None
    result = export_report(db, LOCAL, built.scan_id)
    texts = [p.text for p in Document(io.BytesIO(result.data)).paragraphs]
    sentence = next(f for f in result.figures if f.kind == "sentence")
    assert sentence.text == expected.text and expected.text in texts
    assert f"n={expected.n}" in expected.text
    figure = next(f for f in result.figures if f.kind == "figure")
    grid = [frequencies(q, survey.answers[q.code]) for q in survey.questions if q.code in ("V7_1", "V7_2", "V7_3")]
    assert figure.text.endswith(f"(n={max(t.n for t in grid)})")
    assert any(t.startswith("Figuur 1 – ") and t.endswith(f"(n={max(t.n for t in grid)})") for t in texts)
    # the data changes: answers are corrected away; the check flags it and the export uses the new numbers
    with db.session() as session:
        question = session.scalar(select(s.SurveyQuestion).where(s.SurveyQuestion.survey_id == survey_id,
                                                                 s.SurveyQuestion.code == "V10"))  # fmt: skip
        assert question is not None
        first = session.scalars(select(s.SurveyAnswer.id).where(s.SurveyAnswer.question_id == question.id)).all()[:10]
        session.execute(delete(s.SurveyAnswer).where(s.SurveyAnswer.id.in_(first)))
    from models.report_check import check_report

    report = reports.ensure_report(db, LOCAL, built.scan_id)
    flags = check_report(db, LOCAL, report.id)
    assert [(f.item_id, f.code, f.before["n"], f.after["n"]) for f in flags] == [
        (ids["sentence"], "numbers_changed", expected.n, expected.n - 10)
    ]
    again = export_report(db, LOCAL, built.scan_id)
    assert f"n={expected.n - 10}" in next(f for f in again.figures if f.kind == "sentence").text
    reports.refresh_item(db, LOCAL, ids["sentence"])
    assert check_report(db, LOCAL, report.id) == []


def test_a_quote_with_personal_data_blocks_the_export_and_is_named(db: Database, written) -> None:  # type: ignore[no-untyped-def]
    built, _survey, ids = written
    quote_id = reports.list_items(db, LOCAL, reports.ensure_report(db, LOCAL, built.scan_id).id)[ids["q1"]].quote_id
    assert quote_id is not None
    quotes.edit_quote(db, LOCAL, quote_id, "Mail j.jansen@provincie.nl als je iets ziet.")
    with pytest.raises(ReportError) as refused:
        export_report(db, LOCAL, built.scan_id)
    assert f"Citaat {ids['q1']}" in refused.value.message() and "kan nog niet worden geëxporteerd" in refused.value.message()
    with db.session() as session:
        assert session.scalar(select(s.Event.id).where(s.Event.action == "report.export")) is None


def test_progress_is_reported_from_start_to_end(db: Database, written) -> None:  # type: ignore[no-untyped-def]
    built, _survey, _ids = written
    seen: list[float] = []
    export_report(db, LOCAL, built.scan_id, progress=lambda f, _m: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_a_replaced_template_without_the_styles_still_exports(db: Database, written, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import io

    built, _survey, _ids = written
    bare = tmp_path / "huisstijl.docx"
    Document().save(str(bare))
    result = export_report(db, LOCAL, built.scan_id, template=bare)
    assert [p.style.name for p in Document(io.BytesIO(result.data)).paragraphs if p.style.name == "Quote"]
    broken = tmp_path / "kapot.docx"
    broken.write_bytes(b"geen word")
    with pytest.raises(ReportError):
        export_report(db, LOCAL, built.scan_id, template=broken)


@pytest.mark.slow
def test_the_word_file_opens_in_libreoffice_and_converts_to_pdf(db: Database, written, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if libreoffice_path() is None:
        pytest.skip("LibreOffice is not installed (CI installs it)")
    import io

    from pypdf import PdfReader

    from coding import charts

    monkeypatch.setattr(report_export, "png_export_available", charts.png_export_available)  # real charts if possible
    built, _survey, _ids = written
    result = export_report(db, LOCAL, built.scan_id, fmt="pdf")
    assert result.data.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(result.data)).pages)
    assert "1. Bewustwording en organisatie" in text and "Aanbeveling 1." in text
    assert "respondent uit de interviews" in text
    assert "Figuur 1" in text


@pytest.mark.slow
def test_command_line_prints_the_counts_as_its_last_line(db: Database, written, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    built, _survey, _ids = written
    out = tmp_path / "rapport.docx"
    env = {**os.environ, "WEERBAAR_DATABASE_URL": db.url}
    done = subprocess.run([sys.executable, "-m", "models", "report", "--scan", "Rapportscan", "--out", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout.strip().splitlines()[-1])
    assert list(stats) == ["chapters", "sections", "quotes", "figures", "recommendations", "words"]
    assert stats["quotes"] == 2 and stats["figures"] == 1 and stats["recommendations"] == 2 and stats["words"] > 100
    assert out.read_bytes()[:2] == b"PK"
    bad = subprocess.run([sys.executable, "-m", "models", "report", "--scan", "bestaat-niet", "--out", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert bad.returncode == 2 and "bestaat-niet" in bad.stderr
