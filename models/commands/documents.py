"""``python -m models documents import --scan NAME FILE...``: policy documents into a scan's document study.

Prints one line per file (imported, or refused with the Dutch reason) and, as the
last line of stdout, ``{"documents": int, "fragments": int, "pages": int,
"refused": [{"file": str, "reason": str}]}``. All or nothing: when any file is
refused, none is stored (the others are listed as not imported because of it).
Exit status 0 when every file was imported, 1 when any was refused, 2 when the
scan does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coding.documents import DocumentError, default_limits, megabytes
from models.auth import LOCAL
from models.documents import prepare_documents, store_documents
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
    """Import the files as the local user, all of them or (one refused) none."""
    db = connect_database()
    scan = scan_by_name(db, args.scan)
    if scan is None:
        print(t("cli.documents.no_scan", name=args.scan), file=sys.stderr)
        return 2
    refusals: dict[str, str] = {}
    readable: list[tuple[str, bytes]] = []
    paths: dict[str, Path] = {}
    for path in args.files:
        try:
            readable.append((path.name, _read(path)))
            paths[path.name] = path
        except DocumentError as exc:
            refusals[str(path)] = exc.message()
    try:
        prepared, refused = prepare_documents(db, LOCAL, scan.id, readable)
    except (InputError, PermissionError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    refusals.update({str(paths[item.file]): item.reason for item in refused})
    totals = {"documents": 0, "fragments": 0, "pages": 0}
    if refusals:
        for path in args.files:
            reason = refusals.get(str(path))
            if reason is None:
                print(t("cli.documents.not_imported", file=path))
            else:
                print(t("cli.documents.refused", file=path, reason=reason))
        listed = [{"file": str(path), "reason": refusals[str(path)]} for path in args.files if str(path) in refusals]
        print(json.dumps({**totals, "refused": listed}, ensure_ascii=False))
        return 1
    result = store_documents(db, LOCAL, scan.id, prepared, autocode=not args.no_autocode)
    for document in prepared:
        path = paths[document.item.filename]
        pages = count(document.parsed.pages, "pagina") if document.parsed.pages else "?"
        print(t("cli.documents.imported", file=path, pages=pages, fragments=count(len(document.fragments), "fragment")))
        for warning in result.warnings.get(document.item.filename, []):
            print(t("cli.warning", warning=warning), file=sys.stderr)
    totals.update(documents=result.documents, fragments=result.fragments, pages=result.pages)
    print(json.dumps({**totals, "refused": []}, ensure_ascii=False))
    return 0
