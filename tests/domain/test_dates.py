"""Dates as people type them: a table of good and bad inputs (today is Saturday 14 March 2026)."""

from __future__ import annotations

from datetime import date

import pytest

from netui.domain.dates import DateError, Direction, describe, parse_date, parse_follow_up, parse_meeting_date

TODAY = date(2026, 3, 14)  # a Saturday

MEETING = [
    ("today", date(2026, 3, 14)),
    ("  Today ", date(2026, 3, 14)),
    ("yesterday", date(2026, 3, 13)),
    ("day before yesterday", date(2026, 3, 12)),
    ("3 days ago", date(2026, 3, 11)),
    ("1 day ago", date(2026, 3, 13)),
    ("a week ago", date(2026, 3, 7)),
    ("two weeks ago", date(2026, 2, 28)),
    ("2 months ago", date(2026, 1, 14)),
    ("a year ago", date(2025, 3, 14)),
    ("last friday", date(2026, 3, 13)),
    ("last saturday", date(2026, 3, 7)),  # "last" never means today
    ("last mon", date(2026, 3, 9)),
    ("friday", date(2026, 3, 13)),
    ("saturday", date(2026, 3, 14)),  # a bare weekday may be today
    ("last week", date(2026, 3, 7)),
    ("14 mar", date(2026, 3, 14)),
    ("14 March", date(2026, 3, 14)),
    ("march 14", date(2026, 3, 14)),
    ("Mar 14th, 2026", date(2026, 3, 14)),
    ("1st of feb", date(2026, 2, 1)),
    ("20 dec", date(2025, 12, 20)),  # no year, would be in the future: last December
    ("29 feb", date(2024, 2, 29)),  # the last 29 February there was
    ("2026-03-14", date(2026, 3, 14)),
    ("2026-3-1", date(2026, 3, 1)),
    ("2026/03/14", date(2026, 3, 14)),
    ("14/03/2026", date(2026, 3, 14)),
    ("14.03.2026", date(2026, 3, 14)),
    ("1/2/26", date(2026, 2, 1)),
    ("1/2", date(2026, 2, 1)),
]


@pytest.mark.parametrize(("typed", "expected"), MEETING)
def test_meeting_dates_people_type(typed: str, expected: date) -> None:
    assert parse_meeting_date(typed, TODAY) == expected


FOLLOW_UP = [
    ("next monday", date(2026, 3, 16)),
    ("monday", date(2026, 3, 16)),
    ("next saturday", date(2026, 3, 21)),  # "next" never means today
    ("tomorrow", date(2026, 3, 15)),
    ("in 2 weeks", date(2026, 3, 28)),
    ("in a month", date(2026, 4, 14)),
    ("3 days from now", date(2026, 3, 17)),
    ("next week", date(2026, 3, 21)),
    ("1 mar", date(2027, 3, 1)),  # no year, already past: next year's
    ("20 mar", date(2026, 3, 20)),
    ("2026-04-01", date(2026, 4, 1)),
]


@pytest.mark.parametrize(("typed", "expected"), FOLLOW_UP)
def test_follow_up_dates_lean_forward(typed: str, expected: date) -> None:
    assert parse_follow_up(typed, TODAY) == expected


def test_blank_follow_up_is_none() -> None:
    assert parse_follow_up("   ", TODAY) is None


def test_month_first_setting() -> None:
    assert parse_date("03/14/2026", TODAY, day_first=False) == date(2026, 3, 14)
    assert parse_date("02/01/2026", TODAY, day_first=False) == date(2026, 2, 1)
    assert parse_date("02/01/2026", TODAY, day_first=True) == date(2026, 1, 2)


BAD = [
    ("", "Type a date"),
    ("   ", "Type a date"),
    ("2026-02-30", "not a real date: February 2026 has 28 days"),
    ("2024-02-30", "February 2024 has 29 days"),
    ("31/04/2026", "April 2026 has 30 days"),
    ("30 feb", "February has 29 days at most"),
    ("32 mar", "no month has a day 32"),
    ("14/13/2026", "there is no month 13; dates are read day first"),
    ("2026-13-01", "there is no month 13"),
    ("0/0/2026", "there is no month 0"),
    ("banana", "Could not read 'banana' as a date"),
    ("[/]", "Could not read '[/]'"),
    ("14 smarch", "Could not read '14 smarch'"),
    ("lots of days ago", "Could not read"),
    ("many days ago", "'many' is not a number"),
    ("1800-01-01", "the year 1800 is out of range"),
    ("99999 days ago", "too far away"),
    ("200 years ago", "the year 1826 is out of range"),
    ("next monday", "in the future"),
    ("tomorrow", "in the future"),
    ("2026-03-15", "2026-03-15 is in the future"),
    ("in 3 days", "in the future"),
]


