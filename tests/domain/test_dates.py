"""Dates as people type them: a table of good and bad inputs (today is Saturday 14 March 2026)."""

from __future__ import annotations

from datetime import date

import pytest

from netui.domain.dates import (
    DateError,
    Direction,
    When,
    check_when,
    describe,
    parse_date,
    parse_follow_up,
    parse_meeting_date,
    parse_when,
)

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


# --- the forms a mutation left untested ---------------------------------------------------


def test_meeting_and_follow_up_pass_the_month_first_setting_on() -> None:
    # The forms and `netui log` go through these two, not parse_date.
    assert parse_meeting_date("03/01/2026", TODAY, day_first=False) == date(2026, 3, 1)
    assert parse_meeting_date("03/01/2026", TODAY) == date(2026, 1, 3)
    assert parse_follow_up("04/01/2026", TODAY, day_first=False) == date(2026, 4, 1)
    assert parse_follow_up("04/01/2027", TODAY) == date(2027, 1, 4)
    with pytest.raises(DateError, match="month first"):
        parse_meeting_date("14/03/2026", TODAY, day_first=False)
    with pytest.raises(DateError, match="month first"):
        parse_follow_up("14/03/2027", TODAY, day_first=False)


def test_december_and_day_31_are_dates() -> None:
    assert parse_meeting_date("31/12/2025", TODAY) == date(2025, 12, 31)
    assert parse_meeting_date("12/31/2025", TODAY, day_first=False) == date(2025, 12, 31)
    assert parse_meeting_date("31/12", TODAY) == date(2025, 12, 31)
    assert parse_meeting_date("31 dec", TODAY) == date(2025, 12, 31)
    assert parse_meeting_date("december 31", TODAY) == date(2025, 12, 31)
    assert parse_meeting_date("31 jan", TODAY) == date(2026, 1, 31)
    assert parse_meeting_date("1 jan", TODAY) == date(2026, 1, 1)
    assert parse_meeting_date("1/1", TODAY) == date(2026, 1, 1)


def test_a_bare_weekday_later_in_the_week_than_today_is_last_weeks() -> None:
    # TODAY is a Saturday: the last Sunday was 6 days ago, the next Friday is 6 days away.
    assert parse_date("sunday", TODAY) == date(2026, 3, 8)
    assert parse_date("sun", TODAY, direction=Direction.PAST) == date(2026, 3, 8)
    assert parse_date("friday", TODAY, direction=Direction.FUTURE) == date(2026, 3, 20)
    assert parse_date("last sunday", TODAY) == date(2026, 3, 8)
    assert parse_date("next friday", TODAY) == date(2026, 3, 20)
    assert parse_date("this sunday", TODAY, direction=Direction.FUTURE) == date(2026, 3, 15)
    assert parse_date("on tues", TODAY) == date(2026, 3, 10)
    assert parse_date("thurs", TODAY) == date(2026, 3, 12)
    assert parse_date("thur", TODAY) == date(2026, 3, 12)
    assert parse_date("saturday", TODAY, direction=Direction.FUTURE) == TODAY


@pytest.mark.parametrize(
    "word", ["wedding", "monkey", "sunny", "frisbee", "satellite", "thumb", "tuesdays", "mo", "fr", "we", "sa"]
)
def test_words_that_start_like_a_weekday_are_not_dates(word: str) -> None:
    with pytest.raises(DateError, match="Could not read"):
        parse_date(word, TODAY)


@pytest.mark.parametrize("word", ["14 ma", "14 ju", "14 marc h", "14 octopus", "june 40"])
def test_words_that_start_like_a_month_are_not_months(word: str) -> None:
    with pytest.raises(DateError):
        parse_date(word, TODAY)


