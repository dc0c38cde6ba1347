"""The codebook and guide as the domain model sees them.

The types and the YAML loading of the shipped defaults live in
:mod:`coding.codebook` (the lower layer, so the auto-coder needs nothing of
``models``); the database keeps versions of them (``models.content``). This module
re-exports those names so ``models`` code and branches written against the old
place keep importing ``models.codebook``; new code imports ``coding.codebook``.
"""

from __future__ import annotations

from coding.codebook import (
    DATA_DIR,
    PILLAR_CODES,
    Codebook,
    ContentError,
    Guide,
    Pillar,
    Question,
    Theme,
    default_codebook,
    default_guide,
    dump_yaml,
    load_yaml,
)

__all__ = [
    "DATA_DIR",
    "PILLAR_CODES",
    "Codebook",
    "ContentError",
    "Guide",
    "Pillar",
    "Question",
    "Theme",
    "default_codebook",
    "default_guide",
    "dump_yaml",
    "load_yaml",
]
