"""Agenda (key 5): today's follow-ups, neglected networks and people due, each with
its next step. Log, mark done or snooze without leaving the list."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from netui.ui.widgets.keybar import KeyBar
from netui.domain.agenda import SNOOZE_DAYS, Agenda, AgendaItem, ItemKind, parse_day, snooze_until, step_groups
from netui.domain.occasions import snooze_date_until
from netui.store import agenda as agenda_store
from netui.store import dates as dates_store
from netui.store.jobs import set_job_change_state
from netui.store.overview import agenda as load_agenda
from netui.store.settings import load_settings
from netui.ui.dialogs import DIALOG_CSS
from netui.ui.safe import notice, plain
from netui.ui.screens.base import FAILED, NetuiScreen
from netui.ui.undo import UndoEntry
from netui.ui.widgets.fields import TextField
from netui.ui.widgets.row_table import Column, LazyRows, Row, RowTable

KIND_LABEL = {ItemKind.FOLLOW_UP: "follow-up", ItemKind.DATE: "coming up", ItemKind.NETWORK: "neglected",
              ItemKind.PERSON: "due", ItemKind.JOB: "new role", ItemKind.MEETING: "meeting"}
KIND_MARK = {ItemKind.FOLLOW_UP: "due", ItemKind.DATE: "", ItemKind.NETWORK: "warn", ItemKind.PERSON: "",
             ItemKind.JOB: "", ItemKind.MEETING: "muted"}


class DateDialog(ModalScreen["date | None"]):
    """Ask for a day after today: ``tomorrow``, ``2w``, ``+10``, ``2026-04-01``, ``1/4``."""

    DEFAULT_CSS = DIALOG_CSS.format(cls="DateDialog")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="date.cancel"),
        Binding("ctrl+s", "save", "Snooze", id="date.save"),
    ]

    def __init__(self, title: str | Content, today: date, day_first: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.today = today
        self.day_first = day_first

    def compose(self) -> ComposeResult:
        order = "14/3" if self.day_first else "3/14"
        with Vertical():
            yield Static(self.title_text if isinstance(self.title_text, Content) else plain(self.title_text), classes="dialog-title")
            yield Label(f"Until (tomorrow, next monday, 3d, 2w, {order}, 2026-04-01)")
            yield TextField(placeholder="2w", id="when", max_length=40)
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Snooze (enter)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#when", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_save(self) -> None:
        text = self.query_one("#when", Input).value
        try:
            day = parse_day(text, self.today, day_first=self.day_first)
        except ValueError as exc:
            self.query_one("#error", Static).update(plain(str(exc)))
            return
        if day <= self.today:
            self.query_one("#error", Static).update(plain(f"{day.isoformat()} is not after today: pick a later day."))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)


def agenda_and_date_order(db, today: date) -> tuple[Agenda, bool]:
    with db.snapshot():
        settings = load_settings(db)
        return load_agenda(db, today, settings), settings.day_first


def _agenda_row(entry: tuple[AgendaItem, bool]) -> Row:
    """An item's row; one that continues its group leaves its kind and step blank."""
    item, first = entry
    full = (KIND_LABEL[item.kind], item.title, item.status, item.next_step)
    if first:
        return Row(item.key, full, KIND_MARK[item.kind])
    return Row(item.key, ("", item.title, item.status, ""), KIND_MARK[item.kind], top_cells=full)


