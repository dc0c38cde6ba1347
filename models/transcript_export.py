"""A finished interview as a readable transcript: plain text and Word.

Respondents appear by pseudonym code and role, never by real name.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.shared import Pt, RGBColor

from models.auth import Actor
from models.db import Database
from models.interviews import get_interview, list_turns
from models.scans import get_scan, respondent_label
from models.status import SpeakerRole, TurnKind
from texts import dutch_date, t


@dataclass
class TranscriptLine:
    speaker: str
    kind: str
    question_id: str | None
    text: str
    quote_marked: bool


def transcript_lines(db: Database, actor: Actor, interview_id: int) -> list[TranscriptLine]:
    """The turns of an interview in order, with speakers as the report may show them."""
    get_interview(db, actor, interview_id)
    lines = []
    for turn in list_turns(db, interview_id):
        if turn.speaker_role == SpeakerRole.INTERVIEWER:
            speaker = t("speaker.interviewer")
        elif turn.respondent is not None:
            speaker = respondent_label(turn.respondent)
        else:
            speaker = turn.speaker_label or t("speaker.unknown")
        lines.append(TranscriptLine(speaker, turn.kind, turn.question_id, turn.text, turn.quote_marked))
    return lines


def _marker(line: TranscriptLine) -> str:
    markers = []
    if line.kind == TurnKind.OWN:
        markers.append(t("transcript.marker.own"))
    elif line.kind == TurnKind.PROBE:
        markers.append(t("transcript.marker.probe"))
    elif line.kind == TurnKind.QUESTION and line.question_id:
        markers.append(line.question_id)
    if line.quote_marked:
        markers.append(t("transcript.marker.quote"))
    return f" [{', '.join(markers)}]" if markers else ""


def _header(db: Database, actor: Actor, interview_id: int) -> list[str]:
    interview = get_interview(db, actor, interview_id)
    scan = get_scan(db, actor, interview.scan_id)
    participants = ", ".join(respondent_label(p) for p in interview.participants)
    return [
        interview.title,
        t("transcript.header.scan", scan=scan.name, organisation=scan.organisation),
        t(
            "transcript.header.meta",
            kind=t(f"interview.kind.{interview.kind}"),
            date=dutch_date(interview.date),
            interviewer=interview.interviewer,
        ),
        t("transcript.header.participants", participants=participants),
    ]


def transcript_txt(db: Database, actor: Actor, interview_id: int) -> str:
    """The transcript as UTF-8 plain text with ``\\n`` line endings."""
    header = _header(db, actor, interview_id)
    body = [f"{line.speaker}{_marker(line)}: {line.text}" for line in transcript_lines(db, actor, interview_id)]
    return "\n".join([*header, "", *("\n\n".join(body).split("\n"))]) + "\n"


def transcript_docx(db: Database, actor: Actor, interview_id: int) -> bytes:
    """The transcript as a Word document: speaker in bold, markers in grey."""
    header = _header(db, actor, interview_id)
    document = Document()
    document.add_heading(header[0], level=1)
    for header_line in header[1:]:
        document.add_paragraph(header_line)
    for line in transcript_lines(db, actor, interview_id):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{line.speaker}: ").bold = True
        marker = _marker(line)
        if marker:
            run = paragraph.add_run(marker.strip() + " ")
            run.font.color.rgb = RGBColor(0x66, 0x66, 0x66)
            run.font.size = Pt(9)
        paragraph.add_run(line.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
