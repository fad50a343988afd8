"""The complete dump: every row of every table, ids included, in one versioned JSON document.

``netui import json`` restores it into an empty database exactly as it was: same ids
(so links, introductions and participants still point at the right people), same
timestamps, same versions. The full-text index is not in the dump; the database's own
triggers rebuild it as the interactions go back in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from netui import __version__
from netui.domain.text import json_safe
from netui.io.common import FormatError, Progress, read_text
from netui.store.db import Database
from netui.store.exports import (
    TABLES,
    RestoreRefused,
    check_dump_rows,
    content_counts,
    dump_tables,
    restore_tables,
    table_json_rows,
)
from netui.store.migrations import LATEST_VERSION

FORMAT = "netui"
VERSION = 1


def _head(now: datetime | None, counts: dict[str, int]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": LATEST_VERSION,
        "netui": __version__,
        "exported_at": (now or datetime.now()).replace(microsecond=0).isoformat(),
        "counts": counts,
    }


def dump(db: Database, now: datetime | None = None) -> dict[str, Any]:
    """Every table as lists of rows ({column: value}), exactly as stored."""
    tables = dump_tables(db)
    return {**_head(now, {table: len(rows) for table, rows in tables.items()}), "tables": tables}


def export(db: Database, now: datetime | None = None) -> str:
    """The dump as one text (see ``chunks``)."""
    return "".join(chunks(db, now))


def chunks(db: Database, now: datetime | None = None) -> Iterator[str]:
    """The dump as text, one row per line (readable and diffable), produced a few thousand
    rows at a time from one snapshot, so a lifetime's journal is written in constant memory.
    Control and bidi characters inside strings are written as \\u escapes: exact, and safe
    on a terminal."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    with db.snapshot():
        counts = {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in TABLES}
        head = [f" {encode(key)}: {encode(value)}" for key, value in _head(now, counts).items()]
        yield "{\n" + ",\n".join(head) + ',\n "tables": {\n'
        for i, table in enumerate(TABLES):
            yield ("" if i == 0 else ",\n") + f"  {encode(table)}: ["
            first = True
            for batch in table_json_rows(db, table):
                yield json_safe(("\n   " if first else ",\n   ") + ",\n   ".join(batch))
                first = False
            yield "]" if first else "\n  ]"
        yield "\n }\n}\n"


def load(text: str, source: str = "dump.json") -> dict[str, Any]:
    """The document, checked for shape; a FormatError says in one line what is wrong."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"{source} is not JSON ({exc.msg} at line {exc.lineno})") from None
    except ValueError as exc:  # a number of thousands of digits
        raise FormatError(f"{source} holds a number too long to be a netui value ({str(exc)[:60]})") from None
    except RecursionError:
        raise FormatError(f"{source} is nested too deeply to be a netui dump") from None
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
    try:
        check_dump_rows(doc["tables"])
    except RestoreRefused as exc:
        raise FormatError(f"{source}: {exc}; nothing was restored") from None
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
    "person_date": ("date on a person", "dates on people"),
    "review_pick": ("monthly routine pick", "monthly routine picks"),
    "setting": ("setting", "settings"),
}


def counted(table: str, n: int) -> str:
    one, many = _NOUNS.get(table, (table, table))
    return f"{n:,} {one if n == 1 else many}"


def _refuse_unless_empty(counts: dict[str, int]) -> None:
    if any(counts.values()):
        held = ", ".join(counted(table, n) for table, n in counts.items() if n)
        raise FormatError(
            f"the database already holds data ({held}); restore a dump only into a new, empty database "
            "(e.g. --db restored.db)"
        )


def check_empty(db: Database) -> None:
    _refuse_unless_empty(content_counts(db))


def summary(doc: dict[str, Any]) -> str:
    tables = doc["tables"]
    return ", ".join(counted(t, len(tables.get(t, []))) for t in TABLES)


def restore(db: Database, doc: dict[str, Any], progress: Progress | None = None) -> dict[str, int]:
    """Put every row of ``doc`` back, in one transaction; refused unless the database is empty."""
    try:
        return restore_tables(db, doc["tables"], progress, refuse=_refuse_unless_empty)
    except RestoreRefused as exc:
        raise FormatError(str(exc)) from None
