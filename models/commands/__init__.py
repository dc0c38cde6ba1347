"""Subcommands of ``python -m models`` (same contract as ``coding.commands``)."""

COMMANDS = ["demo", "export", "import", "backup", "restore", "users", "migrate", "autocode"]
