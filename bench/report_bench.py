"""Export of a full report: 25 interviews, a 180-respondent survey, 20 charts (target ≤ 20 s).

Builds the data through the services (scans, interviews with segmentation, hand coding,
survey import, the report's own services), then times :func:`models.report_export.export_report`
to Word with a progress callback; PDF through LibreOffice is timed apart when installed.

    python bench/report_bench.py [--charts 20] [--pdf]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time

import _runner

from coding.survey.demo import demo_survey_csv
from models import decisions, interviews, reports, scans, surveys
from models import schema as s
from models.auth import LOCAL
from models.report_export import export_report, libreoffice_path
from models.report_outline import load_library
from models.startup import connect_database
from models.status import InterviewStatus

INTERVIEWS = 25
ANSWERS = [
    "Bij ons op de afdeling is ondermijning eigenlijk geen onderwerp waar we dagelijks over praten.",
    "Ik weet niet goed waar ik een vermoeden zou moeten melden, er is geen meldpunt.",
    "Informatie blijft vaak binnen de eigen afdeling hangen en wordt niet gedeeld.",
    "Bij vergunningen doen we soms een Bibob-toets, maar de kennis daarover is beperkt.",
    "Integriteit komt vooral aan bod bij de indiensttreding, daarna hoor je er weinig over.",
    "Medewerkers aan de balie krijgen af en toe te maken met intimidatie door burgers.",
    "Er wordt intern weinig gecommuniceerd over wat de organisatie tegen ondermijning doet.",
    "Een training met voorbeelden uit onze eigen gemeente zou erg helpen.",
]
THEMES = ["BEW.bewustwording", "INF.meldpunt", "INF.informatieoverleg", "BEL.bibob", "INT.integriteitsbeleid",
          "INT.agressie_intimidatie", "COM.intern", "BEW.training"]  # fmt: skip


def build(db_url: str, charts: int) -> tuple[object, int, dict[str, float]]:
    db = connect_database(db_url)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    scan_id = scans.create_scan(db, LOCAL, name="Benchscan", organisation="Provincie Bench", kind="provincie",
                                period="2026", measurement="nulmeting")  # fmt: skip
    with db.session() as session:
        codes = {c.code for c in session.query(s.Code).all()}
    themes = [th for th in THEMES if th in codes] or sorted(c for c in codes if "." in c)[:8]
    for number in range(INTERVIEWS):
        person = scans.add_respondent(db, LOCAL, scan_id, role=f"Functie {number % 9}", department=f"Afdeling {number % 5}")
        interview_id = interviews.create_interview(db, LOCAL, scan_id, title=f"Interview {number + 1}", kind="individueel",
                                                   date="2026-03-01", interviewer="Onderzoeker",
                                                   participant_ids=[person.id])  # fmt: skip
        for i, text in enumerate(ANSWERS):
            interviews.add_turn(db, LOCAL, interview_id, kind="question", text=f"Vraag {i + 1}?", speaker_role="interviewer")
            interviews.add_turn(db, LOCAL, interview_id, kind="answer", text=f"{text} (respondent {number + 1})",
                                speaker_role="respondent", respondent_id=person.id)  # fmt: skip
        interviews.set_interview_status(db, LOCAL, interview_id, InterviewStatus.FINISHED)
    with db.session() as session:
        fragments = [row.id for row in session.query(s.Fragment).filter(s.Fragment.scan_id == scan_id).order_by(s.Fragment.id)]
    for index, fragment_id in enumerate(fragments):
        decisions.code_manually(db, LOCAL, fragment_id, themes[index % len(themes)])
    timings["interviews_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    survey_id = surveys.import_file(db, LOCAL, scan_id, demo_survey_csv(respondents=180), "enquete.csv",
                                    name="Enquête", code=False).survey_id  # fmt: skip
    timings["survey_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    report = reports.ensure_report(db, LOCAL, scan_id)
    survey = surveys.load_survey(db, LOCAL, survey_id)
    questions = [q for q in survey.questions if q.type != "open" and q.theme]
    texts: dict[str, list[str]] = {}
    for index, fragment_id in enumerate(fragments[: 2 * len(themes) * 2]):
        theme = themes[index % len(themes)]
        key = f"{theme.split('.')[0]}.resultaten.{theme}"
        try:
            item = reports.insert_quote(db, LOCAL, report.id, key, fragment_id, pillar=theme.split(".")[0], theme=theme)
        except ValueError:
            continue
        texts.setdefault(key, ["Bevindingen uit de interviews en de enquête."]).append(item.token)
    for index in range(charts):
        question = questions[index % len(questions)]
        assert question.theme is not None
        key = f"{question.theme.split('.')[0]}.resultaten.{question.theme}"
        figure = reports.insert_survey_item(db, LOCAL, report.id, key, kind="figure", survey_id=survey_id,
                                            codes=[question.code])  # fmt: skip
        texts.setdefault(key, ["Bevindingen uit de enquête."]).append(figure.token)
        try:
            sentence = reports.insert_survey_item(db, LOCAL, report.id, key, kind="sentence", survey_id=survey_id,
                                                  codes=[question.code])  # fmt: skip
            texts[key].append(sentence.token)
        except ValueError:
            pass
    for key, parts in texts.items():
        reports.save_section(db, LOCAL, report.id, key, "\n\n".join(parts), base_version=0)
    for rec in load_library():
        reports.add_recommendation(db, LOCAL, report.id, pillar=rec.pillar, title=rec.title, text=rec.text,
                                   library_key=rec.key)  # fmt: skip
    timings["report_data_s"] = round(time.perf_counter() - started, 1)
    return db, scan_id, timings


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--charts", type=int, default=20)
    parser.add_argument("--pdf", action="store_true", help="also time the PDF conversion (LibreOffice)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db, scan_id, figures = build(f"sqlite:///{folder}/bench.sqlite", args.charts)
        _runner.line("data built", figures)
        steps: list[tuple[float, float, str]] = []
        start = time.perf_counter()
        result = export_report(db, LOCAL, scan_id, progress=lambda f, m: steps.append((time.perf_counter() - start, f, m)))  # type: ignore[arg-type]
        elapsed = time.perf_counter() - start
        figures.update(export_docx_s=round(elapsed, 2), progress_updates=len(steps), **result.stats(),
                       docx_kb=len(result.data) // 1024)  # fmt: skip
        chapters_at = [t for t, _f, m in steps if m.startswith("Hoofdstuk")]
        chart_at = [t for t, _f, m in steps if m.startswith("Grafiek")]
        figures["check_and_start_s"] = round(chapters_at[0], 2) if chapters_at else None
        if chart_at:
            figures["first_chart_at_s"] = round(chart_at[0], 2)
            figures["per_chart_s"] = round((chart_at[-1] - chart_at[0]) / max(len(chart_at) - 1, 1), 2)
        if args.pdf and libreoffice_path() is not None:
            start = time.perf_counter()
            export_report(db, LOCAL, scan_id, fmt="pdf")  # type: ignore[arg-type]
            figures["export_pdf_s"] = round(time.perf_counter() - start, 2)
        met = elapsed <= 20.0 and result.stats()["figures"] >= args.charts
    return _runner.report("report", figures, target=f"Word export with {args.charts} charts <= 20 s", met=met)


if __name__ == "__main__":
    sys.exit(main())
