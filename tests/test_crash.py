"""Crash test: kill the server and a writer mid-stream; every acknowledged turn survives, once.

A real ``streamlit run app.py`` serves the test database while a writer
process stores turns through ``models.interviews.add_turn`` (the storage path of
the interview page) and appends the token of every turn it was told was
stored to an acknowledgement file. Both processes are killed with SIGKILL
mid-stream; the server is started again and must come up healthy; every
acknowledged turn is there, none twice, in order. Runs on SQLite and, when
``WEERBAAR_TEST_DATABASE_URL`` is set, on PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from models import schema as s
from models.auth import LOCAL
from models.db import Database
from models.interviews import create_interview
from models.scans import add_respondent, create_scan
from models.startup import connect_database
from tests.streamlit_server import free_port, start_streamlit, wait_healthy

ROOT = Path(__file__).resolve().parents[1]

WRITER = textwrap.dedent(
    """
    import os, sys
    from models.scans import add_respondent, create_scan
    from models.interviews import add_turn, create_interview
    from models.auth import LOCAL
    from models.startup import connect_database

    interview_id, prefix, count, ack = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    db = connect_database(os.environ["WEERBAAR_DATABASE_URL"])
    with open(ack, "a", encoding="utf-8") as out:
        for number in range(count):
            token = f"{prefix}-{number:05d}"
            kind, role = ("question", "interviewer") if number % 2 == 0 else ("answer", "respondent")
            text = f"Beurt {number}: signalen van ondermijning worden gemeld bij het RIEC."
            turn = add_turn(db, LOCAL, interview_id, kind=kind, text=text, speaker_role=role, client_token=token)
            out.write(f"{turn.id} {token}\\n")
            out.flush()
    """
)


def _env(tmp_path: Path, db_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        WEERBAAR_DATABASE_URL=db_url,
        WEERBAAR_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT),
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
    )
    return env


def _kill(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def _acknowledged(ack: Path) -> list[str]:
    # a line cut off by the kill has no newline yet: that turn was never acknowledged
    text = ack.read_text(encoding="utf-8") if ack.exists() else ""
    return [line.split()[1] for line in text.splitlines(keepends=True) if line.endswith("\n")]


def _wait_for(ack: Path, count: int, writer: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while len(_acknowledged(ack)) < count:
        if writer.poll() is not None:
            pytest.fail(f"writer exited early with {writer.returncode}")
        if time.monotonic() > deadline:
            pytest.fail(f"writer stored only {len(_acknowledged(ack))} turns in {timeout}s")
        time.sleep(0.05)


@pytest.mark.slow
def test_crash_kill_server_and_writer_loses_no_acknowledged_turn(db: Database, db_url: str, tmp_path: Path) -> None:
    scan_id = create_scan(db, LOCAL, name="Crash", organisation="Gemeente Crash", kind="gemeente")
    respondent = add_respondent(db, LOCAL, scan_id, role="handhaver")
    interview_id = create_interview(
        db,
        LOCAL,
        scan_id,
        title="Gesprek tijdens stroomstoring",
        kind="individueel",
        date="2025-01-01",
        interviewer="lokaal",
        participant_ids=[respondent.id],
    )
    db.engine.dispose()

    env = _env(tmp_path, db_url)
    port = free_port()
    server_log, ack = tmp_path / "streamlit.log", tmp_path / "ack.txt"
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")

    server = start_streamlit(port, env, server_log)
    try:
        wait_healthy(port, server, server_log)
        writer = subprocess.Popen(
            [sys.executable, str(script), str(interview_id), "eerste", "100000", str(ack)],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        try:
            _wait_for(ack, 150, writer)
        finally:
            _kill(writer)
            _kill(server)
        assert writer.returncode == -signal.SIGKILL
        first = _acknowledged(ack)

        server = start_streamlit(port, env, server_log)
        wait_healthy(port, server, server_log)
        # the database takes writes again after the crash, and the sequence continues
        writer = subprocess.Popen(
            [sys.executable, str(script), str(interview_id), "tweede", "20", str(ack)], cwd=ROOT, env=env
        )
        assert writer.wait(timeout=120) == 0
    finally:
        _kill(server)

    acknowledged = _acknowledged(ack)
    assert len(acknowledged) == len(first) + 20
    check = connect_database(db_url)
    try:
        with check.session() as session:
            rows = session.execute(
                select(s.Turn.seq, s.Turn.client_token).where(s.Turn.interview_id == interview_id).order_by(s.Turn.seq)
            ).all()
        if check.is_sqlite:
            with check.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        check.engine.dispose()
    tokens = [token for _, token in rows]
    duplicates = [token for token, n in Counter(tokens).items() if n > 1]
    assert not duplicates, f"stored twice: {duplicates[:5]}"
    missing = set(acknowledged) - set(tokens)
    assert not missing, f"{len(missing)} acknowledged turns lost, e.g. {sorted(missing)[:5]}"
    # at most the one turn committed between the kill and its acknowledgement is extra
    assert len(tokens) - len(acknowledged) in (0, 1)
    assert [seq for seq, _ in rows] == list(range(1, len(rows) + 1))
    stored_order = [token for token in tokens if token in set(acknowledged)]
    assert stored_order == acknowledged, "order within the interview changed"
