"""Benchmark the review desk on a scan with 20,000 fragments.

Builds a throw-away SQLite database, bulk-inserts a scan whose fragments are
the seed sentences (``data/eval/seed_sentences_themes.jsonl``, cycled)
with fake auto-coder suggestions, then times the review page through
``streamlit.testing.v1.AppTest``:

* first render of the review screen (a fresh session; target ≤ 1.5 s),
* an accept round-trip: click "Accepteren" until the next fragment is shown
  (target ≤ 300 ms).

Run: ``.venv/bin/python bench/review_bench.py [--fragments 20000] [--runs 20]``.
The last line printed is JSON with median and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import _runner
from sqlalchemy import insert, select

ROOT = _runner.ROOT

from coding.embedders.cache import text_hash  # noqa: E402
from models import schema as s  # noqa: E402
from models.auth import LOCAL  # noqa: E402
from models.db import Database  # noqa: E402
from models.interviews import create_interview  # noqa: E402
from models.scans import add_respondent, create_scan  # noqa: E402
from models.startup import connect_database  # noqa: E402

log = logging.getLogger("review_bench")
SEED = Path(
    os.environ.get(
        "WEERBAAR_SEED_SENTENCES",
        str(Path(__file__).resolve().parents[1] / "data" / "eval" / "seed_sentences_themes.jsonl"),
    )
)
PAGE = ROOT / "pages" / "review.py"
INTERVIEWS = 40
RESPONDENTS = 20
FRAGMENTS_PER_ANSWER = 5


def _sentences() -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["text"], row["pillar"]) for row in rows]


def build(db: Database, n_fragments: int, seed: int = 0) -> int:
    """Create a scan with ``n_fragments`` suggested fragments; returns the scan id."""
    from coding.segmenter import lemmatize_many

    rng = random.Random(seed)
    sentences = _sentences()
    lemmas = {
        text: " ".join(words)
        for (text, _), words in zip(sentences, lemmatize_many([t for t, _ in sentences]), strict=True)
    }
    scan_id = create_scan(db, LOCAL, name="Bench", organisation="Gemeente Bench", kind="gemeente")
    respondents = [
        add_respondent(db, LOCAL, scan_id, role=f"Rol {i % 7}", department=f"Afdeling {i % 4}").id
        for i in range(RESPONDENTS)
    ]
    interviews = [
        create_interview(
            db,
            LOCAL,
            scan_id,
            title=f"Interview {i + 1}",
            kind="individueel",
            date="2026-11-01",
            interviewer="Bench",
            participant_ids=[respondents[i % RESPONDENTS]],
        )
        for i in range(INTERVIEWS)
    ]
    with db.session() as session:
        codes = {
            c.code: c.id
            for c in session.scalars(
                select(s.Code).join(s.Scan, s.Scan.codebook_id == s.Code.codebook_id).where(s.Scan.id == scan_id)
            )
        }
    themes: dict[str, list[str]] = {}
    for code in codes:
        if "." in code:
            themes.setdefault(code.split(".")[0], []).append(code)

    per_interview = -(-n_fragments // INTERVIEWS)
    answers = -(-per_interview // FRAGMENTS_PER_ANSWER)
    turn_rows: list[dict[str, Any]] = []
    planned: list[tuple[int, int, list[tuple[str, str]]]] = []  # interview, seq, sentences
    made = 0
    for index, interview_id in enumerate(interviews):
        seq = 0
        for _ in range(answers):
            if made >= n_fragments:
                break
            take = min(FRAGMENTS_PER_ANSWER, n_fragments - made)
            chosen = [sentences[(made + k) % len(sentences)] for k in range(take)]
            made += take
            seq += 1
            turn_rows.append(
                {
                    "interview_id": interview_id,
                    "seq": seq,
                    "kind": "question",
                    "speaker_role": "interviewer",
                    "text": "Kunt u daar meer over vertellen?",
                }
            )
            seq += 1
            turn_rows.append(
                {
                    "interview_id": interview_id,
                    "seq": seq,
                    "kind": "answer",
                    "speaker_role": "respondent",
                    "respondent_id": respondents[index % RESPONDENTS],
                    "text": " ".join(t for t, _ in chosen),
                }
            )
            planned.append((interview_id, seq, chosen))
    with db.session() as session:
        session.execute(insert(s.Turn), turn_rows)
        turn_ids = {
            (iid, seq): tid
            for tid, iid, seq in session.execute(
                select(s.Turn.id, s.Turn.interview_id, s.Turn.seq).where(s.Turn.interview_id.in_(interviews))
            )
        }
        fragment_rows: list[dict[str, Any]] = []
        suggestions: list[tuple[str, str]] = []
        for interview_id, seq, chosen in planned:
            start = 0
            for text, pillar in chosen:
                theme = rng.choice(themes[pillar])
                confidence = rng.uniform(0.3, 0.99)
                fragment_rows.append(
                    {
                        "turn_id": turn_ids[(interview_id, seq)],
                        "interview_id": interview_id,
                        "scan_id": scan_id,
                        "start": start,
                        "end": start + len(text),
                        "text": text,
                        "text_hash": text_hash(text),
                        "lemmas": lemmas[text],
                        "status": "suggested",
                        "top_pillar": pillar,
                        "top_theme": theme,
                        "confidence": confidence,
                        "margin": rng.uniform(0.0, confidence),
                    }
                )
                suggestions.append((pillar, theme))
                start += len(text) + 1
        session.execute(insert(s.Fragment), fragment_rows)
        fragment_ids = list(
            session.scalars(select(s.Fragment.id).where(s.Fragment.scan_id == scan_id).order_by(s.Fragment.id))
        )
        coding_rows = [
            {
                "fragment_id": fid,
                "code_id": codes[code],
                "source": "auto",
                "status": "suggested",
                "coder": "auto",
                "coder_version": "bench",
                "confidence": row["confidence"],
            }
            for fid, row, (pillar, theme) in zip(fragment_ids, fragment_rows, suggestions, strict=True)
            for code in (pillar, theme)
        ]
        session.execute(insert(s.Coding), coding_rows)
    log.info("built scan %s: %d fragments, %d codings", scan_id, len(fragment_ids), len(coding_rows))
    return scan_id


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1), "n": len(ordered)}


def measure(scan_id: int, runs: int) -> dict[str, Any]:
    from streamlit.testing.v1 import AppTest

    def fresh() -> AppTest:
        at = AppTest.from_file(str(PAGE), default_timeout=120)
        at.session_state["scan_id"] = scan_id
        return at

    started = time.perf_counter()
    at = fresh().run()
    cold = time.perf_counter() - started
    assert not at.exception, at.exception
    renders: list[float] = []
    for _ in range(max(3, runs // 2)):
        at = fresh()
        started = time.perf_counter()
        at.run()
        renders.append(time.perf_counter() - started)
        assert not at.exception, at.exception
    accepts: list[float] = []
    for _ in range(runs):
        before = at.session_state["review_offset"], " ".join(m.value for m in at.markdown)
        started = time.perf_counter()
        at.button(key="review_accept").click().run()
        accepts.append(time.perf_counter() - started)
        assert not at.exception, at.exception
        assert " ".join(m.value for m in at.markdown) != before[1], "next fragment not shown"
    search = fresh()
    search.session_state["review_search"] = "integriteit"
    started = time.perf_counter()
    search.run()
    searched = time.perf_counter() - started
    return {
        "first_render_cold_ms": round(cold * 1000, 1),
        "first_render": _stats(renders),
        "accept_round_trip": _stats(accepts),
        "search_render_ms": round(searched * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fragments", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        os.environ["WEERBAAR_DATABASE_URL"] = url
        os.environ["WEERBAAR_DATA_DIR"] = tmp
        db = connect_database(url)
        started = time.perf_counter()
        scan_id = build(db, args.fragments)
        build_s = time.perf_counter() - started
        db.engine.dispose()
        result = measure(scan_id, args.runs)
        result.update(
            {
                "fragments": args.fragments,
                "build_s": round(build_s, 1),
                "targets_ms": {"first_render": 1500, "accept_round_trip": 300},
            }
        )
    met = result["first_render"]["p95_ms"] <= 1500 and result["accept_round_trip"]["p95_ms"] <= 300
    target = "first render p95 <= 1500 ms, accept round-trip p95 <= 300 ms"
    return _runner.report("review", result, target=target, met=met)


if __name__ == "__main__":
    raise SystemExit(main())
