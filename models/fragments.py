"""Fragments: the coded units cut from respondent answers; segmentation, merge and split.

Offsets are code points into the turn text (end exclusive): a fragment is
always ``turn.text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coding.embedders.cache import text_hash
from models import schema as s
from models.auth import Actor
from models.db import Database
from models.errors import InputError, NotFound
from models.events import record_event
from models.status import SpeakerRole, TurnKind
from texts import t


@dataclass
class SegmentationResult:
    turns_segmented: int = 0
    fragments_created: int = 0
    fragments_kept: int = 0
    changed_fragment_ids: list[int] = field(default_factory=list)


def segment_interview(db: Database, interview_id: int, *, force: bool = False) -> SegmentationResult:
    """Cut respondent turns into fragments, only for turns whose text changed.

    Fragments whose offsets and text are unchanged keep their id (and so their
    codings and quotes); the others are replaced.
    """
    from coding.segmenter import lemmatize_many, segment_many

    result = SegmentationResult()
    with db.session() as session:
        interview = session.get(s.Interview, interview_id)
        if interview is None:
            raise NotFound("interview", interview_id)
        turns = session.scalars(
            select(s.Turn)
            .where(
                s.Turn.interview_id == interview_id,
                s.Turn.kind == TurnKind.ANSWER,
                s.Turn.speaker_role != SpeakerRole.INTERVIEWER,
            )
            .options(selectinload(s.Turn.fragments))
        ).all()
        todo = [turn for turn in turns if force or turn.segmented_version != turn.text_version]
        new_rows: list[s.Fragment] = []
        for turn, segments in zip(todo, segment_many([turn.text for turn in todo]), strict=True):
            old = {(f.start, f.end, f.text): f for f in turn.fragments}
            for segment in segments:
                key = (segment.start, segment.end, segment.text)
                if key in old:
                    old.pop(key)
                    result.fragments_kept += 1
                    continue
                row = s.Fragment(
                    turn_id=turn.id,
                    interview_id=interview_id,
                    scan_id=interview.scan_id,
                    start=segment.start,
                    end=segment.end,
                    text=segment.text,
                    text_hash=text_hash(segment.text),
                )
                session.add(row)
                new_rows.append(row)
            for stale in old.values():
                session.delete(stale)
            turn.segmented_version = turn.text_version
            result.turns_segmented += 1
        if new_rows:
            for row, lemmas in zip(new_rows, lemmatize_many([r.text for r in new_rows]), strict=True):
                row.lemmas = " ".join(lemmas)
            session.flush()
        result.fragments_created = len(new_rows)
        result.changed_fragment_ids = [row.id for row in new_rows]
    return result


def list_fragments(db: Database, interview_id: int) -> list[s.Fragment]:
    """Fragments of an interview in transcript order, with their codings."""
    with db.session() as session:
        return list(
            session.scalars(
                select(s.Fragment)
                .join(s.Turn)
                .where(s.Fragment.interview_id == interview_id)
                .order_by(s.Turn.seq, s.Fragment.start)
                .options(selectinload(s.Fragment.codings).selectinload(s.Coding.code), selectinload(s.Fragment.turn))
            )
        )


def _fragment_row(session: Session, actor: Actor, fragment_id: int) -> tuple[s.Fragment, s.Turn]:
    fragment = session.get(s.Fragment, fragment_id)
    if fragment is None:
        raise NotFound("fragment", fragment_id)
    actor.require("code", fragment.scan_id)
    return fragment, fragment.turn


def _set_span(fragment: s.Fragment, start: int, end: int, text: str) -> None:
    from coding.segmenter import lemmatize

    fragment.start, fragment.end, fragment.text = start, end, text
    fragment.text_hash = text_hash(text)
    fragment.lemmas = " ".join(lemmatize(text))


def merge_fragments(db: Database, actor: Actor, first_id: int, second_id: int) -> int:
    """Merge two adjacent fragments of one turn; the first keeps its id, codings and quotes of both.

    Offsets stay valid: the merged fragment is ``turn.text[start:end]``.
    """
    from coding.segmenter import Segment, merge_segments

    with db.session() as session:
        first, turn = _fragment_row(session, actor, first_id)
        second, other_turn = _fragment_row(session, actor, second_id)
        if first.start > second.start:
            first, second = second, first
        try:
            if turn.id != other_turn.id:
                raise ValueError("different turns")
            merged = merge_segments(
                turn.text, Segment(first.start, first.end, first.text), Segment(second.start, second.end, second.text)
            )
        except ValueError as exc:
            raise InputError(t("fragment.error.merge")) from exc
        before = {"fragments": [[first.start, first.end], [second.start, second.end]]}
        _set_span(first, merged.start, merged.end, merged.text)
        present = {(c.code_id, c.round_id, c.coder) for c in first.codings}
        for coding in list(second.codings):
            if (coding.code_id, coding.round_id, coding.coder) not in present:
                coding.fragment_id = first.id
        for quote in session.scalars(select(s.Quote).where(s.Quote.fragment_id == second.id)):
            quote.fragment_id = first.id
        first.quote_candidate = first.quote_candidate or second.quote_candidate
        session.flush()
        session.delete(second)
        record_event(
            session,
            actor,
            "fragment.merge",
            entity="fragment",
            entity_id=first.id,
            scan_id=first.scan_id,
            before=before,
            after={"fragment": [merged.start, merged.end]},
        )
        return first.id


def split_points(db: Database, fragment_id: int) -> list[int]:
    """Offsets (into the turn text) where a fragment may be split: its sentence boundaries."""
    from coding.segmenter import Segment, sentence_boundaries

    with db.session() as session:
        fragment = session.get(s.Fragment, fragment_id)
        if fragment is None:
            raise NotFound("fragment", fragment_id)
        return sentence_boundaries(fragment.turn.text, Segment(fragment.start, fragment.end, fragment.text))


def split_fragment(db: Database, actor: Actor, fragment_id: int, at: int) -> tuple[int, int]:
    """Split a fragment at a sentence boundary; the first part keeps id, codings and quotes.

    The second part is a new, uncoded fragment. Offsets stay valid for both.
    """
    from coding.segmenter import Segment, split_segment

    with db.session() as session:
        fragment, turn = _fragment_row(session, actor, fragment_id)
        try:
            left, right = split_segment(turn.text, Segment(fragment.start, fragment.end, fragment.text), at)
        except ValueError as exc:
            raise InputError(t("fragment.error.split")) from exc
        before = {"fragment": [fragment.start, fragment.end]}
        _set_span(fragment, left.start, left.end, left.text)
        new = s.Fragment(
            turn_id=turn.id,
            interview_id=fragment.interview_id,
            scan_id=fragment.scan_id,
            start=0,
            end=0,
            text="",
            text_hash="",
        )
        _set_span(new, right.start, right.end, right.text)
        session.add(new)
        session.flush()
        record_event(
            session,
            actor,
            "fragment.split",
            entity="fragment",
            entity_id=fragment.id,
            scan_id=fragment.scan_id,
            before=before,
            after={"fragments": [[left.start, left.end], [right.start, right.end]]},
        )
        return fragment.id, new.id
