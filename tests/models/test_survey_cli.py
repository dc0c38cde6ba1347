"""``python -m models survey import|summary`` (subprocess: slow)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.auth import Actor
from models.db import Database
from models.scans import create_scan
from tests.coding.survey_files import csv_bytes, limesurvey_rows, lss_structure

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "models", "survey", *args], cwd=ROOT, capture_output=True, text=True,
        env=dict(os.environ), timeout=300, check=False,
    )  # fmt: skip


@pytest.mark.slow
def test_survey_cli_import_and_summary(db: Database, local_actor: Actor, tmp_path: Path) -> None:
    create_scan(db, local_actor, name="cli", organisation="Gemeente Test", kind="gemeente")
    export = tmp_path / "lime.csv"
    export.write_bytes(csv_bytes(limesurvey_rows(25)))
    structure = tmp_path / "lime.lss"
    structure.write_bytes(lss_structure())
    done = _run("import", "--scan", "cli", str(export), "--structure", str(structure), "--no-autocode")
    assert done.returncode == 0, done.stderr
    last = json.loads(done.stdout.strip().splitlines()[-1])
    assert last == {
        "respondents": 25,
        "questions": 6,  # the submission date is kept as a date question; its time is left out
        "by_type": {"likert": 2, "choice": 1, "multi": 1, "numeric": 0, "date": 1, "open": 1},
        "dropped_columns": ["id", "submitdate", "lastpage", "startlanguage", "seed", "ipaddr"],
    }
    summary = _run("summary", "--scan", "cli")
    assert summary.returncode == 0
    assert json.loads(summary.stdout.strip().splitlines()[-1]) == last
    missing = _run("summary", "--scan", "bestaat-niet")
    assert missing.returncode == 2 and "bestaat-niet" in missing.stderr
