"""Queries for the Funnel board and the funnel report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netui.domain.funnel import BroadcastEntry, FunnelReport, RingHolder, funnel_report
from netui.domain.journal import BROADCAST_KINDS, TimelineEntry
from netui.domain.intro_paths import IntroCandidate, IntroPath, rank_intro_paths, same_company
from netui.domain.models import Person, PersonRow, RingMoveRecord
from netui.domain.rings import RING_ORDER, Ring
from netui.domain.text import match_key
from netui.store import journal
from netui.store.db import Database
from netui.store.people import PeopleQuery, get_person, list_people
from netui.store.values import DAMAGED_DATE, as_date, as_datetime

INTRO_PATHS_SHOWN = 8
RECENT_SHOWN = 3


@dataclass(frozen=True)
class Board:
    """Everyone on the board, plus the words the filter looks through."""

    people: list[PersonRow]
    tags: dict[int, str]  # person id -> their tags (help and offer), space separated


@dataclass(frozen=True)
class PersonPanel:
    """What the side panel shows about the selected person."""

    person: Person
    recent: list[TimelineEntry]
    intro_paths: list[IntroPath]


def load_board(db: Database, cadence: dict[Ring, int | None] | None = None) -> Board:
    return Board(list_people(db, cadence=cadence), tags_by_person(db))


def tags_by_person(db: Database) -> dict[int, str]:
    """Every live person's tags, for filtering by tag."""
    rows = db.execute(
        """SELECT pt.person_id, group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
            GROUP BY pt.person_id"""
    )
    return {pid: names or "" for pid, names in rows}


def person_row(db: Database, person_id: int, cadence: dict[Ring, int | None] | None = None) -> PersonRow | None:
    """One live person as a board card, or None when they are gone or in the trash."""
    rows = list_people(db, PeopleQuery(person_id=person_id), cadence=cadence)
    return rows[0] if rows else None


def person_tags(db: Database, person_id: int) -> str:
    row = db.execute(
        """SELECT group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
            WHERE pt.person_id = ?""",
        (person_id,),
    ).fetchone()
    return (row[0] if row else None) or ""


def person_card(db: Database, person_id: int, cadence: dict[Ring, int | None] | None = None) -> tuple[PersonRow | None, str]:
    """One person's card and tags, as the board shows them (None when they are gone)."""
    row = person_row(db, person_id, cadence)
    return row, person_tags(db, person_id) if row else ""


def intro_candidates(db: Database, person_id: int, ring: Ring, company: str) -> list[IntroCandidate]:
    """Live people on closer rings who know the person or work at their company."""
    closer = [r.value for r in RING_ORDER if r.index > ring.index]
    if not closer:
        return []
    marks = ",".join("?" * len(closer))
    found: dict[int, IntroCandidate] = {}
    for pid, name, other_ring, note, last in db.execute(
        f"""SELECT p.id, p.name, p.ring, k.note, p.last_contact
              FROM knows k JOIN person p ON p.id = CASE WHEN k.person_id = ? THEN k.other_id ELSE k.person_id END
             WHERE (k.person_id = ? OR k.other_id = ?) AND p.deleted_at IS NULL AND p.ring IN ({marks})""",
        (person_id, person_id, person_id, *closer),
    ):
        found[pid] = IntroCandidate(pid, name, Ring(other_ring), True, False, as_date(last), note or "")
    key = match_key(company)
    if key:
        # Company names are compared as a reader sees them, which SQL cannot do: match the
        # few distinct names in Python, then fetch their people through plain equality.
        names = [
            c for (c,) in db.execute("SELECT DISTINCT company FROM person WHERE deleted_at IS NULL AND company <> ''")
            if match_key(c) == key
        ]
        if names:
            cmarks = ",".join("?" * len(names))
            for pid, name, other_ring, other_company, last in db.execute(
                f"""SELECT p.id, p.name, p.ring, p.company, p.last_contact FROM person p
                     WHERE p.deleted_at IS NULL AND p.id <> ? AND p.company IN ({cmarks}) AND p.ring IN ({marks})""",
                (person_id, *names, *closer),
            ):
                if not same_company(company, other_company):
                    continue
                seen = found.get(pid)
                found[pid] = IntroCandidate(
                    pid, name, Ring(other_ring), bool(seen and seen.knows), True, as_date(last), seen.note if seen else ""
                )
    return list(found.values())


def intro_paths(db: Database, person_id: int, limit: int | None = INTRO_PATHS_SHOWN) -> list[IntroPath]:
    person = get_person(db, person_id)
    return rank_intro_paths(person.id, person.ring, intro_candidates(db, person.id, person.ring, person.company), limit)


def person_panel(db: Database, person_id: int, recent: int = RECENT_SHOWN, paths: int = INTRO_PATHS_SHOWN) -> PersonPanel:
    person = get_person(db, person_id)
    ranked = rank_intro_paths(person.id, person.ring, intro_candidates(db, person.id, person.ring, person.company), paths)
    return PersonPanel(person, journal.person_timeline(db, person_id, limit=recent), ranked)


# ---------------------------------------------------------------- the report


def live_moves(db: Database) -> list[RingMoveRecord]:
    """Every ring move of every live person, oldest first."""
    return [
        RingMoveRecord(mid, pid, Ring(src) if src else None, Ring(dst), as_datetime(at), reason or "")
        for mid, pid, src, dst, at, reason in db.execute(
            """SELECT mv.id, mv.person_id, mv.from_ring, mv.to_ring, mv.moved_at, mv.reason
                 FROM ring_move mv JOIN person p ON p.id = mv.person_id
                WHERE p.deleted_at IS NULL
                ORDER BY mv.moved_at, mv.id"""
        )
    ]


def ring_holders(db: Database) -> list[RingHolder]:
    return [
        RingHolder(pid, name, Ring(ring), as_datetime(created), met)
        for pid, name, ring, created, met in db.execute(
            "SELECT id, name, ring, created_at, met_through_id FROM person WHERE deleted_at IS NULL ORDER BY id"
        )
    ]


def broadcasts(db: Database, since: date | None = None) -> list[BroadcastEntry]:
    """The live talks, posts, articles and panels (on or after ``since``), newest first.
    One range of the live-kind index per kind, however long the journal."""
    marks = ",".join("?" * len(BROADCAST_KINDS))
    found = [
        BroadcastEntry(iid, as_date(day) or DAMAGED_DATE, kind, summary or "")
        for iid, day, kind, summary in db.execute(
            f"""SELECT id, date, kind, summary FROM interaction
                 WHERE deleted_at IS NULL AND kind IN ({marks}) AND date >= ?""",
            (*BROADCAST_KINDS, (since or date.min).isoformat()),
        )
    ]
    return sorted(found, key=lambda b: (b.day, b.interaction_id), reverse=True)


def report(db: Database, today: date, since: date | None = None) -> FunnelReport:
    """The funnel report for the open database (see domain.funnel.funnel_report)."""
    with db.snapshot():  # moves, rings and broadcasts read together
        moves, people, shown = live_moves(db), ring_holders(db), broadcasts(db, since)
    return funnel_report(moves, people, today, since, broadcasts=shown)
