"""The overview and the agenda, computed by a few aggregate queries.

Nothing here loops over people in Python: every person's standing (last contact,
interval, days overdue) is worked out inside SQLite in one pass, with the same rule
as ``netui.domain.cadence`` (a store test checks that both agree person by person),
and only aggregates or the first few rows come back.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from netui.domain.settings import Settings
from netui.domain.neglect import network_health, neglect_threshold, peer_halves, peer_warning
from netui.domain.networks import NETWORK_ORDER, Network, PeerSide
from netui.domain.overview import (
    MOVES_WINDOW_DAYS,
    WEEKS_SHOWN,
    NetworkSummary,
    Overview,
    RankedPerson,
    RingStrip,
    net_moves,
    ring_counts,
    weekly_counts,
)
from netui.domain.rings import DEFAULT_CADENCE, Ring
from netui.domain.agenda import Agenda, DuePerson, FollowUp, build_agenda
from netui.store.db import Database
from netui.store.values import as_date as _as_date

TOP_PER_NETWORK = 3

# Every live person's standing today. Parameters: :today and the ring intervals.
# ``lag`` is days since contact minus the interval (for someone never contacted: days
# since added, plus one); ``overdue`` is the lag when it is at least 1 and no snooze
# holds them back: exactly domain.cadence.overdue_days.
_STANDING = """
    base AS MATERIALIZED (
        SELECT p.id, p.name, p.ring, p.snoozed_until, p.cadence_override, date(p.created_at) AS added,
               CASE p.ring WHEN 'lukewarm' THEN 1 WHEN 'strategic' THEN 2 WHEN 'buddy' THEN 3 ELSE 0 END AS closeness,
               {last} AS last,
               EXISTS (SELECT 1 FROM membership d
                        WHERE d.person_id = p.id AND d.network = 'mentor' AND d.distant) AS distant
          FROM person p
         WHERE +p.deleted_at IS NULL  -- nearly everyone is live: scan the table, not the name index
    ),
    timed AS (
        SELECT b.*,
               CASE WHEN b.ring = 'cold' OR b.distant THEN NULL
                    ELSE coalesce(b.cadence_override,
                                  CASE b.ring WHEN 'lukewarm' THEN :lukewarm WHEN 'strategic' THEN :strategic
                                              WHEN 'buddy' THEN :buddy END)
               END AS cadence
          FROM base b
    ),
    lagged AS (
        SELECT t.*,
               CASE WHEN t.cadence IS NULL THEN NULL
                    WHEN t.last IS NULL THEN max(CAST(julianday(:today) - julianday(t.added) AS INTEGER), 0) + 1
                    ELSE CAST(julianday(:today) - julianday(t.last) AS INTEGER) - t.cadence
               END AS lag,
               (t.snoozed_until IS NOT NULL AND t.snoozed_until > :today) AS snoozed
          FROM timed t
    ),
    standing AS (
        SELECT l.*, CASE WHEN NOT l.snoozed AND l.lag >= 1 THEN l.lag END AS overdue FROM lagged l
    ),
    joined AS MATERIALIZED (
        SELECT m.network, s.* FROM membership m JOIN standing s ON s.id = m.person_id
    )
"""

def _standing_sql() -> str:
    return _STANDING.replace("{last}", "p.last_contact")


# Who to contact first: due people by urgency (days overdue x closeness, see
# domain.cadence.urgency), then the rest by how close they are to due.
_CONTACT_ORDER = """
    overdue IS NULL,
    CASE WHEN overdue IS NOT NULL THEN overdue * closeness END DESC,
    CASE WHEN overdue IS NOT NULL THEN closeness END DESC,
    CASE WHEN overdue IS NOT NULL THEN overdue END DESC,
    cadence IS NULL, snoozed, lag DESC, closeness DESC, last, name COLLATE NOCASE, id
"""


def _params(today: date, cadence: dict[Ring, int | None] | None) -> dict[str, Any]:
    table = {**DEFAULT_CADENCE, **(cadence or {})}
    return {
        "today": today.isoformat(),
        "lukewarm": table.get(Ring.LUKEWARM),
        "strategic": table.get(Ring.STRATEGIC),
        "buddy": table.get(Ring.BUDDY),
    }


# ---------------------------------------------------------------- networks and due people

# The two views of everyone's standing. Both can run in one statement, so the agenda
# works out each person's standing once (the MATERIALIZED base) for both.
#
# The network view is each network's totals (one GROUP BY) and its first ``:top`` people
# (a LIMIT per network, which SQLite answers with a small top-N sort rather than ranking
# every member); the few rows left are numbered at the end. One window ranking all
# members by the contact order took four times as long on 10,000 people.
_NETWORK_TOP = f"""
    SELECT * FROM (SELECT network, id, name, ring, last, overdue, closeness, cadence, snoozed, lag
                     FROM joined WHERE network = '{{network}}' ORDER BY {_CONTACT_ORDER} LIMIT :top)
