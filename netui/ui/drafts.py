"""Unsaved forms survive a dropped SSH link.

On SIGHUP (the terminal went away) every open form that has something typed in
it is written to ``drafts.json`` in the user data folder, keyed by database, and
the next start offers it back. Only what the user typed is kept, never the database.
"""

from __future__ import annotations

import json
import os
import signal
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol


class HasDraft(Protocol):
    def draft(self) -> dict[str, Any] | None: ...


def drafts_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("netui", appauthor=False) / "drafts.json"


def _read_all() -> dict[str, list[dict[str, Any]]]:
    try:
        data = json.loads(drafts_path().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_all(data: dict[str, list[dict[str, Any]]]) -> None:
    path = drafts_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def save_drafts(db_path: Path, drafts: list[dict[str, Any]]) -> None:
    if not drafts:
        return
    data = _read_all()
    stamp = datetime.now().isoformat(timespec="seconds")
    data.setdefault(str(db_path.resolve()), []).extend({**d, "saved_at": stamp} for d in drafts)
    _write_all(data)


def take_drafts(db_path: Path) -> list[dict[str, Any]]:
    """The drafts kept for this database, removed from the file (the caller offers them)."""
    data = _read_all()
    mine = data.pop(str(db_path.resolve()), [])
    if mine:
        _write_all(data)
    return mine


def collect(app) -> list[dict[str, Any]]:
    out = []
    for screen in app.screen_stack:
        draft = getattr(screen, "draft", None)
        if callable(draft):
            try:
                value = draft()
            except Exception:  # noqa: BLE001 - a hang-up must never fail on one bad form
                value = None
            if value:
                out.append(value)
    return out


def install_hangup_handler(app, db_path: Path) -> None:
    """Keep drafts, then leave at once: the terminal is gone, so there is nothing to restore."""

    def on_hangup(signum, frame) -> None:  # noqa: ARG001
        try:
            save_drafts(db_path, collect(app))
        finally:
            os._exit(128 + signal.SIGHUP)

    try:
        signal.signal(signal.SIGHUP, on_hangup)
    except ValueError:  # not the main thread (tests run the app in other ways)
        pass
