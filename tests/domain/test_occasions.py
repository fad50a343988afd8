"""The date rules: a person's dates, their next occurrence, reminders and repeating follow-ups."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from netui.domain.dates import DateError, When, local_day, parse_when
from netui.domain.occasions import (
    ComingUp,
    DateDraft,
    DateKind,
    PersonDate,
    Rhythm,
    age_on,
    coming_up,
    date_draft,
    days_phrase,
    date_summary,
    format_date_entry,
    next_occurrence,
    next_step_for,
    on_year,
    parse_date_entry,
    parse_date_list,
    parse_rhythm,
    reminder,
    same_date_slot,
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


# ---------------------------------------------------------------- the forms a mutation left untested


@pytest.mark.parametrize(
    ("typed", "draft"),
    [
        ("Exam=1 jul 2026 (one-off)", DateDraft("Exam", When(2026, 7, 1), yearly=False)),
        ("Exam=1 jul 2026 (One Off)", DateDraft("Exam", When(2026, 7, 1), yearly=False)),
        ("Exam=1 jul 2026 once", DateDraft("Exam", When(2026, 7, 1), yearly=False)),
        ("Wedding=5 jun 2012 (yearly)", DateDraft("Wedding", When(2012, 6, 5))),
        ("Wedding=5 jun 2012 (Every Year, 21 days ahead)", DateDraft("Wedding", When(2012, 6, 5), lead_days=21)),
        ("Wedding=5 jun 2012 ()", DateDraft("Wedding", When(2012, 6, 5))),
        ("Party=1/2/2026", DateDraft("Party", When(2026, 2, 1))),  # day first unless told
        ("Trip=in 2 weeks", DateDraft("Trip", When(2026, 3, 24))),  # counted from today
        ("birthday=14 mar (remind 3 days before)",
         DateDraft("Birthday", When(None, 3, 14), kind=DateKind.BIRTHDAY, lead_days=3)),
    ],
)
def test_parse_date_entry_reads_every_option(typed, draft):
    assert parse_date_entry(typed, TODAY) == draft


def test_parse_date_entry_and_list_pass_the_month_first_setting_on():
    assert parse_date_entry("Party=1/2/2026", TODAY, day_first=False) == DateDraft("Party", When(2026, 1, 2))
    assert parse_date_list("Party=1/2/2026; Trip=in 2 weeks", TODAY) == (
        DateDraft("Party", When(2026, 2, 1)),
        DateDraft("Trip", When(2026, 3, 24)),
    )
    assert parse_date_list("Party=1/2/2026", TODAY, day_first=False) == (DateDraft("Party", When(2026, 1, 2)),)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("wedding", 'write a date as LABEL=WHEN, e.g. "wedding anniversary=5 jun 2012".'),
        ("Wedding=31 jun", "Wedding: '31 jun' is not a real date: June has 30 days at most."),
        ("=31 jun", "date: '31 jun' is not a real date: June has 30 days at most."),
        ("Wedding=5 jun (soon)", "Wedding: 'soon' is not an option; use (once) or (7 days ahead)."),
        # the first = ends the name: what follows is the date
        ("a=b=5 jun", "a: Could not read 'b=5 jun' as a date; try tomorrow, next monday, 2w, +3 or 2026-03-21."),
    ],
)
def test_parse_date_entry_refusals_word_for_word(typed, message):
    with pytest.raises(DateError) as caught:
        parse_date_entry(typed, TODAY)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("draft", "with_label", "text"),
    [
        (DateDraft("Wedding", When(2012, 6, 5)), True, "Wedding=5 Jun 2012"),
        (DateDraft("Wedding", When(2012, 6, 5)), False, "5 Jun 2012"),
        (DateDraft("Exam", When(2026, 7, 1), yearly=False), True, "Exam=1 Jul 2026 (once)"),
        (DateDraft("Exam", When(2026, 7, 1), yearly=False, lead_days=3), False, "1 Jul 2026 (once, 3 days ahead)"),
        (DateDraft("Birthday", When(None, 3, 14), kind=DateKind.BIRTHDAY, lead_days=0), True,
         "Birthday=14 Mar (0 days ahead)"),
    ],
)
def test_format_date_entry_word_for_word(draft, with_label, text):
    assert format_date_entry(draft, with_label=with_label) == text


def test_one_birthday_one_anniversary_and_one_date_of_each_name():
    assert parse_date_list("Birthday=14 mar; Anniversary=5 jun 2012; Wedding=5 jun", TODAY) == (
        DateDraft("Birthday", When(None, 3, 14), kind=DateKind.BIRTHDAY),
        DateDraft("Anniversary", When(2012, 6, 5), kind=DateKind.ANNIVERSARY),
        DateDraft("Wedding", When(None, 6, 5)),
    )
    with pytest.raises(DateError) as caught:
        parse_date_list("birthday=14 mar; BIRTHDAY=15 mar", TODAY)
    assert str(caught.value) == "Birthday is given twice."
    # A named date is never the birthday, whatever it is called.
    birthday = DateDraft("Birthday", When(None, 3, 14), kind=DateKind.BIRTHDAY)
    named = DateDraft("Birthday", When(None, 3, 14), kind=DateKind.OTHER)
    assert not same_date_slot(birthday, named) and not same_date_slot(named, birthday)


def test_a_stored_date_drafts_as_it_is():
    stored = PersonDate(id=3, person_id=7, kind=DateKind.OTHER, label="Exam", when=When(2026, 7, 1),
                        yearly=False, lead_days=3, done_year=2026, version=4)
    assert stored.draft() == DateDraft("Exam", When(2026, 7, 1), kind=DateKind.OTHER, yearly=False, lead_days=3)


def test_a_one_off_date_today_reminds_and_a_passed_one_never_does():
    exam = PersonDate(id=3, person_id=7, kind=DateKind.OTHER, label="Exam", when=When(2026, 3, 10), yearly=False)
    assert next_occurrence(exam.when, TODAY, yearly=False) == TODAY
    assert reminder(exam, "Ann", Ring.BUDDY, TODAY) == ComingUp(
        date_id=3, person_id=7, name="Ann", ring=Ring.BUDDY, kind=DateKind.OTHER, label="Exam",
        when=When(2026, 3, 10), on=TODAY, days=0, years=None, yearly=False,
    )
    # Last year's exam would fall again in two days were it yearly; once, it is gone.
    last_year = PersonDate(id=4, person_id=7, kind=DateKind.OTHER, label="Exam", when=When(2025, 3, 12), yearly=False)
    assert reminder(last_year, "Ann", Ring.BUDDY, TODAY) is None


def test_a_reminder_carries_the_whole_date():
    d = PersonDate(id=5, person_id=9, kind=DateKind.ANNIVERSARY, label="Anniversary", when=When(2016, 3, 12))
    r = reminder(d, "Bea", Ring.STRATEGIC, TODAY)
    assert r == ComingUp(
        date_id=5, person_id=9, name="Bea", ring=Ring.STRATEGIC, kind=DateKind.ANNIVERSARY, label="Anniversary",
        when=When(2016, 3, 12), on=date(2026, 3, 12), days=2, years=10, yearly=True,
    )
    assert (r.what, r.status) == ("Anniversary, 10 years", "Thu 12 Mar, in 2 days")
    assert r.next_step == "Anniversary, 10 years: Send a note for the anniversary."


def test_next_steps_word_for_word():
    assert next_step_for(DateKind.BIRTHDAY, "Birthday") == "Send a birthday note."
    assert next_step_for(DateKind.ANNIVERSARY, "Anniversary") == "Send a note for the anniversary."
    assert next_step_for(DateKind.OTHER, "Exam") == "Send a note: Exam."


def test_days_phrase_and_years_at_their_edges():
    assert [days_phrase(n) for n in (0, 1, 2, 10)] == ["today", "tomorrow", "in 2 days", "in 10 days"]
    assert years_phrase(DateKind.BIRTHDAY, 0) == "" and years_phrase(DateKind.OTHER, 0) == ""
    assert years_phrase(DateKind.BIRTHDAY, 1) == "turns 1" and years_phrase(DateKind.OTHER, 2) == "2 years"
    assert age_on(When(1986, 3, 10), TODAY) == 40  # the birthday itself counts


def test_a_snooze_lasts_a_week_at_most_by_default():
    assert snooze_date_until(date(2026, 3, 30), TODAY) == date(2026, 3, 17)
    assert snooze_date_until(date(2026, 3, 30), TODAY, days=2) == date(2026, 3, 12)


def test_rhythms_in_days_count_days():
    assert Rhythm(10, "d").after(date(2026, 3, 10)) == date(2026, 3, 20)
    assert Rhythm(3, "m").after(date(2026, 3, 10)) == date(2026, 6, 10)


@pytest.mark.parametrize(
    ("typed", "rhythm"),
    [
        ("none", None),
        ("Once", None),
        ("no", None),
        ("every fortnight", Rhythm(2, "w")),
        ("3 fortnights", Rhythm(6, "w")),
        ("every 999 days", Rhythm(999, "d")),
        ("every 260 weeks", Rhythm(260, "w")),
        ("130 fortnights", Rhythm(260, "w")),
        ("every 120 months", Rhythm(120, "m")),
        ("every 20 years", Rhythm(20, "y")),
    ],
)
def test_parse_rhythm_reads_up_to_each_limit(typed, rhythm):
    assert parse_rhythm(typed) == rhythm


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("every 261 weeks", "'every 261 weeks' is too long a rhythm (at most 260 weeks)."),
        ("131 fortnights", "'131 fortnights' is too long a rhythm (at most 260 weeks)."),
        ("every 121 months", "'every 121 months' is too long a rhythm (at most 120 months)."),
        (" Every 21 Years ", "'Every 21 Years' is too long a rhythm (at most 20 years)."),
        ("sometimes", "Could not read 'sometimes' as a rhythm; try every 2 weeks, monthly, every 3 months, yearly."),
    ],
)
def test_parse_rhythm_refusals_word_for_word(typed, message):
    with pytest.raises(DateError) as caught:
        parse_rhythm(typed)
    assert str(caught.value) == message


# ------------------------------------------------------------ drafts, word for word


def test_date_draft_lead_time_is_0_to_366_days_and_refusals_say_why():
    assert date_draft("Exam", When(2026, 6, 1), yearly=False, lead_days=0) == DateDraft(
        label="Exam", when=When(2026, 6, 1), kind=DateKind.OTHER, yearly=False, lead_days=0)
    assert date_draft("Exam", When(2026, 6, 1), lead_days=366).lead_days == 366
    with pytest.raises(DateError) as err:
        date_draft("Exam", When(2026, 6, 1), lead_days=367)
    assert str(err.value) == "Exam: remind 0 to 366 days ahead."
    with pytest.raises(DateError) as err:
        date_draft("Exam", When(None, 6, 1), yearly=False)
    assert str(err.value) == "Exam: a date that happens once needs its year."


def test_a_date_name_is_checked_word_for_word():
    assert date_draft("  Xmas   party ", When(None, 12, 24)).label == "Xmas party"  # X is an ordinary letter
    assert date_draft("x" * 80, When(None, 12, 24)).label == "x" * 80
    with pytest.raises(DateError) as err:
        date_draft("x" * 81, When(None, 12, 24))
    assert str(err.value) == "A date's name is at most 80 characters."
    with pytest.raises(DateError) as err:
        date_draft(" ", When(None, 12, 24))
    assert str(err.value) == 'A date needs a name, e.g. "wedding anniversary".'
    with pytest.raises(DateError) as err:
        date_draft("a=b", When(None, 12, 24))
    assert str(err.value) == "'a=b': a date's name cannot hold = or ;."


def test_a_baby_is_age_0_on_the_person_page():
    born = _dated(when=When(2026, 1, 5))
    assert date_summary(born, date(2026, 3, 10)) == "5 Jan 2026 · age 0 · turns 1 on Tue 5 Jan 2027, in 301 days"


def test_upcoming_carries_every_field_and_skips_a_passed_one_off():
    dates = [
        (PersonDate(id=5, person_id=9, kind=DateKind.ANNIVERSARY, label="Anniversary", when=When(2016, 3, 12)),
         "Bea", Ring.STRATEGIC),
        (PersonDate(id=6, person_id=8, kind=DateKind.OTHER, label="Exam", when=When(2025, 3, 20), yearly=False),
         "Cy", Ring.BUDDY),  # passed last year; yearly it would fall on 20 Mar
        (PersonDate(id=7, person_id=8, kind=DateKind.OTHER, label="Launch", when=When(2025, 3, 11)),
         "Cy", Ring.BUDDY),
        (PersonDate(id=8, person_id=4, kind=DateKind.OTHER, label="Launch", when=When(2020, 3, 15), yearly=False),
         "Di", Ring.COLD),  # once, in 2020: long gone
    ]
    assert upcoming(dates, TODAY, 30) == [
        ComingUp(date_id=7, person_id=8, name="Cy", ring=Ring.BUDDY, kind=DateKind.OTHER, label="Launch",
                 when=When(2025, 3, 11), on=date(2026, 3, 11), days=1, years=1, yearly=True),
        ComingUp(date_id=5, person_id=9, name="Bea", ring=Ring.STRATEGIC, kind=DateKind.ANNIVERSARY,
                 label="Anniversary", when=When(2016, 3, 12), on=date(2026, 3, 12), days=2, years=10, yearly=True),
    ]


def test_a_one_off_date_to_come_has_no_years():
    exam = PersonDate(id=6, person_id=8, kind=DateKind.OTHER, label="Exam", when=When(2026, 3, 20), yearly=False)
    assert upcoming([(exam, "Cy", Ring.BUDDY)], TODAY, 30) == [
        ComingUp(date_id=6, person_id=8, name="Cy", ring=Ring.BUDDY, kind=DateKind.OTHER, label="Exam",
                 when=When(2026, 3, 20), on=date(2026, 3, 20), days=10, years=None, yearly=False),
    ]


def test_same_day_dates_sort_by_name_ignoring_case():
    """Lower-cased, "[ann]" sorts before "bea" ('[' is below the small letters, above the capitals)."""
    dates = [
        (bday(When(None, 3, 12), id=1), "Bea", Ring.BUDDY),
        (bday(When(None, 3, 12), id=2), "[Ann]", Ring.COLD),
    ]
    assert [(r.name, r.ring) for r in upcoming(dates, TODAY, 30)] == [("[Ann]", Ring.COLD), ("Bea", Ring.BUDDY)]
    assert [(r.name, r.ring) for r in coming_up(dates, TODAY)] == [("[Ann]", Ring.COLD), ("Bea", Ring.BUDDY)]
