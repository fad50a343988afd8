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


async def offer_drafts(app, db_path: Path) -> None:
    """At start: offer back each form a hang-up interrupted."""
    for draft in take_drafts(db_path):
        if draft.get("kind") == "person":
            _offer_person_draft(app, draft)
        elif draft.get("kind") == "interaction":
            _offer_interaction_draft(app, draft)


def _offer_person_draft(app, draft: dict[str, Any]) -> None:
    from netui.store.errors import StoreError
    from netui.store.people import get_person, name_index
    from netui.ui.dialogs import ConfirmDialog
    from netui.ui.person_actions import save_edit, save_new
    from netui.ui.safe import notice
    from netui.ui.screens.base import run_store
    from netui.ui.screens.person_form import PersonForm

    label = draft.get("label") or "a person"
    question = f"Your session ended with an unsaved form for {label} ({draft.get('saved_at', '')}). Open it again?"

    def saved(person_id: int | None) -> None:
        if person_id is not None:
            notice(app, "Saved from your draft.")
            app.data_changed.publish(app)

    async def answer(resume: bool | None) -> None:
        if not resume:
            notice(app, "The draft was discarded.")
            return
        names = await run_store(name_index)
        person = None
        if draft.get("person_id"):
            try:
                person = await run_store(get_person, draft["person_id"])
            except StoreError:
                notice(app, f"{label} is no longer in the database; the draft opens as a new person.", severity="warning")
        if person is not None and person.version != draft.get("version"):
            notice(app, f"{label} changed since the draft was typed: check the fields before saving.", severity="warning")
        save = save_new if person is None else save_edit
        app.push_screen(PersonForm(person, names, save, restore=draft.get("values") or {}), saved)

    app.push_screen(ConfirmDialog(question, yes="Open it", no="Discard"), answer)


def _offer_interaction_draft(app, draft: dict[str, Any]) -> None:
    """The journal's log (or edit) form, as it was when the terminal hung up."""
    from netui.store import journal
    from netui.store.errors import StoreError
    from netui.store.people import name_index
    from netui.store.settings import load_settings
    from netui.ui.dialogs import ConfirmDialog
    from netui.ui.safe import notice
    from netui.ui.screens.base import run_store
    from netui.ui.screens.interaction_form import InteractionForm

    label = draft.get("label") or "a journal entry"
    question = f"Your session ended with an unsaved form for {label} ({draft.get('saved_at', '')}). Open it again?"

    def saved(result) -> None:
        if result is not None:
            notice(app, "Saved from your draft.")
            app.data_changed.publish(app)

    async def answer(resume: bool | None) -> None:
        if not resume:
            notice(app, "The draft was discarded.")
            return
        names = await run_store(name_index)
        settings = await run_store(load_settings)
        entry = None
        if draft.get("entry_id"):
            try:
                entry = await run_store(journal.get_interaction, draft["entry_id"])
            except StoreError:
                notice(app, "That entry is no longer in the journal; the draft opens as a new entry.", severity="warning")
            if entry is not None and entry.version != draft.get("version"):
                notice(app, "The entry changed since the draft was typed: check the fields before saving.", severity="warning")
        form = InteractionForm(
            entry, names, today=app.today(), day_first=settings.day_first, restore=draft.get("values") or {}
        )
        app.push_screen(form, saved)

    app.push_screen(ConfirmDialog(question, yes="Open it", no="Discard"), answer)
