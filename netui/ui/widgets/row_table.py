"""A table that draws only the rows on screen.

Textual's DataTable measures every cell up front (about a second for 10,000 rows);
this one keeps a plain sequence of rows and renders each visible line on demand
through the Line API, so its cost does not grow with the number of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netui.ui.safe import ELLIPSIS, clean


@dataclass(frozen=True)
class Column:
    label: str
    width: int | None = None  # fixed width in cells; None shares what is left
    min_width: int = 6
    weight: int = 1  # a flexible column's share of what is left
    hide_rank: int = 0  # in a narrow terminal, higher ranks are hidden first; 0 is never hidden
    align_right: bool = False


@dataclass(frozen=True)
class Row:
    key: int
    cells: tuple[str, ...]
    mark: str = ""  # "" | "due" | "muted" | "warn": picks a component class


class LazyRows(Sequence[Row]):
    """Rows made only when drawn: a table of 10,000 people formats the 30 on screen."""

    def __init__(self, items: Sequence[object], key: Callable[[object], int], make: Callable[[object], Row]) -> None:
        self.items = items
        self._key = key
        self._make = make
        self._cache: dict[int, Row] = {}

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.items)
        row = self._cache.get(index)
        if row is None:
            row = self._cache[index] = self._make(self.items[index])
        return row

    def index_of(self, key: int) -> int | None:
        for i, item in enumerate(self.items):
            if self._key(item) == key:
                return i
        return None

    def key_at(self, index: int) -> int:
        return self._key(self.items[index])


def fit(text: str, width: int, align_right: bool = False) -> str:
    """Pad or cut ``text`` to exactly ``width`` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + ELLIPSIS
    pad = width - cell_len(text)
    return (" " * pad + text) if align_right else (text + " " * pad)


