"""The journal: interactions with the people in them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from netui.domain.journal import (
    EDITABLE,
    BROADCAST_KINDS,
    KINDS,
    RECIPROCITY,
    Interaction,
    InteractionDraft,
    JournalFilter,
    JournalRow,
    TimelineEntry,
)
from netui.domain.occasions import Rhythm
from netui.domain.text import clean_input
from netui.store import models as m
from netui.store.db import Database, writes
from netui.store.errors import Conflict, NotFound, StoreError
from netui.store.values import as_date, as_datetime
from netui.store.values import now as _now


def person_timeline(db: Database, person_id: int, limit: int = 200) -> list[TimelineEntry]:
    """A person's interactions, newest first."""
    rows = db.execute(
        """
        SELECT i.id, i.date, i.kind, i.summary, i.reciprocity, i.follow_up, i.follow_up_done,
               (SELECT group_concat(p.name, '; ') FROM participant o JOIN person p ON p.id = o.person_id
                 WHERE o.interaction_id = i.id AND o.person_id <> ?) AS others, i.follow_up_every
          FROM participant pa JOIN interaction i ON i.id = pa.interaction_id
         WHERE pa.person_id = ? AND i.deleted_at IS NULL
         ORDER BY i.date DESC, i.id DESC
         LIMIT ?
        """,
        (person_id, person_id, limit),
    )
    return [
        TimelineEntry(
            id=iid,
            date=as_date(day),
            kind=kind,
            summary=summary,
            reciprocity=recip,
            follow_up=as_date(follow),
            follow_up_done=bool(done),
            others=tuple(others.split("; ")) if others else (),
            follow_up_every=every,
        )
        for iid, day, kind, summary, recip, follow, done, others, every in rows
    ]


def timeline_counts(db: Database, person_id: int) -> dict[str, int]:
    """How many interactions of each kind, plus 'gave'/'received'/'mutual' tallies."""
    counts: dict[str, int] = {}
    for kind, recip, n in db.execute(
        """SELECT i.kind, i.reciprocity, count(*) FROM participant pa JOIN interaction i ON i.id = pa.interaction_id
            WHERE pa.person_id = ? AND i.deleted_at IS NULL GROUP BY i.kind, i.reciprocity""",
        (person_id,),
    ):
        counts[kind] = counts.get(kind, 0) + n
        if recip:
            counts[f"reciprocity:{recip}"] = counts.get(f"reciprocity:{recip}", 0) + n
    return counts


# ---------------------------------------------------------------- writing

def _check(kind: str, reciprocity: str | None) -> None:
    if kind not in KINDS:
        raise StoreError(f"Unknown kind {kind!r}; choose one of {', '.join(KINDS)}.")
    if reciprocity is not None and reciprocity not in RECIPROCITY:
        raise StoreError(f"Unknown reciprocity {reciprocity!r}; choose gave, received or mutual.")


def _live_people(db: Database, person_ids: tuple[int, ...] | list[int], kind: str | None = None) -> list[int]:
    people = list(dict.fromkeys(person_ids))
    if not people:
        if kind in BROADCAST_KINDS:  # a talk or a post may reach people you do not know yet
            return []
        raise StoreError("An interaction needs at least one person (a talk, post, article or panel may name nobody).")
    live = {
        pid for (pid,) in db.execute(
            f"SELECT id FROM person WHERE deleted_at IS NULL AND id IN ({','.join('?' * len(people))})", people
        )
    }
    missing = [pid for pid in people if pid not in live]
    if missing:
        raise NotFound("Someone in this interaction is no longer there (deleted in another session?); nothing was saved.")
    return people


@writes
def add_interaction(db: Database, draft: InteractionDraft, now: datetime | None = None) -> int:
    """Store one interaction and its participants; every participant's clock restarts at its date."""
    _check(draft.kind, draft.reciprocity)
    people = _live_people(db, draft.person_ids, draft.kind)
    now = now or _now()
    row = m.Interaction.create(
        date=draft.date,
        kind=draft.kind,
        summary=clean_input(draft.summary),
        notes=clean_input(draft.notes, multiline=True),
        reciprocity=draft.reciprocity,
        follow_up=draft.follow_up,
        follow_up_every=draft.follow_up_every if draft.follow_up else None,
        created_at=now,
        updated_at=now,
        version=1,
    )
    if people:
        m.Participant.insert_many([(row.id, pid, draft.date) for pid in people], fields=[
            m.Participant.interaction, m.Participant.person, m.Participant.date
        ]).execute()
    return row.id


