"""The funnel report (r on the Funnel): moves per month, time on each ring, who sits longest, exposure."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netui.ui.widgets.keybar import KeyBar
from netui.domain.funnel import FunnelReport, months_back
from netui.io.funnel_text import HEADING, MUTED, TITLE, report_lines
from netui.store import funnel as funnel_store
from netui.ui.safe import plain
from netui.ui.screens.base import NetuiScreen

# The periods `s` steps through: (label, calendar months, None for all time).
PERIODS: tuple[tuple[str, int | None], ...] = (
    ("all time", None),
    ("last 12 months", 12),
    ("last 6 months", 6),
    ("last 3 months", 3),
)
STYLES = {TITLE: "bold", HEADING: "bold underline", MUTED: "dim"}


class FunnelReportScreen(NetuiScreen):
    HELP_TITLE = "Funnel report"
    DEFAULT_CSS = """
    FunnelReportScreen VerticalScroll { padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape,r", "app.pop_screen", "Back", id="report.back"),
        Binding("s", "period", "Period", id="report.period"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="report.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="report.up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.period = 0
        self.report: FunnelReport | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        with VerticalScroll(id="report-scroll"):
            yield Static("Counting moves…", id="report")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self._show_title()
        self.query_one("#report-scroll").focus()
        self.reload()

    def _show_title(self) -> None:
        self.query_one("#title").show("netui", "Funnel report", PERIODS[self.period][0], "s changes the period")

    def reload(self) -> None:
        today, months = self.app.today(), PERIODS[self.period][1]
        since = months_back(today, months) if months else None
        self.load(funnel_store.report, today, since, then=self._show)

    def _show(self, report: FunnelReport) -> None:
        self.report = report
        self._draw()

    def _draw(self) -> None:
        if self.report is None:
            return
        # Leave room for a scrollbar that may appear once the text is in.
        width = (self.query_one("#report-scroll").scrollable_content_region.width or self.app.size.width) - 3
        lines = [plain(text, style=STYLES.get(hint, "")) for hint, text in report_lines(self.report, width)]
        self.query_one("#report", Static).update(Content("\n").join(lines))

    def on_resize(self) -> None:
        self._draw()

    def action_period(self) -> None:
        self.period = (self.period + 1) % len(PERIODS)
        self._show_title()
        self.reload()

    def action_scroll(self, delta: int) -> None:
        scroll = self.query_one("#report-scroll", VerticalScroll)
        scroll.scroll_relative(y=delta, animate=False)
