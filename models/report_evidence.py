"""The evidence panel of a theme: its accepted fragments (interviews, survey open answers,
documents) ordered by representativeness, the survey statements, the checklist status of
the pillar's instruments, and the starting skeleton offered to the analyst.

Weerbaar never writes findings itself: the skeleton is the theme's most representative
fragments in their own words, each with the ids of the fragments that support it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from coding.embedders import embed_cached, select_embedder
from coding.evidence import RankSettings, SkeletonPoint, rank, skeleton
from models import schema as s
from models.auth import Actor
from models.autocode import DatabaseEmbeddingCache
from models.db import Database
from models.status import CodingStatus, InterviewKind
from texts import t

DEFAULT_PANEL_LIMIT = 40


@dataclass
class EvidenceFragment:
    fragment_id: int
    text: str
    role: str
    department: str
    source: str  # interview | enquete | document
    source_label: str
    relevance: float
    consent: str


def _source(interview: s.Interview, turn: s.Turn) -> tuple[str, str]:
    if interview.kind == InterviewKind.ENQUETE:
        return "enquete", t("report.source.survey", title=interview.title)
    if interview.kind == InterviewKind.DOCUMENT:
        page = getattr(turn, "page", None)
        label = t("report.source.document", title=interview.title)
        return "document", f"{label}, p. {page}" if page else label
    return "interview", t("report.source.interview", title=interview.title, kind=interview.kind)


def accepted_for_theme(db: Database, actor: Actor, scan_id: int, theme: str) -> list[EvidenceFragment]:
    """Fragments with an accepted coding of ``theme`` (agreement rounds left out), in stored order."""
    actor.require("report", scan_id)
    with db.session() as session:
        fragments = session.scalars(
            select(s.Fragment)
            .join(s.Coding, s.Coding.fragment_id == s.Fragment.id)
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .where(s.Fragment.scan_id == scan_id, s.Coding.status == CodingStatus.ACCEPTED, s.Coding.round_id.is_(None),
                   s.Code.code == theme)
            .distinct()
            .order_by(s.Fragment.id)
            .options(selectinload(s.Fragment.turn).selectinload(s.Turn.respondent),
                     selectinload(s.Fragment.turn).selectinload(s.Turn.interview))
        ).all()  # fmt: skip
        out = []
        for fragment in fragments:
            turn = fragment.turn
            person = turn.respondent
            source, label = _source(turn.interview, turn)
            out.append(EvidenceFragment(
                fragment.id, fragment.text, person.role if person else "", person.department if person else "",
                source, label, 0.0, person.consent if person else "",
            ))  # fmt: skip
        return out


def _vectors(db: Database, texts: list[str], embedder: str) -> object:
    return embed_cached(select_embedder(embedder), texts, DatabaseEmbeddingCache(db))


def ranked_evidence(
    db: Database, actor: Actor, scan_id: int, theme: str, *, embedder: str = "tfidf",
    mmr_lambda: float = 0.7, limit: int | None = DEFAULT_PANEL_LIMIT,
) -> list[EvidenceFragment]:  # fmt: skip
    """The theme's accepted fragments, most representative first (centroid closeness with MMR)."""
    items = accepted_for_theme(db, actor, scan_id, theme)
    if len(items) < 2:
        return items
    vectors = _vectors(db, [item.text for item in items], embedder)
    order = rank(vectors, RankSettings(mmr_lambda=mmr_lambda, limit=limit))  # type: ignore[arg-type]
    out = []
    for picked in order:
        item = items[picked.index]
        item.relevance = round(picked.relevance, 3)
        out.append(item)
    return out


def theme_skeleton(
    db: Database, actor: Actor, scan_id: int, theme: str, *, embedder: str = "tfidf", mmr_lambda: float = 0.7
) -> list[SkeletonPoint]:
    """The starting skeleton of a theme: 3–5 points with their evidence (fragment ids)."""
    items = accepted_for_theme(db, actor, scan_id, theme)
    if not items:
        return []
    vectors = _vectors(db, [item.text for item in items], embedder)
    return skeleton([i.text for i in items], [i.fragment_id for i in items], vectors,  # type: ignore[arg-type]
                    settings=RankSettings(mmr_lambda=mmr_lambda))  # fmt: skip


def skeleton_text(points: list[SkeletonPoint]) -> str:
    """The skeleton as editor text: one bullet per point."""
    return "\n".join(point.bullet for point in points)


@dataclass
class ChecklistStatus:
    label: str
    status: str
    confirmed: bool
    sentence: str


def checklist_status(db: Database, actor: Actor, scan_id: int, pillar: str) -> list[ChecklistStatus]:
    """The document study's checklist of the pillar's instruments.

    Refused outside the actor's scans; empty for a role that may write the report but not see documents.
    """
    actor.require("report", scan_id)
    if not actor.can("documents", scan_id):
        return []
    from models.checklist import findings

    return [ChecklistStatus(f.label, f.status, f.confirmed, f.sentence) for f in findings(db, actor, scan_id)
            if f.pillar == pillar]  # fmt: skip
