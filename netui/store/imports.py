"""Writing an import: everything a file brought, in one transaction.

The io layer reads a file, matches each row against the people stored
(``people_for_matching``) and decides what to add and what to update; this module
writes that decision (an ``ImportPlan``) all at once, or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from netui.domain.models import Membership, Person, PersonDraft, TagKind
from netui.domain.networks import Network, PeerSide
from netui.domain.rings import Ring
from netui.domain.text import clean_input, match_key, sort_key
from netui.domain.occasions import DateDraft
from netui.store.dates import write_dates
from netui.store.db import Database, writes
from netui.store.values import as_datetime
from netui.store.values import now as _now

# Columns an import may overwrite on someone already stored.
UPDATABLE = ("company", "title", "email", "phone", "url", "location", "purpose", "notes", "extra")


@dataclass
class ImportPlan:
    """What one import writes. A negative person id in ``updates`` or ``tags`` stands for
    someone this same import adds: -1 is ``adds[0]``, -2 ``adds[1]``, and so on."""

    adds: list[PersonDraft] = field(default_factory=list)
    updates: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    tags: list[tuple[int, TagKind, tuple[str, ...]]] = field(default_factory=list)
    dates: list[tuple[int, DateDraft]] = field(default_factory=list)  # dates for people already stored
    job_changes: list[tuple[int, str, str]] = field(default_factory=list)  # (person id, before, after): kept
    reason: str = "imported"  # the first ring move of each person added says where they came from

    def placeholder(self) -> int:
        """The id that stands for the person added last."""
        return -len(self.adds)


def people_for_matching(db: Database) -> list[Person]:
    """Everyone stored, trash included, with what an import compares (no links or history)."""
    return [
        Person(
            id=pid, name=name, ring=Ring(ring), version=version, company=company, title=title, email=email,
            phone=phone, url=url, location=location, purpose=purpose, notes=notes, extra=extra,
            deleted_at=as_datetime(deleted),
        )
        for pid, name, ring, version, company, title, email, phone, url, location, purpose, notes, extra, deleted
        in db.execute(
            """SELECT id, name, ring, version, company, title, email, phone, url, location, purpose, notes, extra,
                      deleted_at FROM person ORDER BY id"""
        )
    ]


def tags_of(db: Database, person_id: int) -> dict[TagKind, set[str]]:
    out: dict[TagKind, set[str]] = {kind: set() for kind in TagKind}
    for kind, name in db.execute(
        "SELECT pt.kind, t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.person_id = ?",
        (person_id,),
    ):
        out[TagKind(kind)].add(name)
    return out


def _tag_name(text: str) -> str:
    return " ".join(clean_input(text).lower().split())


@writes
def apply_import(
    db: Database, plan: ImportPlan, now: datetime | None = None, progress: Callable[[int, int], None] | None = None
) -> list[int]:
    """Write ``plan`` in one transaction; the ids of the people added, in order."""
    stamp = str((now or _now()).replace(microsecond=0))
    conn = db.orm.connection()
    total = len(plan.adds) + len(plan.updates) + len(plan.tags)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None and total:
            progress(done, total)

    first = conn.execute("SELECT coalesce(max(id), 0) FROM person").fetchone()[0] + 1
    ids = list(range(first, first + len(plan.adds)))
    rows, memberships, moves = [], [], []
    for pid, draft in zip(ids, plan.adds):
        name = clean_input(draft.name)
        ring = draft.ring.value
        rows.append((
            pid, name, match_key(name), sort_key(name), clean_input(draft.company), clean_input(draft.title), clean_input(draft.email),
            clean_input(draft.phone), clean_input(draft.url), clean_input(draft.location), clean_input(draft.purpose),
            clean_input(draft.notes, multiline=True), ring, draft.cadence_override, draft.extra, stamp, stamp,
        ))
        memberships.extend(_membership_rows(pid, draft.memberships))
        moves.append((pid, ring, stamp, plan.reason))
    conn.executemany(
        """INSERT INTO person (id, name, name_key, sort_key, company, title, email, phone, url, location, purpose,
                               notes, ring, cadence_override, extra, created_at, updated_at, version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""",
        rows,
    )
    conn.executemany("INSERT INTO membership (person_id, network, peer_side, distant) VALUES (?, ?, ?, ?)", memberships)
    conn.executemany(
        "INSERT INTO ring_move (person_id, from_ring, to_ring, moved_at, reason) VALUES (?, NULL, ?, ?, ?)", moves
    )
    step(len(plan.adds))

    def real(pid: int) -> int:
        return ids[-pid - 1] if pid < 0 else pid

    for pid, columns in plan.updates:
        unknown = set(columns) - set(UPDATABLE)
        if unknown:
            raise ValueError(f"an import cannot change {sorted(unknown)}")
        if not columns:
            continue
        sets = ", ".join(f"{col} = ?" for col in columns)
        conn.execute(
            f"UPDATE person SET {sets}, updated_at = ?, version = version + 1 WHERE id = ?",
            (*columns.values(), stamp, real(pid)),
        )
    step(len(plan.updates))

    tag_ids = {name: tid for tid, name in conn.execute("SELECT id, name FROM tag")}
    links = []
    for draft_pid, draft in zip(ids, plan.adds):
        for kind, tags in ((TagKind.HELP, draft.help_tags), (TagKind.OFFER, draft.offer_tags)):
            links.extend((draft_pid, name, kind.value) for name in map(_tag_name, tags) if name)
    for pid, kind, tags in plan.tags:
        links.extend((real(pid), name, kind.value) for name in map(_tag_name, tags) if name)
    for name in dict.fromkeys(name for _, name, _ in links):
        if name not in tag_ids:
            tag_ids[name] = conn.execute("INSERT INTO tag (name) VALUES (?)", (name,)).lastrowid
    conn.executemany(
        "INSERT OR IGNORE INTO person_tag (person_id, tag_id, kind) VALUES (?, ?, ?)",
        [(pid, tag_ids[name], kind) for pid, name, kind in links],
    )
    step(len(plan.tags))
    stamped = as_datetime(stamp)
    for pid, draft in zip(ids, plan.adds):
        write_dates(pid, draft.dates, stamped)
    for pid, draft in plan.dates:
        write_dates(real(pid), (draft,), stamped)
    conn.executemany(
        "INSERT INTO job_change (person_id, before, after, changed_on, state) VALUES (?, ?, ?, ?, 'open')",
        [(real(pid), clean_input(before), clean_input(after), stamp[:10], ) for pid, before, after in plan.job_changes],
    )
    return ids


def _membership_rows(person_id: int, memberships: tuple[Membership, ...]) -> list[tuple]:
    rows, seen = [], set()
    for ms in memberships:
        if ms.network in seen:
            continue
        seen.add(ms.network)
        side = ms.peer_side.value if isinstance(ms.peer_side, PeerSide) and ms.network == Network.PEER else None
        rows.append((person_id, ms.network.value, side, int(bool(ms.distant and ms.network == Network.MENTOR))))
    return rows