class AgendaScreen(NetuiScreen):
    """Today's list, most pressing first."""

    DEFAULT_CSS = """
    AgendaScreen #detail { height: auto; max-height: 4; padding: 0 1; background: $panel; }
    /* Notices sit above the detail lines (at most 4) and the key bar, never over them. */
    AgendaScreen ToastRack { margin-bottom: 5; }
    """

    BINDINGS = [
        Binding("l", "log", "Log", id="agenda.log"),
        Binding("x", "done", "Done", id="agenda.done"),
        Binding("s", "snooze", "Snooze 1w", id="agenda.snooze"),
        Binding("S", "snooze_until", "Snooze until…", id="agenda.snooze_until"),
        Binding("u", "undo", "Undo", id="agenda.undo"),
        # Shown in help (?) and the palette: the key bar at 80 columns has no room left.
        Binding("b", "brief", "Brief on the person", show=False, id="agenda.brief"),
        Binding("n", "dismiss", "Dismiss a new role", show=False, id="agenda.dismiss"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.agenda: Agenda | None = None
        self.by_key: dict[int, AgendaItem] = {}
        self.day_first = True

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        yield RowTable(
            [
                Column("", width=9),
                # Each next step shows once per group, so names get a good share of the room.
                Column("Who", min_width=20, weight=4),
                Column("Status", width=21),
                Column("Next step", min_width=16, weight=5),
            ],
            empty_text="Nothing due today: every follow-up is done and everyone is in touch.",
            id="agenda",
        )
        yield Static("", id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RowTable).focus()
        self.query_one("#title").show("netui", "Agenda", "loading…")
        self.reload()

    # ------------------------------------------------------------ data

    @classmethod
    def first_load(cls, today: date):
        return agenda_and_date_order, (today,)

    def reload(self, keep: int | None = None) -> None:
        self.load(agenda_and_date_order, self.app.today(), then=lambda loaded: self._loaded(*loaded, keep=keep))

    def undone(self, entry) -> None:
        """The cursor follows the line the undo brought back (a follow-up open again, a snooze
        taken back), so the next key acts on it."""
        if entry.key is not None and entry.where == "agenda":
            self._own_change_shown = True  # this reload is the one the change would start
            self.reload(keep=entry.key)
        super().undone(entry)

    def _loaded(self, agenda: Agenda, day_first: bool, keep: int | None = None) -> None:
        self.agenda = agenda
        self.day_first = day_first
        self.by_key = {item.key: item for item in agenda.items}
        # Items that share a next step (the people due on one ring) are listed together,
        # the step said on the group's first line only. Everyone due can be thousands of
        # lines: each row is made when it is drawn.
        ordered = [(item, n == 0) for group in step_groups(agenda.items) for n, item in enumerate(group)]
        rows = LazyRows(ordered, key=lambda entry: entry[0].key, make=_agenda_row)
        self.query_one(RowTable).set_rows(rows, keep_key=keep)
        day = agenda.today
        counts = []
        if agenda.follow_ups:
            counts.append(f"{agenda.follow_ups:,} follow-up{'s' if agenda.follow_ups != 1 else ''}")
        if agenda.dates:
            counts.append(f"{agenda.dates} coming up")
        if agenda.networks:
            counts.append(f"{agenda.networks} neglected")
        if agenda.people:
            counts.append(f"{agenda.people:,} due")
        if agenda.coming_up:
            counts.append(f"{agenda.coming_up:,} coming up")
        self.query_one("#title").show(
            "netui", "Agenda", f"{day:%a} {day.day} {day:%b %Y}", " · ".join(counts) or "nothing due"
        )

    # ------------------------------------------------------------ selection

    @on(RowTable.Highlighted)
    def _highlighted(self, event: RowTable.Highlighted) -> None:
        item = self.by_key.get(event.key) if event.key is not None else None
        detail = self.query_one("#detail", Static)
        if item is None:
            detail.update("")
            return
        detail.update(
            Content.assemble(
                (KIND_LABEL[item.kind], "bold"), " ", plain(item.title), (f" ({item.status})", "$text-muted"),
                "\n", ("Next step: ", "bold"), plain(item.next_step),
            )
        )

    def selected_item(self) -> AgendaItem | None:
        key = self.query_one(RowTable).cursor_key
        return self.by_key.get(key) if key is not None else None

    def selected_person_id(self) -> int | None:
        item = self.selected_item()
        return item.person_id if item else None

    def _need_item(self) -> AgendaItem | None:
        item = self.selected_item()
        if item is None:
            notice(self, "Nothing is selected: the agenda is empty.", severity="warning")
        return item

    # ------------------------------------------------------------ keys

    async def action_log(self) -> None:
        """Log with the selected person (the app's log form); logging restarts their clock."""
        if self._need_item() is not None:
            await self.app.run_action("app.log")

    async def action_done(self) -> None:
        item = self._need_item()
        if item is None:
            return
        if item.kind == ItemKind.DATE and item.date_id is not None and item.due is not None:
            did, year = item.date_id, item.due.year
            previous = await self.write(dates_store.set_date_done, did, year)
            if previous is not FAILED:
                self.app.undo.push(UndoEntry("the date is back in Coming up",
                                             lambda db: dates_store.set_date_done(db, did, previous), key=item.key))
                notice(self, f"{item.title}: done for {year}. Press u to undo.")
            return
        if item.kind == ItemKind.JOB:
            await self._job_state(item, "done")
            return
        if item.kind != ItemKind.FOLLOW_UP or item.interaction_id is None:
            notice(self, "x marks a follow-up, a date or a new role done; this line is not a follow-up, a date or a new role.",
                   severity="warning")
            return
        iid = item.interaction_id
        before = await self.write(agenda_store.complete_follow_up, iid, self.app.today())
        if before is not FAILED:
            self.app.undo.push(UndoEntry("the follow-up is open again",
                                         lambda db: agenda_store.put_follow_up_back(db, iid, before), key=item.key, where="agenda"))
            if item.rhythm:
                notice(self, f"Follow-up with {item.title} done; the next one ({item.rhythm}) is set. Press u to undo.")
            else:
                notice(self, f"Follow-up with {item.title} done. Press u to undo.")

    async def action_dismiss(self) -> None:
        item = self._need_item()
        if item is None:
            return
        if item.kind != ItemKind.JOB:
            notice(self, "n dismisses a new role; this line is not one.", severity="warning")
            return
        await self._job_state(item, "dismissed")

    async def _job_state(self, item: AgendaItem, state: str) -> None:
        job_id = item.job_id
        previous = await self.write(set_job_change_state, job_id, state)
        if previous is FAILED:
            return
        self.app.undo.push(UndoEntry("the new role is back on the agenda",
                                     lambda db: set_job_change_state(db, job_id, previous), key=item.key))
        said = "congratulated" if state == "done" else "dismissed"
        notice(self, f"{item.title}'s new role {said}. Press u to undo.")

    async def action_snooze(self) -> None:
        item = self._need_item()
        if item is None:
            return
        if item.kind == ItemKind.DATE and item.due is not None:
            await self._snooze(item, snooze_date_until(item.due, self.app.today(), SNOOZE_DAYS))
        else:
            await self._snooze(item, snooze_until(self.app.today(), SNOOZE_DAYS))

    async def action_snooze_until(self) -> None:
        item = self._need_item()
        if item is None or not self._snoozable(item):
            return
        title = Content.assemble("Snooze ", plain(item.title))

        async def chosen(day: date | None) -> None:
            if day is not None:
                await self._snooze(item, day)

        self.app.push_screen(DateDialog(title, self.app.today(), self.day_first), chosen)

    def _snoozable(self, item: AgendaItem) -> bool:
        if item.kind == ItemKind.JOB:
            notice(self, "A new role is congratulated (x) or dismissed (n), not snoozed.", severity="warning")
            return False
        if item.kind == ItemKind.MEETING:
            notice(self, "A meeting ahead cannot be snoozed; it comes from your calendar.", severity="warning")
            return False
        if item.kind == ItemKind.NETWORK:
            notice(
                self,
                "A neglected network cannot be snoozed: get in touch with someone in it, "
                "or raise its threshold in Settings (,).",
                severity="warning",
            )
            return False
        return True

    async def _snooze(self, item: AgendaItem, until: date) -> None:
        if not self._snoozable(item):
            return
        when = until.isoformat()
        if item.kind == ItemKind.DATE and item.date_id is not None:
            did = item.date_id
            previous = await self.write(dates_store.snooze_date, did, until)
            if previous is not FAILED:
                self.app.undo.push(UndoEntry("the snooze is lifted",
                                             lambda db: dates_store.snooze_date(db, did, previous), key=item.key))
                notice(self, f"{item.title}'s date snoozed until {when}. Press u to undo.")
        elif item.kind == ItemKind.FOLLOW_UP and item.interaction_id is not None:
            iid = item.interaction_id
            previous = await self.write(agenda_store.snooze_follow_up, iid, until)
            if previous is not FAILED:
                self.app.undo.push(UndoEntry("the snooze is lifted",
                                             lambda db: agenda_store.snooze_follow_up(db, iid, previous), key=item.key, where="agenda"))
                notice(self, f"Follow-up with {item.title} snoozed until {when}. Press u to undo.")
        elif item.person_id is not None:
            pid = item.person_id
            previous = await self.write(agenda_store.snooze_person, pid, until)
            if previous is not FAILED:
                self.app.undo.push(UndoEntry("the snooze is lifted",
                                             lambda db: agenda_store.snooze_person(db, pid, previous), key=item.key, where="agenda"))
                notice(self, f"{item.title} snoozed until {when}. Press u to undo.")

    def action_brief(self) -> None:
        """A one-screen brief on the selected person: read it before the meeting."""
        from netui.ui.screens.brief import BriefScreen

        item = self._need_item()
        if item is None:
            return
        if item.person_id is None:
            notice(self, "This line is not about one person.", severity="warning")
            return
        self.app.push_screen(BriefScreen(item.person_id))

    @on(RowTable.Selected)
    def _open(self, event: RowTable.Selected) -> None:
        item = self.by_key.get(event.key)
        if item is None:
            return
        if item.kind == ItemKind.NETWORK and item.network is not None:
            from netui.ui.screens.people import PushedPeopleScreen

            self.app.push_screen(PushedPeopleScreen(network=item.network))
        elif item.person_id is not None:
            from netui.ui.screens.person import PersonScreen

            self.app.push_screen(PersonScreen(item.person_id))
