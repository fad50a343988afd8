"""A table that draws only the rows on screen.

Textual's DataTable measures every cell up front, so its cost grows with the rows;
this one is a CursorList: it keeps a plain sequence of rows and renders each visible
line on demand, and hides the least important columns when the terminal is narrow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from textual.strip import Strip

from netui.ui.safe import clean
from netui.ui.widgets.cursor_list import CursorList, cursor_bindings, fit

__all__ = ["Column", "LazyRows", "Row", "RowTable", "fit"]


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
    # A row that continues a group leaves blank what the group's first row says (the
    # Agenda's next step); when it is the top row on screen, the first one scrolled out of
    # view, it shows these cells instead, so what the group is about stays in sight.
    top_cells: tuple[str, ...] | None = None


class LazyRows(Sequence[Row]):
    """Rows made only when drawn: however long the table, only the rows on screen are formatted."""

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


class RowTable(CursorList, can_focus=True):
    """Rows of plain text under a header of column labels; a row per line."""

    COMPONENT_CLASSES = {"cursor-list--warn"}
    DEFAULT_CSS = """
    RowTable > .cursor-list--warn { color: $error; }
    """
    BINDINGS = cursor_bindings("table")

    class Highlighted(CursorList.Highlighted):
        table = CursorList.Highlighted.control

    class Selected(CursorList.Selected):
        table = CursorList.Selected.control

    def __init__(self, columns: Sequence[Column], *, empty_text: str = "Nothing here.", **kwargs) -> None:
        super().__init__(empty_text=empty_text, **kwargs)
        self.columns = list(columns)

    @property
    def rows(self) -> Sequence[Row]:
        return self.items

    def set_rows(self, rows: Sequence[Row], *, keep_key: int | None = None) -> None:
        """Replace the rows, keeping the cursor on ``keep_key`` (or the current row's key)."""
        self.replace_items(rows, keep_key=keep_key)

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

    # With marks, every row starts with a two-cell gutter: the mark, or blanks.
    MARK = "✓ "
    NO_MARK = "  "

    def mark_gutter(self) -> int:
        return len(self.MARK) if self.marked else 0

    def render_header(self, width: int) -> Strip:
        gutter = self.mark_gutter()
        text = " " * gutter + self._line_text([c.label for c in self.columns], self._widths(width - gutter))
        return Strip([Segment(fit(text, width), self.component_style("header"))], width)

    def render_empty(self, width: int) -> Strip:
        return Strip([Segment(fit(clean(self.empty_text), width), self.component_style("empty"))], width)

    def render_item(self, row: Row, index: int, part: int, width: int) -> Strip:
        gutter = self.mark_gutter()
        cells = row.cells
        if row.top_cells is not None and index == int(self.scroll_y) // self.ITEM_HEIGHT:
            cells = row.top_cells
        if not gutter:
            return self.item_strip(fit(self._line_text(cells, self._widths(width)), width), row.mark, index, width)
        marked = row.key in self.marked
        text = (self.MARK if marked else self.NO_MARK) + self._line_text(cells, self._widths(width - gutter))
        return self.item_strip(fit(text, width), "marked" if marked else row.mark, index, width)
