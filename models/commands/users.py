"""``python -m models users``: add, list and assign users from the command line.

python -m models users add NAME --role admin     # password from WEERBAAR_PASSWORD or a prompt
python -m models users list
python -m models users assign NAME SCAN [--remove]
python -m models users passwd NAME
python -m models users deactivate NAME
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from models.auth import ROLES
from models.commands.backup import cli_actor
from texts import t

HELP = t("users.cli.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``add``, ``list``, ``assign``, ``passwd`` and ``deactivate`` actions."""
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="Gebruiker toevoegen")
    add.add_argument("name", help=t("users.cli.name"))
    add.add_argument("--role", choices=ROLES, required=True, help=t("users.cli.role"))
    add.add_argument("--display-name", default="", help=t("users.cli.display_name"))
    actions.add_parser("list", help="Gebruikers tonen")
    assign = actions.add_parser("assign", help="Gebruiker aan een scan toewijzen")
    assign.add_argument("name", help=t("users.cli.name"))
    assign.add_argument("scan", help=t("users.cli.scan"))
    assign.add_argument("--remove", action="store_true", help=t("users.cli.remove"))
    passwd = actions.add_parser("passwd", help="Wachtwoord opnieuw instellen")
    passwd.add_argument("name", help=t("users.cli.name"))
    deactivate = actions.add_parser("deactivate", help="Gebruiker deactiveren")
    deactivate.add_argument("name", help=t("users.cli.name"))


def _password(username: str) -> str | None:
    password = os.environ.get("WEERBAAR_PASSWORD")
    if password:
        return password
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(t("users.cli.password_prompt", username=username))
    if getpass.getpass(t("users.cli.password_again")) != first:
        print(t("users.cli.password_mismatch"), file=sys.stderr)
        return None
    return first


def run(args: argparse.Namespace) -> int:
    """Run one action; Dutch errors on stderr with exit code 1 (2 for a missing password)."""
    from models import users
    from models.scans import scan_by_name
    from models.startup import connect_database
    from texts import WeerbaarError

    db = connect_database()
    actor = cli_actor()
    try:
        if args.action == "list":
            found = users.list_users(db, actor)
            if not found:
                print(t("users.cli.none"))
            else:
                print(t("users.cli.list_header"))
            for user in found:
                scans = ",".join(str(i) for i in user.scan_ids) or "-"
                print(f"{user.username} | {user.role} | {'ja' if user.active else 'nee'} | {scans}")
        elif args.action in ("add", "passwd"):
            password = _password(args.name)
            if not password:
                print(t("users.cli.no_password"), file=sys.stderr)
                return 2
            if args.action == "add":
                users.create_user(db, actor, args.name, password, args.role, display_name=args.display_name)
                print(t("users.cli.created", username=args.name, role=args.role))
            else:
                users.set_password(db, actor, args.name, password)
                print(t("users.cli.password_set", username=args.name))
        elif args.action == "assign":
            scan = scan_by_name(db, args.scan)
            scan_id = scan.id if scan is not None else int(args.scan) if args.scan.isdigit() else None
            if scan_id is None:
                print(t("users.cli.unknown_scan", scan=args.scan), file=sys.stderr)
                return 1
            users.assign_scan(db, actor, args.name, scan_id, assigned=not args.remove)
            key = "users.cli.unassigned" if args.remove else "users.cli.assigned"
            print(t(key, username=args.name, scan=args.scan))
        elif args.action == "deactivate":
            users.deactivate(db, actor, args.name)
            print(t("users.cli.deactivated", username=args.name))
    except WeerbaarError as exc:
        print(exc.message(), file=sys.stderr)
        return 1
    return 0
