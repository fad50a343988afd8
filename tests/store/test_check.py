"""Checking a file before it is opened, in this process: the URI a read-only opening
uses, and what the user is told for each way a file can fail to open. (The same cases
met for real, through the command line, are in test_faults.py.)"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections import namedtuple
from pathlib import Path

import pytest

from netui.store import check
from netui.store.check import (
    APPLICATION_ID,
    BUSY_TIMEOUT_SECONDS,
    SMALL_FREE_SPACE,
    check_database,
    inspect_file,
    read_only_uri,
    writable,
)
from netui.store.db import Database
from netui.store.errors import DatabaseDamaged, DiskFull, NewerDatabase, NotANetuiDatabase, StoreError
from netui.store.migrations import LATEST_VERSION


def test_the_file_marks_and_limits():
    assert APPLICATION_ID.to_bytes(4, "big") == b"netu"
    assert check.SQLITE_HEADER == b"SQLite format 3\x00"
    assert BUSY_TIMEOUT_SECONDS == 2.0
    assert SMALL_FREE_SPACE == 1024 * 1024


def _folder_writable(monkeypatch, folder: Path, answer: bool) -> None:
    """Root may write anywhere: say what a user's os.access would say of ``folder``."""
    real = os.access

    def access(path, mode, *args, **kwargs):
        if Path(path) == folder and mode == os.W_OK:
            return answer
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


def test_a_read_only_uri_is_immutable_only_where_nobody_can_be_writing(tmp_path: Path, monkeypatch):
    path = tmp_path / "my notes.db"
    plain = f"{path.resolve().as_uri()}?mode=ro"
    assert plain.startswith("file:///") and "my%20notes.db" in plain
    assert read_only_uri(path) == plain
    _folder_writable(monkeypatch, tmp_path, False)
    assert read_only_uri(path) == plain + "&immutable=1"
    (tmp_path / "my notes.db-wal").write_bytes(b"")  # a log left over still has to be read
    assert read_only_uri(path) == plain


def test_writable_needs_the_file_and_its_folder(tmp_path: Path, monkeypatch):
    path = tmp_path / "n.db"
    path.write_bytes(b"")
    assert writable(path)
    _folder_writable(monkeypatch, tmp_path, False)
    assert not writable(path)
    _folder_writable(monkeypatch, path, False)
    assert not writable(path)


def test_a_file_that_cannot_be_read_says_why(tmp_path: Path):
    denied = check._unreadable(tmp_path / "n.db", PermissionError(13, "Permission denied"))
    assert type(denied) is StoreError
    assert str(denied) == (
        f"{tmp_path / 'n.db'} cannot be read: permission denied. If the file is yours, "
        f"`chmod u+rw {tmp_path / 'n.db'}` and try again."
    )
    other = check._unreadable(tmp_path / "n.db", OSError(5, "Input/output error"))
    assert str(other) == f"{tmp_path / 'n.db'} cannot be read (Input/output error)."
    bare = check._unreadable(tmp_path / "n.db", OSError("no reason given"))
    assert str(bare) == f"{tmp_path / 'n.db'} cannot be read (no reason given)."
    # A folder where a database file should be, met by inspect_file itself.
    with pytest.raises(StoreError, match=r"cannot be read \(Is a directory\)\.$"):
        inspect_file(tmp_path)


Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def free(monkeypatch):
    room = {"free": 10 * SMALL_FREE_SPACE}

    def disk_usage(path):
        if room["free"] is None:
            raise OSError("no such mount")
        return Usage(0, 0, room["free"])

    monkeypatch.setattr(shutil, "disk_usage", disk_usage)
    return room


def _problem(path: Path, message: str) -> StoreError:
    return check._open_problem(path, sqlite3.DatabaseError(message))


def test_a_damaged_file_is_never_written_and_says_how_to_restore(tmp_path: Path, free):
    path = tmp_path / "n.db"
    for message in ("database disk image is malformed", "file is CORRUPT"):
        problem = _problem(path, message)
        assert type(problem) is DatabaseDamaged
        assert str(problem) == (
            f"{path} is damaged ({message}): netui will not write to it, and left it untouched. "
            "Restore a backup (`netui restore FILE`)."
        )


def test_a_full_disk_is_told_apart_from_other_io_errors(tmp_path: Path, free):
    path = tmp_path / "n.db"
    full = _problem(path, "database or disk is full")
    assert type(full) is DiskFull
    assert str(full) == (
        f"The disk is full: {path} cannot be opened (SQLite needs a little room beside it). "
        "Free some space and try again; the file was left untouched."
    )
    # An I/O error is a full disk only when there is (almost) no room left beside the file.
    assert type(_problem(path, "disk I/O error")) is NotANetuiDatabase
    free["free"] = SMALL_FREE_SPACE
    assert type(_problem(path, "disk I/O error")) is NotANetuiDatabase
    free["free"] = SMALL_FREE_SPACE - 1
    assert type(_problem(path, "disk I/O error")) is DiskFull
    assert type(_problem(path, "unable to open database file")) is NotANetuiDatabase
    free["free"] = None  # the room cannot be measured: an I/O error is not called a full disk
    assert type(_problem(path, "disk I/O error")) is NotANetuiDatabase
    assert type(_problem(path, "database or disk is full")) is DiskFull


def test_a_log_that_cannot_be_read_in_a_read_only_folder_says_how_to_fold_it(tmp_path: Path, free, monkeypatch):
    path = tmp_path / "n.db"
    (tmp_path / "n.db-wal").write_bytes(b"log")
    _folder_writable(monkeypatch, tmp_path, False)
    problem = _problem(path, "unable to open database file")
    assert type(problem) is StoreError
    assert str(problem) == (
        f"{path} has changes in n.db-wal beside it, and its folder is read-only, so SQLite cannot read them. "
        f"Make the folder writable (`chmod u+w {tmp_path}`) and open it once to fold them into the file."
    )
    (tmp_path / "n.db-shm").write_bytes(b"")  # with its index the log can be read
    assert type(_problem(path, "unable to open database file")) is NotANetuiDatabase


