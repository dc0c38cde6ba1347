"""Tests for coding/transcripts.py: real files as users' tools write them, generated here."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from coding.transcripts import (
    DEFAULT_MAX_BYTES,
    ParsedTranscript,
    TranscriptError,
    read_transcript,
    read_transcript_file,
)

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252"]
REPORTED = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "utf-16": "utf-16-le", "cp1252": "cp1252"}

INTERVIEW_TXT = """Interview gemeente Zuidstad
12 maart 2024

Interviewer: Hoe ziet de samenwerking met de politie eruit?

R1: We zitten elke maand om tafel in het RIEC-overleg.
Dat gaat over panden waar we iets vreemds zien, zoals een café dat nooit klanten heeft.

R1: En we delen signalen via het meldpunt; dat werkt steeds beter.

Interviewer: Wat gaat er nog mis?

R1: De informatie­uitwisseling blijft lastig, vanwege de privacyregels. ‘Dat mag niet’ hoor je vaak.
"""

TEAMS_VTT = """WEBVTT

NOTE
Deze opmerking hoort niet in het transcript.

3f1c2a9e-6b1d-4c7a-9a53-0f6a3e2b1c11/12-0
00:00:01.000 --> 00:00:04.500
<v Jansen, Petra>Goedemorgen, fijn dat u tijd heeft
voor dit gesprek.</v>

3f1c2a9e-6b1d-4c7a-9a53-0f6a3e2b1c11/13-0
00:00:05.000 --> 00:00:07.250
<v Jansen, Petra>Zullen we beginnen?</v>

3f1c2a9e-6b1d-4c7a-9a53-0f6a3e2b1c11/14-0
00:00:08.000 --> 00:00:15.000
<v Bakker, Kees>Ja hoor. In onze gemeente speelt vooral vastgoedfraude
en de huisjesmelkers zijn een groot probleem.

3f1c2a9e-6b1d-4c7a-9a53-0f6a3e2b1c11/15-0
00:00:15.500 --> 00:00:20.000
Daar kom ik ’s middags op terug, zei de wethouder.
"""

ZOOM_VTT = """WEBVTT

1
00:00:00.500 --> 00:00:03.000
Anna de Vries: Welkom allemaal bij dit interview.

2
00:00:03.500 --> 00:00:06.000
Anna de Vries: Mijn eerste vraag gaat over signalen.

3
00:00:07.000 --> 00:00:12.000
Mohamed El Amrani: Signalen komen vooral van handhavers op straat.

4
00:00:12.500 --> 00:00:13.000
Hmm.

5
00:00:13.500 --> 00:00:16.000
Anna de Vries: Dank u wel, dat is helder.
"""

SRT_PREFIX = """1
00:00:01,000 --> 00:00:04,000
Interviewer: Hoe weerbaar is uw organisatie, ‘écht’?

2
00:00:04,500 --> 00:00:09,000
Respondent: We hebben een integriteitsbureau opgericht,
dat meldingen onderzoekt.

3
00:00:09,500 --> 00:00:12,000
Respondent: Dat werkt goed.
"""

SRT_PLAIN = """1
00:00:01,000 --> 00:00:03,000
Waar gaat het over?

2
00:00:03,200 --> 00:00:06,000
Over ondermijning in het buitengebied – ‘drugs’,
vooral drugsafval.

