"""Reading everything at once, for exports and the complete dump."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from peewee import AutoField, BooleanField, DateField, DateTimeField, ForeignKeyField, IntegerField

from netui.domain.journal import Kind, Reciprocity
from netui.domain.models import Membership, Person, TagKind
from netui.domain.networks import NETWORK_ORDER, Network, PeerSide
from netui.domain.occasions import DateKind, PersonDate
from netui.domain.rings import Ring
from netui.store.dates import dates_of_live_people
from netui.store.db import Database, writes
from netui.store.errors import StoreError
from netui.store.models import ALL_MODELS
from netui.store.values import as_date, as_datetime

# Parents before children, so a restore can insert them in this order.
TABLES: tuple[str, ...] = tuple(model._meta.table_name for model in ALL_MODELS)
# Tables that say the database already holds a network (settings alone do not).
CONTENT_TABLES = ("person", "interaction", "tag")
# Columns the database works out for itself (triggers, migrations 3, 6 and 10): not dumped, and
# ignored in a dump that has them, since a restore works them out again as rows go in.
DERIVED: dict[str, frozenset[str]] = {
    "person": frozenset({"last_contact", "due_on", "member_of", "sort_key"}),
    "membership": frozenset({"live", "ring", "due_on", "last_contact", "snoozed_until", "company"}),
    "participant": frozenset({"reciprocity"}),  # migration 10
}


def export_people(db: Database, ids: Collection[int] | None = None) -> list[Person]:
    """Every live person (or those of ``ids``) in name order, with networks, tags and last
    contact (no links or history)."""
    wanted = None if ids is None else set(ids)
    order = {n: i for i, n in enumerate(NETWORK_ORDER)}
    with db.snapshot():
        memberships: dict[int, list[Membership]] = {}
        for pid, network, side, distant in db.execute("SELECT person_id, network, peer_side, distant FROM membership"):
            memberships.setdefault(pid, []).append(
                Membership(Network(network), PeerSide(side) if side else None, bool(distant))
            )
        tags: dict[tuple[int, str], list[str]] = {}
        for pid, kind, name in db.execute(
            "SELECT pt.person_id, pt.kind, t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id ORDER BY pt.id"
        ):
            tags.setdefault((pid, kind), []).append(name)
        rows = db.execute(
            """SELECT id, name, ring, version, company, title, email, phone, url, location, purpose, notes,
                      cadence_override, last_contact, extra, created_at, updated_at
                 FROM person WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id"""
        ).fetchall()
        dates: dict[int, list[PersonDate]] = {}
        for d, _name, _ring in dates_of_live_people(db):
            dates.setdefault(d.person_id, []).append(d)
    return [
        Person(
            id=pid, name=name, ring=Ring(ring), version=version, company=company, title=title, email=email,
            phone=phone, url=url, location=location, purpose=purpose, notes=notes, cadence_override=cadence,
            last_contact=as_date(last), extra=extra, created_at=as_datetime(created), updated_at=as_datetime(updated),
            memberships=tuple(sorted(memberships.get(pid, []), key=lambda m: order[m.network])),
            help_tags=tuple(tags.get((pid, TagKind.HELP.value), [])),
            offer_tags=tuple(tags.get((pid, TagKind.OFFER.value), [])),
            dates=tuple(sorted(dates.get(pid, []), key=_date_order)),
        )
        for pid, name, ring, version, company, title, email, phone, url, location, purpose, notes, cadence, last,
        extra, created, updated in rows
        if wanted is None or pid in wanted
    ]


def _date_order(d: PersonDate) -> tuple:
    return (list(DateKind).index(d.kind), d.when.month, d.when.day, d.id)


def calendar_dates(db: Database) -> list[tuple[PersonDate, str, datetime | None]]:
    """Every date of a live person, with the person's name and when the date last changed."""
    with db.snapshot():
        changed = {did: as_datetime(at) for did, at in db.execute("SELECT id, updated_at FROM person_date")}
        found = dates_of_live_people(db)
    found.sort(key=lambda item: (item[1].lower(), _date_order(item[0])))
    return [(d, name, changed.get(d.id)) for d, name, _ring in found]


@dataclass(frozen=True)
class OpenFollowUp:
    """A follow-up not done yet, as a calendar shows it."""

    interaction_id: int
    due: date  # the later of the follow-up date and any snooze
    kind: str
    summary: str
    notes: str
    date: date  # of the interaction
    updated_at: datetime | None
    people: tuple[str, ...]


