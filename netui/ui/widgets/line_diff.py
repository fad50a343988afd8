"""Repaint only the lines that changed, and each only as far as it changed.

A widget that draws through the Line API can say which part of itself to repaint.
Textual then sends each repainted line from the widget's left edge to the end of the
repainted part: a line whose end is unchanged (the blanks after a shorter name, say)
is sent only up to its last changed cell. ``repaint_changes`` compares what a widget
showed with what it shows now and marks exactly that. Public API only
(Widget.refresh with regions).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from rich.cells import cell_len
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

Cell = tuple[str, "Style | None"]


def cells(strip: Strip) -> list[Cell]:
    """One (text, style) per cell; a wide character's second cell is ("", style)."""
    out: list[Cell] = []
    for text, style, control in strip:
        if control:
            continue
        for char in text:
            width = cell_len(char)
            if width == 0:
                if out:  # a combining mark joins the cell before it
                    out[-1] = (out[-1][0] + char, out[-1][1])
                continue
            out.append((char, _blank_look(style) if char == " " else style))
            if width == 2:
                out.append(("", style))
    return out


def _blank_look(style: Style | None) -> object:
    """What a blank cell shows of its style: its background and the lines drawn through it."""
    if style is None:
        return None
    return (style.bgcolor, style.reverse, style.underline, style.strike, style.overline)


# A blank cell shows none of these: a line can end in the blanks of its last words' style.
BLANK_NEUTRAL = Style(underline=False, underline2=False, strike=False, overline=False, reverse=False,
                      blink=False, blink2=False, link=None)


def fill_style(last: Style | None, base: Style) -> Style:
    """The style for the blanks that end a line whose last words have style ``last``:
    that style when the blanks look the same in it (one run of colours sent, not two)."""
    if last is None or last.bgcolor != base.bgcolor:
        return base
    if last.underline or last.underline2 or last.strike or last.overline or last.reverse or last.blink or last.link:
        return last + BLANK_NEUTRAL
    return last


def changed_span(old: Strip, new: Strip) -> tuple[int, int] | None:
    """The cells [start, end) outside which ``old`` and ``new`` look the same, or None."""
    a, b = cells(old), cells(new)
    size = max(len(a), len(b))
    a += [(" ", None)] * (size - len(a))
    b += [(" ", None)] * (size - len(b))
    start = next((i for i in range(size) if a[i] != b[i]), None)
    if start is None:
        return None
    end = next(i for i in range(size, 0, -1) if a[i - 1] != b[i - 1])
    # Never cut a wide character in two.
    while start > 0 and (a[start][0] == "" or b[start][0] == ""):
        start -= 1
    while end < size and (a[end][0] == "" or b[end][0] == ""):
        end += 1
    return start, end


def repaint_changes(widget: Widget, before: Sequence[Strip], after: Sequence[Strip], width: int) -> None:
    """Mark as dirty, in ``widget``'s content, only the cells that differ between the
    lines ``before`` and ``after`` (its visible lines, top to bottom)."""
    for y, (old, new) in enumerate(zip_longest(before, after)):
        if old is None or new is None:
            widget.refresh(Region(0, y, width, 1))
            continue
        span = changed_span(old, new)
        if span is not None:
            widget.refresh(Region(span[0], y, span[1] - span[0], 1))
