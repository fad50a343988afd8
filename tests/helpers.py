"""Small helpers for UI tests, on Textual's public API only."""

from __future__ import annotations

import asyncio
import html
import re
import time

from rich.cells import cell_len
from rich.style import Style
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.errors import NoWidget
from textual.geometry import Region
from textual.pilot import Pilot
from textual.worker import Worker

from netui.domain.models import Membership, PersonDraft
from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store.people import add_person

# Far longer than any test's work takes: a settle that reaches it means something never ends.
SETTLE_TIMEOUT = 30.0


async def settle(pilot: Pilot, rounds: int = 2) -> None:
    """Let workers, store calls in threads and the messages they post all finish.

    Waits on events, not on the clock: every running worker is awaited, then every node
    that ran one has handled the messages queued behind its result (a load's result is
    handed over in a message, and its handler may start another load), then the screen
    has handled its own. Done after ``rounds`` passes in a row that found nothing running."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SETTLE_TIMEOUT
    quiet = 0
    while quiet < rounds:
        busy = [worker for worker in app.workers if not worker.is_finished]
        if busy:
            quiet = 0
            await _within(deadline, asyncio.gather(*(worker.wait() for worker in busy), return_exceptions=True))
            await _within(deadline, _messages_handled(worker.node for worker in busy))
        await pilot.pause()
        if not busy and not any(not worker.is_finished for worker in app.workers):
            quiet += 1


async def _within(deadline: float, awaitable) -> None:
    left = deadline - asyncio.get_running_loop().time()
    try:
        await asyncio.wait_for(awaitable, timeout=max(left, 0.01))
    except asyncio.TimeoutError:
        raise AssertionError(f"still busy after {SETTLE_TIMEOUT:.0f}s: a worker or a message handler never ends") from None


async def _messages_handled(nodes) -> None:
    """Every message already queued for these nodes has been handled (a callback queued
    behind them has run), or the node has stopped (a dialog dismissed meanwhile)."""

    async def handled(node) -> None:
        done = asyncio.Event()
        if not (node.is_running and node.call_later(done.set)):
            return
        while not done.is_set() and node.is_running:
            try:
                await asyncio.wait_for(done.wait(), timeout=0.05)
            except asyncio.TimeoutError:
                pass

    await asyncio.gather(*(handled(node) for node in {id(node): node for node in nodes}.values()))


# One line of text in the SVG Rich writes for a screenshot: its x (cells times the cell
# width), the line it is on, and the text with spaces as &#160;. Runs of blanks are not
# written; their place follows from the next text's x.
_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([^"]+)" y="[^"]*" textLength="[^"]*" clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>',
    re.S,
)
_SVG_CELL_WIDTH = 0.61 * 20  # Rich's export_svg: font_aspect_ratio x char_height


def screen_text(pilot: Pilot) -> str:
    """Everything on screen as plain text, the way a user reads it: one line per terminal
    row, each as wide as the terminal, from the app's own screenshot (``export_screenshot``)."""
    app = pilot.app
    width, height = app.size
    rows: list[list[tuple[int, str]]] = [[] for _ in range(height)]
    for x, line, content in _SVG_TEXT.findall(app.export_screenshot(simplify=True)):
        text = html.unescape(content).replace("\xa0", " ").replace("\n", "")
        if text and int(line) < height:
            rows[int(line)].append((round(float(x) / _SVG_CELL_WIDTH), text))
    lines = []
    for pieces in rows:
        out, at = [], 0
        for column, text in sorted(pieces):
            out.append(" " * (column - at) + text)
            at = column + cell_len(text)
        out.append(" " * (width - at))
        lines.append("".join(out))
    return "\n".join(lines)


