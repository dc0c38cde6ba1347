"""Transcript downloads (models/transcript_export.py): pseudonyms, never real names."""

from __future__ import annotations

import io

from docx import Document

from models.auth import LOCAL
from models.db import Database
from models.interviews import (
    add_turn,
    set_quote_marked,
)
from models.transcript_export import transcript_docx, transcript_txt
from tests.factories import new_interview


def _interview(db: Database) -> tuple[int, int, int]:
    return new_interview(
        db, scan_name="S", organisation="Provincie Toets", kind="provincie", role="jurist",
        real_name="Geheime Naam", title="Gesprek jurist", date="2026-01-05",
    )  # fmt: skip


def test_transcript_exports_show_pseudonyms_not_names(db: Database) -> None:
    _, respondent_id, interview_id = _interview(db)
    add_turn(
        db,
        LOCAL,
        interview_id,
        kind="question",
        text="Wat verstaat u onder ondermijning?",
        speaker_role="interviewer",
        question_id="BEW-1",
    )
    turn = add_turn(
        db,
        LOCAL,
        interview_id,
        kind="answer",
        text="Criminaliteit die de overheid aantast.",
        speaker_role="respondent",
        respondent_id=respondent_id,
    )
    set_quote_marked(db, LOCAL, turn.id)
    txt = transcript_txt(db, LOCAL, interview_id)
    assert "R01 (jurist) [citaat]: Criminaliteit die de overheid aantast." in txt
    assert "Interviewer [BEW-1]: Wat verstaat u onder ondermijning?" in txt
    assert "Geheime Naam" not in txt and "\r" not in txt
    assert "individueel interview, 05-01-2026, interviewer" in txt and "2026-01-05" not in txt  # the date as dd-mm-jjjj
    document = Document(io.BytesIO(transcript_docx(db, LOCAL, interview_id)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Gesprek jurist"
    assert "R01 (jurist): [citaat] Criminaliteit die de overheid aantast." in paragraphs
    assert not any("Geheime Naam" in p for p in paragraphs)
