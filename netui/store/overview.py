"""The overview and the agenda, read from what triggers keep up to date.

Nothing here loops over everyone: each person's first due day is kept as data changes
(migration 6), with the same rule as ``netui.domain.cadence`` (a store test checks that
both agree person by person), so the Overview costs about the same for any size of
network, and only aggregates or the first few rows come back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from netui.domain.settings import Settings
from netui.domain.neglect import network_health, neglect_threshold, peer_halves, peer_warning
from netui.domain.networks import NETWORK_ORDER, Network, PeerSide
from netui.domain.cadence import overdue_days
from netui.domain.overview import (
    MOVES_WINDOW_DAYS,
    WEEKS_SHOWN,
    NetworkSummary,
    Overview,
    RankedPerson,
    RingStrip,
    contact_order_key,
    net_moves,
    ring_counts,
    weekly_counts,
)
from netui.domain.rings import Ring
from netui.store.dates import coming_this_week
from netui.store.db import Database
from netui.store.waiting import count_waiting
from netui.store.values import as_date as _as_date

if TYPE_CHECKING:
    from netui.domain.agenda import Agenda, DuePerson, FollowUp

# The Agenda's own modules (and the proposals', with all they import) are imported by the
# functions that need them: the Overview, read at start-up, needs none of them.

TOP_PER_NETWORK = 3
DUE_RINGS = (Ring.LUKEWARM, Ring.STRATEGIC, Ring.BUDDY)  # cold people are never due

# Each person's first due day (person.due_on) is kept by triggers (migration 6), and each
# membership row carries a copy of its person's standing, so what follows reads indexes:
# a network's counts scan its live memberships once, and its most pressing people are the
# first few of each ring by due day. Someone contacted is due from due_on; someone never
# contacted has been due since they were added (their due_on), whatever today is.
_IS_DUE = "(due_on IS NOT NULL AND (due_on <= :today OR last_contact IS NULL))"
_SNOOZED = "ifnull(snoozed_until > :today, 0)"


class _Standing(NamedTuple):
    """A person as the contact order sees them."""

    id: int
    ring: Ring
    due_on: date | None
    last_contact: date | None
    snoozed_until: date | None

    def cadence(self) -> int | None:
        """The interval, worked back from the due day (any number for someone never contacted)."""
        if self.due_on is None:
            return None
        if self.last_contact is None:
            return 0
        return (self.due_on - self.last_contact).days - 1

    def overdue(self, today: date) -> int | None:
        return overdue_days(self.last_contact, self.cadence(), today, self.snoozed_until, self.due_on)

    def order(self, name: str, today: date) -> tuple:
        return contact_order_key(
            id=self.id, name=name, ring=self.ring, last_contact=self.last_contact, cadence_days=self.cadence(),
            snoozed_until=self.snoozed_until, added=self.due_on, today=today,
        )


def _standings(rows) -> list[_Standing]:
    return [
        _Standing(pid, Ring(ring), _as_date(due), _as_date(last), _as_date(snoozed))
        for pid, ring, due, last, snoozed in rows
    ]


def _names(db: Database, ids: Iterable[int]) -> dict[int, str]:
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    return dict(db.execute(f"SELECT id, name FROM person WHERE id IN ({','.join('?' * len(ids))})", ids))


def _first_to_contact(db: Database, today: date, network: Network, k: int) -> list[RankedPerson]:
    """The network's first ``k`` members in contact order (domain.overview.contact_order_key).

    Within a ring that order is by due day, so the first ``k`` of each ring by due day
    hold the answer; snoozed people and those never due follow only when needed."""
    params = {"network": network.value, "today": today.isoformat(), "k": k}
    member = "FROM membership WHERE network = :network AND live = 1"
    columns = "SELECT person_id, ring, due_on, last_contact, snoozed_until"
    rows = []
    for ring in DUE_RINGS:
        rows += db.execute(
            f"{columns} {member} AND ring = :ring AND due_on IS NOT NULL AND NOT {_SNOOZED}"
            " ORDER BY due_on, last_contact LIMIT :k",
            {**params, "ring": ring.value},
        ).fetchall()
    # Someone never contacted and added after today (a clock that was ahead) counts as due
    # from today (domain.cadence.overdue_days), though their due day is later: by due day
    # they could miss the cuts above. They are rare, so all of them compete.
    rows += db.execute(
        f"{columns} {member} AND last_contact IS NULL AND due_on > :today AND NOT {_SNOOZED}", params
    ).fetchall()
    rows = list({row[0]: row for row in rows}.values())  # someone may be in two reads
    if len(rows) < k:
        rows += db.execute(
            f"{columns} {member} AND due_on IS NOT NULL AND {_SNOOZED} ORDER BY due_on LIMIT :k", params
        ).fetchall()
    if len(rows) < k:
        rows += db.execute(
            f"""{columns} {member} AND due_on IS NULL
                ORDER BY {_SNOOZED},
                         CASE ring WHEN 'buddy' THEN 0 WHEN 'strategic' THEN 1 WHEN 'lukewarm' THEN 2 ELSE 3 END,
                         last_contact, person_id LIMIT :k""",
            params,
        ).fetchall()
    return _ranked(db, _standings(rows), today, k)


def _ranked(db: Database, found: list[_Standing], today: date, k: int | None) -> list[RankedPerson]:
    names = _names(db, (s.id for s in found))
    found = sorted(found, key=lambda s: s.order(names.get(s.id, ""), today))
    if k is not None:
        found = found[:k]
    return [RankedPerson(s.id, names.get(s.id, ""), s.ring, s.last_contact, s.overdue(today)) for s in found]


def _network_facts(db: Database, today: date) -> dict[Network, tuple[int, int, int, date | None]]:
    """(members, due, distant, last contact) of each network with anyone in it, each figure
    an index range: the due ones are those whose due day has come on each ring, and those
    never contacted (due since they were added)."""
    facts = {}
    counts = _tally(db)
    live = "FROM membership WHERE network = :network AND live = 1"
    # Distant mentors, counted in every network they are in: kept by triggers (migration 13).
    distant = {network: counts.get(f"distant.{network.value}", 0) for network in NETWORK_ORDER}
    for network in NETWORK_ORDER:
        members = counts.get(f"network.{network.value}", 0)
        if not members:
            continue
        due, never, last = db.execute(
            f"""SELECT (SELECT count(*) {live} AND ring IN ('lukewarm', 'strategic', 'buddy')
                           AND due_on <= :today AND NOT {_SNOOZED}),
                       (SELECT count(*) {live} AND last_contact IS NULL AND due_on > :today AND NOT {_SNOOZED}),
                       (SELECT max(last_contact) {live})""",
            {"today": today.isoformat(), "network": network.value},
        ).fetchone()
        facts[network] = (members, due + never, distant.get(network, 0), _as_date(last))
    return facts


def _tally(db: Database) -> dict[str, int]:
    """The counts triggers keep: live, sorted, ring.R, network.N (migration 6) and
    distant.N (migration 13)."""
    return dict(db.execute("SELECT key, n FROM tally"))


def network_summaries(db: Database, today: date, settings: Settings, top: int = TOP_PER_NETWORK) -> list[NetworkSummary]:
    """One summary per network, in the usual order, each with its first ``top`` people to contact."""
    facts = _network_facts(db, today)
    inside, outside = peer_halves(_peer_groups(db), settings.my_company)
    out = []
    for net in NETWORK_ORDER:
        members, due, distant, last = facts.get(net, (0, 0, 0, None))
        threshold = neglect_threshold(settings.neglect_days, net)
        is_peer = net == Network.PEER
        out.append(
            NetworkSummary(
                network=net,
                members=members,
                due=due,
                distant=distant,
                last_contact=last,
                threshold=threshold,
                health=network_health(members, last, today, threshold),
                top=tuple(_first_to_contact(db, today, net, top)) if members and top else (),
                inside=inside if is_peer else 0,
                outside=outside if is_peer else 0,
                peer_warning=peer_warning(inside, outside, settings.my_company) if is_peer else None,
            )
        )
    return out


def due_people(db: Database, today: date, limit: int | None = None) -> tuple[list[DuePerson], int]:
    """People due by cadence, most urgent first (at most ``limit``), and how many there are in all."""
    from netui.domain.agenda import DuePerson
    params = {"today": today.isoformat(), "k": -1 if limit is None else limit}
    live = "FROM person WHERE deleted_at IS NULL AND ring = :ring AND due_on IS NOT NULL"
    # Due: the due day has come, or never contacted (due since added); two index ranges each.
    came = f"{live} AND due_on <= :today AND NOT {_SNOOZED}"
    never = f"{live} AND last_contact IS NULL AND due_on > :today AND NOT {_SNOOZED}"
    rows, total = [], 0
    for ring in DUE_RINGS:
        ring_params = {**params, "ring": ring.value}
        total += db.execute(f"SELECT (SELECT count(*) {came}) + (SELECT count(*) {never})", ring_params).fetchone()[0]
        for where in (came, never):
            rows += db.execute(
                f"SELECT id, ring, due_on, last_contact, snoozed_until {where} ORDER BY due_on, last_contact LIMIT :k",
                ring_params,
            ).fetchall()
    ranked = _ranked(db, _standings(rows), today, limit)
    networks: dict[int, list[Network]] = {}
    ids = [p.id for p in ranked]
    if ids:
        for pid, network in db.execute(
            f"SELECT person_id, network FROM membership WHERE person_id IN ({','.join('?' * len(ids))})", ids
        ):
            networks.setdefault(pid, []).append(Network(network))
    people = [
        DuePerson(p.id, p.name, p.ring, p.last_contact, p.overdue or 0,
                  tuple(n for n in NETWORK_ORDER if n in networks.get(p.id, ())))
        for p in ranked
    ]
    return people, total


def _peer_groups(db: Database) -> list[tuple[str, PeerSide | None, int]]:
    """Live peers by company and side, as triggers keep them (migration 13)."""
    return [
        (company, PeerSide(side) if side else None, n)
        for company, side, n in db.execute("SELECT company, side, n FROM peer_tally WHERE n > 0")
    ]


# ---------------------------------------------------------------- rings, rhythm, counts


def ring_strip(db: Database, today: date) -> RingStrip:
    tally = _tally(db)
    counts = ring_counts((ring, tally.get(f"ring.{ring.value}", 0)) for ring in Ring)
    since = today - timedelta(days=MOVES_WINDOW_DAYS - 1)
    until = today + timedelta(days=1)
    # Each person moved in the window: the ring their first move there started from, the
    # ring their last one ended on (the moves come in order: later ones overwrite). All from
    # one covering index; people in the trash (few) are left out afterwards.
    ends: dict[int, list[str]] = {}
    for person_id, from_ring, to_ring in db.execute(
        """SELECT person_id, from_ring, to_ring FROM ring_move
            WHERE moved_at >= :since AND moved_at < :until AND from_ring IS NOT NULL ORDER BY moved_at, id""",
        {"since": since.isoformat(), "until": until.isoformat()},
    ):
        ends.setdefault(person_id, [from_ring, to_ring])[1] = to_ring
    for (trashed,) in db.execute("SELECT id FROM person WHERE deleted_at IS NOT NULL"):
        ends.pop(trashed, None)
    counted: dict[tuple[str, str], int] = {}
    for start, finish in ends.values():
        counted[(start, finish)] = counted.get((start, finish), 0) + 1
    pairs = [(start, finish, n) for (start, finish), n in counted.items()]
    inward, outward = net_moves((Ring(a), Ring(b), n) for a, b, n in pairs)
    return RingStrip(counts, inward, outward)


def weekly_interactions(db: Database, today: date, weeks: int = WEEKS_SHOWN) -> tuple[int, ...]:
    start = today - timedelta(days=weeks * 7)
    rows = db.execute(
        "SELECT date, n FROM daily_interactions WHERE date > :start AND date <= :today AND n > 0",
        {"start": start.isoformat(), "today": today.isoformat()},
    )
    return weekly_counts(((_as_date(d), n) for d, n in rows), today, weeks)


_OPEN_FOLLOW_UP = """
    i.follow_up IS NOT NULL AND i.follow_up_done = 0 AND i.follow_up <= :today AND i.deleted_at IS NULL
    AND (i.follow_up_snoozed_until IS NULL OR i.follow_up_snoozed_until <= :today)
    AND EXISTS (SELECT 1 FROM participant pa JOIN person p ON p.id = pa.person_id
                 WHERE pa.interaction_id = i.id AND p.deleted_at IS NULL)
