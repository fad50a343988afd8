"""Keys typed ahead must not destroy what the user has not seen.

A key typed while a dialog was closing or another screen was still in front (``3d``
typed quickly after a dialog: the ``d`` meant nothing yet) reaches whatever screen
is current when it is read. For most keys that is what the user wants: fast typing
should work. A destructive key (delete, purge, a confirmation's yes) is refused when
it was typed before the screen it acts on appeared, and the user is told to press it
again.

The times compared are the ones Textual stamps on every event when it is made: a key
is stamped when the terminal's input is read, not when the app gets round to it.
"""

from __future__ import annotations

from textual import events
from textual.message import Message

from netui.ui.safe import notice


def event_clock() -> float:
    """Now, on the clock Textual stamps its events with."""
    return Message().time


class TypeAheadGuard:
    """Mixed into the App: when the last input event was made, when the screen last changed."""

    input_at: float = 0.0  # the input event being handled (or the last one)
    screen_at: float = 0.0  # the screen in front last changed (pushed, popped, switched)

    def watch_screens(self) -> None:
        self.screen_change_signal.subscribe(self, self._screen_changed)  # type: ignore[attr-defined]

    def _screen_changed(self, _screen) -> None:
        self.screen_at = event_clock()

    def note_input(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseUp, events.Click)):
            self.input_at = event.time

    def typed_ahead(self, key: str, what: str) -> bool:
        """True (after saying so) when the key being handled was typed before the screen
        in front appeared: then the caller does nothing."""
        if self.input_at >= self.screen_at:
            return False
        notice(
            self,
            f"{key} was typed before this screen appeared, so nothing was done: press {key} again to {what}.",
            severity="warning",
        )
        return True
