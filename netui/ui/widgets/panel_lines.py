"""A panel of text lines that, when given new lines, repaints only the ones that changed.

A Static repaints all of itself on every update (and a height that may change asks for
a layout pass, which repaints the screen): on the Funnel's side panel that was 7-18 kB
over SSH for one cursor move. Here a new person's panel costs the lines that differ.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class PanelLines(ScrollView):
    """Lines of text: ``wrap`` lines fold at the width, the others are cut with an ellipsis."""

    DEFAULT_CSS = """
    PanelLines { height: 1fr; overflow-x: hidden; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._given: list[tuple[Content, bool]] = []
        self._lines: list[Content] = []
        self._width = 0

    def set_lines(self, lines: Sequence[tuple[Content, bool]]) -> None:
        """``lines`` as (content, wrap) pairs."""
        self._given = list(lines)
        self._lay_out(self.scrollable_content_region.width)

    def _lay_out(self, width: int) -> None:
        old = self._lines
        new: list[Content] = []
        for content, wrap in self._given:
            if width <= 0:
                new.append(content)
            elif wrap:
                new.extend(content.wrap(width) or [Content("")])
            else:
                new.append(content.truncate(width, ellipsis=True))
        self._lines = new
        self._width = width
        # Never shorter than the view: a person with fewer lines than the last one then
        # changes no size, and no layout pass repaints the screen around the panel.
        size = Size(width, max(len(new), self.scrollable_content_region.height))
        if size != self.virtual_size:
            self.virtual_size = size
        if width <= 0:
            return
        # Only the lines that differ: the rest of the panel stays as it is on the terminal.
        for y in range(max(len(old), len(new))):
            before = old[y] if y < len(old) else None
            after = new[y] if y < len(new) else None
            if before is None or after is None or before.plain != after.plain or before.spans != after.spans:
                self.refresh_lines(y)

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._lay_out(width)
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        style = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, style)
        segments = self._lines[index].render_segments(self.visual_style)
        return Strip([Segment(s.text, style + s.style if s.style else style) for s in segments]).extend_cell_length(
            width, style
        ).crop(0, width)
