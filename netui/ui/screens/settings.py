"""Settings (key `,` or the command palette): you, your company, each ring's
keep-in-touch interval, each network's neglect threshold, the date order.

Everything is checked before anything is saved, and saved in the database so the
settings travel with it.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from netui.domain.models import Settings
from netui.domain.networks import DEFAULT_NEGLECT_DAYS, NETWORK_ORDER
from netui.domain.rings import DEFAULT_CADENCE, RING_ORDER, Ring
from netui.domain.settings import MAX_LEAD_DAYS
from netui.domain.text import clean_input, match_key
from netui.domain.validation import MAX_NAME
from netui.store.errors import StoreError
from netui.store.settings import load_settings, save_settings
from netui.ui.dialogs import ConfirmDialog
from netui.ui.safe import notice, plain
from netui.ui.store_calls import WAITING_MESSAGE, StoreCalls
from netui.ui.widgets.fields import TextField

MAX_DAYS = 3650
EDITABLE_RINGS = tuple(r for r in RING_ORDER if r != Ring.COLD)  # cold people are never due
DAY_FIRST, MONTH_FIRST = "day", "month"


def check_days(text: str, *, blank_ok: bool) -> tuple[int | None, str | None]:
    """A whole number of days from 1 to 3650; blank gives None when ``blank_ok``."""
    value = clean_input(text)
    if not value:
        return (None, None) if blank_ok else (None, f"Required: 1 to {MAX_DAYS} days.")
    if not value.isdigit() or not 1 <= int(value) <= MAX_DAYS:
        tail = ", or blank for never" if blank_ok else ""
        return None, f"1 to {MAX_DAYS} days{tail}."
    return int(value), None


def check_text(text: str, label: str) -> tuple[str, str | None]:
    value = clean_input(text)
    if len(value) > MAX_NAME:
        return value, f"{label} can be at most {MAX_NAME} characters."
    return value, None


class SettingsScreen(StoreCalls, ModalScreen[bool]):
    """Returns True when the settings were saved."""

    DEFAULT_CSS = """
    SettingsScreen { align: center middle; }
    SettingsScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    SettingsScreen #settings-title { text-style: bold; height: 1; }
    SettingsScreen VerticalScroll { height: auto; max-height: 1fr; }
    SettingsScreen .field { height: 1; }
    SettingsScreen .field Label { width: 25; color: $text-muted; }
    SettingsScreen .field Input, SettingsScreen .field Select, SettingsScreen .field Static { width: 1fr; }
    SettingsScreen .section { text-style: bold; color: $accent; margin-top: 1; }
    SettingsScreen .section:first-of-type { margin-top: 0; }
    SettingsScreen .group { height: auto; }
    SettingsScreen .hint-inline { color: $text-muted; }
    SettingsScreen .field-error { color: $error; height: auto; display: none; padding-left: 25; }
    SettingsScreen .field-error.-shown { display: block; }
    SettingsScreen #settings-error { color: $error; height: auto; }
    SettingsScreen .buttons { height: 1; align-horizontal: right; }
    SettingsScreen .buttons Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.saved_cadence: dict[Ring, int | None] = dict(settings.cadence)

    # ------------------------------------------------------------ layout

    def _field(self, label: str, field_id: str, value: str, placeholder: str = "") -> ComposeResult:
        with Horizontal(classes="field"):
            yield Label(label)
            yield TextField(value, placeholder=placeholder, id=field_id, compact=True, max_length=MAX_NAME)
        yield Static("", classes="field-error", id=f"{field_id}-error")

    def compose(self) -> ComposeResult:
        s = self.settings
        with Vertical():
            yield Static("Settings", id="settings-title")
            with VerticalScroll():
                yield Static("You", classes="section")
                with Vertical(classes="group"):
                    yield from self._field("Your name", "my_name", s.my_name)
                    yield from self._field("Your company", "my_company", s.my_company, "tells inside from outside peers")
                    with Horizontal(classes="field"):
                        yield Label("Target companies")
                        yield TextField(", ".join(s.target_companies), placeholder="where you might work next, commas between",
                                        id="targets", compact=True, max_length=1000)
                yield Static("Keep in touch every … days (blank: never)", classes="section")
                with Vertical(classes="group"):
                    with Horizontal(classes="field"):
                        yield Label("Cold")
                        yield Static("never: cold people are never due", classes="hint-inline")
                    for ring in EDITABLE_RINGS:
                        days = s.cadence.get(ring, DEFAULT_CADENCE[ring])
                        yield from self._field(
                            ring.label, f"cadence-{ring.value}", "" if days is None else str(days),
                            f"never (the default is {DEFAULT_CADENCE[ring]})",
                        )
                yield Static("A network is neglected after … days without contact", classes="section")
                with Vertical(classes="group"):
                    for network in NETWORK_ORDER:
                        days = s.neglect_days.get(network, DEFAULT_NEGLECT_DAYS)
                        yield from self._field(
                            network.label, f"neglect-{network.value}", str(days), f"default {DEFAULT_NEGLECT_DAYS}"
                        )
                yield Static("Dates", classes="section")
                with Horizontal(classes="field"):
                    yield Label("Date order")
                    yield Select(
                        [("day first (14/3/2026)", DAY_FIRST), ("month first (3/14/2026)", MONTH_FIRST)],
                        value=DAY_FIRST if s.day_first else MONTH_FIRST,
                        allow_blank=False,
                        id="date-order",
                        compact=True,
                    )
                yield from self._field(
                    "Remind ahead", "date-lead", str(s.date_lead_days), "days before a birthday or other date (default 7)"
                )
            yield Static("", id="settings-error")
            with Horizontal(classes="buttons"):
                yield Button("Export or back up…", id="export", compact=True)
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#my_name", Input).focus()
        # What the form shows at first: a stored value with control characters is shown
        # (and would be saved) without them, which is not a change the user made.
        self._initial = self.collect()

    # ------------------------------------------------------------ reading the form

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def _error(self, field_id: str, message: str | None) -> None:
        box = self.query_one(f"#{field_id}-error", Static)
        box.update(plain(message or ""))
        box.set_class(bool(message), "-shown")

    def collect(self) -> Settings | None:
        """The settings in the form, or None after showing what is wrong next to each field."""
        ok = True
        name, err = check_text(self._value("my_name"), "Your name")
        self._error("my_name", err)
        ok &= err is None
        company, err = check_text(self._value("my_company"), "Your company")
        self._error("my_company", err)
        ok &= err is None
        cadence: dict[Ring, int | None] = {Ring.COLD: None}
        for ring in EDITABLE_RINGS:
            field_id = f"cadence-{ring.value}"
            days, err = check_days(self._value(field_id), blank_ok=True)
            self._error(field_id, err)
            ok &= err is None
            cadence[ring] = days
        neglect = {}
        for network in NETWORK_ORDER:
            field_id = f"neglect-{network.value}"
            days, err = check_days(self._value(field_id), blank_ok=False)
            self._error(field_id, err)
            ok &= err is None
            neglect[network] = days
        lead_text = clean_input(self._value("date-lead"))
        lead = int(lead_text) if lead_text.isdigit() and int(lead_text) <= MAX_LEAD_DAYS else None
        self._error("date-lead", None if lead is not None else f"0 to {MAX_LEAD_DAYS} days.")
        ok &= lead is not None
        if not ok:
            self.query_one("#settings-error", Static).update("Nothing was saved: fix the fields marked in red.")
            return None
        day_first = self.query_one("#date-order", Select).value == DAY_FIRST
        seen: dict[str, str] = {}  # one entry per company as a reader sees it: the first spelling wins
        for part in self._value("targets").split(","):
            target = clean_input(part)
            if target:
                seen.setdefault(match_key(target), target)
        targets = tuple(seen.values())
        return replace(
            self.settings, my_name=name, my_company=company, cadence=cadence, neglect_days=neglect, day_first=day_first,
            date_lead_days=lead,
            target_companies=targets,
        )

    # ------------------------------------------------------------ actions

    def on_input_submitted(self) -> None:
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.app.open_export()  # over the settings, which stay as they are
        elif event.button.id == "save":
            self.run_worker(self.action_save())
        else:
            self.run_worker(self.action_cancel())

    async def action_save(self) -> None:
        settings = self.collect()
        if settings is None:
            return
        # In a worker: while another session holds the lock the save may wait.
        self.run_worker(self._save(settings), group="save", exclusive=True)

    async def _save(self, settings: Settings) -> None:
        def waiting() -> None:
            self.query_one("#settings-error", Static).update(WAITING_MESSAGE)
            notice(self, WAITING_MESSAGE, severity="warning", timeout=8)

        try:
            await self.ask_when_free(save_settings, settings, waiting=waiting)
            self.saved_cadence = dict(settings.cadence)
        except StoreError as exc:
            self.query_one("#settings-error", Static).update(plain(f"Nothing was saved: {exc}"))
            return
        self.app.call_later(self.dismiss, True)  # after this worker: dismissing cancels it

    async def action_cancel(self) -> None:
        settings = self.collect()
        if settings is not None and settings in (self.settings, self._initial):
            self.dismiss(False)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(ConfirmDialog("Discard your changes to the settings?", yes="Discard", no="Keep editing"), answered)


async def open_settings(app) -> None:
    """Load the settings, show the screen, tell every screen when they changed."""
    from netui.ui.journal_actions import caller_for
    from netui.ui.safe import notice

    settings = await caller_for(app).store(load_settings)
    if settings is None:
        return

    def saved(changed: bool | None) -> None:
        if changed:
            message = "Settings saved."
            # Blank means never: say so in words, so nobody silently drops off the Agenda.
            for ring in EDITABLE_RINGS:
                if settings.cadence.get(ring, DEFAULT_CADENCE[ring]) is not None and screen.saved_cadence.get(ring) is None:
                    message += f" {ring.label} people are never due now."
            notice(app, message)
            app.data_changed.publish(app)

    screen = SettingsScreen(settings)
    app.push_screen(screen, saved)