@pytest.mark.parametrize(("typed", "message"), BAD)
def test_bad_meeting_dates_say_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_meeting_date(typed, TODAY)
    assert message in str(caught.value)


def test_follow_up_before_the_meeting_is_refused() -> None:
    with pytest.raises(DateError, match="before the interaction itself"):
        parse_follow_up("2026-03-01", TODAY, meeting=date(2026, 3, 10))


def test_control_characters_never_reach_the_message() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("\x1b]0;pwned\x07", TODAY)
    assert "\x1b" not in str(caught.value) and "\x07" not in str(caught.value)


def test_direction_decides_bare_weekdays() -> None:
    assert parse_date("wed", TODAY, direction=Direction.PAST) == date(2026, 3, 11)
    assert parse_date("wed", TODAY, direction=Direction.FUTURE) == date(2026, 3, 18)


def test_describe() -> None:
    assert describe(date(2026, 3, 13), TODAY) == "Fri 13 Mar 2026 (yesterday)"
    assert describe(date(2026, 3, 24), TODAY) == "Tue 24 Mar 2026 (in 10 days)"


def test_fuzzy_names_rank_exact_then_prefix_then_loose() -> None:
    from netui.domain.fuzzy import fold, rank_names

    names = ["Ada Lovelace", "Adam Smith", "Grace Hopper", "Zoë Adler", "Linus Torvalds"]
    keys = [fold(n) for n in names]
    assert [names[i] for i in rank_names("ada", keys)] == ["Ada Lovelace", "Adam Smith"]
    assert [names[i] for i in rank_names("adl", keys)] == ["Zoë Adler", "Ada Lovelace"]
    assert [names[i] for i in rank_names("ada lovelace", keys)] == ["Ada Lovelace"]
    assert [names[i] for i in rank_names("zoe", keys)] == ["Zoë Adler"]
    assert [names[i] for i in rank_names("grhp", keys)] == ["Grace Hopper"]
    assert rank_names("xyz", keys) == [] and rank_names("  ", keys) == []


# One language for dates: the short offsets work in every field, each leaning its own way.
SHORT = [
    ("3d", Direction.PAST, date(2026, 3, 11)),
    ("3d", Direction.FUTURE, date(2026, 3, 17)),
    ("90d", Direction.PAST, date(2025, 12, 14)),
    ("2w", Direction.FUTURE, date(2026, 3, 28)),
    ("6m", Direction.PAST, date(2025, 9, 14)),
    ("1y", Direction.PAST, date(2025, 3, 14)),
    ("10 days", Direction.FUTURE, date(2026, 3, 24)),
    ("3", Direction.FUTURE, date(2026, 3, 17)),
    ("+3", Direction.PAST, date(2026, 3, 17)),  # a sign says it outright
    ("-3", Direction.FUTURE, date(2026, 3, 11)),
    ("2 weeks", Direction.PAST, date(2026, 2, 28)),
]


@pytest.mark.parametrize(("typed", "direction", "expected"), SHORT)
def test_short_offsets_lean_with_the_field(typed: str, direction: Direction, expected: date) -> None:
    assert parse_date(typed, TODAY, direction=direction) == expected


def test_the_log_form_takes_3d_and_the_follow_up_2w() -> None:
    assert parse_meeting_date("3d", TODAY) == date(2026, 3, 11)
    assert parse_follow_up("2w", TODAY) == date(2026, 3, 28)
    with pytest.raises(DateError, match="in the future"):
        parse_meeting_date("+3", TODAY)


@pytest.mark.parametrize("typed", ["99999d", "2000y", "5000"])
def test_short_offsets_out_of_reach_are_refused(typed: str) -> None:
    with pytest.raises(DateError):
        parse_date(typed, TODAY)
