"""The monthly review, read from the database (decisions in ``netui.domain.review``).

Every part reads a few aggregates or the first few rows of an index: membership's copies
of each person's standing (migration 6), the live-entries indexes of the journal, and the
index over entries marked with a reciprocity (migration 10). Nothing walks the whole
journal, so the review costs about the same for 500 people as for 10,000.
"""

from __future__ import annotations

from datetime import date, timedelta

from netui.domain.intro_paths import IntroPath, rank_intro_paths
from netui.domain.journal import BROADCAST_KINDS
from netui.domain.networks import NETWORK_ORDER, Network
from netui.domain.review import (
    CAPITAL_KINDS,
    Broadcast,
    Candidate,
    Capital,
    Contact,
    Exposure,
    ExposureMonth,
    Flow,
    GiveAndTake,
    Giver,
    Help,
    Pick,
    PickState,
    Readiness,
    Review,
    Routine,
    TargetView,
    exposure,
    give_and_take,
    last_months,
    month_back,
    month_key,
    plan_routine,
    readiness,
    social_capital,
    target_view,
)
from netui.domain.rings import RING_ORDER, Ring
from netui.domain.settings import Settings
from netui.domain.text import match_key
from netui.store.db import Database, writes
from netui.store.errors import NotFound, StoreError
from netui.store.funnel import intro_candidates
from netui.store.settings import load_settings
from netui.store.values import as_date
from netui.store.values import now as _now

CANDIDATES_PER_RING = 4  # per network and ring: enough for every rule of the routine to find its person
_BROADCASTS = ",".join(f"'{k}'" for k in BROADCAST_KINDS)
_RING_INDEX = "CASE ring WHEN 'buddy' THEN 3 WHEN 'strategic' THEN 2 WHEN 'lukewarm' THEN 1 ELSE 0 END"


def _marks(values) -> str:
    return ",".join("?" * len(values))


# ---------------------------------------------------------------- 1. routine


def _picks(db: Database, today: date) -> list[Pick]:
    months = (month_key(month_back(today, 1)), month_key(today))
    return [
        Pick(month, Network(network), pid, state)
        for month, network, pid, state in db.execute(
            "SELECT month, network, person_id, state FROM review_pick WHERE month IN (?, ?) ORDER BY id", months
        )
    ]


def _candidates(db: Database, today: date, network: Network, extra: int) -> tuple[list[Candidate], dict[Ring, int]]:
    """The members of ``network`` any rule of the routine could choose: per ring, the first
    few by due day and the few most recently contacted, never snoozed or distant."""
    k = CANDIDATES_PER_RING + extra
    params = {"network": network.value, "today": today.isoformat(), "k": k}
    counts = {
        Ring(ring): n
        for ring, n in db.execute(
            "SELECT ring, count(*) FROM membership WHERE network = :network AND live = 1 GROUP BY ring", params
        )
    }
    base = """SELECT m.person_id, m.ring, m.last_contact, m.due_on, m.snoozed_until FROM membership m
               WHERE m.network = :network AND m.live = 1 AND m.ring = :ring
                 AND NOT ifnull(m.snoozed_until > :today, 0)
                 AND NOT EXISTS (SELECT 1 FROM membership d WHERE d.person_id = m.person_id
                                    AND d.network = 'mentor' AND d.distant = 1)"""
    rows: dict[int, tuple] = {}
    for ring in RING_ORDER:
        if not counts.get(ring):
            continue
        p = {**params, "ring": ring.value}
        if ring != Ring.COLD:
            for row in db.execute(f"{base} AND m.due_on IS NOT NULL ORDER BY m.due_on, m.last_contact LIMIT :k", p):
                rows[row[0]] = row
        for row in db.execute(f"{base} ORDER BY m.last_contact DESC LIMIT :k", p):
            rows[row[0]] = row
    names = _names(db, rows)
    cands = [
        Candidate(pid, names.get(pid, ""), Ring(ring), as_date(last), as_date(due), as_date(snoozed))
        for pid, ring, last, due, snoozed in rows.values()
    ]
    if network == Network.MENTOR:
        # Distant mentors are never suggested, but the routine says so when they are all there is.
        distant = db.execute(
            "SELECT person_id, ring FROM membership WHERE network = 'mentor' AND live = 1 AND distant = 1 LIMIT 1"
        ).fetchone()
        if distant and not cands:
            cands.append(Candidate(distant[0], "", Ring(distant[1]), distant=True))
    return cands, counts


def _names(db: Database, ids) -> dict[int, str]:
    ids = list(ids)
    if not ids:
        return {}
    return dict(db.execute(f"SELECT id, name FROM person WHERE id IN ({_marks(ids)})", ids))


