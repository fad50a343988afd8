"""The database handle: a netui file checked, upgraded, opened and locked once.

The command line opens the file with ``Database.open`` and hands that one object to
the app or the command that needs it. Every store function takes it as its first
argument, so every read and write of the file goes through it. Peewee's models are
bound to it while it is open (one open handle per process).

Writes are one IMMEDIATE transaction each (``writes``), retried briefly while another
session holds the lock; SQLite's wording becomes a ``StoreError`` a user can act on.
"""

from __future__ import annotations

import functools
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from peewee import DatabaseError, OperationalError, SqliteDatabase

from netui.store.check import (
    APPLICATION_ID,
    BUSY_TIMEOUT_SECONDS,
    CheckedFile,
    check_database,
    read_only_uri,
    writable,
)
from netui.store.errors import DatabaseBusy, DatabaseDamaged, DiskFull, ReadOnlyDatabase, StoreError
from netui.store.files import no_looser_than, private_file, private_folder
from netui.store.migrations import LATEST_VERSION, MIGRATIONS
from netui.store.models import ALL_MODELS
from netui.store.session import SessionLock

# How long a write keeps retrying while another session holds the lock.
WRITE_RETRY_SECONDS = 3.0

Progress = Callable[[str, int, int], None]


class Database:
    """One open netui file. Made by ``Database.open``; closed by ``close``."""

    def __init__(self, checked: CheckedFile, *, backup_path: Path | None = None, migrated_from: int | None = None):
        self.path = checked.path
        self.created = checked.created
        self.backup_path = backup_path  # the copy kept before an upgrade, if there was one
        self.migrated_from = migrated_from
        self._readonly = checked.readonly
        self._session: SessionLock | None = None
        pragmas: list[tuple[str, object]] = [("foreign_keys", 1), ("busy_timeout", int(BUSY_TIMEOUT_SECONDS * 1000))]
        if self._readonly:
            self.orm = SqliteDatabase(read_only_uri(self.path), uri=True, pragmas=pragmas, timeout=BUSY_TIMEOUT_SECONDS)
        else:
            pragmas = [("journal_mode", "wal"), *pragmas, ("synchronous", "normal")]
            # mode=rw: a file deleted behind netui's back is an error, never a new empty file.
            self.orm = SqliteDatabase(
                f"{self.path.as_uri()}?mode=rw", uri=True, pragmas=pragmas, timeout=BUSY_TIMEOUT_SECONDS
            )
        self.orm.bind(ALL_MODELS, bind_refs=False, bind_backrefs=False)

    # ------------------------------------------------------------ opening and closing

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        create: bool = True,
        progress: Progress | None = None,
    ) -> Database:
        """Check ``path``, create it (when ``create``) or bring its schema up to date after a
        safety copy, and open it. Never writes to a file that is not netui's.

        ``progress`` hears how the safety copy made before an upgrade is going."""
        checked = check_database(path, readonly=readonly, create=create)
        path = checked.path
        if checked.created:
            try:
                private_folder(path.parent)
            except OSError as exc:
                raise StoreError(f"Cannot create the folder {path.parent}: {exc.strerror or exc}.") from exc
            if not os.access(path.parent, os.W_OK):
                raise ReadOnlyDatabase(f"Cannot create {path}: the folder is not writable.")
            try:
                private_file(path)
            except OSError as exc:
                raise StoreError(f"Cannot create {path}: {exc.strerror or exc}.") from exc
        facts = checked.facts
        needs_migration = facts.user_version < LATEST_VERSION
        if needs_migration and checked.readonly:
            if readonly and writable(path):  # only this opening is read-only, not the file
                raise ReadOnlyDatabase(
                    f"{path} was written by an older netui and needs an upgrade, which is not done when it is "
                    "opened read-only; open it once in netui to upgrade it (a copy is kept first)."
                )
            raise ReadOnlyDatabase(f"{path} needs an upgrade to this netui's schema but it is read-only.")
        backup_path = None
        if needs_migration and facts.tables:
            backup_path = path.with_name(f"{path.name}.v{facts.user_version}-{datetime.now():%Y%m%d-%H%M%S}.bak")
            copy_database(path, backup_path, progress)
        db = cls(checked, backup_path=backup_path,
                 migrated_from=facts.user_version if needs_migration and not checked.created else None)
        if needs_migration:
            try:
                db._migrate()
            except BaseException:
                db.close()
                if checked.created:  # nothing of the user's is in it: leave no half-made file
                    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                        leftover.unlink(missing_ok=True)
                raise
        return db

    def close(self) -> None:
        self.release_session()
        self.orm.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        with self.write():
            conn = self.orm.connection()
            # The version is read again under the write lock: another session opening the
            # same old file may have upgraded it while this one was copying it.
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            for step in range(current, LATEST_VERSION):
                MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {LATEST_VERSION}")

    # ------------------------------------------------------------ sessions

    def share_session(self) -> None:
        """Mark this process as a session on the file (restore waits for sessions to end)."""
        if self._session is None:
            self._session = SessionLock(self.path)
            self._session.share()

    def release_session(self) -> None:
        if self._session is not None:
            self._session.release()
            self._session = None

    # ------------------------------------------------------------ reading

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        """One statement on this thread's connection."""
        return self.orm.execute_sql(sql, params)

    def connection_context(self):
        """For a worker thread: a connection of its own for the block, closed after."""
        return self.orm.connection_context()

    def snapshot(self):
        """Reads in the block see one consistent state of the file."""
        return self.orm.atomic()

    def in_transaction(self) -> bool:
        return self.orm.in_transaction()

    def data_version(self) -> int:
        """Changes whenever another connection commits (see ChangeWatch)."""
        return self.execute("PRAGMA data_version").fetchone()[0]

    # ------------------------------------------------------------ writing

    @property
    def readonly(self) -> bool:
        return self._readonly

    def stop_writing(self) -> None:
        """From now on every write is refused (a damaged page was found mid-session)."""
        self._readonly = True

    @contextmanager
    def write(self) -> Iterator[None]:
        """One write, all or nothing, with the write lock taken up front."""
        if self._readonly:
            raise ReadOnlyDatabase("The database is open read-only: nothing can be saved.")
        try:
            with self.orm.atomic("IMMEDIATE"):
                yield
        except (OperationalError, DatabaseError, sqlite3.DatabaseError) as exc:
            cause = _root_cause(exc)
            raise translate_error(cause) from cause

    # ------------------------------------------------------------ copies

    def backup(self, dest: str | os.PathLike[str], progress: Progress | None = None) -> Path:
        """A consistent, checked copy of this file at ``dest`` (a file, or a folder for a dated copy)."""
        target = Path(dest).expanduser()
        if target.is_dir():
            target = target / f"{self.path.stem}-{datetime.now():%Y%m%d-%H%M%S}.db"
        if target.exists() and target.resolve() == self.path.resolve():
            raise StoreError(f"{target} is the database itself; choose another place for the copy.")
        return copy_database(self.path, target, progress)

    def watch(self) -> ChangeWatch:
        return ChangeWatch(self.path)


