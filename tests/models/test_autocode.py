from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.embedders import embed_cached, select_embedder, text_hash
from models import schema as s
from models.auth import Actor
from models.autocode import (
    DatabaseEmbeddingCache,
    autocode,
    learner_for_scan,
    mark_stale_after_codebook_edit,
)
from models.content import load_codebook, save_codebook
from models.db import Database
from models.decisions import accept, recode
from models.fragments import segment_interview
from models.interviews import add_turn, create_interview
from models.scans import add_respondent, create_scan

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = [
    "Bij vergunningen voor horeca doen we een Bibob-onderzoek als er signalen zijn.",
    "Integriteitsschendingen kun je melden bij de vertrouwenspersonen.",
    "Het meldpunt voor signalen van ondermijning is nog niet bekend bij iedereen.",
]


@dataclass
class Built:
    scan_id: int
    interview_id: int
    codebook_id: int


@pytest.fixture
def built(db: Database, local_actor: Actor) -> Built:
    scan_id = create_scan(db, local_actor, name="Testscan", organisation="Gemeente Test", kind="gemeente")
    respondent = add_respondent(db, local_actor, scan_id, role="beleidsadviseur")
    interview_id = create_interview(
        db, local_actor, scan_id, title="Gesprek 1", kind="individueel", date="2024-05-01",
        interviewer="Onderzoeker", participant_ids=[respondent.id],
    )
    for answer in ANSWERS:
        add_turn(db, local_actor, interview_id, kind="question", text="Hoe gaat dat bij u?",
                       speaker_role="interviewer", question_id="BEL-1")
        add_turn(db, local_actor, interview_id, kind="answer", text=answer, speaker_role="respondent",
                       respondent_id=respondent.id)
    segment_interview(db, interview_id)
    with db.session() as session:
        codebook_id = session.get(s.Scan, scan_id).codebook_id  # type: ignore[union-attr]
    return Built(scan_id, interview_id, codebook_id)


def _codings(db: Database, scan_id: int) -> list[tuple[int, str, str, str, bool]]:
    with db.session() as session:
        return list(
            session.execute(
                select(s.Coding.fragment_id, s.Code.code, s.Coding.status, s.Coding.source, s.Coding.stale)
                .join(s.Code, s.Coding.code_id == s.Code.id)
                .join(s.Fragment, s.Coding.fragment_id == s.Fragment.id)
                .where(s.Fragment.scan_id == scan_id)
            ).all()
        )


def test_autocode_stores_suggestions_and_fills_fragments(db: Database, local_actor: Actor, built: Built) -> None:
    seen: list[float] = []
    result = autocode(db, scan_id=built.scan_id, actor=local_actor, progress=lambda f, _m: seen.append(f))
    assert result.coded == 3 and result.suggestions >= 3
    assert seen[-1] == 1.0 and seen == sorted(seen)
    with db.session() as session:
        fragments = session.scalars(select(s.Fragment).where(s.Fragment.scan_id == built.scan_id)).all()
        tops = {f.text: f.top_pillar for f in fragments}
        assert all(f.status == "suggested" and f.confidence and f.margin is not None for f in fragments)
        coding = session.scalars(select(s.Coding)).first()
        assert coding is not None and coding.coder == "auto-coder" and coding.coder_version == result.coder_version
    assert tops[ANSWERS[0]] == "BEL" and tops[ANSWERS[1]] == "INT" and tops[ANSWERS[2]] == "INF"


def test_autocode_rerun_replaces_suggestions_keeps_decisions(db: Database, local_actor: Actor, built: Built) -> None:
    autocode(db, scan_id=built.scan_id, actor=local_actor)
    with db.session() as session:
        first = session.scalars(select(s.Fragment.id).order_by(s.Fragment.id)).first()
    assert first is not None
    accept(db, local_actor, first)
    accepted_before = [c for c in _codings(db, built.scan_id) if c[2] == "accepted"]
    result = autocode(db, scan_id=built.scan_id, actor=local_actor)
    after = _codings(db, built.scan_id)
    assert [c for c in after if c[2] == "accepted"] == accepted_before
    assert result.replaced > 0
    suggested = [c for c in after if c[2] == "suggested"]
    assert len(suggested) == len({(c[0], c[1]) for c in suggested})  # no duplicates


def test_autocode_does_not_reembed_on_second_run(db: Database, local_actor: Actor, built: Built) -> None:
    autocode(db, scan_id=built.scan_id, actor=local_actor)
    with db.session() as session:
        stored = session.scalar(select(func.count()).select_from(s.Embedding))
    autocode(db, scan_id=built.scan_id, actor=local_actor)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(s.Embedding)) == stored


def test_autocode_database_cache_round_trip(db: Database) -> None:
    embedder = select_embedder("tfidf")
    cache = DatabaseEmbeddingCache(db)
    first = embed_cached(embedder, ["Een zin over het meldpunt."], cache)
    found = cache.get_many(embedder.name, [text_hash("Een zin over het meldpunt.")])
    assert len(found) == 1
    assert (list(found.values())[0] == first[0]).all()


def test_autocode_learner_for_scan_trains_on_decisions_and_caches(
    db: Database, local_actor: Actor, built: Built
) -> None:
    assert learner_for_scan(db, built.scan_id) is None
    autocode(db, scan_id=built.scan_id, actor=local_actor)
    with db.session() as session:
        ids = list(session.scalars(select(s.Fragment.id).order_by(s.Fragment.id)))
    recode(db, local_actor, ids[2], "COM")
    learner = learner_for_scan(db, built.scan_id)
    assert learner is not None and learner.n_decisions >= 1
    assert learner_for_scan(db, built.scan_id) is learner


def test_autocode_marks_stale_after_codebook_edit(db: Database, local_actor: Actor, built: Built) -> None:
    autocode(db, scan_id=built.scan_id, actor=local_actor)
    codebook = load_codebook(db, built.codebook_id)
    codebook.pillar("BEL").keywords.append("ondermijningstoets")
    changed = save_codebook(db, local_actor, built.codebook_id, codebook)
    assert "BEL" in changed
    marked = mark_stale_after_codebook_edit(db, built.codebook_id, changed)
    rows = _codings(db, built.scan_id)
    stale = [c for c in rows if c[4]]
    assert marked == len(stale) > 0
    assert all(c[1].split(".")[0] == "BEL" and c[2] == "suggested" for c in stale)
    assert all(not c[4] for c in rows if c[1].split(".")[0] != "BEL")


@pytest.mark.slow  # starts a subprocess
def test_autocode_cli_codes_a_scan(db: Database, local_actor: Actor, built: Built, db_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WEERBAAR_DATABASE_URL": db_url}
    done = subprocess.run(
        [sys.executable, "-m", "models", "autocode", "--scan", "Testscan"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert '"coded": 3' in done.stdout.strip().splitlines()[-1]
