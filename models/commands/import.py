"""``python -m models import PATH``: a REFI-QDA project (.qdpx) or codebook (.qdc)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from models.auth import LOCAL
from models.errors import InputError
from models.refiqda import import_file
from models.startup import connect_database
from texts import WeerbaarError, t

log = logging.getLogger(__name__)

HELP = t("cli.import.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help=t("cli.import.path"))
    parser.add_argument("--scan", default=None, help=f"{t('cli.import.scan')}; {t('cli.import.codebook_scan')}")


def run(args: argparse.Namespace) -> int:
    """Import as the local user and print what could not be carried over."""
    if not args.path.is_file():
        print(t("cli.error.file", path=args.path), file=sys.stderr)
        return 2
    try:
        db = connect_database()
        result = import_file(db, LOCAL, args.path, scan_name=args.scan)
    except WeerbaarError as exc:
        print(exc.message(), file=sys.stderr)
        return 2
    except (InputError, PermissionError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except Exception as exc:  # nothing was stored (one transaction); no traceback for the user
        log.debug("import failed", exc_info=True)
        print(t("refiqda.error.unexpected", filename=args.path.name, error=type(exc).__name__), file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(t("cli.warning", warning=warning), file=sys.stderr)
    if args.path.suffix.lower() == ".qdc":
        print(t("cli.import.codebook_done", count=result.codes))
    else:
        print(
            t(
                "cli.import.done",
                name=result.scan_name,
                sources=result.sources,
                codings=result.codings,
                suggestions=result.suggestions,
            )
        )
    return 0
