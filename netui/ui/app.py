"""The netui App: modes, global keys, theme, and the database it was given. Nothing else."""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal

from netui.ui.style_cache import StyleCache

from netui.ui.commands import PeopleProvider
from netui.ui.safe import notice
from netui.ui.screens.overview import OverviewScreen


# Once the first screen is up, the other screens are built one by one while nobody types:
# switching to one then shows it, with its data, at once instead of composing it then.
PREBUILD_PAUSE = 0.4  # seconds without a key before building the next screen


def _lazy(module: str, name: str) -> Callable[[], Screen]:
    def make() -> Screen:
        return getattr(importlib.import_module(module), name)()

    return make


@dataclass
class AppConfig:
    db_path: Path
    readonly: bool = False
    theme: str | None = None
    today: Callable[[], date] = field(default=date.today)
    watch_seconds: float = 2.0  # how often to look for another session's changes
    # The settings and the Overview's first data, already being loaded (see netui.ui.early).
    early_settings: Future | None = None
    early_overview: Future | None = None  # taken once, by the Overview
    # Build the other screens while the user reads the first (see NetuiApp._prebuild_next).
    prebuild: bool = False
    # Parsed style sheets from the last start (see netui.ui.style_cache); the CLI passes one.
    style_cache: StyleCache | None = None


