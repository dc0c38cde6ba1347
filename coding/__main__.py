"""Command line of the Dutch NLP package: ``python -m coding SUBCOMMAND``."""

import sys

from coding.cli import run_subcommands
from coding.commands import COMMANDS

if __name__ == "__main__":
    sys.exit(run_subcommands("python -m coding", "coding.commands", COMMANDS, None))
