"""The one way user data reaches the screen.

Everything a user typed or a file held goes through ``plain`` (or, for the few
Textual APIs that insist on a markup string, ``markup_literal``). Control and escape
characters become visible placeholders (domain.text.displayable) and the text is
never parsed as markup, so a name like ``[@click=app.quit]x`` stays four words on
screen and can never become an action, a link or a terminal escape.
"""

from __future__ import annotations

from textual.content import Content
from textual.fuzzy import Matcher

from netui.domain.text import displayable

ELLIPSIS = "…"


def clean(value: object, *, multiline: bool = False) -> str:
    """Stored text made safe for a terminal, as a plain ``str`` (for widths and sorting)."""
    return displayable(value, multiline=multiline)


def plain(value: object, *, multiline: bool = False, style: str = "") -> Content:
    """Stored text as literal Content: never markup, controls shown as placeholders."""
    content = Content(displayable(value, multiline=multiline))
    return content.stylize(style) if style else content


def markup_literal(value: object, *, multiline: bool = False) -> str:
    """For APIs that only take markup strings: a string that renders as the literal text.

    Textual's own ``markup.escape`` only escapes brackets that look like tags, so
    ``[/`` or ``x[/`` still raise a MarkupError and ``[$accent]x`` loses its tag.
    Textual's parser never opens a tag at a ``[`` preceded by a backslash and turns
    ``\\[`` back into ``[``, so escaping every bracket round-trips exactly.
    """
    return displayable(value, multiline=multiline).replace("[", "\\[")


def highlight(matcher: Matcher, value: object, style: str = "bold underline") -> Content:
    """Fuzzy-match highlighting that, unlike ``Matcher.highlight``, never parses markup."""
    text = displayable(value)
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(style, offset, offset + 1)
    return content


def notice(widget, message: str, *, title: str = "", severity: str = "information", timeout: float | None = None) -> None:
    """Notify with text that may hold user data; shown literally."""
    widget.app.notify(
        displayable(message, multiline=True),
        title=displayable(title),
        severity=severity,
        timeout=timeout,
        markup=False,
    )