RELATIVE = [
    ("a fortnight ago", date(2026, 2, 28)),
    ("2 fortnights ago", date(2026, 2, 14)),
    ("in a fortnight", date(2026, 3, 28)),
    ("one fortnight from now", date(2026, 3, 28)),
    ("last fortnight", date(2026, 2, 28)),
    ("next fortnight", date(2026, 3, 28)),
    ("last month", date(2026, 2, 14)),
    ("next month", date(2026, 4, 14)),
    ("last year", date(2025, 3, 14)),
    ("next year", date(2027, 3, 14)),
    ("last week", date(2026, 3, 7)),
    ("next week", date(2026, 3, 21)),
    ("day after tomorrow", date(2026, 3, 16)),
    ("the day after tomorrow", date(2026, 3, 16)),
    ("the day before yesterday", date(2026, 3, 12)),
    ("now", TODAY),
    ("twelve days ago", date(2026, 3, 2)),
    ("eleven days ago", date(2026, 3, 3)),
    ("ten days ago", date(2026, 3, 4)),
    ("nine days ago", date(2026, 3, 5)),
    ("eight days ago", date(2026, 3, 6)),
    ("seven days ago", date(2026, 3, 7)),
    ("six days ago", date(2026, 3, 8)),
    ("five days ago", date(2026, 3, 9)),
    ("four days ago", date(2026, 3, 10)),
    ("three days ago", date(2026, 3, 11)),
    ("an day ago", date(2026, 3, 13)),
    ("one year ago", date(2025, 3, 14)),
    ("in 3 years", date(2029, 3, 14)),
    ("2 days from now", date(2026, 3, 16)),
    ("36600 days ago", TODAY.fromordinal(TODAY.toordinal() - 36600)),
]


@pytest.mark.parametrize(("typed", "expected"), RELATIVE)
def test_relative_dates(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY, direction=Direction.FUTURE) == expected
    assert parse_date(typed, TODAY, direction=Direction.PAST) == expected


def test_a_count_just_past_the_limit_is_too_far() -> None:
    with pytest.raises(DateError, match="too far away to be a date you mean"):
        parse_date("36601 days ago", TODAY)
    with pytest.raises(DateError, match=r"^'in 36601 days' is too far away to be a date you mean\.$"):
        parse_date("in 36601 days", TODAY)


def test_spans_beyond_any_calendar_are_refused_as_dates() -> None:
    # Under the count limit, but past year 1 or 9999: a DateError, which forms catch, not a crash.
    for typed in ("3000 years ago", "in 8000 years"):
        with pytest.raises(DateError) as caught:
            parse_date(typed, TODAY)
        assert str(caught.value) == f"{typed!r} is too far away to be a date you mean."
    with pytest.raises(DateError, match="the year 1026 is out of range"):
        parse_date("1000 years ago", TODAY)


def test_follow_up_boundaries() -> None:
    # 29 February with no year leans to the nearest leap year in its direction.
    assert parse_follow_up("29 feb", TODAY) == date(2028, 2, 29)
    assert parse_meeting_date("29 feb", TODAY) == date(2024, 2, 29)
    leap_day = date(2024, 2, 29)
    assert parse_follow_up("29 feb", leap_day) == leap_day
    assert parse_meeting_date("29 feb", leap_day) == leap_day
    assert parse_meeting_date("29/2", leap_day) == leap_day
    # A leap day seven years away (2100 is not a leap year) is still found.
    assert parse_follow_up("29 feb", date(2097, 3, 1)) == date(2104, 2, 29)
    assert parse_meeting_date("29 feb", date(2103, 12, 31)) == date(2096, 2, 29)
    # A date equal to today stays this year whichever way it leans.
    assert parse_follow_up("14 mar", TODAY) == TODAY
    assert parse_meeting_date("14 mar", TODAY) == TODAY
    assert parse_follow_up("14/3", TODAY) == TODAY
    assert parse_follow_up("15 mar", TODAY) == date(2026, 3, 15)
    assert parse_meeting_date("13 mar", TODAY) == date(2026, 3, 13)
    assert parse_follow_up("13 mar", TODAY) == date(2027, 3, 13)
    assert parse_meeting_date("15 mar", TODAY) == date(2025, 3, 15)
    # A follow-up on the meeting's own day is fine; the day before is not.
    meeting = date(2026, 3, 10)
    assert parse_follow_up("2026-03-10", TODAY, meeting=meeting) == meeting
    assert parse_follow_up("today", TODAY, meeting=TODAY) == TODAY
    with pytest.raises(DateError) as caught:
        parse_follow_up("2026-03-09", TODAY, meeting=meeting)
    assert str(caught.value) == "The follow-up (2026-03-09) is before the interaction itself (2026-03-10)."
    assert parse_follow_up("", TODAY, meeting=meeting) is None
    assert parse_follow_up("\x1b\x07", TODAY) is None