class NetuiApp(App[int]):
    TITLE = "netui"
    CSS_PATH = "netui.tcss"
    COMMANDS = App.COMMANDS | {PeopleProvider}
    # The first screen is imported up front; the others when first opened, which keeps
    # their code off the start-up path.
    MODES = {
        "overview": OverviewScreen,
        "funnel": _lazy("netui.ui.screens.funnel", "FunnelScreen"),
        "journal": _lazy("netui.ui.screens.journal", "JournalScreen"),
        "people": _lazy("netui.ui.screens.people", "PeopleScreen"),
        "agenda": _lazy("netui.ui.screens.agenda", "AgendaScreen"),
    }
    DEFAULT_MODE = "overview"
    BINDINGS = [
        Binding("1", "switch_mode('overview')", "Overview", show=False, id="go.overview"),
        Binding("2", "switch_mode('funnel')", "Funnel", show=False, id="go.funnel"),
        Binding("3", "switch_mode('journal')", "Journal", show=False, id="go.journal"),
        Binding("4", "switch_mode('people')", "People", show=False, id="go.people"),
        Binding("5", "switch_mode('agenda')", "Agenda", show=False, id="go.agenda"),
        Binding("a", "add_person", "Add", id="app.add"),
        Binding("l", "log", "Log", id="app.log"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("comma", "settings", "Settings", show=False, id="app.settings"),
        Binding("q", "quit", "Quit", show=False, id="app.quit"),
    ]

    def __init__(self, config: AppConfig) -> None:
        if config.style_cache is not None:
            config.style_cache.install()
        super().__init__()
        self.config = config
        self.data_changed: Signal[object] = Signal(self, "data-changed")
        self.undo_stack: list = []
        self._watch: sqlite3.Connection | None = None
        self._data_version = 0
        self._theme_problems = self._register_themes(config.theme)
        self._match_no_color_filter()
        self._apply_user_config()

    def _match_no_color_filter(self) -> None:
        """Textual picks its NO_COLOR filter for the theme of the moment in App.__init__, before
        netui's theme is set; greying an ANSI theme's colours turns the screen black on black."""
        from textual.filter import Monochrome, NoColor

        if self.no_color:
            wanted = NoColor if self.native_ansi_color else Monochrome
            self._filters[:] = [wanted() if isinstance(f, (NoColor, Monochrome)) else f for f in self._filters]

    def _apply_user_config(self) -> None:
        from netui.ui.config import load_config

        user = load_config()
        self._theme_problems += user.problems
        if user.keymap:
            self.set_keymap(user.keymap)

    def _register_themes(self, wanted: str | None) -> list[str]:
        """Find and apply the theme to start with; the others are registered after the first
        paint (``_register_other_themes``), which keeps reading and checking them off start-up."""
        from netui.ui.themes import DEFAULT_THEME, load_themes

        problems: list[str] = []
        saved = self._saved_theme()
        for name in (wanted, saved, DEFAULT_THEME):
            if not name:
                continue
            if name not in self.available_themes:
                loaded = load_themes(only=name)
                for theme in loaded.themes:
                    self.register_theme(theme)
            if name in self.available_themes:
                self.theme = name
                break
            if name == saved:
                problems.append(f"The saved theme {name!r} is no longer available; using the default.")
        return problems

    def _saved_theme(self) -> str:
        """The theme saved in the database, from the settings read at start-up if there are any."""
        if self.config.early_settings is not None:
            try:
                return self.config.early_settings.result(timeout=2).theme
            except Exception:
                pass  # read again below
        from netui.store.plain import load_settings, plain_connection

        try:
            with plain_connection(self.config.db_path):
                return load_settings().theme
        except sqlite3.Error:
            return ""  # the first screen's load will say what is wrong with the file

    def connect_store(self) -> None:
        """Open the file through the ORM now if start-up left it for later (see
        netui.store.check.connect_later), rather than at the first key that needs it."""
        from netui.store.models import open_pending

        open_pending()

    def _started(self) -> None:
        """The first screen has painted: what was put off to make that quick happens now."""
        from netui.ui import collector

        self.connect_store()
        if self.config.style_cache is not None:
            self.config.style_cache.finish()
        collector.resume_after_first_paint()
        self._register_other_themes()
        if self.config.prebuild:
            self.set_timer(PREBUILD_PAUSE, self._prebuild_next)

    def _register_other_themes(self) -> None:
        """Every theme, for the palette's "Change theme"; a broken user file is reported here."""
        from netui.ui.themes import load_themes

        loaded = load_themes()
        for theme in loaded.themes:
            if theme.name != self.theme:
                self.register_theme(theme)
        for problem in loaded.problems:
            notice(self, problem, severity="warning", timeout=10)

    def watch_theme(self, name: str) -> None:
        """Remember the theme picked in the palette (ctrl+p, "Change theme") for next time."""
        self._match_no_color_filter()
        if getattr(self, "_theme_problems", None) is None or self.config.readonly:
            return  # still starting up, or nowhere to save
        from netui.store.errors import StoreError
        from netui.store.settings import set_setting

        def save() -> None:
            try:
                set_setting("theme", name)
            except StoreError:
                pass  # a locked or read-only database: the theme still applies to this session

        self.run_worker(save, thread=True, group="save-theme")

    # ------------------------------------------------------------ switching screens

    _built_screen_switch = False

    def switch_mode(self, mode: str):
        """Textual holds every repaint for 50 ms after a switch (``delay_update``) so a screen
        still being built is not seen half done. A screen visited before is already built:
        switching to it paints at once, which is most of a switch's time saved."""
        # A screen still being built ahead (prebuild_mode) takes the usual way.
        self._built_screen_switch = mode in self._screen_stacks and self._screen_stacks[mode][-1].is_mounted
        if self._built_screen_switch:
            # Nor does a built screen need every widget restyled when it comes back (Textual
            # skips that too when a dialog closes); a theme changed meanwhile is still applied.
            self._screen_stacks[mode][-1]._quiet_resume = True
        try:
            return super().switch_mode(mode)
        finally:
            self._built_screen_switch = False

    # The _css_update_count the stylesheet was last refreshed for (see _get_screen).
    _css_refreshed_for = -1

    def refresh_css(self, animate: bool = True) -> None:
        super().refresh_css(animate)
        self._css_refreshed_for = self._css_update_count

    def _get_screen(self, screen):
        """The first time a mode's screen is shown, Textual parses every style sheet again and
        restyles the app, because the new screen has not been through a style refresh yet.
        Its widgets are styled from the stylesheet as they mount, so when nothing has changed
        since the last refresh (no new theme meanwhile), the screen is marked up to date and
        that second parse (5–15 ms, more with each screen's styles) is skipped."""
        new, await_mount = super()._get_screen(screen)
        if self._css_refreshed_for == self._css_update_count and new._css_update_count < 0:
            new._css_update_count = self._css_update_count
        return new, await_mount

    def _prebuild_next(self) -> None:
        """Build the next screen not built yet, when nobody has typed for a moment."""
        from netui.ui import collector

        waiting = [mode for mode in self._modes if mode not in self._screen_stacks and mode != self._current_mode]
        if not waiting or self._exit or self._closing:
            return
        quiet = collector.seconds_since_activity()
        if quiet < PREBUILD_PAUSE:
            self.set_timer(PREBUILD_PAUSE - quiet, self._prebuild_next)
            return
        self.prebuild_mode(waiting[0])
        self.set_timer(PREBUILD_PAUSE, self._prebuild_next)

    def in_hidden_mode(self, screen: Screen) -> bool:
        """Whether ``screen`` belongs to a mode other than the one shown."""
        return any(screen in stack for mode, stack in self._screen_stacks.items() if mode != self._current_mode)

    def prebuild_mode(self, mode: str) -> Screen:
        """Compose and mount a mode's screen without showing it, as Textual does on the first
        switch to it (App._init_mode) but with no resume: it loads its data meanwhile, and
        the switch to it later is that of a screen visited before."""
        if mode in self._screen_stacks:
            return self._screen_stacks[mode][0]
        screen, _ = self._get_screen(self._modes[mode]())
        self._screen_stacks[mode] = [screen]
        self._load_screen_css(screen)
        return screen

    def delay_update(self, delay: float = 0.05) -> None:
        if not self._built_screen_switch:
            super().delay_update(delay)

    def today(self) -> date:
        return self.config.today()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """No blinking cursors: a blink is output twice a second, forever, over an idle SSH link."""
        # By attribute, not isinstance: importing TextArea here would cost start-up 10 ms.
        if getattr(event.widget, "cursor_blink", False):
            event.widget.cursor_blink = False

    def on_mount(self) -> None:
        from netui.ui.drafts import install_hangup_handler

        install_hangup_handler(self, self.config.db_path)
        for problem in self._theme_problems:
            notice(self, problem, severity="warning", timeout=10)
        self.call_after_refresh(self._started)
        self.call_after_refresh(self._offer_drafts)

    async def _offer_drafts(self) -> None:
        from netui.ui.drafts import offer_drafts

        await offer_drafts(self, self.config.db_path)
        if self.config.readonly:
            self.sub_title = "read-only"
            notice(self, "The database is read-only: you can look, but nothing can be saved.", severity="warning", timeout=10)
        self._start_watch()

    # ------------------------------------------------------------ other sessions

    def _start_watch(self) -> None:
        try:
            from netui.store.check import read_only_uri

            self._watch = sqlite3.connect(read_only_uri(self.config.db_path), uri=True, check_same_thread=False)
            self._data_version = self._watch.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            self._watch = None  # no live refresh; the interval still tidies memory
        self.set_interval(self.config.watch_seconds, self._poll)
        self.data_changed.subscribe(self, self._absorb_own_change)

    def _read_version(self) -> int | None:
        try:
            return self._watch.execute("PRAGMA data_version").fetchone()[0] if self._watch else None
        except sqlite3.Error:
            return None

    def _absorb_own_change(self, _origin: object) -> None:
        version = self._read_version()
        if version is not None:
            self._data_version = version

    def _poll(self) -> None:
        from netui.ui import collector

        version = self._read_version()
        if version is not None and version != self._data_version:
            self._data_version = version
            self.data_changed.publish(self)
        # The cycle collector's full walks while nobody types; a cheap settle otherwise.
        if not collector.tidy_if_idle():
            collector.settle()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.Paste)):
            from netui.ui import collector

            collector.activity()
        await super().on_event(event)

    def database_damaged(self, message: str) -> None:
        """A damaged page was found mid-session: stop writing to the file, say why, carry on read-only."""
        from netui.store.db import stop_writing

        stop_writing()
        self.config.readonly = True
        self.sub_title = "read-only"
        notice(self, message, severity="error", timeout=30)

    def _handle_exception(self, error: Exception) -> None:
        # A background load that met a damaged page must not take the app down with a
        # traceback: say so and go read-only. Anything else is a bug and exits as usual.
        from netui.store.db import as_store_error
        from netui.store.errors import DatabaseDamaged

        cause = getattr(error, "error", error)  # a WorkerFailed carries the worker's own error
        damage = as_store_error(cause) if isinstance(cause, Exception) else None
        if isinstance(damage, DatabaseDamaged):
            self.database_damaged(str(damage))
            return
        super()._handle_exception(error)

    # ------------------------------------------------------------ global actions

    def action_help(self) -> None:
        from netui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    async def action_add_person(self) -> None:
        from netui.store.people import name_index
        from netui.ui.person_actions import save_new
        from netui.ui.screens.base import run_store
        from netui.ui.screens.person_form import PersonForm

        names = await run_store(name_index)

        def added(person_id: int | None) -> None:
            if person_id is not None:
                notice(self, "Added. Press enter on them in People to see everything.")
                self.data_changed.publish(self)
                select = getattr(self.screen, "select_person", None)
                if select:
                    select(person_id)

        self.push_screen(PersonForm(None, names, save_new), added)

    async def action_log(self) -> None:
        from netui.ui.journal_actions import open_log_form

        await open_log_form(self)

    async def action_settings(self) -> None:
        from netui.ui.screens.settings import SettingsScreen, open_settings

        if not isinstance(self.screen, SettingsScreen):
            await open_settings(self)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Add a person", "Open the form for someone new", self.action_add_person)
        for number, (mode, label) in enumerate(
            [("overview", "Overview"), ("funnel", "Funnel"), ("journal", "Journal"), ("people", "People"), ("agenda", "Agenda")],
            start=1,
        ):
            yield SystemCommand(f"Go to {label} ({number})", f"Switch to the {label} screen", lambda m=mode: self.switch_mode(m))
        yield SystemCommand("Trash", "People you deleted, to restore or purge", self._open_trash)
        yield SystemCommand("Import people", "From LinkedIn, vCard or CSV, with a preview first", self._open_import)
        yield SystemCommand("Settings (,)", "Your name and company, keep-in-touch intervals, neglect thresholds", self.action_settings)
        yield SystemCommand("Help", "Every key of this screen", self.action_help)
        from netui.ui.screens.help import screen_actions, screen_name

        for description, keys, action in screen_actions(screen):  # this screen's own actions
            yield SystemCommand(
                f"{description} ({keys})",
                f"Run on the {screen_name(screen)} screen",
                lambda s=screen, a=action: self.run_action(a, s),
            )

    def _open_trash(self) -> None:
        from netui.ui.screens.trash import TrashScreen

        self.push_screen(TrashScreen())

    def _open_import(self) -> None:
        from netui.ui.screens.import_screen import ImportScreen

        self.push_screen(ImportScreen())


def make_app(config: AppConfig) -> NetuiApp:
    """The one way to build the app: the CLI and the tests both call this."""
    return NetuiApp(config)
