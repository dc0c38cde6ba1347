"""One helper for counts ("1 interview", "2 interviews") and one for dates (28-11-2026), used in every layer."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from texts import count, dutch_date, parse_dutch_date


@pytest.mark.parametrize(
    ("n", "noun", "shown"),
    [
        (1, "interview", "1 interview"),
        (2, "interview", "2 interviews"),
        (0, "fragment", "0 fragmenten"),
        (1, "fragment", "1 fragment"),
        (94, "fragment", "94 fragmenten"),
        (1, "citaat", "1 citaat"),
        (3, "citaat", "3 citaten"),
        (1, "thema", "1 thema"),
        (2, "thema", "2 thema's"),
        (1, "onderwerp", "1 onderwerp"),
        (5, "onderwerp", "5 onderwerpen"),
        (1, "pagina", "1 pagina"),
        (12, "pagina", "12 pagina's"),
    ],
)
def test_count_singular_and_plural(n: int, noun: str, shown: str) -> None:
    assert count(n, noun) == shown


def test_count_unknown_noun_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        count(2, "fiets")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-11-28", "28-11-2026"),
        ("2026/11/28", "28-11-2026"),
        ("", "—"),
        ("2026-11-28T14:05:09", "28-11-2026 14:05"),
        (date(2026, 11, 28), "28-11-2026"),
        (datetime(2026, 11, 28, 14, 5), "28-11-2026 14:05"),
        ("voorjaar 2026", "voorjaar 2026"),
        (None, "—"),
    ],
)
def test_dutch_date(value: object, shown: str) -> None:
    assert dutch_date(value) == shown  # type: ignore[arg-type]


def test_dutch_date_shows_a_stored_utc_time_in_local_time() -> None:
    moment = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)
    assert dutch_date(moment) == moment.astimezone().strftime("%d-%m-%Y %H:%M")


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("28-11-2026", date(2026, 11, 28)),
        ("8-3-2026", date(2026, 3, 8)),
        ("28/11/2026", date(2026, 11, 28)),
        ("28.11.2026", date(2026, 11, 28)),
        ("2026-11-28", date(2026, 11, 28)),
        (" 28-11-2026 ", date(2026, 11, 28)),
        ("", None),
    ],
)
def test_parse_dutch_date(typed: str, day: date | None) -> None:
    assert parse_dutch_date(typed) == day


@pytest.mark.parametrize("typed", ["31-06-2027", "2027-02-30", "eind juni", "11-28-2026", "28-11-26"])
def test_parse_dutch_date_refuses_what_is_not_a_date(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_dutch_date(typed)
