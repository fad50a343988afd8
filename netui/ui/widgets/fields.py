"""A one-line text field that never silently drops pasted text."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input

from netui.domain.text import clean_input, has_control_characters, without_controls
from netui.ui.safe import notice


class TextField(Input):
    """Textual's Input keeps only the first line of a paste; this one joins the lines
    (and drops control characters) and says so, so nothing vanishes without a word.

    Its value can never hold a control character, whoever sets it: a stored value
    written by another tool (``\x1b]0;title\x07``) would otherwise be drawn by the
    Input as a live terminal sequence. Use it for every one-line field.
    """

    on_change: Callable[[str], None] | None = None

    def __init__(self, *args, on_change: Callable[[str], None] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.on_change = on_change

    def validate_value(self, value: str) -> str:
        return without_controls(value)

    def watch_value(self, value: str) -> None:
        # Called at once, while the key is handled, unlike the Changed message (a queue hop
        # later): a filter given here shows its rows in the same frame as the typed letter.
        if self.on_change is not None:
            self.on_change(value)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own handler would paste the first line again
        raw = event.text
        if not raw:
            return
        text = clean_input(raw)
        lines = len([line for line in raw.splitlines() if line.strip()])
        if lines > 1:
            notice(self, f"Pasted {lines} lines into a one-line field: they were joined with spaces.", severity="warning")
        elif has_control_characters(raw):
            notice(self, "Control characters in the pasted text were removed.", severity="warning")
        if self.max_length and len(self.value) + len(text) > self.max_length:
            notice(self, f"This field holds at most {self.max_length} characters; the paste was not inserted.", severity="error")
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)
