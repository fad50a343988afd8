"""The database handle in this process: SQLite's errors in a user's words, writes that
wait for another session, copies (backups, restores) and the leftovers of killed ones,
and opening a file that has to be made. (The same, met for real in other processes, is
in test_faults.py.)"""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

import pytest
from peewee import OperationalError

from netui.store import db as dbmod
from netui.store.db import (
    BACKUP_STEP_PAGES,
    WRITE_RETRY_SECONDS,
    Database,
    _alive,
    _root_cause,
    as_store_error,
    copy_database,
    free_space,
    remove_stale_copies,
    replace_database,
    translate_error,
    writes,
)
from netui.store.errors import DatabaseBusy, DatabaseDamaged, DiskFull, ReadOnlyDatabase, StoreError
from netui.store.migrations import LATEST_VERSION
from tests.helpers import add


def _names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [n for (n,) in conn.execute("SELECT name FROM person ORDER BY id")]
    finally:
        conn.close()


# ------------------------------------------------------------------ errors in a user's words


@pytest.mark.parametrize("message, kind, text", [
    ("database is locked", DatabaseBusy, "Another netui session is saving; try again in a moment."),
    ("database table is LOCKED", DatabaseBusy, "Another netui session is saving; try again in a moment."),
    ("SQLITE_BUSY: busy", DatabaseBusy, "Another netui session is saving; try again in a moment."),
    ("database or disk is full", DiskFull, "The disk is full: nothing was saved. Free some space and try again."),
    ("attempt to write a readonly database", ReadOnlyDatabase, "The database is read-only: nothing can be saved."),
    ("read-only file system", ReadOnlyDatabase, "The database is read-only: nothing can be saved."),
    ("database disk image is malformed", DatabaseDamaged,
     "The database file is damaged: nothing was saved, and netui will not write to it. "
     "Restore a backup (`netui restore FILE`)."),
    ("file is not a database", DatabaseDamaged, None),
    ("database corrupt at page 3", DatabaseDamaged, None),
    ("UNIQUE constraint failed: tag.name", StoreError, "The database refused the change: UNIQUE constraint failed: tag.name"),
])
def test_sqlite_errors_become_messages_a_user_can_act_on(message, kind, text):
    error = translate_error(sqlite3.OperationalError(message))
    assert type(error) is kind
    if text is not None:
        assert str(error) == text


def test_errors_met_outside_a_write_are_translated_and_bugs_are_not():
    already = DiskFull("full")
    assert as_store_error(already) is already
    assert type(as_store_error(OperationalError("database is locked"))) is DatabaseBusy
    assert type(as_store_error(sqlite3.DatabaseError("database disk image is malformed"))) is DatabaseDamaged
    from peewee import DatabaseError

    assert type(as_store_error(DatabaseError("file is not a database"))) is DatabaseDamaged
    assert as_store_error(ValueError("a bug")) is None
    assert as_store_error(KeyError("disk is full")) is None


def test_the_real_reason_is_found_behind_a_failed_rollback():
    def chained() -> BaseException:
        try:
            try:
                raise sqlite3.OperationalError("database or disk is full")
            except sqlite3.OperationalError:
                raise sqlite3.OperationalError("cannot ROLLBACK - no transaction is active")
        except sqlite3.OperationalError as exc:
            return exc

    hidden = chained()
    assert str(_root_cause(hidden)) == "database or disk is full"
    plain = sqlite3.OperationalError("database is locked")
    assert _root_cause(plain) is plain
    alone = sqlite3.OperationalError("cannot rollback - no transaction is active")
    assert _root_cause(alone) is alone  # nothing behind it: itself
    # A write that meets it says what really happened.
    assert type(translate_error(_root_cause(hidden))) is DiskFull


# ------------------------------------------------------------------ writes


def test_a_write_is_all_or_nothing(db):
    @writes
    def two_then_fail(db):
        add(db, "Ada")
        db.execute("INSERT INTO tag (name) VALUES ('x')")
        db.execute("INSERT INTO tag (name) VALUES ('x')")

    with pytest.raises(StoreError, match="^The database refused the change: UNIQUE constraint failed"):
        two_then_fail(db)
    assert db.execute("SELECT count(*) FROM person").fetchone()[0] == 0
    assert not db.in_transaction()


