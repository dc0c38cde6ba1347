"""``python -m coding bench``: speed of the auto-coder on a generated 90-minute interview.

The interview (about 900 fragments) is generated with a fixed seed from the
seed sentences: each fragment is one or two sentences, some with spoken-Dutch
openers. It is coded with the default configuration, a COLD embedding cache
and warm models (embedder, lemma table and prototypes loaded beforehand), and
compared with bare ``spacy.blank("nl")`` tokenisation of the same texts in the
same run. A retraining benchmark (2,000 decisions) is printed before the last
line; the last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

HELP = "Benchmark the auto-coder on a generated 90-minute interview (last line: JSON)"
ROOT = Path(__file__).resolve().parents[2]
SENTENCES = [ROOT / "data" / "eval" / "seed_sentences_themes.jsonl"]
OPENERS = ["", "", "", "Nou, ", "Ja, ", "Kijk, ", "Eerlijk gezegd ", "Ik denk dat ", "Wat ik merk is dat ", "Ja, dat klopt, "]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sentences", type=Path, default=None, help="JSON lines with 'text' (default: the seed set)")
    parser.add_argument("--fragments", type=int, default=900, help="number of fragments (default 900)")
    parser.add_argument("--embedder", default=None, help="embedder name (default: the coder's default)")
    parser.add_argument("--decisions", type=int, default=2000, help="decisions for the retrain benchmark")
    parser.add_argument("--seed", type=int, default=13)


def _sentences(path: Path | None) -> list[dict[str, object]]:
    candidates = [path] if path else SENTENCES
    for candidate in candidates:
        if candidate and candidate.exists():
            return [json.loads(line) for line in candidate.read_text(encoding="utf-8").splitlines() if line.strip()]
    raise SystemExit(f"No sentence file found (tried {', '.join(str(c) for c in candidates)})")


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


def run(args: argparse.Namespace) -> int:
    import spacy

    from coding.codebook import default_codebook
    from coding.coder import AutoCoder, CoderConfig, DecisionExample
    from coding.embedders import MemoryEmbeddingCache

    rows = _sentences(args.sentences)
    texts = generate_interview(rows, fragments=args.fragments, seed=args.seed)
    codebook = default_codebook()
    config = CoderConfig(embedder=args.embedder) if args.embedder else CoderConfig()

    # warm models: embedder, lemma table, prototypes and the zero-shot temperature
    AutoCoder(codebook, config=config).predict(["Wij hebben een meldpunt voor signalen."])

    nlp = spacy.blank("nl")
    started = time.perf_counter()
    for _doc in nlp.pipe(texts):
        pass
    tokenize_seconds = time.perf_counter() - started

    coder = AutoCoder(codebook, config=config, cache=MemoryEmbeddingCache())
    started = time.perf_counter()
    predictions = coder.predict(texts)
    seconds = time.perf_counter() - started
    assert len(predictions) == len(texts)

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
        "seconds": round(seconds, 3),
        "fragments_per_second": round(len(texts) / seconds, 1) if seconds else None,
        "tokenize_seconds": round(tokenize_seconds, 3),
        "ratio_to_tokenize": round(seconds / tokenize_seconds, 2) if tokenize_seconds else None,
    }))
    return 0
