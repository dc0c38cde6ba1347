"""``python -m models export --scan NAME --format docx|xlsx|csv|qdpx|qdc --out PATH``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from models.auth import LOCAL
from models.errors import InputError
from models.exports import FORMATS, export
from models.scans import scan_by_name
from models.startup import connect_database
from texts import t

HELP = t("cli.export.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scan", required=True, help=t("cli.export.scan"))
    parser.add_argument("--format", required=True, choices=FORMATS, help=t("cli.export.format"))
    parser.add_argument("--out", required=True, type=Path, help=t("cli.export.out"))
    parser.add_argument("--real-names", action="store_true", help=t("cli.export.real_names"))


def run(args: argparse.Namespace) -> int:
    """Export one scan as the local user (WEERBAAR_DATABASE_URL names the database)."""
    try:
        db = connect_database()
        scan = scan_by_name(db, args.scan)
        if scan is None:
            raise InputError(t("exports.error.scan", name=args.scan))
        data = export(db, LOCAL, scan.id, args.format, real_names=args.real_names)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(data)
    except (InputError, PermissionError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(t("cli.export.done", path=args.out))
    return 0
