"""A panel of text lines that, when given new lines, repaints only the ones that changed.

A Static repaints all of itself on every update (and a height that may change asks for
a layout pass, which repaints the screen): on the Funnel's side panel that was 7-18 kB
over SSH for one cursor move. Here a new person's panel costs the cells that differ
(netui.ui.widgets.line_diff).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netui.ui.widgets.line_diff import fill_style, repaint_changes


class PanelLines(ScrollView):
    """Lines of text: ``wrap`` lines fold at the width, the others are cut with an ellipsis."""

    DEFAULT_CSS = """
    PanelLines { height: 1fr; overflow-x: hidden; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._given: list[tuple[list[tuple[Content, bool]], int]] = []
        self._lines: list[Content] = []
        self._width = 0

    @property
    def plain_lines(self) -> list[str]:
        """The lines as plain text, as last laid out."""
        return [line.plain for line in self._lines]

    def set_lines(self, lines: Sequence[tuple[Content, bool]]) -> None:
        """``lines`` as (content, wrap) pairs."""
        self.set_blocks([(lines, 0)])

    def set_blocks(self, blocks: Sequence[tuple[Sequence[tuple[Content, bool]], int]]) -> None:
        """Blocks of (content, wrap) lines, each with the least number of lines it takes
        (blank lines fill it up): a block that is shorter for this person than for the
        last moves nothing under it, so nothing under it is sent again."""
        self._given = [(list(lines), least) for lines, least in blocks]
        self._lay_out(self.scrollable_content_region.width)

    def _visible_strips(self) -> list[Strip]:
        return [self._render_line(y) for y in range(self.scrollable_content_region.height)]

    def _lay_out(self, width: int) -> None:
        same_width = width == self._width
        before = self._visible_strips() if self.is_mounted and width > 0 and same_width else None
        new: list[Content] = []
        for lines, least in self._given:
            start = len(new)
            for content, wrap in lines:
                if width <= 0:
                    new.append(content)
                elif wrap:
                    new.extend(content.wrap(width) or [Content("")])
                else:
                    new.append(content.truncate(width, ellipsis=True))
            new.extend(Content("") for _ in range(least - (len(new) - start)))
        self._lines = new
        self._width = width
        # Never shorter than the view, nor than it has been at this width: a person with
        # fewer lines than the last one then changes no size (nor the scrollbar), and no
        # layout pass repaints the screen around the panel.
        tallest = self.virtual_size.height if same_width else 0
        size = Size(width, max(len(new), self.scrollable_content_region.height, tallest))
        if size != self.virtual_size:
            self.virtual_size = size
        if width <= 0:
            return
        if before is None:
            self.refresh()
            return
        # Only the cells that differ: the rest of the panel stays as it is on the terminal.
        repaint_changes(self, before, self._visible_strips(), width)

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._lay_out(width)
            self.refresh()

    def render_line(self, y: int) -> Strip:
        return self._render_line(y)

    def _render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        style = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, style)
        segments = [
            Segment(s.text, style + s.style if s.style else style)
            for s in self._lines[index].render_segments(self.visual_style)
        ]
        # The blanks after the words take the last words' style where they look the same
        # in it: one run of colours on the wire instead of two.
        fill = fill_style(segments[-1].style, style) if segments else style
        return Strip(segments).extend_cell_length(width, fill).crop(0, width).simplify()
