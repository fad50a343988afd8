"""The small helpers under every store function: values read back from SQLite, the
modes of the files netui writes, the session lock and the errors a user is shown."""

from __future__ import annotations

import fcntl
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from netui.store.errors import Conflict, StoreError
from netui.store.files import FILE_MODE, FOLDER_MODE, no_looser_than, private_file, private_folder
from netui.store.session import SessionLock, lock_path
from netui.store.values import DAMAGED_DATE, DAMAGED_DATETIME, as_date, as_datetime, now


# ------------------------------------------------------------------ values


def test_stored_dates_read_back_as_dates():
    assert as_date("2026-03-14") == date(2026, 3, 14)
    # A timestamp stored where a date belongs keeps its day.
    assert as_date("2026-03-14 09:30:00") == date(2026, 3, 14)
    assert as_date("2026-03-14T09:30:00") == date(2026, 3, 14)
    assert as_date(date(2026, 3, 14)) == date(2026, 3, 14)
    moment = as_date(datetime(2026, 3, 14, 23, 59))
    assert moment == date(2026, 3, 14) and type(moment) is date


def test_an_absent_date_is_none_and_a_damaged_one_sorts_first():
    assert as_date(None) is None
    assert as_date("") is None
    assert DAMAGED_DATE == date(1, 1, 1)
    for damaged in ("yesterday", "2026-13-01", "0", 17):
        assert as_date(damaged) == DAMAGED_DATE, damaged


def test_stored_times_read_back_as_datetimes():
    assert as_datetime("2026-03-14 09:30:15") == datetime(2026, 3, 14, 9, 30, 15)
    assert as_datetime("2026-03-14") == datetime(2026, 3, 14)
    stamp = datetime(2026, 3, 14, 9, 30, 15, 123)
    assert as_datetime(stamp) is stamp
    assert as_datetime(None) is None
    assert as_datetime("") is None
    assert DAMAGED_DATETIME == datetime(1, 1, 1)
    for damaged in ("now", "2026-03-14 25:00", 17):
        assert as_datetime(damaged) == DAMAGED_DATETIME, damaged


def test_now_is_to_the_second():
    before = datetime.now().replace(microsecond=0)
    stamp = now()
    assert stamp.microsecond == 0
    assert before <= stamp <= datetime.now()


# ------------------------------------------------------------------ files


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


def test_a_private_file_is_new_empty_and_0600_whatever_the_umask(tmp_path: Path):
    assert (FILE_MODE, FOLDER_MODE) == (0o600, 0o700)
    old = os.umask(0)
    try:
        path = tmp_path / "f"
        private_file(path)
    finally:
        os.umask(old)
    assert _mode(path) == 0o600
    assert path.read_bytes() == b""
    # Never over a file that is there, unless asked; then it is left as it was.
    path.write_bytes(b"kept")
    with pytest.raises(FileExistsError):
        private_file(path)
    private_file(path, exist_ok=True)
    assert path.read_bytes() == b"kept"


def test_a_private_folder_is_0700_with_its_parents_and_leaves_existing_ones_alone(tmp_path: Path):
    old = os.umask(0)
    try:
        private_folder(tmp_path / "a" / "b")
        private_folder(tmp_path / "a" / "b")  # already there: no error
    finally:
        os.umask(old)
    assert _mode(tmp_path / "a") == 0o700
    assert _mode(tmp_path / "a" / "b") == 0o700
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    private_folder(shared)
    assert _mode(shared) == 0o755


def test_a_copy_is_never_looser_than_what_it_copies(tmp_path: Path):
    copy, source, dest = tmp_path / "copy", tmp_path / "source", tmp_path / "dest"
    for path in (copy, source, dest):
        path.write_bytes(b"")
    copy.chmod(0o777)
    no_looser_than(copy)
    assert _mode(copy) == 0o600  # never more than the user's own read and write
    copy.chmod(0o666)
    source.chmod(0o640)
    dest.chmod(0o400)
    no_looser_than(copy, source, dest)
    assert _mode(copy) == 0o400  # every other file takes away what it does not grant
    copy.chmod(0o644)
    no_looser_than(copy, tmp_path / "missing", dest)  # one not there is passed over, not the end
    assert _mode(copy) == 0o400
    copy.chmod(0o600 | 0o4000)
    no_looser_than(copy, source)
    assert _mode(copy) == 0o600


# ------------------------------------------------------------------ the session lock


def _can_lock(path: Path, how: int) -> bool:
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, how | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_the_lock_file_sits_beside_the_database(tmp_path: Path):
    assert lock_path(tmp_path / "netui.db") == tmp_path / "netui.db.lock"
    assert SessionLock(tmp_path / "x.db").path == tmp_path / "x.db.lock"


def test_a_session_shares_the_lock_and_restore_waits_for_it(tmp_path: Path):
    db = tmp_path / "netui.db"
    session = SessionLock(db)
    assert session.fd is None
    assert session.share() is True
    assert _mode(lock_path(db)) == 0o600
    assert _can_lock(lock_path(db), fcntl.LOCK_SH)  # other sessions may share it
    assert not _can_lock(lock_path(db), fcntl.LOCK_EX)
    restore = SessionLock(db)
    assert restore.exclusive() is False
    assert restore.fd is None
    session.release()
    assert session.fd is None
    session.release()  # twice: nothing to do
    assert restore.exclusive() is True
    assert not _can_lock(lock_path(db), fcntl.LOCK_SH)  # no session starts during a restore
    restore.release()
    assert _can_lock(lock_path(db), fcntl.LOCK_EX)


def test_no_lock_file_can_be_made_in_a_missing_folder(tmp_path: Path):
    where = tmp_path / "gone" / "netui.db"
    assert SessionLock(where).share() is False
    # No session can hold a lock there either, so a restore may go ahead.
    assert SessionLock(where).exclusive() is True


# ------------------------------------------------------------------ errors


def test_a_conflict_carries_both_values_of_each_field():
    clash = Conflict("changed elsewhere", {"name": ("Ada", "Grace")})
    assert isinstance(clash, StoreError)
    assert str(clash) == "changed elsewhere"
    assert clash.fields == {"name": ("Ada", "Grace")}
    assert Conflict("gone").fields == {}


def test_a_restore_makes_the_lock_file_when_there_is_none(tmp_path: Path):
    db = tmp_path / "netui.db"
    restore = SessionLock(db)
    assert restore.exclusive() is True
    assert restore.fd is not None and _mode(lock_path(db)) == 0o600
    assert not _can_lock(lock_path(db), fcntl.LOCK_SH)
    restore.release()
