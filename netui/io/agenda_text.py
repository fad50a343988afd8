"""The agenda as plain text (short enough for a login message) and as JSON."""

from __future__ import annotations

import json
from datetime import date

from netui.domain.agenda import Agenda, AgendaItem, ItemKind, step_groups
from netui.domain.text import displayable, json_safe

SECTIONS = (
    (ItemKind.FOLLOW_UP, "Follow-ups"),
    (ItemKind.DATE, "Coming up"),
    (ItemKind.NETWORK, "Neglected networks"),
    (ItemKind.PERSON, "People due"),
    (ItemKind.JOB, "New roles"),
)
EMPTY = "Nothing due today: every follow-up is done and everyone is in touch. Enjoy the quiet."


def _total(agenda: Agenda, kind: ItemKind) -> int:
    return {ItemKind.FOLLOW_UP: agenda.follow_ups, ItemKind.DATE: agenda.dates, ItemKind.NETWORK: agenda.networks,
            ItemKind.PERSON: agenda.people, ItemKind.JOB: agenda.jobs}[kind]


def _line(item: AgendaItem) -> str:
    return f"  {displayable(item.title)} ({displayable(item.status)}): {displayable(item.next_step)}"


def _section(items: tuple[AgendaItem, ...]) -> list[str]:
    """One line per item with its next step; when items share a step (the people due on
    one ring), the step once, with its items under it, the most pressing group first."""
    groups = step_groups(items)
    if all(len(group) == 1 for group in groups):
        return [_line(i) for i in items]
    lines = []
    for group in groups:
        lines.append(f"  {displayable(group[0].next_step)}")
        lines.extend(f"    {displayable(i.title)} ({displayable(i.status)})" for i in group)
    return lines


def _meetings(items: tuple[AgendaItem, ...]) -> list[str]:
    """A line per person met; a meeting with several people says when and what once,
    with the people under it."""
    meetings: dict[tuple[str, str], list[AgendaItem]] = {}
    for item in items:
        meetings.setdefault((item.status, item.next_step), []).append(item)
    lines = []
    for (when, step), people in meetings.items():
        if len(people) == 1:
            i = people[0]
            lines.append(f"  {displayable(when)}  {displayable(i.title)}: {displayable(step)} (netui brief #{i.person_id})")
            continue
        lines.append(f"  {displayable(when)}  {displayable(step)}")
        lines.extend(f"    {displayable(i.title)} (netui brief #{i.person_id})" for i in people)
    return lines


def agenda_text(agenda: Agenda, per_section: int | None = 5, *, today: date | None = None) -> str:
    """Headings with a count, one line per item, at most ``per_section`` lines under each.
    ``today`` is the real date: an agenda for another day does not say "today"."""
    day = f"{agenda.today:%A} {agenda.today.day} {agenda.today:%B %Y}"
    inbox = []
    if agenda.inbox:
        inbox = [f"Inbox: {agenda.inbox:,} proposed from your calendar and mail (netui inbox, or press 6 in netui)"]
    coming = []
    if agenda.coming_up:
        coming = [f"Meetings ahead ({agenda.coming_up:,})"]
        coming += _meetings(agenda.of(ItemKind.MEETING))
    if agenda.total == 0:
        empty = EMPTY if today is None or today == agenda.today else EMPTY.replace("Nothing due today", "Nothing due that day")
        return "\n".join([f"netui agenda for {day}", empty, *inbox, *coming])
    lines = [f"netui agenda for {day}: {agenda.total:,} to do", *inbox]
    for kind, heading in SECTIONS:
        total = _total(agenda, kind)
        if not total:
            continue
        items = agenda.of(kind)
        lines.append(f"{heading} ({total:,})")
        shown = items if per_section is None else items[:per_section]
        lines.extend(_section(shown))
        if total > len(shown):
            lines.append(f"  … and {total - len(shown):,} more (netui agenda --all, or press 5 in netui)")
    return "\n".join(lines + coming)


def agenda_json(agenda: Agenda) -> str:
    """Every item with its facts, for scripts."""

    def item(i: AgendaItem) -> dict[str, object]:
        return {
            "kind": i.kind.value,
            "title": i.title,
            "status": i.status,
            "next_step": i.next_step,
            "person_id": i.person_id,
            "interaction_id": i.interaction_id,
            "network": i.network.value if i.network else None,
            "ring": i.ring.value if i.ring else None,
            "due": i.due.isoformat() if i.due else None,
            "overdue_days": i.overdue,
            "date_id": i.date_id,
            "repeats": i.rhythm,
        }

    return json_safe(json.dumps(
        {
            "date": agenda.today.isoformat(),
            "counts": {
                "follow_ups": agenda.follow_ups,
                "dates": agenda.dates,
                "networks": agenda.networks,
                "people": agenda.people,
                "total": agenda.total,
                "inbox": agenda.inbox,
                "coming_up": agenda.coming_up,
                "jobs": agenda.jobs,
            },
            "items": [item(i) for i in agenda.items],
        },
        ensure_ascii=False,
        indent=2,
    ))
