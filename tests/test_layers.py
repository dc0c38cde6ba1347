"""The layer contracts of pyproject.toml ``[tool.importlinter]`` hold (the same check as ``lint-imports`` in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_layers_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlinter.cli import lint_imports

    monkeypatch.chdir(ROOT)
    assert os.path.exists("pyproject.toml")
    # exit code 0: every contract kept; 1: a contract is broken (the report names the import)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