def test_today_is_a_meeting_date_and_tomorrow_is_not() -> None:
    assert parse_meeting_date("today", TODAY) == TODAY
    with pytest.raises(DateError) as caught:
        parse_meeting_date("tomorrow", TODAY)
    assert str(caught.value) == (
        "2026-03-15 is in the future: an interaction is logged once it happened "
        "(put a date to come in the follow-up)."
    )


def test_years_at_the_edges_of_the_range() -> None:
    assert parse_date("1900-01-01", TODAY) == date(1900, 1, 1)
    assert parse_date("2200-12-31", TODAY) == date(2200, 12, 31)
    assert parse_date("31/12/2200", TODAY) == date(2200, 12, 31)
    assert parse_date("1 jan 1900", TODAY) == date(1900, 1, 1)
    with pytest.raises(DateError) as caught:
        parse_date("2201-01-01", TODAY)
    assert str(caught.value) == "'2201-01-01': the year 2201 is out of range (1900–2200)."
    with pytest.raises(DateError, match="the year 1899 is out of range"):
        parse_date("31 dec 1899", TODAY)
    # Two-digit years are this century's.
    assert parse_date("1/2/99", TODAY) == date(2099, 2, 1)
    assert parse_date("1/2/00", TODAY) == date(2000, 2, 1)


MESSAGES = [
    ("", "Type a date, e.g. today, yesterday, 3 days ago, 2w, last friday or 2026-03-14."),
    ("2026-02-30", "'2026-02-30' is not a real date: February 2026 has 28 days."),
    ("2026-02-00", "'2026-02-00' is not a real date: February 2026 has 28 days."),
    ("2026-13-01", "'2026-13-01': there is no month 13 (months run 1–12)."),
    ("2026-00-01", "'2026-00-01': there is no month 0 (months run 1–12)."),
    ("14/13/2026", "'14/13/2026': there is no month 13; dates are read day first (DD/MM/YYYY), a setting."),
    ("14/0", "'14/0': there is no month 0; dates are read day first (DD/MM/YYYY), a setting."),
    ("30 feb", "'30 feb' is not a real date: February has 29 days at most."),
    ("31 april", "'31 april' is not a real date: April has 30 days at most."),
    ("32 mar", "'32 mar' is not a real date: no month has a day 32."),
    ("0 mar", "'0 mar' is not a real date: no month has a day 0."),
    ("banana", "Could not read 'banana' as a date; try today, yesterday, 3 days ago, 2w, last friday or 2026-03-14."),
    ("many days ago", "'many days ago': 'many' is not a number."),
    ("Many, days ago", "'Many, days ago': 'many' is not a number."),
]


