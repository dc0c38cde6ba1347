"""Twenty interviews at once: every turn stored once, in order (correctness, not speed).

Runs on SQLite (WAL) and, when ``WEERBAAR_TEST_DATABASE_URL`` is set, on
PostgreSQL, because the ``db`` fixture follows that variable.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from models import schema as s
from models.auth import LOCAL
from models.db import Database
from models.interviews import add_turn, create_interview
from models.scans import add_respondent, create_scan

SESSIONS = 20
TURNS = 50
RETRY_EVERY = 7  # every 7th turn is submitted twice, as a double click or a retried request would


def _setup(db: Database) -> list[int]:
    scan_id = create_scan(db, LOCAL, name="Belasting", organisation="Gemeente Belasting", kind="gemeente")
    interview_ids = []
    for number in range(SESSIONS):
        respondent = add_respondent(db, LOCAL, scan_id, role=f"medewerker {number}")
        interview_ids.append(
            create_interview(
                db,
                LOCAL,
                scan_id,
                title=f"Gesprek {number}",
                kind="individueel",
                date="2025-01-01",
                interviewer="lokaal",
                participant_ids=[respondent.id],
            )
        )
    return interview_ids


@pytest.mark.slow  # a load test: threads writing hundreds of turns at once
def test_load_concurrent_sessions_lose_and_duplicate_nothing(db: Database) -> None:
    interview_ids = _setup(db)
    start = threading.Barrier(SESSIONS)
    acknowledged: dict[int, list[str]] = {}

    def session(number: int, interview_id: int) -> None:
        start.wait()
        stored: list[str] = []
        for turn in range(TURNS):
            token = f"s{number:02d}-t{turn:03d}"
            kind, role = ("question", "interviewer") if turn % 2 == 0 else ("answer", "respondent")
            text = f"Sessie {number}, beurt {turn}: wij melden signalen bij het RIEC."
            row = add_turn(db, LOCAL, interview_id, kind=kind, text=text, speaker_role=role, client_token=token)
            assert row.client_token == token
            if turn % RETRY_EVERY == 0:
                again = add_turn(
                    db, LOCAL, interview_id, kind=kind, text=text, speaker_role=role, client_token=token
                )
                assert again.id == row.id
            stored.append(token)
        acknowledged[interview_id] = stored

    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        futures = [pool.submit(session, n, i) for n, i in enumerate(interview_ids)]
        for future in futures:
            future.result()

    with db.session() as session_:
        rows = session_.execute(select(s.Turn.interview_id, s.Turn.seq, s.Turn.client_token)).all()
    assert len(rows) == SESSIONS * TURNS
    counts = Counter(token for _, _, token in rows)
    assert max(counts.values()) == 1, "a turn was stored twice"
    for interview_id in interview_ids:
        tokens = [token for iid, _, token in sorted(rows, key=lambda r: (r[0], r[1])) if iid == interview_id]
        assert tokens == acknowledged[interview_id], "turns lost or out of order"
        seqs = sorted(seq for iid, seq, _ in rows if iid == interview_id)
        assert seqs == list(range(1, TURNS + 1))
