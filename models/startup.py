"""Opening the database for use: connect, migrate to head, load the shipped content.

This sits above :mod:`models.db` (engine and sessions), :mod:`models.migrate`
(Alembic) and :mod:`models.content` (the default codebook and guide), so none of
those needs to import another at run time: the import graph has no circles.
"""

from __future__ import annotations

from models.content import ensure_defaults
from models.db import Database
from models.migrate import upgrade_to_head


def connect_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open ``url`` (default: :func:`models.db.database_url`), migrate to head and load shipped content.

    With ``migrate=False`` the database is only opened (for ``weerbaar migrate``
    and tests of old schemas).
    """
    db = Database.open(url)
    if migrate:
        upgrade_to_head(db)
        ensure_defaults(db)
    return db
