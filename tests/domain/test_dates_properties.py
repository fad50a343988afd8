"""Property tests of the date parser: every form the README documents reads back the date
it was written from, and no word that is not a date reads as one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import assume, given
from hypothesis import strategies as st

from netui.domain.dates import MONTHS, WEEKDAYS, DateError, Direction, parse_date

any_day = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
# "today" well inside the range, so that relative dates from it stay inside too
today_st = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))
direction_st = st.sampled_from(Direction)
MONTH_ABBREVIATIONS = [m[:3] for m in MONTHS]


@given(day=any_day, today=today_st, direction=direction_st, sep=st.sampled_from("-/."))
def test_iso_dates_round_trip(day, today, direction, sep):
    assert parse_date(f"{day.year}{sep}{day.month:02d}{sep}{day.day:02d}", today, direction=direction) == day
    assert parse_date(f"{day.year}{sep}{day.month}{sep}{day.day}", today, direction=direction) == day


@given(day=any_day, today=today_st, sep=st.sampled_from("/.-"), pad=st.booleans())
def test_numeric_dates_round_trip_either_way_round(day, today, sep, pad):
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if pad else (str(day.day), str(day.month))
    assert parse_date(f"{d}{sep}{m}{sep}{day.year}", today, day_first=True) == day
    assert parse_date(f"{m}{sep}{d}{sep}{day.year}", today, day_first=False) == day


@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), today=today_st)
def test_two_digit_years_are_this_century(day, today):
    assert parse_date(f"{day.day}/{day.month}/{day.year % 100:02d}", today) == day


@given(
    day=any_day,
    today=today_st,
    month_word=st.sampled_from(["full", "short", "title", "dot"]),
    suffix=st.booleans(),
    of=st.booleans(),
)
def test_day_and_month_name_with_a_year_round_trip(day, today, month_word, suffix, of):
    full = MONTHS[day.month - 1]
    name = {"full": full, "short": full[:3], "title": full.capitalize(), "dot": full[:3] + "."}[month_word]
    ordinal = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day.day, "th") if suffix else ""
    assert parse_date(f"{day.day}{ordinal} {'of ' if of else ''}{name} {day.year}", today) == day
    assert parse_date(f"{name} {day.day}{ordinal}, {day.year}", today) == day


@given(today=today_st, day=st.integers(1, 31), month=st.integers(1, 12), direction=direction_st)
def test_a_date_without_a_year_is_the_nearest_one_in_its_direction(today, day, month, direction):
    assume(day <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
    for typed in (f"{day} {MONTHS[month - 1]}", f"{MONTH_ABBREVIATIONS[month - 1]} {day}", f"{day}/{month}"):
        got = parse_date(typed, today, direction=direction)
        assert (got.month, got.day) == (month, day)
        if direction == Direction.PAST:
            assert got <= today
            # no later such day has passed (29 February: none in the leap years between)
            assert got > today - timedelta(days=366 if (month, day) != (2, 29) else 8 * 366)
        else:
            assert got >= today
            assert got < today + timedelta(days=366 if (month, day) != (2, 29) else 8 * 366)


@given(today=today_st, n=st.integers(0, 3000), unit=st.sampled_from(["day", "week", "fortnight", "month", "year"]))
def test_spans_back_and_forward_round_trip(today, n, unit):
    if unit == "fortnight":
        delta = relativedelta(days=14 * n)
    else:
        delta = relativedelta(**{unit + "s": n})
    try:
        back, ahead = today - delta, today + delta
    except (ValueError, OverflowError):
        back = ahead = date.min
    assume(date(1900, 1, 1) <= back and ahead <= date(2200, 12, 31))
    plural = unit if n == 1 else unit + "s"
    assert parse_date(f"{n} {plural} ago", today) == today - delta
    assert parse_date(f"in {n} {plural}", today) == today + delta
    assert parse_date(f"{n} {plural} from now", today) == today + delta


@given(today=today_st, weekday=st.integers(0, 6), length=st.integers(3, 9), direction=direction_st)
def test_weekdays_land_on_that_weekday_within_a_week(today, weekday, length, direction):
    name = WEEKDAYS[weekday][:length]
    bare = parse_date(name, today, direction=direction)
    last = parse_date(f"last {name}", today, direction=direction)
    following = parse_date(f"next {name}", today, direction=direction)
    assert bare.weekday() == last.weekday() == following.weekday() == weekday
    if direction == Direction.PAST:
        assert 0 <= (today - bare).days <= 6
    else:
        assert 0 <= (bare - today).days <= 6
    assert 1 <= (today - last).days <= 7
    assert 1 <= (following - today).days <= 7


def _words_that_are_dates() -> set[str]:
    words = {"today", "now", "yesterday", "tomorrow", "tues", "thur", "thurs"}
    for name in WEEKDAYS:
        words |= {name[:n] for n in range(3, len(name) + 1)}
    return words


DATE_WORDS = _words_that_are_dates()


@given(word=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12))
def test_a_single_word_is_a_date_only_if_it_names_a_day(word):
    if word in DATE_WORDS:
        parse_date(word, date(2026, 3, 14))
    else:
        with pytest.raises(DateError):
            parse_date(word, date(2026, 3, 14))


@pytest.mark.parametrize(
    "word", ["wedding", "monkey", "sunny", "frisbee", "satellite", "thumb", "tuesdays", "month", "week", "year", "march"]
)
def test_known_non_dates(word):
    with pytest.raises(DateError):
        parse_date(word, date(2026, 3, 14))


# The units a short offset takes after its number (README, "Typing dates"): `3d`, `2 w`, `6 months`.
UNIT_WORDS = frozenset(
    "d day days w wk wks week weeks fortnight fortnights m mo mos month months y yr yrs year years".split()
)


@given(
    word=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)
    | st.sampled_from(sorted(UNIT_WORDS)),
    day=st.integers(1, 28),
)
def test_a_day_with_a_word_is_a_date_only_if_the_word_names_a_month(word, day):
    today = date(2026, 3, 14)
    is_month = word == "sept" or (len(word) >= 3 and any(m.startswith(word) for m in MONTHS))
    for typed in (f"{day} {word}", f"{word} {day}"):
        if is_month:
            assert parse_date(typed, today).day == day
        elif word in UNIT_WORDS and typed == f"{day} {word}":
            # `3 w`, `3 weeks`: a short offset, back here as a meeting leans.
            unit = {"d": "day", "w": "week", "f": "fortnight", "m": "month", "y": "year"}[word[0]]
            assert parse_date(typed, today) == parse_date(f"{day} {unit}s ago", today) < today
        else:
            with pytest.raises(DateError):
                parse_date(typed, today)
