"""The complete dump: every row of every table, ids included, in one versioned JSON document.

``netui import json`` restores it into an empty database exactly as it was: same ids
(so links, introductions and participants still point at the right people), same
timestamps, same versions. The full-text index is not in the dump; the database's own
triggers rebuild it as the interactions go back in.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from netui import __version__
from netui.domain.text import json_safe
from netui.io.common import FormatError, Progress, read_text
from netui.store.db import writes
from netui.store.migrations import LATEST_VERSION
from netui.store.models import ALL_MODELS, database

FORMAT = "netui"
VERSION = 1
# Parents before children, so the order also reads naturally.
TABLES: tuple[str, ...] = tuple(model._meta.table_name for model in ALL_MODELS)
# Tables that say the database already holds a network (settings alone do not).
CONTENT_TABLES = ("person", "interaction", "tag")


def _columns(table: str) -> list[str]:
    return [row[1] for row in database.execute_sql(f'PRAGMA table_info("{table}")')]


def dump(now: datetime | None = None) -> dict[str, Any]:
    """Every table as lists of rows ({column: value}), exactly as stored."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with database.atomic():  # one snapshot: no half-written interaction between two tables
        for table in TABLES:
            columns = _columns(table)
            quoted = ", ".join(f'"{c}"' for c in columns)
            # In rowid order, so a restore inserts rows in the order they were stored.
            tables[table] = [
                dict(zip(columns, row)) for row in database.execute_sql(f'SELECT {quoted} FROM "{table}" ORDER BY rowid')
            ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": LATEST_VERSION,
        "netui": __version__,
        "exported_at": (now or datetime.now()).replace(microsecond=0).isoformat(),
        "counts": {table: len(rows) for table, rows in tables.items()},
        "tables": tables,
    }


def export(now: datetime | None = None) -> str:
    """The dump as text, one row per line: readable and diffable, and written by json's
    C encoder (any ``indent`` falls back to the pure-Python one, ten times slower)."""
    doc = dump(now)
    tables = doc.pop("tables")
    encode = json.JSONEncoder(ensure_ascii=False).encode
    head = [f" {encode(key)}: {encode(value)}" for key, value in doc.items()]
    body = []
    for table, rows in tables.items():
        lines = ",\n".join("   " + encode(row) for row in rows)
        body.append(f"  {encode(table)}: [\n{lines}\n  ]" if rows else f"  {encode(table)}: []")
    text = "{\n" + ",\n".join(head) + ',\n "tables": {\n' + ",\n".join(body) + "\n }\n}\n"
    return json_safe(text)  # C1 and bidi controls as \\u escapes: exact, and safe on a terminal


def load(text: str, source: str = "dump.json") -> dict[str, Any]:
    """The document, checked for shape; a FormatError says in one line what is wrong."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise FormatError(f"{source} is not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("tables"), dict):
        raise FormatError(f"{source} is not a netui dump (made by `netui export json`)")
    version = doc.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise FormatError(f"{source} is a netui dump of version {version!r}; this netui reads version {VERSION}: upgrade netui")
    schema = doc.get("schema", 1)
    if not isinstance(schema, int) or schema > LATEST_VERSION:
        raise FormatError(f"{source} was written by a newer netui (schema {schema}); upgrade netui to restore it")
    for table, rows in doc["tables"].items():
        if table not in TABLES:
            raise FormatError(f"{source} has an unknown table {table!r}")
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise FormatError(f"{source}: table {table!r} is not a list of rows")
        for row in rows:
            for value in row.values():
                if value is not None and not isinstance(value, (str, int, float)):
                    raise FormatError(f"{source}: table {table!r} holds a value that is not text or a number")
    return doc


def load_file(path: str | Path) -> dict[str, Any]:
    return load(read_text(path, "JSON"), Path(path).name)


_NOUNS = {
    "person": ("person", "people"),
    "membership": ("network membership", "network memberships"),
    "ring_move": ("ring move", "ring moves"),
    "knows": ("knows link", "knows links"),
    "tag": ("tag", "tags"),
    "person_tag": ("tag on a person", "tags on people"),
    "interaction": ("interaction", "interactions"),
    "participant": ("participant", "participants"),
    "setting": ("setting", "settings"),
}


def counted(table: str, n: int) -> str:
    one, many = _NOUNS.get(table, (table, table))
    return f"{n:,} {one if n == 1 else many}"


def existing_rows() -> dict[str, int]:
    return {
        table: database.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in CONTENT_TABLES
    }


def check_empty() -> None:
    counts = existing_rows()
    if any(counts.values()):
        held = ", ".join(counted(table, n) for table, n in counts.items() if n)
        raise FormatError(
            f"the database already holds data ({held}); restore a dump only into a new, empty database "
            "(e.g. --db restored.db)"
        )


def summary(doc: dict[str, Any]) -> str:
    tables = doc["tables"]
    return ", ".join(counted(t, len(tables.get(t, []))) for t in TABLES)


def restore(doc: dict[str, Any], progress: Progress | None = None) -> dict[str, int]:
    """Put every row of ``doc`` back, in one transaction; refused unless the database is empty."""

    @writes
    def apply() -> dict[str, int]:
        check_empty()
        conn = database.connection()
        # A person may name as introducer someone with a higher id: check links at commit.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("DELETE FROM setting")  # settings written before the restore give way to the dump's
        total = sum(len(doc["tables"].get(t, [])) for t in TABLES)
        done = 0
        counts: dict[str, int] = {}
        for table in TABLES:
            rows = doc["tables"].get(table, [])
            counts[table] = len(rows)
            if not rows:
                continue
            known = set(_columns(table))
            columns: list[str] = []
            for row in rows:
                for column in row:
                    if column not in known:
                        raise FormatError(f"the dump's table {table!r} has an unknown column {column!r}")
                    if column not in columns:
                        columns.append(column)
            sql = f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) VALUES ({", ".join("?" * len(columns))})'
            # A row without a column gets the column's default, as if written by an older netui.
            by_shape: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
            for row in rows:
                shape = tuple(c for c in columns if c in row)
                by_shape.setdefault(shape, []).append(tuple(row[c] for c in shape))
            try:
                for shape, values in by_shape.items():
                    if shape == tuple(columns):
                        conn.executemany(sql, values)
                    else:
                        names = ", ".join(f'"{c}"' for c in shape)
                        conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(shape))})', values)
            except sqlite3.IntegrityError as exc:
                raise FormatError(f"the dump's table {table!r} does not fit this database: {exc}") from None
            done += len(rows)
            if progress:
                progress(done, total)
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            table, rowid, parent, _ = broken
            raise FormatError(f"the dump is inconsistent: {table} row {rowid} points at a missing {parent}")
        return counts

    return apply()
