"""Columns of two-line cards that draw only the cards on screen, and the board that holds them.

Like RowTable, a CardList keeps a plain list and renders each visible line on demand
through the Line API, so a column of 5,000 people costs the same as one of five.

The keyboard focus stays on the CardBoard: moving between columns only changes which
column draws the cursor. (Moving the focus itself is costly in Textual: the footer is
rebuilt and styles are recomputed on every change.) Adding or removing a card repaints
its column without a layout pass of the whole screen.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.containers import Horizontal
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netui.ui.safe import clean
from netui.ui.widgets.row_table import fit

CARD_HEIGHT = 2


@dataclass(frozen=True)
class Card:
    key: int
    title: str  # first line, left: the name
    corner: str = ""  # first line, right: a short mark such as "!"
    detail: str = ""  # second line, left: e.g. the company
    flag: str = ""  # second line, right: e.g. days since last contact
    mark: str = ""  # "" | "due" | "muted": picks a component class


class CardList(ScrollView, can_focus=False):
    """A titled column of cards. The CardBoard around it handles the keys."""

    DEFAULT_CSS = """
    CardList { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; scrollbar-gutter: stable; }
    CardList > .cardlist--header { text-style: bold; background: $panel; }
    CardList > .cardlist--header-active { text-style: bold; background: $primary; color: $text; }
    CardList > .cardlist--detail { color: $text-muted; }
    CardList > .cardlist--cursor-blurred { background: $block-cursor-blurred-background; }
    CardList > .cardlist--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    CardList:nocolor > .cardlist--cursor { background: $background; color: $foreground; text-style: reverse bold; }  /* NO_COLOR: a style, not a shade */
    CardList:nocolor > .cardlist--cursor-blurred { text-style: underline; }
    CardList:nocolor > .cardlist--header-active { background: $background; color: $foreground; text-style: reverse bold; }
    CardList > .cardlist--due { color: $warning; }
    CardList > .cardlist--muted { color: $text-muted; }
    CardList > .cardlist--empty { color: $text-muted; text-style: italic; }
    """
    COMPONENT_CLASSES = {
        "cardlist--header",
        "cardlist--header-active",
        "cardlist--detail",
        "cardlist--cursor",
        "cardlist--cursor-blurred",
        "cardlist--due",
        "cardlist--muted",
        "cardlist--empty",
    }

    cursor = reactive(0, always_update=True, repaint=True)

    class Highlighted(Message):
        def __init__(self, cards: "CardList", key: int | None) -> None:
            super().__init__()
            self.cards = cards
            self.key = key

        @property
        def control(self) -> "CardList":
            return self.cards

    class Selected(Message):
        def __init__(self, cards: "CardList", key: int) -> None:
            super().__init__()
            self.cards = cards
            self.key = key

        @property
        def control(self) -> "CardList":
            return self.cards

    def __init__(self, title: str, *, empty_text: str = "Nobody here.", **kwargs) -> None:
        super().__init__(**kwargs)
        self.title = title
        self.empty_text = empty_text
        self.cards: list[Card] = []
        self.count_text = ""
        self.active = False  # the board's one selection lives in one column at a time
        self.board_focused = False
        self._last_key: int | None = None

    # ------------------------------------------------------------ data

    def set_cards(self, cards: Sequence[Card], *, keep_key: int | None = None, count_text: str = "") -> None:
        """Replace the cards, keeping the cursor on ``keep_key`` (or the current card)."""
        key = keep_key if keep_key is not None else self.cursor_key
        self.cards = list(cards)
        self.count_text = count_text
        index = 0
        if key is not None:
            found = self.index_of(key)
            index = found if found is not None else min(self.cursor, max(len(self.cards) - 1, 0))
        self.cursor = index
        self._changed()

    def remove_card(self, key: int) -> bool:
        """Take one card out in place; the cursor stays on the same position."""
        index = self.index_of(key)
        if index is None:
            return False
        del self.cards[index]
        if index < self.cursor or self.cursor >= len(self.cards):
            self.cursor = max(self.cursor - 1, 0)
        self._changed()
        return True

    def insert_card(self, card: Card, sort_key: Callable[[Card], object]) -> int:
        """Put one card where ``sort_key`` says it belongs (the list must already be in that order)."""
        index = bisect.bisect_left(self.cards, sort_key(card), key=sort_key)
        self.cards.insert(index, card)
        if index <= self.cursor and len(self.cards) > 1:
            self.cursor += 1
        self._changed()
        return index

    def set_count(self, count_text: str) -> None:
        self.count_text = count_text
        self.refresh()

    def index_of(self, key: int) -> int | None:
        for i, card in enumerate(self.cards):
            if card.key == key:
                return i
        return None

    def _changed(self) -> None:
        # Set the scrollable height without the reactive's layout pass of the whole screen;
        # only a scrollbar appearing or going needs one, and _scroll_update asks for it.
        size = Size(0, len(self.cards) * CARD_HEIGHT + 1)
        if size != self.virtual_size:
            self.set_reactive(CardList.virtual_size, size)
            self._scroll_update(size)
        self._scroll_to_cursor()
        self.refresh()
        self._announce()

    @property
    def cursor_key(self) -> int | None:
        if 0 <= self.cursor < len(self.cards):
            return self.cards[self.cursor].key
        return None

    def _announce(self) -> None:
        key = self.cursor_key
        if key != self._last_key:
            self._last_key = key
            self.post_message(self.Highlighted(self, key))

    # ------------------------------------------------------------ movement

    @property
    def _body_height(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    @property
    def visible_cards(self) -> int:
        return max(self._body_height // CARD_HEIGHT, 1)

    def _scroll_to_cursor(self) -> None:
        top_line = self.cursor * CARD_HEIGHT
        first = int(self.scroll_y)
        if top_line < first:
            self.scroll_to(y=top_line, animate=False, immediate=True)
        elif top_line + CARD_HEIGHT > first + self._body_height:
            self.scroll_to(y=top_line + CARD_HEIGHT - self._body_height, animate=False, immediate=True)

    def move_cursor(self, index: int) -> None:
        if not self.cards:
            return
        self.cursor = max(0, min(index, len(self.cards) - 1))
        self._scroll_to_cursor()
        self._announce()

    def select_key(self, key: int) -> bool:
        index = self.index_of(key)
        if index is None:
            return False
        self.move_cursor(index)
        return True

    def screen_row(self) -> int:
        """Which visible card slot the cursor is in (0 = top): for moving sideways level."""
        return max(self.cursor - int(self.scroll_y) // CARD_HEIGHT, 0)

    def move_to_screen_row(self, slot: int) -> None:
        self.move_cursor(int(self.scroll_y) // CARD_HEIGHT + slot)

    def page(self, direction: int) -> None:
        self.move_cursor(self.cursor + direction * self.visible_cards)

    def jump(self, where: int) -> None:
        self.move_cursor(len(self.cards) - 1 if where < 0 else 0)

    def select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    # Left and right pick another column (the board's keys); never scroll sideways.
    def action_scroll_left(self) -> None:
        raise SkipAction()

    def action_scroll_right(self) -> None:
        raise SkipAction()

    def on_click(self, event: events.Click) -> None:
        board = self.parent
        if isinstance(board, CardBoard):
            board.activate(board.columns.index(self))
            board.focus()
        if event.y >= 1:
            self.move_cursor((int(self.scroll_y) + event.y - 1) // CARD_HEIGHT)
            if event.chain == 2:
                self.select()

    def on_resize(self) -> None:
        self.set_reactive(CardList.virtual_size, Size(0, len(self.cards) * CARD_HEIGHT + 1))
        self._scroll_update(self.virtual_size)
        self._scroll_to_cursor()

    # ------------------------------------------------------------ drawing

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None

    _base_style: Style | None = None

    @property
    def _base(self) -> Style:
        # rich_style walks every ancestor on each call; a redraw asks for it once per line.
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    @staticmethod
    def _two_sides(left: str, right: str, width: int) -> str:
        """``left`` and ``right`` on one line of exactly ``width`` cells, after a cell of margin
        (the scrollbar gutter gives the right one); when they do not both fit, ``left`` (the
        name) keeps the room."""
        inner = width - 1
        left, right = clean(left), clean(right)
        room = inner - cell_len(right) - (1 if right else 0)
        if room < 4:
            return fit(" " + fit(left, inner), width)
        return fit(" " + fit(left, room) + (" " + right if right else ""), width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base
        if y == 0:
            style = self.get_component_rich_style("cardlist--header-active" if self.active else "cardlist--header")
            return Strip([Segment(self._two_sides(self.title, self.count_text, width), style)], width)
        if not self.cards:
            if y == 1:
                style = self.get_component_rich_style("cardlist--empty")
                return Strip([Segment(self._two_sides(self.empty_text, "", width), base + style)], width)
            return Strip.blank(width, base)
        line = int(self.scroll_y) + y - 1
        index, part = divmod(line, CARD_HEIGHT)
        if index >= len(self.cards):
            return Strip.blank(width, base)
        card = self.cards[index]
        style = Style()
        if card.mark:
            style = self.get_component_rich_style(f"cardlist--{card.mark}")
        if part == 0:
            text = self._two_sides(card.title, card.corner, width)
        else:
            text = self._two_sides(" " + card.detail, card.flag, width)
            if not card.mark:
                style = self.get_component_rich_style("cardlist--detail")
        if index == self.cursor and self.active:
            cursor = "cardlist--cursor" if self.board_focused else "cardlist--cursor-blurred"
            style = style + self.get_component_rich_style(cursor)
        return Strip([Segment(text, base + style)], width)


class CardBoard(Horizontal, can_focus=True):
    """Side-by-side CardLists with one cursor between them; it keeps the keyboard focus."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="board.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="board.down"),
        Binding("left,h", "sideways(-1)", "Column left", show=False, id="board.left"),
        Binding("right,l", "sideways(1)", "Column right", show=False, id="board.right"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="board.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="board.page_down"),
        Binding("home,g", "jump(0)", "Top of the column", show=False, id="board.top"),
        Binding("end,G", "jump(-1)", "Bottom of the column", show=False, id="board.bottom"),
        Binding("enter", "select", "Open", id="board.open"),
    ]

    class ColumnChanged(Message):
        def __init__(self, board: "CardBoard", index: int) -> None:
            super().__init__()
            self.board = board
            self.index = index

        @property
        def control(self) -> "CardBoard":
            return self.board

    def __init__(self, *columns: CardList, **kwargs) -> None:
        super().__init__(*columns, **kwargs)
        self.columns = list(columns)
        self.active = 0
        if columns:
            columns[0].active = True

    @property
    def current(self) -> CardList:
        return self.columns[self.active]

    def activate(self, index: int) -> None:
        """Give the cursor to another column; the focus stays here."""
        index = max(0, min(index, len(self.columns) - 1))
        if index == self.active:
            return
        old, new = self.current, self.columns[index]
        old.active, new.active = False, True
        self.active = index
        old.refresh()
        new.refresh()
        self.post_message(self.ColumnChanged(self, index))

    def _show_focus(self) -> None:
        for column in self.columns:
            column.board_focused = self.has_focus
        self.current.refresh()

    def on_focus(self) -> None:
        self._show_focus()

    def on_blur(self) -> None:
        self._show_focus()

    def action_cursor(self, delta: int) -> None:
        self.current.move_cursor(self.current.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.current.page(direction)

    def action_jump(self, where: int) -> None:
        self.current.jump(where)

    def action_select(self) -> None:
        self.current.select()

    def action_sideways(self, delta: int) -> None:
        """Move to the next column, level with the card the cursor was on."""
        target = max(0, min(self.active + delta, len(self.columns) - 1))
        if target == self.active:
            return
        slot = self.current.screen_row()
        self.activate(target)
        self.current.move_to_screen_row(slot)

    # Textual's containers scroll with the arrows; this one moves the cursor instead.
    def action_scroll_left(self) -> None:
        raise SkipAction()

    def action_scroll_right(self) -> None:
        raise SkipAction()
