"""Tests for coding/segmenter.py: fragments a researcher can quote, with valid offsets."""

from __future__ import annotations

import re

import pytest

from coding.segmenter import (
    Segment,
    get_pipeline,
    is_filler,
    lemmatize,
    lemmatize_many,
    merge_segments,
    pipeline_name,
    segment_many,
    segment_text,
    sentence_boundaries,
    split_segment,
)

LONG_TURN = (
    "Ja. In onze gemeente zien we steeds vaker dat vastgoed wordt gebruikt om crimineel geld wit te wassen. "
    "Dat klopt wel. "
    "De politie en de belastingdienst delen hun informatie via het RIEC, maar dat gaat nog niet vanzelf. "
    "Hm. Precies. "
    "Wethouders worden soms onder druk gezet door ondernemers met een dubieuze achtergrond.\n"
    "Daarom hebben we een integriteitstoets ingevoerd voor alle vergunningen in het buitengebied."
)

TEXTS = [
    LONG_TURN,
    "  Voorloopspaties en een zin die lang genoeg is om een fragment te zijn.  ",
    "Oké, nou ja. We beginnen met de Bibob-toets, die i.p.v. een gewone check wordt gedaan.",
    "Eerste regel zonder punt\nTweede regel met een Hoofdletter en genoeg woorden om te tellen.",
    "Één café — ‘De Zwaan’ — had nooit klanten… en toch veel omzet, zeker in de winter van 2023!",
]


def _assert_valid(text: str, segments: list[Segment]) -> None:
    previous_end = 0
    for segment in segments:
        assert text[segment.start : segment.end] == segment.text
        assert segment.text == segment.text.strip() and segment.text
        assert segment.start >= previous_end
        previous_end = segment.end


@pytest.mark.parametrize("text", TEXTS)
def test_segmenter_offsets_point_into_the_turn(text: str) -> None:
    _assert_valid(text, segment_text(text))


def test_segmenter_long_turn_splits_at_sentences_and_merges_short_ones() -> None:
    segments = segment_text(LONG_TURN)
    assert len(segments) >= 3
    assert segments[0].text.startswith("Ja. In onze gemeente")  # filler merged into its neighbour
    assert segments[0].text.endswith("Dat klopt wel.")  # short sentence merged
    assert all(segment.text[-1] in ".!?" for segment in segments)
    assert not any(is_filler(segment.text) for segment in segments)
    assert segments[-1].text.startswith("Daarom hebben we")  # a line break ends the sentence


@pytest.mark.parametrize(
    "text", ["Ja.", "Hm, hm.", "Precies. Oké.", "Nou ja.", "Ja ja.", "mm-hmm", "Klopt!", "<gelach>"]
)
def test_segmenter_fillers_alone_give_no_fragments(text: str) -> None:
    assert is_filler(text)
    assert segment_text(text) == []


@pytest.mark.parametrize("text", ["Ja, dat zie ik ook.", "Nee, nooit gezien.", "precies dat pand", "De wethouder."])
def test_segmenter_content_is_not_a_filler(text: str) -> None:
    assert not is_filler(text)


def test_segmenter_short_last_sentence_joins_the_fragment_before() -> None:
    long_sentence = "De gemeente " + "en de provincie en het waterschap " * 9 + "werken samen."
    text = f"{long_sentence} Dat is zo."
    assert [segment.text for segment in segment_text(text)] == [text]


def test_segmenter_caps_long_sentences_without_cutting_words() -> None:
    clause = "het college heeft met de politie en het openbaar ministerie afspraken gemaakt over signalen"
    text = "Toen zei ik: " + ", ".join([clause] * 12) + "; en dat was het."
    segments = segment_text(text, max_chars=200)
    assert len(segments) > 3
    _assert_valid(text, segments)
    for segment in segments:
        assert len(segment.text) <= 200
        assert segment.start == 0 or not text[segment.start - 1].isalnum()
        assert segment.end == len(text) or not text[segment.end].isalnum()


