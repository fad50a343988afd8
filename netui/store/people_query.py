"""Lists of people, filtered by the query language (domain.query) and sorted, a page at a
time: the People screen, the Funnel's columns, the palette and ``netui people`` all read
them here. Words go through the people's search index (FTS5); the orders come from
indexes or a small top-N sort, so a page costs about the same for any size of network."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from netui.domain.cadence import effective_cadence
from netui.domain.models import PersonRow
from netui.domain.networks import Network, PeerSide, normalise_company
from netui.domain.query import PeopleFilter, words_of
from netui.domain.rings import Ring
from netui.store.db import Database
from netui.store.values import as_date

SORTS: tuple[str, ...] = ("name", "ring", "last contact", "due")

# Each sort as SQL, ascending; the id last makes every order total (pages never overlap).
_ORDER = {
    "name": "p.sort_key {asc}, p.id {asc}",
    # As written in the index person_live_closeness, so the index gives the order.
    "ring": "(CASE ring WHEN 'buddy' THEN 0 WHEN 'strategic' THEN 1 WHEN 'lukewarm' THEN 2 ELSE 3 END) {asc}, "
            "p.sort_key {asc}, p.id {asc}",
    # Most recent first; never contacted last (SQLite sorts NULL lowest).
    "last contact": "p.last_contact {desc}, p.sort_key {asc}, p.id {asc}",
    # Days left before due, as domain.cadence.days_until_due: someone never contacted is due
    # today, a snooze holds them until its date, and those never due come last.
    "due": "{days_left} IS NULL {asc}, {days_left} {asc}, p.sort_key {asc}, p.id {asc}",
}
_DAYS_LEFT = """(CASE WHEN p.due_on IS NULL THEN NULL ELSE max(
        CASE WHEN p.last_contact IS NULL THEN 0 ELSE julianday(p.due_on) - julianday(:today) - 1 END,
        CASE WHEN p.snoozed_until > :today THEN julianday(p.snoozed_until) - julianday(:today) ELSE -1e9 END) END)"""


@dataclass(frozen=True)
class PeopleList:
    """Which people a list shows, and in what order."""

    filter: PeopleFilter = PeopleFilter()
    sort: str = "name"
    descending: bool = False
    trash: bool = False
    ring: Ring | None = None  # one column of the Funnel
    my_company: str = ""  # tells inside peers from outside ones

    def narrowed(self, **changes: Any) -> PeopleList:
        return replace(self, **changes)


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"*'


def _match(f: PeopleFilter) -> str | None:
    """The FTS5 query for the filter's words, company and tags (every one must hold)."""
    terms = [_phrase(w) for w in f.words]
    terms += [f"company : {_phrase(w)}" for w in f.company]
    terms += [f"tags : {_phrase(w)}" for tag in f.tags for w in words_of(tag)]
    return " AND ".join(terms) or None


def _where(db: Database, spec: PeopleList, today: date) -> tuple[str, dict[str, Any]]:
    f = spec.filter
    where = ["p.deleted_at IS NOT NULL" if spec.trash else "p.deleted_at IS NULL"]
    params: dict[str, Any] = {"today": today.isoformat()}
    match = _match(f)
    if match is not None:
        where.append("p.id IN (SELECT rowid FROM person_fts WHERE person_fts MATCH :match)")
        params["match"] = match
    for i, word in enumerate(f.without):
        where.append(f"p.id NOT IN (SELECT rowid FROM person_fts WHERE person_fts MATCH :without{i})")
        params[f"without{i}"] = _phrase(word)
    # A Funnel column holds its own ring only, whatever other rings the filter names.
    rings = [spec.ring] if spec.ring else list(f.rings)
    if spec.ring and f.rings and spec.ring not in f.rings:
        where.append("0")  # the column's ring is not one the filter asks for
    elif rings:
        where.append(f"p.ring IN ({', '.join(repr(r.value) for r in dict.fromkeys(rings))})")
    for i, network in enumerate(f.networks):
        where.append(f"EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id AND m.network = :net{i})")
        params[f"net{i}"] = network.value
    if f.unsorted:
        where.append("p.member_of = 0")
    if f.due:
        # Spelled so SQLite reads the few due people from the person_due index (ring, due_on)
        # instead of walking everyone. Someone never
        # contacted is due from the day they were added (their due_on), like anyone else.
        where.append("p.due_on IS NOT NULL AND p.ring IN ('cold', 'lukewarm', 'strategic', 'buddy')"
                     " AND p.due_on <= :today AND NOT ifnull(p.snoozed_until > :today, 0)")
    if f.distant:
        where.append("EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id AND m.network = 'mentor'"
                     " AND m.distant)")
    if f.side is not None:
        mine = _my_company_names(db, spec.my_company)
        side_set = "ifnull(m.peer_side, '')"
        inside = (f"({side_set} = 'inside' OR ({side_set} = '' AND p.company IN ({mine})))" if mine
                  else f"{side_set} = 'inside'")
        side = inside if f.side == PeerSide.INSIDE else f"NOT {inside}"
        where.append(f"EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id AND m.network = 'peer' AND {side})")
    return " AND ".join(where), params


