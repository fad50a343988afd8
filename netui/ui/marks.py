"""Marks: pick many people on a list (People, the Funnel), then act on all of them at once.

``space`` marks the person under the cursor, ``*`` or ``ctrl+a`` everyone the list holds
(every match of its filter, not only the rows read so far: marks are ids), ``esc`` clears.
With marks, the ring keys, move, network, tag, delete and export keys act on all the
marked people in one store call (one transaction) and push one undo. Without marks they
act on the person under the cursor, as before.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual.binding import Binding

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store import people as store
from netui.store import people_query
from netui.store.settings import load_settings
from netui.ui.dialogs import MoveDialog, NetworkDialog, TextPrompt
from netui.ui.person_actions import PersonActions
from netui.ui.safe import notice
from netui.ui.screens.base import FAILED
from netui.ui.undo import UndoEntry
from netui.ui.widgets.cursor_list import CursorList


def ids_shown(db, spec: people_query.PeopleList, today: date) -> list[int]:
    """Everyone a list with this filter holds (on every ring: the Funnel shows them all)."""
    my_company = spec.my_company or load_settings(db).my_company
    return people_query.matching_ids(db, replace(spec, ring=None, my_company=my_company), today)


class MarkActions(PersonActions):
    """A list screen whose person actions also act on many marked people at once."""

    BINDINGS = [
        Binding("space", "mark", "Mark", show=False, id="marks.mark"),
        # On the screen, not priority: in a filter field ctrl+a still goes to the start of the line.
        Binding("asterisk,ctrl+a", "mark_all", "Mark all shown", show=False, id="marks.mark_all"),
        Binding("escape", "clear_marks", "Clear marks", show=False, id="marks.clear"),
        Binding("n", "network", "Network…", show=False, id="marks.network"),
        Binding("T", "tag", "Tag…", show=False, id="marks.tag"),
        Binding("x", "export", "Export…", show=False, id="marks.export"),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The ids of the marked people: kept for rows not read yet, and across filters.
        self.marked: set[int] = set()

    # ------------------------------------------------------------ for the screen to say

    def mark_lists(self) -> list[CursorList]:
        """The lists that draw the marks."""
        raise NotImplementedError

    def list_shown(self) -> people_query.PeopleList:
        """What the list shows now, for "mark all shown"."""
        raise NotImplementedError

    def cursor_down(self) -> None:
        """After a mark, the cursor goes to the next person (in the first list, by default)."""
        lst = self.mark_lists()[0]
        lst.move_cursor(lst.cursor + 1)

    def marks_changed(self) -> None:
        """Show the marks (a screen also updates its title: ``marks_text``)."""
        for lst in self.mark_lists():
            lst.set_marked(self.marked)

    def marks_text(self) -> str:
        return f"{len(self.marked):,} marked (esc clears)" if self.marked else ""

    # ------------------------------------------------------------ keys

    def action_mark(self) -> None:
        key = self.selected_person_id()
        if key is None:
            return
        self.marked ^= {key}
        self.marks_changed()
        self.cursor_down()

    def action_mark_all(self) -> None:
        """Mark everyone the list holds, not only the rows read so far."""
        self.load(ids_shown, self.list_shown(), self.app.today(), then=self.add_marks, name="mark-all")

    def add_marks(self, ids: list[int]) -> None:
        self.marked |= set(ids)
        self.marks_changed()
        notice(self, f"Marked {len(self.marked):,}. The ring, network, tag, delete and export keys act on all of them.")

    def action_clear_marks(self) -> None:
        if self.marked:
            self.marked = set()
            self.marks_changed()

    def who(self, ids) -> str:
        return f"{len(ids):,} {'person' if len(ids) == 1 else 'people'}"

    async def action_step(self, inward: bool) -> None:
        if not self.marked:
            await super().action_step(inward)
            return
        ids = tuple(sorted(self.marked))
        moves = await self.write(store.step_rings, ids, inward)
        if moves is FAILED:
            return
        direction, edge = ("in", "innermost") if inward else ("out", "outermost")
        stayed = len(ids) - len(moves)
        if moves:
            self.app.undo.push(UndoEntry(f"{self.who(moves)} back to their rings",
                                         lambda db: store.undo_ring_moves(db, moves)))
        notice(self, f"Moved {self.who(moves)} {direction} one ring"
                     + (f"; {stayed:,} already on the {edge} ring stayed" if stayed else "") + ". u undoes.")

    async def action_move(self) -> None:
        if not self.marked:
            await super().action_move()
            return
        ids = tuple(sorted(self.marked))

        async def chosen(result: tuple[Ring, str] | None) -> None:
            if not result:
                return
            moves = await self.write(store.move_rings, ids, result[0], reason=result[1])
            if moves is FAILED:
                return
            if moves:
                self.app.undo.push(UndoEntry(f"{self.who(moves)} back to their rings",
                                             lambda db: store.undo_ring_moves(db, moves)))
            notice(self, f"Moved {self.who(moves)} to {result[0].value}. u undoes.")

        self.app.push_screen(MoveDialog(self.who(ids), None, Ring.LUKEWARM), chosen)

    async def action_delete(self) -> None:
        if not self.marked:
            await super().action_delete()
            return
        ids = tuple(sorted(self.marked))
        trashed = await self.write(store.trash_people, ids)
        if trashed is FAILED:
            return
        self.app.undo.push(UndoEntry(f"restored {self.who(trashed)}", lambda db: store.restore_people(db, trashed)))
        self.marked = set()
        self.marks_changed()
        notice(self, f"Moved {self.who(trashed)} to the trash. Press u to undo.")

    async def action_edit(self) -> None:
        if self.marked:
            notice(self, "Edit works on one person at a time; esc clears the marks.", severity="warning")
            return
        await super().action_edit()

    def targets(self) -> tuple[int, ...]:
        """The marked people, or the one under the cursor."""
        if self.marked:
            return tuple(sorted(self.marked))
        pid = self.selected_person_id()
        return (pid,) if pid is not None else ()

    def action_network(self) -> None:
        ids = self.targets()
        if not ids:
            notice(self, "Nobody is selected.", severity="warning")
            return
        known = self.known_ring()
        who = self.who(ids) if self.marked or known is None else known[1]

        async def chosen(network: Network | None) -> None:
            if network is None:
                return
            change = await self.write(store.toggle_network, ids, network)
            if change is FAILED:
                return
            done = "put in" if change.added else "taken out of"
            self.app.undo.push(UndoEntry(f"{self.who(range(change.count))} {'out of' if change.added else 'back in'} "
                                         f"{network.value}", lambda db: store.undo_network_change(db, change)))
            notice(self, f"{self.who(range(change.count))} {done} {network.value}. u undoes.")

        self.app.push_screen(NetworkDialog(who), chosen)

    def action_tag(self) -> None:
        ids = self.targets()
        if not ids:
            notice(self, "Nobody is selected.", severity="warning")
            return

        async def chosen(tag: str | None) -> None:
            if not tag:
                return
            added = await self.write(store.tag_people, ids, tag)
            if added is FAILED:
                return
            if added:
                self.app.undo.push(UndoEntry(f"tag {tag} taken off {self.who(added)}",
                                             lambda db: store.untag_people(db, added, tag)))
            notice(self, f"Tagged {self.who(added)} {tag!r}" + (" (the others had it)" if len(added) < len(ids) else "")
                   + ". u undoes.")

        self.app.push_screen(TextPrompt(f"Tag {self.who(ids)}", "Tag (what they can help with)",
                                        placeholder="e.g. hiring"), chosen)

    def action_export(self) -> None:
        """The marked people, or everyone the list shows, to a CSV (or .vcf) file."""
        from netui.io.formats import export_people_file

        async def chosen(path: str | None) -> None:
            if not path:
                return
            ids = tuple(sorted(self.marked)) if self.marked else await self.store(
                ids_shown, self.list_shown(), self.app.today())
            if ids is None:
                return
            written = await self.store(export_people_file, path, ids)
            if written is not None:
                notice(self, f"Wrote {self.who(range(written[1]))} to {written[0]}.")

        what = self.who(self.marked) + " marked" if self.marked else "everyone shown"
        self.app.push_screen(TextPrompt(f"Export {what}", "File (.csv, or .vcf for vCards)",
                                        value="~/netui-people.csv"), chosen)
