"""Sort the unsorted: the people in no network, one at a time, each sorted with a key or two.

Opened from the Overview's "Unsorted" line and from the import report. The people to go
through are read once, as the screen opens (someone sorted in another session meanwhile
still comes up, showing where they are now). A network or the trash moves on to the next
person by itself; a ring or a tag stays, so a person can get a ring, then a network.
Every change is one store call in a worker, and `u` undoes the last one and comes back
to that person.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netui.domain.models import Person
from netui.domain.networks import Network
from netui.domain.query import PeopleFilter
from netui.domain.rings import Ring
from netui.store import people as store
from netui.store import people_query
from netui.store.errors import NotFound
from netui.ui.dialogs import TextPrompt
from netui.ui.safe import notice, plain
from netui.ui.screens.base import FAILED, NetuiScreen
from netui.ui.undo import UndoEntry
from netui.ui.widgets.keybar import KeyBar

# A key per ring that clashes with no global key (1-7, a, l, q, ?, `,`) nor with this screen's.
RING_KEYS = {Ring.COLD: "c", Ring.LUKEWARM: "w", Ring.STRATEGIC: "r", Ring.BUDDY: "b"}


def unsorted_queue(db, today: date) -> list[int]:
    """The live people in no network, in name order."""
    return people_query.matching_ids(db, people_query.PeopleList(PeopleFilter(unsorted=True)), today)


@dataclass(frozen=True)
class Card:
    person: Person | None  # None: gone since the list was read (purged in another session)
    person_id: int


def read_card(db, person_id: int) -> Card:
    try:
        return Card(store.get_person(db, person_id), person_id)
    except NotFound:
        return Card(None, person_id)


def extra_lines(extra: str) -> list[str]:
    """What an import kept of a person's file (LinkedIn's "Connected On", a vCard's fields…),
    as "source · field: value" lines. Text from the file: shown through ``plain`` only."""
    try:
        data = json.loads(extra) if extra else {}
    except ValueError:
        return [_short(extra)]
    if not isinstance(data, dict):
        return []
    lines = []
    for source, fields in data.items():
        if isinstance(fields, dict):
            for key, value in fields.items():
                lines.append(f"{source} · {str(key).replace('_', ' ')}: {_short(value)}")
        else:
            lines.append(f"{source}: {_short(fields)}")
    if len(lines) > EXTRA_LINES:  # a vCard keeps every property it had (photos too): a glimpse is enough
        lines[EXTRA_LINES:] = [f"and {len(lines) - EXTRA_LINES} more kept"]
    return lines


EXTRA_LINES = 8


def _short(value: object, limit: int = 100) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _line(label: str, value: object) -> Content:
    return Content.assemble((f"{label:<14}", "dim"), plain(value))


class TriageScreen(NetuiScreen):
    """One unsorted person at a time, with single keys to sort them."""

    HELP_TITLE = "Sort the unsorted"
    DEFAULT_CSS = """
    TriageScreen #card { padding: 1 2; }
    TriageScreen #keys { padding: 0 2; color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("s", "network('support')", "Support", id="triage.support"),
        Binding("p", "network('peer')", "Peer", id="triage.peer"),
        Binding("m", "network('mentor')", "Mentor", id="triage.mentor"),
        Binding("e", "network('mentee')", "Mentee", id="triage.mentee"),
        # Shifted: the same network, staying on the person (to add a second network, say).
        Binding("S", "network('support', True)", "Support, and stay", show=False, id="triage.support_stay"),
        Binding("P", "network('peer', True)", "Peer, and stay", show=False, id="triage.peer_stay"),
        Binding("M", "network('mentor', True)", "Mentor, and stay", show=False, id="triage.mentor_stay"),
        Binding("E", "network('mentee', True)", "Mentee, and stay", show=False, id="triage.mentee_stay"),
        Binding("greater_than_sign,shift+right", "step(True)", "Ring in", id="triage.ring_in"),
        Binding("less_than_sign,shift+left", "step(False)", "Ring out", show=False, id="triage.ring_out"),
        Binding(RING_KEYS[Ring.COLD], "ring('cold')", "Cold", show=False, id="triage.cold"),
        Binding(RING_KEYS[Ring.LUKEWARM], "ring('lukewarm')", "Lukewarm", show=False, id="triage.lukewarm"),
        Binding(RING_KEYS[Ring.STRATEGIC], "ring('strategic')", "Strategic", show=False, id="triage.strategic"),
        Binding(RING_KEYS[Ring.BUDDY], "ring('buddy')", "Buddy", show=False, id="triage.buddy"),
        Binding("t", "tag", "Tag…", id="triage.tag"),
        Binding("x", "skip", "Skip", id="triage.skip"),
        Binding("d", "trash", "Trash", id="triage.trash"),
        Binding("u", "undo", "Undo", id="triage.undo"),
        Binding("enter", "open", "Open", show=False, id="triage.open"),
        Binding("L", "list", "List them", show=False, id="triage.list"),
        Binding("escape", "app.pop_screen", "Back", id="triage.back"),
    ]

    def __init__(self, *, source: str = "") -> None:
        """``source`` says where the screen was opened from (shown in the title)."""
        super().__init__()
        self.source = source
        self.queue: list[int] | None = None  # ids, read once as the screen opens
        self.index = 0
        self.card: Card | None = None
        self.outcome: dict[int, str] = {}  # person -> "sorted" | "trashed" | "skipped"

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        with VerticalScroll():
            yield Static("Loading…", id="card")
        yield Static(
            "s support · p peer · m mentor · e mentee (then the next person) · S P M E: the same, and stay\n"
            f"< > ring out, in · {' · '.join(f'{k} {r.value}' for r, k in RING_KEYS.items())} · "
            "t tag · x skip · d trash · u undo · enter opens · L lists them · esc back",
            id="keys",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self._show_title()
        self.load(unsorted_queue, self.app.today(), then=self._queued, name="triage-queue")

    # ------------------------------------------------------------ reading

    def _queued(self, ids: list[int]) -> None:
        self.queue = ids
        self.index = 0
        self._show_current()

    @property
    def current_id(self) -> int | None:
        if self.queue is None or self.index >= len(self.queue):
            return None
        return self.queue[self.index]

    def _show_current(self) -> None:
        self._show_title()
        pid = self.current_id
        if pid is None:
            self.card = None
            self._show_done()
            return
        self.load(read_card, pid, then=self._card_read, name="triage-card")

    def reload(self) -> None:
        """The data changed (here, or in another session): read the person shown again."""
        if self.queue is not None:
            self._show_current()

    def _card_read(self, card: Card) -> None:
        if card.person_id != self.current_id:
            return  # moved on meanwhile
        if card.person is None:  # gone for good: on to the next
            self.index += 1
            self._show_current()
            return
        self.card = card
        self._show_card(card.person)

    def _show_title(self) -> None:
        total = len(self.queue) if self.queue is not None else 0
        counts = {k: sum(1 for v in self.outcome.values() if v == k) for k in ("sorted", "trashed", "skipped")}
        if self.queue is None:
            where = "loading…"
        elif self.index >= total:
            where = f"all {total:,} seen"
        else:
            where = f"{self.index + 1} of {total:,}"
        done = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
        self.query_one("#title").show("netui", "Sort the unsorted", self.source, where, done)

    def _show_card(self, p: Person) -> None:
        parts: list[Content] = [plain(p.name, style="bold")]
        role = " at ".join(x for x in (p.title, p.company) if x)
        if role:
            parts.append(plain(role))
        parts.append(Content(""))
        parts.append(_line("Ring", p.ring.value))
        networks = ", ".join(ms.network.value for ms in p.memberships)
        parts.append(_line("Networks", networks or "none yet"))
        for label, value in (("Company", p.company), ("Title", p.title), ("Email", p.email), ("Phone", p.phone),
                             ("Profile", p.url), ("Location", p.location), ("Why them", p.purpose)):
            if value:
                parts.append(_line(label, value))
        tags = ", ".join(p.help_tags)
        if tags:
            parts.append(_line("Tags", tags))
        parts.append(Content(""))
        parts.append(Content.styled("Where they came from", "bold"))
        first = p.ring_history[0] if p.ring_history else None
        if first is not None:
            when = first.moved_at.date().isoformat() if first.moved_at else "?"
            how = first.reason if first.reason and first.reason != "added" else "added by hand"
            parts.append(plain(f"  {how}, {when}"))
        if p.introduced_by_name:
            parts.append(plain(f"  introduced by {p.introduced_by_name}"))
        for line in extra_lines(p.extra):
            parts.append(plain(f"  {line}"))
        parts.append(Content(""))
        parts.append(Content.styled(f"Mutual connections ({len(p.knows)})", "bold"))
        if not p.knows:
            parts.append(plain("  nobody linked yet"))
        for link in p.knows[:12]:
            note = f" — {link.note}" if link.note else ""
            parts.append(plain(f"  {link.other_name} ({link.other_ring.value}){note}"))
        if len(p.knows) > 12:
            parts.append(plain(f"  and {len(p.knows) - 12} more"))
        if p.notes:
            parts.append(Content(""))
            parts.append(Content.styled("Notes", "bold"))
            parts.append(plain(p.notes[:600], multiline=True))
        if p.deleted_at is not None:
            parts.insert(1, plain("in the trash (u undoes)", style="bold"))
        self.query_one("#card", Static).update(Content("\n").join(parts))

    def _show_done(self) -> None:
        total = len(self.queue or [])
        if not total:
            text = "Nobody to sort: everyone is in a network."
        else:
            counts = {k: sum(1 for v in self.outcome.values() if v == k) for k in ("sorted", "trashed", "skipped")}
            text = (f"Done: {counts['sorted']} sorted, {counts['trashed']} trashed, {counts['skipped']} skipped "
                    f"of {total:,}. Press esc to go back (u still undoes).")
        self.query_one("#card", Static).update(plain(text))

    def advance(self) -> None:
        self.index += 1
        self.card = None
        self._show_current()

    def current_name(self) -> str:
        return self.card.person.name if self.card and self.card.person else "them"

    def _who_now(self) -> int | None:
        pid = self.current_id
        if pid is None:
            notice(self, "Nobody left to sort here. Press esc to go back.", severity="warning")
        return pid

    # ------------------------------------------------------------ keys

    async def action_network(self, network: str, stay: bool = False) -> None:
        pid = self._who_now()
        if pid is None:
            return
        name, net = self.current_name(), Network(network)
        change = await self.write(store.toggle_network, (pid,), net)
        if change is FAILED:
            return
        verb = "in" if change.added else "out of"
        self.app.undo.push(UndoEntry(f"{name} {'out of' if change.added else 'back in'} {net.value}",
                                     lambda db: store.undo_network_change(db, change), pid, pid))
        notice(self, f"{name} {verb} {net.value}.")
        if change.added:
            self.outcome[pid] = "sorted"
            if not stay:
                self.advance()
        else:
            self.outcome.pop(pid, None)

    async def record_move(self, pid: int, moves) -> None:
        if moves is FAILED:
            return
        if not moves:
            notice(self, f"{self.current_name()} is there already.", severity="warning")
            return
        name = self.current_name()
        self.app.undo.push(UndoEntry(f"{name}'s ring", lambda db: store.undo_ring_moves(db, moves), pid, pid))

    async def action_step(self, inward: bool) -> None:
        pid = self._who_now()
        if pid is not None:
            await self.record_move(pid, await self.write(store.step_rings, (pid,), inward))

    async def action_ring(self, ring: str) -> None:
        pid = self._who_now()
        if pid is not None:
            await self.record_move(pid, await self.write(store.move_rings, (pid,), Ring(ring)))

    def action_tag(self) -> None:
        pid = self._who_now()
        if pid is None:
            return
        name = self.current_name()

        async def chosen(tag: str | None) -> None:
            if not tag:
                return
            added = await self.write(store.tag_people, (pid,), tag)
            if added is FAILED or not added:
                return
            self.app.undo.push(UndoEntry(f"tag {tag} taken off {name}",
                                         lambda db: store.untag_people(db, added, tag), pid, pid))

        self.app.push_screen(TextPrompt(f"Tag {name}", "Tag (what they can help with)", placeholder="e.g. hiring"),
                             chosen)

    def action_skip(self) -> None:
        pid = self._who_now()
        if pid is not None:
            self.outcome.setdefault(pid, "skipped")  # put in a network, staying on them: sorted
            self.advance()

    async def action_trash(self) -> None:
        pid = self._who_now()
        if pid is None:
            return
        name = self.current_name()
        trashed = await self.write(store.trash_people, (pid,))
        if trashed is FAILED:
            return
        self.app.undo.push(UndoEntry(f"restored {name}", lambda db: store.restore_people(db, trashed), pid, pid))
        notice(self, f"{name} moved to the trash. u undoes.")
        self.outcome[pid] = "trashed"
        self.advance()

    def action_open(self) -> None:
        pid = self.current_id
        if pid is not None:
            from netui.ui.screens.person import PersonScreen

            self.app.push_screen(PersonScreen(pid))

    def action_list(self) -> None:
        """The same people as a table (People, narrowed to those in no network)."""
        from netui.ui.screens.people import PushedPeopleScreen

        self.app.push_screen(PushedPeopleScreen(unsorted=True))

    def undone(self, entry: UndoEntry) -> None:
        """Come back to the person the undo changed, if they are in this list."""
        if self.queue is not None and entry.person_id in self.queue:
            self.index = self.queue.index(entry.person_id)
            self.outcome.pop(entry.person_id, None)
        self.changed()
