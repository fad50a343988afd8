"""Queries for the Funnel board and the funnel report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netui.domain.funnel import FunnelReport, RingHolder, funnel_report
from netui.domain.intro_paths import IntroCandidate, IntroPath, rank_intro_paths, same_company
from netui.domain.models import Person, PersonRow, RingMoveRecord
from netui.domain.rings import RING_ORDER, Ring
from netui.domain.text import match_key
from netui.store import journal
from netui.store.models import database
from netui.store.people import LAST_CONTACT_SQL, PeopleQuery, _as_date, _as_datetime, get_person, list_people

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
    recent: list[journal.TimelineEntry]
    intro_paths: list[IntroPath]


def load_board(cadence: dict[Ring, int | None] | None = None) -> Board:
    return Board(list_people(cadence=cadence), tags_by_person())


def tags_by_person() -> dict[int, str]:
    """Every live person's tags, for filtering by tag."""
    rows = database.execute_sql(
        """SELECT pt.person_id, group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
            GROUP BY pt.person_id"""
    )
    return {pid: names or "" for pid, names in rows}


def person_row(person_id: int, cadence: dict[Ring, int | None] | None = None) -> PersonRow | None:
    """One live person as a board card, or None when they are gone or in the trash."""
    rows = list_people(PeopleQuery(person_id=person_id), cadence=cadence)
    return rows[0] if rows else None


def person_tags(person_id: int) -> str:
    row = database.execute_sql(
        """SELECT group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
            WHERE pt.person_id = ?""",
        (person_id,),
    ).fetchone()
    return (row[0] if row else None) or ""


def intro_candidates(person_id: int, ring: Ring, company: str) -> list[IntroCandidate]:
    """Live people on closer rings who know the person or work at their company."""
    closer = [r.value for r in RING_ORDER if r.index > ring.index]
    if not closer:
        return []
    marks = ",".join("?" * len(closer))
    found: dict[int, IntroCandidate] = {}
    for pid, name, other_ring, note, last in database.execute_sql(
        f"""SELECT p.id, p.name, p.ring, k.note, {LAST_CONTACT_SQL}
              FROM knows k JOIN person p ON p.id = CASE WHEN k.person_id = ? THEN k.other_id ELSE k.person_id END
             WHERE (k.person_id = ? OR k.other_id = ?) AND p.deleted_at IS NULL AND p.ring IN ({marks})""",
        (person_id, person_id, person_id, *closer),
    ):
        found[pid] = IntroCandidate(pid, name, Ring(other_ring), True, False, _as_date(last), note or "")
    key = match_key(company)
    if key:
        # Company names are compared as a reader sees them, which SQL cannot do: match the
        # few distinct names in Python, then fetch their people through plain equality.
        names = [
            c for (c,) in database.execute_sql("SELECT DISTINCT company FROM person WHERE deleted_at IS NULL AND company <> ''")
            if match_key(c) == key
        ]
        if names:
            cmarks = ",".join("?" * len(names))
            for pid, name, other_ring, other_company, last in database.execute_sql(
                f"""SELECT p.id, p.name, p.ring, p.company, {LAST_CONTACT_SQL} FROM person p
                     WHERE p.deleted_at IS NULL AND p.id <> ? AND p.company IN ({cmarks}) AND p.ring IN ({marks})""",
                (person_id, *names, *closer),
            ):
                if not same_company(company, other_company):
                    continue
                seen = found.get(pid)
                found[pid] = IntroCandidate(
                    pid, name, Ring(other_ring), bool(seen and seen.knows), True, _as_date(last), seen.note if seen else ""
                )
    return list(found.values())


def intro_paths(person_id: int, limit: int | None = INTRO_PATHS_SHOWN) -> list[IntroPath]:
    person = get_person(person_id)
    return rank_intro_paths(person.id, person.ring, intro_candidates(person.id, person.ring, person.company), limit)


def person_panel(person_id: int, recent: int = RECENT_SHOWN, paths: int = INTRO_PATHS_SHOWN) -> PersonPanel:
    person = get_person(person_id)
    ranked = rank_intro_paths(person.id, person.ring, intro_candidates(person.id, person.ring, person.company), paths)
    return PersonPanel(person, journal.person_timeline(person_id, limit=recent), ranked)


# ---------------------------------------------------------------- the report


def live_moves() -> list[RingMoveRecord]:
    """Every ring move of every live person, oldest first."""
    return [
        RingMoveRecord(mid, pid, Ring(src) if src else None, Ring(dst), _as_datetime(at), reason or "")
        for mid, pid, src, dst, at, reason in database.execute_sql(
            """SELECT mv.id, mv.person_id, mv.from_ring, mv.to_ring, mv.moved_at, mv.reason
                 FROM ring_move mv JOIN person p ON p.id = mv.person_id
                WHERE p.deleted_at IS NULL
                ORDER BY mv.moved_at, mv.id"""
        )
    ]


def ring_holders() -> list[RingHolder]:
    return [
        RingHolder(pid, name, Ring(ring), _as_datetime(created))
        for pid, name, ring, created in database.execute_sql(
            "SELECT id, name, ring, created_at FROM person WHERE deleted_at IS NULL ORDER BY id"
        )
    ]


def report(today: date, since: date | None = None) -> FunnelReport:
    """The funnel report for the open database (see domain.funnel.funnel_report)."""
    with database.atomic():  # one snapshot: moves and rings read together
        moves, people = live_moves(), ring_holders()
    return funnel_report(moves, people, today, since)
