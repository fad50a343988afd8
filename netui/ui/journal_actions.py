"""Opening the log form from anywhere, and what happens after a save."""

from __future__ import annotations

from textual.app import App
from textual.screen import ModalScreen

from netui.domain.journal import Interaction, suggested_follow_up
from netui.store import journal
from netui.store.db import Database
from netui.store.people import names_of
from netui.store.settings import load_settings
from netui.ui.dialogs import ConfirmDialog
from netui.ui.safe import notice
from netui.ui.store_calls import StoreCalls


def _people(entry: Interaction) -> str:
    names = list(entry.names)
    if len(names) > 3:
        return f"{', '.join(names[:3])} and {len(names) - 3} more"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else (names[0] if names else "nobody")


def form_data(db: Database, entry_id: int | None, people: tuple[int, ...] = ()):
    """What the log form needs: the names of ``people`` (those it starts with, the live ones),
    the settings, the entry to edit (if any). Other names are looked up as they are typed."""
    with db.snapshot():
        entry = journal.get_interaction(db, entry_id) if entry_id is not None else None
        return names_of(db, people), load_settings(db), entry


def caller_for(app: App) -> StoreCalls:
    """Who makes the store calls for an app-wide action: the screen on show, or the app."""
    return app.screen if isinstance(app.screen, StoreCalls) else app  # type: ignore[return-value]


async def open_log_form(app: App, entry_id: int | None = None, *, restore: dict | None = None, done=None) -> None:
    """`l` (new, with the selected person) or `e` on a journal entry (edit). ``done(entry)``
    hears of a save, in place of the usual notice."""
    from netui.ui.screens.interaction_form import InteractionForm

    screen = app.screen
    if isinstance(screen, ModalScreen) and restore is None:
        return  # a dialog is open: `l` is not for it
    selected = getattr(screen, "selected_person_id", lambda: None)()
    people = (selected,) if selected else ()
    picked = (restore or {}).get("picks")
    restored = tuple(pick[1] for pick in picked if isinstance(pick, list) and len(pick) == 2
                     and isinstance(pick[1], int)) if isinstance(picked, list) else ()
    loaded = await caller_for(app).store(form_data, entry_id, people + restored)
    if loaded is None:
        return
    names, settings, entry = loaded
    if entry is not None and entry.deleted_at is not None:
        notice(app, "That entry was deleted; undo the delete first.", severity="warning")
        return
    form = InteractionForm(
        entry, names, today=app.today(), day_first=settings.day_first, people=people, restore=restore,
    )

    async def saved(result: Interaction | None) -> None:
        if result is None:
            return
        if done is not None:
            done(result)
        else:
            verb = "Saved" if entry is not None else "Logged"
            notice(app, f"{verb}: {result.kind} with {_people(result)} on {result.date.isoformat()}.")
        app.data_changed.publish(app)
        was_received = entry is not None and entry.reciprocity == "received"
        if result.reciprocity == "received" and result.follow_up is None and not was_received:
            offer_follow_up(app, result)

    app.push_screen(form, saved)


def offer_follow_up(app: App, entry: Interaction) -> None:
    """They helped you: offer a reminder to tell them how it turned out."""
    when = suggested_follow_up(entry.date, app.today())

    async def answer(yes: bool | None) -> None:
        if not yes:
            return
        if await caller_for(app).store(journal.update_interaction, entry.id, entry, {"follow_up": when}) is None:
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
