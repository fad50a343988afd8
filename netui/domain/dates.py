"""Dates as people type them: `today`, `3 days ago`, `last friday`, `14 mar`, `14/03/2026`,
and short offsets: `3d`, `2w`, `6m`, `1y`, `+3`, `-10`.

The one parser for every date field and flag. Each field leans one way: a meeting, a
``--since`` or a filter looks back (`friday` is the last one, `90d` is 90 days ago); a
follow-up, a snooze or ``agenda --date`` looks ahead (`friday` is the coming one, `2w` is
in two weeks). A sign says it outright: `+3` is ahead, `-3` back.

Pure functions: "today" and the day-first setting are parameters. Every refusal is a
``DateError`` whose message says what was wrong, fit to show next to a field.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta, tzinfo
from enum import Enum

from netui.domain.text import clean_input

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


class DateError(ValueError):
    """The text is not a date we can use; the message says why."""


class Direction(str, Enum):
    """Which way a date without a year (or a bare weekday) leans."""

    PAST = "past"  # a meeting that happened: `friday` is the last one, `14 dec` the last 14 December
    FUTURE = "future"  # a follow-up: `friday` is the coming one


# What a refusal suggests, the way the field leans: a snooze is never "3 days ago".
EXAMPLES = {
    Direction.PAST: "today, yesterday, 3 days ago, 2w, last friday or 2026-03-14",
    Direction.FUTURE: "tomorrow, next monday, 2w, +3 or 2026-03-21",
}


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years", "fortnight": "fortnight"}

_AGO = re.compile(r"^(\d+|[a-z]+)\s+(day|week|fortnight|month|year)s?\s+ago$")
_IN = re.compile(r"^in\s+(\d+|[a-z]+)\s+(day|week|fortnight|month|year)s?$")
_FROM_NOW = re.compile(r"^(\d+|[a-z]+)\s+(day|week|fortnight|month|year)s?\s+from\s+now$")
# 3d, 2w, 6m, 1y, +3, -10, 10 days: the sign, else the field's lean, says which way.
_SHORT = re.compile(
    r"^([+-])?\s*(\d{1,4})\s*(d|days?|w|wks?|weeks?|fortnights?|m|mos?|months?|y|yrs?|years?)?$"
)
_SHORT_UNITS = {"d": "day", "w": "week", "f": "fortnight", "m": "month", "y": "year"}
_WEEKDAY = re.compile(r"^(?:(last|next|this|on)\s+)?([a-z]+)$")
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?(?:\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?$")


def _weekday(word: str) -> int | None:
    if len(word) < 3:
        return None
    for i, name in enumerate(WEEKDAYS):
        if name.startswith(word):  # "tues", "thur", "thurs" too
            return i
    return None


def _month(word: str) -> int | None:
    if len(word) < 3:
        return None
    for i, name in enumerate(MONTHS, start=1):
        if name.startswith(word):  # "sept" too
            return i
    return None


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _shift(today: date, amount: int, unit: str) -> date:
    if unit == "fortnight":
        return today + timedelta(days=14 * amount)
    from dateutil.relativedelta import relativedelta  # only shifts by months or years need it

    return today + relativedelta(**{_UNITS[unit]: amount})


def _real_date(year: int, month: int, day: int, typed: str) -> date:
    """date(year, month, day), or a DateError that names the impossible part."""
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise DateError(f"{typed!r}: the year {year} is out of range ({EARLIEST_YEAR}–{LATEST_YEAR}).")
    if not 1 <= month <= 12:
        raise DateError(f"{typed!r}: there is no month {month} (months run 1–12).")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(f"{typed!r} is not a real date: {MONTHS[month - 1].capitalize()} {year} has {days} days.")
    return date(year, month, day)


def _lean(month: int, day: int, today: date, direction: Direction, typed: str) -> date:
    """A day and month with no year: the nearest one in the direction the field leans."""
    if month == 2 and day == 29:
        # Look for the nearest leap year that way rather than refusing outright: this year's
        # may be on the wrong side of today, and the next can be eight years off (2096, 2104).
        step = -1 if direction == Direction.PAST else 1
        year = today.year
        for _ in range(9):
            if calendar.isleap(year):
                candidate = date(year, 2, 29)
                if (direction == Direction.PAST and candidate <= today) or (
                    direction == Direction.FUTURE and candidate >= today
                ):
                    return candidate
            year += step
    candidate = _real_date(today.year, month, day, typed)
    if direction == Direction.PAST and candidate > today:
        candidate = _real_date(today.year - 1, month, day, typed)
    elif direction == Direction.FUTURE and candidate < today:
        candidate = _real_date(today.year + 1, month, day, typed)
    return candidate


def parse_date(text: str, today: date, *, day_first: bool = True, direction: Direction = Direction.PAST) -> date:
    """Read a date as a person would type it. Raises DateError saying what was wrong."""
    typed = clean_input(text)
    word = " ".join(typed.lower().replace(",", " ").split())
    if not word:
        raise DateError(f"Type a date, e.g. {EXAMPLES[direction]}.")

    simple = {"today": 0, "now": 0, "yesterday": -1, "tomorrow": 1}
    if word in simple:
        return today + timedelta(days=simple[word])
    if word in ("day before yesterday", "the day before yesterday"):
        return today - timedelta(days=2)
    if word in ("day after tomorrow", "the day after tomorrow"):
        return today + timedelta(days=2)
    for phrase, amount in (("last", -1), ("next", 1)):
        for unit in ("week", "month", "year", "fortnight"):
            if word == f"{phrase} {unit}":
                return _shift(today, amount, unit)

    for pattern, sign in ((_AGO, -1), (_IN, 1), (_FROM_NOW, 1)):
        if match := pattern.match(word):
            amount = _count(match.group(1))
            if amount is None:
                raise DateError(f"{typed!r}: {match.group(1)!r} is not a number.")
            if amount > 100 * 366:
                raise DateError(f"{typed!r} is too far away to be a date you mean.")
            try:
                result = _shift(today, sign * amount, match.group(2))
            except (ValueError, OverflowError):  # past year 1 or 9999: no calendar has it
                raise DateError(f"{typed!r} is too far away to be a date you mean.") from None
            return _real_date(result.year, result.month, result.day, typed)

    if (match := _SHORT.match(word)) and (match.group(1) or match.group(3) or len(match.group(2)) <= 3):
        sign, digits, unit = match.groups()
        amount = int(digits)
        back = sign == "-" or (sign is None and direction == Direction.PAST)
        unit_name = _SHORT_UNITS[unit[0]] if unit else "day"
        if amount > 100 * 366 or (unit_name != "day" and amount > 1200):
            raise DateError(f"{typed!r} is too far away to be a date you mean.")
        result = _shift(today, -amount if back else amount, unit_name)
        return _real_date(result.year, result.month, result.day, typed)

    if match := _WEEKDAY.match(word):
        qualifier, name = match.groups()
        weekday = _weekday(name)
        if weekday is not None:
            back = (today.weekday() - weekday) % 7  # days since the latest such day (0 = today)
            ahead = (weekday - today.weekday()) % 7  # days until the next (0 = today)
            if qualifier == "last":
                return today - timedelta(days=back or 7)
            if qualifier == "next":
                return today + timedelta(days=ahead or 7)
            if direction == Direction.PAST:
                return today - timedelta(days=back)
            return today + timedelta(days=ahead)

    if match := _ISO.match(word):
        year, month, day = (int(g) for g in match.groups())
        return _real_date(year, month, day, typed)

    if match := _NUMERIC.match(word):
        first, second, year_text = match.groups()
        day, month = (int(first), int(second)) if day_first else (int(second), int(first))
        order = "day first (DD/MM/YYYY)" if day_first else "month first (MM/DD/YYYY)"
        if not 1 <= month <= 12:
            raise DateError(f"{typed!r}: there is no month {month}; dates are read {order}, a setting.")
        if year_text is None:
            return _lean(month, day, today, direction, typed)
        year = int(year_text)
        if len(year_text) == 2:
            year += 2000
        return _real_date(year, month, day, typed)

    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        if match := pattern.match(word):
            month = _month(match.group(month_group))
            if month is None:
                continue
            day = int(match.group(day_group))
            if match.group(3):
                return _real_date(int(match.group(3)), month, day, typed)
            if not 1 <= day <= 31:
                raise DateError(f"{typed!r} is not a real date: no month has a day {day}.")
            if day > calendar.monthrange(2024, month)[1]:
                name = MONTHS[month - 1].capitalize()
                raise DateError(f"{typed!r} is not a real date: {name} has {calendar.monthrange(2024, month)[1]} days at most.")
            return _lean(month, day, today, direction, typed)

    raise DateError(f"Could not read {typed!r} as a date; try {EXAMPLES[direction]}.")


def parse_meeting_date(text: str, today: date, *, day_first: bool = True) -> date:
    """When an interaction happened: never in the future."""
    day = parse_date(text, today, day_first=day_first, direction=Direction.PAST)
    if day > today:
        raise DateError(
            f"{day.isoformat()} is in the future: an interaction is logged once it happened "
            "(put a date to come in the follow-up)."
        )
    return day


def parse_follow_up(text: str, today: date, *, day_first: bool = True, meeting: date | None = None) -> date | None:
    """A follow-up date (blank means none); it leans to the future and cannot precede the meeting."""
    if not clean_input(text):
        return None
    day = parse_date(text, today, day_first=day_first, direction=Direction.FUTURE)
    if meeting is not None and day < meeting:
        raise DateError(f"The follow-up ({day.isoformat()}) is before the interaction itself ({meeting.isoformat()}).")
    return day


def describe(day: date, today: date) -> str:
    """`Fri 13 Mar 2026 (yesterday)`: the date a field will save, in words."""
    delta = (day - today).days
    if delta == 0:
        rel = "today"
    elif delta == -1:
        rel = "yesterday"
    elif delta == 1:
        rel = "tomorrow"
    elif delta < 0:
        rel = f"{-delta} days ago"
    else:
        rel = f"in {delta} days"
    return f"{day:%a} {day.day} {day:%b %Y} ({rel})"


# ---------------------------------------------------------------- a person's dates


class When(tuple):
    """A day that matters to someone: (year or None, month, day). ``14 mar`` has no year."""

    __slots__ = ()

    def __new__(cls, year: int | None, month: int, day: int) -> "When":
        return tuple.__new__(cls, (year, month, day))

    @property
    def year(self) -> int | None:
        return self[0]

    @property
    def month(self) -> int:
        return self[1]

    @property
    def day(self) -> int:
        return self[2]

    def iso(self) -> str:
        """``1987-03-14``, or ``--03-14`` without a year (as vCard 4.0 writes it)."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def words(self) -> str:
        """``14 Mar 1987`` or ``14 Mar``."""
        text = f"{self.day} {MONTHS[self.month - 1][:3].capitalize()}"
        return text if self.year is None else f"{text} {self.year}"

    @classmethod
    def from_iso(cls, text: str) -> "When":
        """The inverse of ``iso`` (a DateError for anything else)."""
        found = _STORED.match(text or "")
        if not found:
            raise DateError(f"{text!r} is not a stored date (1987-03-14 or --03-14).")
        year = int(found.group(1)) if found.group(1) else None
        # Any year ``iso`` writes: a date read from a file may be 1815.
        return check_when(year, int(found.group(2)), int(found.group(3)), text, any_year=True)