# ---------------------------------------------------------------- one entry


def get_interaction(db: Database, interaction_id: int) -> Interaction:
    row = m.Interaction.get_or_none(m.Interaction.id == interaction_id)
    if row is None:
        raise NotFound("That journal entry is gone; it may have been purged in another session.")
    people = tuple(
        db.execute(
            """SELECT p.id, p.name FROM participant pa JOIN person p ON p.id = pa.person_id
                WHERE pa.interaction_id = ? ORDER BY pa.id""",
            (interaction_id,),
        )
    )
    return Interaction(
        id=row.id,
        date=as_date(row.date),
        kind=row.kind,
        version=row.version,
        people=tuple((pid, name) for pid, name in people),
        summary=row.summary,
        notes=row.notes,
        reciprocity=row.reciprocity,
        follow_up=as_date(row.follow_up),
        follow_up_done=bool(row.follow_up_done),
        created_at=as_datetime(row.created_at),
        updated_at=as_datetime(row.updated_at),
        deleted_at=as_datetime(row.deleted_at),
        follow_up_every=row.follow_up_every,
    )


def _normal(field: str, value: Any) -> Any:
    if field == "person_ids":
        return frozenset(value)
    if field == "follow_up_done":
        return bool(value)
    return value


def _clean_change(field: str, value: Any) -> Any:
    if field == "summary":
        return clean_input(value)
    if field == "notes":
        return clean_input(value, multiline=True)
    if field == "person_ids":
        return tuple(dict.fromkeys(value))
    if field == "reciprocity":
        return value or None
    return value


