"""People's dates in `netui export ics`: read back with icalendar, field by field."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import recurring_ical_events

from netui.domain.dates import When
from netui.domain.occasions import date_draft
from netui.domain.rings import Ring
from netui.io import ics
from netui.store import dates as ds
from netui.store.people import trash_person
from tests.helpers import add


def events(db) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(ics.export(db))
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_dates_are_yearly_all_day_events_with_stable_uids(db, db_path):
    ann = add(db, "Ann Lee", Ring.BUDDY)
    bday = ds.add_date(db, ann, date_draft("Birthday", When(1987, 3, 14)))
    wed = ds.add_date(db, ann, date_draft("Wedding", When(None, 6, 5)))
    exam = ds.add_date(db, ann, date_draft("Exam", When(2026, 9, 1), yearly=False))
    leap = ds.add_date(db, add(db, "Leo Leap"), date_draft("Birthday", When(2000, 2, 29)))
    gone = add(db, "Gone Person")
    ds.add_date(db, gone, date_draft("Birthday", When(None, 1, 1)))
    trash_person(db, gone)  # someone in the trash is not in the calendar

    found = events(db)
    assert set(found) == {f"netui-date-{i}@netui" for i in (bday, wed, exam, leap)}

    b = found[f"netui-date-{bday}@netui"]
    assert str(b["summary"]) == "Ann Lee: Birthday"
    assert b.decoded("dtstart") == date(1987, 3, 14) and b.decoded("dtend") == date(1987, 3, 15)
    assert b["rrule"] == icalendar.vRecur({"FREQ": ["YEARLY"]})
    assert str(b["description"]) == "Ann Lee was born on 14 Mar 1987."
    assert str(b["transp"]) == "TRANSPARENT"

    w = found[f"netui-date-{wed}@netui"]
    assert w.decoded("dtstart") == date(2000, 6, 5) and "rrule" in w  # no year: from 2000
    assert str(w["description"]) == "Wedding (Ann Lee)."

    e = found[f"netui-date-{exam}@netui"]
    assert e.decoded("dtstart") == date(2026, 9, 1) and "rrule" not in e

    # The same export again: the same UIDs and the same events.
    assert ics.export(db) == ics.export(db)


def test_leap_day_falls_on_28_february_in_other_years(db, db_path):
    leo = add(db, "Leo Leap")
    ds.add_date(db, leo, date_draft("Birthday", When(2000, 2, 29)))
    cal = icalendar.Calendar.from_ical(ics.export(db))
    days = [e.decoded("dtstart") for e in recurring_ical_events.of(cal).between(date(2026, 1, 1), date(2029, 1, 1))]
    assert days == [date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]


def test_a_yearly_date_repeats_every_year_in_a_calendar(db, db_path):
    ann = add(db, "Ann Lee")
    ds.add_date(db, ann, date_draft("Birthday", When(None, 3, 14)))
    cal = icalendar.Calendar.from_ical(ics.export(db))
    found = recurring_ical_events.of(cal).between(date(2026, 1, 1), date(2028, 12, 31))
    assert [e.decoded("dtstart") for e in found] == [date(2026, 3, 14), date(2027, 3, 14), date(2028, 3, 14)]
    assert all(e.decoded("dtend") - e.decoded("dtstart") == timedelta(days=1) for e in found)