"""
_NETWORK_ROWS = f"""
    SELECT 'network' AS part, network, count(*), sum(overdue IS NOT NULL), sum(distant), max(last),
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0
      FROM joined GROUP BY network
    UNION ALL
    SELECT 'network', network, NULL, NULL, NULL, NULL, id, name, ring, last, overdue, NULL, NULL,
           row_number() OVER (PARTITION BY network ORDER BY {_CONTACT_ORDER})
      FROM ({" UNION ALL ".join(_NETWORK_TOP.replace("{network}", n.value) for n in NETWORK_ORDER)})
"""
_DUE_ROWS = f"""
    SELECT * FROM (
        SELECT 'due' AS part, NULL, NULL, NULL, NULL, NULL, id, name, ring, last, overdue,
               (SELECT group_concat(network) FROM membership mm WHERE mm.person_id = s.id) AS networks,
               count(*) OVER () AS total, row_number() OVER (ORDER BY {_CONTACT_ORDER}) AS rn
          FROM standing s
         WHERE overdue IS NOT NULL
         ORDER BY {_CONTACT_ORDER}
         LIMIT :limit)
"""


def _standing(db: Database, today: date, cadence: dict[Ring, int | None] | None, *, top: int | None, limit: int | None | bool):
    """Rows of the network view (``top`` per network) and/or the due view (``limit`` people;
    None for all, False for none)."""
    parts = []
    if top is not None:
        parts.append(_NETWORK_ROWS)
    if limit is not False:
        parts.append(_DUE_ROWS)
    params = {**_params(today, cadence), "top": top or 0, "limit": -1 if limit is None or limit is False else limit}
    return db.execute(f"WITH {_standing_sql()} " + " UNION ALL ".join(parts), params).fetchall()


def _summaries(db: Database, today: date, settings: Settings, rows) -> list[NetworkSummary]:
    facts: dict[Network, tuple[int, int, int, date | None]] = {}
    people: dict[Network, list[RankedPerson]] = {n: [] for n in NETWORK_ORDER}
    # A compound SELECT has one order for all its rows: rank within each network here.
    for _part, network, members, due, distant, net_last, pid, name, ring, last, overdue, _n, _t, _rn in sorted(
        rows, key=lambda r: (r[1], r[-1])
    ):
        net = Network(network)
        if pid is None:  # the network's totals
            facts[net] = (members, due or 0, distant or 0, _as_date(net_last))
        else:
            people[net].append(RankedPerson(pid, name, Ring(ring), _as_date(last), overdue))
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
                top=tuple(people[net]),
                inside=inside if is_peer else 0,
                outside=outside if is_peer else 0,
                peer_warning=peer_warning(inside, outside, settings.my_company) if is_peer else None,
            )
        )
    return out


def _due(rows) -> tuple[list[DuePerson], int]:
    order = {n.value: i for i, n in enumerate(NETWORK_ORDER)}
    people = [
        DuePerson(
            id=pid,
            name=name,
            ring=Ring(ring),
            last_contact=_as_date(last),
            overdue=overdue,
            networks=tuple(Network(n) for n in sorted((nets or "").split(","), key=lambda n: order.get(n, 9)) if n),
        )
        for _part, *_net, pid, name, ring, last, overdue, nets, _total, _rn in sorted(rows, key=lambda r: r[-1])
    ]
    return people, (rows[0][-2] if rows else 0)


def network_summaries(db: Database, today: date, settings: Settings, top: int = TOP_PER_NETWORK) -> list[NetworkSummary]:
    """One summary per network, in the usual order, each with its first ``top`` people to contact."""
    return _summaries(db, today, settings, _standing(db, today, settings.cadence, top=top, limit=False))


def due_people(db: Database, today: date, cadence: dict[Ring, int | None] | None, limit: int | None = None) -> tuple[list[DuePerson], int]:
    """People due by cadence, most urgent first (at most ``limit``, which must be at least 1),
    and how many there are in all."""
    return _due(_standing(db, today, cadence, top=None, limit=limit))


def _peer_groups(db: Database) -> list[tuple[str, PeerSide | None, int]]:
    return [
        (company, PeerSide(side) if side else None, n)
        for company, side, n in db.execute(
            """SELECT p.company, m.peer_side, count(*) FROM membership m JOIN person p ON p.id = m.person_id
                WHERE m.network = 'peer' AND p.deleted_at IS NULL GROUP BY p.company, m.peer_side"""
        )
    ]


# ---------------------------------------------------------------- rings, rhythm, counts


def ring_strip(db: Database, today: date) -> RingStrip:
    counts = ring_counts(
        (Ring(r), n)
        for r, n in db.execute("SELECT ring, count(*) FROM person WHERE deleted_at IS NULL GROUP BY ring")
    )
    since = today - timedelta(days=MOVES_WINDOW_DAYS - 1)
    until = today + timedelta(days=1)
    pairs = db.execute(
        """
        WITH w AS (
            SELECT rm.id, rm.person_id, rm.from_ring, rm.to_ring, rm.moved_at
              FROM ring_move rm JOIN person p ON p.id = rm.person_id
             WHERE p.deleted_at IS NULL AND rm.from_ring IS NOT NULL AND rm.moved_at >= ? AND rm.moved_at < ?
        ),
        ends AS (
            SELECT person_id,
                   first_value(from_ring) OVER span AS start,
                   last_value(to_ring) OVER span AS finish
              FROM w
            WINDOW span AS (PARTITION BY person_id ORDER BY moved_at, id
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        )
        SELECT start, finish, count(DISTINCT person_id) FROM ends GROUP BY start, finish
        """,
        (since.isoformat(), until.isoformat()),
    )
    inward, outward = net_moves((Ring(a), Ring(b), n) for a, b, n in pairs)
    return RingStrip(counts, inward, outward)


def weekly_interactions(db: Database, today: date, weeks: int = WEEKS_SHOWN) -> tuple[int, ...]:
    start = today - timedelta(days=weeks * 7)
    # Counted per day straight off the date index, handed over as one JSON row.
    (days,) = db.execute(
        """SELECT json_group_array(json_array(date, n)) FROM
             (SELECT date, count(*) AS n FROM interaction
               WHERE deleted_at IS NULL AND date > :start AND date <= :today GROUP BY date)""",
        {"start": start.isoformat(), "today": today.isoformat()},
    ).fetchone()
    return weekly_counts(((_as_date(d), n) for d, n in json.loads(days)), today, weeks)


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
    total, unsorted = db.execute(
        """SELECT count(*), coalesce(sum(NOT EXISTS (SELECT 1 FROM membership mm WHERE mm.person_id = p.id)), 0)
             FROM person p WHERE p.deleted_at IS NULL"""
    ).fetchone()
    return total, unsorted


def overview(db: Database, today: date, settings: Settings) -> Overview:
    """Everything the Overview screen shows."""
    total, unsorted = people_counts(db)
    return Overview(
        today=today,
        networks=tuple(network_summaries(db, today, settings)),
        rings=ring_strip(db, today),
        weekly=weekly_interactions(db, today),
        follow_ups_due=count_follow_ups_due(db, today),
        unsorted=unsorted,
        people=total,
    )


# ---------------------------------------------------------------- agenda


def follow_ups_due(db: Database, today: date) -> list[FollowUp]:
    """Open follow-ups whose date has come, oldest first, with their live participants."""
    rows = db.execute(
        f"""
        SELECT i.id, i.follow_up, i.date, i.kind, i.summary, i.reciprocity,
               (SELECT json_group_array(json_array(p.id, p.name, p.ring))
                  FROM participant pa JOIN person p ON p.id = pa.person_id
                 WHERE pa.interaction_id = i.id AND p.deleted_at IS NULL) AS people
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
        )
        for iid, due, day, kind, summary, recip, people in rows
    ]


def agenda(db: Database, today: date, settings: Settings, limit: int | None = None) -> Agenda:
    """Today's list: follow-ups, neglected networks, due people (the first ``limit`` of them)."""
    rows = _standing(db, today, settings.cadence, top=1, limit=limit)
    people, total = _due([r for r in rows if r[0] == "due"])
    networks = _summaries(db, today, settings, [r for r in rows if r[0] == "network"])
    return build_agenda(today, follow_ups_due(db, today), networks, people, people_total=total)
