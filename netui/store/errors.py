"""Errors the store raises, each with a message fit to show a user as it is."""

from __future__ import annotations


class StoreError(Exception):
    """Something the user should be told about in one line."""


class NotANetuiDatabase(StoreError):
    pass


class NewerDatabase(StoreError):
    pass


class ReadOnlyDatabase(StoreError):
    pass


class DatabaseBusy(StoreError):
    pass


class DiskFull(StoreError):
    pass


class DatabaseDamaged(StoreError):
    """SQLite found a damaged page: nothing more should be written to the file."""


class NotFound(StoreError):
    pass


class Conflict(StoreError):
    """A save met a newer version with a different value in the same field."""

    def __init__(self, message: str, fields: dict[str, tuple[object, object]] | None = None):
        super().__init__(message)
        # field -> (their stored value, the value this session tried to save)
        self.fields = fields or {}


class TooSlow(Exception):
    """A read given a time limit (``store.db.time_limit``) was stopped before it finished.
    Not for the user: the caller runs it again where time does not matter."""