def open_follow_ups(db: Database) -> list[OpenFollowUp]:
    """Every open follow-up of a live entry, by the day it is due (snoozes included)."""
    with db.snapshot():
        names: dict[int, list[str]] = {}
        for iid, name in db.execute(
            """SELECT pa.interaction_id, p.name FROM participant pa JOIN person p ON p.id = pa.person_id
                JOIN interaction i ON i.id = pa.interaction_id
               WHERE i.follow_up IS NOT NULL AND i.follow_up_done = 0 AND i.deleted_at IS NULL
               ORDER BY pa.interaction_id, p.name COLLATE NOCASE"""
        ):
            names.setdefault(iid, []).append(name)
        rows = db.execute(
            """SELECT id, follow_up, follow_up_snoozed_until, kind, summary, notes, date, updated_at FROM interaction
               WHERE follow_up IS NOT NULL AND follow_up_done = 0 AND deleted_at IS NULL ORDER BY follow_up, id"""
        ).fetchall()
    out = []
    for iid, follow_up, snoozed, kind, summary, notes, day, updated in rows:
        due = as_date(follow_up)
        until = as_date(snoozed)
        if until and until > due:
            due = until
        out.append(OpenFollowUp(iid, due, kind, summary, notes, as_date(day), as_datetime(updated),
                                tuple(names.get(iid, []))))
    out.sort(key=lambda item: (item.due, item.interaction_id))
    return out


# ---------------------------------------------------------------- the complete dump


def table_columns(db: Database, table: str) -> list[str]:
    """The columns of ``table`` that hold data (not the derived ones)."""
    derived = DERIVED.get(table, frozenset())
    return [row[1] for row in db.execute(f'PRAGMA table_info("{table}")') if row[1] not in derived]


def dump_tables(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table ({column: value}), exactly as stored, from one snapshot."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with db.snapshot():
        for table in TABLES:
            columns = table_columns(db, table)
            quoted = ", ".join(f'"{c}"' for c in columns)
            # In rowid order, so a restore inserts rows in the order they were stored.
            tables[table] = [
                dict(zip(columns, row)) for row in db.execute(f'SELECT {quoted} FROM "{table}" ORDER BY rowid')
            ]
    return tables


def table_json_rows(db: Database, table: str, batch: int = 5000) -> Iterator[list[str]]:
    """Every row of ``table`` as a JSON object's text ({"column": value, ...}), in rowid order,
    ``batch`` at a time: written by SQLite's JSON functions, so a million rows never become
    a million Python dictionaries. Read inside the caller's snapshot."""
    columns = table_columns(db, table)
    pairs = ", ".join(f"'{c}', \"{c}\"" for c in columns)
    cursor = db.execute(f'SELECT json_object({pairs}) FROM "{table}" ORDER BY rowid')
    while rows := cursor.fetchmany(batch):
        yield [row[0] for row in rows]


def content_counts(db: Database) -> dict[str, int]:
    return {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in CONTENT_TABLES}


class RestoreRefused(StoreError):
    """The dump does not fit: the message names the table and what is wrong."""


# ---------------------------------------------------------------- checking a dump before it goes in

INT64 = (-(2**63), 2**63 - 1)
MAX_TEXT = 1_000_000  # characters in one value: a lifetime's notes on one person fit many times over
_CHOICES: dict[tuple[str, str], frozenset[str]] = {
    ("person", "ring"): frozenset(r.value for r in Ring),
    ("membership", "network"): frozenset(n.value for n in Network),
    ("membership", "peer_side"): frozenset(p.value for p in PeerSide),
    ("ring_move", "from_ring"): frozenset(r.value for r in Ring),
    ("ring_move", "to_ring"): frozenset(r.value for r in Ring),
    ("person_tag", "kind"): frozenset(k.value for k in TagKind),
    ("interaction", "kind"): frozenset(k.value for k in Kind),
    ("interaction", "reciprocity"): frozenset(r.value for r in Reciprocity),
}
_RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("person", "cadence_override"): (1, 3650),
    ("person", "version"): (1, INT64[1]),
    ("interaction", "version"): (1, INT64[1]),
}


def _field_problem(table: str, column: str, field: Any, value: Any) -> str | None:
    """What is wrong with ``value`` for ``table.column``, or None."""
    if value is None:
        return None if field.null or field.primary_key else "is missing (null)"
    if isinstance(field, BooleanField):
        return None if value in (0, 1) and not isinstance(value, float) else f"must be true or false, not {value!r:.40}"
    if isinstance(field, (IntegerField, ForeignKeyField, AutoField)):
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number, not {value!r:.40}"
        low, high = _RANGES.get((table, column), (1, INT64[1]) if field.primary_key or isinstance(field, ForeignKeyField)
                                 else INT64)
        if not low <= value <= high:
            shown = f"{value}" if len(str(value)) <= 30 else f"a {len(str(value)):,}-digit number"
            return f"is {shown}, outside {low}..{high}"
        return None
    if not isinstance(value, str):
        return f"must be text, not {value!r:.40}"
    if len(value) > MAX_TEXT:
        return f"is {len(value):,} characters long (at most {MAX_TEXT:,})"
    if isinstance(field, DateField):
        try:
            date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            pass
        else:
            if len(value) == 10:
                return None
        return f"must be a date like 2026-03-14, not {value!r:.40}"
    if isinstance(field, DateTimeField):
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return f"must be a date and time like 2026-03-14 09:30:00, not {value!r:.40}"
        return None
    choices = _CHOICES.get((table, column))
    if choices is not None and value not in choices:
        return f"must be one of {', '.join(sorted(choices))}, not {value!r:.40}"
    if (table, column) == ("setting", "value") or (table, column) == ("person", "extra") and value:
        try:
            parsed = json.loads(value)
        except (ValueError, RecursionError):
            return f"must be JSON text, not {value!r:.40}"
        if table == "person" and not isinstance(parsed, dict):
            return "must be a JSON object"
    return None