@writes
def update_interaction(
    db: Database,
    interaction_id: int, base: Interaction, changes: dict[str, Any], now: datetime | None = None
) -> Interaction:
    """Save the fields in ``changes`` that differ from ``base`` (what the editor saw).

    Another session's save in between merges when it touched other fields; the same
    field changed to a different value raises Conflict with both values, saving nothing.
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changes = {f: _clean_change(f, v) for f, v in changes.items()}
    wanted = {f: v for f, v in changes.items() if _normal(f, v) != _normal(f, getattr(base, f))}
    current = get_interaction(db, interaction_id)
    if current.deleted_at is not None:
        raise Conflict("This entry was deleted in another session; nothing was saved (undo the delete there first).")
    if not wanted:
        return current
    if current.version != base.version:
        clashes = {}
        for f, value in wanted.items():
            theirs, seen = _normal(f, getattr(current, f)), _normal(f, getattr(base, f))
            if theirs != seen and theirs != _normal(f, value):
                clashes[f] = (getattr(current, f), value)
        if clashes:
            raise Conflict(
                f"This entry was changed in another session since you opened it ({', '.join(clashes)}); nothing was saved.",
                clashes,
            )
    _check(wanted.get("kind", current.kind), wanted.get("reciprocity", current.reciprocity))
    if "person_ids" in wanted:
        # Someone already in the entry may be in the trash; only new people must be live.
        added = [pid for pid in wanted["person_ids"] if pid not in current.person_ids]
        if not wanted["person_ids"] and wanted.get("kind", current.kind) not in BROADCAST_KINDS:
            raise StoreError("An interaction needs at least one person (a talk, post, article or panel may name nobody).")
        if added:
            _live_people(db, added)
    columns: dict[Any, Any] = {getattr(m.Interaction, f): v for f, v in wanted.items() if f != "person_ids"}
    columns[m.Interaction.updated_at] = now or _now()
    columns[m.Interaction.version] = m.Interaction.version + 1
    updated = (
        m.Interaction.update(columns)
        .where((m.Interaction.id == interaction_id) & (m.Interaction.version == current.version))
        .execute()
    )
    if updated != 1:  # pragma: no cover - the IMMEDIATE lock makes this a true race only without it
        raise Conflict("This entry changed while saving; nothing was saved.")
    day = wanted.get("date", current.date)
    if "person_ids" in wanted:
        keep = set(wanted["person_ids"])
        m.Participant.delete().where(
            (m.Participant.interaction == interaction_id) & m.Participant.person.not_in(list(keep))
        ).execute()
        for pid in wanted["person_ids"]:
            if pid not in current.person_ids:
                m.Participant.insert(interaction=interaction_id, person=pid, date=day).execute()
    if "date" in wanted:
        # The copy of the date on each participant is what the keep-in-touch clocks read.
        m.Participant.update(date=day).where(m.Participant.interaction == interaction_id).execute()
    return get_interaction(db, interaction_id)


@writes
def delete_interaction(db: Database, interaction_id: int, now: datetime | None = None) -> None:
    """Move an entry out of the journal (restorable): clocks go back to the previous contact."""
    n = (
        m.Interaction.update(deleted_at=now or _now(), version=m.Interaction.version + 1)
        .where((m.Interaction.id == interaction_id) & m.Interaction.deleted_at.is_null())
        .execute()
    )
    if n != 1:
        raise NotFound("That entry is already deleted or gone.")


@writes
def restore_interaction(db: Database, interaction_id: int) -> None:
    n = (
        m.Interaction.update(deleted_at=None, version=m.Interaction.version + 1)
        .where((m.Interaction.id == interaction_id) & m.Interaction.deleted_at.is_null(False))
        .execute()
    )
    if n != 1:
        raise NotFound("That entry is not deleted any more, or was purged.")


@writes
def purge_interaction(db: Database, interaction_id: int) -> None:
    """Delete a deleted entry for good (its full-text index entry goes with it)."""
    n = (
        m.Interaction.delete()
        .where((m.Interaction.id == interaction_id) & m.Interaction.deleted_at.is_null(False))
        .execute()
    )
    if n != 1:
        raise StoreError("Only a deleted entry can be purged.")


@writes
def set_follow_up_done(
    db: Database, interaction_id: int, done: bool = True, now: datetime | None = None, today: date | None = None
) -> Interaction:
    """Mark a follow-up done (or open again). One that repeats is not closed: the next one
    is set from ``today``, the day it was done, by its rhythm."""
    current = get_interaction(db, interaction_id)
    if current.deleted_at is not None:
        raise NotFound("That entry was deleted.")
    if current.follow_up is None:
        raise StoreError("This entry has no follow-up to mark.")
    rhythm = Rhythm.from_code(current.follow_up_every)
    if done and rhythm is not None:
        day = today or (now or _now()).date()
        m.Interaction.update(
            follow_up=rhythm.after(day), follow_up_done=False, follow_up_snoozed_until=None,
            version=m.Interaction.version + 1, updated_at=now or _now(),
        ).where(m.Interaction.id == interaction_id).execute()
        return get_interaction(db, interaction_id)
    m.Interaction.update(
        follow_up_done=done, version=m.Interaction.version + 1, updated_at=now or _now()
    ).where(m.Interaction.id == interaction_id).execute()
    return get_interaction(db, interaction_id)


@dataclass(frozen=True)
class FollowUpState:
    """A follow-up's columns as they were, to put them back (undo)."""

    follow_up: date | None
    done: bool
    snoozed_until: date | None


def follow_up_state(db: Database, interaction_id: int) -> FollowUpState:
    row = m.Interaction.get_or_none(m.Interaction.id == interaction_id)
    if row is None:
        raise NotFound("That journal entry is gone; it may have been purged in another session.")
    return FollowUpState(as_date(row.follow_up), bool(row.follow_up_done), as_date(row.follow_up_snoozed_until))


@writes
def complete_follow_up(db: Database, interaction_id: int, today: date) -> FollowUpState:
    """Mark a follow-up done (a repeating one moves to its next date); returns how it was, for undo."""
    before = follow_up_state(db, interaction_id)
    set_follow_up_done(db, interaction_id, True, today=today)
    return before


@writes
def put_follow_up_back(db: Database, interaction_id: int, state: FollowUpState) -> None:
    follow_up_state(db, interaction_id)
    m.Interaction.update(
        follow_up=state.follow_up, follow_up_done=state.done, follow_up_snoozed_until=state.snoozed_until,
        version=m.Interaction.version + 1, updated_at=_now(),
    ).where(m.Interaction.id == interaction_id).execute()


