"""Format checks for the shipped evaluation set ``data/eval/other_orgs.jsonl``.

These tests read the real data file, so an edit that breaks the format, adds a
passage from the seed report or duplicates a passage makes them fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

EVAL_DIR = Path(__file__).resolve().parents[2] / "data" / "eval"
DATA = EVAL_DIR / "other_orgs.jsonl"
SOURCES = EVAL_DIR / "other_orgs_SOURCES.md"
SEED = EVAL_DIR / "seed_sentences_themes.jsonl"
PILLARS = {"BEW", "INF", "BEL", "INT", "COM", None}
ALLOWED_KEYS = {"text", "pillar", "source", "doc_kind"}
NEAR_DUPLICATE_JACCARD = 0.8


def _rows(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"{path.name}:{number}: empty line"
        row = json.loads(line)
        assert isinstance(row, dict), f"{path.name}:{number}: not a JSON object"
        rows.append(row)
    return rows


def _tokens(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower()))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return _rows(DATA)


def test_every_line_has_the_agreed_fields(rows: list[dict[str, Any]]) -> None:
    for number, row in enumerate(rows, start=1):
        assert {"text", "pillar", "source"} <= set(row) <= ALLOWED_KEYS, f"line {number}: keys {sorted(row)}"
        assert isinstance(row["text"], str) and row["text"].strip(), f"line {number}: empty text"
        assert row["text"] == row["text"].strip(), f"line {number}: text has leading/trailing space"
        assert row["pillar"] in PILLARS, f"line {number}: pillar {row['pillar']!r}"
        assert isinstance(row["source"], str) and row["source"], f"line {number}: no source"
        if "doc_kind" in row:
            assert isinstance(row["doc_kind"], str) and row["doc_kind"], f"line {number}: empty doc_kind"


def test_passages_come_from_at_least_40_listed_documents(rows: list[dict[str, Any]]) -> None:
    sources = {row["source"] for row in rows}
    assert len(sources) >= 40
    listed = set(re.findall(r"^\| `([^`]+)` \|", SOURCES.read_text(encoding="utf-8"), flags=re.MULTILINE))
    assert sources <= listed, f"not in {SOURCES.name}: {sorted(sources - listed)}"


def test_every_pillar_and_null_is_represented(rows: list[dict[str, Any]]) -> None:
    counts = {p: sum(1 for row in rows if row["pillar"] == p) for p in PILLARS}
    for pillar in ("BEW", "INF", "BEL", "INT", "COM"):
        assert counts[pillar] >= 45, f"{pillar}: {counts[pillar]}"
    assert counts[None] >= 40


def test_no_passage_is_taken_from_the_seed_report(rows: list[dict[str, Any]]) -> None:
    seed = [_tokens(row["text"]) for row in _rows(SEED)]
    for row in rows:
        tokens = _tokens(row["text"])
        close = [s for s in seed if _jaccard(tokens, s) >= NEAR_DUPLICATE_JACCARD]
        assert not close, f"seed sentence reused: {row['text'][:80]}"


def test_no_two_passages_are_near_duplicates(rows: list[dict[str, Any]]) -> None:
    tokens = [_tokens(row["text"]) for row in rows]
    for i in range(len(tokens)):
        for j in range(i + 1, len(tokens)):
            assert _jaccard(tokens[i], tokens[j]) < NEAR_DUPLICATE_JACCARD, (
                f"near-duplicates: line {i + 1} and line {j + 1}: {rows[i]['text'][:60]!r}"
            )


TUNE_SETS = ["document_furniture_tune", "document_offtopic_tune"]


@pytest.mark.parametrize("name", TUNE_SETS)
def test_tune_set_has_the_agreed_fields_and_listed_sources(name: str) -> None:
    tune = _rows(EVAL_DIR / f"{name}.jsonl")
    for number, row in enumerate(tune, start=1):
        assert set(row) == ALLOWED_KEYS, f"line {number}: keys {sorted(row)}"
        assert row["pillar"] in PILLARS and row["text"] == row["text"].strip() and row["text"]
    sources = (EVAL_DIR / f"{name}_SOURCES.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([^`]+)` \|", sources, flags=re.MULTILINE))
    assert {row["source"] for row in tune} == listed
    report = set(re.findall(r"^\| `([^`]+)` \|", SOURCES.read_text(encoding="utf-8"), flags=re.MULTILINE))
    assert not listed & report, "a tune source is also a source of the report set"


@pytest.mark.parametrize("name", TUNE_SETS)
def test_tune_set_shares_no_passage_with_the_evaluation_sets(name: str, rows: list[dict[str, Any]]) -> None:
    evaluated = [_tokens(row["text"]) for row in [*rows, *_rows(SEED)]]
    for row in _rows(EVAL_DIR / f"{name}.jsonl"):
        tokens = _tokens(row["text"])
        assert not any(_jaccard(tokens, other) >= NEAR_DUPLICATE_JACCARD for other in evaluated), row["text"][:80]
