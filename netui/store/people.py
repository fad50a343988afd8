"""People: add, read, edit with a version check, move between rings, trash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from netui.domain.cadence import effective_cadence
from netui.domain.journal import BROADCAST_KINDS
from netui.domain.models import (
    EDITABLE_FIELDS,
    BroadcastEntry,
    KnowsLink,
    Membership,
    Person,
    PersonDraft,
    PersonRow,
    RingMoveRecord,
    TagKind,
)
from netui.domain.networks import Network, PeerSide
from netui.domain.rings import Ring, ring_inward, ring_outward
from netui.domain.fuzzy import fold
from netui.domain.text import clean_input, match_key, sort_key
from netui.store import models as m
from netui.store.dates import person_dates, replace_dates, write_dates
from netui.store.db import Database, writes
from netui.store.errors import Conflict, NotFound, StoreError
from netui.store.values import DAMAGED_DATE, as_date, as_datetime
from netui.store.values import now as _now

_TEXT_FIELDS = ("name", "company", "title", "email", "phone", "url", "location", "purpose")


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class PeopleQuery:
    trash: bool = False
    network: Network | None = None
    unsorted: bool = False  # only people in no network
    person_id: int | None = None  # just this one (to refresh a single row)


def list_people(
    db: Database, query: PeopleQuery = PeopleQuery(), cadence: dict[Ring, int | None] | None = None) -> list[PersonRow]:
    """Every live (or trashed) person as a table row, ordered by name.

    One query with correlated sub-selects that hit the (person, date) index; the
    caller filters and sorts in memory, which is instant for tens of thousands of rows.
    """
    where = ["p.deleted_at IS NOT NULL" if query.trash else "p.deleted_at IS NULL"]
    params: list[Any] = []
    if query.network is not None:
        where.append("EXISTS (SELECT 1 FROM membership mm WHERE mm.person_id = p.id AND mm.network = ?)")
        params.append(query.network.value)
    if query.unsorted:
        where.append("NOT EXISTS (SELECT 1 FROM membership mm WHERE mm.person_id = p.id)")
    if query.person_id is not None:
        where.append("p.id = ?")
        params.append(query.person_id)
    sql = f"""
        SELECT p.id, p.name, p.company, p.title, p.ring, p.cadence_override, p.snoozed_until,
               p.last_contact,
               (SELECT group_concat(network) FROM membership mm WHERE mm.person_id = p.id) AS networks,
               EXISTS (SELECT 1 FROM membership mm
                        WHERE mm.person_id = p.id AND mm.network = 'mentor' AND mm.distant) AS distant
          FROM person p
         WHERE {" AND ".join(where)}
         ORDER BY p.name COLLATE NOCASE, p.id
    """
    rows = []
    order = {n.value: i for i, n in enumerate(Network)}
    for pid, name, company, title, ring, override, snoozed, last, networks, distant in db.execute(sql, params):
        ring = Ring(ring)
        nets = tuple(Network(n) for n in sorted((networks or "").split(","), key=lambda n: order.get(n, 9)) if n)
        rows.append(
            PersonRow(
                id=pid,
                name=name,
                company=company,
                title=title,
                ring=ring,
                networks=nets,
                last_contact=as_date(last),
                cadence_days=effective_cadence(ring, override, bool(distant), cadence),
                distant=bool(distant),
                snoozed_until=as_date(snoozed),
            )
        )
    return rows


def count_people(db: Database, trash: bool = False) -> int:
    q = m.Person.select().where(m.Person.deleted_at.is_null(not trash))
    return q.count()


def get_person(db: Database, person_id: int) -> Person:
    row = m.Person.get_or_none(m.Person.id == person_id)
    if row is None:
        raise NotFound(f"No person with id {person_id}; they may have been purged in another session.")
    memberships = tuple(
        Membership(
            network=Network(ms.network),
            peer_side=PeerSide(ms.peer_side) if ms.peer_side else None,
            distant=bool(ms.distant),
        )
        for ms in sorted(
            m.Membership.select().where(m.Membership.person == person_id),
            key=lambda ms: list(Network).index(Network(ms.network)),
        )
    )
    tags = (
        m.PersonTag.select(m.PersonTag.kind, m.Tag.name)
        .join(m.Tag)
        .where(m.PersonTag.person == person_id)
        .order_by(m.PersonTag.id)
        .tuples()
    )
    help_tags = tuple(name for kind, name in tags if kind == TagKind.HELP.value)
    offer_tags = tuple(name for kind, name in tags if kind == TagKind.OFFER.value)
    knows = []
    for link_id, other, other_name, other_ring, note in db.execute(
        """SELECT k.id, p.id, p.name, p.ring, k.note FROM knows k
             JOIN person p ON p.id = CASE WHEN k.person_id = ? THEN k.other_id ELSE k.person_id END
            WHERE (k.person_id = ? OR k.other_id = ?) AND p.deleted_at IS NULL
            ORDER BY k.id""",
        (person_id, person_id, person_id),
    ):
        knows.append(KnowsLink(link_id, other, other_name, Ring(other_ring), note))
    history = tuple(
        RingMoveRecord(
            id=mv.id,
            person_id=person_id,
            from_ring=Ring(mv.from_ring) if mv.from_ring else None,
            to_ring=Ring(mv.to_ring),
            moved_at=as_datetime(mv.moved_at),
            reason=mv.reason,
        )
        for mv in m.RingMove.select().where(m.RingMove.person == person_id).order_by(m.RingMove.moved_at, m.RingMove.id)
    )
    introducer = None
    if row.introduced_by_id is not None:
        introducer = m.Person.get_or_none(m.Person.id == row.introduced_by_id)
    met_through = broadcast_entry(db, row.met_through_id) if row.met_through_id is not None else None
    return Person(
        id=row.id,
        name=row.name,
        ring=Ring(row.ring),
        version=row.version,
        company=row.company,
        title=row.title,
        email=row.email,
        phone=row.phone,
        url=row.url,
        location=row.location,
        purpose=row.purpose,
        notes=row.notes,
        cadence_override=row.cadence_override,
        introduced_by_id=row.introduced_by_id,
        introduced_by_name=introducer.name if introducer else "",
        met_through_id=row.met_through_id,
        met_through=met_through,
        created_at=as_datetime(row.created_at),
        updated_at=as_datetime(row.updated_at),
        deleted_at=as_datetime(row.deleted_at),
        snoozed_until=as_date(row.snoozed_until),
        memberships=memberships,
        help_tags=help_tags,
        offer_tags=offer_tags,
        knows=tuple(knows),
        ring_history=history,
        last_contact=as_date(row.last_contact),
        extra=row.extra,
        dates=tuple(person_dates(db, person_id)),
    )


def broadcast_entry(db: Database, interaction_id: int) -> BroadcastEntry | None:
    """The journal entry a person was met through (None when it was purged)."""
    row = db.execute(
        "SELECT id, date, kind, summary, deleted_at FROM interaction WHERE id = ?", (interaction_id,)
    ).fetchone()
    if row is None:
        return None
    iid, day, kind, summary, deleted = row
    return BroadcastEntry(iid, as_date(day) or DAMAGED_DATE, kind, summary or "", deleted is not None)


def check_broadcast(db: Database, interaction_id: int) -> None:
    """Refuse to mark someone as met through an entry that is gone or is not a broadcast."""
    row = db.execute("SELECT kind FROM interaction WHERE id = ? AND deleted_at IS NULL", (interaction_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no journal entry #{interaction_id}, or it is in the trash.")
    if row[0] not in BROADCAST_KINDS:
        raise StoreError(
            f"Entry #{interaction_id} is a {row[0]}: people are met through a talk, post, article or panel."
        )


def find_by_name(db: Database, name: str) -> list[PersonRow]:
    """Live people whose name matches ``name`` as a reader would see it (case, spacing,
    invisible characters and Unicode forms ignored)."""
    key = match_key(name)
    ids = [pid for (pid,) in db.execute(
        "SELECT id FROM person WHERE name_key = ? AND deleted_at IS NULL ORDER BY id", (key,)
    )]
    return [row for pid in ids for row in list_people(db, PeopleQuery(person_id=pid))]


def people_named(db: Database, text: str) -> list[tuple[int, str, str]]:
    """(id, name, company) of the live people ``text`` names exactly: ``#ID``, or a name as a
    reader sees it (case, spacing, accents' encoding and invisible characters ignored).
    Looked up by index, so it costs the same for any size of network."""
    typed = clean_input(text)
    if typed.startswith("#") and typed[1:].isdigit():
        return list(db.execute(
            "SELECT id, name, company FROM person WHERE id = ? AND deleted_at IS NULL", (int(typed[1:]),)
        ))
    return list(db.execute(
        "SELECT id, name, company FROM person WHERE name_key = ? AND deleted_at IS NULL ORDER BY id", (match_key(typed),)
    ))


def find_people(db: Database, typed: str, limit: int = 6, exclude: tuple[int, ...] = ()) -> list[tuple[int, str, str]]:
    """(id, name, company) of the live people whose names match what is being typed, best
    first: the name itself, then a word of it starting with ``typed``, then every typed word
    somewhere in it, then the typed letters in order (`adlv` finds `Ada Lovelace`). Accents
    and case are ignored (`zoe` finds `Zoë`); ties go alphabetically. One pass over an index
    of the folded names (migration 14), however many people there are."""
    wanted = fold(typed)
    if not wanted:
        return []
    words = wanted.split()
    in_order = "%" + "%".join(_like_escape(ch) for ch in wanted.replace(" ", "")) + "%"
    every_word = " AND ".join("instr(sort_key, ?) > 0" for _ in words)
    skip = f"AND id NOT IN ({','.join('?' * len(exclude))})" if exclude else ""
    return list(db.execute(
        f"""SELECT id, name, company FROM person
             WHERE deleted_at IS NULL AND (sort_key LIKE ? ESCAPE '\\' OR ({every_word})) {skip}
             ORDER BY CASE WHEN sort_key = ? THEN 0
                           WHEN substr(sort_key, 1, ?) = ? OR instr(sort_key, ?) > 0 THEN 1
                           WHEN {every_word} THEN 2 ELSE 3 END,
                      sort_key, id
             LIMIT ?""",
        (in_order, *words, *exclude, wanted, len(wanted), wanted, " " + wanted, *words, limit),
    ))


def complete_name(db: Database, typed: str) -> str | None:
    """The first live name, alphabetically, that starts with ``typed`` (accents and case
    ignored): what a name field offers to complete. Read by index."""
    wanted = sort_key(" ".join(clean_input(typed).split()))
    if not wanted.strip():
        return None
    row = db.execute(
        """SELECT name FROM person WHERE deleted_at IS NULL AND sort_key >= ? AND sort_key < ? || char(1114111)
            ORDER BY sort_key, id LIMIT 1""",
        (wanted, wanted),
    ).fetchone()
    return row[0] if row else None


def names_of(db: Database, ids: tuple[int, ...] | list[int]) -> dict[int, str]:
    """The names of those of ``ids`` who are live people."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    return dict(db.execute(
        f"SELECT id, name FROM person WHERE deleted_at IS NULL AND id IN ({','.join('?' * len(ids))})", ids
    ))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def name_index(db: Database) -> list[tuple[int, str, str]]:
    """(id, name, company) of every live person, for the command palette."""
    return list(
        m.Person.select(m.Person.id, m.Person.name, m.Person.company)
        .where(m.Person.deleted_at.is_null())
        .order_by(m.Person.name)
        .tuples()
    )


