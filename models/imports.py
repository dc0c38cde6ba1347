"""Bringing an existing transcript in as an interview of a scan.

The file is parsed by :mod:`coding.transcripts`; every speaker label is mapped
to the interviewer, an existing respondent or a new respondent. The respondent
turns are segmented (and their fragments lemmatised) first, in memory; then the
respondents, the interview, its turns and fragments and the event are written in
one transaction. Any failure (a limit, the NLP pipeline, the database) leaves the
database exactly as it was. Afterwards the interview behaves like one conducted
in the app.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from coding.embedders.cache import text_hash
from coding.transcripts import MAX_TURNS, ParsedTranscript
from models import schema as s
from models.auth import Actor
from models.db import Database
from models.errors import InputError
from models.events import record_event
from models.interviews import MAX_TURN_CHARS
from texts import t

log = logging.getLogger(__name__)

INTERVIEWER = "interviewer"


@dataclass(frozen=True)
class NewRespondent:
    """Map a speaker label to a respondent created during the import."""

    role: str
    department: str = ""
    consent: str = "ja"


Target = int | str | NewRespondent  # respondent id, INTERVIEWER, or a new respondent


def guess_interviewer(labels: list[str]) -> str | None:
    """The label that looks like the interviewer ("Interviewer", "I", "Int.")."""
    for label in labels:
        if label.strip().casefold().rstrip(".:") in {"interviewer", "i", "int", "interviewster", "onderzoeker"}:
            return label
    return None


NOT_DUTCH_SHARE = 0.5


def language_warning(parsed: ParsedTranscript) -> str | None:
    """A Dutch warning when the transcript is mostly not Dutch (share of words in non-Dutch turns)."""
    from coding.language import dutch_share

    share = dutch_share([turn.text for turn in parsed.turns])
    if share >= NOT_DUTCH_SHARE:
        return None
    return t("import.warning.not_dutch", share=round(100 * share))


def import_transcript(
    db: Database,
    actor: Actor,
    scan_id: int,
    parsed: ParsedTranscript,
    mapping: Mapping[str, Target],
    *,
    title: str,
    date: str = "",
    interviewer: str = "",
    filename: str | None = None,
    unlabelled: Target | None = None,
) -> int:
    """Store a parsed transcript as a finished interview and segment it.

    ``mapping`` maps every speaker label to a target; turns without a label
    go to ``unlabelled`` (required when such turns exist). Nothing is stored
    when anything is missing or wrong.
    """
    actor.require("interview.import", scan_id)
    if not parsed.turns:
        raise InputError(t("import.error.empty"))
    missing = [label for label in parsed.speakers if label not in mapping]
    if missing:
        raise InputError(t("import.error.unmapped", labels=", ".join(missing)))
    if any(turn.speaker is None for turn in parsed.turns) and unlabelled is None:
        raise InputError(t("import.error.unlabelled"))
    if len(parsed.turns) > MAX_TURNS:
        raise InputError(t("import.error.too_many_turns", count=len(parsed.turns), limit=MAX_TURNS))
    for number, turn in enumerate(parsed.turns, start=1):
        if len(turn.text) > MAX_TURN_CHARS:
            raise InputError(t("import.error.turn_too_long", number=number, count=len(turn.text), limit=MAX_TURN_CHARS))
    respondent_turns = {
        index
        for index, turn in enumerate(parsed.turns)
        if _is_respondent(targets_of(mapping, unlabelled), turn.speaker)
    }
    segments = _segment([parsed.turns[index].text for index in sorted(respondent_turns)])
    segments_by_turn = dict(zip(sorted(respondent_turns), segments, strict=True))
    with db.session() as session:
        resolved: dict[str | None, s.Respondent | None] = {}
        participants: list[s.Respondent] = []
        count = len(session.scalars(select(s.Respondent.id).where(s.Respondent.scan_id == scan_id)).all())
        targets: dict[str | None, Target | None] = dict(mapping.items())
        targets[None] = unlabelled
        for label, target in targets.items():
            if target is None or target == INTERVIEWER:
                resolved[label] = None
                continue
            if isinstance(target, NewRespondent):
                if not target.role.strip():
                    raise InputError(t("respondent.error.role"))
                count += 1
                respondent = s.Respondent(
                    scan_id=scan_id,
                    code=f"R{count:02d}",
                    role=target.role.strip(),
                    department=target.department.strip(),
                    consent=target.consent,
                )
                session.add(respondent)
                session.flush()
            else:
                found = session.get(s.Respondent, int(target))
                if found is None or found.scan_id != scan_id:
                    raise InputError(t("import.error.respondent", label=label or ""))
                respondent = found
            resolved[label] = respondent
            if respondent not in participants:
                participants.append(respondent)
        if not participants:
            raise InputError(t("import.error.no_respondent"))
        interview = s.Interview(
            scan_id=scan_id,
            title=title.strip() or (filename or t("import.default_title")),
            kind="groep" if len(participants) > 1 else "individueel",
            date=date,
            interviewer=interviewer,
            plan=[],
            status="afgerond",
            source="import",
            source_filename=filename,
            owner=actor.username,
        )
        interview.participants = participants
        session.add(interview)
        session.flush()
        for index, turn in enumerate(parsed.turns):
            speaker = resolved[turn.speaker]
            row = s.Turn(
                interview_id=interview.id,
                seq=index + 1,
                kind="answer" if speaker is not None else "note",
                speaker_role="respondent" if speaker is not None else "interviewer",
                respondent_id=speaker.id if speaker is not None else None,
                speaker_label=turn.speaker or "",
                text=turn.text,
                text_version=1,
                segmented_version=1 if speaker is not None else 0,
                start_ms=turn.start_ms,
                end_ms=turn.end_ms,
                created_by=actor.username,
            )
            session.add(row)
            if speaker is None:
                continue
            session.flush()
            for start, end, text, lemmas in segments_by_turn[index]:
                session.add(
                    s.Fragment(
                        turn_id=row.id,
                        interview_id=interview.id,
                        scan_id=scan_id,
                        start=start,
                        end=end,
                        text=text,
                        text_hash=text_hash(text),
                        lemmas=lemmas,
                    )
                )
        record_event(
            session,
            actor,
            "interview.import",
            entity="interview",
            entity_id=interview.id,
            scan_id=scan_id,
            after={"file": filename, "format": parsed.format, "turns": len(parsed.turns)},
        )
        interview_id = interview.id
    return interview_id


def targets_of(mapping: Mapping[str, Target], unlabelled: Target | None) -> dict[str | None, Target | None]:
    """Every speaker label's target, ``None`` standing for turns without a label."""
    targets: dict[str | None, Target | None] = dict(mapping.items())
    targets[None] = unlabelled
    return targets


def _is_respondent(targets: Mapping[str | None, Target | None], speaker: str | None) -> bool:
    target = targets.get(speaker)
    return target is not None and target != INTERVIEWER


def _segment(texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
    """Fragments ``(start, end, text, lemmas)`` per turn text, computed before anything is written.

    Raises:
        InputError: The NLP pipeline failed on a text (the Dutch message
            names the problem; nothing has been stored).
    """
    from coding.segmenter import lemmatize_many, segment_many

    try:
        per_turn = segment_many(texts)
        flat = [segment.text for segments in per_turn for segment in segments]
        lemmas = iter(lemmatize_many(flat))
    except Exception as exc:  # spaCy raises ValueError (E088), IndexError, MemoryError ... on hostile text
        log.exception("segmentation failed during an import")
        raise InputError(t("import.error.segmentation", error=type(exc).__name__)) from exc
    return [[(seg.start, seg.end, seg.text, " ".join(next(lemmas))) for seg in segments] for segments in per_turn]
