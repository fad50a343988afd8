"""The overview's values: each network's health, the rings, the weekly rhythm.

The store fills these with a few aggregate queries (store/overview.py); the pure
helpers here turn small aggregates into what the screen shows.

The values are NamedTuples rather than frozen dataclasses: both are immutable records,
but these are defined on every start, before the first paint, and a frozen dataclass
compiles each of its methods from source when it is defined, which a NamedTuple does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from netui.domain.cadence import is_snoozed, overdue_days
from netui.domain.neglect import Health, days_since, share_in_touch
from netui.domain.networks import Network
from netui.domain.rings import RING_ORDER, Ring

WEEKS_SHOWN = 52
MOVES_WINDOW_DAYS = 30


class RankedPerson(NamedTuple):
    """A member of a network in order of who to contact first."""

    id: int
    name: str
    ring: Ring
    last_contact: date | None
    overdue: int | None  # days due, counting today; None when not due

    @property
    def due(self) -> bool:
        return self.overdue is not None


class NetworkSummary(NamedTuple):
    network: Network
    members: int
    due: int
    last_contact: date | None  # newest contact with anyone in it
    threshold: int
    health: Health
    top: tuple[RankedPerson, ...] = ()  # the first few by urgency; due ones first
    inside: int = 0  # peers only
    outside: int = 0
    peer_warning: str | None = None
    distant: int = 0  # distant mentors: members, never due

    @property
    def overdue(self) -> tuple[RankedPerson, ...]:
        return tuple(p for p in self.top if p.due)

    @property
    def closest_to_due(self) -> RankedPerson | None:
        """Whom to contact first to bring the network back."""
        return self.top[0] if self.top else None

    def share_in_touch(self) -> float | None:
        return share_in_touch(self.members, self.due)

    def days_since(self, today: date) -> int | None:
        return days_since(self.last_contact, today)


class RingStrip(NamedTuple):
    counts: dict[Ring, int]
    moved_in: int  # people on a closer ring than 30 days ago
    moved_out: int


class Overview(NamedTuple):
    today: date
    networks: tuple[NetworkSummary, ...]
    rings: RingStrip
    weekly: tuple[int, ...]  # interactions per week, oldest first; the last is the week ending today
    follow_ups_due: int
    unsorted: int  # live people in no network
    people: int
    coming: tuple = ()  # domain.occasions.ComingUp: dates in the next seven days, not done
    inbox: int = 0  # proposals waiting in the Inbox

    def network(self, network: Network) -> NetworkSummary:
        return next(n for n in self.networks if n.network == network)


def coming_line(coming: Iterable, today: date, width: int = 100) -> str:
    """One line for the dates of the next seven days: ``This week: Ann Lee's Birthday (turns 40) Tue, …``."""
    items = []
    for r in coming:
        when = "today" if r.days == 0 else "tomorrow" if r.days == 1 else f"{r.on:%a}"
        years = r.what[len(r.label) + 2 :]  # ``what`` is the label, then ", turns 40" if known
        extra = f" ({years})" if years else ""
        items.append(f"{r.name}: {r.label}{extra} {when}")
    if not items:
        return ""
    for shown in range(len(items), 0, -1):
        more = len(items) - shown
        line = "This week: " + " · ".join(items[:shown]) + (f" · and {more} more" if more else "")
        if len(line) <= width:
            return line
    return f"This week: {len(items)} dates"


def weekly_counts(day_counts: Iterable[tuple[date, int]], today: date, weeks: int = WEEKS_SHOWN) -> tuple[int, ...]:
    """Bucket per-day counts into weeks ending today, oldest first.

    Week ``weeks - 1`` is today and the six days before it; days outside the span are ignored.
    """
    buckets = [0] * weeks
    for day, count in day_counts:
        back = (today - day).days
        if 0 <= back < weeks * 7:
            buckets[weeks - 1 - back // 7] += count
    return tuple(buckets)


def net_moves(pairs: Iterable[tuple[Ring, Ring, int]]) -> tuple[int, int]:
    """(inward, outward) from (ring at the start of the window, ring now, people) groups.

    A person who moved in and back out within the window did not move.
    """
    inward = outward = 0
    for start, end, count in pairs:
        if end.index > start.index:
            inward += count
        elif end.index < start.index:
            outward += count
    return inward, outward


def ring_counts(pairs: Iterable[tuple[Ring, int]]) -> dict[Ring, int]:
    counts = {ring: 0 for ring in RING_ORDER}
    for ring, n in pairs:
        counts[ring] += n
    return counts


def contact_order_key(
    *,
    id: int,
    name: str,
    ring: Ring,
    last_contact: date | None,
    cadence_days: int | None,
    snoozed_until: date | None,
    added: date | None,
    today: date,
) -> tuple:
    """Who to contact first, as a sort key (store/overview.py sorts the same way in SQL).

    Due people come first, by urgency (days overdue x closeness, see cadence.urgency),
    then closeness, then days overdue. Then everyone else by how close they are to due:
    people with an interval before those without, unsnoozed before snoozed, least time
    left first, closer rings first, longest since contact first; then by name.
    """
    overdue = overdue_days(last_contact, cadence_days, today, snoozed_until, added)
    closeness = ring.index
    if cadence_days is None:
        lag = None
    elif last_contact is None:
        lag = max((today - added).days if added else 0, 0) + 1
    else:
        lag = (today - last_contact).days - cadence_days
    due = overdue is not None
    return (
        not due,
        -(overdue * closeness) if due else 0,
        -closeness if due else 0,
        -overdue if due else 0,
        cadence_days is None,
        is_snoozed(snoozed_until, today),
        -lag if lag is not None else float("inf"),
        -closeness,
        last_contact.toordinal() if last_contact else 0,
        name.lower(),
        id,
    )