def _my_company_names(db: Database, my_company: str) -> str:
    """The spellings of your company as stored (compared as domain.networks does), as SQL."""
    mine = normalise_company(my_company)
    if not mine:
        return ""
    names = [c for (c,) in db.execute("SELECT DISTINCT company FROM membership WHERE network = 'peer' AND live = 1")
             if c and normalise_company(c) == mine]
    return ", ".join("'" + c.replace("'", "''") + "'" for c in names)


def count_matching(db: Database, spec: PeopleList, today: date) -> int:
    where, params = _where(db, spec, today)
    return db.execute(f"SELECT count(*) FROM person p WHERE {where}", params).fetchone()[0]


def _order(spec: PeopleList) -> str:
    asc, desc = ("DESC", "ASC") if spec.descending else ("ASC", "DESC")
    return _ORDER[spec.sort].format(asc=asc, desc=desc, days_left=_DAYS_LEFT)


def page(
    db: Database, spec: PeopleList, today: date, offset: int, limit: int,
    cadence: dict[Ring, int | None] | None = None,
) -> list[PersonRow]:
    """Rows ``offset`` to ``offset + limit`` of the list."""
    where, params = _where(db, spec, today)
    rows = db.execute(
        f"""SELECT p.id, p.name, p.company, p.title, p.ring, p.cadence_override, p.snoozed_until, p.last_contact,
                   (SELECT group_concat(network) FROM membership mm WHERE mm.person_id = p.id),
                   EXISTS (SELECT 1 FROM membership mm WHERE mm.person_id = p.id AND mm.network = 'mentor' AND mm.distant)
              FROM person p WHERE {where} ORDER BY {_order(spec)} LIMIT :limit OFFSET :offset""",
        {**params, "limit": limit, "offset": offset},
    ).fetchall()
    return [_row(r, cadence) for r in rows]


def position(db: Database, spec: PeopleList, today: date, person_id: int) -> int | None:
    """Where ``person_id`` stands in the list (0 first), or None when the list does not hold them."""
    where, params = _where(db, spec, today)
    found = db.execute(f"SELECT 1 FROM person p WHERE p.id = :me AND {where}", {**params, "me": person_id}).fetchone()
    if found is None:
        return None
    order = _order(spec)
    return db.execute(
        f"""SELECT n FROM (SELECT p.id, row_number() OVER (ORDER BY {order}) - 1 AS n FROM person p WHERE {where})
             WHERE id = :me""",
        {**params, "me": person_id},
    ).fetchone()[0]


_NETWORK_ORDER = {n.value: i for i, n in enumerate(Network)}
_RINGS = {r.value: r for r in Ring}
_NETWORKS: dict[str | None, tuple[Network, ...]] = {}  # a person's stored networks, read once per combination


def _networks(stored: str | None) -> tuple[Network, ...]:
    nets = _NETWORKS.get(stored)
    if nets is None:
        nets = _NETWORKS[stored] = tuple(
            Network(n) for n in sorted((stored or "").split(","), key=lambda n: _NETWORK_ORDER.get(n, 9)) if n)
    return nets


def _row(row: tuple, cadence: dict[Ring, int | None] | None) -> PersonRow:
    pid, name, company, title, ring, override, snoozed, last, networks, distant = row
    ring = _RINGS[ring]
    return PersonRow(
        id=pid, name=name, company=company, title=title, ring=ring, networks=_networks(networks),
        last_contact=date.fromisoformat(last[:10]) if isinstance(last, str) and last else as_date(last),
        cadence_days=effective_cadence(ring, override, bool(distant), cadence), distant=bool(distant),
        snoozed_until=as_date(snoozed) if snoozed else None,
    )


def matching_ids(db: Database, spec: PeopleList, today: date) -> list[int]:
    """The ids of everyone the list holds, in its order: "mark all shown" marks these,
    the rows not read yet included."""
    where, params = _where(db, spec, today)
    return [pid for (pid,) in db.execute(f"SELECT p.id FROM person p WHERE {where} ORDER BY {_order(spec)}", params)]
