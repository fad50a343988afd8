"""Which sessions have a database open: a shared lock on a file beside it.

Every running app holds a shared lock on ``<db>.lock``; an operation that must be
alone (restore) asks for an exclusive one. The kernel drops a lock when its process
dies, however it dies, so a crashed session never blocks anyone.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from netui.store.files import FILE_MODE


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


class SessionLock:
    def __init__(self, db: Path) -> None:
        self.path = lock_path(db)
        self.fd: int | None = None

    def share(self) -> bool:
        """Mark this process as a session on the database; False if that is not possible (read-only folder)."""
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError:
            return False
        fcntl.flock(self.fd, fcntl.LOCK_SH)
        return True

    def exclusive(self) -> bool:
        """True when no other session holds the database (and none can start until release)."""
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError:
            return True  # cannot create a lock file here, so no session can have one either
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            self.fd = None
            return False
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
