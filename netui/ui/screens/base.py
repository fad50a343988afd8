"""What every netui screen shares: a title line, store calls off the UI thread
(``netui.ui.store_calls``), and a reload when the data changes, here or in another session."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from netui.store.errors import StoreError
from netui.ui.safe import plain
from netui.ui.store_calls import StoreCalls, report_store_error

T = TypeVar("T")


class Failed(enum.Enum):
    """What ``NetuiScreen.write`` returns when the write was refused."""

    FAILED = "failed"


FAILED = Failed.FAILED

MIN_SIZE = (60, 16)  # below this the title bar says the terminal is small


class TitleBar(Static):
    """The top line: where you are, and what the view shows."""

    DEFAULT_CSS = """
    TitleBar { height: 1; background: $primary-muted; color: $text; padding: 0 1; }
    """

    _parts: tuple[str | Content, ...] = ()
    _shown: tuple[str, tuple] | None = None  # the text and styles last shown

    def show(self, *parts: str | Content) -> None:
        self._parts = parts
        width, height = self.app.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        if small and parts and parts[0] == "netui":
            parts = parts[1:]  # room for where you are
        pieces = [p if isinstance(p, Content) else plain(p) for p in parts if p]
        line = Content(" · ").join(pieces)
        if self.app.db.readonly:
            # Always in view: every save would be refused, so say so before anyone tries.
            line = Content.assemble(("READ-ONLY ", "bold reverse"), line)
        if small:
            # Still usable, only cramped: say why, where the eye goes first (80x24 is the aim).
            line = Content.assemble((f"⚠ {width}x{height} small", "bold reverse"), " ", line)
        shown = (line.plain, tuple(line.spans))
        if shown != self._shown:  # an update costs a repaint: only when the line changed
            self._shown = shown
            # One line, as wide as the screen (CSS): a new title never changes its size, so
            # it needs no layout pass (which would arrange the whole screen again).
            self.update(line, layout=False)

    def show_again(self) -> None:
        """The same parts, for a new terminal size or a session turned read-only."""
        self.show(*self._parts)


class NetuiScreen(StoreCalls, Screen):
    """Base for the app's screens."""

    _stale = False

    def compose_title(self) -> ComposeResult:
        yield TitleBar(id="title")

    _subscribed = False

    def on_mount(self) -> None:
        # Textual calls each class's on_mount along the MRO, and screens also call
        # super().on_mount(): subscribe once, or every change would be heard twice.
        if not self._subscribed:
            self._subscribed = True
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
        self.show_title_again()

    def show_title_again(self) -> None:
        for title in self.query(TitleBar):
            title.show_again()

    # Until a screen is first hidden, its widgets have the styles they were given as they
    # mounted, by the style sheet as it is now (a theme change restyles the screen shown).
    # Textual restyles every widget of a new mode's screen on each of the two ScreenResume
    # events of its first visit anyway; those restyles are skipped. Once it has been hidden
    # (another screen, a dialog), a resume restyles as usual: a theme may have changed.
    _hidden_once = False

    def on_screen_suspend(self) -> None:
        self._hidden_once = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._hidden_once:
            event.refresh_styles = False
        self.show_title_again()  # the session may have turned read-only meanwhile
        if self._stale:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        """Fetch what the screen shows again. Screens that show data override this."""

    @classmethod
    def first_load(cls, today: date) -> tuple[Callable[..., Any], tuple[Any, ...]] | None:
        """The store call (function and arguments after the database) this screen's first
        load makes on ``today``, for the app to read ahead (``netui.ui.prefetch``); None if
        there is nothing worth reading ahead, or if the load writes (the Review stores the
        month's picks: written ahead, it would look like another session's change). A call
        that differs is merely read again."""
        return None

    def changed(self) -> None:
        """Tell every screen that this session wrote something."""
        self.app.data_changed.publish(self)

    async def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | Failed:
        """A store write from a key: its result, or FAILED (the failure was reported). Every
        screen hears of it either way: a refusal may mean the data changed elsewhere."""
        try:
            return await self.ask(fn, *args, **kwargs)
        except StoreError as exc:
            report_store_error(self, exc)
            return FAILED
        finally:
            self.changed()

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

    async def action_undo(self) -> None:
        await self.app.undo.undo_last(self)

    def undone(self, entry) -> None:
        """An undo from this screen ran (or was refused): show its effect. A screen may also
        follow what it brought back (its cursor, say)."""
        self.changed()
