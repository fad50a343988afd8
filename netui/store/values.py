"""Turning what SQLite hands back into Python values."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


# What a damaged stored date reads as: one row with a value that is not a date (written by
# another tool, or an old restore) must never stop a list, an export or the app. It shows as
# 0001-01-01, first in every list, where it is seen and can be corrected.
DAMAGED_DATE = date.min
DAMAGED_DATETIME = datetime.min


def as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value if not isinstance(value, datetime) else value.date()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return DAMAGED_DATE


def as_datetime(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return DAMAGED_DATETIME


def now() -> datetime:
    """The time stamped on a change: to the second, as Peewee writes a DateTimeField."""
    return datetime.now().replace(microsecond=0)