# ---------------------------------------------------------------- the journal, filtered


def fts_query(text: str) -> str | None:
    """User words as an FTS5 query: every word must appear, each as a prefix, in the summary,
    the notes or the names of who was there (migration 8 indexes those names too).

    Each word is quoted, so FTS5 syntax typed by a user (NEAR, *, ", ^, :) is only ever
    searched for, never run. None when the text holds no word at all (only symbols).
    """
    words = re.findall(r"\w+", clean_input(text))
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


# Above this many matches, a page of search results is found by walking the date index
# and keeping the matches (a few thousand steps at most); below it, by looking each match
# up and sorting them (cheap when there are few). Either way the work is bounded by a
# page, not by the size of the journal.
MANY_MATCHES = 2000


def _match_only(f: JournalFilter) -> str | None:
    """The FTS query when the filter is words and nothing else (the search box alone)."""
    if f.person_id is not None or f.kind or f.since or f.until or f.open_follow_ups:
        return None
    text = clean_input(f.text)
    return fts_query(text) if text else None


def _where(f: JournalFilter, *, by_date: bool = False, one_row: bool = False) -> tuple[str, list[Any]]:
    where = ["i.deleted_at IS NULL"]
    params: list[Any] = []
    if f.person_id is not None:
        where.append("i.id IN (SELECT interaction_id FROM participant WHERE person_id = ?)")
        params.append(f.person_id)
    if f.kind:
        where.append("i.kind = ?")
        params.append(f.kind)
    if f.since:
        where.append("i.date >= ?")
        params.append(f.since.isoformat())
    if f.until:
        where.append("i.date <= ?")
        params.append(f.until.isoformat())
    if f.open_follow_ups:
        where.append("i.follow_up IS NOT NULL AND i.follow_up_done = 0")
    text = clean_input(f.text)
    if text:
        query = fts_query(text)
        if query is not None:
            # With ``by_date``, the + keeps SQLite from looking each match up by id, so it walks
            # the date index instead and stops at the first page's worth. With ``one_row``
            # (is this one entry a match?) the index is asked about that row alone, instead
            # of listing every match first.
            if one_row:
                where.append("EXISTS (SELECT 1 FROM interaction_fts WHERE interaction_fts MATCH ? AND rowid = i.id)")
            else:
                where.append(f"{'+' if by_date else ''}i.id IN (SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH ?)")
            params.append(query)
        else:
            where.append("instr(lower(i.summary || ' ' || i.notes), lower(?)) > 0")
            params.append(text)
    return " AND ".join(where), params


_ROW_SQL = """
    SELECT i.id, i.date, i.kind, i.summary, i.notes, i.reciprocity, i.follow_up, i.follow_up_done,
           (SELECT group_concat(name, char(31)) FROM
              (SELECT p.name AS name FROM participant pa JOIN person p ON p.id = pa.person_id
                WHERE pa.interaction_id = i.id ORDER BY pa.id)) AS people,
           (SELECT group_concat(person_id) FROM
              (SELECT pa.person_id FROM participant pa WHERE pa.interaction_id = i.id ORDER BY pa.id)) AS ids,
           i.follow_up_every
      FROM interaction i
"""


def _rows(db: Database, sql: str, params: list[Any]) -> list[JournalRow]:
    return [
        JournalRow(
            id=iid,
            date=as_date(day),
            kind=kind,
            summary=summary,
            notes=notes,
            reciprocity=recip,
            follow_up=as_date(follow),
            follow_up_done=bool(done),
            people=tuple(people.split("\x1f")) if people else (),
            person_ids=tuple(int(i) for i in ids.split(",")) if ids else (),
            follow_up_every=every,
        )
        for iid, day, kind, summary, notes, recip, follow, done, people, ids, every in db.execute(sql, params)
    ]


