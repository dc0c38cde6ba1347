"""Benchmark topic discovery on 2,000 and 20,000 generated Dutch fragments.

Run from the repository root::

    python bench/topics_bench.py

Fragments are made from the seed sentences in
``data/eval/seed_sentences_themes.jsonl`` with light random variation
(recombined sentence halves, interview fillers, dropped words). They are
embedded once with the offline character n-gram embedder; embedding time is
printed separately and not part of the timings. Library imports and numba
compilation are paid once in a small warm-up run, also printed separately, so
the timings show what a running app pays per run. The last line is the JSON
summary of ``bench/_runner.py`` with figures ``n2000_seconds``, ``n20000_seconds``,
``topics_2000``, ``topics_20000`` (targets: 2,000 in <= 20 s, 20,000 in <= 120 s).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import time
import warnings
from pathlib import Path

import _runner
import numpy as np

SEED_SENTENCES = Path(__file__).resolve().parents[1] / "data" / "eval" / "seed_sentences_themes.jsonl"
FILLERS = ["ja", "nou", "eigenlijk", "gewoon", "dus", "tja", "weet je", "ik denk dat", "zeg maar", "even kijken"]
CLOSERS = ["denk ik", "zeg maar", "eigenlijk", "hè", "toch", "ja"]

logger = logging.getLogger("topics_bench")


def read_seed_sentences(path: Path = SEED_SENTENCES) -> list[str]:
    """Return the seed sentences' texts."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def _halves(sentence: str) -> tuple[str, str]:
    """Split a sentence at its first comma after the start, else at its middle word."""
    words = sentence.rstrip(".!?").split()
    comma = next((i for i, word in enumerate(words[2:-2], start=2) if word.endswith(",")), None)
    cut = comma + 1 if comma is not None else max(1, len(words) // 2)
    return " ".join(words[:cut]).rstrip(","), " ".join(words[cut:])


def generate_corpus(n: int, sentences: list[str], *, seed: int = 0) -> list[str]:
    """Generate ``n`` interview-like fragments by varying the seed sentences.

    Args:
        n: Number of fragments.
        sentences: Seed sentences.
        seed: Random seed.

    Returns:
        The fragments.
    """
    rng = random.Random(seed)
    halves = [_halves(sentence) for sentence in sentences]
    corpus: list[str] = []
    for _ in range(n):
        first, second = rng.choice(halves)
        if rng.random() < 0.4:  # recombine with the second half of a neighbouring sentence
            index = halves.index((first, second))
            second = halves[min(len(halves) - 1, max(0, index + rng.randint(-3, 3)))][1]
        words = f"{first} {second}".split()
        if len(words) > 6 and rng.random() < 0.5:
            del words[rng.randrange(1, len(words) - 1)]
        text = " ".join(words)
        if rng.random() < 0.5:
            text = f"{rng.choice(FILLERS)}, {text[:1].lower()}{text[1:]}"
        if rng.random() < 0.2:
            text = f"{text}, {rng.choice(CLOSERS)}"
        corpus.append(re.sub(r"\s+", " ", text[:1].upper() + text[1:]).strip() + ".")
    return corpus


def _time_run(n: int, fragments: list[str], lemmas: list[str], embeddings: np.ndarray) -> tuple[float, int, int]:
    from coding.topics import find_topics

    stages: list[tuple[float, str]] = []
    cpu_started = time.process_time()
    started = time.perf_counter()
    result, _ = find_topics(
        list(range(n)),
        fragments[:n],
        lemmas[:n],
        embeddings[:n],
        progress=lambda fraction, message: stages.append((time.perf_counter() - started, message)),
    )
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    for at, message in stages:
        logger.info("  n=%d %6.1fs %s", n, at, message)
    logger.info(
        "n=%d: %.1fs wall (%.1fs CPU in this process; load average %.1f), %d topics, %d outliers",
        n,
        seconds,
        cpu_seconds,
        os.getloadavg()[0],
        len(result.topics),
        result.outliers,
    )
    return seconds, len(result.topics), result.outliers


TARGETS = {2_000: 20.0, 20_000: 120.0}


def main() -> int:
    """Generate, embed once, then time :func:`coding.topics.find_topics`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logger.setLevel(logging.INFO)
    warnings.filterwarnings("ignore")

    from coding.embedders import char_ngram_embeddings
    from coding.nlp import lemma_texts as lemmatise

    largest = max(args.sizes)
    fragments = generate_corpus(largest, read_seed_sentences())
    started = time.perf_counter()
    embeddings = char_ngram_embeddings(fragments, dimensions=256)
    logger.info("embedding %d fragments (excluded): %.1fs", largest, time.perf_counter() - started)
    started = time.perf_counter()
    lemmas = lemmatise(fragments)
    logger.info("lemmatising %d fragments (excluded): %.1fs", largest, time.perf_counter() - started)

    started = time.perf_counter()
    import bertopic  # noqa: F401  (import cost is paid once per app process)

    logger.info("importing bertopic (excluded): %.1fs", time.perf_counter() - started)
    started = time.perf_counter()
    _time_run(300, fragments, lemmas, embeddings)
    logger.info("warm-up on 300 fragments, numba compilation (excluded): %.1fs", time.perf_counter() - started)

    runs = {n: _time_run(n, fragments, lemmas, embeddings) for n in args.sizes}
    figures: dict[str, float | int] = {f"n{n}_seconds": round(seconds, 2) for n, (seconds, _, _) in runs.items()}
    figures |= {f"topics_{n}": topics for n, (_, topics, _) in runs.items()}
    figures |= {f"outliers_{n}": outliers for n, (_, _, outliers) in runs.items()}
    met = all(seconds <= TARGETS[n] for n, (seconds, _, _) in runs.items() if n in TARGETS)
    return _runner.report("topics", figures, target="2,000 fragments <= 20 s, 20,000 <= 120 s", met=met)


if __name__ == "__main__":
    raise SystemExit(main())
