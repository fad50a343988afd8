"""The Inbox: journal entries your calendar and mail proposed, confirmed with one key."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from netui.domain.capture import DIRECTION_WORDS, ProposalRow
from netui.domain.journal import Interaction
from netui.store import proposals as store
from netui.ui.safe import notice, plain
from netui.ui.screens.base import FAILED, NetuiScreen
from netui.ui.undo import UndoEntry
from netui.ui.widgets.keybar import KeyBar
from netui.ui.widgets.row_table import Column, Row, RowTable

EMPTY = ("Nothing waits. `netui import calendar FILE` and `netui import mail FILE` propose entries "
         "from your calendar and mail; they wait here for you to confirm.")


def _who(row: ProposalRow) -> str:
    names = list(row.names)
    return ", ".join(names[:2]) + (f" +{len(names) - 2}" if len(names) > 2 else "")


class InboxScreen(NetuiScreen):
    BINDINGS = [
        Binding("y", "log", "Log", id="inbox.log"),
        Binding("e", "edit", "Edit & log", id="inbox.edit"),
        Binding("n", "dismiss", "Dismiss", id="inbox.dismiss"),
        Binding("A", "log_all", "Log all", id="inbox.log_all"),
        Binding("u", "undo", "Undo", id="inbox.undo"),
    ]

    rows: list[ProposalRow] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        yield RowTable(
            [
                Column("When", width=16),
                Column("Kind", width=7),
                Column("Who", width=24),
                Column("Summary", min_width=16),
                Column("From", width=18, hide_rank=1),
            ],
            empty_text=EMPTY,
            id="inbox",
        )
        yield Static("", id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RowTable).focus()
        self.query_one("#title").show("netui", "Inbox", "loading…")
        self.reload()

    @classmethod
    def first_load(cls, today: date):
        return store.waiting_proposals, ()

    def reload(self) -> None:
        self.load(store.waiting_proposals, then=self._loaded)

    def _loaded(self, rows: list[ProposalRow]) -> None:
        self.rows = rows
        self.by_key = {r.id: r for r in rows}
        table = self.query_one(RowTable)
        table.set_rows([
            Row(r.id, (
                f"{r.date.isoformat()} {r.time}".strip(), r.kind, _who(r), r.summary,
                r.source + (f", {DIRECTION_WORDS[r.direction]}" if r.direction else ""),
            ))
            for r in rows
        ])
        self.query_one("#title").show(
            "netui", "Inbox", f"{len(rows):,} proposed" if rows else "nothing waits",
            "y logs · e edits · n dismisses · A logs all",
        )
        self._show_detail(self.selected())

    @on(RowTable.Highlighted)
    def _highlighted(self, event: RowTable.Highlighted) -> None:
        self._show_detail(self.by_key.get(event.key) if event.key is not None else None)

    def _show_detail(self, row: ProposalRow | None) -> None:
        detail = self.query_one("#detail", Static)
        if row is None:
            detail.update("")
            return
        detail.update(Content.assemble(
            (row.kind, "bold"), " with ", plain(", ".join(row.names)), (f"  {row.date.isoformat()} {row.time}", "$text-muted"),
            "\n", plain(row.summary or "(no summary)"),
        ))

    def selected(self) -> ProposalRow | None:
        key = self.query_one(RowTable).cursor_key
        return getattr(self, "by_key", {}).get(key) if key is not None else None

    def selected_person_id(self) -> int | None:
        row = self.selected()
        return row.person_ids[0] if row and row.person_ids else None

    def _need(self) -> ProposalRow | None:
        row = self.selected()
        if row is None:
            notice(self, "Nothing is selected: the Inbox is empty.", severity="warning")
        return row

    # ------------------------------------------------------------ keys

    @on(RowTable.Selected)
    async def _selected(self, event: RowTable.Selected) -> None:
        event.stop()
        await self.action_log()

    async def _log(self, rows: list[ProposalRow]) -> None:
        ids = [r.id for r in rows]
        async with self.app.undo.writing():
            done = await self.write(store.log_proposals, ids)
            if done is FAILED or not done:
                return
            pairs = list(done)
            label = f"logged {len(pairs)} proposals" if len(pairs) > 1 else f"logged {rows[0].kind} with {_who(rows[0])}"
            self.app.undo.push(UndoEntry(f"{label} put back in the Inbox", lambda db: store.unlog_proposals(db, pairs)))
        if len(pairs) == 1:
            notice(self, f"Logged: {rows[0].kind} with {_who(rows[0])} on {rows[0].date.isoformat()}. u undoes.")
        else:
            notice(self, f"Logged {len(pairs):,} entries. u undoes.")

    async def action_log(self) -> None:
        row = self._need()
        if row is not None:
            await self._log([row])

    async def action_log_all(self) -> None:
        if not self.rows:
            notice(self, "Nothing waits in the Inbox.", severity="warning")
            return
        await self._log(list(self.rows))

    async def action_dismiss(self) -> None:
        row = self._need()
        if row is None:
            return
        async with self.app.undo.writing():
            if await self.write(store.dismiss_proposals, [row.id]) is FAILED:
                return
            key = row.id
            self.app.undo.push(UndoEntry("dismissed proposal back in the Inbox",
                                         lambda db: store.undismiss_proposals(db, [key]), key=key))
        notice(self, f"Dismissed for good: {row.kind} with {_who(row)}. u undoes.")

    async def action_edit(self) -> None:
        """The log form, filled in from the proposal; saving logs it and takes it off the Inbox."""
        from netui.ui.journal_actions import form_data
        from netui.ui.screens.interaction_form import InteractionForm

        row = self._need()
        if row is None:
            return
        loaded = await self.store(form_data, None, tuple(row.person_ids))
        if loaded is None:
            return
        names, settings, _ = loaded
        form = InteractionForm(
            None, names, today=self.app.today(), day_first=settings.day_first, people=row.person_ids,
            restore={"date": row.date.isoformat(), "kind": row.kind, "summary": row.summary, "notes": row.notes()},
            log_with=lambda db, draft, new: store.log_proposal_as(db, row.id, draft, new),
        )

        def saved(result: Interaction | None) -> None:
            if result is None:
                return
            iid, key = result.id, row.id
            self.app.undo.push(UndoEntry("logged entry put back in the Inbox",
                                         lambda db: store.unlog_proposals(db, [(key, iid)]), key=key))
            notice(self, f"Logged: {result.kind} on {result.date.isoformat()}. u undoes.")
            self.changed()

        self.app.push_screen(form, saved)