def _reached(db: Database, today: date) -> dict[str, set[Network]]:
    """For each of the last twelve months, the networks with at least one real contact
    (a live entry that is not a broadcast, with a live member of the network)."""
    out: dict[str, set[Network]] = {}
    months = last_months(today)
    for key in months:
        start = date.fromisoformat(key + "-01")
        end = month_back(start, -1)
        for network in NETWORK_ORDER:
            hit = db.execute(
                f"""SELECT EXISTS (
                      SELECT 1 FROM membership m JOIN participant pa ON pa.person_id = m.person_id
                        JOIN interaction i ON i.id = pa.interaction_id
                       WHERE m.network = ? AND m.live = 1 AND pa.date >= ? AND pa.date < ?
                         AND i.deleted_at IS NULL AND i.kind NOT IN ({_BROADCASTS}))""",
                (network.value, start.isoformat(), end.isoformat()),
            ).fetchone()[0]
            if hit:
                out.setdefault(key, set()).add(network)
    return out


def routine(db: Database, today: date) -> Routine:
    picks = _picks(db, today)
    extra = len(picks)
    members, counts = {}, {}
    for network in NETWORK_ORDER:
        members[network], counts[network] = _candidates(db, today, network, extra)
    month = month_key(today)
    pinned = [p.person_id for p in picks if p.month == month]
    names = {}
    if pinned:
        for pid, name, ring, last in db.execute(
            f"SELECT id, name, ring, last_contact FROM person WHERE deleted_at IS NULL AND id IN ({_marks(pinned)})",
            pinned,
        ):
            names[pid] = (name, Ring(ring), as_date(last))
    return plan_routine(today, members, counts, picks, _reached(db, today), names=names)


@writes
def pin_routine(db: Database, today: date, now=None) -> int:
    """Store this month's suggestions that are not stored yet, so they stay put while you
    act on them (and are not suggested again next month). Returns how many were stored."""
    plan = routine(db, today)
    month = month_key(today)
    stamp = now or _now()
    n = 0
    for s in plan.suggestions:
        if s.person_id is None or s.pinned:
            continue
        db.execute(
            """INSERT INTO review_pick (month, network, person_id, state, changed_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (month, network, person_id) DO NOTHING""",
            (month, s.network.value, s.person_id, PickState.SUGGESTED, stamp),
        )
        n += 1
    return n


@writes
def set_pick_state(db: Database, today: date, network: Network, person_id: int, state: str, now=None) -> str | None:
    """Mark this month's pick for ``network`` (stored if it was not); returns the state it
    had before (None when it was not stored), for undo."""
    if state not in PickState.ALL:
        raise StoreError(f"Unknown state {state!r}.")
    if db.execute("SELECT 1 FROM person WHERE id = ? AND deleted_at IS NULL", (person_id,)).fetchone() is None:
        raise NotFound("This person is no longer there (deleted in another session?).")
    month = month_key(today)
    row = db.execute(
        "SELECT state FROM review_pick WHERE month = ? AND network = ? AND person_id = ?",
        (month, network.value, person_id),
    ).fetchone()
    db.execute(
        """INSERT INTO review_pick (month, network, person_id, state, changed_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (month, network, person_id) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at""",
        (month, network.value, person_id, state, now or _now()),
    )
    return row[0] if row else None


@writes
def unset_pick(db: Database, today: date, network: Network, person_id: int, previous: str | None) -> None:
    """Undo ``set_pick_state``: put back the state it had, or forget the row."""
    month = month_key(today)
    if previous is None:
        db.execute("DELETE FROM review_pick WHERE month = ? AND network = ? AND person_id = ?",
                   (month, network.value, person_id))
    else:
        set_pick_state(db, today, network, person_id, previous)


# ---------------------------------------------------------------- 2. social capital


def capital(db: Database, today: date, settings: Settings) -> Capital:
    wanted = sorted({t for k in CAPITAL_KINDS for t in k.tags})
    givers: dict[int, Giver] = {}
    for pid, name, ring, last, company, tags in db.execute(
        f"""SELECT p.id, p.name, p.ring, p.last_contact, p.company, group_concat(t.name, char(31))
              FROM tag t JOIN person_tag pt ON pt.tag_id = t.id AND pt.kind = 'help'
              JOIN person p ON p.id = pt.person_id
             WHERE t.name IN ({_marks(wanted)}) AND p.deleted_at IS NULL
             GROUP BY p.id""",
        wanted,
    ):
        givers[pid] = Giver(pid, name, Ring(ring), as_date(last), company, frozenset(tags.split("\x1f")))
    for pid, name, ring, last, company in db.execute(
        """SELECT p.id, p.name, p.ring, p.last_contact, p.company FROM membership m JOIN person p ON p.id = m.person_id
            WHERE m.network = 'mentor' AND m.live = 1 AND m.distant = 0"""
    ):
        seen = givers.get(pid)
        givers[pid] = Giver(pid, name, Ring(ring), as_date(last), company, seen.tags if seen else frozenset(), True)
    first = social_capital(givers.values(), settings.my_company, today)
    # Gaps whose closest giver is on an outer ring: who could bring you back to them.
    intro: dict[int, IntroPath] = {}
    for cell in first.gaps:
        if cell.givers and cell.givers[0].ring.index < Ring.STRATEGIC.index:
            g = cell.givers[0]
            paths = rank_intro_paths(g.person_id, g.ring, intro_candidates(db, g.person_id, g.ring, g.company), 1)
            if paths:
                intro[g.person_id] = paths[0]
    return social_capital(givers.values(), settings.my_company, today, intro) if intro else first


