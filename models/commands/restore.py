"""``python -m models restore FILE [--yes]``: replace the database by a backup."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from models.commands.backup import cli_actor
from texts import t

HELP = t("restore.cli.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the file and ``--yes``."""
    parser.add_argument("file", type=Path, help=t("restore.cli.file"))
    parser.add_argument("--yes", action="store_true", help=t("restore.cli.yes"))


def run(args: argparse.Namespace) -> int:
    """Ask for confirmation (unless ``--yes``), back up the current state, restore."""
    from models.backup import BackupError, restore
    from models.startup import connect_database

    if not args.yes:
        if not sys.stdin.isatty():
            print(t("backup.cli.cancelled"), file=sys.stderr)
            return 2
        if input(t("backup.cli.confirm", path=args.file)).strip().lower() != "ja":
            print(t("backup.cli.cancelled"))
            return 2
    try:
        previous = restore(connect_database(), args.file, actor=cli_actor())
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(t("backup.cli.restored", path=args.file, previous=previous))
    return 0
