"""Tests for ``python -m coding segment``: JSON lines for a good file, Dutch error for a bad one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coding.transcripts import read_transcript_file

ROOT = Path(__file__).resolve().parents[2]

VTT = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
<v Interviewer>Hoe merkt u ondermijning in uw wijk?</v>

2
00:00:05.000 --> 00:00:12.000
<v Bewoner>Ja. Er staan panden leeg waar ’s nachts busjes laden.
Dat melden we bij de gemeente, maar er gebeurt weinig.</v>

3
00:00:12.500 --> 00:00:13.000
<v Interviewer>Hm.</v>
"""


def _run(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "coding", "segment", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.mark.slow  # starts a subprocess
def test_segment_cli_prints_fragments_as_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "gesprek.vtt"
    path.write_text(VTT, encoding="utf-8-sig")
    result = _run(path)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    turns = read_transcript_file(path).turns
    assert [record["speaker"] for record in records] == ["Interviewer", "Bewoner", "Bewoner"]  # no "Hm."
    for record in records:
        assert set(record) == {"turn", "speaker", "start", "end", "text"}
        assert turns[record["turn"]].text[record["start"] : record["end"]] == record["text"]
    assert "’s nachts" in result.stdout  # not escaped to \\u2019
    assert records[1]["text"].startswith("Ja. Er staan panden leeg")


@pytest.mark.slow  # starts a subprocess
def test_segment_cli_bad_file_exits_with_dutch_message(tmp_path: Path) -> None:
    path = tmp_path / "kapot.vtt"
    path.write_text("00:00:01.000 --> 00:00:02.000\nHallo\n", encoding="utf-8")
    result = _run(path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "geen geldig WebVTT-bestand" in result.stderr and "kapot.vtt" in result.stderr
    missing = _run(tmp_path / "bestaat-niet.srt")
    assert missing.returncode == 2 and missing.stdout == "" and "bestaat niet" in missing.stderr
