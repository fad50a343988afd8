"""Opening the database: checks before anything is written, pragmas, migrations,
and the one way to write (an IMMEDIATE transaction, retried while locked)."""

from __future__ import annotations

import functools
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

from peewee import DatabaseError, OperationalError

from netui.store.check import (  # noqa: F401  (re-exported: the file's identity and checks)
    APPLICATION_ID,
    BUSY_TIMEOUT_SECONDS,
    SQLITE_HEADER,
    check_database,
    read_only_uri,
)
from netui.store.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DiskFull,
    ReadOnlyDatabase,
    StoreError,
    TooSlow,
)
from netui.store.migrations import LATEST_VERSION, MIGRATIONS
from netui.store.models import database, open_pending

# How long a write keeps retrying while another session holds the lock.
WRITE_RETRY_SECONDS = 3.0


@dataclass(frozen=True)
class OpenedDatabase:
    path: Path
    readonly: bool
    created: bool
    backup_path: Path | None = None
    migrated_from: int | None = None


def open_database(
    path: str | os.PathLike[str], *, readonly: bool = False, progress: Callable[[str, int, int], None] | None = None
) -> OpenedDatabase:
    """Check, open, and bring the schema up to date. Never writes to a file that is not ours.

    ``progress`` hears how the safety copy made before an upgrade is going (see copy_database)."""
    checked = check_database(path, readonly=readonly)
    path, readonly, created, facts = checked.path, checked.readonly, checked.created, checked.facts
    if created:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create the folder for {path}: {exc.strerror or exc}.") from exc
        if not os.access(path.parent, os.W_OK):
            raise ReadOnlyDatabase(f"Cannot create {path}: the folder is not writable.")

    needs_migration = facts.user_version < LATEST_VERSION
    if needs_migration and readonly:
        raise ReadOnlyDatabase(f"{path} needs an upgrade to this netui's schema but it is read-only.")

    backup_path = None
    if needs_migration and facts.tables:
        backup_path = path.with_name(f"{path.name}.v{facts.user_version}-{datetime.now():%Y%m%d-%H%M%S}.bak")
        copy_database(path, backup_path, progress)

    connect(path, readonly=readonly)
    if needs_migration:
        _migrate(facts.user_version)
    return OpenedDatabase(
        path=path,
        readonly=readonly,
        created=created,
        backup_path=backup_path,
        migrated_from=facts.user_version if needs_migration and not created else None,
    )


def connect(path: Path, *, readonly: bool, must_exist: bool = False) -> None:
    """Point the ORM at a file already checked (``check_database``) and up to date.

    ``must_exist``: the file was checked a while ago; if it has gone since, opening it
    fails instead of making an empty one in its place."""
    if not database.is_closed():
        database.close()
    pragmas: list[tuple[str, object]] = [("foreign_keys", 1), ("busy_timeout", int(BUSY_TIMEOUT_SECONDS * 1000))]
    if readonly:
        database.init(read_only_uri(path), uri=True, pragmas=pragmas, timeout=BUSY_TIMEOUT_SECONDS)
    else:
        pragmas.insert(0, ("journal_mode", "wal"))
        pragmas.append(("synchronous", "normal"))
        if must_exist:
            database.init(f"{path.resolve().as_uri()}?mode=rw", uri=True, pragmas=pragmas, timeout=BUSY_TIMEOUT_SECONDS)
        else:
            database.init(str(path), pragmas=pragmas, timeout=BUSY_TIMEOUT_SECONDS)
    database.readonly = readonly  # type: ignore[attr-defined]


def stop_writing() -> None:
    """From now on every write is refused (a damaged file was found mid-session)."""
    database.readonly = True  # type: ignore[attr-defined]


def is_readonly() -> bool:
    open_pending()  # a file left for later knows whether it is read-only once opened
    return bool(getattr(database, "readonly", False))