def test_a_write_inside_a_write_joins_it(db):
    @writes
    def inner(db):
        assert db.in_transaction()
        add(db, "Grace")

    @writes
    def outer(db):
        add(db, "Ada")
        inner(db)
        raise StoreError("changed my mind")

    with pytest.raises(StoreError, match="changed my mind"):
        outer(db)
    assert db.execute("SELECT count(*) FROM person").fetchone()[0] == 0


def test_a_write_waits_for_another_sessions_lock_then_goes_ahead(db, db_path: Path):
    assert WRITE_RETRY_SECONDS == 3.0
    other = sqlite3.connect(db_path, isolation_level=None, timeout=0, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    db.execute("PRAGMA busy_timeout = 0")  # each try fails at once: the retries are what waits
    attempts = []  # the write itself runs once, when the lock is had

    @writes
    def bump(db):
        attempts.append(1)
        add(db, "Ada")

    timer = threading.Timer(0.4, lambda: other.execute("COMMIT"))
    timer.start()
    try:
        bump(db)
    finally:
        timer.join()
        other.close()
    assert _names(db_path) == ["Ada"] and attempts == [1]


def test_a_write_gives_up_when_the_lock_is_held_too_long(db, db_path: Path, monkeypatch):
    monkeypatch.setattr(dbmod, "WRITE_RETRY_SECONDS", 0.3)
    other = sqlite3.connect(db_path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    db.execute("PRAGMA busy_timeout = 0")
    started = datetime.now()
    try:
        with pytest.raises(DatabaseBusy, match="Another netui session is saving"):
            add(db, "Ada")
    finally:
        other.execute("ROLLBACK")
        other.close()
    waited = (datetime.now() - started).total_seconds()
    assert 0.3 <= waited < 2.5


def test_a_handle_that_stopped_writing_refuses_every_write(db):
    assert not db.readonly
    db.stop_writing()
    assert db.readonly
    with pytest.raises(ReadOnlyDatabase, match=r"^The database is open read-only: nothing can be saved\.$"):
        add(db, "Ada")
    assert db.execute("SELECT count(*) FROM person").fetchone()[0] == 0


def test_data_version_moves_when_another_connection_commits(db, db_path: Path):
    seen = db.data_version()
    add(db, "Ada")  # this connection's own commits do not count
    assert db.data_version() == seen
    other = sqlite3.connect(db_path)
    other.execute("INSERT INTO setting (key, value) VALUES ('x', '1')")
    other.commit()
    other.close()
    assert db.data_version() != seen


def test_a_watch_sees_each_commit_once_and_nothing_when_the_file_is_gone(db, tmp_path: Path):
    watch = db.watch()
    assert watch.changed() is False
    other = sqlite3.connect(db.path)  # another session
    other.execute("INSERT INTO setting (key, value) VALUES ('x', '1')")
    other.commit()
    other.close()
    assert watch.changed() is True
    assert watch.changed() is False
    watch.close()
    assert watch.changed() is False
    gone = dbmod.ChangeWatch(tmp_path / "missing.db")
    assert gone.changed() is False


# ------------------------------------------------------------------ opening


def test_a_new_file_is_made_with_its_folders_and_marked(tmp_path: Path):
    path = tmp_path / "a" / "b" / "n.db"
    with Database.open(path) as made:
        assert made.created and made.migrated_from is None and made.backup_path is None
        assert made.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert made.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert made.execute("PRAGMA busy_timeout").fetchone()[0] == 2000
        assert made.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert made.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Database.open(path) as again:
        assert not again.created and again.migrated_from is None


def test_a_file_opened_read_only_uses_no_write_ahead_log_of_its_own(tmp_path: Path):
    path = tmp_path / "n.db"
    with Database.open(path) as made:
        add(made, "Ada")
    with Database.open(path, readonly=True) as opened:
        assert opened.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert opened.execute("PRAGMA busy_timeout").fetchone()[0] == 2000
        assert opened.execute("PRAGMA query_only").fetchone()[0] == 0
        assert [n for (n,) in opened.execute("SELECT name FROM person")] == ["Ada"]
        with pytest.raises(OperationalError, match="readonly"):
            opened.execute("INSERT INTO setting (key, value) VALUES ('x', '1')")


def test_a_file_deleted_behind_netuis_back_is_never_made_again_empty(tmp_path: Path):
    path = tmp_path / "n.db"
    handle = Database.open(path)
    handle.close()
    for leftover in tmp_path.iterdir():
        leftover.unlink()
    with pytest.raises(OperationalError, match="unable to open"):
        handle.execute("SELECT 1")
    assert not path.exists()


def test_a_folder_that_cannot_be_made_or_written_says_so(tmp_path: Path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match=r"^Cannot create the folder .*file/sub: Not a directory\.$") as made:
        Database.open(blocker / "sub" / "n.db")
    assert "Traceback" not in str(made.value)
    real = os.access
    monkeypatch.setattr(dbmod.os, "access",
                        lambda p, mode: False if Path(p) == tmp_path / "ro" and mode == os.W_OK else real(p, mode))
    (tmp_path / "ro").mkdir()
    with pytest.raises(ReadOnlyDatabase, match=r"^Cannot create .*n\.db: the folder is not writable\.$"):
        Database.open(tmp_path / "ro" / "n.db")
    assert list((tmp_path / "ro").iterdir()) == []


def test_a_file_that_cannot_be_made_says_why(tmp_path: Path, monkeypatch):
    def refuse(path, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(dbmod, "private_file", refuse)
    with pytest.raises(StoreError, match=r"^Cannot create .*n\.db: Permission denied\.$"):
        Database.open(tmp_path / "n.db")


def test_a_failed_migration_of_a_new_file_leaves_nothing_behind(tmp_path: Path, monkeypatch):
    def broken(conn):
        raise sqlite3.OperationalError("no such table: nothing")

    monkeypatch.setattr(dbmod, "MIGRATIONS", [*dbmod.MIGRATIONS[:-1], broken])
    with pytest.raises(StoreError, match="no such table: nothing"):
        Database.open(tmp_path / "n.db")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_migration_of_an_old_file_keeps_it_and_its_copy(tmp_path: Path, monkeypatch):
    path = tmp_path / "n.db"
    with Database.open(path) as made:
        add(made, "Ada")
    before = path.read_bytes()

    def broken(conn):
        conn.execute("DELETE FROM person")
        raise sqlite3.OperationalError("no such table: nothing")

    monkeypatch.setattr(dbmod, "MIGRATIONS", [*dbmod.MIGRATIONS, broken])
    monkeypatch.setattr(dbmod, "LATEST_VERSION", LATEST_VERSION + 1)
    with pytest.raises(StoreError, match="no such table: nothing"):
        Database.open(path)
    assert _names(path) == ["Ada"]
    copies = list(tmp_path.glob(f"n.db.v{LATEST_VERSION}-*.bak"))
    assert len(copies) == 1 and _names(copies[0]) == ["Ada"]
    stamp = copies[0].name.removeprefix(f"n.db.v{LATEST_VERSION}-").removesuffix(".bak")
    assert abs((datetime.strptime(stamp, "%Y%m%d-%H%M%S") - datetime.now()).total_seconds()) < 60
    assert before[:16] == path.read_bytes()[:16]


def test_two_sessions_upgrading_one_old_file_at_once_upgrade_it_once(tmp_path: Path, monkeypatch):
    path = tmp_path / "n.db"
    with Database.open(path) as made:
        add(made, "Ada")

    def step(conn):
        conn.execute("CREATE TABLE future_thing (id INTEGER PRIMARY KEY)")  # fails if run twice

    monkeypatch.setattr(dbmod, "MIGRATIONS", [*dbmod.MIGRATIONS, step])
    monkeypatch.setattr(dbmod, "LATEST_VERSION", LATEST_VERSION + 1)
    copy = dbmod.copy_database
    other_done = []

    def copy_while_another_session_upgrades(*args, **kwargs):
        copy(*args, **kwargs)
        if not other_done:  # the other session starts later and finishes first
            other_done.append(True)
            Database.open(path).close()

    monkeypatch.setattr(dbmod, "copy_database", copy_while_another_session_upgrades)
    with Database.open(path) as opened:
        assert opened.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 1
        assert opened.execute("SELECT count(*) FROM future_thing").fetchone()[0] == 0
    assert other_done and _names(path) == ["Ada"]


def test_an_empty_sqlite_file_is_made_netuis_without_a_copy(tmp_path: Path):
    path = tmp_path / "n.db"
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    path.write_bytes(b"")
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    conn.close()
    with Database.open(path) as opened:
        assert not opened.created and opened.migrated_from == 0 and opened.backup_path is None
        assert opened.execute("PRAGMA application_id").fetchone()[0] == dbmod.APPLICATION_ID
    assert [p.name for p in tmp_path.iterdir() if ".bak" in p.name] == []


def test_an_older_read_only_file_cannot_be_upgraded(tmp_path: Path, monkeypatch):
    path = tmp_path / "n.db"
    conn = sqlite3.connect(path)
    dbmod.MIGRATIONS[0](conn)
    conn.execute(f"PRAGMA application_id = {dbmod.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    monkeypatch.setattr(dbmod, "writable", lambda p: False)
    monkeypatch.setattr("netui.store.check.writable", lambda p: False)
    with pytest.raises(ReadOnlyDatabase, match=r"needs an upgrade to this netui's schema but it is read-only\.$"):
        Database.open(path)
    with pytest.raises(ReadOnlyDatabase, match=r"needs an upgrade to this netui's schema but it is read-only\.$"):
        Database.open(path, readonly=True)


def test_sessions_share_the_lock_once_and_release_it(db):
    import fcntl

    db.share_session()
    first = db._session
    db.share_session()
    assert db._session is first  # one lock per handle
    fd = os.open(db.path.with_name(db.path.name + ".lock"), os.O_RDWR)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        db.release_session()
        assert db._session is None
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(fd)


# ------------------------------------------------------------------ copies


def test_a_copy_reports_its_progress_and_is_checked(db, tmp_path: Path):
    for i in range(30):
        add(db, f"Person {i}", notes="x" * 3000)
    heard: list[tuple[str, int, int]] = []
    dest = copy_database(db.path, tmp_path / "copy.db", lambda *a: heard.append(a))
    assert dest == tmp_path / "copy.db"
    assert len(_names(dest)) == 30
    assert heard[-1] == ("checking", 0, 1)
    copying = heard[:-1]
    assert copying and all(phase == "copying" for phase, _, _ in copying)
    assert copying[-1][1] == copying[-1][2] > 0  # every page copied
    conn = sqlite3.connect(dest)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # a plain file, no log beside it
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".copy.db")) == []
    assert BACKUP_STEP_PAGES == 4096


def test_a_big_copy_moves_in_steps(db, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(dbmod, "BACKUP_STEP_PAGES", 5)
    for i in range(20):
        add(db, f"Person {i}", notes="x" * 3000)
    heard: list[tuple[str, int, int]] = []
    copy_database(db.path, tmp_path / "copy.db", lambda *a: heard.append(a))
    done = [d for phase, d, _ in heard if phase == "copying"]
    assert len(done) > 3 and done == sorted(done)


def test_a_copy_that_fails_its_check_is_not_kept(db, tmp_path: Path, monkeypatch):
    real = sqlite3.connect

    class Bad(sqlite3.Connection):
        def execute(self, sql, *args):
            if sql == "PRAGMA integrity_check":
                return super().execute("SELECT 'row 3 missing from index'")
            return super().execute(sql, *args)

    def connect(target, *args, **kwargs):
        if ".tmp-" in str(target):
            kwargs["factory"] = Bad
        return real(target, *args, **kwargs)

    monkeypatch.setattr(dbmod.sqlite3, "connect", connect)
    with pytest.raises(StoreError, match=r"^The copy failed its integrity check \(row 3 missing from index\); nothing was kept\.$"):
        copy_database(db.path, tmp_path / "copy.db")
    assert list(tmp_path.glob("*copy.db*")) == []


def test_a_copy_that_cannot_be_written_says_where(db, tmp_path: Path):
    with pytest.raises(StoreError, match=r"^Cannot write .*nowhere/copy\.db: No such file or directory\.$"):
        copy_database(db.path, tmp_path / "nowhere" / "copy.db")


def test_a_copy_of_a_file_that_is_not_a_database_is_refused(tmp_path: Path):
    source = tmp_path / "junk.db"
    source.write_bytes(b"junk" * 1000)
    with pytest.raises(DatabaseDamaged):
        copy_database(source, tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["junk.db"]


def test_a_backup_into_a_folder_is_dated(db, tmp_path: Path):
    add(db, "Ada")
    folder = tmp_path / "backups"
    folder.mkdir()
    made = db.backup(folder)
    assert made.parent == folder and made.name.startswith("netui-") and made.suffix == ".db"
    stamp = made.stem.removeprefix("netui-")
    assert abs((datetime.strptime(stamp, "%Y%m%d-%H%M%S") - datetime.now()).total_seconds()) < 60
    assert _names(made) == ["Ada"]
    named = db.backup(tmp_path / "named.db")
    assert named == tmp_path / "named.db" and _names(named) == ["Ada"]


def test_leftovers_of_killed_copies_are_removed_but_not_a_running_ones(tmp_path: Path):
    dest = tmp_path / "copy.db"
    dead = 2**22 + 12345  # above the kernel's pid range: no process has it
    assert not _alive(dead) and _alive(os.getpid()) and _alive(1)
    mine = [f".copy.db.tmp-{os.getpid()}", f".copy.db.tmp-{os.getpid()}-journal"]
    theirs = [f".copy.db.tmp-{dead}", f".copy.db.tmp-{dead}-journal", f"..copy.db.tmp-{dead}.tmp-{dead}"]
    other = [".copy.db.tmp-abc", ".other.db.tmp-1", "copy.db", f".copy.db.tmp-{dead}x"]
    for name in mine + theirs + other:
        (tmp_path / name).write_bytes(b"")
    remove_stale_copies(dest)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(mine + other)
    remove_stale_copies(tmp_path / "missing" / "copy.db")  # no folder: nothing to do


def _old_and_new(target: Path, source: Path) -> None:
    """A live database holding "Old" and a file to restore holding "New"."""
    with Database.open(target) as live:
        add(live, "Old")
    with Database.open(source) as other:
        add(other, "New")


def test_a_restore_swaps_the_file_in_and_keeps_the_old_one(tmp_path: Path):
    target, source, keep = tmp_path / "live.db", tmp_path / "restore.db", tmp_path / "kept.db"
    _old_and_new(target, source)
    target.chmod(0o600)
    replace_database(source, target, keep)
    assert _names(target) == ["New"] and _names(keep) == ["Old"]
    assert target.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "live.db-wal").exists()  # no old log can be replayed onto it
    assert sorted(p.name for p in tmp_path.iterdir() if ".tmp-" in p.name) == []
    fresh = tmp_path / "fresh.db"
    replace_database(source, fresh, None)
    assert _names(fresh) == ["New"]
    assert free_space(fresh) > 0


def test_a_copy_is_no_more_readable_than_its_source_or_what_it_replaces(db, tmp_path: Path):
    add(db, "Ada")
    source = copy_database(db.path, tmp_path / "source.db")
    source.chmod(0o400)
    fresh = copy_database(source, tmp_path / "fresh.db")
    assert (fresh.stat().st_mode & 0o777, source.stat().st_mode & 0o777) == (0o400, 0o400)
    source.chmod(0o600)
    old = tmp_path / "old.db"
    old.write_bytes(b"")
    old.chmod(0o400)
    copy_database(source, old)
    # The copy takes the old file's mode; the source is left as it was.
    assert (old.stat().st_mode & 0o777, source.stat().st_mode & 0o777) == (0o400, 0o600)
    assert _names(old) == ["Ada"]


def test_a_leftover_of_this_very_process_does_not_block_a_copy(db, tmp_path: Path):
    add(db, "Ada")
    folder = tmp_path / "copies"
    folder.mkdir()
    (folder / f".copy.db.tmp-{os.getpid()}").write_bytes(b"")  # made, then the copy stopped
    assert _names(copy_database(db.path, folder / "copy.db")) == ["Ada"]
    assert sorted(p.name for p in folder.iterdir()) == ["copy.db"]


def test_a_restore_without_a_kept_copy_keeps_the_old_files_mode(tmp_path: Path):
    target, source = tmp_path / "live.db", tmp_path / "restore.db"
    _old_and_new(target, source)
    target.chmod(0o400)
    replace_database(source, target, None)
    assert _names(target) == ["New"]
    assert target.stat().st_mode & 0o777 == 0o400
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("kept", ".live"))) == []


def test_a_backup_replaces_an_older_copy_and_reports_its_progress(db, tmp_path: Path):
    add(db, "Ada")
    older = tmp_path / "named.db"
    older.write_bytes(b"an older copy")
    heard: list[tuple[str, int, int]] = []
    assert db.backup(older, lambda *a: heard.append(a)) == older
    assert _names(older) == ["Ada"]
    assert heard[-1] == ("checking", 0, 1) and heard[0][0] == "copying"


def test_asking_whether_a_process_is_alive_leaves_it_running(tmp_path: Path):
    import signal
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        assert _alive(child.pid)
    finally:
        child.send_signal(signal.SIGTERM)
        code = child.wait(timeout=10)
    assert code == -signal.SIGTERM  # ended by our SIGTERM, not by a signal the check sent
