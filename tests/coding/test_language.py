from __future__ import annotations

import pytest

from coding.language import dutch_share, identify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wij hebben een meldpunt voor signalen van ondermijning.", True),
        ("Dat is goed", True),
        ("We were talking about the project and the next release.", False),
        ("Thank you.", False),
        ("Bibob", None),  # a bare term is no evidence either way
        ("", None),
    ],
)
def test_identify_uses_evidence_and_stays_undecided_on_short_terms(text: str, expected: bool | None) -> None:
    assert identify(text).is_dutch is expected


def test_dutch_share_of_a_mostly_english_transcript_is_low() -> None:
    english = ["So I think we should start with the agenda.", "Yes, and then we go through the open issues."] * 3
    dutch = ["Wij bespreken signalen in het overleg met de afdeling."]
    assert dutch_share(english + dutch) < 0.3
    assert dutch_share(dutch * 3) == 1.0


@pytest.mark.parametrize(
    "text",
    ["", "Wij hebben een meldpunt.", "Ja, dat klopt: 's avonds (2x) in 2024_Q1 - anti-fraude", "we’re don't l’état",
     "Élan ÉLAN İstanbul STRAẞE \u00a0 ﬁets\tsessie² x-y-", "’t is 12u ’s morgens"],
)
def test_words_are_the_casefolded_word_pattern(text: str) -> None:
    from coding.language import _WORD, words

    assert words(text) == [w.casefold().replace("’", "'") for w in _WORD.findall(text)]
