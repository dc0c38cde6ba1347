"""Tests for ``python -m coding bench``: repeats in fresh processes, medians, a Dutch error for bad input."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "coding", "bench", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
def test_bench_reports_the_median_of_repeats_in_fresh_processes() -> None:
    done = _bench("--fragments", "40", "--repeats", "3", "--decisions", "30")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    runs = [line for line in lines if "run" in line]
    summary = lines[-1]
    assert [r["run"] for r in runs] == [1, 2, 3]
    assert summary["fragments"] == 40 and summary["repeats"] == 3
    assert summary["seconds"] == pytest.approx(statistics.median(r["seconds"] for r in runs), abs=0.002)
    assert summary["tokenize_seconds"] == pytest.approx(statistics.median(r["tokenize_seconds"] for r in runs), abs=0.002)
    assert lines[-2]["retrain_decisions"] == 30


def test_bench_without_repeats_says_so_in_dutch() -> None:
    done = _bench("--repeats", "0")
    assert done.returncode != 0
    assert "Het aantal herhalingen moet minstens 1 zijn." in done.stderr
    assert not done.stdout.strip()
