"""What the review queue shows: the filters and their SQL (shared by the queue and bulk decisions).

The search matches lemmas (``Fragment.lemmas``, filled by the same lemmatiser),
so "meldingen" finds "melding".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Select, exists, literal, or_, select

from models import schema as s
from models.errors import InputError
from models.status import CodingStatus, FragmentStatus
from texts import t

Order = Literal["uncertain", "interview", "confidence"]


ORDERS: tuple[str, ...] = ("uncertain", "interview", "confidence")


STATUSES: tuple[str, ...] = (
    FragmentStatus.SUGGESTED,
    FragmentStatus.ACCEPTED,
    FragmentStatus.REJECTED,
    FragmentStatus.UNCODED,
)


@dataclass(frozen=True)
class ReviewFilters:
    """What the queue shows; ``None`` or empty means "no filter on this".

    Attributes:
        pillar: Pillar code; matches the fragment's top pillar or any working
            coding (suggested or accepted) in that pillar.
        theme: Theme code; matches the top theme or any working coding.
        status: ``suggested``, ``accepted``, ``rejected`` or ``uncoded``.
        interview_id: One interview.
        role: Respondent role (functie), exact.
        department: Respondent department (afdeling), exact.
        min_confidence: Lowest confidence of the top suggestion (0–1).
        max_confidence: Highest confidence of the top suggestion (0–1).
        search: Dutch words; a fragment matches when its lemmas contain every
            lemma of the query as a whole word.
    """

    pillar: str | None = None
    theme: str | None = None
    status: str | None = None
    interview_id: int | None = None
    role: str | None = None
    department: str | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    search: str = ""


def query_lemmas(query: str) -> list[str]:
    """Lemmas of a Dutch search query, lower-cased and de-duplicated.

    Uses ``coding.segmenter.lemmatize`` (the same lemmatiser that filled
    ``Fragment.lemmas``); falls back to lower-cased words when it is missing.
    """
    query = (query or "").strip()
    if not query:
        return []
    lemmas: Iterable[str]
    try:
        from coding.segmenter import lemmatize
    except ImportError:  # segmenter not installed: plain words
        lemmas = re.findall(r"\w+", query.lower())
    else:
        result: Any = lemmatize(query)
        lemmas = result.split() if isinstance(result, str) else [str(item) for item in result]
    words = [w.strip().lower() for w in lemmas if re.search(r"\w", w or "")]
    return list(dict.fromkeys(words))


def _like_word(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {escaped} %"


def filtered_query(scan_id: int, filters: ReviewFilters, *columns: Any, join_turn: bool = False) -> Select[Any]:
    """``SELECT columns FROM fragments`` with the filters applied.

    Turns and respondents are joined only when a filter or ``join_turn`` needs
    them, so counting a large queue stays an index-only scan.
    """
    query = select(*columns).select_from(s.Fragment).where(s.Fragment.scan_id == scan_id)
    if join_turn or filters.role or filters.department:
        query = query.join(s.Turn, s.Turn.id == s.Fragment.turn_id).outerjoin(
            s.Respondent, s.Respondent.id == s.Turn.respondent_id
        )
    f = filters
    if f.status:
        if f.status not in STATUSES:
            raise InputError(t("review.error.status"))
        query = query.where(s.Fragment.status == f.status)
    if f.pillar:
        coded_in_pillar = exists(
            select(s.Coding.id)
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .where(
                s.Coding.fragment_id == s.Fragment.id,
                s.Coding.round_id.is_(None),
                s.Coding.status != CodingStatus.REJECTED,
                or_(s.Code.code == f.pillar, s.Code.code.like(f.pillar + ".%")),
            )
        )
        query = query.where(or_(s.Fragment.top_pillar == f.pillar, coded_in_pillar))
    if f.theme:
        coded_theme = exists(
            select(s.Coding.id)
            .join(s.Code, s.Code.id == s.Coding.code_id)
            .where(
                s.Coding.fragment_id == s.Fragment.id,
                s.Coding.round_id.is_(None),
                s.Coding.status != CodingStatus.REJECTED,
                s.Code.code == f.theme,
            )
        )
        query = query.where(or_(s.Fragment.top_theme == f.theme, coded_theme))
    if f.interview_id is not None:
        query = query.where(s.Fragment.interview_id == f.interview_id)
    if f.role:
        query = query.where(s.Respondent.role == f.role)
    if f.department:
        query = query.where(s.Respondent.department == f.department)
    if f.min_confidence is not None:
        query = query.where(s.Fragment.confidence >= f.min_confidence)
    if f.max_confidence is not None:
        query = query.where(s.Fragment.confidence <= f.max_confidence)
    padded = literal(" ") + s.Fragment.lemmas + literal(" ")
    for lemma in query_lemmas(f.search):
        query = query.where(padded.ilike(_like_word(lemma), escape="\\"))
    return query


def ordered_query(query: Select[Any], order: str) -> Select[Any]:
    if order == "uncertain":
        return query.order_by(s.Fragment.margin.asc().nulls_last(), s.Fragment.id)
    if order == "interview":
        return query.order_by(s.Fragment.interview_id, s.Turn.seq, s.Fragment.start, s.Fragment.id)
    if order == "confidence":
        return query.order_by(s.Fragment.confidence.desc().nulls_last(), s.Fragment.id)
    raise InputError(t("review.error.order"))
