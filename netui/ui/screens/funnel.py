"""The Funnel board (key 2): four rings as four columns, a card per person.

Each column is a CardList of its ring's people, read from the store a page at a time
(netui.store.people_query) and filtered by the same query language as People. A move
is stored, then the board is read again with the person still selected."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import Input, Static

from netui.ui.widgets.keybar import KeyBar
from netui.domain.models import PersonRow
from netui.domain.playbook import PLAYBOOK
from netui.domain.rings import RING_ORDER, Ring
from netui.domain.query import parse_query
from netui.store import funnel as funnel_store
from netui.store import people_query
from netui.store.errors import StoreError
from netui.store.settings import load_settings
from netui.ui.marks import MarkActions
from netui.ui.safe import plain
from netui.ui.widgets.card_list import Card, CardBoard, CardList
from netui.ui.widgets.cursor_list import CursorList
from netui.ui.widgets.fields import TextField
from netui.ui.widgets.panel_lines import PanelLines
from netui.ui.widgets.paged import PAGE, Paged
from netui.ui.widgets.row_table import Column, Row, RowTable

# Below this width the side panel goes under the board instead of beside it.
WIDE = 116


def card_for(row: PersonRow, today: date) -> Card:
    """A person's card: name (marked ! when due, ~ when a distant mentor), company, days since last contact."""
    days = "never" if row.last_contact is None else f"{max((today - row.last_contact).days, 0)}d"
    flag, mark = "", ""
    left = row.due_in(today)
    if row.distant:
        flag, mark = "~", "muted"
    elif left is not None and (left < 0 or (row.last_contact is None and left == 0)):
        flag, mark = "!", "due"
    return Card(row.id, row.name, flag, row.company, days, mark)


@dataclass(frozen=True)
class BoardLoad:
    """Each column's count and first page (and the page of the person to keep selected)."""

    specs: dict[Ring, people_query.PeopleList]
    totals: dict[Ring, int]
    pages: dict[Ring, dict[int, list[PersonRow]]]
    cadence: dict
    generations: dict[Ring, int]
    on_ring: dict[Ring, int]  # everyone on each ring, filter or not


def board_pages(
    db, spec: people_query.PeopleList, today: date, keep: int | None, generations: dict[Ring, int]
) -> BoardLoad:
    """The columns asked for (``generations``' rings): everyone the filter keeps on each
    ring, in name order."""
    from netui.store.overview import ring_strip

    with db.snapshot():
        settings = load_settings(db)
        specs, totals, pages = {}, {}, {}
        on_ring = ring_strip(db, today).counts if spec.filter.active else {}
        for ring in generations:
            column = replace(spec, ring=ring, my_company=settings.my_company)
            specs[ring] = column
            totals[ring] = people_query.count_matching(db, column, today)
            pages[ring] = {0: people_query.page(db, column, today, 0, PAGE, settings.cadence)}
            if keep is not None and not any(r.id == keep for r in pages[ring][0]):
                position = people_query.position(db, column, today, keep)
                if position is not None and position // PAGE:
                    page = position // PAGE
                    pages[ring][page] = people_query.page(db, column, today, page * PAGE, PAGE, settings.cadence)
    return BoardLoad(specs, totals, pages, settings.cadence, generations, on_ring)


def board_and_first_panel(
    db, spec: people_query.PeopleList, today: date, keep: int | None, generations: dict[Ring, int]
) -> tuple[BoardLoad, funnel_store.PersonPanel | None]:
    """What a first visit opens on: the board, and the side panel of the person selected
    then (the top card of the first column), so that both come in one frame."""
    board = board_pages(db, spec, today, keep, generations)
    top = board.pages.get(RING_ORDER[0], {}).get(0) or []
    panel = None
    if top:
        try:
            panel = funnel_store.person_panel(db, top[0].id)
        except StoreError:
            pass  # gone meanwhile: the screen reads the panel again, and says so
    return board, panel


def placeholder(index: int) -> Card:
    return Card(-1 - index, "…", "", "loading", "", "muted")


