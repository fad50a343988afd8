"""A column of two-line cards that draws only the cards on screen.

Like RowTable, it keeps a plain list and renders each visible line on demand
through the Line API, so a column of 5,000 people costs the same as one of five.
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


class CardList(ScrollView, can_focus=True):
    """A titled column of cards with a cursor."""

    DEFAULT_CSS = """
    CardList { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; scrollbar-gutter: stable; }
    CardList > .cardlist--header { text-style: bold; background: $panel; }
    CardList:focus > .cardlist--header { background: $primary; color: $text; }
    CardList > .cardlist--detail { color: $text-muted; }
    CardList > .cardlist--cursor-blurred { background: $block-cursor-blurred-background; }
    CardList > .cardlist--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    CardList > .cardlist--due { color: $warning; }
    CardList > .cardlist--muted { color: $text-muted; }
    CardList > .cardlist--empty { color: $text-muted; text-style: italic; }
    """
    COMPONENT_CLASSES = {
        "cardlist--header",
        "cardlist--detail",
        "cardlist--cursor",
        "cardlist--cursor-blurred",
        "cardlist--due",
        "cardlist--muted",
        "cardlist--empty",
    }
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="cards.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="cards.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="cards.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="cards.page_down"),
        Binding("home,g", "jump(0)", "Top", show=False, id="cards.top"),
        Binding("end,G", "jump(-1)", "Bottom", show=False, id="cards.bottom"),
        Binding("enter", "select", "Open", id="cards.open"),
    ]

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
        self.show_cursor = False  # the board's one selection lives in one column at a time
        self._last_key: int | None = None

    # ------------------------------------------------------------ data

    def set_cards(self, cards: Sequence[Card], *, keep_key: int | None = None, count_text: str = "") -> None:
        """Replace the cards, keeping the cursor on ``keep_key`` (or the current card)."""
        key = keep_key if keep_key is not None else self.cursor_key
        self.cards = list(cards)
        self.count_text = count_text
        self._place_cursor(key)

    def remove_card(self, key: int, count_text: str) -> bool:
        """Take one card out in place; the cursor stays on the same position."""
        index = self.index_of(key)
        if index is None:
            return False
        del self.cards[index]
        self.count_text = count_text
        if index < self.cursor or self.cursor >= len(self.cards):
            self.cursor = max(self.cursor - 1, 0)
        self._resized()
        return True

    def insert_card(self, card: Card, sort_key: Callable[[Card], object], count_text: str) -> int:
        """Put one card where ``sort_key`` says it belongs (the list must already be in that order)."""
        index = bisect.bisect_left(self.cards, sort_key(card), key=sort_key)
        self.cards.insert(index, card)
        self.count_text = count_text
        if index <= self.cursor and len(self.cards) > 1:
            self.cursor += 1
        self._resized()
        return index

    def index_of(self, key: int) -> int | None:
        for i, card in enumerate(self.cards):
            if card.key == key:
                return i
        return None

    def _place_cursor(self, key: int | None) -> None:
        index = 0
        if key is not None:
            found = self.index_of(key)
            index = found if found is not None else min(self.cursor, max(len(self.cards) - 1, 0))
        self.cursor = index
        self._resized()

    def _resized(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.cards) * CARD_HEIGHT + 1)
        self._scroll_to_cursor()
        self.refresh()
        self._announce()

    @property
    def cursor_key(self) -> int | None:
        if 0 <= self.cursor < len(self.cards):
            return self.cards[self.cursor].key
        return None

    def _announce(self, force: bool = False) -> None:
        key = self.cursor_key
        if key != self._last_key or force:
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

    def action_cursor(self, delta: int) -> None:
        self.move_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor + direction * self.visible_cards)

    def action_jump(self, where: int) -> None:
        self.move_cursor(len(self.cards) - 1 if where < 0 else 0)

    def action_select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    # The board moves between columns with left/right; never scroll sideways.
    def action_scroll_left(self) -> None:
        raise SkipAction()

    def action_scroll_right(self) -> None:
        raise SkipAction()

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_cursor((int(self.scroll_y) + event.y - 1) // CARD_HEIGHT)
            if event.chain == 2:
                self.action_select()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.cards) * CARD_HEIGHT + 1)
        self._scroll_to_cursor()

    # ------------------------------------------------------------ drawing

    @staticmethod
    def _two_sides(left: str, right: str, width: int) -> str:
        """``left`` and ``right`` on one line of exactly ``width`` cells, with a cell of margin
        at each end; when they do not both fit, ``left`` (the name) keeps the room."""
        inner = width - 2
        left, right = clean(left), clean(right)
        room = inner - cell_len(right) - (1 if right else 0)
        if room < 4:
            return fit(" " + fit(left, inner), width)
        return fit(" " + fit(left, room) + (" " + right if right else ""), width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            style = self.get_component_rich_style("cardlist--header")
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
        if index == self.cursor and (self.show_cursor or self.has_focus):
            cursor = "cardlist--cursor" if self.has_focus else "cardlist--cursor-blurred"
            style = style + self.get_component_rich_style(cursor)
        return Strip([Segment(text, base + style)], width)
