"""``python -m models autocode --scan NAME``: code a scan's fragments from the terminal."""

from __future__ import annotations

import argparse
import json
import sys

from texts import t

HELP = t("autocode.cli.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scan", required=True, help=t("autocode.cli.scan"))
    parser.add_argument("--interview", type=int, default=None, help=t("autocode.cli.interview"))
    parser.add_argument("--embedder", default=None, help=t("autocode.cli.embedder"))
    parser.add_argument("--no-learn", action="store_true", help=t("autocode.cli.no_learn"))


def run(args: argparse.Namespace) -> int:
    """Code the scan as a command-line admin; Dutch errors on stderr with exit code 2."""
    from tqdm import tqdm

    from coding.coder import CoderConfig
    from coding.embedders import select_embedder
    from models.auth import Actor
    from models.autocode import autocode, scan_config
    from models.scans import scan_by_name
    from models.startup import connect_database
    from texts import WeerbaarError

    db = connect_database()
    scan = scan_by_name(db, args.scan)
    if scan is None:
        print(t("autocode.cli.no_scan", name=args.scan), file=sys.stderr)
        return 2
    if args.embedder:
        try:
            select_embedder(args.embedder)  # loaded once; autocode reuses it
        except (ValueError, ImportError) as exc:
            print(t("autocode.cli.bad_embedder", name=args.embedder, error=exc), file=sys.stderr)
            return 2
    config = CoderConfig(embedder=args.embedder) if args.embedder else scan_config()
    actor = Actor(username="cli", role="admin")
    try:
        with tqdm(total=100, unit="%", desc=t("autocode.cli.progress")) as bar:

            def progress(fraction: float, message: str) -> None:
                bar.n = round(100 * min(max(fraction, 0.0), 1.0))
                bar.set_postfix_str(message)
                bar.refresh()

            result = autocode(
                db, scan_id=scan.id, interview_id=args.interview, actor=actor, progress=progress, config=config,
                learn=not args.no_learn,
            )
    except WeerbaarError as exc:
        print(exc.message(), file=sys.stderr)
        return 2
    print(json.dumps({"coded": result.coded, "suggestions": result.suggestions, "replaced": result.replaced,
                      "seconds": round(result.seconds, 3), "coder_version": result.coder_version}))
    return 0
