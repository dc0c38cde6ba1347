"""Shared runner for the ``python -m coding`` and ``python -m models`` command lines."""

from __future__ import annotations

import argparse
import importlib
import logging
from typing import Any

from texts import t


class _DutchHelpFormatter(argparse.HelpFormatter):
    """argparse's help with a Dutch "usage:" line (argparse's own texts are English)."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else t("cli.usage"))


class DutchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help frame (usage line, section titles, ``-h``) is Dutch.

    Sub-parsers (also nested ones, as in ``models users add``) are of the same class.
    argparse's own error messages stay English (they come from its gettext domain).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _DutchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = t("cli.positionals")
        self._optionals.title = t("cli.options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.help"))


def run_subcommands(prog: str, package: str, commands: list[str], argv: list[str] | None) -> int:
    """Build an argparse parser from the modules in ``package`` and run one.

    Each module ``package.NAME`` exposes ``HELP``, ``add_arguments(parser)`` and
    ``run(args) -> int``. Modules that do not exist (yet) are left out.
    """
    parser = DutchArgumentParser(prog=prog)
    sub = parser.add_subparsers(dest="command", required=True, title=t("cli.commands"))
    for name in commands:
        try:
            module = importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{package}.{name}":
                continue
            raise
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    return int(args.run(args))
