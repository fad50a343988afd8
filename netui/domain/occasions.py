"""Dates that matter to people, and follow-ups that repeat.

A person's date (a birthday, an anniversary, "started at Acme") falls every year, or once;
its year may be unknown. The rules that say when it next falls, how old someone turns and
what the Agenda's "Coming up" shows live here, pure: "today" is always a parameter.

29 February falls on 28 February in years that have none.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from netui.domain.dates import DateError, When, parse_when
from netui.domain.rings import Ring
from netui.domain.settings import DEFAULT_LEAD_DAYS, MAX_LEAD_DAYS
from netui.domain.text import clean_input

LABEL_MAX = 80


class DateKind(str, Enum):
    BIRTHDAY = "birthday"  # vCard BDAY; one per person
    ANNIVERSARY = "anniversary"  # vCard ANNIVERSARY; one per person
    OTHER = "other"  # any named date

    @property
    def default_label(self) -> str:
        return {DateKind.BIRTHDAY: "Birthday", DateKind.ANNIVERSARY: "Anniversary"}.get(self, "")


def kind_for_label(label: str) -> DateKind:
    """``birthday`` and ``anniversary`` (any case) are the vCard dates; any other label is a named date."""
    word = " ".join(label.lower().split())
    for kind in (DateKind.BIRTHDAY, DateKind.ANNIVERSARY):
        if word == kind.value:
            return kind
    return DateKind.OTHER


def check_label(label: str) -> str:
    text = " ".join(clean_input(label).split())
    if not text:
        raise DateError("A date needs a name, e.g. \"wedding anniversary\".")
    if any(ch in text for ch in "=;"):
        raise DateError(f"{text!r}: a date's name cannot hold = or ;.")
    if len(text) > LABEL_MAX:
        raise DateError(f"A date's name is at most {LABEL_MAX} characters.")
    return text


@dataclass(frozen=True)
class DateDraft:
    """A date to add to someone, already validated."""

    label: str
    when: When
    kind: DateKind = DateKind.OTHER
    yearly: bool = True
    lead_days: int | None = None  # None: the setting


def date_draft(label: str, when: When, *, yearly: bool = True, lead_days: int | None = None) -> DateDraft:
    """A checked draft: a one-off date needs its year; a lead time is 0 to a year."""
    label = check_label(label)
    if not yearly and when.year is None:
        raise DateError(f"{label}: a date that happens once needs its year.")
    if lead_days is not None and not 0 <= lead_days <= MAX_LEAD_DAYS:
        raise DateError(f"{label}: remind 0 to {MAX_LEAD_DAYS} days ahead.")
    kind = kind_for_label(label)
    return DateDraft(label=kind.default_label or label, when=when, kind=kind, yearly=yearly, lead_days=lead_days)


_OPTIONS = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
_AHEAD = re.compile(r"^(?:remind\s+)?(\d{1,3})\s*(?:d|days?)(?:\s+(?:ahead|before))?$")
ENTRY_EXAMPLE = "wedding anniversary=5 jun 2012 (21 days ahead); exam=1 jul 2026 (once)"


def parse_date_entry(text: str, today: date, *, day_first: bool = True) -> DateDraft:
    """``LABEL=WHEN``, optionally followed by ``(once)``, ``(N days ahead)`` or both
    (``(once, 3 days ahead)``); a trailing ``once`` also works. WHEN as ``parse_when`` reads it."""
    label, sep, rest = clean_input(text).partition("=")
    if not sep:
        raise DateError("write a date as LABEL=WHEN, e.g. \"wedding anniversary=5 jun 2012\".")
    yearly, lead = True, None
    if found := _OPTIONS.match(rest):
        rest = found.group(1)
        for option in (o.strip().lower() for o in found.group(2).split(",")):
            if option in ("once", "one-off", "one off"):
                yearly = False
            elif option in ("yearly", "every year", ""):
                pass
            elif ahead := _AHEAD.match(option):
                lead = int(ahead.group(1))
            else:
                raise DateError(f"{label.strip()}: {option!r} is not an option; use (once) or (7 days ahead).")
    words = rest.split()
    if words and words[-1].lower() == "once":
        yearly, rest = False, " ".join(words[:-1])
    try:
        when = parse_when(rest, today, day_first=day_first)
    except DateError as exc:
        raise DateError(f"{label.strip() or 'date'}: {exc}") from None
    return date_draft(label, when, yearly=yearly, lead_days=lead)


def format_date_entry(d: DateDraft, *, with_label: bool = True) -> str:
    """What ``parse_date_entry`` reads back as ``d``: ``Wedding=5 Jun 2012 (21 days ahead)``."""
    options = [] if d.yearly else ["once"]
    if d.lead_days is not None:
        options.append(f"{d.lead_days} days ahead")
    text = d.when.words() + (f" ({', '.join(options)})" if options else "")
    return f"{d.label}={text}" if with_label else text


def parse_date_list(text: str, today: date, *, day_first: bool = True) -> tuple[DateDraft, ...]:
    """Entries separated by ``;`` (blank: none); the same name twice is refused."""
    drafts: list[DateDraft] = []
    for part in clean_input(text).split(";"):
        if part.strip():
            draft = parse_date_entry(part, today, day_first=day_first)
            if any(same_date_slot(draft, d) for d in drafts):
                raise DateError(f"{draft.label} is given twice.")
            drafts.append(draft)
    return tuple(drafts)


def same_date_slot(a: DateDraft, b: DateDraft) -> bool:
    """Whether two dates would take the same place on a person: one birthday, one anniversary, one of each name."""
    if a.kind != DateKind.OTHER or b.kind != DateKind.OTHER:
        return a.kind == b.kind
    return a.label.lower() == b.label.lower()


@dataclass(frozen=True)
class PersonDate:
    """A date as stored. ``done_year`` is the year whose reminder was marked done;
    ``snoozed_until`` hides the reminder until that day."""

    id: int
    person_id: int
    kind: DateKind
    label: str
    when: When
    yearly: bool = True
    lead_days: int | None = None
    done_year: int | None = None
    snoozed_until: date | None = None
    version: int = 1

    def draft(self) -> DateDraft:
        return DateDraft(label=self.label, when=self.when, kind=self.kind, yearly=self.yearly, lead_days=self.lead_days)


def on_year(when: When, year: int) -> date:
    """The day ``when`` falls in ``year``: 29 February falls on 28 February in other years."""
    if when.month == 2 and when.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, when.month, when.day)


def next_occurrence(when: When, today: date, *, yearly: bool = True) -> date | None:
    """The day it next falls, today included; None for a one-off date already past."""
    if not yearly:
        if when.year is None:
            return None
        day = date(when.year, when.month, when.day)
        return day if day >= today else None
    day = on_year(when, today.year)
    if day < today:
        day = on_year(when, today.year + 1)
    if when.year is not None and day.year < when.year:
        # A yearly date set in the future (a wedding planned for next year) starts then.
        day = on_year(when, when.year)
    return day


def years_at(when: When, day: date) -> int | None:
    """How many years ``when`` will be on ``day`` (the age turned on a birthday), if its year is known."""
    if when.year is None:
        return None
    return day.year - when.year


def age_on(when: When, today: date) -> int | None:
    """Someone's age today from their birthday (None without a year)."""
    if when.year is None:
        return None
    this_year = on_year(when, today.year)
    return today.year - when.year - (1 if today < this_year else 0)