def test_a_log_in_a_writable_folder_is_not_blamed(tmp_path: Path, free):
    path = tmp_path / "n.db"
    (tmp_path / "n.db-wal").write_bytes(b"log")
    assert type(_problem(path, "unable to open database file")) is NotANetuiDatabase


def test_a_file_that_needs_a_write_to_be_read_says_what_to_make_writable(tmp_path: Path, free):
    path = tmp_path / "n.db"
    for message in ("attempt to write a readonly database", "read-only file system"):
        problem = _problem(path, message)
        assert type(problem) is StoreError
        assert str(problem) == (
            f"{path} needs a write to be read (a crash left n.db-journal or n.db-wal), and it cannot be "
            f"written here: make it and its folder writable (`chmod u+w {path} {tmp_path}`) and try again."
        )


def test_anything_else_is_not_a_netui_database(tmp_path: Path, free):
    problem = _problem(tmp_path / "n.db", "file is not a database")
    assert type(problem) is NotANetuiDatabase
    assert str(problem) == f"{tmp_path / 'n.db'} cannot be read as a netui database (file is not a database); it was left untouched."


def test_inspecting_a_file_reads_its_marks_and_writes_nothing(tmp_path: Path):
    path = tmp_path / "n.db"
    Database.open(path).close()
    before = path.read_bytes()
    facts = inspect_file(path)
    assert facts.application_id == APPLICATION_ID and facts.user_version == LATEST_VERSION
    assert facts.tables == sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 20
    assert path.read_bytes() == before


def test_an_empty_journal_beside_a_file_is_not_a_crash_to_roll_back(tmp_path: Path):
    path = tmp_path / "n.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    (tmp_path / "n.db-journal").write_bytes(b"")
    assert inspect_file(path) == (0, 0, 1)


def test_a_hot_journal_is_rolled_back_before_the_file_is_read(tmp_path: Path):
    """A write killed half-way leaves its rollback journal: the file's first pages may be
    half-written, and only a connection that may write can put them back."""
    path = tmp_path / "n.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA cache_size = 1")  # spill to the file before the commit
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("PRAGMA user_version = 7")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 2000)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    shutil.copyfile(path, crashed / "n.db")
    shutil.copyfile(tmp_path / "n.db-journal", crashed / "n.db-journal")
    conn.execute("ROLLBACK")
    conn.close()
    assert (crashed / "n.db-journal").stat().st_size > 0
    facts = inspect_file(crashed / "n.db")
    assert facts == (APPLICATION_ID, 0, 1)  # as before the interrupted write
    assert not (crashed / "n.db-journal").exists() or (crashed / "n.db-journal").stat().st_size == 0


def test_check_database_refusals_say_what_the_file_is(tmp_path: Path):
    folder = tmp_path / "folder.db"
    folder.mkdir()
    with pytest.raises(StoreError, match=r"folder\.db is a folder, not a database file\.$"):
        check_database(folder)
    with pytest.raises(StoreError, match=r"missing\.db does not exist\.$"):
        check_database(tmp_path / "missing.db", create=False)
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(NotANetuiDatabase, match=r"is an empty file, not a netui database; it was left untouched\.$"):
        check_database(empty)
    text = tmp_path / "text.db"
    text.write_bytes(b"SQLite format 2\x00" + b"\x00" * 100)
    with pytest.raises(NotANetuiDatabase, match=r"is not a netui database \(it is not an SQLite file\)"):
        check_database(text)


def _sqlite(path: Path, app_id: int, version: int, table: bool) -> Path:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {app_id}")
    conn.execute(f"PRAGMA user_version = {version}")
    if table:
        conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return path


def test_whose_sqlite_file_it_is(tmp_path: Path):
    # A new SQLite file with nothing in it yet may become netui's.
    assert check_database(_sqlite(tmp_path / "blank.db", 0, 0, False)).needs_migration
    with pytest.raises(NotANetuiDatabase, match="an SQLite file of another application"):
        check_database(_sqlite(tmp_path / "theirs.db", 0, 0, True))
    with pytest.raises(NotANetuiDatabase, match="an SQLite file of another application"):
        check_database(_sqlite(tmp_path / "marked.db", 1234, 0, False))
    latest = check_database(_sqlite(tmp_path / "ours.db", APPLICATION_ID, LATEST_VERSION, True))
    assert latest.ready and not latest.needs_migration
    with pytest.raises(NewerDatabase) as newer:
        check_database(_sqlite(tmp_path / "newer.db", APPLICATION_ID, LATEST_VERSION + 1, True))
    assert str(newer.value) == (
        f"{tmp_path / 'newer.db'} was written by a newer netui (schema {LATEST_VERSION + 1}, this one knows "
        f"{LATEST_VERSION}); upgrade netui to open it. The file was left untouched."
    )


def test_a_file_found_through_a_link_is_checked_as_itself(tmp_path: Path, monkeypatch):
    real = _sqlite(tmp_path / "real.db", APPLICATION_ID, LATEST_VERSION, True)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    checked = check_database(link)
    assert checked.path == real and not checked.created and not checked.readonly
    assert check_database(link, readonly=True).readonly
    _folder_writable(monkeypatch, tmp_path, False)
    assert check_database(real).readonly  # not writable here: opened read-only
    new = check_database(tmp_path / "new.db")
    assert new.created and not new.readonly and new.facts == (0, 0, 0) and not new.ready
