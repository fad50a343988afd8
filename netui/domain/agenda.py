"""The agenda: what to do today, each line with its next step.

Four kinds of line, in this order: follow-ups you promised (due or overdue), dates
coming up (birthdays and other dates within their lead time), networks gone quiet
(with whom to contact to revive each), and people due by cadence (most urgent first). The store gathers the facts; the wording lives here so
the screen and ``netui agenda`` say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from netui.domain.dates import Direction, parse_date
from netui.domain.neglect import Health
from netui.domain.networks import Network
from netui.domain.occasions import ComingUp, Rhythm
from netui.domain.overview import NetworkSummary, RankedPerson
from netui.domain.playbook import next_step
from netui.domain.rings import Ring

SNOOZE_DAYS = 7


class ItemKind(str, Enum):
    FOLLOW_UP = "follow-up"
    DATE = "date"
    NETWORK = "network"
    PERSON = "person"
    JOB = "job"  # a new role an import saw: congratulate them
    MEETING = "meeting"  # a meeting ahead, from the last calendar import: read the brief before it


@dataclass(frozen=True)
class FollowUp:
    """An open follow-up whose date has come."""

    interaction_id: int
    due: date
    date: date  # of the interaction it follows
    kind: str
    summary: str
    reciprocity: str | None
    people: tuple[tuple[int, str, Ring], ...]  # (id, name, ring) of live participants
    every: str | None = None  # the rhythm's code when it repeats


@dataclass(frozen=True)
class DuePerson:
    id: int
    name: str
    ring: Ring
    last_contact: date | None
    overdue: int
    networks: tuple[Network, ...] = ()


@dataclass(frozen=True)
class AgendaItem:
    kind: ItemKind
    # Stable across reloads and unique in one agenda: each kind of line has keys of its own,
    # told apart by sign and by remainder after division by 3 (see the functions below).
    key: int
    title: str  # who, or which network
    status: str
    next_step: str
    person_id: int | None = None  # whom l, s and enter act on
    interaction_id: int | None = None
    network: Network | None = None
    ring: Ring | None = None
    due: date | None = None
    overdue: int | None = None
    date_id: int | None = None  # a date coming up: done and snooze act on it, for the year of ``due``
    job_id: int | None = None  # a new role: done and dismiss act on it
    rhythm: str | None = None  # a repeating follow-up's rhythm, in words


@dataclass(frozen=True)
class Agenda:
    today: date
    items: tuple[AgendaItem, ...]
    follow_ups: int  # totals, which may exceed the items when a limit was asked for
    networks: int
    people: int
    dates: int = 0
    inbox: int = 0  # proposals from calendar and mail waiting to be confirmed (not counted in total)
    coming_up: int = 0  # meeting lines (not counted in total: nothing to do but go)
    jobs: int = 0  # new roles to congratulate

    @property
    def total(self) -> int:
        return self.follow_ups + self.dates + self.networks + self.people + self.jobs

    def of(self, kind: ItemKind) -> tuple[AgendaItem, ...]:
        return tuple(i for i in self.items if i.kind == kind)


def follow_up_item(f: FollowUp, today: date) -> AgendaItem:
    names = ", ".join(name for _, name, _ in f.people) or "(nobody left)"
    late = (today - f.due).days
    status = "due today" if late <= 0 else f"{late}d overdue"
    rhythm = Rhythm.from_code(f.every)
    if rhythm is not None:
        status += f", {rhythm.label}"
    if f.reciprocity == "received":
        step = "Tell them how their help made a difference."
    elif f.summary:
        step = f"Follow up on: {f.summary}"
    else:
        step = f"Follow up on the {f.kind} of {f.date.isoformat()}."
    first = f.people[0] if f.people else None
    return AgendaItem(
        kind=ItemKind.FOLLOW_UP,
        key=f.interaction_id * 3,
        title=names,
        status=status,
        next_step=step,
        person_id=first[0] if first else None,
        interaction_id=f.interaction_id,
        ring=first[2] if first else None,
        due=f.due,
        overdue=max(late, 0),
        rhythm=rhythm.label if rhythm else None,
    )


def date_item(r: ComingUp) -> AgendaItem:
    """A date coming up; its key is negative, apart from every other kind's."""
    return AgendaItem(
        kind=ItemKind.DATE,
        key=-3 * r.date_id,
        title=r.name,
        status=r.status,
        next_step=r.next_step,
        person_id=r.person_id,
        ring=r.ring,
        due=r.on,
        date_id=r.date_id,
    )