def years_phrase(kind: DateKind, years: int | None) -> str:
    """``turns 40`` for a birthday, ``10 years`` for anything else; '' when unknown or not yet one."""
    if years is None or years <= 0:
        return ""
    if kind == DateKind.BIRTHDAY:
        return f"turns {years}"
    return f"{years} year{'s' if years != 1 else ''}"


def days_phrase(days: int) -> str:
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"


def next_step_for(kind: DateKind, label: str) -> str:
    if kind == DateKind.BIRTHDAY:
        return "Send a birthday note."
    if kind == DateKind.ANNIVERSARY:
        return "Send a note for the anniversary."
    return f"Send a note: {label}."


def date_summary(d: PersonDate, today: date) -> str:
    """One line for a person's page: ``14 Mar 1986 · age 39 · turns 40 on Sat 14 Mar, in 4 days``."""
    parts = [d.when.words()]
    if d.kind == DateKind.BIRTHDAY and (age := age_on(d.when, today)) is not None and age >= 0:
        parts.append(f"age {age}")
    day = next_occurrence(d.when, today, yearly=d.yearly)
    if day is None:
        parts.append("passed")
    else:
        extra = years_phrase(d.kind, years_at(d.when, day)) if d.yearly else ""
        on = f"{day:%a} {day.day} {day:%b}" + (f" {day.year}" if day.year != today.year else "")
        parts.append(f"{extra + ' on ' if extra else 'next '}{on}, {days_phrase((day - today).days)}")
    if not d.yearly:
        parts.append("once")
    if d.lead_days is not None:
        parts.append(f"reminds {d.lead_days} days ahead")
    return " · ".join(parts)