_STORED = re.compile(r"^(?:(\d{4})|--)-?(\d{2})-?(\d{2})$")
_VCARD_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def check_when(year: int | None, month: int, day: int, typed: str, *, any_year: bool = False) -> When:
    """A When, or a DateError naming the impossible part; 29 February needs no year.
    ``any_year`` accepts years outside what a person types (1 to 9999: a file's 1815)."""
    if year is not None:
        if any_year and 1 <= year <= 9999 and not EARLIEST_YEAR <= year <= LATEST_YEAR:
            if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise DateError(f"{typed!r} is not a real date.")
            return When(year, month, day)
        real = _real_date(year, month, day, typed)
        return When(real.year, real.month, real.day)
    if not 1 <= month <= 12:
        raise DateError(f"{typed!r}: there is no month {month} (months run 1–12).")
    most = calendar.monthrange(2024, month)[1]  # a leap year: 29 February is a real birthday
    if not 1 <= day <= most:
        raise DateError(f"{typed!r} is not a real date: {MONTHS[month - 1].capitalize()} has {most} days at most.")
    return When(None, month, day)


def parse_when(text: str, today: date, *, day_first: bool = True) -> When:
    """A birthday or another date that matters, with the year optional:
    ``14 mar``, ``march 14``, ``14/3``, ``--03-14`` (no year); ``1987-03-14``, ``14 mar 1987``,
    ``14/3/1987``, or any date ``parse_date`` reads (``in 2 weeks``: a date with its year)."""
    typed = clean_input(text)
    word = " ".join(typed.lower().replace(",", " ").split())
    if not word:
        raise DateError("Type a date, e.g. 14 mar, 1987-03-14 or --03-14 (no year).")
    if found := _VCARD_NO_YEAR.match(word):
        return check_when(None, int(found.group(1)), int(found.group(2)), typed)
    if found := _COMPACT.match(word):
        return check_when(int(found.group(1)), int(found.group(2)), int(found.group(3)), typed)
    # A year written out in full may be long ago (a grandparent's birthday, 1815 in a file).
    if found := _ISO.match(word):
        return check_when(*(int(g) for g in found.groups()), typed, any_year=True)
    if (found := _NUMERIC.match(word)) and (found.group(3) is None or len(found.group(3)) == 4):
        first, second = int(found.group(1)), int(found.group(2))
        day, month = (first, second) if day_first else (second, first)
        year = int(found.group(3)) if found.group(3) else None
        return check_when(year, month, day, typed, any_year=True)
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        if found := pattern.match(word):
            month = _month(found.group(month_group))
            if month is not None:
                year = int(found.group(3)) if found.group(3) else None
                return check_when(year, month, int(found.group(day_group)), typed, any_year=True)
    day = parse_date(typed, today, day_first=day_first, direction=Direction.FUTURE)
    return When(day.year, day.month, day.day)


def local_day(moment: datetime, zone: tzinfo | None = None) -> date:
    """The calendar day ``moment`` falls on where the user is (``zone``; None: this machine's).

    Reminders count days on the user's calendar: at 23:30 in New York on 13 March it is
    already 14 March in UTC, but a birthday on the 14th is still tomorrow."""
    if moment.tzinfo is None:
        return moment.date()  # a naive time is already local
    return moment.astimezone(zone).date()
