"""The netui App: modes, global keys, theme, and the database it was given. Nothing else."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal

from netui.ui.commands import PeopleProvider
from netui.ui.safe import notice
from netui.ui.screens.agenda import AgendaScreen
from netui.ui.screens.coming import ComingScreen
from netui.ui.screens.overview import OverviewScreen
from netui.ui.screens.people import PeopleScreen


@dataclass
class AppConfig:
    db_path: Path
    readonly: bool = False
    theme: str | None = None
    today: Callable[[], date] = field(default=date.today)
    watch_seconds: float = 2.0  # how often to look for another session's changes


def _coming(title: str, text: str) -> Callable[[], Screen]:
    return lambda: ComingScreen(title, text)


class NetuiApp(App[int]):
    TITLE = "netui"
    CSS_PATH = "netui.tcss"
    COMMANDS = App.COMMANDS | {PeopleProvider}
    MODES = {
        "overview": OverviewScreen,
        "funnel": _coming("Funnel", "The ring-by-ring board arrives with the funnel release."),
        "journal": _coming("Journal", "The interaction journal arrives with the journal release."),
        "people": PeopleScreen,
        "agenda": AgendaScreen,
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
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        self.config = config
        self.data_changed: Signal[object] = Signal(self, "data-changed")
        self.undo_stack: list = []
        self._watch: sqlite3.Connection | None = None
        self._data_version = 0
        if config.theme:
            self.theme = config.theme

    def today(self) -> date:
        return self.config.today()

    def on_mount(self) -> None:
        if self.config.readonly:
            self.sub_title = "read-only"
            notice(self, "The database is read-only: you can look, but nothing can be saved.", severity="warning", timeout=10)
        self._start_watch()

    # ------------------------------------------------------------ other sessions

    def _start_watch(self) -> None:
        try:
            self._watch = sqlite3.connect(f"{self.config.db_path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            self._data_version = self._watch.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return
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
        version = self._read_version()
        if version is not None and version != self._data_version:
            self._data_version = version
            self.data_changed.publish(self)

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

    async def action_settings(self) -> None:
        from netui.ui.screens.settings import SettingsScreen, open_settings

        if not isinstance(self.screen, SettingsScreen):
            await open_settings(self)

    def action_log(self) -> None:
        notice(self, "Logging interactions arrives with the journal release; nothing was recorded.", severity="warning")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Add a person", "Open the form for someone new", self.action_add_person)
        for number, (mode, label) in enumerate(
            [("overview", "Overview"), ("funnel", "Funnel"), ("journal", "Journal"), ("people", "People"), ("agenda", "Agenda")],
            start=1,
        ):
            yield SystemCommand(f"Go to {label} ({number})", f"Switch to the {label} screen", lambda m=mode: self.switch_mode(m))
        yield SystemCommand("Trash", "People you deleted, to restore or purge", self._open_trash)
        yield SystemCommand("Settings (,)", "Your name and company, keep-in-touch intervals, neglect thresholds", self.action_settings)
        yield SystemCommand("Help", "Every key of this screen", self.action_help)
        for binding in screen._bindings.key_to_bindings.values():  # this screen's own actions
            for b in binding:
                if b.description and b.show:
                    yield SystemCommand(
                        f"{b.description} ({b.key_display or b.key})",
                        f"Run on the {type(screen).__name__.removesuffix('Screen')} screen",
                        lambda s=screen, a=b.action: self.run_action(a, s),
                    )

    def _open_trash(self) -> None:
        from netui.ui.screens.trash import TrashScreen

        self.push_screen(TrashScreen())


def make_app(config: AppConfig) -> NetuiApp:
    """The one way to build the app: the CLI and the tests both call this."""
    return NetuiApp(config)
