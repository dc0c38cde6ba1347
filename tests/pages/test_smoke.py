"""Every screen renders without an error, empty and with the demo scan; texts are complete."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from models.auth import LOCAL
from models.db import Database
from models.demo import load_demo
from models.interviews import list_interviews

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_data(db: Database, page: str) -> None:
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=120).run()
    assert not at.exception, at.exception


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_demo(db: Database, page: str) -> None:
    scan_id = load_demo(db, LOCAL, autocode=page in {"review.py", "charts.py", "quotes.py"})
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=120)
    at.session_state["scan_id"] = scan_id
    at.session_state["interview_id"] = list_interviews(db, LOCAL, scan_id)[0].id
    at.run()
    assert not at.exception, at.exception


def test_app_navigation_renders_start_page(db: Database) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert at.title[0].value == "Weerbaar"


def test_texts_have_no_duplicate_keys_and_every_key_used_exists() -> None:
    from texts import T

    # every area module of the catalogue: a key defined twice, even in two modules, is a mistake
    keys = [
        key
        for path in sorted((ROOT / "texts").glob("*.py"))
        for key in re.findall(r'^\s+"([a-z_][a-z_.0-9]*)":', path.read_text(encoding="utf-8"), re.M)
    ]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    used: set[str] = set()
    for folder in ("pages", "models", "coding", "ui", "texts"):
        for path in (ROOT / folder).rglob("*.py"):
            used.update(re.findall(r'\bt\(\s*"([a-z_][a-z_.0-9]*)"', path.read_text(encoding="utf-8")))
    assert sorted(used - set(T) - {"key"}) == []  # "key" appears in the module docstring
