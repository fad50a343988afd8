"""A bar chart of counts per week, drawn with block characters.

One column per week, newest on the right; it keeps the newest weeks when the
widget is narrower than the data. Bars are drawn in eighths of a cell, and any
week with at least one interaction shows at least a sliver, so quiet is visible.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

EIGHTHS = " ▁▂▃▄▅▆▇█"


def bar_rows(values: Sequence[int], height: int) -> list[str]:
    """The chart as ``height`` strings, top row first, one character per value."""
    if height <= 0:
        return []
    peak = max(values, default=0)
    units = [0 if v <= 0 or peak <= 0 else max(1, round(v / peak * height * 8)) for v in values]
    rows = []
    for level in range(height - 1, -1, -1):
        line = []
        for u in units:
            filled = u - level * 8
            line.append(EIGHTHS[max(0, min(filled, 8))])
        rows.append("".join(line))
    return rows


class WeekChart(Widget):
    DEFAULT_CSS = """
    WeekChart { height: 3; color: $primary; }
    """

    values: reactive[tuple[int, ...]] = reactive(tuple)

    def render(self) -> Content:
        width = self.content_region.width or self.size.width
        shown = self.values[-width:] if width > 0 else ()
        rows = bar_rows(shown, self.size.height)
        if not any(shown):
            rows = rows[:-1] + ["·" * len(shown)] if rows else rows
        return Content("\n".join(rows))
