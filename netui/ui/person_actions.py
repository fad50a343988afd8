"""Actions on "the selected person", shared by the People and Person screens."""

from __future__ import annotations

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
        if not self.app.undo_stack:
            notice(self, "Nothing to undo.")
            return
        entry = self.app.undo_stack.pop()
        try:
            await self.store(entry.undo)
        finally:
            self.after_change(entry.person_id)
        notice(self, f"Undone: {entry.label}.")

    async def action_step(self, inward: bool) -> None:
        person = await self._selected()
        if person is None:
            return
        target = ring_inward(person.ring) if inward else ring_outward(person.ring)
        if target is None:
            edge = "innermost" if inward else "outermost"
            notice(self, f"{person.name} is already on the {edge} ring ({person.ring.value}).", severity="warning")
            return
        await self._move(person, target, "")

    async def action_move(self) -> None:
        person = await self._selected()
        if person is None:
            return
        suggested = ring_inward(person.ring) or ring_outward(person.ring) or Ring.COLD

        async def chosen(result: tuple[Ring, str] | None) -> None:
            if result:
                await self._move(person, result[0], result[1])

        self.app.push_screen(MoveDialog(person.name, person.ring, suggested), chosen)

    async def _move(self, person: Person, target: Ring, reason: str) -> None:
        move = await self.store(store.move_ring, person.id, target, expected=person.ring, reason=reason)
        if move is None:
            self.after_change(person.id)
            return
        direction = "in" if target.index > person.ring.index else "out"
        self.app.undo_stack.append(
            UndoEntry(f"{person.name} back to {person.ring.value}", lambda: store.undo_ring_move(move.id), person.id)
        )
        notice(self, f"Moved {person.name} {direction} to {target.value} (from {person.ring.value}). u undoes.")
        self.on_moved(person.id, target)
        self.after_change(person.id)

    def on_moved(self, person_id: int, ring: Ring) -> None:
        """A screen may show the move at once, before the reload that follows."""