# ---------------------------------------------------------------- 3. give and take


def give_take(db: Database, today: date) -> GiveAndTake:
    since = today - timedelta(days=365)
    params = {"since": since.isoformat(), "today": today.isoformat()}
    window = "i.deleted_at IS NULL AND i.reciprocity IS NOT NULL AND i.date > :since AND i.date <= :today"
    total = {r: n for r, n in db.execute(
        f"SELECT i.reciprocity, count(*) FROM interaction i WHERE {window} GROUP BY i.reciprocity", params
    )}
    flows: dict[Network, dict[str, int]] = {}
    for network, recip, n in db.execute(
        f"""SELECT m.network, i.reciprocity, count(DISTINCT i.id)
              FROM interaction i JOIN participant pa ON pa.interaction_id = i.id
              JOIN membership m ON m.person_id = pa.person_id AND m.live = 1
             WHERE {window} GROUP BY m.network, i.reciprocity""",
        params,
    ):
        flows.setdefault(Network(network), {})[recip] = n
    returned = {
        pid: as_date(day)
        for pid, day in db.execute(
            f"""SELECT pa.person_id, max(pa.date) FROM interaction i JOIN participant pa ON pa.interaction_id = i.id
                 WHERE i.deleted_at IS NULL AND i.reciprocity IN ('gave', 'mutual') AND i.date > :since
                 GROUP BY pa.person_id""",
            params,
        )
    }
    helps = [
        Help(iid, pid, name, as_date(day), summary, bool(done))
        for iid, pid, name, day, summary, done in db.execute(
            f"""SELECT i.id, p.id, p.name, i.date, i.summary, i.follow_up IS NOT NULL AND i.follow_up_done
                  FROM interaction i JOIN participant pa ON pa.interaction_id = i.id
                  JOIN person p ON p.id = pa.person_id AND p.deleted_at IS NULL
                 WHERE i.deleted_at IS NULL AND i.reciprocity = 'received' AND i.date > :since AND i.date <= :today""",
            params,
        )
    ]
    return give_and_take(
        since,
        {n: _flow(f) for n, f in flows.items()},
        _flow(total),
        helps,
        returned,
    )


def _flow(counts: dict[str, int]) -> Flow:
    return Flow(counts.get("received", 0), counts.get("gave", 0), counts.get("mutual", 0))


# ---------------------------------------------------------------- 4. readiness


def _company_names(db: Database, wanted: list[str]) -> dict[str, list[str]]:
    """For each wanted company, the spellings of it stored on live people (compared as a
    reader sees them, which SQL cannot do: the distinct names are few)."""
    keys = {match_key(c): c for c in wanted if match_key(c)}
    out: dict[str, list[str]] = {c: [] for c in wanted}
    for (company,) in db.execute("SELECT DISTINCT company FROM person WHERE deleted_at IS NULL AND company <> ''"):
        target = keys.get(match_key(company))
        if target is not None:
            out[target].append(company)
    return out


def _contacts(rows) -> list[Contact]:
    return [Contact(pid, name, Ring(ring), company, as_date(last), as_date(due))
            for pid, name, ring, company, last, due in rows]


def ready(db: Database, today: date, settings: Settings) -> Readiness:
    mine = _company_names(db, [settings.my_company]).get(settings.my_company, []) if settings.my_company.strip() else []
    outside = _contacts(db.execute(
        f"""SELECT id, name, ring, company, last_contact, due_on FROM person
             WHERE deleted_at IS NULL AND ring IN ('strategic', 'buddy')
               AND company NOT IN ({_marks(mine)})""" if mine else
        """SELECT id, name, ring, company, last_contact, due_on FROM person
            WHERE deleted_at IS NULL AND ring IN ('strategic', 'buddy')""",
        mine,
    ))
    targets = []
    spellings = _company_names(db, list(settings.target_companies))
    for company in settings.target_companies:
        names = spellings.get(company, [])
        there = _contacts(db.execute(
            f"""SELECT id, name, ring, company, last_contact, due_on FROM person
                 WHERE deleted_at IS NULL AND company IN ({_marks(names)})""",
            names,
        )) if names else []
        paths = []
        # Intro paths to the few best people there who are not close yet.
        for c in sorted(there, key=lambda c: (-c.ring.index, c.name.casefold()))[:3]:
            if c.ring.index >= Ring.STRATEGIC.index:
                continue
            for p in rank_intro_paths(c.person_id, c.ring, intro_candidates(db, c.person_id, c.ring, c.company), 2):
                if p.knows and not p.same_company:  # someone there already is a contact, not a path
                    paths.append((p, c))
        targets.append(target_view(company, there, paths, today))
    return readiness(targets, outside, today)


