"""Review (key 7): the monthly review. This month's routine on top, one person per
network, with keys to log, snooze, swap or mark done; below it social capital, give and
take, readiness and exposure, as `netui review` prints them."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netui.domain.review import PickState, Review, Suggestion
from netui.io.review_text import SECTIONS
from netui.store import review as store
from netui.store.errors import StoreError
from netui.ui.safe import notice, plain
from netui.ui.screens.base import FAILED, NetuiScreen
from netui.ui.undo import UndoEntry
from netui.ui.widgets.keybar import KeyBar
from netui.ui.widgets.row_table import Column, Row, RowTable

STATE_MARK = {PickState.DONE: "muted", PickState.SNOOZED: "muted", PickState.SUGGESTED: "due"}
STATE_LABEL = {PickState.DONE: "✓ done", PickState.SNOOZED: "z snoozed", PickState.SUGGESTED: "· to do"}


def pinned_review(db, today: date) -> Review:
    """This month's picks stored (so they stay put while you act on them), then the review.
    A read-only session, or another one holding the write lock, shows the review without
    storing them: they are stored the next time."""
    if not db.readonly:
        try:
            store.pin_routine(db, today)
        except StoreError:
            pass
    return store.review(db, today)


class ReviewScreen(NetuiScreen):
    """The monthly review."""

    DEFAULT_CSS = """
    ReviewScreen #routine { height: auto; max-height: 7; }
    ReviewScreen #strip { height: 1; padding: 0 1; color: $text-muted; }
    ReviewScreen #parts { height: 1fr; padding: 0 1; }
    ReviewScreen .part-title { text-style: bold; margin-top: 1; }
    """

    BINDINGS = [
        Binding("l", "log", "Log", id="review.log"),
        Binding("x", "done", "Done", id="review.done"),
        Binding("s", "snooze", "Snooze", id="review.snooze"),
        Binding("n", "swap", "Swap", id="review.swap"),
        Binding("u", "undo", "Undo", id="review.undo"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.review: Review | None = None
        self.by_key: dict[int, Suggestion] = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        yield RowTable(
            [Column("", width=10), Column("Network", width=8), Column("Who", width=24), Column("Why", min_width=16)],
            empty_text="No networks yet.",
            id="routine",
        )
        yield Static("", id="strip")
        with VerticalScroll(id="parts"):
            for i, (title, _) in enumerate(SECTIONS[1:]):
                yield Static(title, classes="part-title")
                yield Static("", id=f"part-{i}")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RowTable).focus()
        self.query_one("#title").show("netui", "Review", "loading…")
        self.reload()

    # ------------------------------------------------------------ data

    def reload(self) -> None:
        self.load(pinned_review, self.app.today(), then=self._loaded)

    def _loaded(self, review: Review) -> None:
        self.review = review
        rt = review.routine
        self.by_key = {i: s for i, s in enumerate(rt.suggestions)}
        rows = [
            Row(
                i,
                (
                    STATE_LABEL.get(s.state, s.state) if s.person_id is not None else "",
                    s.network.label,
                    s.name if s.person_id is not None else "—",
                    s.reason,
                ),
                STATE_MARK.get(s.state, "") if s.person_id is not None else "muted",
            )
            for i, s in self.by_key.items()
        ]
        self.query_one(RowTable).set_rows(rows)
        strip = "".join(m.mark for m in rt.strip)
        self.query_one("#strip", Static).update(
            Content.assemble(
                ("Streak ", "bold"), f"{rt.streak} month{'s' if rt.streak != 1 else ''}  ",
                ("last 12 months ", "bold"), strip, "  ● all networks reached ◐ some ○ none",
            )
        )
        for i, (_, lines) in enumerate(SECTIONS[1:]):
            self.query_one(f"#part-{i}", Static).update(plain("\n".join(lines(review)), multiline=True))
        self.query_one("#title").show(
            "netui", "Review", f"{review.today:%B %Y}", f"{rt.done} of {len(rt.suggestions)} done",
            f"readiness {review.readiness.score}/100",
        )

    # ------------------------------------------------------------ selection

    def selected(self) -> Suggestion | None:
        key = self.query_one(RowTable).cursor_key
        return self.by_key.get(key) if key is not None else None

    def selected_person_id(self) -> int | None:
        s = self.selected()
        return s.person_id if s else None

    def _need(self) -> Suggestion | None:
        s = self.selected()
        if s is None or s.person_id is None:
            notice(self, "Nobody to act on in this network this month.", severity="warning")
            return None
        return s

    @on(RowTable.Selected)
    def _open(self, event: RowTable.Selected) -> None:
        s = self.by_key.get(event.key)
        if s is not None and s.person_id is not None:
            from netui.ui.screens.person import PersonScreen

            self.app.push_screen(PersonScreen(s.person_id))

    # ------------------------------------------------------------ keys

    async def action_log(self) -> None:
        """Log with this month's person (the app's log form): that counts as done."""
        if self._need() is not None:
            await self.app.run_action("app.log")

    async def action_done(self) -> None:
        await self._mark(PickState.DONE, "{name}: done for this month.")

    async def action_snooze(self) -> None:
        await self._mark(PickState.SNOOZED, "{name}: snoozed for this month.")

    async def action_swap(self) -> None:
        await self._mark(PickState.SWAPPED, "{name} passed over: here is someone else.")

    async def _mark(self, state: str, message: str) -> None:
        s = self._need()
        if s is None or s.person_id is None:
            return
        today, network, pid = self.app.today(), s.network, s.person_id
        previous = await self.write(store.set_pick_state, today, network, pid, state)
        if previous is FAILED:
            return
        self.app.undo.push(UndoEntry(
            f"{s.name} is back as this month's pick",
            lambda db: store.unset_pick(db, today, network, pid, previous),
            person_id=pid,
        ))
        notice(self, message.format(name=s.name) + " Press u to undo.")
