"""Actions on "the selected person", shared by the People, Funnel and Person screens,
and the add/edit form as the app opens it."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from netui.domain.models import Person, PersonDraft
from netui.domain.rings import Ring, ring_inward, ring_outward
from netui.store import funnel as funnel_store
from netui.store import people as store
from netui.store.db import Database
from netui.ui.dialogs import MoveDialog
from netui.ui.safe import notice
from netui.ui.screens.base import FAILED, NetuiScreen
from netui.ui.undo import UndoEntry


def save_new(db: Database, values: dict[str, Any], _base: Person | None) -> int:
    return store.add_person(db, PersonDraft(**values))


def add_undo(person_id: int, name: str) -> UndoEntry:
    """Taking back a person just added: to the trash, where they can still be restored."""
    return UndoEntry(f"adding {name}", lambda db: store.trash_person(db, person_id), person_id)


def edit_undo(before: Person, after: Person) -> UndoEntry | None:
    """Putting back what an edit changed (None when it changed nothing)."""
    if not store.edited_fields(before, after):
        return None
    return UndoEntry(f"the edit of {after.name}", lambda db: store.revert_person_edit(db, before, after), after.id, after.id)


async def open_person_form(caller, person: Person | None, *, restore: dict[str, Any] | None = None,
                           done=None) -> None:
    """The add (``person`` None) or edit form, over whatever is on screen. ``caller`` makes
    the store calls (a screen, or the app); ``done(person_id)`` hears of a save."""
    from netui.ui.screens.person_form import PersonForm

    from netui.store.settings import load_settings

    broadcasts = await caller.store(funnel_store.broadcasts) or []
    settings = await caller.store(load_settings)
    day_first = settings.day_first if settings is not None else True
    app = caller.app

    edit: dict[str, Person] = {}  # the person just before and just after the save, for its undo
    added: dict[str, str] = {}  # the name of the person just added, for its undo

    def save_add(db: Database, values: dict[str, Any], base: Person | None) -> int:
        added["name"] = str(values.get("name", ""))
        return save_new(db, values, base)

    def save_edit(db: Database, values: dict[str, Any], base: Person | None) -> int:
        assert base is not None
        edit["before"], edit["after"] = store.edit_person(db, base.id, base, values)
        return edit["after"].id

    def saved(person_id: int | None) -> None:
        if person_id is None:
            return
        if edit and (entry := edit_undo(edit["before"], edit["after"])) is not None:
            app.undo.push(entry)
        if added:
            app.undo.push(add_undo(person_id, added["name"]))
        app.data_changed.publish(app)
        if done is not None:
            done(person_id)
        elif person is None:
            from netui.ui.screens.person import PersonScreen

            select = getattr(app.screen, "select_person", None)
            app.push_screen(PersonScreen(person_id))
            if select:
                select(person_id)  # the cursor is on them when you come back

    save = save_add if person is None else save_edit
    app.push_screen(PersonForm(person, save, restore=restore, day_first=day_first, broadcasts=broadcasts), saved)


class PersonActions(NetuiScreen):
    BINDINGS = [
        Binding("e", "edit", "Edit", id="person.edit"),
        Binding("d", "delete", "Delete", id="person.delete"),
        Binding("u", "undo", "Undo", show=False, id="person.undo"),
        Binding("greater_than_sign,shift+right", "step(True)", "Ring in", id="person.ring_in"),
        Binding("less_than_sign,shift+left", "step(False)", "Ring out", show=False, id="person.ring_out"),
        Binding("m", "move", "Move…", id="person.move", show=False),
    ]

    def after_change(self, person_id: int | None = None) -> None:
        self.changed()

    async def _selected(self) -> Person | None:
        pid = self.selected_person_id()
        if pid is None:
            notice(self, "Nobody is selected.", severity="warning")
            return None
        return await self.store(store.get_person, pid)

    async def action_edit(self) -> None:
        person = await self._selected()
        if person is None:
            return

        def done(saved: int) -> None:
            notice(self, f"Saved {person.name}.")
            self.after_change(saved)

        await open_person_form(self, person, done=done)

    async def action_delete(self) -> None:
        if self.app.typed_ahead("d", "delete"):
            return
        person = await self._selected()
        if person is None:
            return
        if await self.write(store.trash_person, person.id) is FAILED:
            return
        self.app.undo.push(
            UndoEntry(f"restored {person.name}", lambda db: store.restore_person(db, person.id), person.id, person.id)
        )
        notice(self, f"Moved {person.name} to the trash. Press u to undo.")
        self.after_change(None)
        self.on_deleted(person.id)

    def on_deleted(self, person_id: int) -> None:
        """Screens showing only this person close themselves."""

    def undone(self, entry: UndoEntry) -> None:
        self.after_change(entry.person_id)

    def known_ring(self) -> tuple[int, str, Ring] | None:
        """(id, name, ring) of the selected person if the screen already holds them,
        which saves a round trip to the database before a move."""
        return None

    async def action_step(self, inward: bool) -> None:
        known = self.known_ring()
        if known is None:
            person = await self._selected()
            if person is None:
                return
            known = (person.id, person.name, person.ring)
        person_id, name, ring = known
        target = ring_inward(ring) if inward else ring_outward(ring)
        if target is None:
            edge = "innermost" if inward else "outermost"
            notice(self, f"{name} is already on the {edge} ring ({ring.value}).", severity="warning")
            return
        await self._move(person_id, name, ring, target, "")

    async def action_move(self) -> None:
        person = await self._selected()
        if person is None:
            return
        suggested = ring_inward(person.ring) or ring_outward(person.ring) or Ring.COLD

        async def chosen(result: tuple[Ring, str] | None) -> None:
            if result:
                await self._move(person.id, person.name, person.ring, result[0], result[1])

        self.app.push_screen(MoveDialog(person.name, person.ring, suggested), chosen)

    async def _move(self, person_id: int, name: str, ring: Ring, target: Ring, reason: str) -> None:
        """Show the move at once, then store it in a worker: awaiting the write here would
        hold the screen, and its repaint, until the disk is done. A refusal (moved in another
        session, read-only…) reloads, which puts the person back."""
        self.on_moved(person_id, target)
        worker = self.run_worker(self._store_move(person_id, name, ring, target, reason), group="ring-move")
        # An undo typed from now on waits for this move, and undoes it.
        self.app.undo.storing(worker)

    async def _store_move(self, person_id: int, name: str, ring: Ring, target: Ring, reason: str) -> None:
        async with self.app.undo.writing():  # after the moves typed before it
            move = await self.store(store.move_ring, person_id, target, expected=ring, reason=reason)
            if move is None:
                self._own_change_shown = False
                self.move_refused(person_id)
                return
            direction = "in" if target.index > ring.index else "out"
            self.app.undo.push(
                UndoEntry(f"{name} back to {ring.value}", lambda db: store.undo_ring_move(db, move.id), person_id, person_id)
            )
            notice(self, f"Moved {name} {direction} to {target.value} (from {ring.value}). u undoes.")
            self.after_change(person_id)

    def move_refused(self, person_id: int) -> None:
        """The store refused a move shown at once (moved in another session, read-only…):
        read again, which puts the person back where they are."""
        self.after_change(person_id)

    def on_moved(self, person_id: int, ring: Ring) -> None:
        """A screen may show the move at once, before the reload that follows."""
