"""``python -m models autocode``: Dutch help and errors (in-process; the real run is a slow subprocess test)."""

from __future__ import annotations

import pytest

from coding.cli import run_subcommands
from models.commands import COMMANDS
from models.db import Database


def _run(argv: list[str]) -> int:
    return run_subcommands("python -m models", "models.commands", COMMANDS, argv)


def test_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _run(["autocode", "--help"])
    out = capsys.readouterr().out
    assert "naam van de scan" in out
    assert "beslissingen van analisten niet meenemen" in out
    assert "name of the scan" not in out


def test_unknown_scan_is_a_dutch_error_and_codes_nothing(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["autocode", "--scan", "Bestaat niet"]) == 2
    captured = capsys.readouterr()
    assert "Er is geen scan met de naam 'Bestaat niet'." in captured.err
    assert captured.out == ""


def test_unknown_embedder_is_a_dutch_error(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    from models.auth import LOCAL
    from models.scans import create_scan

    create_scan(db, LOCAL, name="Testscan", organisation="Gemeente Testdorp", kind="gemeente")
    assert _run(["autocode", "--scan", "Testscan", "--embedder", "geen-embedder"]) == 2
    assert "De embedder 'geen-embedder' is hier niet te gebruiken" in capsys.readouterr().err
