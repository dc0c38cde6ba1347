"""``python -m coding bench``: speed of the auto-coder on a generated 90-minute interview.

The interview (about 900 fragments) is generated with a fixed seed from the
seed sentences: each fragment is one or two sentences, some with spoken-Dutch
openers. It is coded with the fast configuration, a COLD embedding cache
and warm models (embedder, lemma table, prototypes and zero-shot temperature
loaded beforehand), and compared with bare ``spacy.blank("nl")`` tokenisation
of the same texts in the same process. Every repeat (``--repeats``) runs in a
fresh Python process, so the per-word memos of the embedder, the lexicon and
spaCy's tokenizer are as cold in the last repeat as in the first; the medians
are reported (the ratio is the median of the per-run ratios). Before each
timed part the garbage collector runs once: the imports (spaCy brings in torch)
leave a full collection due that costs about 0.17 s on a heap of 300,000
objects, and it would otherwise land in a random one of the timed parts. The
collections caused by the timed work itself stay in. A retraining
benchmark (2,000 decisions) is printed before the last line; the last line is
JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from texts import t

if TYPE_CHECKING:
    from coding.coder import CoderConfig

HELP = t("bench.cli.help")
ROOT = Path(__file__).resolve().parents[2]
SENTENCES = [ROOT / "data" / "eval" / "seed_sentences_themes.jsonl"]
OPENERS = ["", "", "", "Nou, ", "Ja, ", "Kijk, ", "Eerlijk gezegd ", "Ik denk dat ", "Wat ik merk is dat ", "Ja, dat klopt, "]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sentences", type=Path, default=None, help=t("bench.cli.sentences"))
    parser.add_argument("--fragments", type=int, default=900, help=t("bench.cli.fragments"))
    parser.add_argument("--embedder", default=None, help=t("bench.cli.embedder"))
    parser.add_argument("--decisions", type=int, default=2000, help=t("bench.cli.decisions"))
    parser.add_argument("--seed", type=int, default=13, help=t("bench.cli.seed"))
    parser.add_argument("--repeats", type=int, default=5, help=t("bench.cli.repeats"))
    parser.add_argument("--one-run", action="store_true", help=argparse.SUPPRESS)  # one repeat (child process)


def _sentences(path: Path | None) -> list[dict[str, object]]:
    candidates = [path] if path else SENTENCES
    for candidate in candidates:
        if candidate and candidate.exists():
            return [json.loads(line) for line in candidate.read_text(encoding="utf-8").splitlines() if line.strip()]
    raise SystemExit(t("bench.cli.no_sentences", paths=", ".join(str(c) for c in candidates)))


def generate_interview(rows: list[dict[str, object]], *, fragments: int, seed: int) -> list[str]:
    """Fragments of seed-like Dutch: 1-2 consecutive sentences with an optional spoken opener."""
    rng = random.Random(seed)
    texts: list[str] = []
    for _ in range(fragments):
        start = rng.randrange(len(rows))
        count = 1 if rng.random() < 0.6 else 2
        parts = [str(rows[(start + i) % len(rows)]["text"]) for i in range(count)]
        opener = rng.choice(OPENERS)
        text = " ".join(parts)
        if opener:
            text = opener + text[0].lower() + text[1:]
        texts.append(text)
    return texts


def _time_once(args: argparse.Namespace) -> dict[str, float]:
    """Tokenise and code the interview once, in this (fresh) process: the two timings in seconds."""
    import spacy

    from coding.codebook import default_codebook
    from coding.coder import AutoCoder
    from coding.embedders import MemoryEmbeddingCache

    texts = generate_interview(_sentences(args.sentences), fragments=args.fragments, seed=args.seed)
    codebook = default_codebook()
    config = _config(args)
    # warm models: embedder, lemma table, prototypes and the zero-shot temperature
    AutoCoder(codebook, config=config).predict(["Wij hebben een meldpunt voor signalen."])

    nlp = spacy.blank("nl")
    gc.collect()  # settle the heap: see the module docstring
    started = time.perf_counter()
    for _doc in nlp.pipe(texts):
        pass
    tokenize_seconds = time.perf_counter() - started

    coder = AutoCoder(codebook, config=config, cache=MemoryEmbeddingCache())
    gc.collect()
    started = time.perf_counter()
    predictions = coder.predict(texts)
    seconds = time.perf_counter() - started
    assert len(predictions) == len(texts)
    return {"seconds": seconds, "tokenize_seconds": tokenize_seconds}


def _config(args: argparse.Namespace) -> CoderConfig:
    from coding.coder import CoderConfig

    # the fast path: what live coding uses (no per-batch self-training)
    return CoderConfig.fast(embedder=args.embedder) if args.embedder else CoderConfig.fast()


def _child_run(args: argparse.Namespace) -> dict[str, float]:
    """:func:`_time_once` in a fresh Python process (its last output line is JSON)."""
    command = [sys.executable, "-m", "coding", "bench", "--one-run", "--fragments", str(args.fragments),
               "--seed", str(args.seed)]
    if args.sentences:
        command += ["--sentences", str(args.sentences)]
    if args.embedder:
        command += ["--embedder", args.embedder]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(t("bench.cli.run_failed", code=done.returncode))
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run(args: argparse.Namespace) -> int:
    if args.one_run:
        print(json.dumps(_time_once(args)))
        return 0
    if args.repeats < 1:
        raise SystemExit(t("bench.cli.bad_repeats"))
    from coding.codebook import default_codebook
    from coding.coder import AutoCoder, DecisionExample

    runs = [_child_run(args) for _ in range(args.repeats)]
    for number, figures in enumerate(runs, start=1):
        print(json.dumps({"run": number, "seconds": round(figures["seconds"], 3),
                          "tokenize_seconds": round(figures["tokenize_seconds"], 3)}))
    seconds = statistics.median(r["seconds"] for r in runs)
    tokenize_seconds = statistics.median(r["tokenize_seconds"] for r in runs)
    ratios = [r["seconds"] / r["tokenize_seconds"] for r in runs if r["tokenize_seconds"]]

    # retraining, with the embedder as warm as after coding the interview
    rows = _sentences(args.sentences)
    texts = generate_interview(rows, fragments=args.fragments, seed=args.seed)
    codebook = default_codebook()
    coder = AutoCoder(codebook, config=_config(args))
    coder.predict(texts)
    rng = random.Random(args.seed)
    codes = [p.code for p in codebook.pillars]
    decisions = []
    for i in range(args.decisions):
        row = rows[i % len(rows)]
        action = rng.choice(["accept", "accept", "reject", "recode"])
        decisions.append(
            DecisionExample(f"{row['text']} ({i})", str(row.get("pillar") or codes[0]), action, rng.choice(codes))
        )
    started = time.perf_counter()
    learner = coder.train(decisions)
    retrain_seconds = time.perf_counter() - started
    print(f"embedder {coder.embedder.name}; coder {coder.version}")
    print(json.dumps({"retrain_decisions": args.decisions, "retrain_seconds": round(retrain_seconds, 3),
                      "learner_bytes": len(learner.to_bytes())}))
    print(json.dumps({
        "fragments": len(texts),
        "repeats": len(runs),
        "seconds": round(seconds, 3),
        "fragments_per_second": round(len(texts) / seconds, 1) if seconds else None,
        "tokenize_seconds": round(tokenize_seconds, 3),
        "ratio_to_tokenize": round(statistics.median(ratios), 2) if ratios else None,
    }))
    return 0