def screen_styles(pilot: Pilot, *, dimmed: bool = True) -> list[list[Style]]:
    """The Rich style of every cell on screen, row by row: what ``Screen.get_style_at``
    answers, worked out from each widget drawn once instead of once per cell.

    A see-through screen (a dialog's) shows the screens below it dimmed; only
    ``get_style_at`` knows how to dim them, cell by cell, which is slow. With
    ``dimmed=False`` those cells get the style of the widget below as it draws itself:
    the same links and click actions, without the dimming's colours."""
    app = pilot.app
    width, height = app.size
    stack = list(reversed(app.screen_stack))  # the top screen first
    drawn: dict[int, tuple[Region, list]] = {}  # each widget's strips, all its rows
    cells: dict[tuple[int, int], list[Style]] = {}  # a widget's row, cell by cell

    def style_at(x: int, y: int) -> Style:
        for screen in stack:
            try:
                widget, region = screen.get_widget_at(x, y)
            except NoWidget:
                return Style.null()
            if widget is screen and screen.styles.background.a < 1:
                if dimmed:
                    return screen.get_style_at(x, y)
                continue  # look through it
            if id(widget) not in drawn:
                drawn[id(widget)] = (region, widget.render_lines(Region(0, 0, region.width, region.height)))
            if (id(widget), y) not in cells:
                at, strips = drawn[id(widget)]
                line = strips[y - at.y] if 0 <= y - at.y < len(strips) else ()
                cells[id(widget), y] = [seg.style or Style.null() for seg in line for _ in range(seg.cell_length)]
            row = cells[id(widget), y]
            return row[x - region.x] if 0 <= x - region.x < len(row) else Style.null()
        return Style.null()

    return [[style_at(x, y) for x in range(width)] for y in range(height)]


def own_bindings(node) -> list[Binding]:
    """The bindings a screen or widget declares: its classes' ``BINDINGS``, merged the way
    Textual merges them (a subclass's binding for a key replaces its base's)."""
    by_key: dict[str, list[Binding]] = {}
    for cls in reversed(type(node).__mro__):
        if issubclass(cls, DOMNode) and "BINDINGS" in cls.__dict__:
            by_key.update(BindingsMap(cls.__dict__["BINDINGS"]).key_to_bindings)
    return [binding for group in by_key.values() for binding in group]


def add(db, name: str, ring: Ring = Ring.COLD, company: str = "", networks: tuple[Network, ...] = (), **kw) -> int:
    return add_person(
        db, PersonDraft(name=name, ring=ring, company=company, memberships=tuple(Membership(n) for n in networks), **kw)
    )


class NoticeLog:
    """The notifications an app was asked to show, through its public ``notify`` and
    ``clear_notifications`` (``run_test`` turns toasts off, so they cannot be read off
    the screen). ``make_test_app`` gives every app one."""

    def __init__(self, app) -> None:
        self.app = app
        self.raised: list[tuple[str, float]] = []  # (message, when it expires)
        notify, clear = app.notify, app.clear_notifications

        def notify_and_log(message: str, *, title: str = "", severity="information", timeout=None, markup=True):
            expires = time.time() + (app.NOTIFICATION_TIMEOUT if timeout is None else timeout)
            self.raised.append((message, expires))
            notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

        def clear_and_log() -> None:
            self.raised.clear()
            clear()

        app.notify = notify_and_log
        app.clear_notifications = clear_and_log
        app.notice_log = self

    def shown(self) -> list[str]:
        now = time.time()
        return [message for message, expires in self.raised if expires > now]


def notifications(app) -> list[str]:
    """The messages of the notifications currently shown (raised, not expired nor cleared)."""
    log = getattr(app, "notice_log", None)
    assert log is not None, "build the app with make_test_app (or give it a NoticeLog) to read its notifications"
    return log.shown()


def running(app, name: str) -> list[Worker]:
    """The workers of this name still at work (a screen's loads are named after what they load)."""
    return [worker for worker in app.workers if worker.name == name and not worker.is_finished]


def fill_disk(filler) -> None:
    """Write zeros to ``filler`` until its file system is full (unbuffered: nothing is left
    to flush when the file closes, which would fail again)."""
    with open(filler, "wb", buffering=0) as handle:
        try:
            while handle.write(b"\0" * 65536):
                pass
        except OSError:
            pass


async def type_like_a_terminal(pilot: Pilot, text: str) -> None:
    """Type ``text`` one character at a time as a terminal's input parser delivers it:
    a Key event carrying the character itself. ``pilot.press`` goes through key names,
    and some characters (the zero-width joiners) do not survive that round trip."""
    import unicodedata

    from textual import events

    for ch in text:
        if ch.isalnum():
            key = ch
        else:
            try:
                key = unicodedata.name(ch).lower().replace("-", "_").replace(" ", "_")
            except ValueError:
                key = ch
        event = events.Key(key, ch)
        event.set_sender(pilot.app)
        pilot.app.post_message(event)
        await pilot.pause()


async def type_ahead(pilot: Pilot, *keys: str) -> None:
    """Keys typed faster than the app reads them: every Key event is made (stamped) and
    queued at once, as a terminal's input parser does with one read of several bytes,
    before the app has handled the first. ``pilot.press`` waits for each key in turn."""
    from textual import events

    for key in keys:
        character = key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(pilot.app)
        pilot.app.post_message(event)
    await pilot.pause()
