"""Open follow-ups and people's dates as an iCalendar file (``icalendar``), to see them in
any calendar app.

Each follow-up is a VTODO (a task) by default, or an all-day VEVENT with ``events``
for calendars that ignore tasks. Each date (a birthday, an anniversary, a named date) is
an all-day VEVENT: a yearly one with ``RRULE:FREQ=YEARLY`` from its first year (2000 when
the year is unknown), a one-off one without. A 29 February repeats on the last day of
February, so it falls on the 28th in other years. UIDs are stable
(``netui-follow-up-<id>@netui``, ``netui-date-<id>@netui``), so importing or subscribing
to a newer export updates the same items instead of duplicating them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar

from netui.domain.occasions import DateKind, PersonDate
from netui.store.db import Database
from netui.store.exports import calendar_dates, open_follow_ups

PRODID = "-//netui//follow-ups//EN"
NO_YEAR = 2000  # the first year of a yearly date whose year is unknown (a leap year, for 29 February)


def date_uid(date_id: int) -> str:
    return f"netui-date-{date_id}@netui"


def date_event(d: PersonDate, name: str, stamp) -> icalendar.Event:
    """One date as an all-day event; yearly ones repeat."""
    when = d.when
    start = date(when.year if when.year is not None else NO_YEAR, when.month, when.day)
    event = icalendar.Event()
    event.add("uid", date_uid(d.id))
    event.add("dtstamp", stamp)
    event.add("summary", f"{name}: {d.label}")
    if d.kind == DateKind.BIRTHDAY:
        about = f"{name} was born on {when.words()}." if when.year is not None else f"{name}'s birthday."
    else:
        about = f"{d.label} ({name}), since {when.words()}." if when.year is not None else f"{d.label} ({name})."
    event.add("description", about)
    event.add("categories", ["netui", d.kind.value])
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    if d.yearly:
        if when.month == 2 and when.day == 29:
            event.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
        else:
            event.add("rrule", {"freq": "yearly"})
    return event


def export(db: Database, events: bool = False) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "netui follow-ups")
    for f in open_follow_ups(db):
        iid, due, kind, summary, notes, day, updated = f.interaction_id, f.due, f.kind, f.summary, f.notes, f.date, f.updated_at
        who = ", ".join(f.people) or "(nobody)"
        title = f"Follow up with {who}" + (f": {summary}" if summary else "")
        description = f"After the {kind} of {day.isoformat()}." + (f"\n\n{notes}" if notes else "")
        item = icalendar.Event() if events else icalendar.Todo()
        item.add("uid", f"netui-follow-up-{iid}@netui")
        item.add("dtstamp", updated)
        item.add("summary", title)
        item.add("description", description)
        item.add("categories", ["netui"])
        if events:
            item.add("dtstart", due)
            item.add("dtend", due + timedelta(days=1))
            item.add("transp", "TRANSPARENT")
        else:
            item.add("due", due)
            item.add("status", "NEEDS-ACTION")
        cal.add_component(item)
    for d, name, changed in calendar_dates(db):
        cal.add_component(date_event(d, name, changed or datetime(2000, 1, 1)))
    return cal.to_ical()
