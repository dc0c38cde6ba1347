"""The errors a survey import can raise; their Dutch texts live in ``texts/survey.py``."""

from __future__ import annotations

from texts import WeerbaarError


class SurveyError(WeerbaarError):
    """A survey file or request the user must fix (corrupt, empty, unreadable, too large…)."""

    key_prefix = "survey.error."
