"""Benchmark: parse and import the largest transcripts Weerbaar accepts, time and peak memory.

Usage: ``python bench/import_limits_bench.py [--cases txt,lines,vtt,srt,docx] [--no-import]``

For each case a file is generated just inside every limit of
``coding.transcripts`` (``MAX_TEXT_CHARS`` characters, ``MAX_LINES`` lines,
``MAX_CUES`` cues, ``MAX_TURNS`` turns, under the 20 MB upload limit) from the
Dutch seed sentences, then, in a fresh child process each:

* ``parse_s``: :func:`coding.transcripts.read_transcript` (warm, no tracing);
* ``parse_peak_mb``: the tracemalloc peak of a second parse;
* ``import_s``: :func:`models.imports.import_transcript` into a fresh SQLite
  database (segmentation and lemmatisation with spaCy included);
* ``rss_peak_mb``: the child's peak resident memory (``ru_maxrss``).

Prints one line per case, then (``bench/_runner.py``) the figures and, as the
last line, ``{"bench": "import_limits", "figures": {...}, "target": ..., "met": ...}``. Targets: parsing
<= 20 s, parse + import <= 300 s, peak RSS <= 2048 MB per file (before the
limits a 19 MB VTT took 365 s and 2.3 GB, a 17 MB text file more than 600 s).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import _runner

from coding.transcripts import (
    DEFAULT_MAX_BYTES,
    MAX_CUES,
    MAX_LINES,
    MAX_TEXT_CHARS,
    MAX_TURNS,
    read_transcript,
)

SENTENCES = _runner.ROOT / "data" / "eval" / "seed_sentences_themes.jsonl"
TARGET_PARSE_S = 20.0
TARGET_TOTAL_S = 300.0
TARGET_RSS_MB = 2048.0
CASES = ("txt", "lines", "vtt", "srt", "docx")
MARGIN = 0.98  # stay a little inside the character limit


def _sentences() -> list[str]:
    with SENTENCES.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def _speaker(index: int) -> str:
    return "Interviewer" if index % 2 == 0 else "Respondent"


def build_txt() -> bytes:
    """MAX_TURNS turns of ``Naam: tekst``, filling the character limit."""
    sentences = _sentences()
    budget = int(MAX_TEXT_CHARS * MARGIN) // MAX_TURNS
    lines = []
    for index in range(MAX_TURNS):
        text, k = "", index
        while len(text) < budget - 40:
            text = f"{text} {sentences[k % len(sentences)]}".strip()
            k += 7
        lines.append(f"{_speaker(index)}: {text[: budget - 15]}")
    return "\n\n".join(lines).encode("utf-8")


def build_lines() -> bytes:
    """MAX_LINES short lines: a speaker label every fifth line, so MAX_TURNS turns."""
    per_turn = max(1, MAX_LINES // MAX_TURNS)
    budget = int(MAX_TEXT_CHARS * MARGIN) // MAX_LINES - 1
    words = " ".join(_sentences()).split()
    out: list[str] = []
    for index in range(MAX_LINES - 1):
        turn = index // per_turn
        line = " ".join(words[(index * 3 + j) % len(words)] for j in range(6))[: budget - 14]
        out.append(f"{_speaker(turn)}: {line}" if index % per_turn == 0 else line)
    return "\n".join(out).encode("utf-8")


def _stamp(ms: int, comma: bool = False) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{',' if comma else '.'}{millis:03d}"


def _cues(kind: str) -> bytes:
    """As many cues as the cue and character limits allow; the speaker changes so turns <= MAX_TURNS."""
    words = " ".join(_sentences()).split()
    blocks: list[str] = ["WEBVTT\n"] if kind == "vtt" else []
    size = len(blocks[0]) if blocks else 0
    per_turn = max(1, -(-MAX_CUES // MAX_TURNS))
    for index in range(MAX_CUES):
        text = " ".join(words[(index * 5 + j) % len(words)] for j in range(4))
        start, end = index * 2000, index * 2000 + 1800
        speaker = _speaker(index // per_turn)
        if kind == "vtt":
            block = f"{_stamp(start)} --> {_stamp(end)}\n<v {speaker}>{text}</v>\n"
        else:
            block = f"{index + 1}\n{_stamp(start, True)} --> {_stamp(end, True)}\n{speaker}: {text}\n"
        if size + len(block) + 1 > MAX_TEXT_CHARS * MARGIN:
            break
        blocks.append(block)
        size += len(block) + 1
    return "\n".join(blocks).encode("utf-8")


def build_vtt() -> bytes:
    return _cues("vtt")


def build_srt() -> bytes:
    return _cues("srt")


def build_docx() -> bytes:
    """A Word file with MAX_TURNS paragraphs ``Naam: tekst`` near the character limit."""
    import docx

    document = docx.Document()
    for line in build_txt().decode("utf-8").split("\n\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


BUILDERS = {"txt": build_txt, "lines": build_lines, "vtt": build_vtt, "srt": build_srt, "docx": build_docx}
EXTENSIONS = {"txt": "txt", "lines": "txt", "vtt": "vtt", "srt": "srt", "docx": "docx"}


def run_case(case: str, path: Path, do_import: bool) -> dict[str, object]:
    """Measure one file (runs in the child process)."""
    data = path.read_bytes()
    name = f"groot.{EXTENSIONS[case]}"
    began = time.perf_counter()
    parsed = read_transcript(data, name)
    parse_s = time.perf_counter() - began
    tracemalloc.start()
    read_transcript(data, name)
    parse_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    figures: dict[str, object] = {
        "bytes": len(data),
        "chars": sum(len(turn.text) for turn in parsed.turns),
        "turns": len(parsed.turns),
        "parse_s": round(parse_s, 2),
        "parse_peak_mb": round(parse_peak / 1024 / 1024, 1),
    }
    if do_import:
        from models.auth import LOCAL
        from models.fragments import list_fragments
        from models.imports import NewRespondent, import_transcript
        from models.scans import create_scan
        from models.startup import connect_database

        with tempfile.TemporaryDirectory() as folder:
            os.environ["WEERBAAR_DATA_DIR"] = folder
            db = connect_database(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
            scan_id = create_scan(db, LOCAL, name="Bench", organisation="Bench", kind="gemeente")
            mapping = {label: NewRespondent(role="medewerker") for label in parsed.speakers}
            began = time.perf_counter()
            interview_id = import_transcript(db, LOCAL, scan_id, parsed, mapping, title=name)  # type: ignore[arg-type]
            figures["import_s"] = round(time.perf_counter() - began, 2)
            figures["fragments"] = len(list_fragments(db, interview_id))
            db.engine.dispose()
    figures["rss_peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Generate the files, measure each in a child process, print the JSON summary last."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--no-import", action="store_true", help="only parse")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_case(args.child[0], Path(args.child[1]), not args.no_import)))
        return 0

    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for case in [c.strip() for c in args.cases.split(",") if c.strip()]:
            path = Path(folder) / f"{case}.{EXTENSIONS[case]}"
            path.write_bytes(BUILDERS[case]())
            assert path.stat().st_size <= DEFAULT_MAX_BYTES
            command = [sys.executable, __file__, "--child", case, str(path)]
            if args.no_import:
                command.append("--no-import")
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                results[case] = {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "?"}
            else:
                results[case] = json.loads(done.stdout.strip().splitlines()[-1])
            _runner.line(case, json.dumps(results[case]))
    met = all(
        "error" not in r
        and float(r["parse_s"]) <= TARGET_PARSE_S  # type: ignore[arg-type]
        and float(r["parse_s"]) + float(r.get("import_s", 0)) <= TARGET_TOTAL_S  # type: ignore[arg-type]
        and float(r["rss_peak_mb"]) <= TARGET_RSS_MB  # type: ignore[arg-type]
        for r in results.values()
    )
    figures = {
        "limits": {"chars": MAX_TEXT_CHARS, "lines": MAX_LINES, "cues": MAX_CUES, "turns": MAX_TURNS},
        "cases": results,
    }
    target = (
        f"per file: parse <= {TARGET_PARSE_S:.0f} s, parse + import <= {TARGET_TOTAL_S:.0f} s, "
        f"peak RSS <= {TARGET_RSS_MB:.0f} MB"
    )
    return _runner.report("import_limits", figures, target=target, met=met)


if __name__ == "__main__":
    raise SystemExit(main())
