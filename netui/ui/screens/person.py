"""One person: every field, their networks, ring history, links and timeline."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netui.ui.widgets.keybar import KeyBar
from netui.domain.cadence import days_until_due, due_sentence, due_words, effective_cadence
from netui.domain.journal import TimelineEntry
from netui.domain.models import Person, Settings
from netui.domain.networks import Network, peer_side
from netui.domain.occasions import Rhythm, date_summary
from netui.domain.text import match_key
from netui.store import journal
from netui.store import people as store
from netui.store.settings import load_settings
from netui.ui.dialogs import PersonPicker
from netui.ui.format import ago
from netui.ui.person_actions import PersonActions
from netui.store.jobs import job_changes_of
from netui.ui.screens.base import FAILED
from netui.ui.safe import notice, plain


@dataclass(frozen=True)
class PersonView:
    person: Person
    settings: Settings
    timeline: list[TimelineEntry]
    counts: dict[str, int]
    jobs: tuple = ()  # new roles imports saw (store.jobs), newest first


def _line(label: str, value: object, style: str = "") -> Content:
    return Content.assemble((f"{label:<16}", "dim"), plain(value, style=style))


def balance_text(gave: int, received: int, mutual: int) -> str:
    """The give/receive balance in words: who has helped whom more."""
    counts = f"you gave {gave}, received {received}, mutual {mutual}"
    if gave == received:
        return f"{counts}: balanced" if gave else f"{counts}: nothing marked yet"
    if gave > received:
        return f"{counts}: you have given {gave - received} more"
    return f"{counts}: they have helped you {received - gave} more; find a way to give back"


def person_view(db, person_id: int) -> PersonView:
    with db.snapshot():
        return PersonView(
            store.get_person(db, person_id),
            load_settings(db),
            journal.person_timeline(db, person_id),
            journal.timeline_counts(db, person_id),
            tuple(job_changes_of(db, person_id)),
        )


class PersonScreen(PersonActions):
    DEFAULT_CSS = """
    PersonScreen VerticalScroll { padding: 0 1; }
    PersonScreen .section { margin-top: 1; text-style: bold; color: $accent; }
    PersonScreen #name { text-style: bold; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="person.back"),
        Binding("k", "link", "Knows…", id="person.link"),
    ]

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self.view: PersonView | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        with VerticalScroll():
            yield Static("Loading…", id="body")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#title").show("netui", "Person")
        self.reload()

    def selected_person_id(self) -> int | None:
        return self.person_id

    def reload(self) -> None:
        self.load(person_view, self.person_id, then=self._show, failed=lambda exc: self._gone(str(exc)))

    def _gone(self, message: str) -> None:
        notice(self, message, severity="warning")
        if self.is_current:
            self.app.pop_screen()

    def _show(self, view: PersonView) -> None:
        self.view = view
        p, s = view.person, view.settings
        today = self.app.today()
        self.query_one("#title").show("netui", "Person", p.name, "in trash" if p.deleted_at else "")
        parts: list[Content] = []
        add = parts.append
        add(plain(p.name, style="bold"))
        role = " at ".join(x for x in (p.title, p.company) if x)
        if role:
            add(plain(role))
        add(Content(""))
        cadence = effective_cadence(p.ring, p.cadence_override, p.distant, s.cadence)
        left = days_until_due(p.last_contact, cadence, today, p.snoozed_until)
        never = p.last_contact is None
        short, overdue = due_words(left, never, p.distant)
        due = due_sentence(left, never, p.distant, cadence)
        add(_line("Ring", p.ring.value))
        # The same days, worded the same, as the People list's Due column (domain.cadence).
        add(_line("Due", due if short in ("—", "distant") else f"{short} — {due}", "bold" if overdue else ""))
        add(_line("Last contact", f"{ago(p.last_contact, today)}" + (f" ({p.last_contact})" if p.last_contact else "")))
        for label, value in (
            ("Email", p.email),
            ("Phone", p.phone),
            ("Profile", p.url),
            ("Location", p.location),
            ("Why them", p.purpose),
            ("Introduced by", p.introduced_by_name),
        ):
            if value:
                add(_line(label, value))
        if p.met_through is not None:
            add(_line("Met through", p.met_through.label + (" (in the trash)" if p.met_through.in_trash else "")))
        if p.dates:
            add(Content.styled("Dates", "bold"))
            for d in p.dates:
                add(Content.assemble(("  " + d.label, "dim"), "  ", plain(date_summary(d, today))))
        add(Content.styled("Networks", "bold"))
        if not p.memberships:
            add(plain("  none yet (unsorted): press e to choose"))
        for ms in p.memberships:
            extra = ""
            if ms.network == Network.PEER:
                side = peer_side(p.company, s.my_company, ms.peer_side)
                extra = f" ({side.value} your employer{', set by hand' if ms.peer_side else ''})"
            if ms.network == Network.MENTOR and ms.distant:
                extra = " (distant: books, talks, posts)"
            add(plain(f"  {ms.network.value}{extra}"))
        add(Content.styled("Tags", "bold"))
        add(_line("  Can help with", ", ".join(p.help_tags) or "—"))
        add(_line("  You can offer", ", ".join(p.offer_tags) or "—"))
        add(Content.styled("Knows", "bold"))
        if not p.knows:
            add(plain("  nobody linked yet: press k to link someone they know"))
        for link in p.knows:
            note = f" — {link.note}" if link.note else ""
            add(plain(f"  {link.other_name} ({link.other_ring.value}){note}"))
        add(Content.styled("Ring history", "bold"))
        for move in reversed(p.ring_history):
            when = move.moved_at.date().isoformat() if move.moved_at else "?"
            step = f"{move.from_ring.value} → {move.to_ring.value}" if move.from_ring else f"added as {move.to_ring.value}"
            reason = f" — {move.reason}" if move.reason and move.reason != "added" else ""
            add(plain(f"  {when}  {step}{reason}"))
        if view.jobs:
            add(Content.styled("Roles", "bold"))
            for job in view.jobs:
                add(plain(f"  {job.changed_on.isoformat()}  {job.moved}"))
        add(Content.styled("Timeline", "bold"))
        if view.counts:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(view.counts.items()) if not k.startswith("reciprocity:"))
            gave = view.counts.get("reciprocity:gave", 0)
            got = view.counts.get("reciprocity:received", 0)
            total = sum(n for k, n in view.counts.items() if not k.startswith("reciprocity:"))
            add(plain(f"  {total} interaction{'s' if total != 1 else ''}: {kinds}"))
            add(_line("  Give and take", balance_text(gave, got, view.counts.get("reciprocity:mutual", 0))))
        if not view.timeline:
            add(plain("  no interactions logged yet"))
        for entry in view.timeline:
            who = f" (with {', '.join(entry.others)})" if entry.others else ""
            follow = ""
            if entry.follow_up:
                rhythm = Rhythm.from_code(entry.follow_up_every)
                every = f", {rhythm.label}" if rhythm else ""
                follow = f"  [follow-up {entry.follow_up}{every}{' done' if entry.follow_up_done else ''}]"
            mark = {"gave": " ↑", "received": " ↓", "mutual": " ↕"}.get(entry.reciprocity or "", "")
            add(plain(f"  {entry.date}  {entry.kind + mark:<10} {entry.summary}{who}{follow}"))
        if p.notes:
            add(Content.styled("Notes", "bold"))
            add(plain(p.notes, multiline=True))
        self.query_one("#body", Static).update(Content("\n").join(parts))

    def on_deleted(self, person_id: int) -> None:
        if person_id == self.person_id and self.is_current:
            self.app.pop_screen()

    async def action_link(self) -> None:
        if self.view is None:
            return
        async def matches(name: str) -> list[int] | None:
            key = match_key(name)
            found = await self.store(store.people_named, name)
            return None if found is None else [pid for pid, n, _ in found if match_key(n) == key and pid != self.person_id]

        def problem(name: str, found: list[int]) -> str | None:
            if len(found) == 1:
                return None
            why = "Nobody" if not found else f"{len(found)} people"
            return f"{why} called {name!r} (tab completes a name)."

        async def check(name: str) -> str | None:
            found = await matches(name)
            return "The names could not be read: try again." if found is None else problem(name, found)

        async def chosen(result: tuple[str, str] | None) -> None:
            if not result:
                return
            name, note = result
            found = await matches(name)
            if found is None:
                return
            if len(found) != 1:  # checked in the dialog; the list may have changed since
                notice(self, f"{problem(name, found)} No link made.", severity="warning")
                return
            if await self.write(store.link_knows, self.person_id, found[0], note) is not FAILED:
                notice(self, f"Linked: {self.view.person.name} knows {name}.")

        self.app.push_screen(PersonPicker(f"Who does {self.view.person.name} know?",
                                         lambda typed: self.store(store.complete_name, typed), check=check), chosen)