class ChangeWatch:
    """Notices commits from any other connection (another session, or this one's workers)
    through ``PRAGMA data_version`` on a read-only connection of its own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        # A look runs in a worker thread while the app may close the watch on the UI thread;
        # closing a connection another thread is using crashes the process, so they take turns.
        self._lock = threading.Lock()
        self._closed = False
        # The baseline is taken now, not at the first look: a commit made between the
        # two (before the first poll) would otherwise never be noticed.
        self._seen: int | None = self._look()

    def _look(self) -> int | None:
        with self._lock:
            if self._closed:
                return None
            try:
                if self._conn is None:
                    self._conn = sqlite3.connect(read_only_uri(self.path), uri=True, check_same_thread=False)
                return self._conn.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error:
                return None

    def changed(self) -> bool:
        """Whether anything was committed since the watch was made or the last call (False
        when the file cannot be read: the next load will say what is wrong)."""
        version = self._look()
        if version is None:
            return False
        before, self._seen = self._seen, version
        return before is not None and before != version

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def translate_error(exc: BaseException) -> StoreError:
    """Turn SQLite's wording into a message a user can act on."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy("Another netui session is saving; try again in a moment.")
    if "full" in text:
        return DiskFull("The disk is full: nothing was saved. Free some space and try again.")
    if "readonly" in text or "read-only" in text:
        return ReadOnlyDatabase("The database is read-only: nothing can be saved.")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DatabaseDamaged(
            "The database file is damaged: nothing was saved, and netui will not write to it. "
            "Restore a backup (`netui restore FILE`)."
        )
    return StoreError(f"The database refused the change: {exc}")


