"""Benchmark the survey import and the charts of one pillar.

* import: a CSV of 10,000 respondents × 300 columns (Likert grids, choices,
  check-all columns, numbers, dates, open answers and metadata), parsed,
  typed and turned into answers (``build_preview`` + ``finalize``); target ≤ 10 s.
  With ``--storage`` the parsed survey is also saved in a throw-away SQLite
  database through ``models.surveys.import_survey`` (one transaction, then the
  open answers are segmented into fragments; no auto-coding): ``storage_s``.
* charts: frequencies, sentences and plotly figures of every question of the
  pillar with the most questions in the demo survey; target ≤ 1 s.

Run: ``.venv/bin/python bench/survey_bench.py [--respondents 10000] [--columns 300] [--storage]``.
The last line printed is JSON with the figures, the targets and whether they were met.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import time
from typing import Any

import _runner

from coding.survey.charts import fig_question
from coding.survey.demo import demo_survey_csv
from coding.survey.preview import build_preview, finalize
from coding.survey.sentences import figure_sentence
from coding.survey.stats import frequencies
from coding.survey.template import match_template

AGREE = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens", "Weet niet"]
DEPTS = ["Financiën", "ICT", "Vergunningen", "Communicatie", "Bestuur", "Facilitaire Zaken"]


def big_csv(respondents: int, columns: int, seed: int = 0) -> bytes:
    """A synthetic export with ``columns`` columns in the usual mix of types."""
    rng = random.Random(seed)
    headers = ["ResponseId", "Startdatum", "IP-adres", "Afdeling"]
    makers: list = [
        lambda i: f"R_{i:08d}",
        lambda i: f"02-03-2026 {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}:00",
        lambda i: f"10.{i % 250}.{i % 7}.{i % 200}",
        lambda i: rng.choice(DEPTS),
    ]
    grid = 0
    while len(headers) < columns:
        slot = len(headers) % 10
        if slot < 7:  # Likert grid statements
            grid += 1
            headers.append(f"Stellingen blok {grid // 4} [Stelling {grid}]")
            makers.append(lambda i: "" if rng.random() < 0.08 else rng.choices(AGREE, (2, 10, 25, 45, 15, 3))[0])
        elif slot == 7:
            headers.append(f"Keuzevraag {len(headers)}")
            makers.append(lambda i: rng.choice(["Ja", "Nee", "Weet ik niet"]))
        elif slot == 8:
            headers.append(f"Welke taken {len(headers)}")
            makers.append(
                lambda i: ";".join(rng.sample(["Inkoop", "Subsidies", "Vergunningen", "Toezicht"], rng.randint(1, 3)))
            )
        else:
            kind = len(headers) % 3
            headers.append(["Aantal jaren", "Datum laatste training", "Kunt u toelichten"][kind] + f" {len(headers)}")
            if kind == 0:
                makers.append(lambda i: str(rng.randint(0, 40)))
            elif kind == 1:
                makers.append(lambda i: f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
            else:
                makers.append(
                    lambda i: "" if rng.random() < 0.9 else f"Toelichting {rng.randint(0, 10**6)} over meer training."
                )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(headers[:columns])
    for i in range(respondents):
        writer.writerow([make(i) for make in makers[:columns]])
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--respondents", type=int, default=10_000)
    parser.add_argument("--columns", type=int, default=300)
    parser.add_argument("--storage", action="store_true")
    args = parser.parse_args()

    data = big_csv(args.respondents, args.columns)
    start, cpu = time.perf_counter(), time.process_time()
    preview = build_preview(data, "groot.csv")
    survey = finalize(preview)
    import_s, import_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    storage_s: float | None = None
    if args.storage:
        storage_s = _storage(survey)

    demo = build_preview(demo_survey_csv(), "demo.csv")
    match_template(demo.questions)
    demo_survey = finalize(demo)
    by_pillar: dict[str, list] = {}
    for spec in demo_survey.questions:
        by_pillar.setdefault(spec.pillar or "", []).append(spec)
    pillar, specs = max(by_pillar.items(), key=lambda item: len(item[1]))
    start = time.perf_counter()
    groups: dict[str, list] = {}
    for spec in specs:
        groups.setdefault(spec.group or spec.code, []).append(spec)
    charts_done = 0
    for members in groups.values():
        tables = [frequencies(spec, demo_survey.answers[spec.code]) for spec in members]
        for table in tables:
            figure_sentence(table)
        fig_question(tables, members[0].group_text)
        charts_done += 1
    charts_s = time.perf_counter() - start

    figures = {
        "respondents": len(survey.respondents),
        "columns": args.columns,
        "questions": len(survey.questions),
        "import_s": round(import_s, 2),
        "import_cpu_s": round(import_cpu_s, 2),
        "storage_s": None if storage_s is None else round(storage_s, 2),
        "charts_pillar": pillar,
        "charts": charts_done,
        "charts_s": round(charts_s, 3),
    }
    _runner.report(
        "survey",
        figures,
        target="import 10,000 x 300 <= 10 s; charts of one pillar <= 1 s",
        met=import_s <= 10 and charts_s <= 1,
    )


def _storage(survey: Any) -> float:
    """Seconds to store the parsed survey through ``models.surveys`` (open answers segmented, not auto-coded)."""
    import tempfile

    from models import surveys
    from models.auth import LOCAL
    from models.scans import create_scan
    from models.startup import connect_database

    with tempfile.TemporaryDirectory() as folder:
        db = connect_database(f"sqlite:///{folder}/bench.sqlite")
        scan_id = create_scan(db, LOCAL, name="bench", organisation="Bench", kind="gemeente")
        start = time.perf_counter()
        surveys.import_survey(db, LOCAL, scan_id, survey, code=False)
        return time.perf_counter() - start


if __name__ == "__main__":
    main()
