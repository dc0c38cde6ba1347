"""YAML parsing for the shipped and uploaded files: safe, and in C where PyYAML has libyaml.

``yaml.safe_load`` parses in pure Python: the codebook and guide took some 70 ms per
load. ``CSafeLoader`` builds the same plain Python objects (no tags, no code) from the
same YAML, about ten times faster; without libyaml it falls back to ``SafeLoader``.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream: str | bytes | IO[str]) -> Any:
    """``yaml.safe_load`` with the fastest safe loader there is."""
    return yaml.load(stream, Loader=SAFE_LOADER)
