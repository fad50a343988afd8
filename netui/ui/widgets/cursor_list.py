"""A keyed list under a one-line header, drawn only where it shows, with one cursor.

RowTable (a row per item) and CardList (two lines per card) are this list with their
own header and their own way of drawing an item. It keeps a plain sequence of items
and renders each visible line on demand through the Line API, so its cost does not
grow with the number of items. Everything here is Textual's and Rich's public API.

The list draws its own scroll bar, in a one-cell gutter on its right, as part of its
lines. Textual's scroll bars are widgets of their own: each layout pass of the screen
asks them to repaint, and their new sizes ask for one more pass, so a screen with a
list or four repainted two or three times for every change of layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from netui.ui.safe import ELLIPSIS
from netui.ui.widgets.line_diff import repaint_changes

HEADER_LINES = 1  # the header is drawn on the first line and never scrolls
GUTTER = 1  # the cell on the right of every line that holds the scroll bar


def fit(text: str, width: int, align_right: bool = False) -> str:
    """Pad or cut ``text`` to exactly ``width`` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + ELLIPSIS
    pad = width - cell_len(text)
    return (" " * pad + text) if align_right else (text + " " * pad)


def cursor_bindings(
    group: str,
    *,
    first: tuple[str, str] = ("first", "First"),
    last: tuple[str, str] = ("last", "Last"),
    after_down: Sequence[Binding] = (),
    show_open: bool = False,
) -> list[Binding]:
    """The keys that move a cursor and open its item, for a widget with the actions
    cursor, page, jump and select. Ids are ``group.<move>`` (users remap keys by id);
    ``first`` and ``last`` are (id, description) for home and end; ``after_down``
    puts more keys after down, where the help lists them."""
    return [
        Binding("up,k", "cursor(-1)", "Up", show=False, id=f"{group}.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id=f"{group}.down"),
        *after_down,
        Binding("pageup", "page(-1)", "Page up", show=False, id=f"{group}.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id=f"{group}.page_down"),
        Binding("home,g", "jump(0)", first[1], show=False, id=f"{group}.{first[0]}"),
        Binding("end,G", "jump(-1)", last[1], show=False, id=f"{group}.{last[0]}"),
        Binding("enter", "select", "Open", show=show_open, id=f"{group}.open"),
    ]


class WidgetMessage(Message):
    """A message about one widget; ``@on(..., selector)`` matches the selector against it."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    @property
    def control(self) -> Widget:
        return self.widget


class CursorMessage(WidgetMessage):
    """A message about the item with ``key`` in a CursorList."""

    def __init__(self, cursor_list: CursorList, key: int | None) -> None:
        super().__init__(cursor_list)
        self.key = key


class CursorList(ScrollView):
    """Keyed items under a header, with a cursor that moves, scrolls into view and reports.

    The items are any sequence of objects with a ``key``. A subclass sets ITEM_HEIGHT
    (the lines one item takes) and draws the header (``render_header``), the empty text
    (``render_empty``) and an item's lines (``render_item``); it defines its own
    Highlighted and Selected (subclasses of these), so that ``@on(RowTable.Selected)``
    never hears a CardList.
    """

    DEFAULT_CSS = """
    CursorList { height: 1fr; overflow: hidden hidden; }
    CursorList > .cursor-list--track { background: $scrollbar-background; }
    CursorList > .cursor-list--thumb { background: $scrollbar; }
    CursorList:nocolor > .cursor-list--thumb { text-style: reverse; }
    CursorList > .cursor-list--header { text-style: bold; background: $panel; }
    CursorList > .cursor-list--cursor-blurred { background: $block-cursor-blurred-background; }
    CursorList > .cursor-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    CursorList:nocolor > .cursor-list--cursor { background: $background; color: $foreground; text-style: reverse bold; }  /* NO_COLOR: a style, not a shade */
    CursorList:nocolor > .cursor-list--cursor-blurred { text-style: underline; }
    CursorList > .cursor-list--due { color: $warning; }
    CursorList > .cursor-list--muted { color: $text-muted; }
    CursorList > .cursor-list--empty { color: $text-muted; text-style: italic; }
    CursorList > .cursor-list--marked { color: $accent; text-style: bold; }
    """
    COMPONENT_CLASSES = {
        "cursor-list--header",
        "cursor-list--cursor",
        "cursor-list--cursor-blurred",
        "cursor-list--due",
        "cursor-list--muted",
        "cursor-list--empty",
        "cursor-list--marked",
        "cursor-list--track",
        "cursor-list--thumb",
    }

    ITEM_HEIGHT: ClassVar[int] = 1

    # Moving the cursor repaints just the lines of the two items it touches (watch_cursor):
    # over SSH a cursor move costs a few hundred bytes, not a whole screen.
    cursor = reactive(0, repaint=False)

    class Highlighted(CursorMessage):
        """The cursor is on another item; ``key`` is None when there are none."""

    class Selected(CursorMessage):
        """Enter, or a double click, on the item with ``key``."""

    def __init__(self, *, empty_text: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.empty_text = empty_text
        self.items: Sequence[Any] = []
        self._last_key: int | None = None
        self.marked: frozenset[int] = frozenset()  # keys of the items marked to act on together

    def set_marked(self, keys: frozenset[int] | set[int]) -> None:
        """Show these items as marked (a mark in front, and the marked style)."""
        keys = frozenset(keys)
        if keys != self.marked:
            self.marked = keys
            self.refresh()

    # ------------------------------------------------------------ data

    # A small list given new items at every move elsewhere (the Funnel's intro paths) can
    # repaint only the cells that changed (netui.ui.widgets.line_diff): it draws its visible
    # lines before and after. Not for paged lists, where drawing may ask for a page.
    diff_refresh = False

    def _visible_strips(self) -> list[Strip] | None:
        if not (self.diff_refresh and self.is_mounted and self.scrollable_content_region.width > 0):
            return None
        return [self._render_line(y) for y in range(self.scrollable_content_region.height)]

    def replace_items(self, items: Sequence[Any], *, keep_key: int | None = None) -> None:
        """Show ``items``, keeping the cursor on ``keep_key`` (or the current item's key);
        when that is gone, on the same position."""
        before = self._visible_strips()
        key = keep_key if keep_key is not None else self.cursor_key
        self.items = items
        index = 0
        if key is not None:
            found = self.index_of(key)
            index = found if found is not None else min(self.cursor, max(len(items) - 1, 0))
        self.cursor = index
        self.items_changed(before)

    def items_changed(self, before: list[Strip] | None = None) -> None:
        """Redraw after the items changed in place, and say where the cursor is now
        (``before``: the visible lines as they were, to repaint only what changed)."""
        size, scroll = self.virtual_size, self.scroll_offset
        self.fit_virtual_size()
        self.scroll_to_cursor()
        after = self._visible_strips() if before is not None else None
        if after is not None and size == self.virtual_size and scroll == self.scroll_offset:
            repaint_changes(self, before, after, self.scrollable_content_region.width)
        else:
            self.refresh()
        self.announce()

    # A list that gets new items at every move elsewhere (the Funnel's intro paths) can be
    # given the height of the longest it can be: then a new list changes no size and asks for
    # no layout pass, which repaints the screen around it (kilobytes over SSH for one move).
    min_virtual_height = 0

    def fit_virtual_size(self) -> None:
        size = Size(
            self.virtual_width(), max(HEADER_LINES + len(self.items) * self.ITEM_HEIGHT, self.min_virtual_height)
        )
        if size != self.virtual_size:
            # The reactive asks for a layout pass, which shows or hides the scrollbars; a
            # scrollbar that comes or goes changes how many lines show, so look again then.
            self.virtual_size = size
            self.call_after_refresh(self.scroll_to_cursor)

    def virtual_width(self) -> int:
        """How wide the scrollable content is: nothing to scroll sideways to, by default."""
        return 0

    def key_at(self, index: int) -> int:
        # A lazy or paged sequence knows its keys without making the items.
        key_at = getattr(self.items, "key_at", None)
        return key_at(index) if key_at is not None else self.items[index].key

    def index_of(self, key: int) -> int | None:
        index_of = getattr(self.items, "index_of", None)
        if index_of is not None:
            return index_of(key)
        for i, item in enumerate(self.items):
            if item.key == key:
                return i
        return None

    @property
    def cursor_key(self) -> int | None:
        if 0 <= self.cursor < len(self.items):
            return self.key_at(self.cursor)
        return None

    def announce(self) -> None:
        """Post Highlighted when the cursor's key is not the one last posted."""
        key = self.cursor_key
        if key != self._last_key:
            self._last_key = key
            self.post_message(self.Highlighted(self, key))

    _announce = announce  # the name the screens used before it was public

    def watch_cursor(self, old: int, new: int) -> None:
        # The two items' lines, as wide as the content: not the scroll bar beside them.
        width = self.content_width
        top = HEADER_LINES - int(self.scroll_y)
        for index in (old, new):
            self.refresh(Region(0, top + index * self.ITEM_HEIGHT, width, self.ITEM_HEIGHT))

    # ------------------------------------------------------------ movement

    @property
    def body_height(self) -> int:
        """Lines under the header (at least one)."""
        return max(self.scrollable_content_region.height - HEADER_LINES, 1)

    @property
    def page_size(self) -> int:
        """Whole items that fit under the header (at least one)."""
        return max(self.body_height // self.ITEM_HEIGHT, 1)

    def index_at(self, y: int) -> int:
        """The item drawn on line ``y`` of the widget (the header is line 0)."""
        return (int(self.scroll_y) + y - HEADER_LINES) // self.ITEM_HEIGHT

    def scroll_to_cursor(self) -> None:
        if self.scrollable_content_region.height <= HEADER_LINES:
            return  # not laid out yet (items given in on_mount): the first resize scrolls
        top = self.cursor * self.ITEM_HEIGHT
        first = int(self.scroll_y)
        if top < first:
            self._scroll_y_to(top)
        elif top + self.ITEM_HEIGHT > first + self.body_height:
            self._scroll_y_to(top + self.ITEM_HEIGHT - self.body_height)

    def _scroll_y_to(self, y: int) -> None:
        # force: right after the items grow, the vertical scrollbar that allows scrolling
        # is not shown until the next layout pass; the new virtual size already bounds y.
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def move_cursor(self, index: int) -> None:
        if not self.items:
            return
        self.cursor = max(0, min(index, len(self.items) - 1))
        self.scroll_to_cursor()
        self.announce()

    def page(self, direction: int) -> None:
        self.move_cursor(self.cursor + direction * self.page_size)

    def jump(self, where: int) -> None:
        """To the first item, or the last when ``where`` is negative."""
        self.move_cursor(len(self.items) - 1 if where < 0 else 0)

    def select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def action_cursor(self, delta: int) -> None:
        self.move_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.page(direction)

    def action_jump(self, where: int) -> None:
        self.jump(where)

    def action_select(self) -> None:
        self.select()

    def on_click(self, event: events.Click) -> None:
        if self.scroll_bar and event.x >= self.content_width:
            self._gutter_click(event.y)
            return
        if event.y >= HEADER_LINES:
            self.move_cursor(self.index_at(event.y))
            if event.chain == 2:
                self.select()

    def on_resize(self) -> None:
        self.fit_virtual_size()
        self.scroll_to_cursor()

    # The wheel scrolls the view and leaves the cursor where it is, as Textual's own
    # scrolling does (the list has no Textual scroll bar, so Textual leaves the wheel alone).
    WHEEL_LINES = 3

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._wheel(event, self.WHEEL_LINES)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._wheel(event, -self.WHEEL_LINES)

    def _wheel(self, event: events.MouseEvent, lines: int) -> None:
        y = max(0, min(int(self.scroll_y) + lines, self.last_scroll_y))
        if y != int(self.scroll_y):
            event.stop()
            self._scroll_y_to(y)

    @property
    def last_scroll_y(self) -> int:
        """The furthest the items scroll: the last item's last line on the bottom line."""
        return max(len(self.items) * self.ITEM_HEIGHT - self.body_height, 0)

    def _gutter_click(self, y: int) -> None:
        """A click on the scroll bar scrolls to that point of the list, as a share of it."""
        last = self.last_scroll_y
        if last and y >= HEADER_LINES:
            share = (y - HEADER_LINES) / max(self.body_height - 1, 1)
            self._scroll_y_to(round(share * last))

    # ------------------------------------------------------------ drawing

    def component_style(self, name: str) -> Style:
        return self.get_component_rich_style(f"cursor-list--{name}")

    def base_style(self) -> Style:
        """The widget's own style, under every line."""
        return self.rich_style

    def cursor_focused(self) -> bool:
        """Whether the cursor is drawn as focused (else as blurred)."""
        return self.has_focus

    def cursor_shown(self) -> bool:
        return True

    def render_header(self, width: int) -> Strip:
        raise NotImplementedError

    def render_empty(self, width: int) -> Strip:
        """The line under the header when there are no items."""
        raise NotImplementedError

    def render_item(self, item: Any, index: int, part: int, width: int) -> Strip:
        """Line ``part`` (0 to ITEM_HEIGHT - 1) of the item at ``index``."""
        raise NotImplementedError

    def item_strip(self, text: str, mark: str, index: int, width: int) -> Strip:
        """One line of the item at ``index``: ``mark`` (a component class, or "") and the cursor style it."""
        style = self.component_style(mark) if mark else Style()
        if index == self.cursor and self.cursor_shown():
            style = style + self.component_style("cursor" if self.cursor_focused() else "cursor-blurred")
        return Strip([Segment(text, self.base_style() + style)], width)

    # A list of a few lines that scrolls only with its cursor (the Funnel's intro paths)
    # can do without the bar, and keep its cell for the words.
    scroll_bar = True

    @property
    def content_width(self) -> int:
        """The width the items are drawn in: the widget's, less the scroll bar's gutter."""
        return self._inside(self.scrollable_content_region.width)

    def _inside(self, width: int) -> int:
        return max(width - (GUTTER if self.scroll_bar else 0), 0)

    def render_line(self, y: int) -> Strip:
        return self._render_line(y)

    def _render_line(self, y: int) -> Strip:
        region = self.scrollable_content_region  # a lookup in the screen's layout: once a line
        width = self._inside(region.width)
        if y < HEADER_LINES:
            line = self.render_header(width)
            if not self.scroll_bar:
                return line
            segments = list(line)
            # The header runs on over the gutter, in its own last colours.
            style = segments[-1].style if segments else self.component_style("header")
            return Strip([*segments, Segment(" " * GUTTER, style)], width + GUTTER)
        if not self.items:
            line = self.render_empty(width) if y == HEADER_LINES else Strip.blank(width, self.base_style())
        else:
            index, part = divmod(int(self.scroll_y) + y - HEADER_LINES, self.ITEM_HEIGHT)
            if index >= len(self.items):
                line = Strip.blank(width, self.base_style())
            else:
                line = self.render_item(self.items[index], index, part, width)
        if not self.scroll_bar:
            return line
        return Strip([*line, self._gutter_cell(y - HEADER_LINES, max(region.height - HEADER_LINES, 1))], width + GUTTER)

    def _gutter_cell(self, line: int, body: int) -> Segment:
        """The scroll bar's cell on body line ``line`` of ``body``: blank when every item
        shows, else the track, with the thumb where the view is."""
        total = len(self.items) * self.ITEM_HEIGHT
        if total <= body:
            return Segment(" " * GUTTER, self.base_style())
        size = max(body * body // total, 1)
        top = round(int(self.scroll_y) * (body - size) / max(total - body, 1))
        part = "thumb" if top <= line < top + size else "track"
        return Segment(" " * GUTTER, self.base_style() + self.component_style(part))
