"""The Funnel board (key 2): four rings as four columns, a card per person.

The columns are CardLists (Line API, only visible cards are drawn). A move updates
the two columns it touches in place; it never rebuilds the board.
"""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from netui.domain.models import PersonRow
from netui.domain.playbook import PLAYBOOK
from netui.domain.rings import RING_ORDER, Ring
from netui.domain.text import match_key
from netui.store import funnel as funnel_store
from netui.store.settings import load_settings
from netui.ui.format import ago
from netui.ui.person_actions import PersonActions
from netui.ui.safe import plain
from netui.ui.screens.base import run_store
from netui.ui.widgets.card_list import Card, CardList
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


def card_sort_key(card: Card) -> tuple[str, int]:
    return (card.title.casefold(), card.key)


def haystack(row: PersonRow, tags: str) -> str:
    """What the filter looks through: name, company, tags and networks."""
    return match_key(" ".join([row.name, row.company, tags, *(n.value for n in row.networks)]))


class FunnelScreen(PersonActions):
    """Cold to buddy, left to right."""

    HELP_TITLE = "Funnel (l moves right here; L logs)"
    DEFAULT_CSS = """
    FunnelScreen #body { layout: horizontal; height: 1fr; }
    FunnelScreen #board { width: 1fr; height: 1fr; }
    FunnelScreen CardList { width: 1fr; min-width: 16; border-left: vkey $panel-lighten-1; }
    FunnelScreen CardList.first { border-left: none; }
    FunnelScreen #panel { width: 38; height: 1fr; border-left: vkey $primary; layout: vertical; }
    FunnelScreen #about { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    FunnelScreen #intro-box { height: 11; padding-left: 1; }
    FunnelScreen #intros { height: 1fr; }
    FunnelScreen.-narrow #body { layout: vertical; }
    FunnelScreen.-narrow #panel { width: 1fr; height: 9; border-left: none; border-top: hkey $primary; layout: horizontal; }
    FunnelScreen.-narrow #about { width: 1fr; height: 1fr; }
    FunnelScreen.-narrow #intro-box { width: 1fr; height: 1fr; border-left: vkey $panel-lighten-1; }
    FunnelScreen.-no-panel #panel { display: none; }
    FunnelScreen #filter { dock: bottom; display: none; }
    FunnelScreen #filter.-shown { display: block; }
    """
    BINDINGS = [
        Binding("left,h", "column(-1)", "Left", show=False, id="funnel.left"),
        Binding("right,l", "column(1)", "Right", show=False, id="funnel.right"),
        Binding("slash", "filter", "Filter", id="funnel.filter"),
        Binding("i", "intros", "Intro paths", id="funnel.intros"),
        Binding("r", "report", "Report", id="funnel.report"),
        Binding("p", "toggle_panel", "Panel", show=False, id="funnel.panel"),
        Binding("L", "app.log", "Log", show=False, id="funnel.log"),
        Binding("escape", "board", "Board", show=False, id="funnel.board"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: dict[int, PersonRow] = {}
        self.hay: dict[int, str] = {}
        self.all_cards: dict[Ring, list[Card]] = {ring: [] for ring in RING_ORDER}
        self.cadence: dict[Ring, int | None] | None = None
        self.active = 0
        self.loaded = False
        self.needle = ""
        self._pending_select: int | None = None
        self._panel_key: int | None = None

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        with Horizontal(id="body"):
            with Horizontal(id="board"):
                for i, ring in enumerate(RING_ORDER):
                    yield CardList(
                        ring.value,
                        empty_text="Nobody here." if i else "Nobody yet: press a to add someone.",
                        id=f"ring-{ring.value}",
                        classes="first" if i == 0 else "",
                    )
            with Vertical(id="panel"):
                with VerticalScroll(id="about", can_focus=False):
                    yield Static("", id="about-text")
                with Vertical(id="intro-box"):
                    yield RowTable(
                        [Column("Intro path", min_width=8), Column("Ring", width=9), Column("Via", min_width=6)],
                        empty_text="No intro paths: nobody closer knows them or shares their company.",
                        id="intros",
                    )
        yield Input(placeholder="Filter every ring by name, company, tag or network (esc clears)", id="filter")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self._layout_for(self.app.size.width)
        self.column(0).show_cursor = True
        self.column(0).focus()
        self._show_title()
        self._show_about(None)
        self.reload()

    def on_resize(self, event: Resize) -> None:
        self._layout_for(event.size.width)

    def _layout_for(self, width: int) -> None:
        self.set_class(width < WIDE, "-narrow")

    def column(self, index: int) -> CardList:
        return self.query_one(f"#ring-{RING_ORDER[index].value}", CardList)

    def columns(self) -> list[CardList]:
        return [self.column(i) for i in range(len(RING_ORDER))]

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="funnel-load")
    def _load(self) -> None:
        cadence = load_settings().cadence
        board = funnel_store.load_board(cadence)
        today = self.app.today()
        cards: dict[Ring, list[Card]] = {ring: [] for ring in RING_ORDER}
        for row in board.people:
            cards[row.ring].append(card_for(row, today))
        for ring_cards in cards.values():
            ring_cards.sort(key=card_sort_key)
        rows = {row.id: row for row in board.people}
        hay = {row.id: haystack(row, board.tags.get(row.id, "")) for row in board.people}
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, cadence, rows, hay, cards)

    def _loaded(self, cadence, rows: dict[int, PersonRow], hay: dict[int, str], cards: dict[Ring, list[Card]]) -> None:
        self.cadence = cadence
        self.rows, self.hay, self.all_cards = rows, hay, cards
        self.loaded = True
        self._refilter()
        if self._pending_select is not None:
            pid, self._pending_select = self._pending_select, None
            self.select_person(pid)
        self._panel_key = -1  # force: the person may have changed even if the selection did not
        self._selection_changed()

    def _count_text(self, ring: Ring, shown: int) -> str:
        total = len(self.all_cards[ring])
        return f"{shown:,}/{total:,}" if self.needle else f"{total:,}"

    def _matches(self, key: int) -> bool:
        return not self.needle or self.needle in self.hay.get(key, "")

    def _refilter(self) -> None:
        for ring, col in zip(RING_ORDER, self.columns()):
            cards = self.all_cards[ring]
            if self.needle:
                cards = [c for c in cards if self.needle in self.hay[c.key]]
            col.set_cards(cards, count_text=self._count_text(ring, len(cards)))
        self._show_title()

    def _show_title(self) -> None:
        total = len(self.rows)
        parts = ["netui", "Funnel", f"{total:,} people" if self.loaded else "loading…"]
        needle = self.query_one("#filter", Input).value
        if needle:
            shown = sum(len(c.cards) for c in self.columns())
            parts += [f"{shown:,} shown", f"filter: {needle}"]
        self.query_one("#title").show(*parts)

    # ------------------------------------------------------------ one person changed

    def after_change(self, person_id: int | None = None) -> None:
        """Update just this person's card (or reload if we do not know who), then tell the other screens."""
        if person_id is None:
            self.reload()
        else:
            self._refresh_one(person_id)
        self.changed()

    def _data_changed(self, origin: object = None) -> None:
        if origin is self:  # our own change: already shown in place
            return
        super()._data_changed(origin)

    @work(group="funnel-one")
    async def _refresh_one(self, person_id: int) -> None:
        try:
            row = await run_store(funnel_store.person_row, person_id, self.cadence)
            tags = await run_store(funnel_store.person_tags, person_id) if row else ""
        except Exception:  # a read that failed (locked, damaged): fall back to reading everything
            self.reload()
            return
        self.place(person_id, row, tags)

    def place(self, person_id: int, row: PersonRow | None, tags: str = "") -> None:
        """Put one person's card where they now belong (None: take it off the board)."""
        was_selected = self.selected_person_id() == person_id
        old = self.rows.pop(person_id, None)
        self.hay.pop(person_id, None)
        if old is not None:
            self._take_out(old.ring, person_id)
        if row is not None:
            self.rows[person_id] = row
            self.hay[person_id] = haystack(row, tags)
            card = card_for(row, self.app.today())
            cards = self.all_cards[row.ring]
            cards.insert(self._index_for(cards, card), card)
            col = self.column(row.ring.index)
            if self._matches(person_id):
                col.insert_card(card, card_sort_key, "")
            col.count_text = self._count_text(row.ring, len(col.cards))
            col.refresh()
            if was_selected and self._matches(person_id):
                self.focus_column(row.ring.index)
                col.select_key(person_id)
        self._show_title()
        if was_selected or self.selected_person_id() == person_id:
            self._panel_key = -1
            self._selection_changed()

    @staticmethod
    def _index_for(cards: list[Card], card: Card) -> int:
        import bisect

        return bisect.bisect_left(cards, card_sort_key(card), key=card_sort_key)

    def _take_out(self, ring: Ring, person_id: int) -> None:
        cards = self.all_cards[ring]
        for i, card in enumerate(cards):
            if card.key == person_id:
                del cards[i]
                break
        col = self.column(ring.index)
        shown = len(col.cards) - (1 if col.index_of(person_id) is not None else 0)
        if not col.remove_card(person_id, self._count_text(ring, shown)):
            col.count_text = self._count_text(ring, shown)
            col.refresh()

    def on_deleted(self, person_id: int) -> None:
        self.place(person_id, None)

    def select_person(self, person_id: int) -> None:
        """Select someone (e.g. just added); waits for the board if it is still loading."""
        row = self.rows.get(person_id)
        if row is None:
            self._pending_select = person_id
            return
        if not self._matches(person_id):
            self._clear_filter()
        self.focus_column(row.ring.index)
        self.column(row.ring.index).select_key(person_id)

    # ------------------------------------------------------------ selection and the panel

    def selected_person_id(self) -> int | None:
        return self.column(self.active).cursor_key

    def focus_column(self, index: int) -> None:
        index = max(0, min(index, len(RING_ORDER) - 1))
        self.set_focus(self.column(index))
        self._activate(index)

    def _activate(self, index: int) -> None:
        if index == self.active and self.column(index).show_cursor:
            return
        for i, col in enumerate(self.columns()):
            col.show_cursor = i == index
            col.refresh()
        self.active = index
        self._selection_changed()

    @on(CardList.Highlighted)
    def _highlighted(self, event: CardList.Highlighted) -> None:
        if event.cards is self.column(self.active):
            self._selection_changed()

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, CardList):
            self._activate(RING_ORDER.index(Ring(event.widget.title)))

    def _selection_changed(self) -> None:
        key = self.selected_person_id()
        if key == self._panel_key:
            return
        self._panel_key = key
        self._show_about(None)
        if key is not None:
            self._load_panel(key)
        else:
            self.query_one("#intros", RowTable).set_rows([])

    @work(thread=True, exclusive=True, group="funnel-panel")
    def _load_panel(self, person_id: int) -> None:
        try:
            panel = funnel_store.person_panel(person_id)
        except Exception:  # gone meanwhile (deleted in another session): the reload will catch up
            panel = None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._panel_loaded, person_id, panel)

    def _panel_loaded(self, person_id: int, panel: funnel_store.PersonPanel | None) -> None:
        if person_id != self.selected_person_id():
            return
        self._show_about(panel)
        rows = []
        if panel is not None:
            rows = [
                Row(path.person_id, (path.name, path.ring.value, path.via)) for path in panel.intro_paths
            ]
        self.query_one("#intros", RowTable).set_rows(rows)

    def _show_about(self, panel: funnel_store.PersonPanel | None) -> None:
        ring = RING_ORDER[self.active]
        lines: list[Content] = []
        add = lines.append
        key = self.selected_person_id()
        row = self.rows.get(key) if key is not None else None
        today = self.app.today()
        if row is not None:
            add(plain(row.name, style="bold"))
            role = " at ".join(x for x in (row.title, row.company) if x)
            if role:
                add(plain(role))
            contact = "never in touch" if row.last_contact is None else f"last contact {ago(row.last_contact, today)}"
            card = card_for(row, today)
            state = {"due": " · ! due", "muted": " · distant mentor"}.get(card.mark, "")
            add(plain(f"{ring.value} · {contact}{state}", style="dim"))
        elif self.loaded:
            add(Content.styled(f"Nobody shown on {ring.value}.", "dim italic"))
        add(Content(""))
        add(Content.styled(f"Next steps on {ring.value}", "bold underline"))
        for i, step in enumerate(PLAYBOOK[ring], start=1):
            add(Content(f"{i}. {step}"))
        if panel is not None:
            p = panel.person
            add(Content(""))
            add(Content.assemble(("Why: ", "bold"), plain(p.purpose or "—")))
            add(Content.assemble(("Can help with: ", "bold"), plain(", ".join(p.help_tags) or "—")))
            add(Content.assemble(("You can offer: ", "bold"), plain(", ".join(p.offer_tags) or "—")))
            add(Content(""))
            add(Content.styled("Last interactions", "bold underline"))
            if not panel.recent:
                add(Content.styled("none logged yet", "dim"))
            for entry in panel.recent:
                add(Content.assemble(f"{entry.date.isoformat()} {entry.kind:<8} ", plain(entry.summary)))
        elif row is not None:
            add(Content(""))
            add(Content.styled("Loading…", "dim"))
        self.query_one("#about-text", Static).update(Content("\n").join(lines))

    # ------------------------------------------------------------ keys

    def action_column(self, delta: int) -> None:
        focused = self.focused
        if not isinstance(focused, CardList):  # from the intro paths or the filter: back to the board
            self.focus_column(self.active)
            return
        target = max(0, min(self.active + delta, len(RING_ORDER) - 1))
        if target == self.active:
            return
        slot = self.column(self.active).screen_row()
        self.focus_column(target)
        self.column(target).move_to_screen_row(slot)

    def action_board(self) -> None:
        self.focus_column(self.active)

    def action_intros(self) -> None:
        self.remove_class("-no-panel")
        self.set_focus(self.query_one("#intros", RowTable))

    def action_toggle_panel(self) -> None:
        self.toggle_class("-no-panel")
        if self.has_class("-no-panel") and not isinstance(self.focused, CardList):
            self.focus_column(self.active)

    def action_report(self) -> None:
        from netui.ui.screens.funnel_report import FunnelReportScreen

        self.app.push_screen(FunnelReportScreen())

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.add_class("-shown")
        self.set_focus(box)  # at once, so keys typed right after / land in the box

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.needle = match_key(event.value)
        if self.loaded:
            self._refilter()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.focus_column(self.active)

    def _clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        self.needle = ""
        box.remove_class("-shown")
        if self.loaded:
            self._refilter()

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
