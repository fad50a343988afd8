"""People: everyone in one table, filtered by the query language as you type, sorted four
ways, read from the store a page at a time."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from netui.domain.models import PersonRow
from netui.domain.networks import Network
from netui.domain.query import PeopleFilter, parse_query
from netui.store import people_query
from netui.store.settings import load_settings
from netui.ui.format import ago, due_text, networks_text
from netui.ui.marks import MarkActions
from netui.ui.widgets.cursor_list import CursorList
from netui.ui.widgets.fields import TextField
from netui.ui.widgets.keybar import KeyBar
from netui.ui.widgets.paged import PAGE, Paged
from netui.ui.widgets.row_table import Column, Row, RowTable

SORTS = people_query.SORTS


@dataclass(frozen=True)
class PeopleLoad:
    """A list's count, its first page (and the page of the person to keep the cursor on)."""

    spec: people_query.PeopleList
    total: int
    pages: dict[int, list[PersonRow]]
    keep: int | None
    cadence: dict
    generation: int


def first_pages(db, spec: people_query.PeopleList, today: date, keep: int | None, generation: int) -> PeopleLoad:
    with db.snapshot():
        settings = load_settings(db)
        spec = replace(spec, my_company=settings.my_company)
        total = people_query.count_matching(db, spec, today)
        pages = {0: people_query.page(db, spec, today, 0, PAGE, settings.cadence)}
        if keep is not None and not any(r.id == keep for r in pages[0]):
            position = people_query.position(db, spec, today, keep)
            if position is None:
                keep = None
            elif position // PAGE not in pages:
                page = position // PAGE
                pages[page] = people_query.page(db, spec, today, page * PAGE, PAGE, settings.cadence)
    return PeopleLoad(spec, total, pages, keep, settings.cadence, generation)


def placeholder(index: int) -> Row:
    return Row(-1 - index, ("…", "", "", "", "loading", ""), "muted")


