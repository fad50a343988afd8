"""Checking a file before anything opens it, with sqlite3 alone and writing nothing:
is it there, is it netui's, is it newer than this netui, may it be written.
``netui.store.db.Database.open`` runs these checks first."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import NamedTuple

from netui.store.errors import DatabaseDamaged, DiskFull, NewerDatabase, NotANetuiDatabase, StoreError
from netui.store.migrations import LATEST_VERSION

# "netu" in ASCII: marks a SQLite file as netui's own (PRAGMA application_id).
APPLICATION_ID = 0x6E657475
SQLITE_HEADER = b"SQLite format 3\x00"
# How long a write waits on another session's lock before saying so.
BUSY_TIMEOUT_SECONDS = 2.0


class FileFacts(NamedTuple):
    application_id: int
    user_version: int
    tables: int


class CheckedFile(NamedTuple):
    """What the checks found: whether the file is there, whether it may be written, and
    whether its schema is this netui's."""

    path: Path
    readonly: bool
    created: bool  # not there yet: opening will create it
    facts: FileFacts

    @property
    def needs_migration(self) -> bool:
        return self.facts.user_version < LATEST_VERSION

    @property
    def ready(self) -> bool:
        """Nothing to create or upgrade: the file can be read as it is."""
        return not self.created and not self.needs_migration


def read_only_uri(path: Path) -> str:
    """The URI to open ``path`` without writing to it.

    A WAL database opened read-only still needs its ``-shm`` index beside it; in a
    folder nobody may write to (so nobody can be changing the file) and with no log
    left over, SQLite is told the file is immutable, which needs no index."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK) and not wal.exists():
        uri += "&immutable=1"
    return uri


SMALL_FREE_SPACE = 1 << 20  # less than this free beside a database: a failed open is a full disk


def _unreadable(path: Path, exc: OSError) -> StoreError:
    if isinstance(exc, PermissionError):
        return StoreError(
            f"{path} cannot be read: permission denied. If the file is yours, `chmod u+rw {path}` and try again."
        )
    return StoreError(f"{path} cannot be read ({exc.strerror or exc}).")


def _open_problem(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    """What to tell the user when SQLite cannot even open ``path`` to read it."""
    text = str(exc).lower()
    if "malformed" in text or "corrupt" in text:
        return DatabaseDamaged(
            f"{path} is damaged ({exc}): netui will not write to it, and left it untouched. "
            "Restore a backup (`netui restore FILE`)."
        )
    folder = path.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = SMALL_FREE_SPACE
    if "full" in text or ("disk i/o" in text and free < SMALL_FREE_SPACE):
        return DiskFull(
            f"The disk is full: {path} cannot be opened (SQLite needs a little room beside it). "
            "Free some space and try again; the file was left untouched."
        )
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    if wal.exists() and not shm.exists() and not os.access(folder, os.W_OK):
        return StoreError(
            f"{path} has changes in {wal.name} beside it, and its folder is read-only, so SQLite cannot read them. "
            f"Make the folder writable (`chmod u+w {folder}`) and open it once to fold them into the file."
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            f"{path} needs a write to be read (a crash left {path.name}-journal or {wal.name}), and it cannot be "
            f"written here: make it and its folder writable (`chmod u+w {path} {folder}`) and try again."
        )
    return NotANetuiDatabase(f"{path} cannot be read as a netui database ({exc}); it was left untouched.")


def inspect_file(path: Path) -> FileFacts:
    """Read a file's identity without writing to it (read-only URI connection).

    One exception: a crash in the middle of a write (with the rollback journal a backup or
    a restore leaves) leaves a hot ``-journal`` that SQLite must roll back before anyone
    can read the file. A read-only connection cannot, so when there is one and the file
    may be written, a plain connection opens it, which rolls the interrupted write back."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if header != SQLITE_HEADER:
        raise NotANetuiDatabase(f"{path} is not a netui database (it is not an SQLite file); it was left untouched.")
    journal = path.with_name(path.name + "-journal")
    try:
        hot = journal.stat().st_size > 0 and writable(path)
    except OSError:
        hot = False
    try:
        if hot:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
        else:
            conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _open_problem(path, exc) from exc
    return FileFacts(app_id, user_version, tables)


def writable(path: Path) -> bool:
    # WAL keeps two files beside the database, so the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def check_database(path: str | os.PathLike[str], *, readonly: bool = False, create: bool = True) -> CheckedFile:
    """Every check made before a file is opened; writes nothing. Raises a StoreError that
    says what is wrong with a file that is not netui's, is newer, or cannot be created.

    The path is resolved once, links included, so the file itself is what gets opened,
    locked, backed up and restored, never a link to it. ``create``: a missing file is
    one to create (else an error, for commands that only read)."""
    path = Path(path).expanduser().resolve()
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if not path.exists():
        if readonly or not create:
            raise StoreError(f"{path} does not exist.")
        return CheckedFile(path, readonly=False, created=True, facts=FileFacts(0, 0, 0))
    if path.stat().st_size == 0:
        raise NotANetuiDatabase(f"{path} is an empty file, not a netui database; it was left untouched.")
    facts = inspect_file(path)
    if facts.application_id != APPLICATION_ID and not (facts.application_id == 0 and facts.tables == 0):
        raise NotANetuiDatabase(
            f"{path} is an SQLite file of another application, not a netui database; it was left untouched."
        )
    if facts.user_version > LATEST_VERSION:
        raise NewerDatabase(
            f"{path} was written by a newer netui (schema {facts.user_version}, this one knows "
            f"{LATEST_VERSION}); upgrade netui to open it. The file was left untouched."
        )
    return CheckedFile(path, readonly=readonly or not writable(path), created=False, facts=facts)
