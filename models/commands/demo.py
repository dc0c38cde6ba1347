"""``python -m models demo``: create the demo scan ``demo``."""

from __future__ import annotations

import argparse

from models.auth import LOCAL
from models.startup import connect_database
from texts import t

HELP = "maak de demoscan 'demo' aan (een bestaande wordt vervangen)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-autocode", action="store_true", help="niet automatisch coderen")


def run(args: argparse.Namespace) -> int:
    from models.demo import load_demo

    db = connect_database()
    scan_id = load_demo(db, LOCAL, replace=True, autocode=not args.no_autocode)
    print(t("demo.created", scan_id=scan_id, url=db.engine.url.render_as_string(hide_password=True)))
    return 0
