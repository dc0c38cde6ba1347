"""The catalogue's storage and lookup; the area modules fill ``T``."""

from __future__ import annotations

T: dict[str, str] = {}


def t(key: str, **values: object) -> str:
    """Return the Dutch text for ``key`` with ``values`` filled in."""
    return T[key].format(**values) if values else T[key]
