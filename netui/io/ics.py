"""Open follow-ups as an iCalendar file (``icalendar``), to see them in any calendar app.

Each follow-up is a VTODO (a task) by default, or an all-day VEVENT with ``events``
for calendars that ignore tasks. UIDs are stable (``netui-follow-up-<id>@netui``), so
importing a newer export updates the same items instead of duplicating them.
"""

from __future__ import annotations

from datetime import timedelta

import icalendar

from netui.store.db import Database
from netui.store.exports import open_follow_ups

PRODID = "-//netui//follow-ups//EN"


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
    return cal.to_ical()
