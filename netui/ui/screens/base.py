"""What every netui screen shares: a title line, store calls off the UI thread,
and a refresh when the data changes (here or in another session)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from netui.store.errors import DatabaseBusy, DatabaseDamaged, StoreError
from netui.ui.safe import notice, plain

T = TypeVar("T")


async def run_store(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a store function in a worker thread so a slow disk or a lock never freezes the screen.

    An SQLite error from a read (a damaged page found mid-session) becomes a StoreError
    with a message for the user, like every write's."""
    try:
        return await asyncio.to_thread(fn, *args, **kwargs)
    except StoreError:
        raise
    except Exception as exc:
        from netui.store.db import as_store_error

        translated = as_store_error(exc)
        if translated is None:
            raise
        raise translated from exc


# A save waits this long for another session's write lock before giving up (the store
# itself waits a few seconds per try; each try runs in a thread, so the screen never freezes).
BUSY_PATIENCE_SECONDS = 300.0
BUSY_RETRY_PAUSE = 0.25
WAITING_MESSAGE = (
    "Another netui session is saving. What you typed is kept and will be saved as soon as it finishes."
)


async def run_store_when_free(
    fn: Callable[..., T], *args: Any, waiting: Callable[[], None] | None = None, **kwargs: Any
) -> T:
    """``run_store`` for writes: while another session holds the write lock, keep trying.

    ``waiting`` is called once, when the first try finds the database busy, so the
    screen can say so; the caller's await simply lasts until the write is done."""
    started: float | None = None
    while True:
        try:
            return await run_store(fn, *args, **kwargs)
        except DatabaseBusy:
            now = time.monotonic()
            if started is None:
                started = now
                if waiting is not None:
                    waiting()
            elif now - started > BUSY_PATIENCE_SECONDS:
                raise
            await asyncio.sleep(BUSY_RETRY_PAUSE)


MIN_SIZE = (60, 16)  # below this the title bar says the terminal is small


class TitleBar(Static):
    """The top line: where you are, and what the view shows."""

    DEFAULT_CSS = """
    TitleBar { height: 1; background: $primary-muted; color: $text; padding: 0 1; }
    """

    _parts: tuple[str | Content, ...] = ()

    def show(self, *parts: str | Content) -> None:
        self._parts = parts
        width, height = self.app.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        if small and parts and parts[0] == "netui":
            parts = parts[1:]  # room for where you are
        pieces = [p if isinstance(p, Content) else plain(p) for p in parts if p]
        line = Content(" · ").join(pieces)
        if getattr(self.app.config, "readonly", False):
            # Always in view: every save would be refused, so say so before anyone tries.
            line = Content.assemble(("READ-ONLY ", "bold reverse"), line)
        if small:
            # Still usable, only cramped: say why, where the eye goes first (80x24 is the aim).
            line = Content.assemble((f"⚠ {width}x{height} small", "bold reverse"), " ", line)
        self.update(line)

    def resized(self) -> None:
        self.show(*self._parts)


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

    def on_resize(self) -> None:
        for title in self.query(TitleBar):
            title.resized()

    _quiet_resume = False  # set by the app when switching back to this screen, already built
    _suspended = False  # covered by another screen, or switched away from, since it last showed

    def on_screen_suspend(self) -> None:
        self._suspended = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler (subclass first), which would otherwise restyle
        # every widget of the screen: 4-12 ms of each switch, with nothing changed. Nothing
        # has changed either when a screen shows for the first time (Textual sends it two
        # resumes then) if the style sheet is still the one its widgets were styled with as
        # they mounted: 3-4 ms of start-up.
        unchanged = not self._suspended and self._css_update_count == self.app._css_update_count
        self._suspended = False
        if self._quiet_resume or unchanged:
            self._quiet_resume = False
            event.refresh_styles = False
        if self._stale:
            self._stale = False
            self.reload()

    def _in_hidden_mode(self) -> bool:
        hidden = getattr(self.app, "in_hidden_mode", None)
        return bool(hidden and hidden(self))

    async def _on_idle(self, event: events.Idle) -> None:
        # Textual lays a screen out only while it is shown, so one built ahead of time
        # (NetuiApp.prebuild_mode), or whose data arrived while another mode was up, would
        # do its first layout, and the rounds of resizing that follow, after the switch to
        # it: several frames instead of one. Laying it out while hidden writes nothing.
        app = self.app
        if (
            self._layout_required
            and not self.is_current
            and not (app._batch_count or app._exit or self._closing)  # not while Textual is busy or closing
            and self._in_hidden_mode()
        ):
            # The notifications' rack is shown or hidden on every switch; set it as the switch
            # will, so that is not one more layout after it.
            for rack in self.query("ToastRack"):
                rack.display = bool(self.app._notifications)
            self._layout_required = False
            self._refresh_layout(self.app.size)
            # And draw it once, unseen: the switch then finds every widget's lines ready
            # instead of drawing them all for the first time (40 ms for a full Funnel).
            self._compositor.render_full_update()
        await super()._on_idle(event)

    def _watch__pointer_shape(self, pointer_shape) -> None:
        # Textual sends the terminal the mouse pointer's shape when a screen is made; a
        # screen built out of sight has nothing to say to the terminal.
        if not self._in_hidden_mode():
            super()._watch__pointer_shape(pointer_shape)

    def reload(self) -> None:
        """Fetch what the screen shows again. Screens that show data override this."""

    def changed(self) -> None:
        """Tell every screen that this session wrote something."""
        self.app.data_changed.publish(self)

    async def store(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Call the store off the UI thread; a StoreError becomes a notification and None.

        A one-key action gives up after the store's short wait for another session's
        lock (saying so); forms wait longer, in a worker (``run_store_when_free``)."""
        try:
            return await run_store(fn, *args, **kwargs)
        except DatabaseDamaged as exc:
            self.app.database_damaged(str(exc))
            return None
        except StoreError as exc:
            notice(self, str(exc), severity="error", timeout=8)
            return None

    def open_filter(self, box) -> None:
        """Show and focus a filter field. Bind `/` to this with priority=True: the binding then
        runs as soon as the key is read, so keys typed right after it land in the field."""
        if self.focused is box:  # `/` typed inside the field: queue it behind the keys before it
            box.post_message(events.Key("slash", "/"))
            return
        box.add_class("-shown")
        self.set_focus(box)

    def selected_person_id(self) -> int | None:
        """The person an app-wide action (log, …) should start from, if any."""
        return None
