"""Import: pick a file, see what it would do (a dry run), then apply it on confirmation.

Reading and matching run in a worker thread with a progress bar, so a file of
thousands of connections never freezes the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, ProgressBar, Select, Static

from netui.ui.widgets.keybar import KeyBar
from netui.io import formats
from netui.io.common import Report
from netui.ui.dialogs import ConfirmDialog
from netui.ui.safe import notice, plain
from netui.ui.screens.base import NetuiScreen
from netui.ui.widgets.fields import PathSuggester, TextField

REPORT_LIMIT = 200  # names listed per section on screen; the counts are always complete


@dataclass(frozen=True)
class ImportRequest:
    fmt: str
    path: Path
    column_map: tuple[str, ...]


def _column_map(text: str) -> tuple[str, ...]:
    """``Org=company, Cell=phone`` -> ("Org=company", "Cell=phone")."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def report_content(report: Report, *, limit: int | None = REPORT_LIMIT) -> Content:
    lines = report.lines(limit=limit)
    head = plain(lines[0], style="bold")
    body = [plain(line, style="bold" if line.endswith(":") and not line.startswith(" ") else "") for line in lines[1:]]
    return Content("\n").join([head, *body])


def _read_and_apply(db, request: ImportRequest, dry_run: bool, progress) -> Report:
    parsed = formats.parse_file(request.fmt, request.path, request.column_map, progress)
    return formats.apply_parsed(db, request.fmt, parsed, dry_run=dry_run, progress=progress)


