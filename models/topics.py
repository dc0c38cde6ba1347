"""Topic discovery over a scan's fragments, stored with its settings.

Embeddings come from the embedding cache the auto-coder fills (computed once
per fragment text); a run is keyed on the fragments, the embedder and the
settings, so a page reload shows the stored result instead of recomputing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select

from coding.codebook import Theme
from coding.topics import TopicResult, TopicSettings, find_topics, theme_suggestion
from models import schema as s
from models.auth import Actor
from models.content import load_codebook, save_codebook
from models.db import Database
from models.events import record_event
from models.scans import get_scan
from models.status import CodingSource, CodingStatus, FragmentStatus
from texts import t

Progress = Callable[[float, str], None]


@dataclass
class Corpus:
    """Respondent fragments of a scan (or a selection of its interviews)."""

    fragment_ids: list[int]
    texts: list[str]
    lemmas: list[str]
    codes: dict[int, list[str]]


def load_corpus(db: Database, actor: Actor, scan_id: int, interview_ids: Sequence[int] | None = None) -> Corpus:
    """The fragments with lemmas and their non-rejected codes (pillars and themes)."""
    actor.require("code", scan_id)
    with db.session() as session:
        query = select(s.Fragment.id, s.Fragment.text, s.Fragment.lemmas).where(s.Fragment.scan_id == scan_id)
        if interview_ids:
            query = query.where(s.Fragment.interview_id.in_(list(interview_ids)))
        rows = session.execute(query.order_by(s.Fragment.id)).all()
        ids = [row.id for row in rows]
        codes: dict[int, list[str]] = {fragment_id: [] for fragment_id in ids}
        coded = session.execute(
            select(s.Coding.fragment_id, s.Code.code)
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .join(s.Fragment, s.Fragment.id == s.Coding.fragment_id)
            .where(s.Fragment.scan_id == scan_id, s.Coding.status != CodingStatus.REJECTED, s.Coding.round_id.is_(None))
        ).all()
    for fragment_id, code in coded:
        if fragment_id in codes:
            codes[fragment_id].append(code)
            if "." in code:
                codes[fragment_id].append(code.split(".", 1)[0])
    return Corpus(
        ids,
        [row.text for row in rows],
        [row.lemmas or row.text.lower() for row in rows],
        {k: sorted(set(v)) for k, v in codes.items()},
    )


def run_key(corpus: Corpus, embedder: str, settings: TopicSettings) -> str:
    raw = json.dumps([corpus.fragment_ids, embedder, settings.to_dict()], sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()


def stored_run(db: Database, scan_id: int, key: str) -> TopicResult | None:
    with db.session() as session:
        row = session.scalar(
            select(s.TopicRun)
            .where(s.TopicRun.scan_id == scan_id, s.TopicRun.key == key)
            .order_by(s.TopicRun.id.desc())
        )
        return TopicResult.from_json(row.result) if row else None


def latest_run(db: Database, scan_id: int) -> TopicResult | None:
    with db.session() as session:
        row = session.scalar(select(s.TopicRun).where(s.TopicRun.scan_id == scan_id).order_by(s.TopicRun.id.desc()))
        return TopicResult.from_json(row.result) if row else None


def discover(
    db: Database,
    actor: Actor,
    scan_id: int,
    *,
    interview_ids: Sequence[int] | None = None,
    settings: TopicSettings | None = None,
    embedder: str | None = None,
    progress: Progress | None = None,
    reuse: bool = True,
) -> tuple[TopicResult, object | None]:
    """Find topics for a scan; a stored run with the same key is returned as is (model None)."""
    from coding.embedders import select_embedder
    from coding.embedders.cache import embed_cached
    from models.autocode import DatabaseEmbeddingCache, default_config

    corpus = load_corpus(db, actor, scan_id, interview_ids)
    settings = settings or TopicSettings()
    backend = select_embedder(embedder or default_config().embedder)
    key = run_key(corpus, backend.name, settings)
    if reuse and (found := stored_run(db, scan_id, key)) is not None:
        return found, None
    report = progress or (lambda _f, _m: None)
    report(0.02, t("topics.progress.embeddings"))
    vectors = embed_cached(backend, corpus.texts, DatabaseEmbeddingCache(db)) if corpus.texts else np.zeros((0, 1))
    result, model = find_topics(
        corpus.fragment_ids,
        corpus.texts,
        corpus.lemmas,
        np.asarray(vectors, dtype=np.float32),
        codes=corpus.codes,
        settings=settings,
        progress=progress,
    )
    with db.session() as session:
        session.add(s.TopicRun(scan_id=scan_id, key=key, settings=result.settings, result=result.to_json()))
        record_event(
            session,
            actor,
            "topics.run",
            entity="scan",
            entity_id=scan_id,
            scan_id=scan_id,
            after={"topics": len(result.topics), "n": result.n},
        )
    return result, model


def fragment_texts(db: Database, fragment_ids: Sequence[int]) -> dict[int, str]:
    with db.session() as session:
        rows = session.execute(select(s.Fragment.id, s.Fragment.text).where(s.Fragment.id.in_(list(fragment_ids))))
        return {row.id: row.text for row in rows}


def create_theme_from_topic(
    db: Database,
    actor: Actor,
    scan_id: int,
    *,
    pillar: str,
    name: str,
    description: str,
    keywords: Sequence[str],
    fragment_ids: Sequence[int],
) -> str:
    """Add a theme to the scan's codebook and make the topic's fragments suggested codings of it.

    Changing a codebook is an admin's right (``content.edit``), as everywhere.
    """
    actor.require("content.edit")
    scan = get_scan(db, actor, scan_id)
    codebook = load_codebook(db, scan.codebook_id)
    slug = "".join(c if c.isalnum() else "_" for c in name.lower()).strip("_")[:40] or "nieuw"
    code = f"{pillar}.{slug}"
    existing = {theme.code for theme in codebook.themes()}
    n = 2
    while code in existing:
        code, n = f"{pillar}.{slug}_{n}", n + 1
    codebook.pillar(pillar).themes.append(Theme(code=code, name=name, description=description, keywords=list(keywords)))
    save_codebook(db, actor, scan.codebook_id, codebook)
    with db.session() as session:
        code_row = session.scalar(select(s.Code).where(s.Code.codebook_id == scan.codebook_id, s.Code.code == code))
        assert code_row is not None
        for fragment_id in fragment_ids:
            session.add(
                s.Coding(
                    fragment_id=fragment_id,
                    code_id=code_row.id,
                    source=CodingSource.AUTO,
                    status=CodingStatus.SUGGESTED,
                    coder="onderwerpen",
                    coder_version="bertopic",
                )
            )
            fragment = session.get(s.Fragment, fragment_id)
            if fragment is not None and fragment.status == FragmentStatus.UNCODED:
                fragment.status = FragmentStatus.SUGGESTED
                fragment.top_pillar, fragment.top_theme = pillar, code
        record_event(
            session,
            actor,
            "topics.new_theme",
            entity="code",
            entity_id=code_row.id,
            scan_id=scan_id,
            after={"code": code, "fragments": len(fragment_ids)},
        )
    return code


__all__ = ["Corpus", "create_theme_from_topic", "discover", "latest_run", "load_corpus", "theme_suggestion"]
