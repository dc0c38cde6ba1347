"""``python -m models documents import --scan NAME FILE...``: policy documents into a scan's document study.

Prints one line per file (imported, or refused with the Dutch reason) and, as the
last line of stdout, ``{"documents": int, "fragments": int, "pages": int,
"refused": [{"file": str, "reason": str}]}``. Exit status 0 when every file was
imported, 1 when any was refused, 2 when the scan does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coding.documents import DocumentError, default_limits, megabytes
from models.auth import LOCAL
from models.documents import import_documents
from models.errors import InputError
from models.scans import scan_by_name
from models.startup import connect_database
from texts import count, t

HELP = t("cli.documents.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="documents_action", required=True)
    command = actions.add_parser("import", help=t("cli.documents.import_help"))
    command.add_argument("--scan", required=True, help=t("cli.export.scan"))
    command.add_argument("files", nargs="+", type=Path, help=t("cli.documents.files"))
    command.add_argument("--no-autocode", action="store_true", help=t("cli.documents.no_autocode"))


def _read(path: Path) -> bytes:
    limits = default_limits()
    if not path.is_file():
        raise DocumentError("not_found", name=str(path))
    size = path.stat().st_size
    if size > limits.file_limit():
        raise DocumentError(
            "too_large", name=path.name, size_mb=megabytes(size), limit_mb=megabytes(limits.file_limit())
        )
    return path.read_bytes()


def run(args: argparse.Namespace) -> int:
    """Import every file as the local user; each file is all or nothing."""
    db = connect_database()
    scan = scan_by_name(db, args.scan)
    if scan is None:
        print(t("cli.documents.no_scan", name=args.scan), file=sys.stderr)
        return 2
    totals = {"documents": 0, "fragments": 0, "pages": 0}
    refused: list[dict[str, str]] = []
    for path in args.files:
        try:
            data = _read(path)
            result = import_documents(db, LOCAL, scan.id, [(path.name, data)], autocode=not args.no_autocode)
        except (DocumentError, InputError, PermissionError) as exc:
            reason = exc.message() if isinstance(exc, DocumentError) else str(exc)
            refused.append({"file": str(path), "reason": reason})
            print(t("cli.documents.refused", file=path, reason=reason))
            continue
        if result.refused:
            refused.append({"file": str(path), "reason": result.refused[0].reason})
            print(t("cli.documents.refused", file=path, reason=result.refused[0].reason))
            continue
        totals["documents"] += 1
        totals["fragments"] += result.fragments
        totals["pages"] += result.pages
        pages = count(result.pages, "pagina") if result.pages else "?"
        print(t("cli.documents.imported", file=path, pages=pages, fragments=count(result.fragments, "fragment")))
        for warning in result.warnings.get(path.name, []):
            print(t("cli.warning", warning=warning), file=sys.stderr)
    print(json.dumps({**totals, "refused": refused}, ensure_ascii=False))
    return 1 if refused else 0
