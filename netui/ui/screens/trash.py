"""The trash: people deleted with `d`, restorable until purged."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from netui.ui.widgets.keybar import KeyBar
from netui.domain.models import PersonRow
from netui.store import people as store
from netui.ui.dialogs import ConfirmDialog
from netui.ui.format import people_count
from netui.ui.safe import notice
from netui.ui.screens.base import FAILED, NetuiScreen
from netui.ui.widgets.row_table import Column, Row, RowTable


class TrashScreen(NetuiScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="trash.back"),
        Binding("r", "restore", "Restore", id="trash.restore"),
        Binding("p", "purge", "Purge", id="trash.purge"),
        Binding("P", "purge_all", "Empty trash", id="trash.empty"),
    ]

    rows: list[PersonRow] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        yield RowTable(
            [Column("Name"), Column("Company"), Column("Ring", width=9)],
            empty_text="The trash is empty.",
            id="trash",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RowTable).focus()
        self.reload()

    def reload(self) -> None:
        self.load(store.list_people, store.PeopleQuery(trash=True), then=self._loaded)

    def _loaded(self, rows: list[PersonRow]) -> None:
        self.rows = rows
        self.query_one("#title").show("netui", "Trash", people_count(len(rows)), "r restores · p purges for good")
        self.query_one(RowTable).set_rows([Row(r.id, (r.name, r.company, r.ring.value), "muted") for r in rows])

    def _selected(self) -> PersonRow | None:
        key = self.query_one(RowTable).cursor_key
        return next((r for r in self.rows if r.id == key), None)

    async def action_restore(self) -> None:
        row = self._selected()
        if row and await self.write(store.restore_person, row.id) is not FAILED:
            notice(self, f"Restored {row.name}.")

    def action_purge(self) -> None:
        if self.app.typed_ahead("p", "purge"):
            return
        row = self._selected()
        if row is None:
            return

        async def answer(yes: bool | None) -> None:
            if yes and await self.write(store.purge_person, row.id) is not FAILED:
                notice(self, f"Purged {row.name} for good.")

        self.app.push_screen(
            ConfirmDialog(f"Delete {row.name} for good? Their links, tags and ring history go too; this cannot be undone.", yes="Purge"),
            answer,
        )

    def action_purge_all(self) -> None:
        if self.app.typed_ahead("P", "empty the trash"):
            return
        if not self.rows:
            return

        async def answer(yes: bool | None) -> None:
            if yes and (n := await self.write(store.empty_trash)) is not FAILED:
                notice(self, f"Purged {people_count(n)} for good.")

        self.app.push_screen(ConfirmDialog(
            "Delete the one person in the trash for good?" if len(self.rows) == 1
            else f"Delete all {people_count(len(self.rows))} in the trash for good?",
            yes="Purge all",
        ), answer)
