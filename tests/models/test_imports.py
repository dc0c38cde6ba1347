"""Importing transcripts as interviews: all or nothing, then codable like any interview."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from coding.transcripts import read_transcript
from models import schema as s
from models.auth import LOCAL
from models.autocode import autocode
from models.db import Database
from models.errors import InputError
from models.fragments import list_fragments
from models.imports import IGNORE, INTERVIEWER, NewRespondent, guess_interviewer, import_transcript
from models.interviews import get_interview, list_interviews, list_turns
from models.scans import add_respondent, create_scan, list_respondents

ROOT = Path(__file__).resolve().parents[2]

TEAMS_VTT = """WEBVTT

3f1c2a9e-1b2c-4d5e-8f90-000000000001/1-0
00:00:01.000 --> 00:00:04.000
<v Interviewer>Weet u waar u een vermoeden van ondermijning kunt melden?</v>

3f1c2a9e-1b2c-4d5e-8f90-000000000002/2-0
00:00:05.000 --> 00:00:09.500
<v Bakker, Els>Nee, eerlijk gezegd niet. We hebben geen intern meldpunt</v>

3f1c2a9e-1b2c-4d5e-8f90-000000000003/3-0
00:00:09.500 --> 00:00:14.000
<v Bakker, Els>en signalen komen nu bij de leidinggevende terecht. Dat is persoonsafhankelijk.</v>
"""


def _word_table() -> bytes:
    document = Document()
    table = document.add_table(rows=0, cols=2)
    for speaker, text in [
        ("Interviewer", "Hoe gaat de organisatie om met Bibob-toetsen bij vergunningen?"),
        ("R1", "Bij afvalbedrijven doen we altijd een Bibob-onderzoek. Verder alleen als er signalen zijn."),
        ("R2", "De omgevingsdienst ziet veel, maar is niet getraind in het herkennen van ondermijning."),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = speaker, text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def scan_id(db: Database) -> int:
    return create_scan(db, LOCAL, name="Import", organisation="Provincie Import", kind="provincie")


def test_imports_teams_vtt_becomes_codable_interview(db: Database, scan_id: int) -> None:
    parsed = read_transcript(TEAMS_VTT.encode("utf-16"), "gesprek.vtt")
    assert guess_interviewer(parsed.speakers) == "Interviewer"
    interview_id = import_transcript(
        db,
        LOCAL,
        scan_id,
        parsed,
        {"Interviewer": INTERVIEWER, "Bakker, Els": NewRespondent(role="afdelingshoofd", department="VTH")},
        title="Teams-gesprek",
        filename="gesprek.vtt",
    )
    interview = get_interview(db, LOCAL, interview_id)
    assert (interview.source, interview.status, interview.kind) == ("import", "afgerond", "individueel")
    turns = list_turns(db, interview_id)
    assert [t.speaker_role for t in turns] == ["interviewer", "respondent"]  # the two cues were merged
    assert turns[1].start_ms == 5000 and turns[1].end_ms == 14000
    assert turns[1].respondent.code == "R01" and turns[1].respondent.real_name is None
    fragments = list_fragments(db, interview_id)
    assert fragments and all(f.text == turns[1].text[f.start : f.end] for f in fragments)
    result = autocode(db, scan_id=scan_id, interview_id=interview_id, actor=LOCAL)
    assert result.coded == len(fragments)
    assert any(c.code.code.startswith("INF") for f in list_fragments(db, interview_id) for c in f.codings)


def test_imports_word_table_group_interview_shown_in_transcript_view(db: Database, scan_id: int) -> None:
    existing = add_respondent(db, LOCAL, scan_id, role="Bibob-coördinator")
    parsed = read_transcript(_word_table(), "groep.docx")
    assert parsed.speakers == ["Interviewer", "R1", "R2"]
    interview_id = import_transcript(
        db,
        LOCAL,
        scan_id,
        parsed,
        {"Interviewer": INTERVIEWER, "R1": existing.id, "R2": NewRespondent(role="omgevingsdienst")},
        title="Groep uit Word",
    )
    assert get_interview(db, LOCAL, interview_id).kind == "groep"
    at = AppTest.from_file(str(ROOT / "pages" / "transcript.py"), default_timeout=60)
    at.session_state["scan_id"] = scan_id
    at.session_state["interview_id"] = interview_id
    at.run()
    assert not at.exception
    shown = [element.value for element in at.text]
    assert "Bij afvalbedrijven doen we altijd een Bibob-onderzoek. Verder alleen als er signalen zijn." in shown
    assert any("R01 (Bibob-coördinator)" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"Interviewer": INTERVIEWER}, "Koppel eerst elke spreker"),
        ({"Interviewer": INTERVIEWER, "Bakker, Els": INTERVIEWER}, "minstens één spreker aan een respondent"),
        ({"Interviewer": INTERVIEWER, "Bakker, Els": NewRespondent(role=" ")}, "functie of rol"),
    ],
)
def test_imports_bad_mapping_stores_nothing(db: Database, scan_id: int, mapping: dict, message: str) -> None:
    parsed = read_transcript(TEAMS_VTT.encode("utf-8"), "gesprek.vtt")
    with pytest.raises(InputError, match=message):
        import_transcript(db, LOCAL, scan_id, parsed, mapping, title="Half")
    with db.session() as session:
        for table in (s.Interview, s.Turn, s.Respondent, s.Fragment):
            assert session.scalar(select(func.count()).select_from(table)) == 0, table.__tablename__


def test_import_warns_when_a_transcript_is_mostly_not_dutch() -> None:
    from models.imports import language_warning

    english = "Interviewer: So how do you handle the deployment pipeline?\nJan: We run it every night and fix what breaks.\n"
    dutch = "Interviewer: Hoe gaat u om met signalen?\nJan: Die melden we bij het meldpunt van de gemeente.\n"
    warning = language_warning(read_transcript((english * 3).encode("utf-8"), "gesprek.txt"))
    assert warning is not None and "Nederlands" in warning
    assert language_warning(read_transcript((dutch * 3).encode("utf-8"), "gesprek.txt")) is None


THREE_SPEAKERS_VTT = TEAMS_VTT + """
3f1c2a9e-1b2c-4d5e-8f90-000000000004/4-0
00:00:14.000 --> 00:00:18.000
<v Jansen, Piet (Extern)>Ik zit hier alleen als toehoorder van het adviesbureau.</v>
"""


def test_imports_new_respondent_is_not_quotable_until_consent_is_set(db: Database, scan_id: int) -> None:
    parsed = read_transcript(TEAMS_VTT.encode("utf-8"), "gesprek.vtt")
    import_transcript(
        db, LOCAL, scan_id, parsed, {"Interviewer": INTERVIEWER, "Bakker, Els": NewRespondent(role="jurist")}, title="x"
    )
    (respondent,) = list_respondents(db, LOCAL, scan_id)
    assert respondent.consent == "nee"


def test_imports_error_names_the_speaker(db: Database, scan_id: int) -> None:
    parsed = read_transcript(TEAMS_VTT.encode("utf-8"), "gesprek.vtt")
    with pytest.raises(InputError, match="spreker 'Bakker, Els'"):
        import_transcript(
            db, LOCAL, scan_id, parsed, {"Interviewer": INTERVIEWER, "Bakker, Els": NewRespondent(role="")}, title="x"
        )
    assert list_interviews(db, LOCAL, scan_id) == [] and list_respondents(db, LOCAL, scan_id) == []


def test_imports_ignored_speaker_stays_readable_but_is_never_coded(db: Database, scan_id: int) -> None:
    parsed = read_transcript(THREE_SPEAKERS_VTT.encode("utf-8"), "gesprek.vtt")
    interview_id = import_transcript(
        db,
        LOCAL,
        scan_id,
        parsed,
        {
            "Interviewer": INTERVIEWER,
            "Bakker, Els": NewRespondent(role="afdelingshoofd", consent="ja"),
            "Jansen, Piet (Extern)": IGNORE,
        },
        title="Met toehoorder",
    )
    turns = list_turns(db, interview_id)
    ignored = [turn for turn in turns if turn.ignored]
    assert [turn.text for turn in ignored] == ["Ik zit hier alleen als toehoorder van het adviesbureau."]
    assert ignored[0].speaker_label == "Jansen, Piet (Extern)" and ignored[0].respondent_id is None
    fragments = list_fragments(db, interview_id)
    assert fragments and all(fragment.turn_id != ignored[0].id for fragment in fragments)
    assert len(list_respondents(db, LOCAL, scan_id)) == 1  # no respondent made for the ignored speaker


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("[Introtune] Welkom bij dit gesprek.", [(True, "[Introtune]"), (False, "Welkom bij dit gesprek.")]),
        ("Dank u wel. [muziek]", [(False, "Dank u wel."), (True, "[muziek]")]),
        ("Het [onverstaanbaar] punt blijft.", [(False, "Het [onverstaanbaar] punt blijft.")]),
        ("[Introtune]", [(True, "[Introtune]")]),
    ],
)
def test_imports_split_sound_cues(text: str, pieces: list[tuple[bool, str]]) -> None:
    from models.imports import split_sound_cues

    assert split_sound_cues(text) == pieces


def test_imports_sound_cue_becomes_its_own_marker_turn(db: Database, scan_id: int) -> None:
    vtt = TEAMS_VTT.replace("<v Interviewer>Weet u", "<v Interviewer>[Introtune] Weet u")
    parsed = read_transcript(vtt.encode("utf-8"), "gesprek.vtt")
    interview_id = import_transcript(
        db, LOCAL, scan_id, parsed, {"Interviewer": INTERVIEWER, "Bakker, Els": NewRespondent(role="jurist")}, title="x"
    )
    turns = list_turns(db, interview_id)
    assert (turns[0].text, turns[0].speaker_label, turns[0].kind) == ("[Introtune]", "", "note")
    assert turns[1].text.startswith("Weet u waar") and turns[1].speaker_label == "Interviewer"


def test_imports_date_typed_as_dd_mm_jjjj_is_stored_as_iso(db: Database, scan_id: int) -> None:
    parsed = read_transcript(TEAMS_VTT.encode("utf-8"), "gesprek.vtt")
    mapping = {"Interviewer": INTERVIEWER, "Bakker, Els": NewRespondent(role="jurist")}
    interview_id = import_transcript(db, LOCAL, scan_id, parsed, mapping, title="x", date="28-11-2026")
    assert get_interview(db, LOCAL, interview_id).date == "2026-11-28"


def test_imports_bad_date_gets_a_dutch_message_and_stores_nothing(db: Database, scan_id: int) -> None:
    parsed = read_transcript(TEAMS_VTT.encode("utf-8"), "gesprek.vtt")
    mapping = {"Interviewer": INTERVIEWER, "Bakker, Els": NewRespondent(role="jurist")}
    with pytest.raises(InputError) as error:
        import_transcript(db, LOCAL, scan_id, parsed, mapping, title="x", date="vorige week")
    assert "'vorige week' is geen datum" in error.value.message() and "dd-mm-jjjj" in error.value.message()
    assert list_interviews(db, LOCAL, scan_id) == [] and list_respondents(db, LOCAL, scan_id) == []
