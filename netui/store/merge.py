"""Likely duplicates, and merging two records of one person into one (undoably).

A merge is one transaction: the kept record takes the chosen fields, both journals, both
ring histories, every knows-link, tag, network and imported extra field; the other record
is deleted. What the merge changed is returned as a ``MergeUndo``, which ``undo_merge``
reverses exactly (the other person comes back under their own id)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rapidfuzz import fuzz, process

from netui.domain.merge import (
    NAME_SCORE,
    Candidate,
    email_key,
    merged_extra,
    merged_values,
    name_key,
    phone_key,
    union,
    url_key,
)
from netui.domain.models import Membership, Person, TagKind
from netui.domain.networks import normalise_company
from netui.domain.rings import Ring
from netui.domain.text import match_key, sort_key
from netui.store import models as m
from netui.store.db import Database, writes
from netui.store.errors import Conflict, NotFound, StoreError
from netui.store.people import _write_memberships, _write_tags, get_person
from netui.store.values import now as _now

# ---------------------------------------------------------------- finding

# More people than this with one email, profile, phone or name are not one person twice
# but a shared address (info@…) or a common name: they are not listed as duplicates.
MAX_GROUP = 4


@dataclass(frozen=True)
class DuplicatePair:
    first: Candidate
    second: Candidate
    reasons: tuple[str, ...]  # "same email", "same LinkedIn profile", "same phone", "same name", "close names at Acme"


def find_duplicates(db: Database) -> list[DuplicatePair]:
    """Pairs of live people who are likely one person, the strongest reasons first:
    the same email, the same profile URL, the same phone, the same name, or names that
    are very close (rapidfuzz) at the same company."""
    with db.snapshot():
        rows = list(db.execute(
            "SELECT id, name, company, ring, email, url, phone FROM person WHERE deleted_at IS NULL ORDER BY id"
        ))
    people = {pid: Candidate(pid, name, company, Ring(ring)) for pid, name, company, ring, *_ in rows}
    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)

    def same(key_of, values, reason_of) -> None:
        groups: dict[str, list[int]] = defaultdict(list)
        for pid, value in values:
            key = key_of(value) if value else ""
            if key:
                groups[key].append(pid)
        for key, ids in groups.items():
            if len(ids) > MAX_GROUP:  # a shared address or a common name, not one person
                continue
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    reasons[(a, b)].append(reason_of(key))

    same(email_key, ((r[0], r[4]) for r in rows), lambda _k: "same email")
    same(url_key, ((r[0], r[5]) for r in rows),
         lambda k: "same LinkedIn profile" if "linkedin." in k else "same profile URL")
    same(phone_key, ((r[0], r[6]) for r in rows), lambda _k: "same phone")
    same(match_key, ((r[0], r[1]) for r in rows), lambda _k: "same name")

    by_company: dict[str, list[int]] = defaultdict(list)
    for pid, _name, company, *_ in rows:
        if normalise_company(company):
            by_company[normalise_company(company)].append(pid)
    for ids in by_company.values():
        if len(ids) < 2:
            continue
        keys = [name_key(people[pid].name) for pid in ids]
        for i, key in enumerate(keys[:-1]):
            rest = keys[i + 1:]
            for _match, _score, j in process.extract(key, rest, scorer=fuzz.token_sort_ratio,
                                                     score_cutoff=NAME_SCORE, limit=None):
                if rest[j] != key:
                    reasons[(ids[i], ids[i + 1 + j])].append(f"close names at {people[ids[i]].company}")
    strength = {"same email": 0, "same LinkedIn profile": 0, "same profile URL": 1, "same phone": 1, "same name": 2}
    pairs = [DuplicatePair(people[a], people[b], tuple(rs)) for (a, b), rs in reasons.items()]
    pairs.sort(key=lambda p: (min(strength.get(r, 3) for r in p.reasons) - len(p.reasons) / 10,
                              sort_key(p.first.name), p.first.id, p.second.id))
    return pairs


# ---------------------------------------------------------------- merging


@dataclass(frozen=True)
class MergePlan:
    """What merging ``other`` into ``keep`` gives, before it is done."""

    keep: Person
    other: Person
    values: dict[str, Any]  # every merge field's value afterwards
    help_tags: tuple[str, ...]
    offer_tags: tuple[str, ...]
    networks: tuple[str, ...]
    interactions: int  # entries the merged person will be in
    ring_moves: int
    knows: tuple[str, ...]  # names of the people the merged person will know


def merge_plan(db: Database, keep_id: int, other_id: int, choices: dict[str, str] | None = None) -> MergePlan:
    with db.snapshot():
        keep, other = _pair(db, keep_id, other_id)
        values = merged_values(keep, other, choices)
        interactions = db.execute(
            """SELECT count(DISTINCT pa.interaction_id) FROM participant pa JOIN interaction i ON i.id = pa.interaction_id
                WHERE pa.person_id IN (?, ?) AND i.deleted_at IS NULL""", (keep_id, other_id)).fetchone()[0]
        moves = db.execute("SELECT count(*) FROM ring_move WHERE person_id IN (?, ?)", (keep_id, other_id)).fetchone()[0]
    knows = tuple(dict.fromkeys(
        link.other_name for link in (*keep.knows, *other.knows) if link.other_id not in (keep_id, other_id)))
    networks = tuple(n.value for n in union(keep.networks, other.networks))
    ring_change = 1 if values["ring"] != keep.ring.value else 0
    return MergePlan(keep, other, values, union(keep.help_tags, other.help_tags),
                     union(keep.offer_tags, other.offer_tags), networks, interactions, moves + ring_change, knows)


def _pair(db: Database, keep_id: int, other_id: int) -> tuple[Person, Person]:
    if keep_id == other_id:
        raise StoreError("Cannot merge a person with themselves.")
    keep, other = get_person(db, keep_id), get_person(db, other_id)
    for p in (keep, other):
        if p.deleted_at is not None:
            raise StoreError(f"{p.name} is in the trash; restore them before merging.")
    return keep, other


@dataclass(frozen=True)
class MergeUndo:
    """Everything a merge changed, so ``undo_merge`` can put both records back."""

    keep_id: int
    other_id: int
    keep_name: str
    other_name: str
    keep_version: int  # the kept record's version after the merge: undo refuses over a later edit
    keep_before: dict[str, Any]  # the kept record's own columns before the merge
    keep_memberships: tuple[tuple[str, str | None, bool], ...]
    keep_tags: tuple[tuple[str, str], ...]  # (kind, tag name)
    other_row: dict[str, Any]  # the other record's columns
    other_memberships: tuple[tuple[str, str | None, bool], ...]
    other_tags: tuple[tuple[str, str], ...]
    moved_participants: tuple[int, ...]  # participant rows handed to the kept record
    dropped_participants: tuple[tuple[int, int, str], ...]  # (id, interaction, date): entries both were in
    moved_ring_moves: tuple[int, ...]
    merge_move: int | None  # the ring move the merge recorded, if the ring changed
    rewired_knows: tuple[tuple[int, int, int], ...]  # (id, person, other) as they were
    dropped_knows: tuple[tuple[int, int, int, str], ...]  # (id, person, other, note)
    introduced: tuple[int, ...] = field(default=())  # people whose introducer was the other record


_OWN_COLUMNS = ("name", "name_key", "sort_key", "company", "title", "email", "phone", "url", "location", "purpose",
                "notes", "ring", "cadence_override", "introduced_by_id", "snoozed_until", "extra", "met_through_id")
_ROW_COLUMNS = (*_OWN_COLUMNS, "id", "created_at", "updated_at", "deleted_at", "version")


def _columns(db: Database, person_id: int, columns: tuple[str, ...]) -> dict[str, Any]:
    row = db.execute(f"SELECT {', '.join(columns)} FROM person WHERE id = ?", (person_id,)).fetchone()
    return dict(zip(columns, row))


def _memberships(db: Database, person_id: int) -> tuple[tuple[str, str | None, bool], ...]:
    return tuple((n, s, bool(d)) for n, s, d in db.execute(
        "SELECT network, peer_side, distant FROM membership WHERE person_id = ? ORDER BY id", (person_id,)))


def _tags(db: Database, person_id: int) -> tuple[tuple[str, str], ...]:
    return tuple(db.execute(
        "SELECT pt.kind, t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.person_id = ? ORDER BY pt.id",
        (person_id,)))


@writes
def merge_people(
    db: Database, keep_id: int, other_id: int, choices: dict[str, str] | None = None, *,
    versions: tuple[int, int] | None = None, now: datetime | None = None,
) -> MergeUndo:
    """Merge ``other_id`` into ``keep_id`` in one transaction. ``versions`` are the two
    records' versions as the caller saw them: a change since refuses the merge."""
    keep, other = _pair(db, keep_id, other_id)
    if versions is not None and (keep.version, other.version) != tuple(versions):
        changed = keep.name if keep.version != versions[0] else other.name
        raise Conflict(f"{changed} was changed in another session; nothing was merged. Look again and retry.")
    now = now or _now()
    values = merged_values(keep, other, choices)
    keep_before = _columns(db, keep_id, _OWN_COLUMNS)
    keep_memberships, keep_tags = _memberships(db, keep_id), _tags(db, keep_id)
    other_row = _columns(db, other_id, _ROW_COLUMNS)
    other_memberships, other_tags = _memberships(db, other_id), _tags(db, other_id)

    # The journal: entries both were in keep one participant row.
    moved_participants, dropped_participants = [], []
    shared = {iid for (iid,) in db.execute("SELECT interaction_id FROM participant WHERE person_id = ?", (keep_id,))}
    for pid, iid, day in list(db.execute(
            "SELECT id, interaction_id, date FROM participant WHERE person_id = ? ORDER BY id", (other_id,))):
        if iid in shared:
            dropped_participants.append((pid, iid, day))
        else:
            moved_participants.append(pid)
    if dropped_participants:
        db.execute(f"DELETE FROM participant WHERE id IN ({','.join('?' * len(dropped_participants))})",
                   [d[0] for d in dropped_participants])
    if moved_participants:
        db.execute(f"UPDATE participant SET person_id = ? WHERE id IN ({','.join('?' * len(moved_participants))})",
                   [keep_id, *moved_participants])

    # Ring history: both, in time order (reads sort by moved_at).
    moved_ring_moves = [mid for (mid,) in db.execute("SELECT id FROM ring_move WHERE person_id = ?", (other_id,))]
    db.execute("UPDATE ring_move SET person_id = ? WHERE person_id = ?", (keep_id, other_id))

    # Knows-links: the other's go to the kept record, unless it already has that link.
    rewired, dropped = [], []
    known = {a if b == keep_id else b for a, b in db.execute(
        "SELECT person_id, other_id FROM knows WHERE person_id = ? OR other_id = ?", (keep_id, keep_id))}
    for lid, a, b, note in list(db.execute(
            "SELECT id, person_id, other_id, note FROM knows WHERE person_id = ? OR other_id = ? ORDER BY id",
            (other_id, other_id))):
        them = b if a == other_id else a
        if them == keep_id or them in known:
            dropped.append((lid, a, b, note))
            db.execute("DELETE FROM knows WHERE id = ?", (lid,))
        else:
            rewired.append((lid, a, b))
            x, y = sorted((keep_id, them))
            db.execute("UPDATE knows SET person_id = ?, other_id = ? WHERE id = ?", (x, y, lid))
            known.add(them)

    introduced = [pid for (pid,) in db.execute(
        "SELECT id FROM person WHERE introduced_by_id = ? AND id <> ?", (other_id, keep_id))]
    if introduced:
        db.execute(f"UPDATE person SET introduced_by_id = ? WHERE id IN ({','.join('?' * len(introduced))})",
                   [keep_id, *introduced])

    # The other record goes (its networks and tags are copied first).
    db.execute("DELETE FROM person WHERE id = ?", (other_id,))

    introducer = keep.introduced_by_id or other.introduced_by_id
    if introducer in (keep_id, other_id):
        introducer = None
    extra = merged_extra(keep.extra, other.extra)
    columns = {**{f: values[f] for f in values}, "name_key": match_key(values["name"]),
               "sort_key": sort_key(values["name"]), "introduced_by_id": introducer, "extra": extra,
               "snoozed_until": keep_before["snoozed_until"] or other_row["snoozed_until"],
               "met_through_id": keep_before["met_through_id"] or other_row["met_through_id"], "updated_at": now}
    sets = ", ".join(f"{c} = ?" for c in columns)
    db.execute(f"UPDATE person SET {sets}, version = version + 1 WHERE id = ?", [*columns.values(), keep_id])
    mine = {ms.network for ms in keep.memberships}
    _write_memberships(keep_id, (*keep.memberships, *(ms for ms in other.memberships if ms.network not in mine)))
    _write_tags(keep_id, TagKind.HELP, union(keep.help_tags, other.help_tags))
    _write_tags(keep_id, TagKind.OFFER, union(keep.offer_tags, other.offer_tags))
    merge_move = None
    if values["ring"] != keep.ring.value:
        merge_move = m.RingMove.create(person=keep_id, from_ring=keep.ring.value, to_ring=values["ring"],
                                       moved_at=now, reason=f"merged with {other.name}"[:200]).id
    version = db.execute("SELECT version FROM person WHERE id = ?", (keep_id,)).fetchone()[0]
    return MergeUndo(
        keep_id, other_id, keep.name, other.name, version, keep_before, keep_memberships, keep_tags, other_row,
        other_memberships, other_tags, tuple(moved_participants), tuple(dropped_participants),
        tuple(moved_ring_moves), merge_move, tuple(rewired), tuple(dropped), tuple(introduced),
    )


