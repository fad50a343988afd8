"""What every netui screen shares: a title line, store calls off the UI thread,
and a refresh when the data changes (here or in another session)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from netui.store.errors import StoreError
from netui.ui.safe import notice, plain

T = TypeVar("T")


async def run_store(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a store function in a worker thread so a slow disk or a lock never freezes the screen."""
    return await asyncio.to_thread(fn, *args, **kwargs)


class TitleBar(Static):
    """The top line: where you are, and what the view shows."""

    DEFAULT_CSS = """
    TitleBar { height: 1; background: $primary-muted; color: $text; padding: 0 1; }
    """

    def show(self, *parts: str | Content) -> None:
        pieces = [p if isinstance(p, Content) else plain(p) for p in parts if p]
        line = Content(" · ").join(pieces)
        if getattr(self.app.config, "readonly", False):
            # Always in view: every save would be refused, so say so before anyone tries.
            line = Content.assemble(("READ-ONLY ", "bold reverse"), line)
        self.update(line)


class NetuiScreen(Screen):
    """Base for the app's screens."""

    TITLE_TEXT = "netui"
    _stale = False

    def compose_title(self) -> ComposeResult:
        yield TitleBar(id="title")

    def on_mount(self) -> None:
        self.app.data_changed.subscribe(self, self._data_changed)

    # Set by a screen that has already shown its own change, to skip the reload it triggers.
    _own_change_shown = False

    def _data_changed(self, origin: object = None) -> None:
        if origin is self and self._own_change_shown:
            self._own_change_shown = False
            return
        if self.is_current:
            self.reload()
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        """Fetch what the screen shows again. Screens that show data override this."""

    def changed(self) -> None:
        """Tell every screen that this session wrote something."""
        self.app.data_changed.publish(self)

    async def store(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Call the store off the UI thread; a StoreError becomes a notification and None."""
        try:
            return await run_store(fn, *args, **kwargs)
        except StoreError as exc:
            notice(self, str(exc), severity="error", timeout=8)
            return None

    def selected_person_id(self) -> int | None:
        """The person an app-wide action (log, …) should start from, if any."""
        return None
