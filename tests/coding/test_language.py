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
