"""The netui App: modes, global keys, theme, the database it was given, the undo stack."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter, Monochrome, NoColor
from textual.screen import Screen
from textual.signal import Signal

from netui.store.db import ChangeWatch, Database, as_store_error
from netui.store.errors import StoreError
from netui.ui.commands import PeopleProvider
from netui.ui.prefetch import Prefetched
from netui.ui.safe import notice
from netui.ui.screens.overview import OverviewScreen
from netui.ui.store_calls import StoreCalls
from netui.ui.tuning import ProcessTuning
from netui.ui.type_ahead import TypeAheadGuard
from netui.ui.undo import UndoStack

if TYPE_CHECKING:
    from textual.widget import AwaitMount


class _Lazy:
    """A mode's screen, made from a module imported when the mode is first opened."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def screen_class(self) -> type[Screen]:
        return getattr(importlib.import_module(self.module), self.name)

    def __call__(self) -> Screen:
        return self.screen_class()()


_lazy = _Lazy


# What a first visit to another screen, the person screen or a form would otherwise wait for.
WARM_UP_MODULES = (
    "netui.ui.screens.funnel", "netui.ui.screens.journal", "netui.ui.screens.people",
    "netui.ui.screens.agenda", "netui.ui.screens.inbox", "netui.ui.screens.review",
    "netui.ui.screens.person", "netui.ui.screens.person_form", "netui.ui.screens.interaction_form",
    "netui.ui.screens.help",
)


def import_ahead(modules: Iterable[str] = WARM_UP_MODULES) -> None:
    """Import the code of the screens not shown yet (a worker runs this once the first screen
    has its data). Python imports a module once per process, so a first visit then costs
    building the screen and reading its data, not compiling and defining its classes."""
    for module in modules:
        importlib.import_module(module)


@dataclass
class AppConfig:
    db: Database
    theme: str | None = None  # --theme: wins over the saved one
    saved_theme: str = ""  # the theme saved in the database (make_app reads it)
    today: Callable[[], date] = field(default=date.today)
    watch_seconds: float = 2.0  # how often to look for another session's changes
    read_ahead: bool = True  # read what the Overview opens with as it is built, then what the others do
    tuning: ProcessTuning | None = None  # the command line's; resumed once the first screen is up


