"""The date rules: a person's dates, their next occurrence, reminders and repeating follow-ups."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from netui.domain.dates import DateError, When, local_day, parse_when
from netui.domain.occasions import (
    ComingUp,
    DateKind,
    PersonDate,
    Rhythm,
    age_on,
    coming_up,
    date_draft,
    date_summary,
    format_date_entry,
    next_occurrence,
    on_year,
    parse_date_entry,
    parse_date_list,
    parse_rhythm,
    reminder,
    snooze_date_until,
    upcoming,
    years_phrase,
)
from netui.domain.rings import Ring

TODAY = date(2026, 3, 10)  # a Tuesday


def bday(when: When, **kw) -> PersonDate:
    return PersonDate(id=kw.pop("id", 1), person_id=7, kind=kw.pop("kind", DateKind.BIRTHDAY),
                      label=kw.pop("label", "Birthday"), when=when, **kw)


# ------------------------------------------------------------ typing a date


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("14 mar", When(None, 3, 14)),
        ("March 14", When(None, 3, 14)),
        ("14/3", When(None, 3, 14)),
        ("--03-14", When(None, 3, 14)),
        ("--0314", When(None, 3, 14)),
        ("1987-03-14", When(1987, 3, 14)),
        ("19870314", When(1987, 3, 14)),
        ("14 mar 1987", When(1987, 3, 14)),
        ("14/03/1987", When(1987, 3, 14)),
        ("29 feb", When(None, 2, 29)),
        ("in 2 weeks", When(2026, 3, 24)),
    ],
)
def test_parse_when(typed, expected):
    assert parse_when(typed, TODAY) == expected


def test_parse_when_month_first():
    assert parse_when("3/14", TODAY, day_first=False) == When(None, 3, 14)


@pytest.mark.parametrize("typed", ["", "30 feb", "--13-01", "31 apr", "1987-02-29", "banana"])
def test_parse_when_refuses(typed):
    with pytest.raises(DateError):
        parse_when(typed, TODAY)


def test_when_iso_round_trip():
    for w in (When(None, 2, 29), When(1987, 3, 14)):
        assert When.from_iso(w.iso()) == w
    assert When(None, 3, 14).iso() == "--03-14"
    assert When(1987, 3, 4).words() == "4 Mar 1987"


def test_one_off_needs_a_year_and_labels_pick_the_kind():
    with pytest.raises(DateError):
        date_draft("Exam", When(None, 6, 1), yearly=False)
    assert date_draft("birthday", When(None, 3, 14)).kind == DateKind.BIRTHDAY
    assert date_draft("BIRTHDAY", When(None, 3, 14)).label == "Birthday"
    assert date_draft("Started at Acme", When(2016, 3, 14)).kind == DateKind.OTHER
    with pytest.raises(DateError):
        date_draft("  ", When(None, 3, 14))


# ------------------------------------------------------------ next occurrence


def test_no_year_falls_every_year():
    assert next_occurrence(When(None, 3, 14), TODAY) == date(2026, 3, 14)
    assert next_occurrence(When(None, 3, 1), TODAY) == date(2027, 3, 1)


def test_a_date_today_is_today_not_next_year():
    assert next_occurrence(When(1986, 3, 10), TODAY) == TODAY


def test_a_date_passed_this_year_is_next_year():
    assert next_occurrence(When(1986, 3, 9), TODAY) == date(2027, 3, 9)
    assert age_on(When(1986, 3, 9), TODAY) == 40
    assert age_on(When(1986, 3, 11), TODAY) == 39


def test_leap_day_falls_on_28_february_in_other_years():
    leap = When(2000, 2, 29)
    assert on_year(leap, 2026) == date(2026, 2, 28)
    assert on_year(leap, 2028) == date(2028, 2, 29)
    assert next_occurrence(leap, date(2027, 3, 1)) == date(2028, 2, 29)
    assert next_occurrence(leap, date(2026, 2, 28)) == date(2026, 2, 28)
    assert next_occurrence(When(None, 2, 29), date(2026, 1, 1)) == date(2026, 2, 28)


def test_one_off_date_falls_once():
    exam = When(2026, 3, 20)
    assert next_occurrence(exam, TODAY, yearly=False) == date(2026, 3, 20)
    assert next_occurrence(exam, date(2026, 3, 21), yearly=False) is None


def test_a_yearly_date_in_the_future_starts_in_its_year():
    wedding = When(2027, 6, 5)
    assert next_occurrence(wedding, TODAY) == date(2027, 6, 5)


def test_midnight_is_counted_on_the_users_calendar():
    new_york = timezone(timedelta(hours=-5))
    # 23:30 in New York on 13 March is 04:30 UTC on the 14th: the birthday is still tomorrow there.
    moment = datetime(2026, 3, 14, 4, 30, tzinfo=timezone.utc)
    assert local_day(moment, new_york) == date(2026, 3, 13)
    assert local_day(moment, timezone.utc) == date(2026, 3, 14)
    d = bday(When(1990, 3, 14))
    assert reminder(d, "Ann", Ring.BUDDY, local_day(moment, new_york)).days == 1
    assert reminder(d, "Ann", Ring.BUDDY, local_day(moment, timezone.utc)).days == 0
    # One second before and at midnight.
    assert local_day(datetime(2026, 3, 13, 23, 59, 59, tzinfo=new_york), new_york) == date(2026, 3, 13)
    assert local_day(datetime(2026, 3, 14, 0, 0, tzinfo=new_york), new_york) == date(2026, 3, 14)
    assert local_day(datetime(2026, 3, 14, 0, 0)) == date(2026, 3, 14)


# ------------------------------------------------------------ reminders


def test_reminder_within_lead_time_with_age():
    r = reminder(bday(When(1986, 3, 14)), "Ann", Ring.BUDDY, TODAY)
    assert isinstance(r, ComingUp)
    assert (r.on, r.days, r.years) == (date(2026, 3, 14), 4, 40)
    assert r.what == "Birthday, turns 40"
    assert r.status == "Sat 14 Mar, in 4 days"
    assert "birthday note" in r.next_step


def test_reminder_outside_lead_time_unless_the_date_says_so():
    d = bday(When(None, 3, 20))
    assert reminder(d, "Ann", Ring.BUDDY, TODAY) is None
    assert reminder(d, "Ann", Ring.BUDDY, TODAY, lead_default=10) is not None
    assert reminder(bday(When(None, 3, 20), lead_days=14), "Ann", Ring.BUDDY, TODAY) is not None


def test_years_since_for_a_named_date():
    d = bday(When(2016, 3, 12), kind=DateKind.OTHER, label="started at Acme")
    r = reminder(d, "Ann", Ring.BUDDY, TODAY)
    assert r.what == "started at Acme, 10 years"
    assert years_phrase(DateKind.OTHER, 1) == "1 year"
    assert years_phrase(DateKind.BIRTHDAY, None) == ""


def test_done_is_per_year():
    d = bday(When(None, 3, 14), done_year=2026)
    assert reminder(d, "Ann", Ring.BUDDY, TODAY) is None
    # The next year's reminder comes back.
    assert reminder(d, "Ann", Ring.BUDDY, date(2027, 3, 10)) is not None
    # Done last year does not hide this year's.
    assert reminder(bday(When(None, 3, 14), done_year=2025), "Ann", Ring.BUDDY, TODAY) is not None


def test_done_across_new_year():
    d = bday(When(None, 1, 3), done_year=2027)
    assert reminder(d, "Ann", Ring.BUDDY, date(2026, 12, 30)) is None
    assert reminder(bday(When(None, 1, 3)), "Ann", Ring.BUDDY, date(2026, 12, 30)).on == date(2027, 1, 3)


def test_snooze_hides_until_the_day_it_names():
    r = reminder(bday(When(None, 3, 14)), "Ann", Ring.BUDDY, TODAY)
    until = snooze_date_until(r.on, TODAY)
    assert until == date(2026, 3, 14)  # back on the day itself
    d = bday(When(None, 3, 14), snoozed_until=until)
    assert reminder(d, "Ann", Ring.BUDDY, TODAY) is None
    assert reminder(d, "Ann", Ring.BUDDY, date(2026, 3, 14)) is not None
    on_the_day = reminder(bday(When(None, 3, 14)), "Ann", Ring.BUDDY, date(2026, 3, 14))
    assert snooze_date_until(on_the_day.on, date(2026, 3, 14)) == date(2026, 3, 15)


def test_coming_up_order_and_upcoming_ignores_done():
    dates = [
        (bday(When(None, 3, 16), id=1), "Bea", Ring.BUDDY),
        (bday(When(None, 3, 11), id=2, done_year=2026), "Cy", Ring.BUDDY),
        (bday(When(None, 3, 12), id=3), "Al", Ring.COLD),
    ]
    assert [r.date_id for r in coming_up(dates, TODAY)] == [3, 1]
    assert [r.date_id for r in upcoming(dates, TODAY, 30)] == [2, 3, 1]
    assert [r.date_id for r in upcoming(dates, TODAY, 1)] == [2]


# ------------------------------------------------------------ rhythms


@pytest.mark.parametrize(
    "typed, code, label",
    [
        ("every 2 weeks", "2w", "every 2 weeks"),
        ("monthly", "1m", "monthly"),
        ("every 3 months", "3m", "every 3 months"),
        ("yearly", "1y", "yearly"),
        ("every week", "1w", "weekly"),
        ("fortnightly", "2w", "every 2 weeks"),
        ("every two months", "2m", "every 2 months"),
        ("10d", "10d", "every 10 days"),
    ],
)
def test_parse_rhythm(typed, code, label):
    rhythm = parse_rhythm(typed)
    assert (rhythm.code, rhythm.label) == (code, label)
    assert Rhythm.from_code(code) == rhythm


@pytest.mark.parametrize("typed", ["every blue moon", "every 0 weeks", "every 500 years", "sometimes"])
def test_parse_rhythm_refuses(typed):
    with pytest.raises(DateError):
        parse_rhythm(typed)


def test_blank_rhythm_is_none():
    assert parse_rhythm("") is None and parse_rhythm("never") is None


def test_next_follow_up_counts_from_the_done_day():
    assert Rhythm(2, "w").after(date(2026, 3, 10)) == date(2026, 3, 24)
    assert Rhythm(1, "m").after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert Rhythm(1, "y").after(date(2028, 2, 29)) == date(2029, 2, 28)


# ------------------------------------------------------------ LABEL=WHEN entries


@pytest.mark.parametrize(
    "typed, label, when, yearly, lead",
    [
        ("Wedding=5 jun 2012", "Wedding", When(2012, 6, 5), True, None),
        ("wedding anniversary = 5 jun 2012 (21 days ahead)", "wedding anniversary", When(2012, 6, 5), True, 21),
        ("Exam=2026-07-01 (once)", "Exam", When(2026, 7, 1), False, None),
        ("Exam=2026-07-01 once", "Exam", When(2026, 7, 1), False, None),
        ("Exam=1 jul 2026 (once, 3d ahead)", "Exam", When(2026, 7, 1), False, 3),
        ("birthday=--03-14", "Birthday", When(None, 3, 14), True, None),
        ("Grandpa (Joe)=10 dec 1815", "Grandpa (Joe)", When(1815, 12, 10), True, None),
    ],
)
def test_parse_date_entry(typed, label, when, yearly, lead):
    draft = parse_date_entry(typed, TODAY)
    assert (draft.label, draft.when, draft.yearly, draft.lead_days) == (label, when, yearly, lead)
    assert parse_date_entry(format_date_entry(draft), TODAY) == draft  # what the form shows reads back the same


@pytest.mark.parametrize("typed, message", [
    ("wedding", "LABEL=WHEN"),
    ("=5 jun", "needs a name"),
    ("Wedding=5 jun (soon)", "not an option"),
    ("Wedding=31 jun", "not a real date"),
    ("a;b=5 jun", "cannot hold"),
])
def test_parse_date_entry_refuses(typed, message):
    with pytest.raises(DateError, match=message):
        parse_date_entry(typed, TODAY)


def test_parse_date_list():
    drafts = parse_date_list("Wedding=5 jun 2012; Exam=1 jul 2026 (once) ;", TODAY)
    assert [d.label for d in drafts] == ["Wedding", "Exam"]
    assert parse_date_list("  ", TODAY) == ()
    with pytest.raises(DateError, match="given twice"):
        parse_date_list("Wedding=5 jun; wedding=6 jun", TODAY)


# ---------------------------------------------------------------- the person page's line


def _dated(kind=DateKind.BIRTHDAY, label="Birthday", when=When(1986, 3, 14), **kw) -> PersonDate:
    return PersonDate(id=1, person_id=1, kind=kind, label=label, when=when, **kw)


@pytest.mark.parametrize(
    ("entry", "today", "line"),
    [
        # a birthday with a year: the age today, then the age it turns and when
        (_dated(), date(2026, 3, 10), "14 Mar 1986 · age 39 · turns 40 on Sat 14 Mar, in 4 days"),
        (_dated(), date(2026, 3, 14), "14 Mar 1986 · age 40 · turns 40 on Sat 14 Mar, today"),
        (_dated(), date(2026, 3, 13), "14 Mar 1986 · age 39 · turns 40 on Sat 14 Mar, tomorrow"),
        # past this year's: next year's, with its year
        (_dated(), date(2026, 3, 15), "14 Mar 1986 · age 40 · turns 41 on Sun 14 Mar 2027, in 364 days"),
        # no year: no age, no "turns"
        (_dated(when=When(None, 3, 14)), date(2026, 3, 10), "14 Mar · next Sat 14 Mar, in 4 days"),
        # a birthday still to come (a due date) has no age yet
        (_dated(when=When(2027, 1, 2)), date(2026, 3, 10), "2 Jan 2027 · next Sat 2 Jan 2027, in 298 days"),
        # anything else counts years, singular at one
        (_dated(DateKind.ANNIVERSARY, "Joined Acme", When(2025, 4, 1)), date(2026, 3, 10),
         "1 Apr 2025 · 1 year on Wed 1 Apr, in 22 days"),
        (_dated(DateKind.ANNIVERSARY, "Joined Acme", When(2016, 4, 1)), date(2026, 3, 10),
         "1 Apr 2016 · 10 years on Wed 1 Apr, in 22 days"),
        # a one-off: no years, "once"; passed when gone
        (_dated(DateKind.OTHER, "Launch", When(2026, 3, 20), yearly=False), date(2026, 3, 10),
         "20 Mar 2026 · next Fri 20 Mar, in 10 days · once"),
        (_dated(DateKind.OTHER, "Launch", When(2026, 3, 1), yearly=False), date(2026, 3, 10),
         "1 Mar 2026 · passed · once"),
        # its own lead time is said; the default is not
        (_dated(lead_days=14), date(2026, 3, 10),
         "14 Mar 1986 · age 39 · turns 40 on Sat 14 Mar, in 4 days · reminds 14 days ahead"),
        (_dated(lead_days=0), date(2026, 3, 10),
         "14 Mar 1986 · age 39 · turns 40 on Sat 14 Mar, in 4 days · reminds 0 days ahead"),
    ],
)
def test_date_summary(entry, today, line):
    assert date_summary(entry, today) == line
