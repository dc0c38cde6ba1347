"""``python -m models report --scan NAME --out PATH.docx|PATH.pdf``.

Prints progress on stderr and, as the last stdout line, the JSON
``{"chapters", "sections", "quotes", "figures", "recommendations", "words"}``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from models.auth import LOCAL
from models.report_export import export_report
from models.report_outline import ReportError
from models.scans import scan_by_name
from models.startup import connect_database
from texts import WeerbaarError, t

HELP = t("cli.report.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scan", required=True, help=t("cli.report.scan"))
    parser.add_argument("--out", required=True, type=Path, help=t("cli.report.out"))


def _progress(fraction: float, message: str) -> None:
    print(f"{round(100 * fraction):3d}% {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    """Export the scan's report as the local user (WEERBAAR_DATABASE_URL names the database)."""
    suffix = args.out.suffix.lower().lstrip(".")
    try:
        if suffix not in ("docx", "pdf"):
            raise ReportError("format", suffix=args.out.suffix or args.out.name)
        db = connect_database()
        scan = scan_by_name(db, args.scan)
        if scan is None:
            raise ReportError("scan_name", name=args.scan)
        result = export_report(db, LOCAL, scan.id, fmt=suffix, progress=_progress)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(result.data)
    except (WeerbaarError, ValueError, PermissionError) as exc:
        message = exc.message() if isinstance(exc, WeerbaarError) else str(exc)
        print(message, file=sys.stderr)
        return 2
    print(json.dumps(result.stats()))
    return 0
