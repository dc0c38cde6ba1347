"""A failed transcript import leaves the database exactly as it was (full dump before and after)."""

from __future__ import annotations

import pytest

from coding import segmenter
from coding.transcripts import ParsedTranscript, ParsedTurn, read_transcript
from models import errors, fragments, imports, interviews, scans
from models.auth import LOCAL
from models.db import Database
from models.imports import INTERVIEWER, NewRespondent, import_transcript
from tests.factories import dump

TEXT = (
    "Interviewer: Weet u waar u een vermoeden van ondermijning kunt melden?\n\n"
    "Respondent: Nee, eerlijk gezegd niet. We hebben geen intern meldpunt en dat is een probleem.\n"
)
MAPPING = {"Interviewer": INTERVIEWER, "Respondent": NewRespondent(role="beleidsadviseur")}


@pytest.fixture
def scan_id(db: Database) -> int:
    return scans.create_scan(db, LOCAL, name="Atomair", organisation="Gemeente Atomair", kind="gemeente")


def test_imports_segmentation_failure_stores_nothing(db, scan_id, monkeypatch):
    parsed = read_transcript(TEXT.encode(), "gesprek.txt")
    before = dump(db)

    def broken(texts, **_):
        raise ValueError("[E088] Text of length 2360000 exceeds maximum of 1000000.")

    monkeypatch.setattr(segmenter, "segment_many", broken)
    with pytest.raises(errors.InputError, match="Er is niets opgeslagen"):
        import_transcript(db, LOCAL, scan_id, parsed, MAPPING, title="Gesprek")
    assert dump(db) == before


def test_imports_turn_over_chat_limit_refused_and_nothing_stored(db, scan_id):
    long_answer = "woord " * (interviews.MAX_TURN_CHARS // 6 + 10)
    parsed = ParsedTranscript(
        turns=[ParsedTurn("Interviewer", "Vraag?"), ParsedTurn("Respondent", long_answer.strip())],
        format="txt",
        encoding="utf-8",
        speakers=["Interviewer", "Respondent"],
    )
    before = dump(db)
    with pytest.raises(errors.InputError, match="Beurt 2") as caught:
        import_transcript(db, LOCAL, scan_id, parsed, MAPPING, title="Lang")
    assert "1000000" in str(caught.value)
    assert dump(db) == before


def test_imports_failure_while_writing_rolls_back_respondents_too(db, scan_id, monkeypatch):
    parsed = read_transcript(TEXT.encode(), "gesprek.txt")
    before = dump(db)

    def failing_event(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(imports, "record_event", failing_event)
    with pytest.raises(RuntimeError):
        import_transcript(db, LOCAL, scan_id, parsed, MAPPING, title="Gesprek")
    assert dump(db) == before


def test_imports_success_writes_fragments_in_the_same_transaction(db, scan_id):
    parsed = read_transcript(TEXT.encode(), "gesprek.txt")
    interview_id = import_transcript(db, LOCAL, scan_id, parsed, MAPPING, title="Gesprek")
    stored = fragments.list_fragments(db, interview_id)
    assert stored, "the respondent's answer was segmented"
    assert all(fragment.lemmas for fragment in stored)
    turns = interviews.list_turns(db, interview_id)
    assert all(turn.segmented_version == turn.text_version for turn in turns if turn.kind == "answer")
    # a later segmentation pass finds nothing left to do
    assert fragments.segment_interview(db, interview_id).turns_segmented == 0