def network_item(summary: NetworkSummary, today: date) -> AgendaItem:
    since = summary.days_since(today)
    quiet = "no contact" if since is None else f"quiet {since}d"
    who: RankedPerson | None = summary.closest_to_due
    if who is None:
        step = f"Add someone to your {summary.network.value} network."
    else:
        step = f"Get in touch with {who.name}, the closest to due."
    return AgendaItem(
        kind=ItemKind.NETWORK,
        key=list(Network).index(summary.network) * 3 + 1,
        title=f"{summary.network.label} network",
        status=f"{quiet}, limit {summary.threshold}d",
        next_step=step,
        person_id=who.id if who else None,
        network=summary.network,
        ring=who.ring if who else None,
    )


@dataclass(frozen=True)
class JobMove:
    """A new role an import saw on someone (a LinkedIn re-import, say)."""

    id: int
    person_id: int
    name: str
    ring: Ring
    before: str  # "title at company"
    after: str
    changed_on: date
    state: str = "open"  # open, done (congratulated) or dismissed

    @property
    def moved(self) -> str:
        return f"moved from {self.before or '?'} to {self.after or '?'}"


def job_item(job: JobMove, today: date) -> AgendaItem:
    days = (today - job.changed_on).days
    return AgendaItem(
        kind=ItemKind.JOB,
        key=-(3 * job.id + 1),
        title=job.name,
        status="new role" + (f", {days}d ago" if days > 0 else ", today"),
        next_step=f"Congratulate them on the new role ({job.moved}).",
        person_id=job.person_id,
        ring=job.ring,
        job_id=job.id,
    )


def meeting_items(meeting, today: date) -> list[AgendaItem]:
    """One line per person you know in a meeting ahead (a ``capture.Meeting``)."""
    days = (meeting.date - today).days
    when = "today" if days == 0 else "tomorrow" if days == 1 else f"{meeting.date:%a} {meeting.date.day} {meeting.date:%b}"
    status = f"{when} {meeting.time}".strip()
    return [
        AgendaItem(
            kind=ItemKind.MEETING,
            key=-(3 * (meeting.id * 1000 + i) + 2),  # at most 999 people a meeting
            title=name,
            status=status,
            next_step=f"{meeting.title or meeting.kind} (a {meeting.kind}): read the brief before you go.",
            person_id=pid,
            due=meeting.date,
        )
        for i, (pid, name) in enumerate(meeting.people[:999])
    ]


def person_item(p: DuePerson) -> AgendaItem:
    status = "no contact" if p.last_contact is None else f"{p.overdue}d over"
    return AgendaItem(
        kind=ItemKind.PERSON,
        key=p.id * 3 + 2,
        title=p.name,
        status=f"{p.ring.value}, {status}",
        next_step=next_step(p.ring),
        person_id=p.id,
        ring=p.ring,
        overdue=p.overdue,
    )


def build_agenda(
    today: date,
    follow_ups: list[FollowUp],
    networks: list[NetworkSummary],
    people: list[DuePerson],
    *,
    follow_ups_total: int | None = None,
    people_total: int | None = None,
    coming: list[ComingUp] = (),  # type: ignore[assignment]
) -> Agenda:
    """Today's list. ``networks`` are all summaries: only neglected ones with members make a line."""
    quiet = [n for n in networks if n.health == Health.NEGLECTED]
    items = (
        [follow_up_item(f, today) for f in follow_ups]
        + [date_item(r) for r in coming]
        + [network_item(n, today) for n in quiet]
        + [person_item(p) for p in people]
    )
    return Agenda(
        today=today,
        items=tuple(items),
        follow_ups=len(follow_ups) if follow_ups_total is None else follow_ups_total,
        networks=len(quiet),
        people=len(people) if people_total is None else people_total,
        dates=len(coming),
    )


def step_groups(items: Sequence[AgendaItem]) -> list[tuple[AgendaItem, ...]]:
    """The items gathered by next step: each group holds the items of one kind that share
    a step (the people due on one ring, say), in their order, and the groups come in the
    order of their first, most pressing, item. The screen and ``netui agenda`` then say
    each step once per group instead of on every line."""
    groups: dict[tuple[ItemKind, str], list[AgendaItem]] = {}
    for item in items:
        groups.setdefault((item.kind, item.next_step), []).append(item)
    return [tuple(group) for group in groups.values()]


# ---------------------------------------------------------------- days typed by a user


def parse_day(text: str, today: date, *, day_first: bool = True) -> date:
    """A day to come (a snooze, ``agenda --date``): the one date parser, leaning ahead, so
    ``tomorrow``, ``next monday``, ``+3``, ``3``, ``10 days``, ``2w``, ``in 2 weeks``,
    ``1/4`` (the next 1 April) and ``2026-03-21`` all work. Raises DateError (a ValueError)."""
    return parse_date(text, today, day_first=day_first, direction=Direction.FUTURE)


def snooze_until(today: date, days: int = SNOOZE_DAYS) -> date:
    return today + timedelta(days=days)
