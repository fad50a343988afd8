"""Database files for command-line tests, made in this process.

A `netui` subprocess costs about 0.2 s of CPU before it does anything, so a test that runs
`netui add` three times to have someone to look up spends most of its time on start-ups it
is not testing. The data a test starts from is written here with the store functions the
commands call; the command under test still runs as a real process on the file.

A file several tests start from is made once (a module- or session-scoped fixture) and each
test gets its own copy: the template is closed first, so no write-ahead log is left beside it
and the copy holds everything.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from netui.store.db import Database


def copy_database(template: Path, target: Path) -> Path:
    """A private (0600) copy of a closed database file, as netui would have made it."""
    for suffix in ("-wal", "-shm", "-journal"):
        assert not template.with_name(template.name + suffix).exists(), f"{template} is still open"
    shutil.copyfile(template, target)
    target.chmod(0o600)
    return target


def filled_database(empty: Path, target: Path, fill: Callable[[Database], object] | None = None) -> Path:
    """``target``: a copy of the migrated empty database ``empty`` (the ``empty_database``
    fixture), filled by ``fill(db)`` and closed again."""
    copy_database(empty, target)
    if fill is not None:
        with Database.open(target) as db:
            fill(db)
    return target
