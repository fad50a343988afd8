"""The funnel report: how people move between rings over time.

Pure: the store hands in every ring move and every person's current ring; this module
counts moves per month, measures how long people stayed on a ring before moving in,
and finds who has sat longest where they are. Exposure: the store also hands in the
journal's talks, posts, articles and panels, and each person says which one (if any)
they were met through; this module counts new people per month and per broadcast, and
how many of them are on a closer ring now than the one they were added on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import median

from netui.domain.models import BroadcastEntry, RingMoveRecord
from netui.domain.rings import RING_ORDER, Ring, is_inward

LONGEST_SHOWN = 5


@dataclass(frozen=True)
class RingHolder:
    """A live person and the ring they are on now."""

    person_id: int
    name: str
    ring: Ring
    created_at: datetime
    met_through_id: int | None = None  # the broadcast (journal entry) they were met through


@dataclass(frozen=True)
class MonthFlow:
    month: date  # the first day of the month
    inward: int = 0
    outward: int = 0
    added: int = 0  # exposure: people who entered the funnel that month

    @property
    def label(self) -> str:
        return f"{self.month:%Y-%m}"


@dataclass(frozen=True)
class RingStay:
    person_id: int
    name: str
    ring: Ring
    since: date  # the day they arrived on the ring
    days: int


@dataclass(frozen=True)
class BroadcastReach:
    """A broadcast and the live people met through it (whenever they were added)."""

    broadcast: BroadcastEntry
    met: int = 0
    moved_in: int = 0  # of whom are on a closer ring now than the one they were added on


@dataclass(frozen=True)
class MonthExposure:
    month: date  # the first day of the month
    added: int = 0  # new people that month
    met_through: int = 0  # of whom were met through a broadcast
    moved_in: int = 0  # of whom are on a closer ring now than the one they were added on
    broadcasts: int = 0  # talks, posts, articles and panels dated that month

    @property
    def label(self) -> str:
        return f"{self.month:%Y-%m}"


@dataclass(frozen=True)
class FunnelExposure:
    months: tuple[MonthExposure, ...] = ()
    broadcasts: tuple[BroadcastReach, ...] = ()  # the period's broadcasts, most people met first

    @property
    def added(self) -> int:
        return sum(m.added for m in self.months)

    @property
    def met_through(self) -> int:
        return sum(m.met_through for m in self.months)

    @property
    def moved_in(self) -> int:
        return sum(m.moved_in for m in self.months)

    @property
    def broadcast_count(self) -> int:
        return len(self.broadcasts)


@dataclass(frozen=True)
class FunnelReport:
    today: date
    since: date | None  # None: all of history
    months: tuple[MonthFlow, ...]
    ring_counts: dict[Ring, int]
    median_days_before_inward: dict[Ring, float | None]  # None when nobody moved in from that ring
    inward_moves_counted: dict[Ring, int]  # how many moves each median is taken over
    longest_on_ring: dict[Ring, tuple[RingStay, ...]] = field(default_factory=dict)
    exposure: FunnelExposure = field(default_factory=FunnelExposure)

    @property
    def total_inward(self) -> int:
        return sum(m.inward for m in self.months)

    @property
    def total_outward(self) -> int:
        return sum(m.outward for m in self.months)

    @property
    def total_added(self) -> int:
        return sum(m.added for m in self.months)


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def months_back(today: date, months: int) -> date:
    """The first day of a span of ``months`` calendar months ending with today's: 3 -> the last three."""
    index = today.year * 12 + today.month - 1 - (max(months, 1) - 1)
    return date(index // 12, index % 12 + 1, 1)


def month_range(first: date, last: date) -> list[date]:
    """Every month from ``first``'s to ``last``'s, both included."""
    months, current, end = [], month_start(first), month_start(last)
    while current <= end:
        months.append(current)
        current = next_month(current)
    return months


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _histories(moves: Iterable[RingMoveRecord]) -> dict[int, list[RingMoveRecord]]:
    """Each person's moves, oldest first."""
    by_person: dict[int, list[RingMoveRecord]] = {}
    for move in moves:
        by_person.setdefault(move.person_id, []).append(move)
    for history in by_person.values():
        history.sort(key=lambda mv: (mv.moved_at, mv.id))
    return by_person


def arrival(person: RingHolder, history: Sequence[RingMoveRecord]) -> tuple[date, Ring]:
    """When a person was added and on which ring: their "added" move; without one (an old
    file, an import that kept none), when the record was made and the ring before their
    first move (or where they are now, if they never moved)."""
    for mv in history:
        if mv.from_ring is None:
            return _day(mv.moved_at), mv.to_ring
    first = next((mv.from_ring for mv in history if mv.from_ring is not None), None)
    return _day(person.created_at), first or person.ring


def exposure_counts(
    people: Iterable[RingHolder],
    moves: Iterable[RingMoveRecord] | dict[int, list[RingMoveRecord]],
    broadcasts: Iterable[BroadcastEntry],
    today: date,
    since: date | None = None,
) -> FunnelExposure:
    """New people per month and per broadcast, and how many of them moved inward since.

    A month counts the people added in it (on or after ``since``, up to today), how many
    of them were met through a broadcast and how many are on a closer ring now than the
    one they were added on. A broadcast counts every live person met through it, whenever
    they were added; the broadcasts listed are those dated in the period.
    """
    by_person = moves if isinstance(moves, dict) else _histories(moves)
    shown = [b for b in broadcasts if (since is None or b.day >= since) and date.min < b.day <= today]
    wanted = {b.interaction_id for b in shown}
    index = {ring: i for i, ring in enumerate(RING_ORDER)}
    no_moves: list[RingMoveRecord] = []
    added: list[tuple[date, bool, bool]] = []  # (day added, met through a broadcast, moved in since)
    met: dict[int, list[int]] = {}  # broadcast id -> [met, moved in]
    for person in people:
        day, ring = arrival(person, by_person.get(person.person_id, no_moves))
        moved = index[person.ring] > index[ring]
        # A damaged date (date.min) is left out of the months rather than opening the table in year 1.
        if (since is None or day >= since) and date.min < day <= today:
            added.append((day, person.met_through_id is not None, moved))
        if person.met_through_id in wanted:
            counts = met.setdefault(person.met_through_id, [0, 0])
            counts[0] += 1
            counts[1] += moved
    first = since or min([d for d, _, _ in added] + [b.day for b in shown], default=today)
    buckets = {(m.year, m.month): [0, 0, 0, 0] for m in month_range(min(first, today), today)}
    for day, through, moved in added:
        bucket = buckets[day.year, day.month]
        bucket[0] += 1
        bucket[1] += through
        bucket[2] += moved
    for b in shown:
        buckets[b.day.year, b.day.month][3] += 1
    reach = [BroadcastReach(b, *met.get(b.interaction_id, (0, 0))) for b in shown]
    reach.sort(key=lambda r: (-r.met, -r.moved_in, -r.broadcast.day.toordinal(), r.broadcast.interaction_id))
    months = tuple(MonthExposure(date(y, m, 1), *counts) for (y, m), counts in buckets.items())
    return FunnelExposure(months, tuple(reach))


def funnel_report(
    moves: Iterable[RingMoveRecord],
    people: Sequence[RingHolder],
    today: date,
    since: date | None = None,
    longest_shown: int = LONGEST_SHOWN,
    broadcasts: Iterable[BroadcastEntry] = (),
) -> FunnelReport:
    """Build the report from every move of the live people and where they are now.

    ``since`` limits the monthly counts and the medians to moves on or after that day;
    the ring counts and the longest stays describe today, whatever ``since`` says.
    ``broadcasts`` are the journal's talks, posts, articles and panels, for the exposure
    counts (see ``exposure_counts``).
    """
    by_person = _histories(moves)
    holders = {p.person_id: p for p in people}

    counted = [mv for history in by_person.values() for mv in history if since is None or _day(mv.moved_at) >= since]
    first = since or min((_day(mv.moved_at) for mv in counted), default=today)
    flows = {month: [0, 0, 0] for month in month_range(min(first, today), today)}
    for mv in counted:
        bucket = flows.get(month_start(_day(mv.moved_at)))
        if bucket is None:  # dated after today (a clock that ran ahead): leave it out
            continue
        if mv.from_ring is None:
            bucket[2] += 1
        elif is_inward(mv.from_ring, mv.to_ring):
            bucket[0] += 1
        else:
            bucket[1] += 1
    months = tuple(MonthFlow(month, *counts) for month, counts in flows.items())

    stays: dict[Ring, list[float]] = {ring: [] for ring in RING_ORDER}
    for pid, history in by_person.items():
        arrived: datetime | None = holders[pid].created_at if pid in holders else None
        for mv in history:
            if mv.from_ring is not None and is_inward(mv.from_ring, mv.to_ring) and arrived is not None:
                if since is None or _day(mv.moved_at) >= since:
                    stays[mv.from_ring].append(max((mv.moved_at - arrived).total_seconds(), 0) / 86400)
            arrived = mv.moved_at
    medians = {ring: (round(median(days), 1) if days else None) for ring, days in stays.items()}

    counts = {ring: 0 for ring in RING_ORDER}
    longest: dict[Ring, list[RingStay]] = {ring: [] for ring in RING_ORDER}
    for person in people:
        counts[person.ring] += 1
        history = by_person.get(person.person_id, [])
        arrival = person.created_at
        for mv in reversed(history):
            if mv.to_ring == person.ring:
                arrival = mv.moved_at
                break
        day = _day(arrival)
        longest[person.ring].append(RingStay(person.person_id, person.name, person.ring, day, max((today - day).days, 0)))
    top = {
        ring: tuple(sorted(found, key=lambda s: (-s.days, s.name.casefold(), s.person_id))[:longest_shown])
        for ring, found in longest.items()
    }
    return FunnelReport(
        today=today,
        since=since,
        months=months,
        ring_counts=counts,
        median_days_before_inward=medians,
        inward_moves_counted={ring: len(days) for ring, days in stays.items()},
        longest_on_ring=top,
        exposure=exposure_counts(people, by_person, broadcasts, today, since),
    )


def report_as_dict(report: FunnelReport) -> dict:
    """The report as plain JSON-ready values (for `netui funnel --json`)."""
    return {
        "today": report.today.isoformat(),
        "since": report.since.isoformat() if report.since else None,
        "rings": {ring.value: report.ring_counts[ring] for ring in RING_ORDER},
        "totals": {"inward": report.total_inward, "outward": report.total_outward, "added": report.total_added},
        "months": [
            {"month": m.label, "inward": m.inward, "outward": m.outward, "added": m.added} for m in report.months
        ],
        "median_days_before_inward": {
            ring.value: {"days": report.median_days_before_inward[ring], "moves": report.inward_moves_counted[ring]}
            for ring in RING_ORDER
            if ring != RING_ORDER[-1]
        },
        "longest_on_ring": {
            ring.value: [
                {"id": s.person_id, "name": s.name, "since": s.since.isoformat(), "days": s.days}
                for s in report.longest_on_ring.get(ring, ())
            ]
            for ring in RING_ORDER
        },
        "exposure": exposure_as_dict(report.exposure),
    }


def exposure_as_dict(e: FunnelExposure) -> dict:
    return {
        "totals": {"added": e.added, "met_through": e.met_through, "moved_in": e.moved_in,
                   "broadcasts": e.broadcast_count},
        "months": [
            {"month": m.label, "added": m.added, "met_through": m.met_through, "moved_in": m.moved_in,
             "broadcasts": m.broadcasts}
            for m in e.months
        ],
        "broadcasts": [
            {"id": r.broadcast.interaction_id, "date": r.broadcast.day.isoformat(), "kind": r.broadcast.kind,
             "summary": r.broadcast.summary, "met": r.met, "moved_in": r.moved_in}
            for r in e.broadcasts
        ],
    }




def parse_since(text: str, today: date) -> date:
    """Where the report starts: any date the one parser reads, leaning back
    (``2026-01-01``, ``90d``, ``8w``, ``6m``, ``1y``, ``90 days ago``, ``last tuesday``).
    Raises DateError (a ValueError)."""
    from netui.domain.dates import Direction, parse_date

    return parse_date(text, today, direction=Direction.PAST)