class NetuiApp(TypeAheadGuard, StoreCalls, App[int]):
    TITLE = "netui"
    CSS_PATH = "netui.tcss"
    COMMANDS = App.COMMANDS | {PeopleProvider}
    # The first screen is imported up front; the others when first opened. The Overview is
    # the default screen rather than a mode of its own: Textual re-reads the whole style
    # sheet when a mode's first screen is made, and the default screen is made without.
    # It joins MODES once it is up (``on_mount``), so `1` switches back to it.
    MODES = {
        "funnel": _lazy("netui.ui.screens.funnel", "FunnelScreen"),
        "journal": _lazy("netui.ui.screens.journal", "JournalScreen"),
        "people": _lazy("netui.ui.screens.people", "PeopleScreen"),
        "agenda": _lazy("netui.ui.screens.agenda", "AgendaScreen"),
        "inbox": _lazy("netui.ui.screens.inbox", "InboxScreen"),
        "review": _lazy("netui.ui.screens.review", "ReviewScreen"),
    }
    DEFAULT_MODE = "overview"
    BINDINGS = [
        Binding("1", "switch_mode('overview')", "Overview", show=False, id="go.overview"),
        Binding("2", "switch_mode('funnel')", "Funnel", show=False, id="go.funnel"),
        Binding("3", "switch_mode('journal')", "Journal", show=False, id="go.journal"),
        Binding("4", "switch_mode('people')", "People", show=False, id="go.people"),
        Binding("5", "switch_mode('agenda')", "Agenda", show=False, id="go.agenda"),
        Binding("6", "switch_mode('inbox')", "Inbox", show=False, id="go.inbox"),
        Binding("7", "switch_mode('review')", "Review", show=False, id="go.review"),
        Binding("a", "add_person", "Add", id="app.add"),
        Binding("l", "log", "Log", id="app.log"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("comma", "settings", "Settings", show=False, id="app.settings"),
        Binding("q", "quit", "Quit", show=False, id="app.quit"),
    ]

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        self.config = config
        self.db = config.db
        self.data_changed: Signal[object] = Signal(self, "data-changed")
        self.undo = UndoStack()
        self.prefetched = Prefetched()
        self._watch: ChangeWatch | None = None
        self._own_change = False
        self._colourless: dict[bool, LineFilter] = {True: NoColor(), False: Monochrome()}
        self._theme_problems = self._register_themes(config.theme)
        self._apply_user_config()

    # ------------------------------------------------------------ looks

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Under NO_COLOR, Textual picks its colour-removing filter once, for the theme of the
        moment (before netui's is set); an ANSI theme needs NoColor, any other Monochrome
        (greying an ANSI theme's colours turns the screen black on black)."""
        filters = list(super().get_line_filters())
        if self.no_color:
            wanted = self._colourless[self.native_ansi_color]
            filters = [wanted if isinstance(f, (NoColor, Monochrome)) else f for f in filters]
        return filters

    def _apply_user_config(self) -> None:
        from netui.ui.config import load_config

        user = load_config()
        self._theme_problems += user.problems
        if user.keymap:
            self.set_keymap(user.keymap)

    def _register_themes(self, wanted: str | None) -> list[str]:
        """Register netui's themes and apply the one to start with: ``--theme``, else the one
        saved in the database, else the default."""
        from netui.ui.themes import DEFAULT_THEME, load_themes

        loaded = load_themes()
        for theme in loaded.themes:
            self.register_theme(theme)
        problems = list(loaded.problems)
        saved = self.config.saved_theme
        for name in (wanted, saved, DEFAULT_THEME):
            if name and name in self.available_themes:
                self._start_in_theme(name)
                break
            if name and name == saved:
                problems.append(f"The saved theme {name!r} is no longer available; using the default.")
        return problems

    def _start_in_theme(self, name: str) -> None:
        """Start in theme ``name``. Assigning ``App.theme`` makes Textual parse and apply the whole
        style sheet a second time once the app runs; before it runs, that is needed only when
        the theme changes how ANSI colours are mapped (light or dark, ANSI or not). Otherwise
        the style sheet is simply given the theme's variables before its first parse."""
        theme = self.get_theme(name)
        default = self.current_theme
        if theme is None or (theme.dark, theme.ansi) != (default.dark, default.ansi):
            self.theme = name
            return
        self.set_reactive(App.theme, name)
        self.add_class(f"-theme-{name}", update=False)
        self._sheet_variables = self.get_css_variables()
        self.stylesheet.set_variables(self._sheet_variables)

    def watch_theme(self, name: str) -> None:
        """Remember the theme picked in the palette (ctrl+p, "Theme") for next time."""
        if getattr(self, "_theme_problems", None) is None or self.db.readonly:
            return  # still starting up, or nowhere to save
        from netui.store.settings import set_setting

        self.run_worker(self._save_theme(set_setting, name), group="save-theme", exclusive=True)

    async def _save_theme(self, set_setting, name: str) -> None:
        try:
            await self.ask(set_setting, "theme", name)
        except StoreError:
            pass  # a locked or read-only database: the theme still applies to this session

    # ------------------------------------------------------------ start and stop

    def today(self) -> date:
        return self.config.today()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """No blinking cursors: a blink is output twice a second, forever, over an idle SSH link."""
        if getattr(event.widget, "cursor_blink", False):
            event.widget.cursor_blink = False

    async def on_event(self, event: events.Event) -> None:
        self.note_input(event)  # before any binding runs: a destructive one checks when it was typed
        await super().on_event(event)

    def get_default_screen(self) -> Screen:
        return OverviewScreen()

    def on_load(self) -> None:
        """Before Textual builds the first screen: start reading what it opens with, so that
        the read and the building run side by side (``netui.ui.prefetch``)."""
        if self.config.read_ahead:
            call = OverviewScreen.first_load(self.today())
            generation = self.prefetched.begin(call)
            self.run_worker(lambda: self._read_first(generation, call), thread=True, group="read-first",
                            exit_on_error=False)

    def _read_first(self, generation: int, call) -> None:
        fn, args = call
        try:
            with self.db.connection_context():
                result = fn(self.db, *args)
        except Exception:  # noqa: BLE001 - the screen then reads for itself, and reports what fails
            self.call_from_thread(self.prefetched.failed, generation, call)
        else:
            self.call_from_thread(self.prefetched.put, generation, call, result)

    def on_mount(self) -> None:
        from netui.ui.drafts import install_hangup_handler

        self.add_mode(self.DEFAULT_MODE, OverviewScreen)
        install_hangup_handler(self)
        self.watch_screens()
        for problem in self._theme_problems:
            notice(self, problem, severity="warning", timeout=10)
        if self.db.readonly:
            self.sub_title = "read-only"
            notice(self, "The database is read-only: you can look, but nothing can be saved.", severity="warning", timeout=10)
        self.call_after_refresh(self._offer_drafts)
        self._watch = self.db.watch()
        self.data_changed.subscribe(self, self._note_own_change)
        self.data_changed.subscribe(self, lambda _origin: self.prefetched.clear())
        self.set_interval(self.config.watch_seconds, self._poll)

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.close()

    # ------------------------------------------------------------ switching screens

    # The modes whose screen is built: the Overview from the start, the others once shown.
    _built_modes: frozenset[str] = frozenset({DEFAULT_MODE})
    _switching_to_built = False

    def switch_mode(self, mode: str) -> AwaitMount:
        """Textual's switch, minus two things: the held-back frame for a screen already built
        (``delay_update``) and the style refreshes that would change nothing (``refresh_css``)."""
        self._switching_to_built = mode in self._built_modes
        self._switching = True
        try:
            waiter = super().switch_mode(mode)
        finally:
            self._switching_to_built = self._switching = False
        if mode not in self._built_modes and self.config.tuning is not None:
            # Once the new screen is drawn, what it built lives as long as the app.
            self.call_after_refresh(self.config.tuning.settled)
        self._built_modes |= {mode}
        return waiter

    _switching = False
    # The theme's variables the style sheet was last parsed with (App.__init__ parses with
    # the default theme's; `_start_in_theme` and every full refresh_css keep this up to date).
    _sheet_variables: dict[str, str] | None = None

    def refresh_css(self, animate: bool = True) -> None:
        """Textual refreshes the whole style sheet (every rule parsed again, every widget of
        the screen restyled) twice as a mode's first screen is made, and once on a switch to
        a mode whose screen missed a refresh, so that a screen hidden through a theme change
        catches up (textual#5210; #5211 notes it could be skipped when not strictly needed).
        Within a switch, when the theme's variables are the ones the sheet was last parsed
        with, such a refresh changes no style: the new screen was styled as it was mounted,
        and a screen shown again is restyled by its ScreenResume. It is skipped then. A theme
        change, and any refresh outside a switch, runs in full."""
        variables = self.get_css_variables()
        if self._switching and variables == self._sheet_variables:
            return
        super().refresh_css(animate)
        self._sheet_variables = variables

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual holds back the frames of a mode switch for `delay` to hide a new screen
        while it is built. A screen seen before is built and styled already; holding back
        its first frame would only make every switch after the first slower by that
        much, so a switch to it is drawn at once. A first visit is held back as usual."""
        if self._switching_to_built:
            return
        super().delay_update(delay)

    def warm_up(self) -> None:
        """Called once the first screen shows its data (or has said why it cannot): the
        collector resumes (``netui.ui.tuning``), the rest of the code loads meanwhile, and
        (``read_ahead``) what each other screen opens with is read (``netui.ui.prefetch``)."""
        if self._warmed:
            return
        self._warmed = True
        if self.config.tuning is not None:
            self.config.tuning.started()
        generation, today = self.prefetched.generation, self.today()
        self.run_worker(lambda: self._read_ahead(generation, today), thread=True, group="warm-up", exit_on_error=False)

    _warmed = False

    def _read_ahead(self, generation: int, today: date) -> None:
        """In a thread: import the other screens, then read their first loads."""
        import_ahead()
        if not self.config.read_ahead:
            return
        for make in self.MODES.values():
            call = make.screen_class().first_load(today) if isinstance(make, _Lazy) else None
            if call is None or self.prefetched.generation != generation:
                continue
            fn, args = call
            try:
                with self.db.connection_context():
                    result = fn(self.db, *args)
            except Exception:  # noqa: BLE001 - only a read ahead: the screen reads again, and reports, when opened
                continue
            self.call_from_thread(self.prefetched.put, generation, call, result)

    async def _offer_drafts(self) -> None:
        from netui.ui.drafts import offer_drafts

        await offer_drafts(self)

    # ------------------------------------------------------------ other sessions

    def _note_own_change(self, origin: object) -> None:
        if origin is not self._watch:  # the watch's own news of another session is no write of ours
            self._own_change = True

    def _poll(self) -> None:
        if self._watch is not None:
            self.run_worker(self._look_for_changes, thread=True, group="watch", exclusive=True, exit_on_error=False)

    def _look_for_changes(self) -> None:
        """In a thread: did anyone commit since the last look? This session's own writes
        are already shown, so a change seen right after one of them is taken as its echo."""
        assert self._watch is not None
        if self._watch.changed():
            own, self._own_change = self._own_change, False
            if not own:
                self.call_from_thread(self.data_changed.publish, self._watch)
        else:
            self._own_change = False

    def database_damaged(self, message: str) -> None:
        """A damaged page was found mid-session: stop writing to the file, say why, carry on read-only."""
        self.db.stop_writing()
        self.sub_title = "read-only"
        # The title bar says READ-ONLY from now on; the other screens' say it when shown again.
        show_title_again = getattr(self.screen, "show_title_again", None)
        if show_title_again is not None:
            show_title_again()
        notice(self, message, severity="error", timeout=30)

    # ------------------------------------------------------------ global actions

    def action_help(self) -> None:
        from netui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    async def action_add_person(self) -> None:
        from netui.ui.person_actions import open_person_form

        await open_person_form(self.screen if isinstance(self.screen, StoreCalls) else self, None)

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
            [("overview", "Overview"), ("funnel", "Funnel"), ("journal", "Journal"), ("people", "People"), ("agenda", "Agenda"),
             ("inbox", "Inbox"), ("review", "Review")],
            start=1,
        ):
            yield SystemCommand(f"Go to {label} ({number})", f"Switch to the {label} screen", lambda m=mode: self.switch_mode(m))
        yield SystemCommand("Trash", "People you deleted, to restore or purge", self._open_trash)
        yield SystemCommand("Duplicates", "People who are likely one person, to compare and merge", self._open_duplicates)
        yield SystemCommand("Import people", "From LinkedIn, vCard or CSV, with a preview first", self._open_import)
        yield SystemCommand("Sort the unsorted", "The people in no network, one at a time, a key each",
                            self.open_triage)
        yield SystemCommand(
            "Export or back up", "JSON, CSV, vCard, iCalendar, Markdown, or a checked copy of the database",
            self.open_export,
        )
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

    def _open_duplicates(self) -> None:
        from netui.ui.screens.duplicates import DuplicatesScreen

        self.push_screen(DuplicatesScreen())

    def open_export(self) -> None:
        from netui.ui.screens.export_dialog import ExportDialog

        self.push_screen(ExportDialog(self.db.path.parent))

    def _open_import(self) -> None:
        from netui.ui.screens.import_screen import ImportScreen

        self.push_screen(ImportScreen())

    def open_triage(self) -> None:
        from netui.ui.screens.triage import TriageScreen

        self.push_screen(TriageScreen())


def make_app(config: AppConfig) -> NetuiApp:
    """The one way to build the app: the CLI and the tests both call this. It reads the
    saved theme first (one small read, before the app runs), so the first frame is drawn
    in the user's theme."""
    from netui.store.settings import load_settings

    if not config.saved_theme:
        try:
            config.saved_theme = load_settings(config.db).theme
        except Exception as exc:
            if as_store_error(exc) is None:
                raise
            # the first screen's load says what is wrong with the file
    return NetuiApp(config)
