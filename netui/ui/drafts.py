"""Unsaved forms survive a dropped SSH link, or a bug that takes the app down.

When the terminal hangs up (SIGHUP), or a bug is about to end the session, every open form
that has something typed in it is written to ``drafts.json`` in the user data folder,
keyed by database, and the next start offers it back. Only what the user typed is kept,
never the database. The file is the user's alone (0600 in a 0700 folder).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from netui.store.files import private_folder


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
    private_folder(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
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
    """What every open form holds that was typed and not saved."""
    out = []
    for screen in app.screen_stack:
        draft = getattr(screen, "draft", None)
        if callable(draft):
            try:
                value = draft()
            except Exception:  # noqa: BLE001 - keeping the others must never fail on one bad form
                value = None
            if value:
                out.append(value)
    return out


def keep_drafts(app) -> int:
    """Write every open form's unsaved input to the drafts file; how many were kept."""
    drafts = collect(app)
    try:
        save_drafts(app.db.path, drafts)
    except OSError:
        return 0
    return len(drafts)


HANGUP_EXIT = 128 + signal.SIGHUP
# After a hang-up the app exits as usual, but Textual's shutdown writes to the terminal
# that is gone: once its output thread has died on the closed terminal, a write can block
# for ever (its queue is full and nobody empties it). Past this many seconds netui leaves
# anyway; the drafts are kept by then, and the file is safe (every write is a transaction).
HANGUP_GRACE_SECONDS = 5.0
leave_now = os._exit


def install_hangup_handler(app) -> None:
    """On SIGHUP (the terminal went away), keep the drafts and leave.

    The signal is handled by the event loop (``add_signal_handler``), so the forms are read
    between two events, never in the middle of one; then the app exits as usual, or, if
    that hangs on the vanished terminal, at the latest ``HANGUP_GRACE_SECONDS`` later."""

    def hung_up() -> None:
        keep_drafts(app)
        deadline = threading.Timer(HANGUP_GRACE_SECONDS, leave_now, args=(HANGUP_EXIT,))
        deadline.daemon = True
        deadline.start()
        app.exit(return_code=HANGUP_EXIT)

    try:
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, hung_up)
    except (RuntimeError, ValueError, NotImplementedError):  # not the main thread, or no such signal here
        pass


async def offer_drafts(app) -> None:
    """At start: offer back each form a hang-up interrupted."""
    for draft in take_drafts(app.db.path):
        if draft.get("kind") in ("person", "interaction"):
            _offer(app, draft)


def _offer(app, draft: dict[str, Any]) -> None:
    from netui.ui.dialogs import ConfirmDialog
    from netui.ui.safe import notice

    kind = draft["kind"]
    label = draft.get("label") or ("a person" if kind == "person" else "a journal entry")
    question = f"Your session ended with an unsaved form for {label} ({draft.get('saved_at', '')}). Open it again?"

    async def answer(resume: bool | None) -> None:
        if not resume:
            notice(app, "The draft was discarded.")
            return
        values = draft.get("values") or {}
        if kind == "person":
            await _reopen_person(app, draft, label, values)
        else:
            await _reopen_entry(app, draft, values)

    app.push_screen(ConfirmDialog(question, yes="Open it", no="Discard"), answer)


async def _reopen_person(app, draft: dict[str, Any], label: str, values: dict[str, Any]) -> None:
    from netui.store.errors import StoreError
    from netui.store.people import get_person
    from netui.ui.journal_actions import caller_for
    from netui.ui.person_actions import open_person_form
    from netui.ui.safe import notice

    caller = caller_for(app)
    person = None
    if draft.get("person_id"):
        try:
            person = await caller.ask(get_person, draft["person_id"])
        except StoreError:
            notice(app, f"{label} is no longer in the database; the draft opens as a new person.", severity="warning")
    if person is not None and person.version != draft.get("version"):
        notice(app, f"{label} changed since the draft was typed: check the fields before saving.", severity="warning")

    def done(_person_id: int) -> None:
        notice(app, "Saved from your draft.")

    await open_person_form(caller, person, restore=values, done=done)


async def _reopen_entry(app, draft: dict[str, Any], values: dict[str, Any]) -> None:
    from netui.store import journal
    from netui.store.errors import StoreError
    from netui.ui.journal_actions import caller_for, open_log_form
    from netui.ui.safe import notice

    entry_id = draft.get("entry_id")
    if entry_id:
        try:
            entry = await caller_for(app).ask(journal.get_interaction, entry_id)
        except StoreError:
            notice(app, "That entry is no longer in the journal; the draft opens as a new entry.", severity="warning")
            entry_id = None
        else:
            if entry.version != draft.get("version"):
                notice(app, "The entry changed since the draft was typed: check the fields before saving.",
                       severity="warning")

    def done(_entry) -> None:
        notice(app, "Saved from your draft.")

    await open_log_form(app, entry_id, restore=values, done=done)
