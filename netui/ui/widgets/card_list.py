"""Columns of two-line cards that draw only the cards on screen, and the board that holds them.

A CardList is a CursorList whose items take two lines each, so a long column costs
no more to draw than a short one.

The keyboard focus stays on the CardBoard: moving between columns only changes which
column draws the cursor. (Moving the focus itself is costly in Textual: the footer is
rebuilt and styles are recomputed on every change.)
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
from textual.strip import Strip

from netui.ui.safe import clean
from netui.ui.widgets.cursor_list import CursorList, WidgetMessage, cursor_bindings, fit


@dataclass(frozen=True)
class Card:
    key: int
    title: str  # first line, left: the name
    corner: str = ""  # first line, right: a short mark such as "!"
    detail: str = ""  # second line, left: e.g. the company
    flag: str = ""  # second line, right: e.g. days since last contact
    mark: str = ""  # "" | "due" | "muted": picks a component class


class CardList(CursorList, can_focus=False):
    """A titled column of cards. The CardBoard around it handles the keys."""

    DEFAULT_CSS = """
    CardList > .cursor-list--header-active { text-style: bold; background: $primary; color: $text; }
    CardList:nocolor > .cursor-list--header-active { background: $background; color: $foreground; text-style: reverse bold; }
    CardList > .cursor-list--detail { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"cursor-list--header-active", "cursor-list--detail"}

    ITEM_HEIGHT = 2

    class Highlighted(CursorList.Highlighted):
        cards = CursorList.Highlighted.control

    class Selected(CursorList.Selected):
        cards = CursorList.Selected.control

    def __init__(self, title: str, *, empty_text: str = "Nobody here.", **kwargs) -> None:
        super().__init__(empty_text=empty_text, **kwargs)
        self.title = title
        self.count_text = ""
        self.active = False  # the board's one selection lives in one column at a time
        self.board_focused = False
        self.neighbours = ""  # on a board too narrow for every column: the others' counts
        self._base_style: Style | None = None

    @property
    def cards(self) -> list[Card]:
        return self.items

    # ------------------------------------------------------------ data

    def set_cards(self, cards: Sequence[Card], *, keep_key: int | None = None, count_text: str = "") -> None:
        """Replace the cards, keeping the cursor on ``keep_key`` (or the current card)."""
        self.count_text = count_text
        self.replace_items(list(cards), keep_key=keep_key)

    def set_paged(self, cards: Sequence[Card], *, keep_key: int | None = None, count_text: str = "") -> None:
        """Show a lazily read sequence of cards (see netui.ui.widgets.paged) as it is."""
        self.count_text = count_text
        self.replace_items(cards, keep_key=keep_key)

    def remove_card(self, key: int) -> bool:
        """Take one card out in place; the cursor stays on the same position."""
        index = self.index_of(key)
        if index is None:
            return False
        del self.cards[index]
        if index < self.cursor or self.cursor >= len(self.cards):
            self.cursor = max(self.cursor - 1, 0)
        self.items_changed()
        return True

    def insert_card(self, card: Card, sort_key: Callable[[Card], object]) -> int:
        """Put one card where ``sort_key`` says it belongs (the list must already be in that order)."""
        index = bisect.bisect_left(self.cards, sort_key(card), key=sort_key)
        self.cards.insert(index, card)
        if index <= self.cursor and len(self.cards) > 1:
            self.cursor += 1
        self.items_changed()
        return index

    def set_count(self, count_text: str) -> None:
        self.count_text = count_text
        self.refresh()

    def select_key(self, key: int) -> bool:
        index = self.index_of(key)
        if index is None:
            return False
        self.move_cursor(index)
        return True

    # ------------------------------------------------------------ movement

    def screen_row(self) -> int:
        """Which visible card slot the cursor is in (0 = top): for moving sideways level."""
        return max(self.cursor - int(self.scroll_y) // self.ITEM_HEIGHT, 0)

    def move_to_screen_row(self, slot: int) -> None:
        self.move_cursor(int(self.scroll_y) // self.ITEM_HEIGHT + slot)

    # Left and right pick another column (the board's keys); never scroll sideways.
    def action_scroll_left(self) -> None:
        raise SkipAction()

    def action_scroll_right(self) -> None:
        raise SkipAction()

    def on_click(self, event: events.Click) -> None:
        # Textual then calls CursorList.on_click too, which moves the cursor to the card.
        board = self.parent
        if isinstance(board, CardBoard):
            board.activate(board.columns.index(self))
            board.focus()

    # ------------------------------------------------------------ drawing

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None

    def base_style(self) -> Style:
        # rich_style walks every ancestor on each call; a redraw asks for it once per line.
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def cursor_shown(self) -> bool:
        return self.active

    def cursor_focused(self) -> bool:
        return self.board_focused

    @staticmethod
    def _two_sides(left: str, right: str, width: int) -> str:
        """``left`` and ``right`` on one line of exactly ``width`` cells, after a cell of margin
        (the scroll bar's gutter gives the right one); when they do not both fit, ``left``
        (the name) keeps the room."""
        inner = width - 1
        left, right = clean(left), clean(right)
        room = inner - cell_len(right) - (1 if right else 0)
        if room < 4:
            return fit(" " + fit(left, inner), width)
        return fit(" " + fit(left, room) + (" " + right if right else ""), width)

    def render_header(self, width: int) -> Strip:
        style = self.component_style("header-active" if self.active else "header")
        left = f"{self.title} {self.count_text}".strip() if self.neighbours else self.title
        right = self.neighbours or self.count_text
        return Strip([Segment(self._two_sides(left, right, width), style)], width)

    def render_empty(self, width: int) -> Strip:
        style = self.base_style() + self.component_style("empty")
        return Strip([Segment(self._two_sides(self.empty_text, "", width), style)], width)

    def render_item(self, card: Card, index: int, part: int, width: int) -> Strip:
        marked = card.key in self.marked  # a mark in front of the name, and the marked style
        mark = "marked" if marked else card.mark
        if part == 0:
            title = "✓ " + card.title if marked else card.title
            return self.item_strip(self._two_sides(title, card.corner, width), mark, index, width)
        return self.item_strip(self._two_sides(" " + card.detail, card.flag, width), mark or "detail", index, width)


class CardBoard(Horizontal, can_focus=True):
    """Side-by-side CardLists with one cursor between them; it keeps the keyboard focus.

    Narrower than every column's least width (a 60-column terminal), it shows only the
    column of the cursor, with the other columns' counts in its header: the card that
    ``>`` or ``l`` acts on is always in view."""

    DEFAULT_CSS = """
    CardBoard.-single CardList { display: none; }
    CardBoard.-single CardList.-active { display: block; width: 1fr; border-left: none; }
    """
    COLUMN_MIN = 17  # a column's min-width and its border

    BINDINGS = cursor_bindings(
        "board",
        first=("top", "Top of the column"),
        last=("bottom", "Bottom of the column"),
        after_down=[
            Binding("left,h", "sideways(-1)", "Column left", show=False, id="board.left"),
            Binding("right,l", "sideways(1)", "Column right", show=False, id="board.right"),
        ],
        show_open=True,
    )

    class ColumnChanged(WidgetMessage):
        """The cursor went to the column at ``index``."""

        board = WidgetMessage.control

        def __init__(self, board: CardBoard, index: int) -> None:
            super().__init__(board)
            self.index = index

    def __init__(self, *columns: CardList, **kwargs) -> None:
        super().__init__(*columns, **kwargs)
        self.columns = list(columns)
        self.active = 0
        if columns:
            columns[0].active = True
            columns[0].add_class("-active", update=False)  # styled as it mounts, not twice

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
        old.remove_class("-active")
        new.add_class("-active")
        self.active = index
        self.show_neighbours()
        old.refresh()
        new.refresh()
        self.post_message(self.ColumnChanged(self, index))

    def on_resize(self) -> None:
        single = self.size.width < len(self.columns) * self.COLUMN_MIN
        if single != self.has_class("-single"):
            self.set_class(single, "-single")
        self.show_neighbours()

    def show_neighbours(self) -> None:
        """In a single column, its header names the columns on either side, with counts."""
        single = self.has_class("-single")
        for i, column in enumerate(self.columns):
            text = ""
            if single and i == self.active:
                before = self.columns[i - 1] if i > 0 else None
                after = self.columns[i + 1] if i + 1 < len(self.columns) else None
                parts = []
                if before is not None:
                    parts.append(f"‹h {before.title} {before.count_text}".rstrip())
                if after is not None:
                    parts.append(f"{after.title} {after.count_text} l›".replace("  ", " "))
                text = "  ".join(parts)
            if text != column.neighbours:
                column.neighbours = text
                column.refresh()

    def _show_focus(self, focused: bool) -> None:
        for column in self.columns:
            column.board_focused = focused
        self.current.refresh()

    def watch_has_focus(self, has_focus: bool) -> None:
        """Textual restyles a widget and everything in it when its focus changes, in case a
        rule like ``CardBoard:focus CardList`` depends on it. No rule does: the columns show
        the board's focus by drawing (``_show_focus``), so only the board is restyled, not
        four columns with their eleven component styles each. Such a rule would need this
        override to go (tests/ui/test_cursor_list.py checks the board's own focus style)."""
        self.app.stylesheet.update_nodes([self], animate=False)

    # Told, not read from has_focus: Textual updates has_focus after these handlers run.
    def on_focus(self) -> None:
        self._show_focus(True)

    def on_blur(self) -> None:
        self._show_focus(False)

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