@dataclass(frozen=True)
class ComingUp:
    """One reminder in "Coming up"."""

    date_id: int
    person_id: int
    name: str
    ring: Ring
    kind: DateKind
    label: str
    when: When
    on: date  # the day it falls
    days: int  # from today; 0 is today
    years: int | None  # age turned or years since, when the year is known
    yearly: bool

    @property
    def year(self) -> int:
        """The year of this occurrence: done and snooze are per year."""
        return self.on.year

    @property
    def status(self) -> str:
        return f"{self.on:%a} {self.on.day} {self.on:%b}, {days_phrase(self.days)}"

    @property
    def what(self) -> str:
        """``Birthday, turns 40`` or ``started at Acme, 10 years``."""
        extra = years_phrase(self.kind, self.years)
        return f"{self.label}, {extra}" if extra else self.label

    @property
    def next_step(self) -> str:
        return f"{self.what}: {next_step_for(self.kind, self.label)}"


def reminder(d: PersonDate, name: str, ring: Ring, today: date, lead_default: int = DEFAULT_LEAD_DAYS) -> ComingUp | None:
    """The reminder ``d`` makes today, or None: not within its lead time, done this year, or snoozed."""
    day = next_occurrence(d.when, today, yearly=d.yearly)
    if day is None:
        return None
    days = (day - today).days
    lead = d.lead_days if d.lead_days is not None else lead_default
    if days > lead:
        return None
    if d.done_year == day.year:
        return None
    if d.snoozed_until is not None and d.snoozed_until > today:
        return None
    return ComingUp(
        date_id=d.id, person_id=d.person_id, name=name, ring=ring, kind=d.kind, label=d.label, when=d.when,
        on=day, days=days, years=years_at(d.when, day) if d.yearly else None, yearly=d.yearly,
    )


def coming_up(
    dates: list[tuple[PersonDate, str, Ring]], today: date, lead_default: int = DEFAULT_LEAD_DAYS
) -> list[ComingUp]:
    """Every reminder due today, soonest first."""
    found = [r for d, name, ring in dates if (r := reminder(d, name, ring, today, lead_default)) is not None]
    found.sort(key=lambda r: (r.on, r.name.lower(), r.date_id))
    return found


