"""Overview (key 1, where netui opens): the four networks at a glance, the rings,
the rhythm of the journal, and what is waiting.

Arrows (or j/k) move between the panels and the people in them; enter on a panel
opens its people, enter on a person opens them.
"""

from __future__ import annotations

import math
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style as VisualStyle
from textual.widget import Widget
from textual.widgets import Static

from netui.ui.widgets.keybar import KeyBar
from netui.domain.settings import Settings
from netui.domain.neglect import Health
from netui.domain.networks import NETWORK_ORDER, Network
from netui.domain.overview import NetworkSummary, Overview, RankedPerson, coming_line
from netui.domain.rings import RING_ORDER
from netui.store.errors import StoreError
from netui.ui.format import people_count
from netui.ui.safe import ELLIPSIS, clean, plain
from netui.ui.screens.base import NetuiScreen
from netui.ui.store_calls import report_store_error
from netui.ui.widgets.week_chart import WeekChart

WARN = "⚠"


def since_text(days: int | None) -> str:
    if days is None:
        return "never"
    if days <= 0:
        return "today" if days == 0 else "in the future"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def _fit(text: str, width: int) -> str:
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(width - 1, 0)] + ELLIPSIS


def person_line(person: RankedPerson, width: int) -> Content:
    """``name ….. ring  318d`` in ``width`` cells; the name is user data, shown literally."""
    right = f" {person.ring.value:<9} {('never' if person.last_contact is None else f'{person.overdue}d'):>5}"
    name = _fit(clean(person.name), max(width - len(right) - 2, 4))
    pad = max(width - 2 - len(name) - len(right), 0)
    return Content.assemble("› ", plain(name), " " * pad, (right, "$text-muted"))


def status_line(summary: NetworkSummary, today: date) -> Content:
    if summary.health == Health.EMPTY:
        return Content.assemble((f" {WARN} EMPTY ", "bold reverse $warning"), " nobody in it yet")
    since = summary.days_since(today)
    if summary.health == Health.NEGLECTED:
        quiet = "no contact ever" if since is None else f"quiet {since}d, limit {summary.threshold}d"
        return Content.assemble((f" {WARN} NEGLECTED ", "bold reverse $error"), " ", (quiet, "$error"))
    return Content(f"last contact {since_text(since)}")


