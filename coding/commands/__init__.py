"""Subcommands of ``python -m coding``.

Each module here exposes ``HELP: str``, ``add_arguments(parser)`` and
``run(args) -> int``; ``coding/__main__.py`` registers every module listed in
``COMMANDS``.
"""

COMMANDS = ["segment", "evaluate", "bench", "topics"]
