"""A one-screen brief on a person, to read in the lift before the coffee."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netui.domain.agenda import JobMove
from netui.domain.capture import Meeting
from netui.domain.intro_paths import IntroPath
from netui.domain.journal import TimelineEntry
from netui.domain.models import Person

RECENT_IN_BRIEF = 3


@dataclass(frozen=True)
class Brief:
    person: Person
    recent: tuple[TimelineEntry, ...]  # the last few interactions, newest first
    open_follow_ups: tuple[TimelineEntry, ...]
    intro_paths: tuple[IntroPath, ...]
    meeting: Meeting | None  # the next meeting with them, from the last calendar import
    today: date
    jobs: tuple[JobMove, ...] = ()  # new roles imports saw, newest first


def brief_lines(b: Brief) -> list[tuple[str, str]]:
    """(label, text) lines, the same on the screen and on the command line."""
    p = b.person
    lines: list[tuple[str, str]] = []
    role = " at ".join(x for x in (p.title, p.company) if x)
    lines.append(("Who", p.name + (f", {role}" if role else "")))
    if b.meeting is not None:
        m = b.meeting
        others = [name for pid, name in m.people if pid != p.id]
        lines.append(("Meeting", f"{m.date.isoformat()} {m.time} {m.title}".replace("  ", " ").strip()
                      + (f" (with {', '.join(others)})" if others else "")))
    for job in b.jobs[:1]:
        lines.append(("New role", f"{job.moved} ({job.changed_on.isoformat()})"))
    lines.append(("Ring", p.ring.value))
    lines.append(("Networks", ", ".join(n.value for n in p.networks) or "none yet"))
    if p.last_contact is not None:
        days = (b.today - p.last_contact).days
        lines.append(("Last contact", f"{p.last_contact.isoformat()} ({days} days ago)"))
    else:
        lines.append(("Last contact", "never"))
    if b.recent:
        for e in b.recent:
            lines.append(("Recently", f"{e.date.isoformat()} {e.kind}" + (f": {e.summary}" if e.summary else "")))
    else:
        lines.append(("Recently", "nothing logged yet"))
    for e in b.open_follow_ups:
        due = e.follow_up.isoformat() if e.follow_up else ""
        lines.append(("Follow-up", f"due {due}, after the {e.kind} of {e.date.isoformat()}" + (f": {e.summary}" if e.summary else "")))
    lines.append(("Can help with", ", ".join(p.help_tags) or "nothing noted"))
    lines.append(("You can offer", ", ".join(p.offer_tags) or "nothing noted"))
    for path in b.intro_paths:
        lines.append(("Intro path", f"{path.name} ({path.ring.value}, {path.via})"))
    if p.purpose:
        lines.append(("Why", p.purpose))
    return lines