class PeopleScreen(MarkActions):
    """The People table (key 4)."""

    HELP_TITLE = "People"
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
        Binding("D", "duplicates", "Duplicates", show=False, id="people.duplicates"),
    ]

    def __init__(self, *, network: Network | None = None, unsorted: bool = False, **kwargs) -> None:
        """``network`` or ``unsorted`` (people in no network) narrow the list from the start."""
        super().__init__(**kwargs)
        self.network = network
        self.unsorted = unsorted
        self.spec = people_query.PeopleList(filter=self._base_filter(""))
        self.window: Paged[PersonRow] | None = None
        self.loaded = False
        self.generation = 0

    def _base_filter(self, text: str) -> PeopleFilter:
        f = parse_query(text)
        if self.network is not None and self.network not in f.networks:
            f = replace(f, networks=(*f.networks, self.network))
        if self.unsorted:
            f = replace(f, unsorted=True)
        return f

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
        yield TextField(
            placeholder="Filter: words, ring:buddy net:peer tag:hiring company:acme due -word (esc clears)",
            id="filter", on_change=self._filter_changed, max_length=200,
        )
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RowTable).focus()
        self._show_title()
        self.reload()

    # ------------------------------------------------------------ data

    def reload(self, keep: int | None = None) -> None:
        table = self.query_one(RowTable)
        if keep is None and self._keep_on_return is not None:
            keep, self._keep_on_return = self._keep_on_return, None
        if keep is None:
            key = table.cursor_key
            keep = key if key is not None and key >= 0 else None
        self.generation += 1
        # A newer filter cancels a load still under way: only the last one typed is shown.
        self.load(first_pages, self.spec, self.app.today(), keep, self.generation, then=self._loaded,
                  name="people-load")

    def _loaded(self, result: PeopleLoad) -> None:
        if result.generation != self.generation:
            return
        today = self.app.today()
        window: Paged[PersonRow] = Paged(
            result.total, make=lambda r: self._row(r, today), key_of=lambda r: r.id,
            fetch=lambda paged, page: self._fetch(paged, page, result), placeholder=placeholder,
        )
        for page, rows in result.pages.items():
            window.put(page, rows)
        self.window = window
        self.loaded = True
        self.query_one(RowTable).set_rows(window, keep_key=result.keep)
        self._show_title()

    def _fetch(self, window: Paged[PersonRow], page: int, loaded: PeopleLoad) -> None:
        self.load(
            people_query.page, loaded.spec, self.app.today(), page * PAGE, PAGE, loaded.cadence,
            then=lambda rows: self._page_arrived(window, page, rows), failed=lambda _exc: window.failed(page),
            name=f"people-page-{loaded.generation}-{page}",
        )

    def _page_arrived(self, window: Paged[PersonRow], page: int, rows: list[PersonRow]) -> None:
        window.put(page, rows)
        if window is self.window:
            table = self.query_one(RowTable)
            table.refresh()
            table.announce()

    def _row(self, r: PersonRow, today: date) -> Row:
        due, mark = due_text(r, today)
        return Row(
            r.id,
            (r.name, r.company, r.ring.value, networks_text(r.networks), ago(r.last_contact, today), due),
            mark,
        )

    def _show_title(self) -> None:
        total = self.window.total if self.window else 0
        count = f"{total:,} {'person' if total == 1 else 'people'}" if self.loaded else "loading…"
        order = f"sorted by {self.spec.sort} {'▼' if self.spec.descending else '▲'}"
        where = f"network: {self.network.value}" if self.network else ("in no network" if self.unsorted else "")
        needle = self.query_one("#filter", Input).value.strip()
        shown = parse_query(needle).describe() if needle else ""
        self.query_one("#title").show("netui", "People", where, count, self.marks_text(), order,
                                      f"filter: {shown}" if shown else "")

    def known_ring(self):
        row = self.selected_row()
        return (row.id, row.name, row.ring) if row else None

    def on_moved(self, person_id: int, ring) -> None:
        """Show a ring move at once; the reload after it is stored brings the rest."""
        row = self.window.item(person_id) if self.window else None
        if row is not None and self.window is not None:
            self.window.replace(person_id, replace(row, ring=ring))
            self.query_one(RowTable).refresh()

    def after_change(self, person_id: int | None = None) -> None:
        self.changed()

    def select_person(self, person_id: int) -> None:
        """Put the cursor on someone (just added, say), clearing a filter that hides them."""
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        if self.app.screen is self:
            self.reload(keep=person_id)
        else:  # under the person just opened: put the cursor on them on the way back
            self._keep_on_return = person_id
            self._stale = True

    _keep_on_return: int | None = None

    # ------------------------------------------------------------ keys

    def selected_person_id(self) -> int | None:
        key = self.query_one(RowTable).cursor_key
        return key if key is not None and key >= 0 else None

    def selected_row(self) -> PersonRow | None:
        key = self.selected_person_id()
        return self.window.item(key) if key is not None and self.window else None

    def action_filter(self) -> None:
        self.open_filter(self.query_one("#filter", Input))

    def _filter_changed(self, value: str = "") -> None:
        spec = replace(self.spec, filter=self._base_filter(value))
        if spec != self.spec:
            self.spec = spec
            self._show_title()
            self.reload()

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
        self.spec = replace(self.spec, sort=SORTS[(SORTS.index(self.spec.sort) + 1) % len(SORTS)], descending=False)
        self._show_title()
        self.reload()

    def action_reverse(self) -> None:
        self.spec = replace(self.spec, descending=not self.spec.descending)
        self._show_title()
        self.reload()

    # ------------------------------------------------------------ marks (netui.ui.marks)

    def mark_lists(self) -> list[CursorList]:
        return [self.query_one(RowTable)]

    def marks_changed(self) -> None:
        super().marks_changed()
        self._show_title()

    def list_shown(self) -> people_query.PeopleList:
        return self.spec  # the filter as typed, even while its list is still being read

    def action_trash(self) -> None:
        from netui.ui.screens.trash import TrashScreen

        self.app.push_screen(TrashScreen())

    def action_duplicates(self) -> None:
        from netui.ui.screens.duplicates import DuplicatesScreen

        self.app.push_screen(DuplicatesScreen())

    @on(RowTable.Selected)
    def _open(self, event: RowTable.Selected) -> None:
        from netui.ui.screens.person import PersonScreen

        if event.key >= 0:
            self.app.push_screen(PersonScreen(event.key))


class PushedPeopleScreen(PeopleScreen):
    """The People list opened on top of another screen (a network from the Overview or
    the Agenda, or the unsorted people): escape goes back."""

    BINDINGS = [Binding("escape", "back", "Back (or clear the marks)", id="people.back")]

    def action_back(self) -> None:
        if self.marked:
            self.action_clear_marks()
        else:
            self.app.pop_screen()