3
00:00:20,000 --> 00:00:24,000
Na een lange stilte: een nieuw onderwerp.
"""


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def _turns(parsed: ParsedTranscript) -> list[tuple[str | None, str]]:
    return [(turn.speaker, turn.text) for turn in parsed.turns]


# ----------------------------------------------------------------- text files


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_transcripts_txt_prefixes_merge_turns_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    parsed = read_transcript_file(_write(tmp_path, "interview.txt", INTERVIEW_TXT, encoding))
    assert parsed.format == "txt"
    assert parsed.encoding == REPORTED[encoding]
    assert parsed.speakers == ["Interviewer", "R1"]
    assert [speaker for speaker, _ in _turns(parsed)] == ["Interviewer", "R1", "Interviewer", "R1"]
    second = parsed.turns[1].text
    assert second.startswith("We zitten elke maand")
    assert "café dat nooit klanten heeft" in second and second.endswith("steeds beter.")
    assert "‘Dat mag niet’" in parsed.turns[3].text
    assert any("Interview gemeente Zuidstad" in warning for warning in parsed.warnings)


def test_transcripts_crlf_and_lone_cr_become_newlines(tmp_path: Path) -> None:
    parsed = read_transcript_file(_write(tmp_path, "crlf.txt", INTERVIEW_TXT, newline="\r\n"))
    assert all("\r" not in turn.text for turn in parsed.turns)
    assert "\n" in parsed.turns[1].text
    assert parsed.speakers == ["Interviewer", "R1"]


def test_transcripts_latin1_and_bomless_utf16_are_detected() -> None:
    text = "Interviewer: Hoe gaat het?\n\nR: Goed, dank je. Één ding: de coördinatie.\n"
    assert read_transcript(text.encode("latin-1"), "a.txt").encoding == "latin-1"
    parsed = read_transcript(text.encode("utf-16-le"), "b.txt")
    assert parsed.encoding == "utf-16-le"
    assert parsed.turns[1].text == "Goed, dank je. Één ding: de coördinatie."
    assert read_transcript(b"\xfe\xff" + text.encode("utf-16-be"), "c.txt").encoding == "utf-16-be"


def test_transcripts_labels_on_their_own_line(tmp_path: Path) -> None:
    text = (
        "TRANSCRIPTIE GESPREK\nversie 1\n\nINTERVIEWER\nHoe lang werkt u hier al?\n\n"
        "WETHOUDER\nSinds 2018.\n\nDaarvoor was ik raadslid.\n\nINTERVIEWER\nEn wat viel op?\n\n"
        "WETHOUDER\nDe druk op ondernemers.\n"
    )
    parsed = read_transcript_file(_write(tmp_path, "eigen-regel.md", text))
    assert parsed.speakers == ["INTERVIEWER", "WETHOUDER"]
    assert _turns(parsed)[1] == ("WETHOUDER", "Sinds 2018.\nDaarvoor was ik raadslid.")
    assert len(parsed.turns) == 4


def test_transcripts_markdown_bold_labels_legend_and_colonless_turns() -> None:
    text = (
        "## Bijlage 2\n\nS: beleidsmedewerker\nJ: toezichthouder\n\n"
        "***I:***\tWat is uw rol?\n\n***S:***\tIk coördineer de aanpak.\n\n"
        "***J:***\tIk controleer de horeca.\n\ns: Dat doen we samen.\n\n"
        "I: Duidelijk.\n\nJ dus we zien elkaar vaak.\n\nJ: Ja, elke week.\n\nS: Precies.\n"
    )
    parsed = read_transcript(text.encode(), "bijlage.md")
    assert parsed.speakers == ["I", "S", "J"]
    assert _turns(parsed)[3] == ("S", "Dat doen we samen.")
    assert _turns(parsed)[5] == ("J", "dus we zien elkaar vaak.\nJa, elke week.")
    assert any("beleidsmedewerker" in warning for warning in parsed.warnings)


def test_transcripts_plain_paragraphs_without_speakers() -> None:
    text = "Eerste alinea over de haven.\nZe loopt door op deze regel.\n\nTweede alinea over de loodsen.\n"
    parsed = read_transcript(text.encode(), "notities.txt")
    assert parsed.speakers == []
    assert _turns(parsed) == [
        (None, "Eerste alinea over de haven.\nZe loopt door op deze regel."),
        (None, "Tweede alinea over de loodsen."),
    ]


@pytest.mark.parametrize(
    ("text", "speakers", "first_start"),
    [
        (
            "Vergadering-20240101\n\nAnna Smit   0:04\nWelkom allemaal.\nWe beginnen.\n\n"
            "Piet Jansen   1:02:10\nDank je.\n\nAnna Smit   1:03:00\nGoed.\n",
            ["Anna Smit", "Piet Jansen"],
            4_000,
        ),
        (
            "Gesprek\n\nAnna Smit 0 minuten 5 seconden\n\nWelkom allemaal.\n\n"
            "Piet Jansen 1 minuut 2 seconden\n\nDank je.\n\nAnna Smit 1 minuut 9 seconden\n\nGoed.\n",
            ["Anna Smit", "Piet Jansen"],
            5_000,
        ),
        (
            "[donderdag 9:24] Anna Smit\n\nWelkom in de chat.\n\nAnna Smit\nWelkom allemaal.\n"
            "0:0:5.50 --> 0:0:8.0\nPiet Jansen\nDank je.\n0:0:9.0 --> 0:0:12.0\nAnna Smit\nGoed.\n",
            ["Anna Smit", "Piet Jansen"],
            None,
        ),
        (
            "\ufeff00:00:02 - 00:00:09\nAnna Smit: Welkom allemaal.\n\n00:00:10 - 00:00:12\n"
            "Piet Jansen: Dank je.\n\n00:00:12 - 00:00:14\nAnna Smit: Goed.",
            ["Anna Smit", "Piet Jansen"],
            2_000,
        ),
    ],
    ids=["teams-docx-text", "teams-minutes-seconds", "teams-old-with-chat", "timestamp-ranges"],
)
def test_transcripts_meeting_tool_text_layouts(text: str, speakers: list[str], first_start: int | None) -> None:
    parsed = read_transcript(text.encode("utf-8"), "vergadering.txt")
    assert parsed.speakers == speakers
    assert parsed.turns[0].text.startswith("Welkom allemaal.")
    assert parsed.turns[0].start_ms == first_start
    assert "chat" not in " ".join(turn.text for turn in parsed.turns)
    assert parsed.turns[-1].text == "Goed."


def test_transcripts_old_teams_layout_keeps_fractional_timestamps() -> None:
    text = "0:0:5.50 --> 0:0:8.0\nPiet Jansen\nDank je.\n0:0:9.0 --> 0:0:12.25\nAnna Smit\nGoed.\n"
    parsed = read_transcript(text.encode(), "oud.txt")
    assert [(turn.start_ms, turn.end_ms) for turn in parsed.turns] == [(5_500, 8_000), (9_000, 12_250)]


# ------------------------------------------------------------------------ vtt


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_transcripts_teams_vtt_voices_merge_and_skip_notes(tmp_path: Path, encoding: str) -> None:
    parsed = read_transcript_file(_write(tmp_path, "teams.vtt", TEAMS_VTT, encoding, "\r\n"))
    assert parsed.format == "vtt" and parsed.encoding == REPORTED[encoding]
    assert parsed.speakers == ["Jansen, Petra", "Bakker, Kees"]
    assert _turns(parsed) == [
        ("Jansen, Petra", "Goedemorgen, fijn dat u tijd heeft voor dit gesprek. Zullen we beginnen?"),
        (
            "Bakker, Kees",
            "Ja hoor. In onze gemeente speelt vooral vastgoedfraude en de huisjesmelkers zijn een groot "
            "probleem. Daar kom ik ’s middags op terug, zei de wethouder.",
        ),
    ]
    assert (parsed.turns[0].start_ms, parsed.turns[0].end_ms) == (1_000, 7_250)
    assert (parsed.turns[1].start_ms, parsed.turns[1].end_ms) == (8_000, 20_000)
    assert "opmerking" not in " ".join(turn.text for turn in parsed.turns)
    assert any("NOTE" in warning for warning in parsed.warnings)


def test_transcripts_vtt_invalid_lines_and_entities() -> None:
    text = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v.loud Anna>Bouw &amp; wonen\n\n// onduidelijk\n"
        "00:02.500 --> 00:04.000\n<v Anna>lopen <i>goed</i>.\n"
    )
    parsed = read_transcript(text.encode(), "a.vtt")
    assert _turns(parsed) == [("Anna", "Bouw & wonen lopen goed.")]
    assert any("// onduidelijk" in warning for warning in parsed.warnings)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_transcripts_zoom_vtt_prefixes_and_unlabelled_cue(tmp_path: Path, encoding: str) -> None:
    parsed = read_transcript_file(_write(tmp_path, "zoom.transcript.vtt", ZOOM_VTT, encoding))
    assert parsed.speakers == ["Anna de Vries", "Mohamed El Amrani"]
    assert _turns(parsed) == [
        ("Anna de Vries", "Welkom allemaal bij dit interview. Mijn eerste vraag gaat over signalen."),
        ("Mohamed El Amrani", "Signalen komen vooral van handhavers op straat. Hmm."),
        ("Anna de Vries", "Dank u wel, dat is helder."),
    ]
    assert parsed.turns[1].end_ms == 13_000


def test_transcripts_vtt_without_speakers_splits_on_pauses() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nEerste zin.\n\n00:00:02.100 --> 00:00:03.000\nTweede zin.\n\n"
    text += "00:00:09.000 --> 00:00:10.000\nNa een pauze.\n"
    parsed = read_transcript(text.encode(), "cc.vtt")
    assert _turns(parsed) == [(None, "Eerste zin. Tweede zin."), (None, "Na een pauze.")]


# ------------------------------------------------------------------------ srt


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_transcripts_srt_with_prefixes(tmp_path: Path, encoding: str) -> None:
    parsed = read_transcript_file(_write(tmp_path, "ondertitels.srt", SRT_PREFIX, encoding))
    assert parsed.format == "srt" and parsed.encoding == REPORTED[encoding]
    assert _turns(parsed) == [
        ("Interviewer", "Hoe weerbaar is uw organisatie, ‘écht’?"),
        ("Respondent", "We hebben een integriteitsbureau opgericht, dat meldingen onderzoekt. Dat werkt goed."),
    ]
    assert (parsed.turns[1].start_ms, parsed.turns[1].end_ms) == (4_500, 12_000)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
def test_transcripts_srt_without_prefixes(tmp_path: Path, encoding: str) -> None:
    parsed = read_transcript_file(_write(tmp_path, "plain.srt", SRT_PLAIN, encoding, "\r\n"))
    assert parsed.speakers == []
    assert _turns(parsed) == [
        (None, "Waar gaat het over? Over ondermijning in het buitengebied – ‘drugs’, vooral drugsafval."),
        (None, "Na een lange stilte: een nieuw onderwerp."),
    ]


# ----------------------------------------------------------------------- docx


def _docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_prefix() -> bytes:
    document = docx.Document()
    document.add_heading("Interview RIEC", level=1)
    for line in [
        "Interviewer: Welke signalen ziet u?",
        "Respondent: Vooral leegstaande panden.",
        "Respondent: En opvallend veel contant geld.",
        "",
        "Interviewer: Dank u.",
    ]:
        document.add_paragraph(line)
    return _docx_bytes(document)


def _docx_bold() -> bytes:
    document = docx.Document()
    for speaker, text in [
        ("Interviewer", "Welke signalen ziet u?"),
        ("Respondent", "Vooral leegstaande panden."),
        ("Respondent", "En opvallend veel contant geld."),
        ("Interviewer", "Dank u."),
    ]:
        paragraph = document.add_paragraph()
        paragraph.add_run(speaker).bold = True
        paragraph.add_run(f"  {text}").font.size = Pt(11)
    return _docx_bytes(document)


def _docx_table() -> bytes:
    document = docx.Document()
    document.add_paragraph("Transcript gesprek 3")
    table = document.add_table(rows=1, cols=3)
    for cell, value in zip(table.rows[0].cells, ["Tijd", "Spreker", "Tekst"], strict=True):
        cell.text = value
    for stamp, speaker, text in [
        ("00:00:01", "Interviewer", "Welke signalen ziet u?"),
        ("00:00:04", "Respondent", "Vooral leegstaande panden."),
        ("00:00:09", "Respondent", "En opvallend veel contant geld."),
        ("00:00:15", "Interviewer", "Dank u."),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = stamp, speaker, text
    return _docx_bytes(document)


@pytest.mark.parametrize("make", [_docx_prefix, _docx_bold, _docx_table], ids=["prefix", "bold-run", "table"])
def test_transcripts_docx_layouts(make) -> None:  # type: ignore[no-untyped-def]
    parsed = read_transcript(make(), "interview.docx")
    assert parsed.format == "docx" and parsed.encoding is None
    assert parsed.speakers == ["Interviewer", "Respondent"]
    assert _turns(parsed) == [
        ("Interviewer", "Welke signalen ziet u?"),
        ("Respondent", "Vooral leegstaande panden.\nEn opvallend veel contant geld."),
        ("Interviewer", "Dank u."),
    ]


def test_transcripts_docx_table_keeps_timestamps() -> None:
    parsed = read_transcript(_docx_table(), "tabel.docx")
    assert [turn.start_ms for turn in parsed.turns] == [1_000, 4_000, 15_000]


def test_transcripts_docx_comments_are_not_text() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Interviewer: Welke signalen ziet u?")
    document.add_comment(paragraph.runs, text="GEHEIME OPMERKING van de reviewer", author="Bart")
    document.add_paragraph("Respondent: Leegstaande panden.")
    parsed = read_transcript(_docx_bytes(document), "met-opmerking.docx")
    assert "GEHEIME" not in " ".join(turn.text for turn in parsed.turns)
    assert _turns(parsed) == [("Interviewer", "Welke signalen ziet u?"), ("Respondent", "Leegstaande panden.")]


# ------------------------------------------------------------------ bad input


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "geen word")
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(
    ("data", "filename", "code", "words"),
    [
        (b"PK\x03\x04 dit is geen zip", "kapot.docx", "docx_corrupt", ["beschadigd"]),
        (_zip_without_document(), "leeg.docx", "docx_corrupt", ["geen geldig Word-bestand"]),
        (OLE + "EncryptedPackage".encode("utf-16-le"), "geheim.docx", "docx_encrypted", ["wachtwoord"]),
        (OLE + b"WordDocument", "oud.docx", "docx_legacy", [".doc"]),
        (bytes(range(256)) * 8, "foto.txt", "binary", ["binaire"]),
        (b"\x89PNG\r\n\x1a\n" + b"\x01" * 100, "plaatje.txt", "binary", ["geen tekstbestand"]),
        (b"", "leeg.txt", "empty", ["leeg"]),
        (b"  \r\n\r\n ", "wit.vtt", "empty", ["geen tekst"]),
        (b"WEBVTT\n\nNOTE alleen een opmerking\n", "leeg.vtt", "empty", ["leeg"]),
        (b"00:00:01.000 --> 00:00:02.000\nHallo\n", "geen-kop.vtt", "vtt_no_header", ["WEBVTT"]),
        (
            b"1\n00:00:01,000 --> 00:00:02,000\nHallo\n\n2\n00:00:0x,000 --> 00:00:04,000\nDag\n",
            "kapot.srt",
            "srt_bad_timestamp",
            ["regel 6", "00:00:0x"],
        ),
        (b"1\n00:00:01,000 -> 00:00:02,000\nHallo\n", "pijl.srt", "srt_bad_timestamp", ["regel 2"]),
        (b"%PDF-1.4", "rapport.pdf", "unsupported_format", [".pdf", ".docx"]),
    ],
    ids=lambda value: value if isinstance(value, str) and "." not in value else None,
)
def test_transcripts_bad_input_has_dutch_message_and_code(
    data: bytes, filename: str, code: str, words: list[str]
) -> None:
    with pytest.raises(TranscriptError) as caught:
        read_transcript(data, filename)
    assert caught.value.code == code
    message = str(caught.value)
    assert filename in message
    for word in words:
        assert word in message


def test_transcripts_size_limit_states_megabytes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    block = b"Interviewer: " + b"vraag " * 1000 + b"\n\nRespondent: " + b"antwoord " * 1000 + b"\n\n"
    data = block * 110  # about 1.6 MB (one turn may not pass 1,000,000 characters)
    with pytest.raises(TranscriptError) as caught:
        read_transcript(data, "groot.txt", max_bytes=1024 * 1024)
    assert caught.value.code == "too_large"
    assert "1 MB" in str(caught.value) and "te groot" in str(caught.value)
    monkeypatch.setenv("WEERBAAR_MAX_UPLOAD_MB", "1")
    with pytest.raises(TranscriptError, match="De grens is 1 MB"):
        read_transcript(data, "groot.txt")
    monkeypatch.setenv("WEERBAAR_MAX_UPLOAD_MB", "2")
    assert read_transcript(data, "groot.txt").speakers == ["Interviewer", "Respondent"]


def test_transcripts_missing_file_has_dutch_message(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError) as caught:
        read_transcript_file(tmp_path / "bestaat-niet.vtt")
    assert caught.value.code == "file_not_found"
    assert "bestaat niet" in str(caught.value)
