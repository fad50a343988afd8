"""The Funnel board (key 2): four rings as four columns, a card per person.

The columns are CardLists (Line API, only visible cards are drawn). A move updates
the two columns it touches in place; it never rebuilds the board.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Input, Static

from netui.ui.widgets.keybar import KeyBar
from netui.domain.cadence import effective_cadence
from netui.domain.models import PersonRow
from netui.domain.playbook import PLAYBOOK
from netui.domain.rings import RING_ORDER, Ring
from netui.domain.text import match_key
from netui.store import funnel as funnel_store
from netui.store.settings import load_settings
from netui.ui.format import ago
from netui.ui.person_actions import PersonActions
from netui.ui.safe import plain
from netui.ui.widgets.card_list import Card, CardBoard, CardList
from netui.ui.widgets.fields import TextField
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


def board_for(db, today: date):
    """Everyone as cards in ring columns, in name order, with what the filter looks through."""
    cadence = load_settings(db).cadence
    board = funnel_store.load_board(db, cadence)
    cards: dict[Ring, list[Card]] = {ring: [] for ring in RING_ORDER}
    for row in board.people:
        cards[row.ring].append(card_for(row, today))
    for ring_cards in cards.values():
        ring_cards.sort(key=card_sort_key)
    rows = {row.id: row for row in board.people}
    hay = {row.id: haystack(row, board.tags.get(row.id, "")) for row in board.people}
    return cadence, rows, board.tags, cards, hay


class FunnelScreen(PersonActions):
    """Cold to buddy, left to right."""

    HELP_TITLE = "Funnel (l moves right here; L logs)"
    DEFAULT_CSS = """
    FunnelScreen #body { layout: horizontal; height: 1fr; }
    FunnelScreen #board { width: 1fr; height: 1fr; }
    FunnelScreen CardList { width: 1fr; min-width: 16; border-left: vkey $panel-lighten-1; }
    FunnelScreen CardBoard { height: 1fr; }
    FunnelScreen CardList.first { border-left: none; }
    FunnelScreen #panel { width: 38; height: 1fr; border-left: vkey $primary; layout: vertical; }
    FunnelScreen #about { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    FunnelScreen #recent { text-wrap: nowrap; text-overflow: ellipsis; }
    FunnelScreen #intro-box { height: 8; padding-left: 1; }
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
        # On the board its own h/l change column (CardBoard); from the panel they come back.
        Binding("left,h", "board", "Back to the board", show=False, id="funnel.left"),
        Binding("right,l", "board", "Back to the board", show=False, id="funnel.right"),
        Binding("slash", "filter", "Filter", id="funnel.filter", priority=True),
        Binding("i", "intros", "Intro paths", id="funnel.intros"),
        Binding("r", "report", "Report", id="funnel.report"),
        Binding("p", "toggle_panel", "Panel", show=False, id="funnel.panel"),
        Binding("L", "app.log", "Log", show=False, id="funnel.log"),
        Binding("escape", "board", "Board", show=False, id="funnel.board"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: dict[int, PersonRow] = {}
        self.hay: dict[int, str] = {}  # what the filter looks through, per person
        self.tags: dict[int, str] = {}
        self.all_cards: dict[Ring, list[Card]] = {ring: [] for ring in RING_ORDER}
        self.cadence: dict[Ring, int | None] | None = None
        self.loaded = False
        self.needle = ""
        self._pending_select: int | None = None
        self._panel_key: int | None = None
        self._panel_loads = 0  # how many times the panel was filled (for the benchmark)
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
                with VerticalScroll(id="about"):
                    yield Static("", id="about-text")
                    yield Static("", id="recent")
                with Vertical(id="intro-box"):
                    yield RowTable(
                        [Column("Intro path", min_width=8), Column("Ring", width=9), Column("Via", min_width=6)],
                        empty_text="No intro paths: nobody closer knows them or shares their company.",
                        id="intros",
                    )
        yield TextField(placeholder="Filter every ring by name, company, tag or network (esc clears)", id="filter")
        yield KeyBar()

    def on_mount(self) -> None:
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

    def reload(self) -> None:
        self.load(board_for, self.app.today(), then=lambda loaded: self._loaded(*loaded))

    def _loaded(
        self, cadence, rows: dict[int, PersonRow], tags: dict[int, str], cards: dict[Ring, list[Card]],
        hay: dict[int, str],
    ) -> None:
        self.cadence = cadence
        self.rows, self.tags, self.all_cards, self.hay = rows, tags, cards, hay
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

    def _hay_of(self, key: int) -> str:
        return self.hay.get(key, "")

    def _matches(self, key: int) -> bool:
        return not self.needle or self.needle in self._hay_of(key)

    def _refilter(self, narrowing: bool = False) -> None:
        """Show the cards that match the filter; ``narrowing`` (the filter only got longer)
        looks through the cards already shown instead of everyone."""
        for ring, col in zip(RING_ORDER, self.columns()):
            cards = col.cards if narrowing else self.all_cards[ring]
            if self.needle:
                cards = [c for c in cards if self.needle in self._hay_of(c.key)]
            col.set_cards(cards, count_text=self._count_text(ring, len(cards)))
        self._show_title()

    def _show_title(self) -> None:
        total = len(self.rows)
        parts = ["netui", "Funnel", f"{total:,} people" if self.loaded else "loading…"]
        needle = self.query_one("#filter", Input).value
        if needle:
            shown = sum(len(c.cards) for c in self.columns())
            parts += [f"{shown:,} shown", f"filter: {needle}"]
        if parts != self._title_parts:  # a title update costs a layout pass: only when it changed
            self._title_parts = parts
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

    def _refresh_one(self, person_id: int) -> None:
        self.load(
            funnel_store.person_card, person_id, self.cadence, then=lambda found: self.place(person_id, *found),
            name=f"funnel-one-{person_id}",
        )

    def place(self, person_id: int, row: PersonRow | None, tags: str = "") -> None:
        """Put one person's card where they now belong (None: take it off the board)."""
        if row is not None and self.rows.get(person_id) == row and self.tags.get(person_id, "") == tags:
            return  # already shown as it is (e.g. the store confirmed a move shown at once)
        was_selected = self.selected_person_id() == person_id
        old = self.rows.pop(person_id, None)
        self.hay.pop(person_id, None)
        if old is not None:
            self._take_out(old.ring, person_id)
        if row is not None:
            self.rows[person_id] = row
            self.tags[person_id] = tags
            self.hay[person_id] = haystack(row, tags)
            card = card_for(row, self.app.today())
            cards = self.all_cards[row.ring]
            cards.insert(self._index_for(cards, card), card)
            col = self.column(row.ring.index)
            if self._matches(person_id):
                col.insert_card(card, card_sort_key)
            col.set_count(self._count_text(row.ring, len(col.cards)))
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
        col.remove_card(person_id)
        col.set_count(self._count_text(ring, len(col.cards)))

    def known_ring(self) -> tuple[int, str, Ring] | None:
        # The board already holds the selected person's ring: no need to read them first.
        row = self.rows.get(self.selected_person_id() or -1)
        return (row.id, row.name, row.ring) if row else None

    def on_moved(self, person_id: int, ring: Ring) -> None:
        """Put the card in its new column at once (PersonActions stores the move after)."""
        row = self.rows.get(person_id)
        if row is not None and row.ring != ring:
            cadence = effective_cadence(ring, None, row.distant, self.cadence)  # the refresh brings any override
            self.place(person_id, replace(row, ring=ring, cadence_days=cadence), self.tags.get(person_id, ""))

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
        recent: list[Content] = []
        if panel is not None:
            p = panel.person
            add(Content(""))
            add(Content.assemble(("Why: ", "bold"), plain(p.purpose or "—")))
            add(Content.assemble(("Can help with: ", "bold"), plain(", ".join(p.help_tags) or "—")))
            add(Content.assemble(("You can offer: ", "bold"), plain(", ".join(p.offer_tags) or "—")))
            recent.append(Content(""))
            recent.append(Content.styled("Last interactions", "bold underline"))
            if not panel.recent:
                recent.append(Content.styled("none logged yet", "dim"))
            for entry in panel.recent:  # one line each, cut to the panel's width by the CSS
                recent.append(Content.assemble(f"{entry.date.isoformat()} {entry.kind} · ", plain(entry.summary)))
        elif row is not None:
            add(Content(""))
            add(Content.styled("Loading…", "dim"))
        self.query_one("#about-text", Static).update(Content("\n").join(lines))
        self.query_one("#recent", Static).update(Content("\n").join(recent))

    # ------------------------------------------------------------ keys

    def action_board(self) -> None:
        self.focus_column(self.active)

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

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        before, self.needle = self.needle, match_key(event.value)
        if self.loaded and self.needle != before:
            self._refilter(narrowing=bool(before) and self.needle.startswith(before))

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
