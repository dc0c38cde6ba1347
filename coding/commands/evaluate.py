"""``python -m coding evaluate``: score the auto-coder on a labelled JSON-lines file."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from coding.coder import SIGNALS, CoderConfig
from coding.evaluate import OverlapError, codebook_strings, evaluate, format_table, load_gold
from texts import t

HELP = t("evaluate.cli.help")
log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", required=True, help=t("evaluate.cli.gold"))
    parser.add_argument("--train", help=t("evaluate.cli.train"))
    parser.add_argument("--embedder", default=None, help=t("evaluate.cli.embedder"))
    parser.add_argument(
        "--signals",
        default=None,
        help=t("evaluate.cli.signals", signals=",".join(SIGNALS)),
    )
    parser.add_argument("--folds", type=int, default=None, help=t("evaluate.cli.folds"))
    parser.add_argument("--curve", default=None, help=t("evaluate.cli.curve"))
    parser.add_argument("--drop-overlap", action="store_true", help=t("evaluate.cli.drop_overlap"))
    parser.add_argument("--codebook", default=None, help=t("evaluate.cli.codebook"))
    parser.add_argument("--source", choices=["auto", "speech", "document"], default="auto", help=t("evaluate.cli.source"))


def run(args: argparse.Namespace) -> int:
    from coding.codebook import Codebook, default_codebook, load_yaml

    if args.codebook:
        with open(args.codebook, encoding="utf-8") as handle:
            raw = load_yaml(handle.read())
        codebook = Codebook.from_dict(raw)
    else:
        codebook = default_codebook()
        raw = load_yaml((ROOT / "data" / "codebook.yaml").read_text(encoding="utf-8"))
    try:
        curve = [int(n) for n in args.curve.split(",") if n.strip()] if args.curve else []
    except ValueError:
        print("error: --curve takes comma-separated whole numbers, e.g. 50,100,200", file=sys.stderr)
        return 2
    from coding.embedders import strong_embedder

    # by default the coder that codes a scan (the strong path), not the fast path of live coding
    changes: dict[str, object] = {"embedder": args.embedder or strong_embedder()}
    if args.signals:
        changes["signals"] = tuple(s.strip() for s in args.signals.split(",") if s.strip())
    try:
        config = CoderConfig(**changes)  # type: ignore[arg-type]
    except ValueError as exc:
        print(t("evaluate.cli.error", error=exc), file=sys.stderr)
        return 2
    gold = load_gold(args.gold)
    train = load_gold(args.train) if args.train else []
    try:
        result = evaluate(gold, codebook=codebook, train=train, config=config, folds=args.folds, curve=curve,
                          drop_overlap=args.drop_overlap, codebook_texts=codebook_strings(raw), source=args.source)
    except OverlapError as exc:
        print(t("evaluate.cli.error", error=exc), file=sys.stderr)
        return 2
    print(format_table(result))
    print(json.dumps(result.to_json(), ensure_ascii=False))
    return 0
