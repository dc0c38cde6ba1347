"""Fixtures of the browser journeys: the running app, in single-user mode or with a user account."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models import users
from models.auth import LOCAL
from models.db import Database
from tests.e2e.journey import PASSWORD, USERNAME, running_app


@pytest.fixture
def server(db: Database, db_url: str, tmp_path: Path) -> Iterator[tuple[str, int]]:
    """Single-user mode (no accounts): the analyst's journey and the Dutch check."""
    with running_app(db, db_url, tmp_path) as running:
        yield running


@pytest.fixture
def team_server(db: Database, db_url: str, tmp_path: Path) -> Iterator[tuple[str, int]]:
    """The server of a team: users log in; the demo and another scan are there already."""
    users.create_user(db, LOCAL, USERNAME, PASSWORD, "admin")
    with running_app(db, db_url, tmp_path) as running:
        yield running