def count_journal(db: Database, f: JournalFilter = JournalFilter()) -> int:
    if not f.active:  # every live entry: kept per day by triggers (migration 6)
        return db.execute("SELECT coalesce(sum(n), 0) FROM daily_interactions").fetchone()[0]
    match = _match_only(f)
    if match is not None:
        # The index holds live entries only (migration 4): it counts its own matches, with no
        # lookup of each one.
        return db.execute(
            "SELECT count(*) FROM interaction_fts WHERE interaction_fts MATCH ?", [match]
        ).fetchone()[0]
    where, params = _where(f)
    return db.execute(f"SELECT count(*) FROM interaction i WHERE {where}", params).fetchone()[0]


def journal_rows(
    db: Database,
    f: JournalFilter = JournalFilter(),
    *,
    limit: int | None = 100,
    offset: int = 0,
    after: tuple[date, int] | None = None,
    oldest_first: bool = False,
    many: bool = False,
) -> list[JournalRow]:
    """Entries matching ``f``, newest first (or oldest first).

    ``after`` is a keyset: the (date, id) of the last row already shown, so the next
    page costs the same however deep it is. ``many`` says the search words match many
    entries (see MANY_MATCHES), which picks the faster way to find a page of them.
    """
    where, params = _where(f, by_date=many)
    if after is not None:
        where += " AND (i.date, i.id) > (?, ?)" if oldest_first else " AND (i.date, i.id) < (?, ?)"
        params += [after[0].isoformat(), after[1]]
    order = "ASC" if oldest_first else "DESC"
    sql = f"{_ROW_SQL} WHERE {where} ORDER BY i.date {order}, i.id {order}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return _rows(db, sql, params)


def journal_slice(
    db: Database, f: JournalFilter, start: int, stop: int, total: int, after: tuple[date, int] | None = None
) -> list[JournalRow]:
    """Rows ``start:stop`` of the newest-first list of ``total`` rows.

    With ``after`` (the key of row ``start - 1``) a keyset query; otherwise an offset from
    whichever end is nearer, so the last page is as cheap as the first.
    """
    stop = min(stop, total)
    if stop <= start:
        return []
    many = total > MANY_MATCHES
    if after is not None:
        return journal_rows(db, f, limit=stop - start, after=after, many=many)
    if start <= total - stop:
        return journal_rows(db, f, limit=stop - start, offset=start, many=many)
    rows = journal_rows(db, f, limit=stop - start, offset=total - stop, oldest_first=True, many=many)
    rows.reverse()
    return rows


def journal_position(db: Database, f: JournalFilter, interaction_id: int) -> int | None:
    """Where an entry sits in the newest-first list for ``f``, or None if it is not in it."""
    one, one_params = _where(f, one_row=True)
    found = db.execute(
        f"SELECT i.date FROM interaction i WHERE i.id = ? AND {one}", [interaction_id, *one_params]
    ).fetchone()
    where, params = _where(f)
    if found is None:
        return None
    day = as_date(found[0]).isoformat()
    return db.execute(
        f"SELECT count(*) FROM interaction i WHERE {where} AND (i.date, i.id) > (?, ?)",
        [*params, day, interaction_id],
    ).fetchone()[0]


# ---------------------------------------------------------------- from the log form


def _add_cold_contacts(db: Database, names: tuple[str, ...], now: datetime | None) -> list[int]:
    from netui.domain.models import PersonDraft
    from netui.store.people import add_person

    return [add_person(db, PersonDraft(name=name), now=now) for name in names]


@writes
def log_interaction(db: Database, draft: InteractionDraft, new_people: tuple[str, ...] = (), now: datetime | None = None) -> int:
    """Add the people named for the first time (as cold contacts) and the entry, all or nothing."""
    added = _add_cold_contacts(db, new_people, now)
    return add_interaction(
        db,
        InteractionDraft(
            draft.date, draft.kind, (*draft.person_ids, *added), draft.summary, draft.notes,
            draft.reciprocity, draft.follow_up, draft.follow_up_every,
        ),
        now=now,
    )


@writes
def edit_interaction(
    db: Database, base: Interaction, changes: dict[str, Any], new_people: tuple[str, ...] = (), now: datetime | None = None
) -> Interaction:
    """update_interaction, adding the people named for the first time in the same transaction."""
    if new_people:
        added = _add_cold_contacts(db, new_people, now)
        changes = {**changes, "person_ids": (*changes.get("person_ids", base.person_ids), *added)}
    return update_interaction(db, base.id, base, changes, now=now)
