"""``python -m models backup [--dir DIR]``: write a backup of the configured database."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from models.auth import Actor
from texts import t

HELP = t("backup.cli.help")


def cli_actor() -> Actor:
    """Whoever runs the command line on the server acts as an admin, by their login name."""
    return Actor(username=f"cli:{getpass.getuser()}", role="admin")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--dir``."""
    parser.add_argument("--dir", type=Path, default=None, help=t("backup.cli.dir"))


def run(args: argparse.Namespace) -> int:
    """Back up and print the file written."""
    from models.backup import BackupError, backup
    from models.startup import connect_database

    try:
        path = backup(connect_database(), args.dir, actor=cli_actor())
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(t("backup.cli.made", path=path))
    return 0
