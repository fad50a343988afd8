"""Actions on "the selected person", shared by the People and Person screens."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.binding import Binding

from netui.domain.models import Person, PersonDraft
from netui.domain.rings import Ring, ring_inward, ring_outward
from netui.store import people as store
from netui.ui.dialogs import MoveDialog
from netui.ui.safe import notice
from netui.ui.screens.base import NetuiScreen


@dataclass(frozen=True)
class UndoEntry:
    label: str
    undo: Callable[[], Any]  # a store call, run off the UI thread
    person_id: int | None = None  # whom undoing changes, so a screen can refresh just them


def save_new(values: dict[str, Any], _base: Person | None) -> int:
    return store.add_person(PersonDraft(**values))


def save_edit(values: dict[str, Any], base: Person | None) -> int:
    assert base is not None
    return store.update_person(base.id, base, values).id


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
        from netui.ui.screens.person_form import PersonForm

        person = await self._selected()
        if person is None:
            return
        names = await self.store(store.name_index) or []

        def done(saved: int | None) -> None:
            if saved is not None:
                notice(self, f"Saved {person.name}.")
                self.after_change(saved)

        self.app.push_screen(PersonForm(person, names, save_edit), done)

    async def action_delete(self) -> None:
        person = await self._selected()
        if person is None:
            return
        if await self.store(store.trash_person, person.id) is None and not await self._gone(person.id):
            return
        self.app.undo_stack.append(UndoEntry(f"restored {person.name}", lambda: store.restore_person(person.id), person.id))
        notice(self, f"Moved {person.name} to the trash. Press u to undo.")
        self.after_change(None)
        self.on_deleted(person.id)

    async def _gone(self, person_id: int) -> bool:
        person = await self.store(store.get_person, person_id)
        return bool(person and person.deleted_at)

    def on_deleted(self, person_id: int) -> None:
        """Screens showing only this person close themselves."""

    async def action_undo(self) -> None:
        async with self._store_lock:  # after any move still being stored
            await self._undo_last()

    async def _undo_last(self) -> None:
        if not self.app.undo_stack:
            notice(self, "Nothing to undo.")
            return
        entry = self.app.undo_stack.pop()
        try:
            await self.store(entry.undo)
        finally:
            self.after_change(entry.person_id)
        notice(self, f"Undone: {entry.label}.")

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
        self.run_worker(self._store_move(person_id, name, ring, target, reason), group="ring-move")

    @property
    def _store_lock(self) -> asyncio.Lock:
        # Moves, and an undo right after them, are stored in the order they were asked for.
        lock = self.__dict__.get("_person_store_lock")
        if lock is None:
            lock = self.__dict__["_person_store_lock"] = asyncio.Lock()
        return lock

    async def _store_move(self, person_id: int, name: str, ring: Ring, target: Ring, reason: str) -> None:
        async with self._store_lock:
            move = await self.store(store.move_ring, person_id, target, expected=ring, reason=reason)
            if move is None:
                self._own_change_shown = False
                self.after_change(person_id)
                return
            direction = "in" if target.index > ring.index else "out"
            self.app.undo_stack.append(
                UndoEntry(f"{name} back to {ring.value}", lambda: store.undo_ring_move(move.id), person_id)
            )
            notice(self, f"Moved {name} {direction} to {target.value} (from {ring.value}). u undoes.")
            self.after_change(person_id)

    def on_moved(self, person_id: int, ring: Ring) -> None:
        """A screen may show the move at once, before the reload that follows."""