def _migrate(current: int) -> None:
    with write_transaction():
        conn = database.connection()
        for step in range(current, LATEST_VERSION):
            MIGRATIONS[step](conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION}")


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Reads on this thread's connection within the block stop after ``seconds`` and raise
    TooSlow; so does one that would have to wait for a lock. For the UI thread, which may
    query only when the answer comes within a frame. Not for writes, nor inside a
    transaction. SQLite checks the clock between steps of its program, so a single long
    step (FTS5 gathering every word that starts with one letter, say) can overrun by a
    few milliseconds."""
    conn = database.connection()
    if database.in_transaction():
        raise TooSlow("not inside a transaction")
    deadline = time.perf_counter() + seconds
    waited = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    try:
        conn.set_progress_handler(lambda: time.perf_counter() > deadline, 2000)  # every 2,000 VM steps
        conn.execute("PRAGMA busy_timeout = 0")
        yield
    except (OperationalError, sqlite3.OperationalError) as exc:
        text = str(exc).lower()
        if "interrupted" in text or "locked" in text or "busy" in text:
            raise TooSlow(str(exc)) from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)
        conn.execute(f"PRAGMA busy_timeout = {int(waited)}")


def translate_error(exc: Exception) -> StoreError:
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


@contextmanager
def write_transaction() -> Iterator[None]:
    """One write, all or nothing, with the write lock taken up front."""
    if is_readonly():
        raise ReadOnlyDatabase("The database is open read-only: nothing can be saved.")
    try:
        with database.atomic("IMMEDIATE"):
            yield
    except (OperationalError, DatabaseError, sqlite3.DatabaseError) as exc:
        cause = _root_cause(exc)
        raise translate_error(cause) from cause


def as_store_error(exc: BaseException) -> StoreError | None:
    """A user-readable StoreError for an SQLite error met outside a write (a read that
    finds a damaged page, say); None for anything else."""
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


def writes(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` in one IMMEDIATE transaction, retried briefly while another session holds the lock."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if database.in_transaction():
            return fn(*args, **kwargs)
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        while True:
            try:
                with write_transaction():
                    return fn(*args, **kwargs)
            except DatabaseBusy:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    return wrapper


BACKUP_STEP_PAGES = 4096  # 16 MB of 4 KB pages per step when someone watches the progress


def copy_database(source: Path, dest: Path, progress: Callable[[str, int, int], None] | None = None) -> Path:
    """A consistent copy of a live database through SQLite's backup API, checked before it is kept.

    The copy is written beside ``dest`` and renamed into place, so a failure never
    leaves a half-written file where a good one was. ``progress(phase, done, total)``
    hears ("copying", pages copied, pages in all) as it goes, then ("checking", 0, 1).
    """
    dest = Path(dest).expanduser()
    if dest.is_dir():
        dest = dest / f"{source.stem}-{datetime.now():%Y%m%d-%H%M%S}.db"
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    _remove_stale_copies(dest)
    try:
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
        os.replace(tmp, dest)
    except sqlite3.Error as exc:
        raise translate_error(exc) from exc
    except OSError as exc:
        raise StoreError(f"Cannot write {dest}: {exc.strerror or exc}.") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return dest


def _remove_stale_copies(dest: Path) -> None:
    """A copy killed half-way (kill -9, a power cut) leaves its hidden temporary file
    (never the destination itself); the next copy to the same place removes it."""
    try:
        leftovers = list(dest.parent.glob(f".{dest.name}.tmp-*"))
    except OSError:
        return
    for leftover in leftovers:
        pid = leftover.name.rsplit("-", 1)[-1] if not leftover.name.endswith("-journal") else (
            leftover.name.removesuffix("-journal").rsplit("-", 1)[-1])
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

    The new file is fully written and checked beside the target before a rename
    swaps it in, so an interruption leaves either the old database or the new one.
    """
    if not database.is_closed():
        database.close()
    if keep is not None and target.exists():
        copy_database(target, keep)
    staged = target.with_name(f".{target.name}.restore-{os.getpid()}")
    copy_database(source, staged)
    if target.exists():
        # Fold the old write-ahead log into the old file and drop it, so that no
        # stale log can ever be replayed onto the restored file.
        conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_SECONDS)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
    os.replace(staged, target)


def backup(dest: str | os.PathLike[str], progress: Callable[[str, int, int], None] | None = None) -> Path:
    """Back up the open database to ``dest`` (a file, or a folder to put a dated file in)."""
    return copy_database(database_path(), Path(dest), progress)


def database_path() -> Path:
    name = database.database
    if name.startswith("file:"):
        from urllib.parse import unquote, urlparse

        return Path(unquote(urlparse(name.split("?")[0]).path))
    return Path(name)


def data_version() -> int:
    """Changes whenever another connection commits: a cheap way to notice another session."""
    return database.execute_sql("PRAGMA data_version").fetchone()[0]


def free_space(path: Path) -> int:
    return shutil.disk_usage(path.parent).free