class RowTable(ScrollView, can_focus=True):
    """Rows of plain text with a fixed header and a cursor."""

    DEFAULT_CSS = """
    RowTable { height: 1fr; }
    RowTable > .rowtable--header { text-style: bold; background: $panel; }
    RowTable > .rowtable--cursor { background: $block-cursor-blurred-background; }
    RowTable:focus > .rowtable--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    RowTable:nocolor > .rowtable--cursor { text-style: underline; }  /* NO_COLOR: a style, not a shade */
    RowTable:nocolor:focus > .rowtable--cursor { background: $background; color: $foreground; text-style: reverse bold; }
    RowTable > .rowtable--due { color: $warning; }
    RowTable > .rowtable--warn { color: $error; }
    RowTable > .rowtable--muted { color: $text-muted; }
    RowTable > .rowtable--empty { color: $text-muted; text-style: italic; }
    """
    COMPONENT_CLASSES = {
        "rowtable--header",
        "rowtable--cursor",
        "rowtable--due",
        "rowtable--warn",
        "rowtable--muted",
        "rowtable--empty",
    }
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="table.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="table.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table.page_down"),
        Binding("home,g", "jump(0)", "First", show=False, id="table.first"),
        Binding("end,G", "jump(-1)", "Last", show=False, id="table.last"),
        Binding("enter", "select", "Open", show=False, id="table.open"),
    ]

    # Moving the cursor repaints just the two rows it touches: over SSH a cursor
    # move costs a few hundred bytes, not a whole screen.
    cursor = reactive(0, repaint=False)

    class Highlighted(Message):
        def __init__(self, table: "RowTable", key: int | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> "RowTable":
            return self.table

    class Selected(Message):
        def __init__(self, table: "RowTable", key: int) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> "RowTable":
            return self.table

    def __init__(self, columns: Sequence[Column], *, empty_text: str = "Nothing here.", **kwargs) -> None:
        super().__init__(**kwargs)
        self.columns = list(columns)
        self.rows: Sequence[Row] = []
        self.empty_text = empty_text
        self._last_key: int | None = None

    # ------------------------------------------------------------ data

    def set_rows(self, rows: Sequence[Row], *, keep_key: int | None = None) -> None:
        """Replace the rows, keeping the cursor on ``keep_key`` (or the current row's key)."""
        key = keep_key if keep_key is not None else self.cursor_key
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        index = 0
        if key is not None:
            found = self._find(rows, key)
            index = found if found is not None else min(self.cursor, max(len(rows) - 1, 0))
        self.cursor = index
        self._scroll_to_cursor()
        self.refresh()
        self._announce()

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old + 1)
        self.refresh_line(new + 1)

    @staticmethod
    def _find(rows: Sequence[Row], key: int) -> int | None:
        if isinstance(rows, LazyRows):
            return rows.index_of(key)
        for i, row in enumerate(rows):
            if row.key == key:
                return i
        return None

    @property
    def cursor_key(self) -> int | None:
        if 0 <= self.cursor < len(self.rows):
            if isinstance(self.rows, LazyRows):
                return self.rows.key_at(self.cursor)
            return self.rows[self.cursor].key
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

    def _scroll_to_cursor(self) -> None:
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self._body_height:
            self.scroll_to(y=self.cursor - self._body_height + 1, animate=False, immediate=True)

    def move_cursor(self, index: int) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(index, len(self.rows) - 1))
        self._scroll_to_cursor()
        self._announce()

    def action_cursor(self, delta: int) -> None:
        self.move_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor + direction * self._body_height)

    def action_jump(self, where: int) -> None:
        self.move_cursor(len(self.rows) - 1 if where < 0 else 0)

    def action_select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_cursor(int(self.scroll_y) + event.y - 1)
            if event.chain == 2:
                self.action_select()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self._scroll_to_cursor()

    # ------------------------------------------------------------ drawing

    def _visible(self, total: int) -> list[int]:
        """Indexes of the columns that fit, hiding the least important first."""
        shown = list(range(len(self.columns)))

        def need(idx: list[int]) -> int:
            return sum(self.columns[i].width or self.columns[i].min_width for i in idx) + len(idx) - 1

        for rank in sorted({c.hide_rank for c in self.columns if c.hide_rank}, reverse=True):
            if need(shown) <= total:
                break
            shown = [i for i in shown if self.columns[i].hide_rank != rank]
        return shown

    def _widths(self, total: int) -> list[int]:
        """Width of every column; 0 for the ones hidden in a narrow terminal."""
        visible = self._visible(total)
        widths = self._fit_widths([self.columns[i] for i in visible], total)
        out = [0] * len(self.columns)
        for i, w in zip(visible, widths):
            out[i] = w
        return out

    def _fit_widths(self, columns: list[Column], total: int) -> list[int]:
        gaps = len(columns) - 1
        fixed = sum(c.width or 0 for c in columns)
        flexible = [c for c in columns if c.width is None]
        room = max(total - fixed - gaps, 0)
        weights = sum(c.weight for c in flexible) or 1
        widths = [c.width if c.width is not None else room * c.weight // weights for c in columns]
        # Hand out the cells lost to rounding, left to right.
        extra = room - sum(w for w, c in zip(widths, columns) if c.width is None)
        for i, col in enumerate(columns):
            if extra <= 0:
                break
            if col.width is None:
                widths[i] += 1
                extra -= 1
        widths = [w if c.width is not None else max(w, c.min_width) for w, c in zip(widths, columns)]
        # Too narrow: take from the widest flexible columns first, never below min_width.
        over = sum(widths) + gaps - total
        while over > 0:
            i = max(range(len(widths)), key=lambda j: widths[j] - columns[j].min_width)
            if widths[i] <= columns[i].min_width:
                break
            widths[i] -= 1
            over -= 1
        return widths

    def _line_text(self, cells: Sequence[str], widths: list[int]) -> str:
        parts = [fit(clean(cell), w, col.align_right) for cell, w, col in zip(cells, widths, self.columns) if w]
        return " ".join(parts)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        widths = self._widths(width)
        if y == 0:
            style = self.get_component_rich_style("rowtable--header")
            text = self._line_text([c.label for c in self.columns], widths)
            return Strip([Segment(fit(text, width), style)], width)
        index = int(self.scroll_y) + y - 1
        base = self.rich_style
        if not self.rows:
            if y == 1:
                style = self.get_component_rich_style("rowtable--empty")
                return Strip([Segment(fit(clean(self.empty_text), width), style)], width)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = Style()
        if row.mark:
            style = self.get_component_rich_style(f"rowtable--{row.mark}")
        if index == self.cursor:
            style = style + self.get_component_rich_style("rowtable--cursor")
        return Strip([Segment(fit(self._line_text(row.cells, widths), width), base + style)], width)