def _memberships_back(person_id: int, rows: tuple[tuple[str, str | None, bool], ...]) -> None:
    m.Membership.delete().where(m.Membership.person == person_id).execute()
    for network, side, distant in rows:
        m.Membership.create(person=person_id, network=network, peer_side=side, distant=distant)


def _tags_back(person_id: int, rows: tuple[tuple[str, str], ...]) -> None:
    m.PersonTag.delete().where(m.PersonTag.person == person_id).execute()
    for kind, name in rows:
        tag, _ = m.Tag.get_or_create(name=name)
        m.PersonTag.insert(person=person_id, tag=tag.id, kind=kind).on_conflict_ignore().execute()


@writes
def undo_merge(db: Database, undo: MergeUndo) -> None:
    """Put both records back as they were before the merge. Refused when the kept record
    was changed since (or the other's id has been taken), with nothing changed."""
    row = db.execute("SELECT version, deleted_at FROM person WHERE id = ?", (undo.keep_id,)).fetchone()
    if row is None:
        raise NotFound(f"{undo.keep_name} is gone; the merge can no longer be undone.")
    if row[0] != undo.keep_version:
        raise Conflict(f"{undo.keep_name} was changed since the merge; nothing was undone.")
    if db.execute("SELECT 1 FROM person WHERE id = ?", (undo.other_id,)).fetchone():
        raise Conflict(f"{undo.other_name}'s record number is taken again; nothing was undone.")
    cols = dict(undo.other_row)
    db.execute(f"INSERT INTO person ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", list(cols.values()))
    _memberships_back(undo.other_id, undo.other_memberships)
    _tags_back(undo.other_id, undo.other_tags)
    if undo.merge_move is not None:
        db.execute("DELETE FROM ring_move WHERE id = ?", (undo.merge_move,))
    before = dict(undo.keep_before)
    sets = ", ".join(f"{c} = ?" for c in before)
    db.execute(f"UPDATE person SET {sets}, updated_at = ?, version = version + 1 WHERE id = ?",
               [*before.values(), _now(), undo.keep_id])
    _memberships_back(undo.keep_id, undo.keep_memberships)
    _tags_back(undo.keep_id, undo.keep_tags)
    if undo.moved_ring_moves:
        db.execute(f"UPDATE ring_move SET person_id = ? WHERE id IN ({','.join('?' * len(undo.moved_ring_moves))})",
                   [undo.other_id, *undo.moved_ring_moves])
    for lid, a, b in undo.rewired_knows:
        db.execute("UPDATE knows SET person_id = ?, other_id = ? WHERE id = ?", (a, b, lid))
    for lid, a, b, note in undo.dropped_knows:
        gone = db.execute("SELECT 1 FROM person WHERE id IN (?, ?)", (a, b)).fetchall()
        if len(gone) == 2:
            db.execute("INSERT OR IGNORE INTO knows (id, person_id, other_id, note) VALUES (?, ?, ?, ?)",
                       (lid, a, b, note))
    if undo.introduced:
        db.execute(f"UPDATE person SET introduced_by_id = ? WHERE id IN ({','.join('?' * len(undo.introduced))})"
                   " AND introduced_by_id = ?", [undo.other_id, *undo.introduced, undo.keep_id])
    if undo.moved_participants:
        db.execute(f"UPDATE participant SET person_id = ? WHERE id IN ({','.join('?' * len(undo.moved_participants))})"
                   " AND person_id = ?", [undo.other_id, *undo.moved_participants, undo.keep_id])
    for pid, iid, day in undo.dropped_participants:
        if db.execute("SELECT 1 FROM interaction WHERE id = ?", (iid,)).fetchone():
            db.execute("INSERT OR IGNORE INTO participant (id, interaction_id, person_id, date) VALUES (?, ?, ?, ?)",
                       (pid, iid, undo.other_id, day))
