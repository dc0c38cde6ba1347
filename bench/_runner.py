"""What every benchmark script shares: the repo root on ``sys.path`` and one output format.

Run a benchmark from the repository root, without ``PYTHONPATH``::

    python bench/segment_bench.py

Each script starts with ``import _runner`` (this file, found next to the script
because Python puts the script's folder first on ``sys.path``), which puts the
repository root on ``sys.path`` so ``coding``, ``models`` and ``texts`` import.
It prints readable lines while it measures and ends with :func:`report`, whose
LAST line is one JSON object::

    {"bench": "segment", "figures": {...}, "target": "...", "met": true}

``met`` is ``null`` when the benchmark has no target (a table for the README).
Benchmarks report; they do not fail on a missed target (exit code 0), so a slow
machine shows up in the figures, not as a broken build.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coding.embedders import MemoryEmbeddingCache

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def line(label: str, value: object) -> None:
    """Print one readable ``label: value`` line."""
    print(f"{label}: {value}", flush=True)


def report(bench: str, figures: dict[str, Any], *, target: str | None, met: bool | None) -> int:
    """Print the figures readably, then the JSON summary as the last line; return the exit code (0).

    Args:
        bench: Short name of the benchmark.
        figures: The measured figures (JSON-serialisable).
        target: The target in words, e.g. ``"p95 <= 300 ms"``; ``None`` without one.
        met: Whether the target was met; ``None`` without a target.
    """
    for key, value in figures.items():
        line(key, json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value)
    if target is not None:
        line("target", f"{target} ({'met' if met else 'NOT met'})")
    print(json.dumps({"bench": bench, "figures": figures, "target": target, "met": met}, ensure_ascii=False))
    return 0


# the two document tune sets, the off-topic one first: the tune grids count its null passages
DOCUMENT_TUNE_SETS = ["document_offtopic_tune.jsonl", "document_furniture_tune.jsonl"]


def tune_grid_arguments(description: str | None) -> argparse.Namespace:
    """The arguments of a tune grid on the document tune sets: ``--embedder`` and ``--max-false``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--embedder", default="tfidf")
    parser.add_argument("--max-false", type=float, default=0.02,
                        help="the largest share of on-topic passages a setting may silence")
    return parser.parse_args()


def eval_rows(names: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """The lines of the gold files ``names`` in ``data/eval``, each with the file it came from."""
    rows: list[tuple[str, dict[str, Any]]] = []
    for name in names:
        text = (ROOT / "data" / "eval" / name).read_text(encoding="utf-8")
        rows += [(name, json.loads(line)) for line in text.splitlines() if line.strip()]
    return rows


def embedding_cache(directory: Path, name: str) -> MemoryEmbeddingCache:
    """The embeddings of embedder ``name`` that an earlier run kept in ``directory`` (empty the first time)."""
    from coding.embedders import MemoryEmbeddingCache

    cache = MemoryEmbeddingCache()
    path = directory / f"{name}.pkl"
    if path.exists():
        cache._store = pickle.loads(path.read_bytes())  # our own file, written by save_cache
    return cache


def save_cache(directory: Path, name: str, cache: MemoryEmbeddingCache) -> None:
    """Keep ``cache`` in ``directory`` for the next run."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.pkl").write_bytes(pickle.dumps(cache._store))
