"""Shared runner for the ``python -m coding`` and ``python -m models`` command lines."""

from __future__ import annotations

import argparse
import importlib
import logging


def run_subcommands(prog: str, package: str, commands: list[str], argv: list[str] | None) -> int:
    """Build an argparse parser from the modules in ``package`` and run one.

    Each module ``package.NAME`` exposes ``HELP``, ``add_arguments(parser)`` and
    ``run(args) -> int``. Modules that do not exist (yet) are left out.
    """
    parser = argparse.ArgumentParser(prog=prog)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in commands:
        try:
            module = importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{package}.{name}":
                continue
            raise
        command = sub.add_parser(name, help=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    return int(args.run(args))
