"""Dutch dates and safe download names."""

from datetime import date, datetime

import pytest

from ui.format import dutch_date, transcript_filename


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-11-28", "28-11-2026"),
        ("2026/11/28", "28-11-2026"),
        (date(2026, 3, 1), "01-03-2026"),
        (datetime(2026, 3, 1, 9, 5), "01-03-2026 09:05"),
        ("voorjaar 2026", "voorjaar 2026"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_format_dutch_date(value, shown):
    assert dutch_date(value) == shown


def test_format_transcript_filename_is_safe_and_names_scan_and_interview():
    name = transcript_filename("Scan Groningen 2026", "Interview afdelingshoofd: VTH/Bibob (ronde 1)", "docx")
    assert name == "transcript-scan-groningen-2026-interview-afdelingshoofd-vth-bibob-ronde-1.docx"
    assert transcript_filename("", "../..", "txt") == "transcript-scan-interview.txt"


def test_format_dashes_replaces_empty_cells():
    import pandas as pd

    from ui.format import dashes

    shown = dashes(pd.DataFrame({"code": ["BEL", None], "kappa": [0.71234, float("nan")]}))
    assert shown.to_dict("list") == {"code": ["BEL", "—"], "kappa": [0.712, "—"]}


def test_format_display_user_names_the_local_user_in_dutch():
    from ui.format import display_user

    assert display_user("lokaal") == "lokale gebruiker"
    assert display_user("analist") == "analist"
