"""Export or back up from inside the app (the command palette): the same choices as
``netui export`` and ``netui backup``, written to a file the user names."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from netui.domain.text import clean_input
from netui.io.common import FormatError
from netui.store.errors import StoreError
from netui.ui.dialogs import DIALOG_CSS
from netui.ui.safe import notice, plain
from netui.ui.store_calls import StoreCalls
from netui.ui.widgets.fields import StateCheckbox, TextField

BACKUP = "backup"
CHOICES = (
    ("a backup copy of the database (checked)", BACKUP),
    ("JSON: everything, for netui import json", "json"),
    ("CSV: one row per person", "csv"),
    ("vCard: contacts for other apps", "vcard"),
    ("iCalendar: follow-ups (and journal entries)", "ics"),
    ("Markdown: the journal, a section per month", "markdown"),
)
EXTENSION = {BACKUP: "db", "json": "json", "csv": "csv", "vcard": "vcf", "ics": "ics", "markdown": "md"}


def write_export(db, fmt: str, path: str, events: bool) -> Path:
    """In a worker thread: the export (or backup) written to ``path``; refuses the database itself."""
    from netui.io import formats
    from netui.io.common import atomic_write

    target = Path(path).expanduser()
    if fmt == BACKUP:
        return db.backup(target)
    live = {db.path, db.path.with_name(db.path.name + "-wal"), db.path.with_name(db.path.name + "-shm")}
    if target.resolve() in live:
        raise FormatError(f"{path} is the database itself; choose another file for the export")
    return atomic_write(target, formats.export(db, fmt, events=events))


class ExportDialog(StoreCalls, ModalScreen[None]):
    DEFAULT_CSS = DIALOG_CSS.format(cls="ExportDialog") + """
    ExportDialog > Vertical { width: 72; }
    ExportDialog Label { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "write", "Write", id="export.write", priority=True),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def _default(self, fmt: str) -> str:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"netui-backup-{stamp}.db" if fmt == BACKUP else f"netui-export-{stamp}.{EXTENSION[fmt]}"
        return str(self.folder / name)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Export or back up   ctrl+s writes · esc cancels", classes="dialog-title")
            yield Label("What")
            yield Select(list(CHOICES), value=BACKUP, allow_blank=False, id="format", compact=True)
            yield Label("File (written whole, or not at all)")
            yield TextField(self._default(BACKUP), id="path", compact=True, max_length=1000)
            yield StateCheckbox("iCalendar: also every journal entry as an event", id="events", compact=True)
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Write (ctrl+s)", id="write", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#format", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        box = self.query_one("#path", Input)
        fmt = str(event.value)
        if Path(box.value).name.startswith("netui-"):  # still the suggested name: follow the choice
            box.value = self._default(fmt)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "write":
            self.run_worker(self.action_write())
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    async def action_write(self) -> None:
        fmt = str(self.query_one("#format", Select).value)
        path = clean_input(self.query_one("#path", Input).value)
        error = self.query_one("#error", Static)
        if not path:
            error.update("Name a file to write.")
            return
        events = self.query_one("#events", StateCheckbox).value
        if events and fmt != "ics":
            error.update("Journal entries as events only go into an iCalendar export.")
            return
        error.update("Writing…")
        try:
            written = await self.ask(write_export, fmt, path, events)
        except (StoreError, FormatError, OSError) as exc:
            error.update(plain(f"Nothing was written: {exc}"))  # the dialog stays, with what was typed
            return
        what = "Backed up the database" if fmt == BACKUP else f"Wrote the {fmt} export"
        notice(self.app, f"{what} to {written}.")
        self.dismiss(None)
