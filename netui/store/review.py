"""The monthly review, read from the database (decisions in ``netui.domain.review``).

Every part reads a few aggregates or the first few rows of an index: membership's copies
of each person's standing (migration 6), the live-entries indexes of the journal, and the
index over entries marked with a reciprocity (migration 10). Nothing walks the whole
journal, so the review costs about the same for 500 people as for 10,000.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from netui.domain.intro_paths import IntroCandidate, rank_intro_paths
from netui.domain.journal import BROADCAST_KINDS
from netui.domain.networks import NETWORK_ORDER, Network
from netui.domain.review import (
    CAPITAL_KINDS,
    QUIET_DAYS,
    Broadcast,
    Candidate,
    Capital,
    Contact,
    Exposure,
    ExposureMonth,
    GiveAndTake,
    Flow,
    Giver,
    Help,
    capital_cell,
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
    target_view,
)
from netui.domain.rings import RING_ORDER, Ring
from netui.domain.settings import Settings
from netui.domain.text import match_key
from netui.store.db import Database, writes
from netui.store.errors import NotFound, StoreError
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


def _introducers(db: Database, person_id: int, ring: Ring, limit: int) -> list:
    """Intro paths to someone through the people on closer rings who know them (a knows
    link; a shared company alone is not a way in here)."""
    closer = [r.value for r in RING_ORDER if r.index > ring.index]
    if not closer:
        return []
    found = [
        IntroCandidate(pid, name, Ring(other_ring), True, False, as_date(last), note or "")
        for pid, name, other_ring, note, last in db.execute(
            f"""SELECT p.id, p.name, p.ring, k.note, p.last_contact
                  FROM knows k JOIN person p ON p.id = CASE WHEN k.person_id = ? THEN k.other_id ELSE k.person_id END
                 WHERE (k.person_id = ? OR k.other_id = ?) AND p.deleted_at IS NULL AND p.ring IN ({_marks(closer)})""",
            (person_id, person_id, person_id, *closer),
        )
    ]
    return rank_intro_paths(person_id, ring, found, limit)


def _names(db: Database, ids) -> dict[int, str]:
    ids = list(ids)
    if not ids:
        return {}
    return dict(db.execute(f"SELECT id, name FROM person WHERE id IN ({_marks(ids)})", ids))


def _reached(db: Database, today: date) -> dict[str, set[Network]]:
    """For each of the last twelve months, the networks with at least one contact: a live
    entry with a live member, as the keep-in-touch clocks count it. One probe per month
    and network that stops at the first entry found; entries in the trash (usually none)
    are only looked up when there are any."""
    any_deleted = db.execute("SELECT EXISTS (SELECT 1 FROM interaction WHERE deleted_at IS NOT NULL)").fetchone()[0]
    live = (" AND EXISTS (SELECT 1 FROM interaction i WHERE i.id = pa.interaction_id AND i.deleted_at IS NULL)"
            if any_deleted else "")
    out: dict[str, set[Network]] = {}
    for key in last_months(today):
        start = date.fromisoformat(key + "-01")
        end = month_back(start, -1)
        for network in NETWORK_ORDER:
            hit = db.execute(
                # Only members contacted since the month began can have been contacted in it.
                f"""SELECT EXISTS (
                      SELECT 1 FROM membership m INDEXED BY membership_contact
                       CROSS JOIN participant pa ON pa.person_id = m.person_id
                       WHERE m.network = :network AND m.live = 1 AND m.last_contact >= :start
                         AND pa.date >= :start AND pa.date < :end{live})""",
                {"network": network.value, "start": start.isoformat(), "end": end.isoformat()},
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
    known = {}
    if pinned:
        for pid, name, ring, last, due, snoozed in db.execute(
            f"""SELECT id, name, ring, last_contact, due_on, snoozed_until FROM person
                 WHERE deleted_at IS NULL AND id IN ({_marks(pinned)})""",
            pinned,
        ):
            known[pid] = Candidate(pid, name, Ring(ring), as_date(last), as_date(due), as_date(snoozed))
    return plan_routine(today, members, counts, picks, _reached(db, today), pinned=known)


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
    row = db.execute("SELECT id, state FROM review_pick WHERE month = ? AND network = ? AND person_id = ?",
                     (month, network.value, person_id)).fetchone()
    if row is not None and row[1] == PickState.SWAPPED and previous != PickState.SWAPPED:
        # Undoing a swap: the person who came in their place goes again.
        db.execute("DELETE FROM review_pick WHERE month = ? AND network = ? AND id > ? AND state = ?",
                   (month, network.value, row[0], PickState.SUGGESTED))
    if previous is None:
        db.execute("DELETE FROM review_pick WHERE month = ? AND network = ? AND person_id = ?",
                   (month, network.value, person_id))
    else:
        set_pick_state(db, today, network, person_id, previous)


# ---------------------------------------------------------------- 2. social capital


def capital(db: Database, today: date, settings: Settings, shown: int = 3) -> Capital:
    """Each kind of help counted in SQL: its givers, the warm ones, and the first few."""
    params = {"quiet": (today - timedelta(days=QUIET_DAYS)).isoformat()}
    mine = _spellings(db, [settings.my_company])[settings.my_company] if settings.my_company.strip() else []
    order = f"ORDER BY {_RING_INDEX.replace('ring', 'p.ring')} DESC, p.last_contact IS NULL, p.last_contact DESC, p.id"
    warm = "p.ring IN ('strategic', 'buddy') AND p.last_contact >= :quiet"
    cells = []
    gaps = []
    for kind in CAPITAL_KINDS:
        # The givers' ids come from the tag index (and the mentors' memberships): a few
        # thousand at most, each person then read by id.
        if kind.any_tag:
            ids = "SELECT person_id FROM person_tag WHERE kind = 'help'"
            args: list = []
        else:
            ids = f"""SELECT pt.person_id FROM tag t JOIN person_tag pt ON pt.tag_id = t.id
                       WHERE t.name IN ({_marks(kind.tags)}) AND pt.kind = 'help'"""
            args = list(kind.tags)
        if kind.mentors:
            ids += " UNION SELECT person_id FROM membership WHERE network = 'mentor' AND distant = 0"
        where = f"p.id IN ({ids}) AND p.deleted_at IS NULL"
        if kind.side == "inside":
            if not mine:
                cells.append(capital_cell(kind, [], 0, 0, settings.my_company, today))
                continue
            where += f" AND p.company IN ({_marks(mine)})"
            args += mine
        elif kind.side == "outside" and mine:
            where += f" AND p.company NOT IN ({_marks(mine)})"
            args += mine
        named = {f"a{i}": v for i, v in enumerate(args)}
        sql_where = where
        for i in range(len(args)):
            sql_where = sql_where.replace("?", f":a{i}", 1)
        # One pass: the first few givers, with the count and the warm ones over all of them,
        # each person read from a narrow index of their standing (migration 10).
        top = db.execute(
            f"""SELECT p.id, p.ring, p.last_contact, p.company, count(*) OVER (), sum({warm}) OVER ()
                  FROM person p INDEXED BY person_standing WHERE {sql_where} {order} LIMIT {int(shown)}""",
            {**params, **named},
        ).fetchall()
        count, n_warm = (top[0][4], top[0][5] or 0) if top else (0, 0)
        names = _names(db, [row[0] for row in top])
        best = [Giver(pid, names.get(pid, ""), Ring(ring), as_date(last), company) for pid, ring, last, company, _, _ in top]
        cells.append(capital_cell(kind, best, count, n_warm, settings.my_company, today))
        if not n_warm and best and best[0].ring.index < Ring.STRATEGIC.index:
            gaps.append(len(cells) - 1)
    # Gaps whose closest giver is on an outer ring: who could bring you back to them.
    for i in gaps:
        cell = cells[i]
        g = cell.givers[0]
        paths = _introducers(db, g.person_id, g.ring, 1)
        if paths:
            cells[i] = capital_cell(cell.kind, cell.givers, cell.count, cell.warm, settings.my_company, today,
                                    {g.person_id: paths[0]})
    return Capital(tuple(cells))


# ---------------------------------------------------------------- 3. give and take


def give_take(db: Database, today: date, shown: int = 10) -> GiveAndTake:
    """A year of help both ways (domain.review.give_and_take decides). Each participant
    carries a copy of its live entry's reciprocity (migration 10), so every figure is an
    index range over participant or interaction: no row of the journal itself is read,
    except the summaries of the few debts shown."""
    since = today - timedelta(days=365)
    params = {"since": since.isoformat(), "today": today.isoformat()}
    window = "reciprocity = :r AND date > :since AND date <= :today"
    total: dict[str, int] = {}
    per_person: dict[str, dict[int, int]] = {}
    returned: dict[int, date] = {}
    for recip in ("received", "gave", "mutual"):
        p = {**params, "r": recip}
        total[recip] = db.execute(
            f"SELECT count(*) FROM interaction INDEXED BY interaction_live_help WHERE deleted_at IS NULL AND {window}", p
        ).fetchone()[0]
        counts = per_person[recip] = {}
        for pid, n, last in db.execute(
            f"""SELECT person_id, count(*), max(date) FROM participant INDEXED BY participant_help
                 WHERE {window} GROUP BY person_id""",
            p,
        ):
            counts[pid] = n
            if recip != "received":
                day = date.fromisoformat(last[:10])
                if pid not in returned or returned[pid] < day:
                    returned[pid] = day
    p = {**params, "r": "received"}
    thanked = {iid for (iid,) in db.execute(
        f"""SELECT id FROM interaction INDEXED BY interaction_live_help
             WHERE deleted_at IS NULL AND {window} AND follow_up IS NOT NULL AND follow_up_done""",
        p,
    )}
    # Only helps after the person's last return can be owed: compared as ISO text, parsed when kept.
    back = {pid: day.isoformat() for pid, day in returned.items()}
    owed_rows = [
        (iid, pid, day)
        for iid, pid, day in db.execute(
            f"SELECT interaction_id, person_id, date FROM participant INDEXED BY participant_help WHERE {window}", p
        )
        if back.get(pid, "") < day[:10]
    ]
    # Names before the domain orders the debts: one day's are listed by name.
    names = _names(db, sorted({pid for _, pid, _ in owed_rows}))
    helps = [
        Help(iid, pid, names.get(pid, ""), date.fromisoformat(day[:10]), "", iid in thanked)
        for iid, pid, day in owed_rows
    ]
    networks_of: dict[int, list[Network]] = {}
    for pid, network in db.execute("SELECT person_id, network FROM membership WHERE live = 1"):
        networks_of.setdefault(pid, []).append(Network(network))
    trashed = {pid for (pid,) in db.execute("SELECT id FROM person WHERE deleted_at IS NOT NULL")}
    result = give_and_take(since + timedelta(days=1), _flow(total), per_person, returned, helps, networks_of, trashed,
                           shown)
    # Summaries for the debts shown only.
    iids = [t.interaction_id for t in result.thanks_owed]
    summaries = dict(db.execute(f"SELECT id, summary FROM interaction WHERE id IN ({_marks(iids)})", iids)) if iids else {}
    owed = tuple(replace(t, summary=summaries.get(t.interaction_id, "")) for t in result.thanks_owed)
    return replace(result, thanks_owed=owed)


def _flow(counts: dict[str, int]) -> Flow:
    return Flow(counts.get("received", 0), counts.get("gave", 0), counts.get("mutual", 0))


# ---------------------------------------------------------------- 4. readiness


def _spellings(db: Database, wanted: list[str]) -> dict[str, list[str]]:
    """For each wanted company, the spellings of it stored on live people (compared as a
    reader sees them, which SQL cannot do; the distinct names come from an index)."""
    keys: dict[str, list[str]] = {}
    for c in wanted:
        if match_key(c):
            keys.setdefault(match_key(c), []).append(c)
    out: dict[str, list[str]] = {c: [] for c in wanted}
    for (company,) in db.execute(
        "SELECT DISTINCT company FROM person INDEXED BY person_live_company WHERE deleted_at IS NULL AND company <> ''"
    ):
        for target in keys.get(match_key(company), ()):
            out[target].append(company)
    return out


_CONTACT = "SELECT id, name, ring, company, last_contact, due_on FROM person"


def _contacts(rows) -> list[Contact]:
    return [Contact(pid, name, Ring(ring), company, as_date(last), as_date(due))
            for pid, name, ring, company, last, due in rows]


def ready(db: Database, today: date, settings: Settings, shown: int = 3) -> Readiness:
    once: dict[str, str] = {}
    for t in settings.target_companies:
        if match_key(t):
            once.setdefault(match_key(t), t)
    targets = list(once.values())
    spellings = _spellings(db, [settings.my_company, *targets])
    mine = spellings.get(settings.my_company, []) if settings.my_company.strip() else []
    params: dict = {"today": today.isoformat(), "quiet": (today - timedelta(days=QUIET_DAYS)).isoformat()}
    params.update({f"m{i}": c for i, c in enumerate(mine)})
    away = f" AND company NOT IN ({','.join(f':m{i}' for i in range(len(mine)))})" if mine else ""
    outside = f"deleted_at IS NULL AND ring IN ('strategic', 'buddy'){away}"
    in_touch = ("last_contact IS NOT NULL AND ((due_on IS NOT NULL AND due_on > :today)"
                " OR (due_on IS NULL AND last_contact >= :quiet))")
    total, warm = db.execute(f"SELECT count(*), ifnull(sum({in_touch}), 0) FROM person WHERE {outside}", params).fetchone()
    lapsed = _contacts(db.execute(
        f"""{_CONTACT} WHERE {outside} AND NOT ({in_touch})
            ORDER BY {_RING_INDEX} DESC, last_contact IS NULL, last_contact DESC, name LIMIT {int(shown)}""",
        params,
    ))
    views = []
    for company in targets:
        names = spellings.get(company, [])
        if not names:
            views.append(target_view(company, [], [], today))
            continue
        p = {**params, **{f"c{i}": c for i, c in enumerate(names)}}
        there = f"deleted_at IS NULL AND company IN ({','.join(f':c{i}' for i in range(len(names)))})"
        warm_there, touch_there = db.execute(
            f"""SELECT ifnull(max(ring IN ('strategic', 'buddy') AND {in_touch}), 0), ifnull(max({in_touch}), 0)
                  FROM person WHERE {there}""",
            p,
        ).fetchone()
        best = _contacts(db.execute(
            f"""{_CONTACT} WHERE {there}
                ORDER BY ({in_touch}) DESC, {_RING_INDEX} DESC, last_contact IS NULL, last_contact DESC, name
                LIMIT {int(shown)}""",
            p,
        ))
        paths = []
        # Intro paths to the closest few people there who are not close yet.
        for c in _contacts(db.execute(
            f"""{_CONTACT} WHERE {there} AND ring IN ('cold', 'lukewarm')
                ORDER BY {_RING_INDEX} DESC, last_contact IS NULL, last_contact DESC, name LIMIT {int(shown)}""",
            p,
        )):
            paths += [(path, c) for path in _introducers(db, c.person_id, c.ring, 2)]
        views.append(target_view(company, best, paths, today, shown, bool(warm_there), bool(touch_there)))
    return readiness(views, total, warm, lapsed, today)


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
    # A new version, as for any edit: a form open on this person in another session must
    # not save over it unseen.
    db.execute(
        "UPDATE person SET met_through_id = ?, version = version + 1 WHERE id = ? AND met_through_id IS NOT ?",
        (interaction_id, person_id, interaction_id),
    )
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