@pytest.mark.parametrize(("typed", "message"), MESSAGES)
def test_refusals_word_for_word(typed: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(typed, TODAY)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("typed", "past", "future"),
    [
        (
            "",
            "Type a date, e.g. today, yesterday, 3 days ago, 2w, last friday or 2026-03-14.",
            "Type a date, e.g. tomorrow, next monday, 2w, +3 or 2026-03-21.",
        ),
        (
            "banana",
            "Could not read 'banana' as a date; try today, yesterday, 3 days ago, 2w, last friday or 2026-03-14.",
            "Could not read 'banana' as a date; try tomorrow, next monday, 2w, +3 or 2026-03-21.",
        ),
    ],
)
def test_a_refusal_suggests_dates_the_way_the_field_leans(typed: str, past: str, future: str) -> None:
    # A meeting or --since suggests dates gone by; a follow-up or snooze, dates to come.
    with pytest.raises(DateError) as back:
        parse_date(typed, TODAY, direction=Direction.PAST)
    assert str(back.value) == past
    with pytest.raises(DateError) as ahead:
        parse_date(typed, TODAY, direction=Direction.FUTURE)
    assert str(ahead.value) == future
    with pytest.raises(DateError) as meeting:
        parse_meeting_date(typed or " ", TODAY)
    assert str(meeting.value) == past
    if typed:  # a blank follow-up is "none", not a refusal
        with pytest.raises(DateError) as follow_up:
            parse_follow_up(typed, TODAY)
        assert str(follow_up.value) == future


def test_every_suggested_date_reads_the_way_its_field_leans() -> None:
    # The examples are forms the parser takes in that direction, not just words.
    from netui.domain.dates import EXAMPLES

    assert set(EXAMPLES) == set(Direction)
    for direction, examples in EXAMPLES.items():
        words = examples.replace(" or ", ", ").split(", ")
        days = [parse_date(w, TODAY, direction=direction) for w in words]
        if direction == Direction.PAST:
            assert all(d <= TODAY for d in days), (examples, days)
        else:
            assert all(d > TODAY for d in days), (examples, days)


def test_month_first_refusal_names_the_setting() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("14/03/2026", TODAY, day_first=False)
    assert str(caught.value) == "'14/03/2026': there is no month 14; dates are read month first (MM/DD/YYYY), a setting."


def test_describe_says_how_far_in_words() -> None:
    assert describe(TODAY, TODAY) == "Sat 14 Mar 2026 (today)"
    assert describe(date(2026, 3, 15), TODAY) == "Sun 15 Mar 2026 (tomorrow)"
    assert describe(date(2026, 3, 12), TODAY) == "Thu 12 Mar 2026 (2 days ago)"
    assert describe(date(2026, 3, 16), TODAY) == "Mon 16 Mar 2026 (in 2 days)"
    assert describe(date(2026, 3, 4), TODAY) == "Wed 4 Mar 2026 (10 days ago)"


def test_the_vocabulary_is_pinned() -> None:
    from netui.domain import dates

    assert dates.EARLIEST_YEAR == 1900 and dates.LATEST_YEAR == 2200
    assert dates.EXAMPLES == {
        Direction.PAST: "today, yesterday, 3 days ago, 2w, last friday or 2026-03-14",
        Direction.FUTURE: "tomorrow, next monday, 2w, +3 or 2026-03-21",
    }
    assert dates.WEEKDAYS == ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    assert [m[:3] for m in dates.MONTHS] == "jan feb mar apr may jun jul aug sep oct nov dec".split()
    assert parse_date("14 sept", TODAY) == date(2026, 3, 14).replace(month=9, year=2025)
    assert Direction.PAST.value == "past" and Direction.FUTURE.value == "future"


