"""Files netui writes are the user's alone: 0600 files in 0700 folders, whatever the umask."""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_file(path: Path, *, exist_ok: bool = False) -> None:
    """Create ``path`` empty with mode 0600 (``exist_ok``: leave an existing one as it is)."""
    flags = os.O_WRONLY | os.O_CREAT | (0 if exist_ok else os.O_EXCL)
    os.close(os.open(path, flags, FILE_MODE))


def private_folder(folder: Path) -> None:
    """Create ``folder`` and its missing parents with mode 0700 (existing ones are left alone)."""
    # mkdir(parents=True) makes the missing parents with the umask's mode, not ``mode``.
    for parent in reversed(folder.parents):
        if not parent.exists():
            parent.mkdir(mode=FOLDER_MODE, exist_ok=True)
    folder.mkdir(mode=FOLDER_MODE, exist_ok=True)


def no_looser_than(path: Path, *others: Path) -> None:
    """Take away from ``path`` any permission that one of ``others`` (where it exists) does not
    grant, and never more than 0600: a copy is never more readable than what it copies."""
    mode = os.stat(path).st_mode & FILE_MODE
    for other in others:
        try:
            mode &= os.stat(other).st_mode
        except OSError:
            continue
    os.chmod(path, mode & 0o7777)