# ---------------------------------------------------------------- 5. exposure


def exposure_report(db: Database, today: date) -> Exposure:
    start = month_back(today, 11)
    params = {"start": start.isoformat(), "end": (today + timedelta(days=1)).isoformat()}
    months: dict[str, dict[str, int]] = {}
    for key, n in db.execute(
        f"""SELECT substr(date, 1, 7), count(*) FROM interaction
             WHERE deleted_at IS NULL AND kind IN ({_BROADCASTS}) AND date >= :start AND date < :end
             GROUP BY substr(date, 1, 7)""",
        params,
    ):
        months.setdefault(key, {})["broadcasts"] = n
    # People added in the window: how many, how many on a closer ring now than when added,
    # how many met through a broadcast. The ring they were added on is their first move.
    for key, added, moved, met in db.execute(
        f"""SELECT substr(p.created_at, 1, 7), count(*),
                   sum(({_RING_INDEX.replace('ring', 'p.ring')}) >
                       (SELECT {_RING_INDEX.replace('ring', 'mv.to_ring')} FROM ring_move mv
                         WHERE mv.person_id = p.id AND mv.from_ring IS NULL ORDER BY mv.moved_at, mv.id LIMIT 1)),
                   sum(p.met_through_id IS NOT NULL)
              FROM person p WHERE p.deleted_at IS NULL AND p.created_at >= :start AND p.created_at < :end
             GROUP BY substr(p.created_at, 1, 7)""",
        params,
    ):
        months.setdefault(key, {}).update(added=added, moved_in=moved or 0, met_through=met or 0)
    rows = {k: ExposureMonth(k, v.get("broadcasts", 0), v.get("added", 0), v.get("moved_in", 0),
                             v.get("met_through", 0)) for k, v in months.items()}
    broadcasts = [
        Broadcast(iid, as_date(day), kind, summary, met or 0, moved or 0)
        for iid, day, kind, summary, met, moved in db.execute(
            f"""SELECT i.id, i.date, i.kind, i.summary,
                       (SELECT count(*) FROM person p WHERE p.met_through_id = i.id AND p.deleted_at IS NULL),
                       (SELECT count(*) FROM person p WHERE p.met_through_id = i.id AND p.deleted_at IS NULL
                           AND ({_RING_INDEX.replace('ring', 'p.ring')}) >
                               (SELECT {_RING_INDEX.replace('ring', 'mv.to_ring')} FROM ring_move mv
                                 WHERE mv.person_id = p.id AND mv.from_ring IS NULL ORDER BY mv.moved_at, mv.id LIMIT 1))
                  FROM interaction i
                 WHERE i.deleted_at IS NULL AND i.kind IN ({_BROADCASTS}) AND i.date >= :start AND i.date < :end""",
            params,
        )
    ]
    return exposure(today, rows, broadcasts)


@writes
def set_met_through(db: Database, person_id: int, interaction_id: int | None) -> int | None:
    """Mark a person as met through a broadcast (None clears it); returns the previous one."""
    row = db.execute("SELECT met_through_id FROM person WHERE id = ? AND deleted_at IS NULL", (person_id,)).fetchone()
    if row is None:
        raise NotFound("This person is no longer there (deleted in another session?).")
    if interaction_id is not None:
        kind = db.execute("SELECT kind FROM interaction WHERE id = ? AND deleted_at IS NULL", (interaction_id,)).fetchone()
        if kind is None:
            raise NotFound(f"There is no journal entry #{interaction_id}.")
        if kind[0] not in BROADCAST_KINDS:
            raise StoreError(f"Entry #{interaction_id} is a {kind[0]}: people are met through a talk, post, article or panel.")
    db.execute("UPDATE person SET met_through_id = ? WHERE id = ?", (interaction_id, person_id))
    return row[0]


# ---------------------------------------------------------------- everything


def review(db: Database, today: date, settings: Settings | None = None) -> Review:
    """The whole monthly review, from one snapshot of the file."""
    with db.snapshot():
        settings = settings or load_settings(db)
        return Review(
            today=today,
            routine=routine(db, today),
            capital=capital(db, today, settings),
            give_and_take=give_take(db, today),
            readiness=ready(db, today, settings),
            exposure=exposure_report(db, today),
        )
