"""``python -m models migrate``: upgrade the database to the newest schema.

On an existing SQLite file the migration first copies it to ``backups/``;
the command prints that copy.
"""

from __future__ import annotations

import argparse

from texts import t

HELP = t("migrate.cli.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options: the database comes from ``WEERBAAR_DATABASE_URL``."""


def run(args: argparse.Namespace) -> int:
    """Print the current and newest revision, upgrade, and print the backup made."""
    from models.content import ensure_defaults
    from models.db import data_dir
    from models.migrate import current_revision, head_revision, upgrade_to_head
    from models.startup import connect_database

    db = connect_database(migrate=False)
    current, head = current_revision(db), head_revision(db)
    print(t("migrate.cli.current", url=db.engine.url.render_as_string(hide_password=True), current=current, head=head))
    if current == head:
        print(t("migrate.cli.uptodate"))
        return 0
    folder = data_dir() / "backups"
    before = set(folder.iterdir()) if folder.is_dir() else set()
    upgrade_to_head(db)
    ensure_defaults(db)
    for path in sorted(set(folder.iterdir()) - before if folder.is_dir() else set()):
        print(t("migrate.cli.backup", path=path))
    print(t("migrate.cli.done", head=head))
    return 0