class ImportScreen(NetuiScreen):
    """Reached from the command palette: "Import people"."""

    DEFAULT_CSS = """
    ImportScreen #form { grid-size: 2; grid-columns: 14 1fr; grid-rows: auto; grid-gutter: 0 1;
                         height: auto; padding: 1 1 0 1; }
    ImportScreen #form Label { color: $text-muted; padding-top: 0; }
    ImportScreen #form Input, ImportScreen #form Select { width: 1fr; }
    ImportScreen #hint { color: $text-muted; padding: 0 1; height: auto; }
    ImportScreen #progress { padding: 0 1; height: 1; }
    ImportScreen #progress.-idle { visibility: hidden; }
    ImportScreen #report-box { padding: 0 1; height: 1fr; border-top: solid $primary-muted; }
    ImportScreen #report.-error { color: $error; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back", id="import.back"),
        Binding("ctrl+r", "preview", "Preview", id="import.preview", priority=True),
        Binding("ctrl+s", "apply", "Import", id="import.apply", priority=True),
        # Usable once an import has saved people (they arrive in no network); the report says so.
        Binding("ctrl+t", "triage", "Sort the people in no network", show=False, id="import.triage", priority=True),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.initial_path = path
        self.previewed: tuple[ImportRequest, Report] | None = None
        self.busy = False
        self.imported = False  # an import here has saved people: offer to sort them

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        with Grid(id="form"):
            yield Label("File")
            yield TextField(
                value=self.initial_path, placeholder="~/Downloads/Connections.csv (tab completes)", id="path",
                compact=True, suggester=PathSuggester(),
            )
            yield Label("Format")
            yield Select(
                [(label, key) for key, label in formats.IMPORT_FORMATS.items()],
                value="linkedin",
                allow_blank=False,
                id="format",
                compact=True,
            )
            yield Label("CSV columns")
            yield TextField(
                placeholder="optional, e.g. Org=company, Cell=phone", id="map", compact=True, disabled=True
            )
        yield Static(
            "enter previews (nothing is written) · ctrl+s imports the preview · esc back",
            id="hint",
        )
        yield ProgressBar(show_eta=False, id="progress", classes="-idle")
        with VerticalScroll(id="report-box"):
            yield Static(
                "People arrive on the cold ring; someone already in netui (same profile URL, email, or name and "
                "company) is updated, never duplicated.",
                id="report",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#title").show("netui", "Import")
        self.query_one("#path", Input).focus()

    # ------------------------------------------------------------ the form

    def _request(self) -> ImportRequest | None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._error("Type the path of the file to import.")
            self.query_one("#path", Input).focus()
            return None
        fmt = str(self.query_one("#format", Select).value)
        mapping = _column_map(self.query_one("#map", Input).value) if fmt == "csv" else ()
        return ImportRequest(fmt, Path(text).expanduser(), mapping)

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        guess = formats.guess_format(event.value.strip())
        if guess in formats.IMPORT_FORMATS:
            self.query_one("#format", Select).value = guess
        elif guess == "json":
            self._error("A JSON dump is restored with `netui import json FILE` into a new, empty database.")
        self.previewed = None

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        self.query_one("#map", Input).disabled = event.value != "csv"
        self.previewed = None

    @on(Input.Changed, "#map")
    def _map_changed(self) -> None:
        self.previewed = None

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_preview()

    def action_back(self) -> None:
        if self.busy:
            notice(self, "The import is still running; it finishes in a moment.", severity="warning")
            return
        self.app.pop_screen()

    # ------------------------------------------------------------ actions

    def action_preview(self) -> None:
        request = self._request()
        if request is None or self.busy:
            return
        self._run(request, dry_run=True)

    def action_apply(self) -> None:
        if self.busy:
            return
        request = self._request()
        if request is None:
            return
        if self.previewed is None or self.previewed[0] != request:
            notice(self, "Preview first (enter): you see what the import will do before anything is written.")
            return
        report = self.previewed[1]
        question = Content.assemble(
            "Import from ", plain(request.path.name), "?\n", plain(report.summary()), "\n\nThis is one step: all of it is saved, or none."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(request, dry_run=False)

        self.app.push_screen(ConfirmDialog(question, yes="Import", no="Not now"), answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "triage":  # None: listed (in help too), but greyed out until there is something to sort
            return True if self.imported and not self.busy else None
        return True

    def action_triage(self) -> None:
        from netui.ui.screens.triage import TriageScreen

        self.app.push_screen(TriageScreen(source="after the import"))

    # ------------------------------------------------------------ the work

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        bar = self.query_one("#progress", ProgressBar)
        bar.set_class(not busy, "-idle")
        if busy:
            bar.update(total=None, progress=0)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def _run(self, request: ImportRequest, *, dry_run: bool) -> None:
        self._set_busy(True)
        self._show_text("Reading " + request.path.name + "…" if dry_run else "Importing " + request.path.name + "…")
        app = self.app

        def progress(done: int, total: int) -> None:  # called in the worker's thread
            app.call_from_thread(self._progress, done, total)

        self.load(
            _read_and_apply, request, dry_run, progress,
            then=lambda report: self._done(request, report), failed=lambda exc: self._failed(str(exc)), name="import",
        )

    def _done(self, request: ImportRequest, report: Report) -> None:
        self._set_busy(False)
        box = self.query_one("#report", Static)
        box.remove_class("-error")
        box.update(report_content(report))
        self.query_one("#report-box", VerticalScroll).scroll_home(animate=False)
        if report.dry_run:
            self.previewed = (request, report)
            if report.added or report.updated:
                notice(self, "Nothing written yet. Press ctrl+s to import.")
            return
        self.previewed = None
        self.imported = True
        self.refresh_bindings()
        box.update(Content("\n").join([
            report_content(report), Content(""),
            plain("Press ctrl+t to sort the people in no network, one at a time.", style="bold"),
        ]))
        notice(self, f"Imported: {report.summary()}.")
        self.changed()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.previewed = None
        self._error(message)

    def _show_text(self, text: str) -> None:
        box = self.query_one("#report", Static)
        box.remove_class("-error")
        box.update(plain(text))

    def _error(self, message: str) -> None:
        box = self.query_one("#report", Static)
        box.add_class("-error")
        box.update(plain(message, multiline=True))
