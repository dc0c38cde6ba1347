"""Hostile transcripts: mixed encodings, look-alike speakers, zip bombs, and files past the limits."""

from __future__ import annotations

import pytest

from coding import transcripts
from coding.transcripts import MAX_CUES, MAX_LINES, MAX_TEXT_CHARS, MAX_TURNS, TranscriptError, read_transcript
from tests import hostile
from texts import WeerbaarError


def test_transcripts_error_is_a_weerbaar_error():
    with pytest.raises(WeerbaarError) as caught:
        read_transcript(b"", "leeg.txt")
    assert caught.value.key == "transcripts.error.empty"
    assert "leeg" in caught.value.message()


def test_transcripts_one_cp1252_line_in_utf8_file_is_repaired_alone_with_warning():
    data = (
        "Interviewer: Wat vindt u van het café?\n\nR1: Het café is prima, de crème brûlée ook.\n\n".encode()
        + "Interviewer: En de “overlast” bij de brasserie?\n\n".encode("cp1252")
        + "R1: Geen idee, misschien één keer.\n".encode()
    )
    parsed = read_transcript(data, "gemengd.txt")
    texts = [turn.text for turn in parsed.turns]
    assert "Het café is prima, de crème brûlée ook." in texts
    assert "Geen idee, misschien één keer." in texts
    assert "En de “overlast” bij de brasserie?" in texts
    assert not any("Ã" in text for text in texts)
    assert parsed.encoding == "utf-8"
    assert any("regel 5" in warning and "Windows-1252" in warning for warning in parsed.warnings)


def test_transcripts_plain_cp1252_file_is_not_reported_as_repaired():
    data = "Interviewer: Hoe gaat het met het café?\n\nRespondent: Goed, één keer per week “overleg”.\n".encode(
        "cp1252"
    )
    parsed = read_transcript(data, "windows.txt")
    assert parsed.encoding == "cp1252"
    assert parsed.turns[1].text == "Goed, één keer per week “overleg”."
    assert not any("Windows-1252" in warning for warning in parsed.warnings)


@pytest.mark.parametrize(
    "disguise",
    ["Jan\u00adsen", "\u200fJansen", "Jansen\u200e", "\u202bJansen\u202c", "\u2067Jansen\u2069", "Jan\u200bsen"],
)
def test_transcripts_look_alike_speaker_labels_merge(disguise):
    text = (
        f"Interviewer: Vraag een.\n\nJansen: Antwoord een.\n\nInterviewer: Vraag twee.\n\n{disguise}: Antwoord twee.\n"
    )
    parsed = read_transcript(text.encode(), "lookalike.txt")
    assert parsed.speakers == ["Interviewer", "Jansen"]


def test_transcripts_decomposed_accent_merges_with_composed_label():
    text = "Interviewer: Vraag.\n\nJos\u00e9: Een.\n\nInterviewer: Nog een.\n\nJose\u0301: Twee.\n"
    parsed = read_transcript(text.encode(), "nfc.txt")
    assert parsed.speakers == ["Interviewer", "Jos\u00e9"]


def test_transcripts_vtt_voice_with_bidi_mark_is_the_same_speaker():
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo.</v>\n\n00:00:03.000 --> 00:00:04.000\n<v \u200fAnna>Ja.</v>\n"
    assert read_transcript(vtt.encode(), "a.vtt").speakers == ["Anna"]


@pytest.mark.slow  # builds and opens a 200 MB zip bomb
def test_transcripts_docx_zip_bomb_refused_before_parsing():
    data = hostile.docx_bomb(megabytes=120)
    assert len(data) < 2 * 1024 * 1024  # passes the 20 MB upload limit on its compressed size
    with pytest.raises(TranscriptError) as caught:
        read_transcript(data, "bom.docx")
    assert caught.value.code == "zip"
    assert "zip-bom" in str(caught.value)


def test_transcripts_docx_with_lying_header_is_refused():
    xml = b"<w:document>" + b"a" * (2 * 1024 * 1024) + b"</w:document>"
    data = hostile.lying_header_zip("word/document.xml", xml, declared=100)
    with pytest.raises(TranscriptError) as caught:
        read_transcript(data, "liegt.docx")
    assert caught.value.code in ("docx_corrupt", "zip")


def test_transcripts_too_many_lines_refused_early():
    data = b"\n".join([b"R1: ja"] * (MAX_LINES + 1))
    with pytest.raises(TranscriptError) as caught:
        read_transcript(data, "regels.txt")
    assert caught.value.code == "too_many_lines"
    assert f"{MAX_LINES}" in str(caught.value)


def test_transcripts_too_many_cues_refused_early():
    with pytest.raises(TranscriptError) as caught:
        read_transcript(hostile.vtt_with_cues(MAX_CUES + 1), "cues.vtt")
    assert caught.value.code == "too_many_cues"


def test_transcripts_too_much_text_refused_before_parsing():
    block = b"Interviewer: " + b"vraag " * 1000 + b"\n\nRespondent: " + b"antwoord " * 1000 + b"\n\n"
    data = block * (MAX_TEXT_CHARS // len(block) + 1)
    with pytest.raises(TranscriptError) as caught:
        read_transcript(data, "veel.txt")
    assert caught.value.code == "too_much_text"


def test_transcripts_too_many_turns_after_merging_refused():
    with pytest.raises(TranscriptError) as caught:
        read_transcript(hostile.txt_with_turns(MAX_TURNS + 2), "beurten.txt")
    assert caught.value.code == "too_many_turns"
    assert "Splits" in str(caught.value)


def test_transcripts_turn_longer_than_chat_limit_refused(monkeypatch):
    monkeypatch.setattr(transcripts, "MAX_TURN_CHARS", 1000)
    data = b"Interviewer: vraag\n\nRespondent: " + b"lang " * 300
    with pytest.raises(TranscriptError) as caught:
        read_transcript(data, "lang.txt")
    assert caught.value.code == "turn_too_long"
    assert "Beurt 2" in str(caught.value)


def test_transcripts_largest_accepted_turn_count_still_reads():
    parsed = read_transcript(hostile.txt_with_turns(MAX_TURNS), "grens.txt")
    assert len(parsed.turns) == MAX_TURNS


def test_transcripts_latin1_junk_is_not_a_transcript():
    with pytest.raises(TranscriptError) as caught:
        read_transcript(hostile.latin1_junk(), "rommel.txt")
    assert caught.value.code == "not_text"
    assert "leesbare tekst" in str(caught.value)


def test_transcripts_long_text_without_many_spaces_but_real_words_is_fine():
    words = " ".join(["ondermijning"] * 400)
    parsed = read_transcript(f"Interviewer: {words}\n\nRespondent: {words}\n".encode(), "lang.txt")
    assert parsed.speakers == ["Interviewer", "Respondent"]
