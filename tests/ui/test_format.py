"""Safe download names and table cells (Dutch dates: tests/test_texts_format.py)."""

from ui.format import transcript_filename


def test_format_transcript_filename_is_safe_and_names_scan_and_interview():
    name = transcript_filename("Scan Groningen 2026", "Interview afdelingshoofd: VTH/Bibob (ronde 1)", "docx")
    assert name == "transcript-scan-groningen-2026-interview-afdelingshoofd-vth-bibob-ronde-1.docx"
    assert transcript_filename("", "../..", "txt") == "transcript-scan-interview.txt"


def test_format_dashes_replaces_empty_cells_and_writes_a_decimal_comma():
    import pandas as pd

    from ui.format import dashes

    shown = dashes(pd.DataFrame({"code": ["BEL", None], "kappa": [0.71234, float("nan")], "n": [12, 3]}))
    assert shown.to_dict("list") == {"code": ["BEL", "—"], "kappa": ["0,712", "—"], "n": [12, 3]}


def test_format_display_user_names_the_local_user_in_dutch():
    from ui.format import display_user

    assert display_user("lokaal") == "lokale gebruiker"
    assert display_user("analist") == "analist"
