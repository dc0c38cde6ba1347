"""``python -m models export --scan NAME --format docx|xlsx|csv|qdpx|qdc --out PATH [--accepted-only]``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from models.auth import LOCAL
from models.errors import InputError
from models.exports import FORMATS, export
from models.scans import scan_by_name
from models.startup import connect_database
from texts import WeerbaarError, t

HELP = t("cli.export.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scan", required=True, help=t("cli.export.scan"))
    parser.add_argument("--format", required=True, choices=FORMATS, help=t("cli.export.format"))
    parser.add_argument("--out", required=True, type=Path, help=t("cli.export.out"))
    parser.add_argument("--real-names", action="store_true", help=t("cli.export.real_names"))
    parser.add_argument("--accepted-only", action="store_true", help=t("cli.export.accepted_only"))


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by the owner only (0600): exports hold interview content."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        os.fchmod(handle.fileno(), 0o600)  # also when the file existed with a wider mode
        handle.write(data)


def run(args: argparse.Namespace) -> int:
    """Export one scan as the local user (WEERBAAR_DATABASE_URL names the database)."""
    accepted_only = getattr(args, "accepted_only", False)  # callers may build the namespace without it
    try:
        if accepted_only and args.format != "qdpx":
            raise InputError(t("cli.export.error.accepted_only", format=args.format))
        db = connect_database()
        scan = scan_by_name(db, args.scan)
        if scan is None:
            raise InputError(t("exports.error.scan", name=args.scan))
        if args.out.is_dir():
            raise InputError(t("cli.export.error.out_dir", path=args.out))
        data = export(db, LOCAL, scan.id, args.format, real_names=args.real_names, accepted_only=accepted_only)
        write_private(args.out, data)
    except (WeerbaarError, PermissionError) as exc:  # NotFound, InputError, PermissionDenied …
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:  # a directory, no permission, disk full
        print(t("cli.export.error.out", path=args.out, error=exc.strerror or exc), file=sys.stderr)
        return 2
    print(t("cli.export.done", path=args.out))
    return 0