class NetworkPanel(Widget, can_focus=True):
    """One network: counts, health, and the most overdue people (up to three)."""

    DEFAULT_CSS = """
    NetworkPanel {
        height: auto; border: round $primary-muted; padding: 0 1;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    NetworkPanel:focus { border: round $primary; }
    NetworkPanel.-neglected { border: heavy $error; }
    NetworkPanel.-empty { border: dashed $warning; }
    NetworkPanel > .panel--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    NetworkPanel:nocolor:focus { border: double $primary; }  /* NO_COLOR: shapes and styles, not shades */
    NetworkPanel:nocolor > .panel--cursor { background: $background; color: $foreground; text-style: reverse bold; }
    """
    COMPONENT_CLASSES = {"panel--cursor"}
    BINDINGS = [
        Binding("up,k", "move(-1)", "Previous person, or the panel above", show=False, id="overview.up"),
        Binding("down,j", "move(1)", "Next person, or the panel below", show=False, id="overview.down"),
        Binding("enter", "open", "Open", tooltip="The network's people, or the person", id="overview.open"),
    ]

    cursor = reactive(0)  # 0: the network itself; 1..: its overdue people

    class Open(Message):
        """Open the network's people (``person_id`` None) or one person."""

        def __init__(self, network: Network, person_id: int | None) -> None:
            super().__init__()
            self.network = network
            self.person_id = person_id

    class Leave(Message):
        """The cursor ran off the top or the bottom of the panel."""

        def __init__(self, panel: "NetworkPanel", step: int) -> None:
            super().__init__()
            self.panel = panel
            self.step = step

    def __init__(self, network: Network, **kwargs) -> None:
        super().__init__(id=f"panel-{network.value}", **kwargs)
        self.network = network
        self.summary: NetworkSummary | None = None
        self.today: date | None = None
        self.border_title = network.label

    def show(self, summary: NetworkSummary, today: date) -> None:
        self._lines_cache = None
        self.summary = summary
        self.today = today
        self.cursor = min(self.cursor, len(summary.overdue))
        self.set_class(summary.health == Health.NEGLECTED, "-neglected")
        self.set_class(summary.health == Health.EMPTY, "-empty")
        label = self.network.label
        if summary.health == Health.NEGLECTED:
            label = f"{WARN} {label}: neglected"
        elif summary.health == Health.EMPTY:
            label = f"{WARN} {label}: empty"
        self.border_title = label
        self.border_subtitle = "enter: everyone"
        self.refresh(layout=True)

    @property
    def people(self) -> tuple[RankedPerson, ...]:
        return self.summary.overdue if self.summary else ()

    def selected_person_id(self) -> int | None:
        if 1 <= self.cursor <= len(self.people):
            return self.people[self.cursor - 1].id
        return None

    _lines_cache: tuple[int, list[Content]] | None = None

    def lines(self, width: int) -> list[Content]:
        """The panel's lines at ``width``; worked out once per width and summary (a panel is
        drawn again at every focus change and cursor move)."""
        if self._lines_cache is None or self._lines_cache[0] != width:
            self._lines_cache = (width, self._make_lines(width))
        return list(self._lines_cache[1])

    def _make_lines(self, width: int) -> list[Content]:
        s, today = self.summary, self.today
        if s is None or today is None:
            return [Content("Loading…")]
        share = s.share_in_touch()
        head = f"{s.members:,} member{'' if s.members == 1 else 's'}"
        if share is not None:
            head += f" · {math.floor(share * 100)}% in touch"
        out = [Content(head), status_line(s, today)]
        if self.network == Network.PEER and s.members:
            out.append(Content(f"inside {s.inside:,} · outside {s.outside:,}"))
            if s.peer_warning:
                out.append(Content.styled(f"{WARN} {s.peer_warning}", "bold $warning"))
        if self.network == Network.MENTOR and s.distant:
            out.append(Content.styled(f"{s.distant:,} distant: members, never due", "$text-muted"))
        if s.members:
            if self.people:
                out.extend(person_line(p, width) for p in self.people)
            else:
                out.append(Content.styled("Nobody overdue.", "$text-muted"))
        return out

    def _width(self) -> int:
        """The content width from the last layout (asked mid-layout, the compositor would
        lay the whole screen out again to answer)."""
        width = self.outer_size.width - self.styles.gutter.width
        return width if width > 0 else 36

    def get_content_height(self, container, viewport, width: int) -> int:
        # One row per line (no wrapping): counted, not rendered and measured.
        return len(self.lines(width)) if width > 0 else 0

    def render(self) -> Content:
        width = self._width()
        lines = self.lines(width)
        row = 0 if self.cursor == 0 else self.cursor + self._people_offset()
        if self.has_focus and 0 <= row < len(lines):
            pad = Content(" " * max(width - lines[row].cell_length, 0))
            lines[row] = (lines[row] + pad).stylize(self._cursor_style())
        return Content("\n").join(lines)

    def _cursor_style(self) -> VisualStyle:
        style = self.get_visual_style("panel--cursor")
        if self.get_component_styles("panel--cursor").text_style.reverse:  # a visual style drops reverse
            style += VisualStyle(reverse=True)
        return style

    def _people_offset(self) -> int:
        """Index of the line before the first person."""
        return len(self.lines(self._width())) - len(self.people) - 1

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        target = self.cursor + step
        if 0 <= target <= len(self.people):
            self.cursor = target
        else:
            self.post_message(self.Leave(self, step))

    def action_open(self) -> None:
        self.post_message(self.Open(self.network, self.selected_person_id()))


class LinkLine(Static, can_focus=True):
    """A one-line shortcut: enter follows it."""

    DEFAULT_CSS = """
    LinkLine { width: 1fr; height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    LinkLine:focus { background: $block-cursor-background; color: $block-cursor-foreground; }
    LinkLine:nocolor:focus { background: $background; color: $foreground; text-style: reverse bold; }
    LinkLine.-warn { color: $warning; text-style: bold; }
    """
    BINDINGS = [Binding("enter", "follow", "Open", id="overview.follow")]

    class Followed(Message):
        def __init__(self, link: "LinkLine") -> None:
            super().__init__()
            self.link = link

    def action_follow(self) -> None:
        self.post_message(self.Followed(self))