"""


def count_follow_ups_due(db: Database, today: date) -> int:
    return db.execute(
        f"SELECT count(*) FROM interaction i WHERE {_OPEN_FOLLOW_UP}", {"today": today.isoformat()}
    ).fetchone()[0]


def people_counts(db: Database) -> tuple[int, int]:
    """(live people, live people in no network)."""
    counts = _tally(db)
    return counts.get("live", 0), counts.get("live", 0) - counts.get("sorted", 0)


def overview(db: Database, today: date, settings: Settings) -> Overview:
    """Everything the Overview screen shows, from one snapshot of the file."""
    with db.snapshot():
        total, unsorted = people_counts(db)
        return Overview(
            today=today,
            networks=tuple(network_summaries(db, today, settings)),
            rings=ring_strip(db, today),
            weekly=weekly_interactions(db, today),
            follow_ups_due=count_follow_ups_due(db, today),
            unsorted=unsorted,
            people=total,
            coming=tuple(coming_this_week(db, today)),
            inbox=count_waiting(db),
        )


# ---------------------------------------------------------------- agenda


def follow_ups_due(db: Database, today: date) -> list[FollowUp]:
    """Open follow-ups whose date has come, oldest first, with their live participants."""
    from netui.domain.agenda import FollowUp
    rows = db.execute(
        f"""
        SELECT i.id, i.follow_up, i.date, i.kind, i.summary, i.reciprocity, i.follow_up_every,
               (SELECT json_group_array(json_array(id, name, ring))
                  FROM (SELECT p.id, p.name, p.ring FROM participant pa JOIN person p ON p.id = pa.person_id
                         WHERE pa.interaction_id = i.id AND p.deleted_at IS NULL
                         ORDER BY pa.id)) AS people  -- in the order they were added, as the journal lists them
          FROM interaction i
         WHERE {_OPEN_FOLLOW_UP}
         ORDER BY i.follow_up, i.id
        """,
        {"today": today.isoformat()},
    )
    return [
        FollowUp(
            interaction_id=iid,
            due=_as_date(due),
            date=_as_date(day),
            kind=kind,
            summary=summary,
            reciprocity=recip,
            people=tuple((pid, name, Ring(ring)) for pid, name, ring in json.loads(people or "[]")),
            every=every,
        )
        for iid, due, day, kind, summary, recip, every, people in rows
    ]


def agenda(db: Database, today: date, settings: Settings, limit: int | None = None) -> Agenda:
    """Today's list: follow-ups, neglected networks, due people (the first ``limit`` of them)."""
    from netui.domain.agenda import build_agenda, job_item, meeting_items
    from netui.store.dates import reminders
    from netui.store.jobs import open_job_changes
    from netui.store.proposals import coming_up
    with db.snapshot():
        people, total = due_people(db, today, limit)
        networks = network_summaries(db, today, settings, top=1)
        follow_ups = follow_ups_due(db, today)
        coming = reminders(db, today)
        inbox = count_waiting(db)
        meetings = [item for m in coming_up(db, today) for item in meeting_items(m, today)]
        jobs = [job_item(j, today) for j in open_job_changes(db)]
    built = build_agenda(today, follow_ups, networks, people, people_total=total, coming=coming)
    return replace(built, items=built.items + tuple(jobs) + tuple(meetings), inbox=inbox, coming_up=len(meetings),
                   jobs=len(jobs))
