"""A one-line text field that never silently drops pasted text."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.suggester import Suggester, SuggestionReady
from textual.widgets import Checkbox, Input, TextArea

from netui.domain.text import JOINERS, clean_input, has_control_characters, without_controls
from netui.ui.safe import notice


def _typed_joiner(event: events.Key) -> str | None:
    """The zero-width joiner or non-joiner this key typed, if it did.

    Textual types only printable characters, and Python counts the joiners as not
    printable (format characters), so a Persian name lost the ZWNJ that spells it and an
    emoji sequence fell apart: the same text pasted, imported or given on the command
    line keeps them. Dangerous format characters (bidi overrides) stay dropped."""
    return event.character if event.character in JOINERS else None


class TextField(Input):
    """Textual's Input keeps only the first line of a paste; this one joins the lines
    (and drops control characters) and says so, so nothing vanishes without a word.
    A paste longer than the field's ``max_length`` puts in what fits and says how much
    was left out, in the same single notice.

    Its value can never hold a control character, whoever sets it: a stored value
    written by another tool (``\x1b]0;title\x07``) would otherwise be drawn by the
    Input as a live terminal sequence. Use it for every one-line field.
    """

    BINDINGS = [
        # Only while a suggestion is shown; otherwise tab moves to the next field as usual.
        Binding("tab", "accept_suggestion", "Accept the suggestion", id="field.accept_suggestion", show=False),
    ]

    on_change: Callable[[str], None] | None = None
    offered = ""  # the completion the suggester offered for the current value

    def __init__(self, *args, on_change: Callable[[str], None] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.on_change = on_change

    def on_suggestion_ready(self, event: SuggestionReady) -> None:
        # Input shows it too (its own handler runs after this one).
        self.offered = event.suggestion if event.value == self.value else ""

    def action_accept_suggestion(self) -> None:
        """tab completes, as the placeholders promise (→ does it too, Input's own way)."""
        offered, value = self.offered, self.value
        if not (value and self.cursor_at_end and len(offered) > len(value)):
            raise SkipAction()  # the key goes on to the screen: focus the next field
        self.value = offered
        self.cursor_position = len(offered)

    def validate_value(self, value: str) -> str:
        return without_controls(value)

    def on_key(self, event: events.Key) -> None:
        joiner = _typed_joiner(event)
        if joiner is None:
            return
        event.stop()
        event.prevent_default()
        start, end = sorted(self.selection)
        if start == end:
            self.insert_text_at_cursor(joiner)
        else:
            self.replace(joiner, start, end)

    def watch_value(self, value: str) -> None:
        if self.offered and value != self.offered:
            self.offered = ""  # a new value waits for its own suggestion
        # Called at once, while the key is handled, unlike the Changed message (a queue hop
        # later): a filter given here shows its rows in the same frame as the typed letter.
        if self.on_change is not None:
            self.on_change(value)

    def on_paste(self, event: events.Paste) -> None:
        # Textual calls this before Input's own paste handler (which keeps only the first
        # line); prevent_default() stops the walk up the class tree, so that one never runs.
        event.prevent_default()
        event.stop()
        raw = event.text
        if not raw:
            return
        text = clean_input(raw)
        said: list[str] = []
        lines = len([line for line in raw.splitlines() if line.strip()])
        if lines > 1:
            said.append(f"Pasted {lines} lines into a one-line field: they were joined with spaces.")
        elif has_control_characters(raw):
            said.append("Control characters in the pasted text were removed.")
        start, end = sorted(self.selection)
        if self.max_length:
            room = self.max_length - (len(self.value) - (end - start))
            if room <= 0:
                # Only this notice: the joining above did not happen as far as the user can see.
                notice(
                    self,
                    f"This field holds at most {self.max_length:,} characters and is full: nothing was pasted.",
                    severity="error",
                )
                return
            if len(text) > room:
                left_out = len(text) - room
                text = text[:room]
                said.append(
                    f"This field holds at most {self.max_length:,} characters: the first {room:,} were pasted, "
                    f"the last {left_out:,} left out."
                )
        if said:
            notice(self, " ".join(said), severity="warning")
        if start == end:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, start, end)


class NotesArea(TextArea):
    """A TextArea that keeps a typed zero-width joiner or non-joiner, as TextField does."""

    def on_key(self, event: events.Key) -> None:
        joiner = _typed_joiner(event)
        if joiner is None or self.read_only:
            return
        event.stop()
        event.prevent_default()
        start, end = self.selection
        self.replace(joiner, start, end)


class StateCheckbox(Checkbox):
    """A checkbox whose state is a sign (✓ on, blank off), not only a colour: under
    NO_COLOR with the 16-colour theme on and off differed only by bold."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = "✓" if self.value else " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "✓" if self.value else " "
        super().watch_value()
        self.refresh()


class LookupSuggester(Suggester):
    """Completes from ``lookup(typed)``, an awaitable answer (a screen's store call). Nothing
    is cached: what it completes from can change while the field is open."""

    def __init__(self, lookup: Callable[[str], Awaitable[str | None]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.lookup = lookup

    async def get_suggestion(self, value: str) -> str | None:
        if not value.strip() or "\n" in value:
            return None
        return await self.lookup(value)


class PathSuggester(Suggester):
    """Completes a file path from what is on disk: ``~/Down`` suggests ``~/Downloads/``.
    ``tab`` (or ``→``) in a TextField takes the suggestion."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        import os

        if not value or "\n" in value:
            return None
        folder_part, _, prefix = value.rpartition("/")
        folder = os.path.expanduser(folder_part + "/" if folder_part or value.startswith("/") else ".")
        try:
            names = sorted(entry.name for entry in os.scandir(folder) if entry.name.startswith(prefix))
        except OSError:
            return None
        names = [n for n in names if not n.startswith(".") or prefix.startswith(".")]
        if not names:
            return None
        common = os.path.commonprefix(names)
        if len(names) == 1 and os.path.isdir(os.path.join(folder, common)):
            common += "/"
        if len(common) <= len(prefix):
            return None
        return value + common[len(prefix):]