def _setting_problem(key: Any, value: Any) -> str | None:
    """A setting netui reads must have the type it reads (the rest only needs to be JSON)."""
    if not isinstance(key, str) or not isinstance(value, str):
        return None  # reported by the column check
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        return None  # reported by the column check
    if key.startswith("cadence.") and parsed is None:
        return None  # no cadence for that ring
    if key.startswith(("cadence.", "neglect.")):
        if isinstance(parsed, bool) or not isinstance(parsed, int) or not 1 <= parsed <= 3650:
            return f"must be a number of days from 1 to 3650, not {value!r:.40}"
    elif key == "day_first" and not isinstance(parsed, bool):
        return f"must be true or false, not {value!r:.40}"
    elif key in ("my_name", "my_company", "theme") and not isinstance(parsed, str):
        return f"must be text, not {value!r:.40}"
    return None


def check_dump_rows(tables: dict[str, Any]) -> None:
    """Every value of every row has its column's type and range, before anything is written:
    a RestoreRefused names the table, the row (and its id) and the column otherwise."""
    models = {model._meta.table_name: model for model in ALL_MODELS}
    for table, rows in tables.items():
        model = models.get(table)
        if model is None:
            raise RestoreRefused(f"the dump has an unknown table {table!r}")
        if not isinstance(rows, list):
            raise RestoreRefused(f"the dump's table {table!r} is not a list of rows")
        fields = {field.column_name: field for field in model._meta.sorted_fields}
        derived = DERIVED.get(table, frozenset())
        required = [name for name, field in fields.items()
                    if not field.null and field.default is None and not field.primary_key and name not in derived]
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise RestoreRefused(f"the dump's table {table!r}, row {number:,}, is not an object")
            ident = row.get("id", row.get("key"))
            where = f"{table} row {number:,}" + (f" (id {ident})" if isinstance(ident, (int, str))
                                                 and len(str(ident)) <= 30 else "")
            for column, value in row.items():
                if column in derived:
                    continue
                field = fields.get(column)
                if field is None:
                    raise RestoreRefused(f"the dump's {where} has an unknown column {column!r:.60}")
                problem = _field_problem(table, column, field, value)
                if problem is None and table == "setting" and column == "value":
                    problem = _setting_problem(row.get("key"), value)
                if problem:
                    raise RestoreRefused(f"the dump's {where}: {column} {problem}")
            for column in required:
                if column not in row:
                    raise RestoreRefused(f"the dump's {where} has no {column}")


@writes
def restore_tables(
    db: Database,
    tables: dict[str, list[dict[str, Any]]],
    progress: Callable[[int, int], None] | None = None,
    refuse: Callable[[dict[str, int]], None] | None = None,
) -> dict[str, int]:
    """Put every row back, in one transaction. ``refuse(counts)`` may raise to stop a restore
    into a database that holds data (it is asked inside the transaction)."""
    check_dump_rows(tables)  # before anything is written: a bad value names its row and column
    if refuse is not None:
        refuse(content_counts(db))
    conn = db.orm.connection()
    # A person may name as introducer someone with a higher id: check links at commit.
    conn.execute("PRAGMA defer_foreign_keys = ON")
    conn.execute("DELETE FROM setting")  # settings written before the restore give way to the dump's
    total = sum(len(tables.get(t, [])) for t in TABLES)
    done = 0
    counts: dict[str, int] = {}
    for table in TABLES:
        rows = tables.get(table, [])
        counts[table] = len(rows)
        if not rows:
            continue
        known = set(table_columns(db, table))
        derived = DERIVED.get(table, frozenset())
        rows = [{c: v for c, v in row.items() if c not in derived} for row in rows] if derived else rows
        columns: list[str] = []
        for row in rows:
            for column in row:
                if column not in known:
                    raise RestoreRefused(f"the dump's table {table!r} has an unknown column {column!r}")
                if column not in columns:
                    columns.append(column)
        # A row without a column gets the column's default, as if written by an older netui.
        by_shape: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for row in rows:
            shape = tuple(c for c in columns if c in row)
            by_shape.setdefault(shape, []).append(tuple(row[c] for c in shape))
        try:
            for shape, values in by_shape.items():
                names = ", ".join(f'"{c}"' for c in shape)
                conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(shape))})', values)
        except sqlite3.IntegrityError as exc:
            raise RestoreRefused(f"the dump's table {table!r} does not fit this database: {exc}") from None
        done += len(rows)
        if progress:
            progress(done, total)
    from netui.store.migrations import fill_sort_keys

    fill_sort_keys(conn)
    broken = conn.execute("PRAGMA foreign_key_check").fetchone()
    if broken:
        table, rowid, parent, _ = broken
        raise RestoreRefused(f"the dump is inconsistent: {table} row {rowid} points at a missing {parent}")
    return counts
