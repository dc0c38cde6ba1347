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
import re
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
from models.scans import CONSENTS
from models.status import InterviewKind, InterviewSource, InterviewStatus, SpeakerRole, TurnKind
from texts import parse_dutch_date, t

log = logging.getLogger(__name__)

INTERVIEWER = "interviewer"
IGNORE = "ignore"  # a speaker whose turns stay readable as context but are never coded or quoted


@dataclass(frozen=True)
class NewRespondent:
    """Map a speaker label to a respondent created during the import."""

    role: str
    department: str = ""
    consent: str = "nee"  # not quotable until the analyst has asked and set it


Target = int | str | NewRespondent  # respondent id, INTERVIEWER, IGNORE, or a new respondent


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


SOUND_CUE = re.compile(r"\[[^\[\]\n]{1,40}\]")


def split_sound_cues(text: str) -> list[tuple[bool, str]]:
    """Split bracketed sound cues (``[Introtune]``, ``[muziek]``, ``[gelach]``) off a turn's text.

    Returns ``(is_cue, text)`` pieces in order; a text without cues is one
    piece. Cues inside a sentence ("het [onverstaanbaar] punt") stay, only cues
    that stand before or after the words are split off.
    """
    pieces: list[tuple[bool, str]] = []
    rest = text.strip()
    while (match := SOUND_CUE.match(rest)) is not None:
        pieces.append((True, match.group()))
        rest = rest[match.end() :].strip()
    trailing: list[tuple[bool, str]] = []
    while rest and (match := SOUND_CUE.search(rest)) is not None and match.end() == len(rest) and match.start() > 0:
        trailing.insert(0, (True, match.group()))
        rest = rest[: match.start()].strip()
    if rest:
        pieces.append((False, rest))
    return pieces + trailing or [(False, text)]


def _speaker_role(mapped: s.Respondent | str | None) -> str:
    """A respondent's turn, the interviewer's, or an ignored speaker's (readable context only)."""
    if isinstance(mapped, s.Respondent):
        return SpeakerRole.RESPONDENT
    return SpeakerRole.INTERVIEWER if mapped is None else SpeakerRole.UNKNOWN


def _iso_date(value: str) -> str:
    """The interview date typed as ``28-11-2026`` (or ``2026-11-28``) as ISO; empty stays empty."""
    try:
        day = parse_dutch_date(value)
    except ValueError:
        raise InputError(t("import.error.date", value=value.strip()[:40])) from None
    return day.isoformat() if day else ""


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
    date = _iso_date(date)
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
    targets = targets_of(mapping, unlabelled)
    # every stored turn in order: (parsed turn, text, is a sound cue); "[Introtune]" becomes its own marker
    pieces = [(turn, text, cue) for turn in parsed.turns for cue, text in split_sound_cues(turn.text)]
    coded = [index for index, (turn, _, cue) in enumerate(pieces) if not cue and _is_respondent(targets, turn.speaker)]
    segments_by_piece = dict(zip(coded, _segment([pieces[index][1] for index in coded]), strict=True))
    with db.session() as session:
        resolved: dict[str | None, s.Respondent | str | None] = {}
        participants: list[s.Respondent] = []
        count = len(session.scalars(select(s.Respondent.id).where(s.Respondent.scan_id == scan_id)).all())
        for label, target in targets.items():
            if target is None or target == INTERVIEWER:
                resolved[label] = None
                continue
            if target == IGNORE:
                resolved[label] = IGNORE
                continue
            if isinstance(target, NewRespondent):
                if not target.role.strip():
                    raise InputError(t("import.error.role", label=label or t("import.unlabelled")))
                if target.consent not in CONSENTS:
                    raise InputError(t("import.error.consent", label=label or t("import.unlabelled")))
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
            kind=InterviewKind.GROUP if len(participants) > 1 else InterviewKind.INDIVIDUAL,
            date=date,
            interviewer=interviewer,
            plan=[],
            status=InterviewStatus.FINISHED,
            source=InterviewSource.IMPORT,
            source_filename=filename,
            owner=actor.username,
        )
        interview.participants = participants
        session.add(interview)
        session.flush()
        for index, (turn, text, cue) in enumerate(pieces):
            mapped = resolved[turn.speaker]
            speaker = mapped if isinstance(mapped, s.Respondent) and not cue else None
            row = s.Turn(
                interview_id=interview.id,
                seq=index + 1,
                kind=TurnKind.ANSWER if speaker is not None else TurnKind.NOTE,
                speaker_role=SpeakerRole.UNKNOWN if cue else _speaker_role(mapped),
                respondent_id=speaker.id if speaker is not None else None,
                ignored=not cue and mapped == IGNORE,
                speaker_label="" if cue else turn.speaker or "",
                text=text,
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
            for start, end, fragment_text, lemmas in segments_by_piece[index]:
                session.add(
                    s.Fragment(
                        turn_id=row.id,
                        interview_id=interview.id,
                        scan_id=scan_id,
                        start=start,
                        end=end,
                        text=fragment_text,
                        text_hash=text_hash(fragment_text),
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
            after={
                "file": filename,
                "format": parsed.format,
                "turns": len(parsed.turns),
                "ignored": sorted(label or "" for label, target in resolved.items() if target == IGNORE),
            },
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
    return target is not None and target != INTERVIEWER and target != IGNORE


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