def as_store_error(exc: BaseException) -> StoreError | None:
    """A user-readable StoreError for an SQLite error met outside a write (a read that
    finds a damaged page, say); None for anything else (a bug)."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, (OperationalError, DatabaseError, sqlite3.DatabaseError)):
        return translate_error(_root_cause(exc))
    return None


def _root_cause(exc: BaseException) -> BaseException:
    """SQLite rolls back by itself on some errors (a full disk); the ROLLBACK that
    follows then fails with "no transaction is active", hiding the real reason."""
    seen = exc
    while "rollback" in str(seen).lower() and seen.__context__ is not None:
        seen = seen.__context__
    return seen


P = ParamSpec("P")
R = TypeVar("R")


def writes(fn: Callable[Concatenate[Database, P], R]) -> Callable[Concatenate[Database, P], R]:
    """Run ``fn(db, ...)`` in one IMMEDIATE transaction, retried briefly while another
    session holds the lock. Inside a transaction already, it simply joins it."""

    @functools.wraps(fn)
    def wrapper(db: Database, *args: P.args, **kwargs: P.kwargs) -> R:
        if db.in_transaction():
            return fn(db, *args, **kwargs)
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        while True:
            try:
                with db.write():
                    return fn(db, *args, **kwargs)
            except DatabaseBusy:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    return wrapper


BACKUP_STEP_PAGES = 4096  # pages per step when someone watches the progress


def copy_database(source: Path, dest: Path, progress: Progress | None = None) -> Path:
    """A consistent copy of a live database through SQLite's backup API, checked before it is kept.

    The copy is written beside ``dest`` and renamed into place, so a failure never
    leaves a half-written file where a good one was; it is private to the user whatever
    the umask. ``progress(phase, done, total)`` hears ("copying", pages copied, pages in
    all) as it goes, then ("checking", 0, 1).
    """
    dest = Path(dest).expanduser()
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    remove_stale_copies(dest)
    try:
        private_file(tmp, exist_ok=True)
        src = sqlite3.connect(read_only_uri(Path(source)), uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            out = sqlite3.connect(str(tmp))
            try:
                if progress is None:
                    src.backup(out)
                else:
                    # In steps, so a big file shows it is moving; a small one is still one step.
                    src.backup(out, pages=BACKUP_STEP_PAGES,
                               progress=lambda _status, left, total: progress("copying", total - left, total))
                    progress("checking", 0, 1)
                result = out.execute("PRAGMA integrity_check").fetchone()[0]
                if result != "ok":
                    raise StoreError(f"The copy failed its integrity check ({result}); nothing was kept.")
                out.execute("PRAGMA journal_mode = DELETE")
            finally:
                out.close()
        finally:
            src.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        no_looser_than(tmp, Path(source), dest)
        os.replace(tmp, dest)
    except sqlite3.Error as exc:
        raise translate_error(exc) from exc
    except OSError as exc:
        raise StoreError(f"Cannot write {dest}: {exc.strerror or exc}.") from exc
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            if leftover.exists():
                leftover.unlink()
    return dest


def remove_stale_copies(dest: Path) -> None:
    """A copy killed half-way (kill -9, a power cut) leaves its hidden temporary file
    (never the destination itself); the next copy to the same place removes it."""
    try:
        # ".NAME.tmp-PID" is a copy's (or a restore's staged file); "..NAME.tmp-PID.tmp-PID"
        # the copy a restore makes into its staged file.
        leftovers = [*dest.parent.glob(f".{dest.name}.tmp-*"), *dest.parent.glob(f"..{dest.name}.tmp-*")]
    except OSError:
        return
    for leftover in leftovers:
        pid = leftover.name.removesuffix("-journal").rsplit("-", 1)[-1]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        try:
            leftover.unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def replace_database(source: Path, target: Path, keep: Path | None) -> None:
    """Put a checked copy of ``source`` where ``target`` is, keeping the old one at ``keep``.

    The new file is fully written and checked beside the target before a rename swaps
    it in, so an interruption leaves either the old database or the new one. The new
    file keeps the old one's permissions (never looser). Nothing may have ``target`` open.
    """
    remove_stale_copies(target)  # what a restore killed half-way left beside the target
    if keep is not None and target.exists():
        copy_database(target, keep)
    staged = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    copy_database(source, staged)
    try:
        if target.exists():
            no_looser_than(staged, target)
            # Fold the old write-ahead log into the old file and drop it, so that no
            # stale log can ever be replayed onto the restored file.
            conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_SECONDS)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.execute("PRAGMA journal_mode = DELETE")
            finally:
                conn.close()
        os.replace(staged, target)
    finally:
        if staged.exists():
            staged.unlink()


def free_space(path: Path) -> int:
    return shutil.disk_usage(path.parent).free
