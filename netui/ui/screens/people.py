"""People: everyone in one table, filtered as you type, sorted three ways."""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input

from netui.domain.models import PersonRow
from netui.domain.networks import Network
from netui.domain.text import match_key
from netui.store import people as store
from netui.store.settings import load_settings
from netui.ui.format import ago, due_text, networks_text
from netui.ui.person_actions import PersonActions
from netui.ui.screens.base import NetuiScreen
from netui.ui.widgets.row_table import Column, Row, RowTable

SORTS = ("name", "ring", "last contact", "due")


def _sort_key(kind: str, today: date):
    if kind == "ring":
        return lambda r: (-r.ring.index, r.name.casefold())
    if kind == "last contact":
        return lambda r: (r.last_contact is None, -(r.last_contact.toordinal() if r.last_contact else 0), r.name.casefold())
    if kind == "due":
        def due(r: PersonRow):
            left = r.due_in(today)
            return (left is None, left if left is not None else 0, r.name.casefold())
        return due
    return lambda r: r.name.casefold()


class PeopleScreen(PersonActions):
    """The People table (key 4)."""

    DEFAULT_CSS = """
    PeopleScreen #filter { dock: bottom; display: none; }
    PeopleScreen #filter.-shown { display: block; }
    """
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="people.filter"),
        Binding("s", "sort", "Sort", id="people.sort"),
        Binding("S", "reverse", "Reverse", show=False, id="people.reverse"),
        Binding("t", "trash", "Trash", id="people.trash"),
        Binding("escape", "back", "Back", id="people.back"),
    ]

    def __init__(self, *, network: Network | None = None, unsorted: bool = False, pushed: bool = False, **kwargs) -> None:
        """``network`` or ``unsorted`` (people in no network) narrow the list; ``pushed``
        when opened on top of another screen (from the Overview), so escape goes back."""
        super().__init__(**kwargs)
        self.unsorted = unsorted
        self.pushed = pushed
        self.all_rows: list[PersonRow] = []
        self.shown_rows: list[PersonRow] = []
        self.sort = "name"
        self.descending = False
        self.network = network
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        yield RowTable(
            [
                Column("Name", min_width=12),
                Column("Company", min_width=8),
                Column("Ring", width=9),
                Column("Networks", width=14),
                Column("Last contact", width=12),
                Column("Due", width=11, align_right=True),
            ],
            empty_text="Nobody yet. Press a to add someone, or run `netui demo`.",
            id="people",
        )
        yield Input(placeholder="Filter by name or company (esc clears)", id="filter")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RowTable).focus()
        self._show_title()
        self.reload()

    # ------------------------------------------------------------ data

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="people-load")
    def _load(self) -> None:
        settings = load_settings()
        query = store.PeopleQuery(network=self.network, unsorted=self.unsorted)
        rows = store.list_people(query, cadence=settings.cadence)
        self.app.call_from_thread(self._loaded, rows)

    def _loaded(self, rows: list[PersonRow]) -> None:
        self.all_rows = rows
        self._haystack = [match_key(f"{r.name} {r.company}") for r in rows]
        self.loaded = True
        self._refilter()

    def _refilter(self, keep_key: int | None = None) -> None:
        needle = match_key(self.query_one("#filter", Input).value)
        rows = self.all_rows
        if needle:
            rows = [r for r, hay in zip(rows, self._haystack) if needle in hay]
        today = self.app.today()
        if self.sort != "name" or self.descending:
            rows = sorted(rows, key=_sort_key(self.sort, today), reverse=self.descending)
        self.shown_rows = rows
        self.query_one(RowTable).set_rows([self._row(r, today) for r in rows], keep_key=keep_key)
        self._show_title()

    def _row(self, r: PersonRow, today: date) -> Row:
        due, mark = due_text(r, today)
        return Row(
            r.id,
            (r.name, r.company, r.ring.value, networks_text(r.networks), ago(r.last_contact, today), due),
            mark,
        )

    def _show_title(self) -> None:
        shown = len(self.shown_rows)
        total = len(self.all_rows)
        count = f"{shown:,} of {total:,}" if shown != total else f"{total:,} people"
        order = f"sorted by {self.sort} {'▼' if self.descending else '▲'}"
        where = f"network: {self.network.value}" if self.network else ("in no network" if self.unsorted else "")
        needle = self.query_one("#filter", Input).value
        self.query_one("#title").show("netui", "People", where, count, order, f"filter: {needle}" if needle else "")

    def select_person(self, person_id: int) -> None:
        self._pending_select = person_id
        table = self.query_one(RowTable)
        table.set_rows(table.rows, keep_key=person_id)

    # ------------------------------------------------------------ keys

    def selected_person_id(self) -> int | None:
        return self.query_one(RowTable).cursor_key

    def selected_row(self) -> PersonRow | None:
        key = self.selected_person_id()
        return next((r for r in self.all_rows if r.id == key), None)

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.add_class("-shown")
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        if self.loaded:
            self._refilter()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(RowTable).focus()

    def on_key(self, event) -> None:
        box = self.query_one("#filter", Input)
        if event.key == "escape" and box.has_focus:
            event.stop()
            box.value = ""
            box.remove_class("-shown")
            self.query_one(RowTable).focus()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.descending = False
        self._refilter()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self._refilter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.pushed
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_trash(self) -> None:
        from netui.ui.screens.trash import TrashScreen

        self.app.push_screen(TrashScreen())

    @on(RowTable.Selected)
    def _open(self, event: RowTable.Selected) -> None:
        from netui.ui.screens.person import PersonScreen

        self.app.push_screen(PersonScreen(event.key))
