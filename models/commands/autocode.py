"""``python -m models autocode --scan NAME``: code a scan's fragments from the terminal."""

from __future__ import annotations

import argparse
import json

HELP = "Auto-code the respondent fragments of a scan (uses WEERBAAR_DATABASE_URL)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scan", required=True, help="name of the scan")
    parser.add_argument("--interview", type=int, default=None, help="only this interview id")
    parser.add_argument("--embedder", default=None, help="embedder name (default: tfidf)")
    parser.add_argument("--no-learn", action="store_true", help="ignore analysts' decisions")


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from coding.coder import CoderConfig
    from models.auth import Actor
    from models.autocode import autocode, default_config
    from models.scans import scan_by_name
    from models.startup import connect_database

    db = connect_database()
    scan = scan_by_name(db, args.scan)
    if scan is None:
        print(f"error: no scan named {args.scan!r}")
        return 2
    config = CoderConfig(embedder=args.embedder) if args.embedder else default_config()
    actor = Actor(username="cli", role="admin")
    with tqdm(total=100, unit="%", desc="auto-coder") as bar:

        def progress(fraction: float, message: str) -> None:
            bar.n = round(100 * min(max(fraction, 0.0), 1.0))
            bar.set_postfix_str(message)
            bar.refresh()

        result = autocode(
            db, scan_id=scan.id, interview_id=args.interview, actor=actor, progress=progress, config=config,
            learn=not args.no_learn,
        )
    print(json.dumps({"coded": result.coded, "suggestions": result.suggestions, "replaced": result.replaced,
                      "seconds": round(result.seconds, 3), "coder_version": result.coder_version}))
    return 0
