"""Opening the log form from anywhere, and what happens after a save."""

from __future__ import annotations

from textual.app import App
from textual.screen import ModalScreen

from netui.store import journal
from netui.store.errors import StoreError
from netui.store.people import name_index
from netui.store.settings import load_settings
from netui.ui.dialogs import ConfirmDialog
from netui.ui.safe import notice
from netui.ui.screens.base import run_store
from netui.ui.screens.interaction_form import InteractionForm, suggested_follow_up


def _people(entry: journal.Interaction) -> str:
    names = list(entry.names)
    if len(names) > 3:
        return f"{', '.join(names[:3])} and {len(names) - 3} more"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else (names[0] if names else "nobody")


async def open_log_form(app: App, entry_id: int | None = None) -> None:
    """`l` (new, with the selected person) or `e` on a journal entry (edit)."""
    screen = app.screen
    if isinstance(screen, ModalScreen):
        return  # a dialog is open: `l` is not for it
    try:
        names = await run_store(name_index)
        settings = await run_store(load_settings)
        entry = await run_store(journal.get_interaction, entry_id) if entry_id is not None else None
    except StoreError as exc:
        notice(app, str(exc), severity="error")
        return
    if entry is not None and entry.deleted_at is not None:
        notice(app, "That entry was deleted; undo the delete first.", severity="warning")
        return
    selected = getattr(screen, "selected_person_id", lambda: None)()
    form = InteractionForm(
        entry, names, today=app.today(), day_first=settings.day_first, people=(selected,) if selected else ()
    )

    async def saved(result: journal.Interaction | None) -> None:
        if result is None:
            return
        verb = "Saved" if entry is not None else "Logged"
        notice(app, f"{verb}: {result.kind} with {_people(result)} on {result.date.isoformat()}.")
        app.data_changed.publish(app)
        was_received = entry is not None and entry.reciprocity == "received"
        if result.reciprocity == "received" and result.follow_up is None and not was_received:
            offer_follow_up(app, result)

    app.push_screen(form, saved)


def offer_follow_up(app: App, entry: journal.Interaction) -> None:
    """They helped you: offer a reminder to tell them how it turned out."""
    when = suggested_follow_up(entry, app.today())

    async def answer(yes: bool | None) -> None:
        if not yes:
            return
        try:
            await run_store(journal.update_interaction, entry.id, entry, {"follow_up": when})
        except StoreError as exc:
            notice(app, str(exc), severity="error")
            return
        notice(app, f"Follow-up set for {when.isoformat()}: tell {_people(entry)} how their help turned out.")
        app.data_changed.publish(app)

    app.push_screen(
        ConfirmDialog(
            f"{_people(entry)} helped you. Add a follow-up on {when.isoformat()} "
            "to tell them how their help turned out?",
            yes="Add follow-up",
            no="Not now",
        ),
        answer,
    )
