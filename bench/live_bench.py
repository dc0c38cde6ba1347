"""Live coding of one answer during an interview: segment, code, suggest (target p95 ≤ 300 ms).

Creates a temporary database with the demo scan, opens a new interview and
stores answers one by one, timing the work the chat screen starts after each
answer (``models.live_assistant`` without the background hand-off). Prints median and p95,
the last line as JSON (``bench/_runner.py``).

    python bench/live_bench.py [--answers 60]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import _runner

SEED = Path(__file__).resolve().parent.parent / "data" / "eval" / "seed_sentences_themes.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=60)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="weerbaar-live-")
    os.environ["WEERBAAR_DATA_DIR"] = folder
    from models import live_assistant
    from models.auth import LOCAL
    from models.demo import load_demo
    from models.interviews import add_turn, create_interview
    from models.scans import list_respondents
    from models.startup import connect_database

    db = connect_database(f"sqlite:///{folder}/live.sqlite")
    scan_id = load_demo(db, LOCAL)  # warm: pipeline, coder and learner are loaded once
    respondent = list_respondents(db, LOCAL, scan_id)[0]
    interview_id = create_interview(
        db, LOCAL, scan_id, title="Bench", kind="individueel", date="", interviewer="", participant_ids=[respondent.id]
    )
    sentences = [json.loads(line)["text"] for line in SEED.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(3)
    seconds = []
    for _ in range(args.answers):
        text = " ".join(rng.sample(sentences, rng.randint(2, 5)))
        turn = add_turn(
            db, LOCAL, interview_id, kind="answer", text=text, speaker_role="respondent", respondent_id=respondent.id
        )
        started = time.perf_counter()
        live_assistant.code_answer(db, LOCAL, interview_id, turn.id)
        live_assistant.refresh_suggestions(db, LOCAL, interview_id, turn_id=turn.id)
        seconds.append(time.perf_counter() - started)
    seconds.sort()
    p95 = seconds[max(0, int(round(0.95 * len(seconds))) - 1)]
    print(f"live coding of one answer over {len(seconds)} answers: median {statistics.median(seconds) * 1000:.0f} ms")
    figures = {"answers": len(seconds), "median_ms": round(statistics.median(seconds) * 1000, 1),
               "p95_ms": round(p95 * 1000, 1), "max_ms": round(seconds[-1] * 1000, 1)}
    return _runner.report("live", figures, target="p95_ms <= 300", met=p95 <= 0.300)


if __name__ == "__main__":
    sys.exit(main())
