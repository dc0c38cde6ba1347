"""Command line of the domain model: ``python -m models SUBCOMMAND``."""

import sys

from coding.cli import run_subcommands
from models.commands import COMMANDS

if __name__ == "__main__":
    sys.exit(run_subcommands("python -m models", "models.commands", COMMANDS, None))
