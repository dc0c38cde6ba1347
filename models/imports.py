"""Bringing an existing transcript in as an interview of a scan.

The file is parsed by :mod:`coding.transcripts`; every speaker label is mapped
to the interviewer, an existing respondent or a new respondent; then the whole
interview is written in one transaction (no half-imported interview) and
segmented, after which it behaves like an interview conducted in the app.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from coding.transcripts import ParsedTranscript
from models import schema as s
from models.auth import Actor
from models.db import Database
from models.errors import InputError
from models.events import record_event
from models.fragments import segment_interview
from models.scans import CONSENTS
from models.status import SpeakerRole
from texts import t

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
    with db.session() as session:
        resolved: dict[str | None, s.Respondent | str | None] = {}
        participants: list[s.Respondent] = []
        count = len(session.scalars(select(s.Respondent.id).where(s.Respondent.scan_id == scan_id)).all())
        targets: dict[str | None, Target | None] = dict(mapping.items())
        targets[None] = unlabelled
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
        seq = 0
        for turn in parsed.turns:
            mapped = resolved[turn.speaker]
            speaker = mapped if isinstance(mapped, s.Respondent) else None
            for cue, text in split_sound_cues(turn.text):
                seq += 1
                if cue:  # "[Introtune]": a marker of its own, never part of a speaker's words
                    session.add(
                        s.Turn(
                            interview_id=interview.id,
                            seq=seq,
                            kind="note",
                            speaker_role=SpeakerRole.UNKNOWN,
                            speaker_label="",
                            text=text,
                            start_ms=turn.start_ms,
                            end_ms=turn.end_ms,
                            created_by=actor.username,
                        )
                    )
                    continue
                session.add(
                    s.Turn(
                        interview_id=interview.id,
                        seq=seq,
                        kind="answer" if speaker is not None else "note",
                        speaker_role=_speaker_role(mapped),
                        respondent_id=speaker.id if speaker is not None else None,
                        ignored=mapped == IGNORE,
                        speaker_label=turn.speaker or "",
                        text=text,
                        start_ms=turn.start_ms,
                        end_ms=turn.end_ms,
                        created_by=actor.username,
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
    segment_interview(db, interview_id)
    return interview_id