# ---------------------------------------------------------------- writing


def _clean_draft_value(field: str, value: Any) -> Any:
    if field in _TEXT_FIELDS:
        return clean_input(value)
    if field == "notes":
        return clean_input(value, multiline=True)
    return value


def _write_memberships(person_id: int, memberships: tuple[Membership, ...]) -> None:
    m.Membership.delete().where(m.Membership.person == person_id).execute()
    seen = set()
    for ms in memberships:
        if ms.network in seen:
            continue
        seen.add(ms.network)
        m.Membership.create(
            person=person_id,
            network=ms.network.value,
            peer_side=ms.peer_side.value if ms.peer_side and ms.network == Network.PEER else None,
            distant=bool(ms.distant and ms.network == Network.MENTOR),
        )


def _write_tags(person_id: int, kind: TagKind, tags: tuple[str, ...]) -> None:
    m.PersonTag.delete().where((m.PersonTag.person == person_id) & (m.PersonTag.kind == kind.value)).execute()
    for name in tags:
        name = " ".join(clean_input(name).lower().split())
        if not name:
            continue
        tag, _ = m.Tag.get_or_create(name=name)
        m.PersonTag.insert(person=person_id, tag=tag.id, kind=kind.value).on_conflict_ignore().execute()


@writes
def add_person(db: Database, draft: PersonDraft, now: datetime | None = None) -> int:
    now = now or _now()
    name = clean_input(draft.name)
    if not name:
        raise StoreError("A name is required.")
    if draft.introduced_by_id is not None and not m.Person.get_or_none(m.Person.id == draft.introduced_by_id):
        raise NotFound("The person named as introducer no longer exists.")
    if draft.met_through_id is not None:
        check_broadcast(db, draft.met_through_id)
    row = m.Person.create(
        name=name,
        name_key=match_key(name),
        sort_key=sort_key(name),
        company=clean_input(draft.company),
        title=clean_input(draft.title),
        email=clean_input(draft.email),
        phone=clean_input(draft.phone),
        url=clean_input(draft.url),
        location=clean_input(draft.location),
        purpose=clean_input(draft.purpose),
        notes=clean_input(draft.notes, multiline=True),
        ring=draft.ring.value,
        cadence_override=draft.cadence_override,
        introduced_by=draft.introduced_by_id,
        met_through_id=draft.met_through_id,
        extra=draft.extra,
        created_at=now,
        updated_at=now,
        version=1,
    )
    _write_memberships(row.id, draft.memberships)
    _write_tags(row.id, TagKind.HELP, draft.help_tags)
    _write_tags(row.id, TagKind.OFFER, draft.offer_tags)
    m.RingMove.create(person=row.id, from_ring=None, to_ring=draft.ring.value, moved_at=now, reason="added")
    write_dates(row.id, draft.dates, now)
    return row.id