class FunnelScreen(MarkActions):
    """Cold to buddy, left to right."""

    HELP_TITLE = "Funnel (l moves right here; L logs)"
    DEFAULT_CSS = """
    FunnelScreen #body { layout: horizontal; height: 1fr; }
    FunnelScreen #board { width: 1fr; height: 1fr; }
    FunnelScreen CardList { width: 1fr; min-width: 16; border-left: vkey $panel-lighten-1; }
    FunnelScreen CardBoard { height: 1fr; }
    FunnelScreen CardList.first { border-left: none; }
    FunnelScreen #panel { width: 38; height: 1fr; border-left: vkey $primary; layout: vertical; }
    /* A margin, not padding, on the left: the terminal then gets a changed line from its
       first letter, not from a blank cell before it (17 bytes a line over SSH). */
    FunnelScreen #about { height: 1fr; margin-left: 1; padding-right: 1; scrollbar-size-vertical: 1; }
    /* The closest three paths; i goes into the list, which scrolls to the rest. */
    FunnelScreen #intro-box { height: 4; padding-left: 1; }
    FunnelScreen #intros { height: 1fr; }
    FunnelScreen.-narrow #body { layout: vertical; }
    FunnelScreen.-narrow #panel { width: 1fr; height: 9; border-left: none; border-top: hkey $primary; layout: horizontal; }
    FunnelScreen.-narrow #about { width: 1fr; height: 1fr; }
    FunnelScreen.-narrow #intro-box { width: 1fr; height: 1fr; border-left: vkey $panel-lighten-1; }
    FunnelScreen.-no-panel #panel { display: none; }
    /* Notices sit over the foot of the board, never over the side panel being read:
       on its left beside the panel, just above it when it is under the board. */
    FunnelScreen ToastRack { align: left bottom; }
    FunnelScreen ToastHolder { align-horizontal: left; }
    FunnelScreen.-narrow ToastRack { align: right bottom; margin-bottom: 10; }
    FunnelScreen.-narrow ToastHolder { align-horizontal: right; }
    FunnelScreen.-narrow.-no-panel ToastRack { margin-bottom: 1; }
    FunnelScreen #filter { dock: bottom; display: none; }
    FunnelScreen #filter.-shown { display: block; }
    """
    BINDINGS = [
        # On the board its own h/l change column (CardBoard); from the panel they come back.
        Binding("left,h", "board", "Back to the board", show=False, id="funnel.left"),
        Binding("right,l", "board", "Back to the board", show=False, id="funnel.right"),
        Binding("slash", "filter", "Filter", id="funnel.filter", priority=True),
        Binding("i", "intros", "Intros", id="funnel.intros"),
        Binding("r", "report", "Report", id="funnel.report"),
        Binding("p", "toggle_panel", "Panel", show=False, id="funnel.panel"),
        Binding("L", "app.log", "Log", id="funnel.log"),
        # The Funnel is where people move: its key line shows both directions, the move with
        # a reason, undo and log, where People keeps them in help; edit and delete go to help.
        Binding("e", "edit", "Edit", show=False, id="funnel.edit"),
        Binding("d", "delete", "Delete", show=False, id="funnel.delete"),
        Binding("less_than_sign,shift+left", "step(False)", "Ring out", id="funnel.ring_out"),
        Binding("m", "move", "Move", id="funnel.move"),
        Binding("u", "undo", "Undo", id="funnel.undo"),
        Binding("escape", "board", "Board (or clear the marks)", show=False, id="funnel.board"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.spec = people_query.PeopleList()
        self.windows: dict[Ring, Paged[PersonRow]] = {}
        self.cadence: dict[Ring, int | None] | None = None
        self.loaded = False
        self.generations: dict[Ring, int] = {}
        self._moving: dict[int, Ring] = {}  # person -> the ring a move stored now takes them from
        self._panel_key: int | None = None
        self._panel_loads = 0  # how many times the panel was filled (for the benchmark)
        self._first_load = True  # the first read also reads the first person's panel
        self._title_parts: list[str] = []

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        with Horizontal(id="body"):
            yield CardBoard(
                *(
                    CardList(
                        ring.value,
                        empty_text="Nobody here." if i else "Nobody yet: press a to add someone.",
                        id=f"ring-{ring.value}",
                        classes="first" if i == 0 else "",
                    )
                    for i, ring in enumerate(RING_ORDER)
                ),
                id="board",
            )
            with Vertical(id="panel"):
                yield PanelLines(id="about")
                with Vertical(id="intro-box"):
                    yield RowTable(
                        [Column("Intro path", min_width=8), Column("Ring", width=9), Column("Via", min_width=6)],
                        empty_text="No intro paths: nobody closer knows them or shares their company.",
                        id="intros",
                    )
        yield TextField(
            placeholder="Filter every ring: words, net:peer tag:hiring company:acme due -word (esc clears)",
            id="filter", on_change=self._filter_changed, max_length=200,
        )
        yield KeyBar()

    def on_mount(self) -> None:
        # At most INTRO_PATHS_SHOWN paths: one height for every person (see min_virtual_height).
        intros = self.query_one("#intros", RowTable)
        intros.min_virtual_height = 1 + funnel_store.INTRO_PATHS_SHOWN
        intros.diff_refresh = True  # a new person's paths repaint only the cells that differ
        intros.scroll_bar = False  # three lines that the cursor scrolls: no bar beside them
        super().on_mount()
        self._layout_for(self.app.size.width)
        self.set_focus(self.board)
        self._show_title()
        self._show_about(None)
        self.reload()

    def on_resize(self, event: Resize) -> None:
        self._layout_for(event.size.width)

    def _layout_for(self, width: int) -> None:
        self.set_class(width < WIDE, "-narrow")

    @property
    def board(self) -> CardBoard:
        return self.query_one(CardBoard)

    @property
    def active(self) -> int:
        """Which column (0 = cold … 3 = buddy) holds the selection."""
        return self.board.active

    def column(self, index: int) -> CardList:
        return self.board.columns[index]

    def columns(self) -> list[CardList]:
        return self.board.columns

    # ------------------------------------------------------------ loading

    @classmethod
    def first_load(cls, today: date):
        # As the first reload asks: no filter, nothing selected, every column's first read.
        return board_and_first_panel, (people_query.PeopleList(), today, None, {ring: 1 for ring in RING_ORDER})

    def reload(self, keep: int | None = None, rings: tuple[Ring, ...] = RING_ORDER) -> None:
        """Read the columns of ``rings`` again (all by default), keeping ``keep`` (or the
        selected person) selected. A newer read of a column wins over an older one."""
        if keep is None:
            keep = self.selected_person_id()
        asked = {}
        for ring in rings:
            self.generations[ring] = self.generations.get(ring, 0) + 1
            asked[ring] = self.generations[ring]
        name = "funnel-load-" + "-".join(r.value for r in rings)
        if self._first_load:
            self._first_load = False
            self.load(board_and_first_panel, self.spec, self.app.today(), keep, asked, name=name,
                      then=lambda loaded: self._loaded(loaded[0], keep, first_panel=loaded[1]))
            return
        self.load(board_pages, self.spec, self.app.today(), keep, asked, then=lambda loaded: self._loaded(loaded, keep), name=name)

    def _loaded(
        self, result: BoardLoad, keep: int | None, first_panel: funnel_store.PersonPanel | None = None
    ) -> None:
        fresh = [ring for ring, generation in result.generations.items() if self.generations.get(ring) == generation]
        if not fresh:
            return  # newer reads of these columns are on their way
        self.cadence = result.cadence
        self.loaded = True
        today = self.app.today()
        for ring in fresh:
            window: Paged[PersonRow] = Paged(
                result.totals[ring], make=lambda r: card_for(r, today), key_of=lambda r: r.id,
                fetch=lambda paged, page, ring=ring: self._fetch(paged, page, result, ring), placeholder=placeholder,
            )
            for page, rows in result.pages[ring].items():
                window.put(page, rows)
            self.windows[ring] = window
            total = result.totals[ring]
            count = f"{total:,}/{result.on_ring[ring]:,}" if ring in result.on_ring else f"{total:,}"
            self.column(ring.index).set_paged(window, keep_key=keep, count_text=count)
        self.board.show_neighbours()  # a single narrow column names the others' counts
        if keep is not None:
            for ring in fresh:
                if self.windows[ring].index_of(keep) is not None:
                    # The selection follows the person; the focus stays where the user is
                    # (typing in the filter, say).
                    self.board.activate(ring.index)
                    self.column(ring.index).select_key(keep)
                    break
        self._show_title()
        key = self.selected_person_id()
        if first_panel is not None and key == first_panel.person.id:
            self._panel_key = key  # read with the board
            self._panel_loaded(key, first_panel)
            return
        self._panel_key = -1  # force: the person may have changed even if the selection did not
        self._selection_changed()

    def _fetch(self, window: Paged[PersonRow], page: int, loaded: BoardLoad, ring: Ring) -> None:
        self.load(
            people_query.page, loaded.specs[ring], self.app.today(), page * PAGE, PAGE, loaded.cadence,
            then=lambda rows: self._page_arrived(window, page, rows), failed=lambda _exc: window.failed(page),
            name=f"funnel-page-{loaded.generations[ring]}-{ring.value}-{page}",
        )

    def _page_arrived(self, window: Paged[PersonRow], page: int, rows: list[PersonRow]) -> None:
        window.put(page, rows)
        for ring, col in zip(RING_ORDER, self.columns()):
            if self.windows.get(ring) is window:
                col.refresh()
                col.announce()

    def row_of(self, key: int | None) -> PersonRow | None:
        if key is None:
            return None
        for window in self.windows.values():
            row = window.item(key)
            if row is not None:
                return row
        return None

    def _show_title(self) -> None:
        total = sum(w.total for w in self.windows.values())
        parts = ["netui", "Funnel", f"{total:,} {'person' if total == 1 else 'people'}" if self.loaded else "loading…"]
        if self.marked:
            parts.append(self.marks_text())
        needle = self.query_one("#filter", Input).value.strip()
        if needle:
            parts += [f"filter: {parse_query(needle).describe()}"]
        if parts != self._title_parts:  # a title update costs a layout pass: only when it changed
            self._title_parts = parts
            self.query_one("#title").show(*parts)

    # ------------------------------------------------------------ one person changed

    def after_change(self, person_id: int | None = None) -> None:
        """Read again what a change touched, keeping the person selected wherever they are
        now: after a ring move the two columns it touched, after anything else the board."""
        rings: tuple[Ring, ...] = RING_ORDER
        if person_id is not None and person_id in self._moving:
            row = self.row_of(person_id)
            start = self._moving.pop(person_id)
            rings = tuple(dict.fromkeys((start, row.ring))) if row is not None else RING_ORDER
        self._own_change_shown = True
        self.reload(keep=person_id if person_id is not None else self.selected_person_id(), rings=rings)
        self.changed()

    def move_refused(self, person_id: int) -> None:
        self._moving.pop(person_id, None)  # where they are now is not known here: read everything
        self.after_change(person_id)

    def on_moved(self, person_id: int, ring: Ring) -> None:
        """A move is on its way to the store: the board knows them on their new ring at once
        (so a second key moves them on from there), and where they started."""
        for window in self.windows.values():
            row = window.item(person_id)
            if row is not None:
                self._moving.setdefault(person_id, row.ring)
                window.replace(person_id, replace(row, ring=ring))
                return

    def known_ring(self) -> tuple[int, str, Ring] | None:
        # The board already holds the selected person's ring: no need to read them first.
        row = self.row_of(self.selected_person_id())
        return (row.id, row.name, row.ring) if row else None

    def select_person(self, person_id: int) -> None:
        """Select someone (just added, say), clearing a filter that hides them."""
        box = self.query_one("#filter", Input)
        if box.value:
            self._clear_filter()
        self.reload(keep=person_id)

    # ------------------------------------------------------------ selection and the panel

    def selected_person_id(self) -> int | None:
        key = self.column(self.active).cursor_key
        return key if key is not None and key >= 0 else None

    def focus_column(self, index: int) -> None:
        """Put the selection in a column and the keyboard focus on the board."""
        self.set_focus(self.board)  # nothing happens when it already has it
        self.board.activate(index)
        self._selection_changed()

    @on(CardList.Highlighted)
    def _highlighted(self, event: CardList.Highlighted) -> None:
        if event.cards is self.column(self.active):
            self._selection_changed()

    @on(CardBoard.ColumnChanged)
    def _column_changed(self) -> None:
        self._selection_changed()

    def _selection_changed(self) -> None:
        key = self.selected_person_id()
        if key == self._panel_key:
            return
        self._panel_key = key
        # The panel is redrawn once, when its data is in: each redraw costs a layout pass.
        if key is not None:
            self.load(
                funnel_store.person_panel, key, then=lambda panel: self._panel_loaded(key, panel),
                failed=lambda _exc: self._panel_loaded(key, None),  # gone meanwhile: the reload catches up
                name="funnel-panel",
            )
        else:
            self._show_about(None)
            self.query_one("#intros", RowTable).set_rows([])

    def _panel_loaded(self, person_id: int, panel: funnel_store.PersonPanel | None) -> None:
        if person_id != self.selected_person_id():
            return
        self._panel_loads += 1
        self._show_about(panel)
        rows = []
        if panel is not None:
            rows = [
                Row(path.person_id, (path.name, path.ring.value, path.via)) for path in panel.intro_paths
            ]
        self.query_one("#intros", RowTable).set_rows(rows)

    # The panel's blocks take at least these many lines, so that a move from one person to
    # the next sends only the lines whose words differ: a shorter role or reason above
    # would otherwise move every line under it (a kilobyte over SSH).
    HEAD_LINES = 3  # name, role, state: a line each, cut to the width (all of it on the person's page)
    DETAIL_LINES = 6  # a blank line, then why, can help, can offer: room for two to wrap
    # and the recent entries: a blank line, the heading, RECENT_SHOWN entries.

    def _show_about(self, panel: funnel_store.PersonPanel | None) -> None:
        ring = RING_ORDER[self.active]
        head: list[Content] = []
        add = head.append
        key = self.selected_person_id()
        row = self.row_of(key)
        today = self.app.today()
        if row is not None:
            add(plain(row.name, style="bold"))
            role = " at ".join(x for x in (row.title, row.company) if x)
            if role:
                add(plain(role))
            # When they were last in touch is on their card (days) and under Last
            # interactions (the date): here only what the card's mark means, in words.
            state = {"due": "! due", "muted": "distant mentor"}.get(card_for(row, today).mark)
            if state:
                add(plain(state, style="dim"))
        elif self.loaded:
            add(Content.styled(f"Nobody shown on {ring.value}.", "dim italic"))
        steps = [Content(""), Content.styled(f"Next steps on {ring.value}", "bold underline")]
        steps += [Content(f"{i}. {step}") for i, step in enumerate(PLAYBOOK[ring], start=1)]
        details: list[Content] = []
        recent: list[Content] = []
        if panel is not None:
            p = panel.person
            details.append(Content(""))
            # Labels in the text's own style: a bold label is one more run of colours
            # on every line, on every move.
            details.append(Content.assemble("Why: ", plain(p.purpose or "—")))
            details.append(Content.assemble("Can help with: ", plain(", ".join(p.help_tags) or "—")))
            details.append(Content.assemble("You can offer: ", plain(", ".join(p.offer_tags) or "—")))
            recent.append(Content(""))
            recent.append(Content.styled("Last interactions", "bold underline"))
            if not panel.recent:
                recent.append(Content.styled("none logged yet", "dim"))
            for entry in panel.recent:  # one line each, cut to the panel's width
                recent.append(Content.assemble(f"{entry.date.isoformat()} {entry.kind} · ", plain(entry.summary)))
        elif row is not None:
            details.append(Content(""))
            details.append(Content.styled("Loading…", "dim"))
        # The head and the recent entries are one line each, cut to the panel's width;
        # the rest wraps.
        self.query_one("#about", PanelLines).set_blocks([
            ([(line, False) for line in head], self.HEAD_LINES),
            ([(line, True) for line in steps], 0),
            ([(line, True) for line in details], self.DETAIL_LINES if row is not None else 0),
            ([(line, False) for line in recent], 2 + funnel_store.RECENT_SHOWN if row is not None else 0),
        ])

    # ------------------------------------------------------------ keys

    def action_board(self) -> None:
        """Back to the board; esc there (with marks) clears them."""
        if self.marked and self.focused is self.board:
            self.action_clear_marks()
        self.focus_column(self.active)

    # ------------------------------------------------------------ marks (netui.ui.marks)

    def mark_lists(self) -> list[CursorList]:
        return list(self.columns())

    def list_shown(self) -> people_query.PeopleList:
        return self.spec

    def cursor_down(self) -> None:
        column = self.column(self.active)
        column.move_cursor(column.cursor + 1)

    def marks_changed(self) -> None:
        super().marks_changed()
        self._show_title()

    def action_intros(self) -> None:
        self.remove_class("-no-panel")
        self.set_focus(self.query_one("#intros", RowTable))

    def action_toggle_panel(self) -> None:
        self.toggle_class("-no-panel")
        if self.has_class("-no-panel") and self.focused is not self.board:
            self.focus_column(self.active)

    def action_report(self) -> None:
        from netui.ui.screens.funnel_report import FunnelReportScreen

        self.app.push_screen(FunnelReportScreen())

    def action_filter(self) -> None:
        self.open_filter(self.query_one("#filter", Input))

    def _filter_changed(self, value: str = "") -> None:
        spec = replace(self.spec, filter=parse_query(value))
        if spec != self.spec:
            self.spec = spec
            self._show_title()
            self.reload()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.focus_column(self.active)

    def _clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.remove_class("-shown")

    def on_key(self, event) -> None:
        box = self.query_one("#filter", Input)
        if event.key == "escape" and box.has_focus:
            event.stop()
            self._clear_filter()
            self.focus_column(self.active)

    @on(CardList.Selected)
    def _open_card(self, event: CardList.Selected) -> None:
        from netui.ui.screens.person import PersonScreen

        self.app.push_screen(PersonScreen(event.key))

    @on(RowTable.Selected, "#intros")
    def _open_intro(self, event: RowTable.Selected) -> None:
        from netui.ui.screens.person import PersonScreen

        self.app.push_screen(PersonScreen(event.key))
