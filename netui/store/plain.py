"""Reads with sqlite3 alone, for the first screen.

The app's start-up reads the settings and the Overview on a connection of its own in a
thread (``plain_connection``) while Textual is imported, and imports the ORM only once the
first screen is painted. The queries here and in ``netui.store.overview`` go through
``execute``: on that connection in the start-up thread, through the ORM's everywhere else.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from netui.domain.settings import Settings
from netui.domain.networks import DEFAULT_NEGLECT_DAYS, NETWORK_ORDER
from netui.domain.rings import DEFAULT_CADENCE, RING_ORDER
from netui.store.check import BUSY_TIMEOUT_SECONDS, read_only_uri

# Kept up to date by triggers on participant and interaction (migration 3).
LAST_CONTACT_SQL = "p.last_contact"

_local = threading.local()


def execute(sql: str, params: Any = ()) -> sqlite3.Cursor:
    """Run one statement on this thread's plain connection if it has one, else the ORM's."""
    conn: sqlite3.Connection | None = getattr(_local, "conn", None)
    if conn is not None:
        return conn.execute(sql, params)
    from netui.store.models import database

    return database.execute_sql(sql, params)


@contextmanager
def plain_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """For the duration, this thread's reads through ``execute`` use a read-only sqlite3
    connection to ``path``, which cannot write whatever runs on it."""
    conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    _local.conn = conn
    try:
        yield conn
    finally:
        _local.conn = None
        conn.close()


def as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def load_settings() -> Settings:
    raw = {key: json.loads(value) for key, value in execute("SELECT key, value FROM setting")}
    cadence = dict(DEFAULT_CADENCE)
    for ring in RING_ORDER:
        key = f"cadence.{ring.value}"
        if key in raw:
            cadence[ring] = raw[key]
    neglect = {n: DEFAULT_NEGLECT_DAYS for n in NETWORK_ORDER}
    for network in NETWORK_ORDER:
        key = f"neglect.{network.value}"
        if key in raw:
            neglect[network] = int(raw[key])
    return Settings(
        my_name=raw.get("my_name", ""),
        my_company=raw.get("my_company", ""),
        cadence=cadence,
        neglect_days=neglect,
        day_first=bool(raw.get("day_first", True)),
        theme=raw.get("theme", ""),
    )