def upcoming(
    dates: list[tuple[PersonDate, str, Ring]], today: date, within: int
) -> list[ComingUp]:
    """Every date falling in the next ``within`` days, done or snoozed or not (``netui dates``)."""
    out = []
    for d, name, ring in dates:
        day = next_occurrence(d.when, today, yearly=d.yearly)
        if day is None or (day - today).days > within:
            continue
        out.append(ComingUp(
            date_id=d.id, person_id=d.person_id, name=name, ring=ring, kind=d.kind, label=d.label, when=d.when,
            on=day, days=(day - today).days, years=years_at(d.when, day) if d.yearly else None, yearly=d.yearly,
        ))
    out.sort(key=lambda r: (r.on, r.name.lower(), r.date_id))
    return out


def snooze_date_until(on: date, today: date, days: int = 7) -> date:
    """A reminder of a date falling ``on`` snoozed with ``s`` comes back on the day itself, or after
    ``days`` if that is sooner; on the day it hides until tomorrow (that is, for this year)."""
    back = min(today + timedelta(days=days), on)
    return back if back > today else today + timedelta(days=1)


# ---------------------------------------------------------------- recurring follow-ups

_UNITS = {"d": ("day", "days"), "w": ("week", "weeks"), "m": ("month", "months"), "y": ("year", "years")}
_ADVERBS = {"daily": "1d", "weekly": "1w", "fortnightly": "2w", "biweekly": "2w", "monthly": "1m",
            "quarterly": "3m", "yearly": "1y", "annually": "1y"}
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_EVERY = re.compile(r"^(?:every\s+)?(?:(\d{1,3}|[a-z]+)\s*)?(d|day|days|w|wk|week|weeks|fortnight|fortnights|m|mo|month|months|y|yr|year|years)$")
_CODE = re.compile(r"^([1-9]\d{0,2})([dwmy])$")
RHYTHM_EXAMPLES = "every 2 weeks, monthly, every 3 months, yearly"


@dataclass(frozen=True)
class Rhythm:
    """How often a follow-up repeats: ``count`` days, weeks, months or years."""

    count: int
    unit: str  # d, w, m or y

    @property
    def code(self) -> str:
        """As stored: ``2w``."""
        return f"{self.count}{self.unit}"

    @property
    def label(self) -> str:
        """``every 2 weeks``, ``monthly``."""
        if self.count == 1:
            return {"d": "daily", "w": "weekly", "m": "monthly", "y": "yearly"}[self.unit]
        return f"every {self.count} {_UNITS[self.unit][1]}"

    def after(self, day: date) -> date:
        """The next follow-up when one is done on ``day``."""
        from dateutil.relativedelta import relativedelta  # only a rhythm step needs it, not start-up

        key = {"d": "days", "w": "weeks", "m": "months", "y": "years"}[self.unit]
        return day + relativedelta(**{key: self.count})

    @classmethod
    def from_code(cls, code: str | None) -> Rhythm | None:
        if not code:
            return None
        found = _CODE.match(code)
        if not found:
            return None
        return cls(int(found.group(1)), found.group(2))


def parse_rhythm(text: str) -> Rhythm | None:
    """``every 2 weeks``, ``monthly``, ``every 3 months``, ``yearly``, ``2w``; blank (or ``never``) is None."""
    word = " ".join(clean_input(text).lower().split())
    if word in ("", "never", "none", "once", "no"):
        return None
    if word in _ADVERBS:
        return Rhythm.from_code(_ADVERBS[word])
    found = _EVERY.match(word)
    if found:
        number, unit = found.groups()
        count = 1 if number is None else (int(number) if number.isdigit() else _WORDS.get(number))
        if count is not None and count > 0:
            if unit.startswith("fortnight"):
                count, letter = count * 2, "w"
            else:
                letter = unit[0]
            limit = {"d": 999, "w": 260, "m": 120, "y": 20}[letter]
            if count > limit:
                raise DateError(f"{text.strip()!r} is too long a rhythm (at most {limit} {_UNITS[letter][1]}).")
            return Rhythm(count, letter)
    raise DateError(f"Could not read {text.strip()!r} as a rhythm; try {RHYTHM_EXAMPLES}.")
