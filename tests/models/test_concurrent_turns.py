"""Hole 13: four processes writing one interview: no IntegrityError, none lost, none duplicated."""

from __future__ import annotations

import multiprocessing
import traceback

import pytest
from sqlalchemy import select

from models import interviews
from models import schema as s
from models.auth import LOCAL
from models.db import Database
from tests.factories import new_interview

PROCESSES = 4
CALLS = 250


def _writer(url: str, interview_id: int, respondent_id: int, worker: int, results: multiprocessing.Queue) -> None:
    db = Database.open(url)
    failures: list[str] = []
    for call in range(CALLS):
        try:
            interviews.add_turn(
                db,
                LOCAL,
                interview_id,
                kind="answer",
                text=f"Antwoord {worker}-{call}.",
                speaker_role="respondent",
                respondent_id=respondent_id,
            )
        except Exception:  # every failure is counted, whatever its kind
            failures.append(traceback.format_exc(limit=1))
    db.engine.dispose()
    results.put((worker, failures))


@pytest.mark.slow
def test_concurrent_turns_four_processes_never_collide(db, db_url):
    _, respondent_id, interview_id = new_interview(db)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [
        context.Process(target=_writer, args=(db_url, interview_id, respondent_id, worker, results))
        for worker in range(PROCESSES)
    ]
    for process in workers:
        process.start()
    outcomes = [results.get(timeout=900) for _ in workers]
    for process in workers:
        process.join(timeout=60)
    failures = [failure for _, items in outcomes for failure in items]
    assert failures == [], failures[:3]
    with db.session() as session:
        turns = list(session.scalars(select(s.Turn).where(s.Turn.interview_id == interview_id)))
    texts = sorted(turn.text for turn in turns)
    assert len(texts) == PROCESSES * CALLS
    assert len(set(texts)) == PROCESSES * CALLS  # none duplicated
    assert sorted(turn.seq for turn in turns) == list(range(1, PROCESSES * CALLS + 1))  # none lost, no gaps
