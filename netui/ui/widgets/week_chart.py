"""A bar chart of counts per week, drawn with block characters.

Newest week on the right. Each week takes one column, or two when there is room;
when the widget is narrower than the data it keeps the newest weeks. Bars are drawn
in eighths of a cell, and any week with at least one interaction shows at least a
sliver, so quiet weeks are visible. With three rows or more, the last row is an
axis saying how far back the chart goes.
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
        rows.append("".join(EIGHTHS[max(0, min(u - level * 8, 8))] for u in units))
    return rows


def axis(weeks: int, per_week: int) -> str:
    """``52w ago ┄┄┄ now`` under a chart of ``weeks`` weeks, ``per_week`` columns each."""
    width = weeks * per_week
    left, right = f"{weeks}w ago", "now"
    if width < len(left) + len(right) + 4:
        return right.rjust(width)[-width:] if width > 0 else ""
    return f"{left} {'┄' * (width - len(left) - len(right) - 2)} {right}"


class WeekChart(Widget):
    DEFAULT_CSS = """
    WeekChart { height: 3; color: $primary; }
    WeekChart > .weekchart--axis { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"weekchart--axis"}

    values: reactive[tuple[int, ...]] = reactive(tuple)

    def render(self) -> Content:
        width = self.content_region.width or self.size.width
        height = self.size.height
        if width <= 0 or height <= 0 or not self.values:
            return Content("")
        per_week = 2 if width >= 2 * len(self.values) else 1
        shown = self.values[-(width // per_week):]
        with_axis = height >= 3
        rows = bar_rows(shown, height - 1 if with_axis else height)
        if not any(shown) and rows:
            rows[-1] = "·" * len(shown)
        rows = ["".join(ch * per_week for ch in row) for row in rows]
        lines = [Content(row) for row in rows]
        if with_axis:
            lines.append(Content.styled(axis(len(shown), per_week), self.get_visual_style("weekchart--axis")))
        return Content("\n").join(lines)