WELCOME = """\
[b]Welcome to netui.[/b] Your database is empty, so here is the idea in brief.

[b]Four networks.[/b] Support is the people who stand by you whatever your job; peers do \
work like yours, inside your company and outside it; mentors are further along the road, \
and mentees are a few steps behind you. Anyone can belong to several, and this screen \
warns you when one of them has gone quiet for too long.

[b]Four rings.[/b] Each person sits on one ring, from cold (they have never heard of you) \
through lukewarm and strategic to buddy (they would vouch for you unasked). The aim is to \
move people inward one ring at a time, and each ring sets how often to get in touch.

[b]To begin[/b]
  [b]{add}[/b]                           add someone, right here
  [b]ctrl+p[/b], [b]Import people[/b]       bring in LinkedIn connections, vCards or a CSV
  [b]netui demo[/b] (in a shell)       try it all on a made-up network first"""


class Welcome(VerticalScroll, can_focus=True):
    """First run: what the networks and rings are, and how to start. Scrolls on a small terminal.

    Mounted only when the database is empty, so a usual start-up never builds it."""

    DEFAULT_CSS = """
    Welcome { height: 1fr; margin: 0 1; padding: 0 1; border: round $primary; }
    Welcome:focus { border: round $accent; }
    Welcome > Static { width: 1fr; }
    """

    def __init__(self, add_key: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_key = add_key

    def compose(self) -> ComposeResult:
        yield Static(self._text(), id="welcome-text")

    def _text(self) -> Content:
        return Content.from_markup(WELCOME.replace("{add}", self.add_key))

    def show(self, add_key: str) -> None:
        if add_key != self.add_key:
            self.add_key = add_key
            self.query_one("#welcome-text", Static).update(self._text())


def overview_and_settings(db, today: date) -> tuple[Overview, Settings]:
    from netui.store.overview import overview
    from netui.store.settings import load_settings

    with db.snapshot():
        settings = load_settings(db)
        return overview(db, today, settings), settings


class OverviewScreen(NetuiScreen):
    """The four networks, the ring strip, the weekly chart, follow-ups and unsorted people."""

    DEFAULT_CSS = """
    OverviewScreen #panels { grid-size: 2; grid-rows: auto; grid-columns: 1fr 1fr; height: auto; }
    OverviewScreen #rings { height: auto; padding: 0 1; }
    OverviewScreen #chart-label { height: 1; padding: 0 1; color: $text-muted; }
    OverviewScreen WeekChart { height: 1fr; min-height: 1; max-height: 16; margin: 0 1; }
    OverviewScreen #links { height: 1; }
    OverviewScreen #coming { height: 1; padding: 0 1; display: none; }
    OverviewScreen #coming.-shown { display: block; }
    OverviewScreen #inbox { display: none; }
    OverviewScreen #inbox.-shown { display: block; }
    OverviewScreen #guide { height: auto; padding: 0 1; color: $text; background: $boost; display: none; }
    OverviewScreen #guide.-shown { display: block; }
    """
    BINDINGS = [
        Binding("left", "column(-1)", "Panel to the left", show=False, id="overview.left"),
        Binding("right", "column(1)", "Panel to the right", show=False, id="overview.right"),
        Binding("r", "refresh", "Refresh", show=False, id="overview.refresh"),
        Binding("comma", "app.settings", "Settings", id="overview.settings"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data: Overview | None = None
        self.settings: Settings | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        with Grid(id="panels"):
            for network in NETWORK_ORDER:
                yield NetworkPanel(network)
        yield Static("", id="guide")
        yield Static("", id="rings")
        yield Static("Interactions per week", id="chart-label")
        yield WeekChart(id="chart")
        with Horizontal(id="links"):
            yield LinkLine("Follow-ups due: …", id="follow-ups")
            yield LinkLine("Unsorted: …", id="unsorted")
            yield LinkLine("Inbox: …", id="inbox")
        yield Static("", id="coming")
        yield KeyBar()

    # Until its data is in, the screen shows its title (which says so) and nothing else: the
    # panels are laid out and drawn once, with their data, rather than twice. On a first run
    # the welcome stands in for all but the rings.
    SHOWN_WITH_DATA = ("#rings",)
    SHOWN_WITH_PEOPLE = ("#panels", "#chart-label", "#chart", "#links")

    def on_mount(self) -> None:
        super().on_mount()
        for selector in (*self.SHOWN_WITH_DATA, *self.SHOWN_WITH_PEOPLE):
            self.query_one(selector).display = False
        self.query_one("#title").show("netui", "Overview", "loading…")
        self.panels[0].focus()
        self.reload()

    @property
    def panels(self) -> list[NetworkPanel]:
        return list(self.query(NetworkPanel))

    # ------------------------------------------------------------ data

    @classmethod
    def first_load(cls, today: date):
        return overview_and_settings, (today,)

    def reload(self) -> None:
        self.load(overview_and_settings, self.app.today(), then=lambda loaded: self._loaded(*loaded), failed=self._failed)

    def _failed(self, error: StoreError) -> None:
        report_store_error(self, error)
        self.call_after_refresh(self.app.warm_up)  # the app is up, if without data

    def _loaded(self, data: Overview, settings: Settings) -> None:
        self.data = data
        self.settings = settings
        # Parts are shown and hidden by their own display, and classes set on the leaves
        # that carry them: restyling the whole screen would cost more than its first paint.
        for selector in self.SHOWN_WITH_DATA:
            self.query_one(selector).display = True
        for selector in self.SHOWN_WITH_PEOPLE:
            self.query_one(selector).display = data.people > 0
        self._show_welcome(data.people == 0)
        self._show_guide(data)
        panels = self.panels
        for panel in panels:
            panel.show(data.network(panel.network), data.today)
        # Panels side by side share a height, so the grid reads as two clean rows.
        for left, right in ((panels[0], panels[1]), (panels[2], panels[3])):
            height = max(len(left.lines(36)), len(right.lines(36))) + 2
            left.styles.height = right.styles.height = height
        self._show_rings(data)
        self._show_chart(data)
        follow = self.query_one("#follow-ups", LinkLine)
        follow.update(f"Follow-ups due: {data.follow_ups_due:,} ▸ Agenda" if data.follow_ups_due else "No follow-ups due")
        follow.set_class(data.follow_ups_due > 0, "-warn")
        unsorted = self.query_one("#unsorted", LinkLine)
        unsorted.update(f"Unsorted: {data.unsorted:,} in no network ▸ sort them" if data.unsorted else "Everyone is in a network")
        unsorted.set_class(data.unsorted > 0, "-warn")
        coming = self.query_one("#coming", Static)
        line = coming_line(data.coming, data.today, max(self.size.width - 16, 40))
        coming.update(plain(line + " ▸ Agenda (5)" if line else ""))
        coming.set_class(bool(line), "-shown")
        inbox = self.query_one("#inbox", LinkLine)
        inbox.update(f"Inbox: {data.inbox:,} to confirm ▸ 6")
        inbox.set_class(data.inbox > 0, "-shown", "-warn")
        neglected = sum(1 for n in data.networks if n.health != Health.OK)
        who = clean(settings.my_name)
        self.query_one("#title").show(
            "netui",
            "Overview",
            who,
            people_count(data.people),
            "nobody yet" if data.people == 0 else f"{neglected} neglected" if neglected else "no network neglected",
            data.today.isoformat(),
        )
        self.call_after_refresh(self.app.warm_up)

    def _show_welcome(self, first_run: bool) -> None:
        """Nobody in the database yet: explain the idea in place of the (empty) panels and chart."""
        welcome = next(iter(self.query(Welcome)), None)
        was = welcome is not None and welcome.display
        if welcome is not None:
            welcome.display = first_run
        if first_run:
            from netui.ui.screens.help import key_label

            keys = [key_label(k) for k, active in self.active_bindings.items() if active.binding.id == "app.add"]
            add_key = keys[0] if keys else "a"
            if welcome is None:
                welcome = Welcome(add_key, id="welcome")
                self.mount(welcome, after=self.query_one("#panels"))
            else:
                welcome.show(add_key)
            if not was and (self.focused is None or isinstance(self.focused, NetworkPanel)):
                welcome.focus()
        elif was and self.focused in (welcome, None):
            self.panels[0].focus()

    def _show_guide(self, data: Overview) -> None:
        """After the first person and until every network has someone: what to do next,
        in place of a welcome that has gone and four warnings that say only EMPTY."""
        empty = [n.network.label for n in data.networks if n.health == Health.EMPTY]
        guide = self.query_one("#guide", Static)
        shown = data.people > 0 and bool(empty)
        guide.set_class(shown, "-shown")
        if not shown:
            return
        which = empty[0] if len(empty) == 1 else ", ".join(empty[:-1]) + " and " + empty[-1]
        guide.update(Content.assemble(
            ("Next: ", "bold"), f"{which} {'has' if len(empty) == 1 else 'have'} nobody yet. ",
            "Open someone (4, then enter) and press e to tick their networks, or add many at once: ",
            ("ctrl+p", "bold"), ", ", ("Import people", "bold"), ".",
        ))

    def _show_rings(self, data: Overview) -> None:
        parts: list[Content | str | tuple[str, str]] = [("Rings  ", "bold")]
        for i, ring in enumerate(RING_ORDER):
            if i:
                parts.append(" · ")
            parts.append(f"{ring.value} {data.rings.counts[ring]:,}")
        parts.append(" │ ")
        parts.append((f"30 days: ↑{data.rings.moved_in:,} in ↓{data.rings.moved_out:,} out", "$text-muted"))
        self.query_one("#rings", Static).update(Content.assemble(*parts))

    def _show_chart(self, data: Overview) -> None:
        chart = self.query_one(WeekChart)
        chart.values = data.weekly
        total = sum(data.weekly)
        this_week = data.weekly[-1] if data.weekly else 0
        self.query_one("#chart-label", Static).update(
            f"Interactions per week over the last year: {total:,} in all, {this_week:,} this week"
        )

    # ------------------------------------------------------------ keys and moves

    def selected_person_id(self) -> int | None:
        focused = self.focused
        return focused.selected_person_id() if isinstance(focused, NetworkPanel) else None

    def _grid_index(self, widget: Widget | None) -> int | None:
        panels = self.panels
        return panels.index(widget) if widget in panels else None

    @on(NetworkPanel.Leave)
    def _leave(self, event: NetworkPanel.Leave) -> None:
        index = self.panels.index(event.panel)
        target = index + 2 * event.step
        if 0 <= target < len(self.panels):
            panel = self.panels[target]
            panel.cursor = 0 if event.step > 0 else len(panel.people)
            panel.focus()
        elif target >= len(self.panels):
            self.query_one("#follow-ups" if index % 2 == 0 else "#unsorted", LinkLine).focus()

    def on_key(self, event) -> None:
        # From the bottom links, up goes back to the panels.
        focused = self.focused
        if isinstance(focused, LinkLine) and event.key in ("up", "k"):
            event.stop()
            panel = self.panels[2 if focused.id == "follow-ups" else 3]
            panel.cursor = len(panel.people)
            panel.focus()

    def action_column(self, step: int) -> None:
        focused = self.focused
        index = self._grid_index(focused)
        if index is not None:
            target = index - index % 2 + (1 if step > 0 else 0)
            if target != index:
                self.panels[target].focus()
        elif isinstance(focused, LinkLine):
            links = [link for link in self.query(LinkLine) if link.id != "inbox" or link.has_class("-shown")]
            if focused in links:
                links[max(0, min(len(links) - 1, links.index(focused) + step))].focus()

    def action_refresh(self) -> None:
        self.reload()

    @on(NetworkPanel.Open)
    def _open(self, event: NetworkPanel.Open) -> None:
        if event.person_id is not None:
            from netui.ui.screens.person import PersonScreen

            self.app.push_screen(PersonScreen(event.person_id))
        else:
            from netui.ui.screens.people import PushedPeopleScreen

            self.app.push_screen(PushedPeopleScreen(network=event.network))

    @on(LinkLine.Followed)
    def _follow(self, event: LinkLine.Followed) -> None:
        if event.link.id == "follow-ups":
            self.app.switch_mode("agenda")
        elif event.link.id == "inbox":
            self.app.switch_mode("inbox")
        else:
            from netui.ui.screens.triage import TriageScreen

            self.app.push_screen(TriageScreen(source="in no network"))