def _field_value(person: Person, field: str) -> Any:
    value = getattr(person, field)
    if isinstance(value, Ring):
        return value.value
    if field == "dates":
        return tuple(d.draft() for d in value)
    return value


def _normalise(field: str, value: Any) -> Any:
    if isinstance(value, Ring):
        return value.value
    if field == "dates":
        return tuple(sorted((d.kind.value, d.label.lower(), d.label, d.when.iso(), d.yearly, d.lead_days) for d in value))
    if field == "memberships":
        return tuple(sorted(value, key=lambda ms: list(Network).index(ms.network)))
    return value


@writes
def update_person(db: Database, person_id: int, base: Person, changes: dict[str, Any], now: datetime | None = None) -> Person:
    """Save the fields in ``changes`` that differ from ``base`` (what the editor saw).

    If another session saved in between, fields it did not touch still merge; a field
    both changed to different values raises Conflict with both values, and nothing is saved.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changes = {f: _clean_draft_value(f, v) for f, v in changes.items()}
    if "name" in changes and not changes["name"]:
        raise StoreError("A name is required.")
    wanted = {f: v for f, v in changes.items() if _normalise(f, v) != _normalise(f, _field_value(base, f))}
    current = get_person(db, person_id)
    if current.deleted_at is not None:
        raise Conflict(f"{current.name} was moved to the trash in another session; restore them to edit.")
    if not wanted:
        return current
    if current.version != base.version:
        clashes = {}
        for field, value in wanted.items():
            theirs = _normalise(field, _field_value(current, field))
            seen = _normalise(field, _field_value(base, field))
            if theirs != seen and theirs != _normalise(field, value):
                clashes[field] = (_field_value(current, field), value)
        if clashes:
            names = ", ".join(clashes)
            raise Conflict(
                f"{current.name} was changed in another session since you opened it ({names}); nothing was saved.",
                clashes,
            )
    now = now or _now()
    columns: dict[Any, Any] = {}
    for field, value in wanted.items():
        if field in ("memberships", "help_tags", "offer_tags", "dates"):
            continue
        if field == "ring":
            columns[m.Person.ring] = Ring(value).value
        elif field == "introduced_by_id":
            if value == person_id:
                raise StoreError("A person cannot have introduced themselves.")
            columns[m.Person.introduced_by] = value
        elif field == "met_through_id":
            if value is not None:
                check_broadcast(db, value)
            columns[m.Person.met_through_id] = value
        else:
            columns[getattr(m.Person, field)] = value
    if "name" in wanted:
        columns[m.Person.name_key] = match_key(wanted["name"])
        columns[m.Person.sort_key] = sort_key(wanted["name"])
    columns[m.Person.updated_at] = now
    columns[m.Person.version] = m.Person.version + 1
    updated = (
        m.Person.update(columns)
        .where((m.Person.id == person_id) & (m.Person.version == current.version))
        .execute()
    )
    if updated != 1:  # pragma: no cover - the IMMEDIATE lock makes this a true race only without it
        raise Conflict(f"{current.name} changed while saving; nothing was saved.")
    if "memberships" in wanted:
        _write_memberships(person_id, wanted["memberships"])
    if "help_tags" in wanted:
        _write_tags(person_id, TagKind.HELP, wanted["help_tags"])
    if "offer_tags" in wanted:
        _write_tags(person_id, TagKind.OFFER, wanted["offer_tags"])
    if "dates" in wanted:
        replace_dates(person_id, tuple(wanted["dates"]), now)
    if "ring" in wanted and Ring(wanted["ring"]).value != current.ring.value:
        m.RingMove.create(
            person=person_id, from_ring=current.ring.value, to_ring=Ring(wanted["ring"]).value, moved_at=now, reason="edited"
        )
    return get_person(db, person_id)


@writes
def edit_person(db: Database, person_id: int, base: Person, changes: dict[str, Any]) -> tuple[Person, Person]:
    """``update_person``, also returning the person as they were just before it (what an
    undo puts back), read in the same transaction."""
    before = get_person(db, person_id)
    return before, update_person(db, person_id, base, changes)


def edited_fields(before: Person, after: Person) -> tuple[str, ...]:
    """The fields an edit changed, in form order."""
    return tuple(
        f for f in EDITABLE_FIELDS if _normalise(f, _field_value(before, f)) != _normalise(f, _field_value(after, f))
    )


@writes
def revert_person_edit(db: Database, before: Person, after: Person) -> Person:
    """Undo an edit that turned ``before`` into ``after``: put back what it changed. A field
    another session has changed since is a Conflict, and nothing is put back."""
    changes = {f: _field_value(before, f) for f in edited_fields(before, after)}
    if "ring" in changes:
        changes["ring"] = Ring(changes["ring"])
    return update_person(db, after.id, after, changes)


@writes
def move_ring(
    db: Database,
    person_id: int, to_ring: Ring, *, expected: Ring | None = None, reason: str = "", now: datetime | None = None
) -> RingMoveRecord:
    """Put a person on ``to_ring`` and record the move.

    ``expected`` is the ring the caller believes they are on: if another session moved
    them meanwhile, the move is refused rather than applied on top.
    """
    row = m.Person.get_or_none(m.Person.id == person_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("That person is no longer there; they may have been deleted in another session.")
    from_ring = Ring(row.ring)
    if expected is not None and from_ring != expected:
        raise Conflict(f"{row.name} was moved to {from_ring.value} in another session; nothing was changed.")
    if from_ring == to_ring:
        raise StoreError(f"{row.name} is already {to_ring.value}.")
    now = now or _now()
    m.Person.update(ring=to_ring.value, version=m.Person.version + 1, updated_at=now).where(
        m.Person.id == person_id
    ).execute()
    move = m.RingMove.create(
        person=person_id, from_ring=from_ring.value, to_ring=to_ring.value, moved_at=now, reason=clean_input(reason)
    )
    return RingMoveRecord(move.id, person_id, from_ring, to_ring, now, move.reason)


def step_ring(db: Database, person_id: int, inward: bool, *, expected: Ring, reason: str = "", now: datetime | None = None) -> RingMoveRecord:
    """Move one ring in or out from ``expected``."""
    target = ring_inward(expected) if inward else ring_outward(expected)
    if target is None:
        edge = "innermost" if inward else "outermost"
        raise StoreError(f"Already on the {edge} ring ({expected.value}).")
    return move_ring(db, person_id, target, expected=expected, reason=reason, now=now)


@writes
def undo_ring_move(db: Database, move_id: int) -> Ring:
    """Put the person back where the move found them and forget the move."""
    move = m.RingMove.get_or_none(m.RingMove.id == move_id)
    if move is None or move.from_ring is None:
        raise NotFound("That move can no longer be undone.")
    person = m.Person.get_by_id(move.person_id)
    if person.ring != move.to_ring:
        raise Conflict(f"{person.name} has moved again since; nothing was undone.")
    m.Person.update(ring=move.from_ring, version=m.Person.version + 1, updated_at=_now()).where(
        m.Person.id == move.person_id
    ).execute()
    move.delete_instance()
    return Ring(move.from_ring)


@writes
def trash_person(db: Database, person_id: int, now: datetime | None = None) -> None:
    n = (
        m.Person.update(deleted_at=now or _now(), version=m.Person.version + 1)
        .where((m.Person.id == person_id) & m.Person.deleted_at.is_null())
        .execute()
    )
    if n != 1:
        raise NotFound("That person is already in the trash or gone.")


@writes
def restore_person(db: Database, person_id: int) -> None:
    n = (
        m.Person.update(deleted_at=None, version=m.Person.version + 1)
        .where((m.Person.id == person_id) & m.Person.deleted_at.is_null(False))
        .execute()
    )
    if n != 1:
        raise NotFound("That person is not in the trash any more.")


@writes
def purge_person(db: Database, person_id: int) -> None:
    """Delete for good: the person, their memberships, moves, links and tags.

    Interactions they shared with others stay; ones with nobody left are deleted too.
    """
    row = m.Person.get_or_none(m.Person.id == person_id)
    if row is None or row.deleted_at is None:
        raise StoreError("Only people in the trash can be purged.")
    orphans = [
        iid
        for (iid,) in db.execute(
            """SELECT pa.interaction_id FROM participant pa WHERE pa.person_id = ?
               AND NOT EXISTS (SELECT 1 FROM participant o
                                WHERE o.interaction_id = pa.interaction_id AND o.person_id <> ?)""",
            (person_id, person_id),
        )
    ]
    row.delete_instance()
    if orphans:
        m.Interaction.delete().where(m.Interaction.id.in_(orphans)).execute()


@writes
def empty_trash(db: Database) -> int:
    ids = [r.id for r in m.Person.select(m.Person.id).where(m.Person.deleted_at.is_null(False))]
    for pid in ids:
        purge_person(db, pid)
    return len(ids)


@writes
def link_knows(db: Database, person_id: int, other_id: int, note: str = "") -> int:
    if person_id == other_id:
        raise StoreError("A person cannot be linked to themselves.")
    a, b = sorted((person_id, other_id))
    existing = m.Knows.get_or_none((m.Knows.person == a) & (m.Knows.other == b))
    if existing:
        existing.note = clean_input(note) or existing.note
        existing.save()
        return existing.id
    return m.Knows.create(person=a, other=b, note=clean_input(note)).id


@writes
def unlink_knows(db: Database, link_id: int) -> None:
    m.Knows.delete().where(m.Knows.id == link_id).execute()


def draft_from_person(person: Person) -> PersonDraft:
    fields = {f: getattr(person, f) for f in PersonDraft.__dataclass_fields__}
    fields["dates"] = tuple(d.draft() for d in person.dates)
    return PersonDraft(**fields)



# ---------------------------------------------------------------- many at once
#
# The People list acts on every marked person in one transaction, and one undo puts them
# all back. Each function returns what it changed, which is what its undo takes.

_CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound values


def _chunks(ids: list[int] | tuple[int, ...]) -> list[list[int]]:
    ids = list(dict.fromkeys(ids))
    return [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def _marks(ids: list[int]) -> str:
    return ", ".join("?" for _ in ids)


def _live_rows(db: Database, ids: list[int] | tuple[int, ...], columns: str = "id") -> list[tuple]:
    out: list[tuple] = []
    for chunk in _chunks(ids):
        out += db.execute(
            f"SELECT {columns} FROM person WHERE deleted_at IS NULL AND id IN ({_marks(chunk)}) ORDER BY id", chunk
        ).fetchall()
    return out


def _touch(db: Database, ids: list[int] | tuple[int, ...], now: datetime) -> None:
    """A new version for each changed person, so an edit form opened before merges or refuses."""
    for chunk in _chunks(ids):
        db.execute(
            f"UPDATE person SET version = version + 1, updated_at = ? WHERE id IN ({_marks(chunk)})", [now, *chunk]
        )


def _move_many(db: Database, targets: dict[int, tuple[Ring, Ring]], reason: str, now: datetime) -> tuple[int, ...]:
    """Move each person from the first ring to the second; the ids of the moves recorded."""
    by_target: dict[Ring, list[int]] = {}
    for pid, (_, to_ring) in targets.items():
        by_target.setdefault(to_ring, []).append(pid)
    for to_ring, pids in by_target.items():
        for chunk in _chunks(pids):
            db.execute(
                f"UPDATE person SET ring = ?, version = version + 1, updated_at = ? WHERE id IN ({_marks(chunk)})",
                [to_ring.value, now, *chunk],
            )
    moves = []
    reason = clean_input(reason)
    for pid, (from_ring, to_ring) in targets.items():
        cursor = db.execute(
            "INSERT INTO ring_move (person_id, from_ring, to_ring, moved_at, reason) VALUES (?, ?, ?, ?, ?)",
            (pid, from_ring.value, to_ring.value, now, reason),
        )
        moves.append(cursor.lastrowid)
    return tuple(moves)


@writes
def step_rings(
    db: Database, person_ids: list[int] | tuple[int, ...], inward: bool, *, reason: str = "", now: datetime | None = None
) -> tuple[int, ...]:
    """Move each live person one ring in (or out) from where they are; those already on the
    innermost (outermost) ring stay. The ids of the moves recorded, for ``undo_ring_moves``."""
    targets: dict[int, tuple[Ring, Ring]] = {}
    for pid, ring in _live_rows(db, person_ids, "id, ring"):
        target = ring_inward(Ring(ring)) if inward else ring_outward(Ring(ring))
        if target is not None:
            targets[pid] = (Ring(ring), target)
    return _move_many(db, targets, reason, now or _now())


@writes
def move_rings(
    db: Database, person_ids: list[int] | tuple[int, ...], to_ring: Ring, *, reason: str = "", now: datetime | None = None
) -> tuple[int, ...]:
    """Put every live person on ``to_ring`` (those on it already stay); the moves recorded."""
    targets = {pid: (Ring(ring), to_ring) for pid, ring in _live_rows(db, person_ids, "id, ring") if ring != to_ring.value}
    return _move_many(db, targets, reason, now or _now())


@writes
def undo_ring_moves(db: Database, move_ids: tuple[int, ...]) -> int:
    """Put everyone back where these moves found them and forget the moves: all of them, or
    none when one of the people has moved again since."""
    moves: list[tuple] = []
    for chunk in _chunks(move_ids):
        moves += db.execute(
            f"""SELECT mv.id, mv.person_id, mv.from_ring, mv.to_ring, p.ring, p.name
                  FROM ring_move mv JOIN person p ON p.id = mv.person_id WHERE mv.id IN ({_marks(chunk)})""",
            chunk,
        ).fetchall()
    if len(moves) != len(set(move_ids)):
        raise NotFound("Those moves can no longer be undone.")
    for _, _, from_ring, to_ring, now_on, name in moves:
        if from_ring is None or now_on != to_ring:
            raise Conflict(f"{name} has moved again since; nothing was undone.")
    now = _now()
    by_ring: dict[str, list[int]] = {}
    for _, pid, from_ring, _, _, _ in moves:
        by_ring.setdefault(from_ring, []).append(pid)
    for ring, pids in by_ring.items():
        for chunk in _chunks(pids):
            db.execute(
                f"UPDATE person SET ring = ?, version = version + 1, updated_at = ? WHERE id IN ({_marks(chunk)})",
                [ring, now, *chunk],
            )
    for chunk in _chunks(move_ids):
        db.execute(f"DELETE FROM ring_move WHERE id IN ({_marks(chunk)})", chunk)
    return len(moves)


@dataclass(frozen=True)
class NetworkChange:
    """What ``toggle_network`` did: the people it put in ``network``, or the memberships it
    took away (person, peer side, distant), so that ``undo_network_change`` can put them back."""

    network: Network
    added: tuple[int, ...] = ()
    removed: tuple[tuple[int, str | None, bool], ...] = ()

    @property
    def count(self) -> int:
        return len(self.added) or len(self.removed)


@writes
def toggle_network(
    db: Database, person_ids: list[int] | tuple[int, ...], network: Network, now: datetime | None = None
) -> NetworkChange:
    """Put every live person in ``network``; when all of them are in it already, take them
    all out of it instead (a key that works like a switch, for one person or many)."""
    live = [pid for (pid,) in _live_rows(db, person_ids)]
    if not live:
        raise NotFound("Nobody left to change: they may have been deleted in another session.")
    members: dict[int, tuple[str | None, bool]] = {}
    for chunk in _chunks(live):
        for pid, side, distant in db.execute(
            f"SELECT person_id, peer_side, distant FROM membership WHERE network = ? AND person_id IN ({_marks(chunk)})",
            [network.value, *chunk],
        ):
            members[pid] = (side, bool(distant))
    now = now or _now()
    if len(members) == len(live):
        for chunk in _chunks(live):
            db.execute(
                f"DELETE FROM membership WHERE network = ? AND person_id IN ({_marks(chunk)})", [network.value, *chunk]
            )
        _touch(db, live, now)
        return NetworkChange(network, removed=tuple((pid, *members[pid]) for pid in live))
    added = tuple(pid for pid in live if pid not in members)
    db.orm.connection().executemany(
        "INSERT INTO membership (person_id, network, peer_side, distant) VALUES (?, ?, NULL, 0)",
        [(pid, network.value) for pid in added],
    )
    _touch(db, added, now)
    return NetworkChange(network, added=added)


@writes
def undo_network_change(db: Database, change: NetworkChange) -> int:
    """Take the people ``toggle_network`` added back out, or put back what it took away."""
    now = _now()
    if change.added:
        for chunk in _chunks(change.added):
            db.execute(
                f"DELETE FROM membership WHERE network = ? AND person_id IN ({_marks(chunk)})",
                [change.network.value, *chunk],
            )
        _touch(db, change.added, now)
        return len(change.added)
    there = {pid for (pid,) in _live_rows(db, [pid for pid, _, _ in change.removed])}
    rows = [(pid, change.network.value, side, int(distant)) for pid, side, distant in change.removed if pid in there]
    db.orm.connection().executemany(
        "INSERT OR IGNORE INTO membership (person_id, network, peer_side, distant) VALUES (?, ?, ?, ?)", rows
    )
    _touch(db, [r[0] for r in rows], now)
    return len(rows)


def _tag_id(name: str) -> int | None:
    name = " ".join(clean_input(name).lower().split())
    if not name:
        return None
    tag, _ = m.Tag.get_or_create(name=name)
    return tag.id


@writes
def tag_people(
    db: Database, person_ids: list[int] | tuple[int, ...], tag: str, kind: TagKind = TagKind.HELP,
    now: datetime | None = None,
) -> tuple[int, ...]:
    """Give every live person the tag (as ``kind``); the ids of those who did not have it."""
    tag_id = _tag_id(tag)
    if tag_id is None:
        raise StoreError("A tag needs a name.")
    live = [pid for (pid,) in _live_rows(db, person_ids)]
    had: set[int] = set()
    for chunk in _chunks(live):
        had.update(pid for (pid,) in db.execute(
            f"SELECT person_id FROM person_tag WHERE tag_id = ? AND kind = ? AND person_id IN ({_marks(chunk)})",
            [tag_id, kind.value, *chunk],
        ))
    added = tuple(pid for pid in live if pid not in had)
    db.orm.connection().executemany(
        "INSERT INTO person_tag (person_id, tag_id, kind) VALUES (?, ?, ?)", [(pid, tag_id, kind.value) for pid in added]
    )
    _touch(db, added, now or _now())
    return added


@writes
def untag_people(db: Database, person_ids: tuple[int, ...], tag: str, kind: TagKind = TagKind.HELP) -> int:
    """Take the tag (as ``kind``) off these people: the undo of ``tag_people``."""
    tag_id = _tag_id(tag)
    if tag_id is None:
        return 0
    for chunk in _chunks(person_ids):
        db.execute(
            f"DELETE FROM person_tag WHERE tag_id = ? AND kind = ? AND person_id IN ({_marks(chunk)})",
            [tag_id, kind.value, *chunk],
        )
    _touch(db, person_ids, _now())
    return len(person_ids)


@writes
def trash_people(db: Database, person_ids: list[int] | tuple[int, ...], now: datetime | None = None) -> tuple[int, ...]:
    """Move every live one of these people to the trash; their ids, for ``restore_people``."""
    live = tuple(pid for (pid,) in _live_rows(db, person_ids))
    if not live:
        raise NotFound("They are already in the trash or gone.")
    now = now or _now()
    for chunk in _chunks(live):
        db.execute(
            f"UPDATE person SET deleted_at = ?, version = version + 1 WHERE id IN ({_marks(chunk)})", [now, *chunk]
        )
    return live


@writes
def restore_people(db: Database, person_ids: tuple[int, ...]) -> int:
    """Bring these people back from the trash (those purged meanwhile are gone for good)."""
    restored = 0
    for chunk in _chunks(person_ids):
        restored += db.execute(
            f"UPDATE person SET deleted_at = NULL, version = version + 1 "
            f"WHERE deleted_at IS NOT NULL AND id IN ({_marks(chunk)})", chunk,
        ).rowcount
    if not restored:
        raise NotFound("They are not in the trash any more.")
    return restored
