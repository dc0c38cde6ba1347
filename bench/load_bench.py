"""Benchmark storing turns: 20 concurrent sessions x 50 turns, and 1,000 sequential turns.

Usage::

    .venv/bin/python bench/load_bench.py [--sessions 20] [--turns 50] [--sequential 1000]
    WEERBAAR_BENCH_DATABASE_URL=postgresql+psycopg://user:pw@localhost/weerbaar_bench \\
        .venv/bin/python bench/load_bench.py

Every turn goes through ``models.interviews.add_turn`` (the path the interview page
uses), each in its own transaction, with a ``client_token``. SQLite runs in a
temporary file (WAL, ``synchronous=NORMAL``); PostgreSQL runs in the database
named by ``WEERBAAR_BENCH_DATABASE_URL`` (its tables are emptied of the scans
made here afterwards). The last line printed is JSON with, per backend,
throughput (turns/s) and median/p95 latency (ms) of one ``add_turn`` under
load, and for SQLite the median/p95 of storing one turn sequentially (issue 2's
target: p95 <= 20 ms).
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import _runner

from models.auth import LOCAL
from models.db import Database
from models.interviews import add_turn, create_interview, list_turns
from models.scans import add_respondent, create_scan
from models.startup import connect_database

log = logging.getLogger("load_bench")


def percentile(values: list[float], q: float) -> float:
    """The ``q``-quantile (0..1) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def make_interviews(db: Database, count: int, label: str) -> tuple[int, list[int]]:
    scan_id = create_scan(db, LOCAL, name=f"bench {label}", organisation="Benchmark", kind="gemeente")
    ids = []
    for number in range(count):
        respondent = add_respondent(db, LOCAL, scan_id, role=f"medewerker {number}")
        ids.append(
            create_interview(
                db,
                LOCAL,
                scan_id,
                title=f"Bench {number}",
                kind="individueel",
                date="2025-01-01",
                interviewer="bench",
                participant_ids=[respondent.id],
            )
        )
    return scan_id, ids


def _text(number: int, turn: int) -> str:
    return (
        f"Sessie {number}, beurt {turn}. We hebben signalen van ondermijning besproken met het RIEC "
        "en de Bibob-toets toegepast bij de horecavergunning; collega's weten nu beter waar ze melden."
    )


def concurrent(db: Database, sessions: int, turns: int) -> dict[str, Any]:
    """``sessions`` threads, each storing ``turns`` turns into its own interview."""
    _, interview_ids = make_interviews(db, sessions, f"concurrent {uuid.uuid4().hex[:8]}")
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(sessions + 1)

    def worker(number: int, interview_id: int) -> None:
        mine = []
        barrier.wait()
        for turn in range(turns):
            began = time.perf_counter()
            add_turn(
                db,
                LOCAL,
                interview_id,
                kind="answer",
                text=_text(number, turn),
                speaker_role="respondent",
                client_token=uuid.uuid4().hex,
            )
            mine.append(time.perf_counter() - began)
        with lock:
            latencies.extend(mine)

    with ThreadPoolExecutor(max_workers=sessions) as pool:
        futures = [pool.submit(worker, n, i) for n, i in enumerate(interview_ids)]
        barrier.wait()
        began = time.perf_counter()
        for future in futures:
            future.result()
        elapsed = time.perf_counter() - began
    stored = sum(len(list_turns(db, i)) for i in interview_ids)
    return {
        "turns": sessions * turns,
        "stored": stored,
        "seconds": round(elapsed, 3),
        "turns_per_second": round(sessions * turns / elapsed, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 2),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 2),
    }


def sequential(db: Database, count: int) -> dict[str, Any]:
    """Store ``count`` turns one after the other into one interview."""
    _, (interview_id,) = make_interviews(db, 1, f"sequential {uuid.uuid4().hex[:8]}")
    latencies = []
    for turn in range(count):
        began = time.perf_counter()
        add_turn(
            db,
            LOCAL,
            interview_id,
            kind="answer",
            text=_text(0, turn),
            speaker_role="respondent",
            client_token=uuid.uuid4().hex,
        )
        latencies.append(time.perf_counter() - began)
    return {
        "turns": count,
        "median_ms": round(statistics.median(latencies) * 1000, 2),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 2),
        "max_ms": round(max(latencies) * 1000, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--sequential", type=int, default=1000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    log.setLevel(logging.INFO)
    result: dict[str, Any] = {"sessions": args.sessions, "turns_per_session": args.turns}

    with tempfile.TemporaryDirectory() as folder:
        os.environ["WEERBAAR_DATA_DIR"] = folder
        db = connect_database(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        sqlite_seq = sequential(db, args.sequential)
        log.info("sqlite sequential: %s", sqlite_seq)
        sqlite_conc = concurrent(db, args.sessions, args.turns)
        log.info("sqlite concurrent: %s", sqlite_conc)
        result["sqlite"] = {"sequential": sqlite_seq, "concurrent": sqlite_conc}
        db.engine.dispose()

    url = os.environ.get("WEERBAAR_BENCH_DATABASE_URL")
    if url:
        db = connect_database(url)
        pg_seq = sequential(db, args.sequential)
        log.info("postgresql sequential: %s", pg_seq)
        pg_conc = concurrent(db, args.sessions, args.turns)
        log.info("postgresql concurrent: %s", pg_conc)
        result["postgresql"] = {"sequential": pg_seq, "concurrent": pg_conc}
        db.engine.dispose()

    met = result["sqlite"]["sequential"]["p95_ms"] <= 20
    return _runner.report("load", result, target="sqlite sequential p95_ms <= 20, 0 lost, 0 duplicated", met=met)


if __name__ == "__main__":
    sys.exit(main())
