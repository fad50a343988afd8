"""People: everyone in one table, filtered as you type, sorted three ways."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from netui.ui.widgets.keybar import KeyBar
from netui.domain.models import PersonRow
from netui.domain.networks import Network
from netui.domain.text import match_key, sort_key
from netui.store import people as store
from netui.store.settings import load_settings
from netui.ui.format import ago, due_text, networks_text
from netui.ui.person_actions import PersonActions
from netui.ui.widgets.fields import TextField
from netui.ui.widgets.row_table import Column, LazyRows, Row, RowTable

SORTS = ("name", "ring", "last contact", "due")


def _sort_key(kind: str, today: date):
    if kind == "ring":
        return lambda r: (-r.ring.index, sort_key(r.name))
    if kind == "last contact":
        return lambda r: (r.last_contact is None, -(r.last_contact.toordinal() if r.last_contact else 0), sort_key(r.name))
    if kind == "due":
        def due(r: PersonRow):
            left = r.due_in(today)
            return (left is None, left if left is not None else 0, sort_key(r.name))
        return due
    return lambda r: sort_key(r.name)


def people_for_table(db, query: store.PeopleQuery) -> tuple[list[PersonRow], list[str]]:
    """The rows in name order, and what the filter looks through for each (worked out in
    the load's thread, not the UI's)."""
    settings = load_settings(db)
    rows = store.list_people(db, query, cadence=settings.cadence)
    rows.sort(key=lambda r: sort_key(r.name))
    return rows, [match_key(f"{r.name} {r.company}") for r in rows]


class PeopleScreen(PersonActions):
    """The People table (key 4)."""

    DEFAULT_CSS = """
    PeopleScreen #filter { dock: bottom; display: none; }
    PeopleScreen #filter.-shown { display: block; }
    """
    BINDINGS = [
        # priority: runs as soon as it is read, so a name typed right after `/` lands in the field
        Binding("slash", "filter", "Filter", id="people.filter", priority=True),
        Binding("s", "sort", "Sort", id="people.sort"),
        Binding("S", "reverse", "Reverse", show=False, id="people.reverse"),
        Binding("t", "trash", "Trash", show=False, id="people.trash"),
    ]

    def __init__(self, *, network: Network | None = None, unsorted: bool = False, **kwargs) -> None:
        """``network`` or ``unsorted`` (people in no network) narrow the list."""
        super().__init__(**kwargs)
        self.unsorted = unsorted
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
                Column("Name", min_width=12, weight=3),
                Column("Company", min_width=8, weight=2, hide_rank=3),
                Column("Ring", width=9, hide_rank=1),
                Column("Networks", width=13, hide_rank=4),
                Column("Last seen", width=10, hide_rank=2),
                Column("Due", width=11, align_right=True),
            ],
            empty_text="Nobody yet. Press a to add someone, or run `netui demo`.",
            id="people",
        )
        yield TextField(placeholder="Filter by name or company (esc clears)", id="filter", on_change=self._filter_changed)
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RowTable).focus()
        self._show_title()
        self.reload()

    # ------------------------------------------------------------ data

    def reload(self) -> None:
        query = store.PeopleQuery(network=self.network, unsorted=self.unsorted)
        self.load(people_for_table, query, then=lambda loaded: self._loaded(*loaded))

    def _loaded(self, rows: list[PersonRow], haystack: list[str]) -> None:
        self.all_rows = rows
        self._haystack = haystack
        self.loaded = True
        self._refilter()

    def _refilter(self, keep_key: int | None = None) -> None:
        needle = match_key(self.query_one("#filter", Input).value)
        rows = self.all_rows
        if needle:
            rows = [r for r, hay in zip(rows, self._haystack) if needle in hay]
        today = self.app.today()
        if self.sort != "name" or self.descending:  # all_rows is already in name order
            rows = sorted(rows, key=_sort_key(self.sort, today), reverse=self.descending)
        self.shown_rows = rows
        self.query_one(RowTable).set_rows(
            LazyRows(rows, key=lambda r: r.id, make=lambda r: self._row(r, today)), keep_key=keep_key
        )
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
        if not self.loaded:
            count = "loading…"
        order = f"sorted by {self.sort} {'▼' if self.descending else '▲'}"
        where = f"network: {self.network.value}" if self.network else ("in no network" if self.unsorted else "")
        needle = self.query_one("#filter", Input).value
        self.query_one("#title").show("netui", "People", where, count, order, f"filter: {needle}" if needle else "")

    def known_ring(self):
        row = self.selected_row()
        return (row.id, row.name, row.ring) if row else None

    def on_moved(self, person_id: int, ring) -> None:
        """Show a ring move at once, then refresh just that row (its due date follows the ring)."""
        self._patch(replace(r, ring=ring) for r in self.all_rows if r.id == person_id)
        self._own_change_shown = True
        self.load(people_for_table, store.PeopleQuery(person_id=person_id), then=lambda loaded: self._patch(loaded[0]),
                  name=f"people-row-{person_id}")

    def _patch(self, rows) -> None:
        fresh = {r.id: r for r in rows}
        if fresh:
            self.all_rows = [fresh.get(r.id, r) for r in self.all_rows]
            self._refilter()

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
        self.open_filter(self.query_one("#filter", Input))

    def _filter_changed(self, _value: str = "") -> None:
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

    def action_trash(self) -> None:
        from netui.ui.screens.trash import TrashScreen

        self.app.push_screen(TrashScreen())

    @on(RowTable.Selected)
    def _open(self, event: RowTable.Selected) -> None:
        from netui.ui.screens.person import PersonScreen

        self.app.push_screen(PersonScreen(event.key))


class PushedPeopleScreen(PeopleScreen):
    """The People list opened on top of another screen (a network from the Overview or
    the Agenda, or the unsorted people): escape goes back."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="people.back")]
