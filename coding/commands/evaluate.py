"""``python -m coding evaluate``: score the auto-coder on a labelled JSON-lines file."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from coding.coder import SIGNALS, CoderConfig
from coding.evaluate import OverlapError, evaluate, format_table, load_gold

HELP = "Evaluate the auto-coder on labelled sentences (last line: JSON with macro-F1 and more)"
log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", required=True, help="JSON lines: {text, pillar[, themes]} per line")
    parser.add_argument("--train", help="JSON lines to learn from first (as accepted decisions)")
    parser.add_argument("--embedder", default=None, help="tfidf (default), use, minilm or st:<model>")
    parser.add_argument(
        "--signals",
        default=None,
        help=f"comma-separated subset of {','.join(SIGNALS)} (default: all)",
    )
    parser.add_argument("--folds", type=int, default=None, help="K-fold cross-validation learning on the gold file")
    parser.add_argument("--drop-overlap", action="store_true", help="drop training texts that are in the gold file")
    parser.add_argument("--codebook", default=None, help="codebook YAML (default: the shipped codebook)")


def run(args: argparse.Namespace) -> int:
    from coding.codebook import Codebook, default_codebook, load_yaml

    if args.codebook:
        with open(args.codebook, encoding="utf-8") as handle:
            codebook = Codebook.from_dict(load_yaml(handle.read()))
    else:
        codebook = default_codebook()
    changes: dict[str, object] = {}
    if args.embedder:
        changes["embedder"] = args.embedder
    if args.signals:
        changes["signals"] = tuple(s.strip() for s in args.signals.split(",") if s.strip())
    try:
        config = CoderConfig(**changes)  # type: ignore[arg-type]
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    gold = load_gold(args.gold)
    train = load_gold(args.train) if args.train else []
    try:
        result = evaluate(gold, codebook=codebook, train=train, config=config, folds=args.folds,
                          drop_overlap=args.drop_overlap)
    except OverlapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_table(result))
    print(json.dumps(result.to_json(), ensure_ascii=False))
    return 0
