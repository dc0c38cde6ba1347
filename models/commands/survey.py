"""``python -m models survey import|summary``: import a survey export, or describe a scan's surveys.

``import --scan NAME FILE [--structure FILE.lss]`` imports with the detected
settings; its last stdout line is one JSON object: ``{"respondents",
"questions", "by_type", "dropped_columns"}``. ``summary --scan NAME`` prints
that object for every survey of the scan, one per line (the survey's name goes
to stderr before it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from models.auth import LOCAL, PermissionDenied
from models.startup import connect_database
from texts import WeerbaarError, t

HELP = t("survey.cli.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="survey_command", required=True)
    importer = sub.add_parser("import", help=t("survey.cli.import"))
    importer.add_argument("--scan", required=True, help=t("survey.cli.scan"))
    importer.add_argument("file", type=Path, help=t("survey.cli.file"))
    importer.add_argument("--structure", type=Path, default=None, help=t("survey.cli.structure"))
    importer.add_argument("--name", default=None, help=t("survey.cli.name"))
    importer.add_argument("--no-autocode", action="store_true", help=t("survey.cli.no_autocode"))
    summary = sub.add_parser("summary", help=t("survey.cli.summary"))
    summary.add_argument("--scan", required=True, help=t("survey.cli.scan"))


def run(args: argparse.Namespace) -> int:
    from models import surveys
    from models.errors import InputError
    from models.scans import scan_by_name

    db = connect_database()
    scan = scan_by_name(db, args.scan)
    if scan is None:
        print(t("survey.error.no_scan", name=args.scan), file=sys.stderr)
        return 2
    try:
        if args.survey_command == "import":
            for path in (args.file, args.structure):
                if path is not None and not path.is_file():
                    print(t("survey.error.file", path=path), file=sys.stderr)
                    return 2
            structure = args.structure.read_bytes() if args.structure else None
            outcome = surveys.import_file(
                db, LOCAL, scan.id, args.file.read_bytes(), args.file.name, structure=structure,
                structure_name=args.structure.name if args.structure else "", name=args.name,
                code=not args.no_autocode,
            )  # fmt: skip
            info = surveys.get_survey(db, LOCAL, outcome.survey_id)
            print(t("survey.cli.done", name=info.name, scan=scan.name, fragments=outcome.fragments))
            print(json.dumps(outcome.summary, ensure_ascii=False))
            return 0
        infos = surveys.list_surveys(db, LOCAL, scan.id)
        if not infos:
            print(t("survey.cli.none", scan=scan.name), file=sys.stderr)
        for info in infos:
            print(t("survey.cli.survey", name=info.name), file=sys.stderr)
            print(json.dumps(surveys.summary(db, LOCAL, info.id), ensure_ascii=False))
        return 0
    except (WeerbaarError, InputError, PermissionDenied) as error:
        print(error.message() if isinstance(error, WeerbaarError) else str(error), file=sys.stderr)
        return 2
