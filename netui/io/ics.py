"""Open follow-ups as an iCalendar file (``icalendar``), to see them in any calendar app.

Each follow-up is a VTODO (a task) by default, or an all-day VEVENT with ``events``
for calendars that ignore tasks. UIDs are stable (``netui-follow-up-<id>@netui``), so
importing a newer export updates the same items instead of duplicating them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar

from netui.store.models import database
from netui.store.people import _as_date, _as_datetime

PRODID = "-//netui//follow-ups//EN"


def open_follow_ups() -> list[tuple[int, date, str, str, str, date, datetime, list[str]]]:
    """(id, due, kind, summary, notes, interaction date, updated_at, people) of every open follow-up."""
    names: dict[int, list[str]] = {}
    for iid, name in database.execute_sql(
        """SELECT pa.interaction_id, p.name FROM participant pa JOIN person p ON p.id = pa.person_id
            JOIN interaction i ON i.id = pa.interaction_id
           WHERE i.follow_up IS NOT NULL AND i.follow_up_done = 0 AND i.deleted_at IS NULL
           ORDER BY pa.interaction_id, p.name COLLATE NOCASE"""
    ):
        names.setdefault(iid, []).append(name)
    out = []
    for iid, follow_up, snoozed, kind, summary, notes, day, updated in database.execute_sql(
        """SELECT id, follow_up, follow_up_snoozed_until, kind, summary, notes, date, updated_at FROM interaction
           WHERE follow_up IS NOT NULL AND follow_up_done = 0 AND deleted_at IS NULL ORDER BY follow_up, id"""
    ):
        due = _as_date(follow_up)
        until = _as_date(snoozed)
        if until and until > due:
            due = until
        out.append((iid, due, kind, summary, notes, _as_date(day), _as_datetime(updated), names.get(iid, [])))
    out.sort(key=lambda item: (item[1], item[0]))  # by the day they are due, snoozing included
    return out


def export(events: bool = False) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "netui follow-ups")
    for iid, due, kind, summary, notes, day, updated, people in open_follow_ups():
        who = ", ".join(people) or "(nobody)"
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
    return cal.to_ical()