def test_segmenter_segment_many_matches_segment_text() -> None:
    assert segment_many(TEXTS) == [segment_text(text) for text in TEXTS]


def test_segmenter_merge_adjacent_and_refuse_others() -> None:
    segments = segment_text(LONG_TURN)
    merged = merge_segments(LONG_TURN, segments[0], segments[1])
    assert merged == Segment(segments[0].start, segments[1].end, LONG_TURN[segments[0].start : segments[1].end])
    assert merge_segments(LONG_TURN, segments[1], segments[0]) == merged
    with pytest.raises(ValueError):
        merge_segments(LONG_TURN, segments[0], segments[2])
    with pytest.raises(ValueError):
        merge_segments(LONG_TURN, segments[0], Segment(0, 3, "xyz"))


def test_segmenter_split_only_at_sentence_boundaries() -> None:
    segment = segment_text(LONG_TURN)[0]
    boundaries = sentence_boundaries(LONG_TURN, segment)
    assert boundaries
    for at in boundaries:
        left, right = split_segment(LONG_TURN, segment, at)
        _assert_valid(LONG_TURN, [left, right])
        assert left.start == segment.start and right.end == segment.end and right.start == at
        assert merge_segments(LONG_TURN, left, right) == segment
    inside_word = segment.start + segment.text.index("gemeente") + 3
    with pytest.raises(ValueError):
        split_segment(LONG_TURN, segment, inside_word)


def test_segmenter_lemmatize_gives_lowercase_word_lemmas() -> None:
    lemmas = lemmatize("Wij liepen naar huis, en Ondermijnende zaken werden besproken!")
    assert "lopen" in lemmas and "bespreken" in lemmas
    assert all(lemma == lemma.lower() and re.search(r"\w", lemma) for lemma in lemmas)
    assert lemmatize_many(["Wij liepen.", "Zij liepen."]) == [lemmatize("Wij liepen."), lemmatize("Zij liepen.")]


def test_segmenter_pipeline_is_cached_and_named() -> None:
    assert get_pipeline() is get_pipeline()
    assert "nl" in pipeline_name()


def _assert_fragments_cover(text: str, *, every_word: bool, max_chars: int = 600) -> list[Segment]:
    """Offsets valid and in order, no words invented or doubled, no fragment over the cap unless a huge word is."""
    segments = segment_text(text, max_chars=max_chars)
    _assert_valid(text, segments)
    for segment in segments:
        assert len(segment.text) <= max_chars or max(len(w) for w in segment.text.split()) > max_chars * 2 // 3
    words = " ".join(s.text for s in segments).split()
    if every_word:
        assert words == text.split()
    else:  # fillers and annotations alone may be dropped, nothing else
        kept, source = "".join(words), "".join(text.split())
        remaining = iter(source)
        assert all(char in remaining for char in kept)  # an in-order subsequence of the text
        assert len(kept) >= 0.95 * len(source)
    return segments


@pytest.mark.parametrize(
    "text",
    [
        "echt Nou. https://x.nl/" + "a" * 700,
        "De gemeente zei dat. Kijk maar op https://www.example.org/" + "pad/" * 200 + " daar staat het allemaal.",
        "Ja. " + "x" * 650 + "\nen dan nog dit",
    ],
)
def test_segmenter_sentence_before_a_word_longer_than_the_cap(text: str) -> None:
    # used to raise IndexError in the length cap (a pasted URL after a sentence; issue 13)
    segments = _assert_fragments_cover(text, every_word=True)
    assert any(len(s.text) > 600 for s in segments)  # the long word itself is never cut


def test_segmenter_survives_200_kb_of_latin1_looking_junk() -> None:
    import random

    rng = random.Random(13)
    junk = bytes(rng.choice([*range(0x21, 0x7F), *range(0xA0, 0x100), 0x20, 0x0A]) for _ in range(200_000))
    text = junk.decode("latin-1") + " https://x.nl/" + "é" * 900
    segments = _assert_fragments_cover(text, every_word=False)
    assert segments[-1].text.endswith("é" * 900)