def test_a_leap_day_this_year_on_the_wrong_side_of_today_is_not_taken() -> None:
    # In a leap year, after 29 February: the next one is four years on.
    assert parse_follow_up("29 feb", date(2028, 3, 1)) == date(2032, 2, 29)
    assert parse_meeting_date("29 feb", date(2028, 3, 1)) == date(2028, 2, 29)
    # Before it: the last one was four years back.
    assert parse_meeting_date("29 feb", date(2028, 2, 1)) == date(2024, 2, 29)
    assert parse_follow_up("29 feb", date(2028, 2, 1)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/04/2026", "'31/04/2026' is not a real date: April 2026 has 30 days."),
        ("31/4", "'31/4' is not a real date: April 2026 has 30 days."),
        ("30 feb 2026", "'30 feb 2026' is not a real date: February 2026 has 28 days."),
        ("february 30, 2024", "'february 30, 2024' is not a real date: February 2024 has 29 days."),
        ("200 years ago", "'200 years ago': the year 1826 is out of range (1900–2200)."),
    ],
)
def test_refusals_name_what_was_typed(typed: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(typed, TODAY)
    assert str(caught.value) == message


def test_a_leap_day_eight_years_off_is_found_from_a_leap_year() -> None:
    # 2100 is no leap year: from just after 29 February 2096 the next is 2104, eight years on,
    # and from just before 29 February 2104 the last was 2096.
    assert parse_follow_up("29 feb", date(2096, 3, 1)) == date(2104, 2, 29)
    assert parse_meeting_date("29 feb", date(2104, 2, 1)) == date(2096, 2, 29)
    assert parse_follow_up("29/2", date(2096, 3, 1)) == date(2104, 2, 29)


def test_a_day_without_a_year_leaning_past_the_range_names_what_was_typed() -> None:
    with pytest.raises(DateError) as ahead:
        parse_date("1 jan", date(2200, 6, 1), direction=Direction.FUTURE)
    assert str(ahead.value) == "'1 jan': the year 2201 is out of range (1900–2200)."
    with pytest.raises(DateError) as back:
        parse_date("31 Dec", date(1900, 6, 1), direction=Direction.PAST)
    assert str(back.value) == "'31 Dec': the year 1899 is out of range (1900–2200)."


# ---------------------------------------------------------------- a person's dates


@pytest.mark.parametrize(
    ("parts", "any_year", "expected"),
    [
        ((None, 1, 1), False, When(None, 1, 1)),
        ((None, 12, 31), False, When(None, 12, 31)),
        ((None, 2, 29), False, When(None, 2, 29)),  # a birthday on a leap day needs no year
        ((1900, 1, 1), False, When(1900, 1, 1)),
        ((2200, 12, 31), False, When(2200, 12, 31)),
        ((1, 1, 1), True, When(1, 1, 1)),  # a file may hold any year a calendar has
        ((9999, 12, 31), True, When(9999, 12, 31)),
        ((1815, 1, 1), True, When(1815, 1, 1)),
        ((1815, 12, 31), True, When(1815, 12, 31)),
        ((1816, 2, 29), True, When(1816, 2, 29)),
    ],
)
def test_check_when_takes_every_real_day(parts: tuple, any_year: bool, expected: When) -> None:
    assert check_when(*parts, "typed", any_year=any_year) == expected


@pytest.mark.parametrize(
    ("parts", "any_year", "message"),
    [
        # what a person types stays within 1900-2200 unless the caller says any year will do
        ((1815, 12, 10), False, "'typed': the year 1815 is out of range (1900–2200)."),
        ((2201, 1, 1), False, "'typed': the year 2201 is out of range (1900–2200)."),
        ((10000, 1, 1), True, "'typed': the year 10000 is out of range (1900–2200)."),
        ((0, 1, 1), True, "'typed': the year 0 is out of range (1900–2200)."),
        # within the range the message names the month's length ...
        ((1900, 2, 29), True, "'typed' is not a real date: February 1900 has 28 days."),
        ((2200, 2, 29), True, "'typed' is not a real date: February 2200 has 28 days."),
        ((2026, 2, 30), True, "'typed' is not a real date: February 2026 has 28 days."),
        ((2026, 13, 1), False, "'typed': there is no month 13 (months run 1–12)."),
        # ... outside it, only that the date is not real
        ((1815, 2, 30), True, "'typed' is not a real date."),
        ((1815, 4, 31), True, "'typed' is not a real date."),
        ((1815, 13, 1), True, "'typed' is not a real date."),
        ((1815, 0, 1), True, "'typed' is not a real date."),
        ((1815, 1, 0), True, "'typed' is not a real date."),
        # no year: any month's longest, 29 February included
        ((None, 13, 1), False, "'typed': there is no month 13 (months run 1–12)."),
        ((None, 0, 1), False, "'typed': there is no month 0 (months run 1–12)."),
        ((None, 4, 31), False, "'typed' is not a real date: April has 30 days at most."),
        ((None, 2, 30), False, "'typed' is not a real date: February has 29 days at most."),
        ((None, 3, 0), False, "'typed' is not a real date: March has 31 days at most."),
        ((None, 12, 32), False, "'typed' is not a real date: December has 31 days at most."),
    ],
)
def test_check_when_refusals_word_for_word(parts: tuple, any_year: bool, message: str) -> None:
    with pytest.raises(DateError) as caught:
        check_when(*parts, "typed", any_year=any_year)
    assert str(caught.value) == message


def test_check_when_keeps_to_the_typed_range_unless_told() -> None:
    with pytest.raises(DateError) as caught:
        check_when(1815, 12, 10, "10 dec 1815")
    assert str(caught.value) == "'10 dec 1815': the year 1815 is out of range (1900–2200)."


@pytest.mark.parametrize(
    ("typed", "day_first", "expected"),
    [
        ("March,14", True, When(None, 3, 14)),  # a comma is a space
        ("--12-31", True, When(None, 12, 31)),
        ("1815-12-10", True, When(1815, 12, 10)),  # a year written in full may be long ago
        ("10/12/1815", True, When(1815, 12, 10)),
        ("12/10/1815", False, When(1815, 12, 10)),
        ("10 dec 1815", True, When(1815, 12, 10)),
        ("december 10, 1815", True, When(1815, 12, 10)),
        # a two-digit year is no birth year: the date parse_date reads, this century's
        ("1/2/26", True, When(2026, 2, 1)),
        ("3/1/26", True, When(2026, 1, 3)),
        ("3/1/26", False, When(2026, 3, 1)),
        # anything else leans ahead, as a date to come (TODAY is Saturday 14 March 2026)
        ("friday", True, When(2026, 3, 20)),
        ("3d", True, When(2026, 3, 17)),
    ],
)
def test_parse_when_reads_a_date_that_matters(typed: str, day_first: bool, expected: When) -> None:
    assert parse_when(typed, TODAY, day_first=day_first) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("  ", "Type a date, e.g. 14 mar, 1987-03-14 or --03-14 (no year)."),
        ("--13-01", "'--13-01': there is no month 13 (months run 1–12)."),
        ("19870230", "'19870230' is not a real date: February 1987 has 28 days."),
        ("1987-02-29", "'1987-02-29' is not a real date: February 1987 has 28 days."),
        ("31/4", "'31/4' is not a real date: April has 30 days at most."),
        ("31/4/1987", "'31/4/1987' is not a real date: April 1987 has 30 days."),
        ("31 apr", "'31 apr' is not a real date: April has 30 days at most."),
        ("April 31, 1987", "'April 31, 1987' is not a real date: April 1987 has 30 days."),
    ],
)
def test_parse_when_refusals_word_for_word(typed: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_when(typed, TODAY)
    assert str(caught.value) == message


def test_a_stored_date_reads_back_whatever_its_year() -> None:
    for when in (When(1815, 12, 10), When(1, 1, 1), When(2026, 3, 14), When(None, 2, 29)):
        assert When.from_iso(when.iso()) == when
    assert When.from_iso("18151210") == When(1815, 12, 10)
    assert When.from_iso("--0229") == When(None, 2, 29)


@pytest.mark.parametrize(
    ("stored", "message"),
    [
        ("banana", "'banana' is not a stored date (1987-03-14 or --03-14)."),
        ("14 mar", "'14 mar' is not a stored date (1987-03-14 or --03-14)."),
        ("2026-02-30", "'2026-02-30' is not a real date: February 2026 has 28 days."),
        ("1815-02-30", "'1815-02-30' is not a real date."),
        ("--02-30", "'--02-30' is not a real date: February has 29 days at most."),
    ],
)
def test_a_stored_date_that_is_not_one_is_refused(stored: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        When.from_iso(stored)
    assert str(caught.value) == message
