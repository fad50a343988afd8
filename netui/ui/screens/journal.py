"""The journal (key 3): every interaction, newest first, filtered without freezing.

The table is fed a window, not a list: the count and the first page come from one
worker, every other page is fetched (keyset or offset from the nearer end) when it
is first drawn, off the UI thread. 200,000 entries cost what 100 do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from netui.ui.widgets.keybar import KeyBar
from netui.domain.dates import DateError, describe, parse_date
from netui.domain.text import clean_input, match_key
from netui.domain.journal import KINDS, RECIPROCITY_MARK, Interaction, JournalFilter, JournalRow
from netui.domain.occasions import Rhythm
from netui.store import journal as store
from netui.store.people import complete_name, people_named
from netui.store.settings import load_settings
from netui.ui.dialogs import DIALOG_CSS
from netui.ui.safe import notice, plain
from netui.ui.undo import UndoEntry
from netui.ui.screens.base import FAILED, NetuiScreen
from netui.ui.widgets.fields import LookupSuggester, StateCheckbox, TextField
from netui.ui.widgets.paged import Paged
from netui.ui.widgets.row_table import Column, Row, RowTable

PAGE = 100
ANY = "any"


def follow_up_cell(row: JournalRow, today: date) -> tuple[str, str]:
    """The follow-up column and its mark; the symbol says it without colour."""
    if row.follow_up is None:
        return "", ""
    if row.follow_up_done:
        return "✓ done", "muted"
    repeats = Rhythm.from_code(row.follow_up_every) is not None  # ↻: it repeats (the entry says how often)
    if row.follow_up <= today:
        return "! due ↻" if repeats else "! due", "due"
    return f"{'↻' if repeats else '⚑'} {row.follow_up:%d %b}", ""


def row_for(entry: JournalRow, today: date) -> Row:
    follow, mark = follow_up_cell(entry, today)
    kind = entry.kind + (f" {RECIPROCITY_MARK[entry.reciprocity]}" if entry.reciprocity else "")
    return Row(entry.id, (entry.date.isoformat(), kind, ", ".join(entry.people), entry.summary, follow), mark)


def placeholder(index: int) -> Row:
    return Row(-1 - index, ("…", "", "loading", "", ""), "muted")


@dataclass(frozen=True)
class Loaded:
    generation: int
    filter: JournalFilter
    total: int
    pages: dict[int, list[JournalRow]]
    keep: int | None


def first_pages(db, generation: int, f: JournalFilter, keep: int | None) -> Loaded:
    """The count and the first page, and the page of the entry to keep the cursor on."""
    with db.snapshot():
        total = store.count_journal(db, f)
        pages = {0: store.journal_slice(db, f, 0, PAGE, total)}
        if keep is not None and not any(row.id == keep for row in pages[0]):
            position = store.journal_position(db, f, keep)
            if position is not None and position // PAGE not in pages:
                page = position // PAGE
                pages[page] = store.journal_slice(db, f, page * PAGE, (page + 1) * PAGE, total)
            if position is None:
                keep = None
    return Loaded(generation, f, total, pages, keep)


class JournalScreen(NetuiScreen):
    """Every interaction, newest first (key 3)."""

    DEFAULT_CSS = """
    JournalScreen #search { dock: bottom; display: none; }
    JournalScreen #search.-shown { display: block; }
    """
    BINDINGS = [
        Binding("n", "app.log", "New", id="journal.new"),
        Binding("e", "edit", "Edit", id="journal.edit"),
        Binding("d", "delete", "Delete", id="journal.delete"),
        Binding("u", "undo", "Undo", id="journal.undo"),
        Binding("f", "follow_up_done", "Follow-up done", id="journal.follow_up_done"),
        Binding("slash", "search", "Search", id="journal.search", priority=True),
        Binding("F", "filters", "Filters…", id="journal.filters"),
        Binding("o", "open_follow_ups", "Open follow-ups", id="journal.open_follow_ups"),
        Binding("x", "clear_filters", "Clear filters", id="journal.clear"),
    ]

    def __init__(self, *, person: tuple[int, str] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.filter = JournalFilter(person_id=person[0]) if person else JournalFilter()
        self.person_name = person[1] if person else ""
        self.window: Paged[JournalRow] | None = None
        self.generation = 0
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        yield RowTable(
            [
                Column("Date", width=10),
                # In a narrow terminal the follow-up goes first, then the kind: whole
                # columns, rather than every row ending in a cut-off "……".
                Column("Kind", width=10, hide_rank=1),
                Column("With", min_width=10),
                Column("Summary", min_width=12),
                Column("Follow-up", width=9, hide_rank=2),
            ],
            empty_text="No interactions yet. Press l to log one.",
            id="journal",
        )
        yield TextField(
            placeholder="Search summaries and notes (esc clears)", id="search", max_length=200,
            on_change=self._search_changed,
        )
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RowTable).focus()
        self._show_title()
        self.reload()

    # ------------------------------------------------------------ data

    def undone(self, entry) -> None:
        """The cursor follows the entry the undo brought back (a deleted entry, a follow-up
        mark put back), so the next key acts on it and not on its neighbour."""
        if entry.key is not None and entry.where == "journal":
            self._own_change_shown = True  # this reload is the one the change would start
            self.reload(keep=entry.key)
        super().undone(entry)

    def reload(self, keep: int | None = None) -> None:
        table = self.query_one(RowTable)
        if keep is None:
            keep = table.cursor_key if table.cursor_key is not None and table.cursor_key >= 0 else None
        self.generation += 1
        # A newer filter cancels a load still under way: only the last one typed is shown.
        self.load(first_pages, self.generation, self.filter, keep, then=self._loaded, name="journal-load")

    def _loaded(self, result: Loaded) -> None:
        if result.generation != self.generation:
            return  # a newer filter is on its way
        today = self.app.today()
        window: Paged[JournalRow] = Paged(
            result.total, make=lambda entry: row_for(entry, today), key_of=lambda entry: entry.id,
            fetch=lambda paged, page: self.fetch_page(paged, page, result), placeholder=placeholder, page_size=PAGE,
        )
        for page, rows in result.pages.items():
            window.put(page, rows)
        self.window = window
        self.loaded = True
        table = self.query_one(RowTable)
        # Empty because nothing matches is not the same as empty: say how to see everything again.
        table.empty_text = (
            "No entry matches. esc clears the search, x every filter." if result.filter.active
            else "No interactions yet. Press l to log one."
        )
        table.set_rows(window, keep_key=result.keep)
        self._show_title()

    def fetch_page(self, window: Paged[JournalRow], page: int, loaded: Loaded) -> None:
        before = window.last_before(page)  # a keyset query when the page before is held
        self.load(
            store.journal_slice, loaded.filter, page * PAGE, (page + 1) * PAGE, window.total,
            after=(before.date, before.id) if before else None,
            then=lambda rows: self._page_arrived(window, page, rows),
            failed=lambda exc: self._page_failed(window, page, exc),
            name=f"journal-page-{loaded.generation}-{page}",
        )

    def _page_failed(self, window: Paged[JournalRow], page: int, exc) -> None:
        window.failed(page)
        notice(self, str(exc), severity="error")

    def _page_arrived(self, window: Paged[JournalRow], page: int, rows: list[JournalRow]) -> None:
        window.put(page, rows)
        if window is self.window:
            table = self.query_one(RowTable)
            table.refresh()
            table.announce()

    def _show_title(self) -> None:
        f = self.filter
        total = self.window.total if self.window else 0
        parts: list[str | Content] = ["netui", "Journal"]
        parts.append(f"{total:,} entr{'y' if total == 1 else 'ies'}" if self.loaded else "loading…")
        if f.person_id is not None:
            parts.append(Content.assemble("with ", plain(self.person_name)))
        if f.kind:
            parts.append(f"kind: {f.kind}")
        if f.since or f.until:
            parts.append(f"{f.since.isoformat() if f.since else '…'} to {f.until.isoformat() if f.until else '…'}")
        if f.open_follow_ups:
            parts.append("follow-ups open")
        if f.text:
            parts.append(Content.assemble("search: ", plain(f.text)))
        if f.active:
            parts.append("x clears")
        self.query_one("#title").show(*parts)

    def set_filter(self, f: JournalFilter, person_name: str = "") -> None:
        self.filter = f
        self.person_name = person_name if f.person_id is not None else ""
        # The title follows with the results (_loaded), in the same frame: one repaint per
        # key instead of two, over an SSH link.
        self.reload()

    # ------------------------------------------------------------ selection

    def _selected_id(self) -> int | None:
        key = self.query_one(RowTable).cursor_key
        if key is None or key < 0:
            return None
        return key

    def selected_entry(self) -> JournalRow | None:
        key = self._selected_id()
        return self.window.item(key) if key is not None and self.window else None

    def selected_person_id(self) -> int | None:
        """`l` here logs with the person the journal is filtered on, if any."""
        return self.filter.person_id

    def _need_selection(self) -> int | None:
        key = self._selected_id()
        if key is None:
            notice(self, "No entry is selected." if self.window and self.window.total else "The journal is empty.",
                   severity="warning")
        return key

    # ------------------------------------------------------------ keys

    @on(RowTable.Selected)
    async def _open(self, event: RowTable.Selected) -> None:
        if event.key < 0:
            return
        entry = await self.store(store.get_interaction, event.key)
        if entry is None:
            return

        async def chosen(action: str | None) -> None:
            if action:
                await getattr(self, f"action_{action}")()

        self.app.push_screen(EntryDialog(entry, self.app.today()), chosen)

    async def action_edit(self) -> None:
        from netui.ui.journal_actions import open_log_form

        key = self._need_selection()
        if key is not None:
            await open_log_form(self.app, key)

    async def action_delete(self) -> None:
        if self.app.typed_ahead("d", "delete"):
            return
        key = self._need_selection()
        if key is None:
            return
        entry = self.selected_entry()
        if await self.write(store.delete_interaction, key) is FAILED:
            return
        label = "the entry"
        if entry:
            about = f" ({entry.summary[:40]}{'…' if len(entry.summary) > 40 else ''})" if entry.summary else ""
            label = f"the {entry.kind} of {entry.date.isoformat()}{about}"
        self.app.undo.push(UndoEntry(f"restored {label}", lambda db: store.restore_interaction(db, key), key=key, where="journal"))
        notice(self, f"Deleted {label}. Press u to undo.")

    async def action_follow_up_done(self) -> None:
        key = self._need_selection()
        if key is None:
            return
        entry = await self.store(store.get_interaction, key)
        if entry is None:
            return
        if entry.follow_up is None:
            notice(self, "This entry has no follow-up. Press e to set one.", severity="warning")
            return
        done = not entry.follow_up_done
        rhythm = Rhythm.from_code(entry.follow_up_every)
        if done:
            # A repeating follow-up moves on to its next date, counted from today.
            before = await self.write(store.complete_follow_up, key, self.app.today())
            if before is FAILED:
                return
            self.app.undo.push(
                UndoEntry("follow-up mark put back", lambda db: store.put_follow_up_back(db, key, before), key=key, where="journal")
            )
            if rhythm is not None:
                following = rhythm.after(self.app.today())
                notice(self, f"Follow-up done; the next ({rhythm.label}) is on {following:%a} {following.day} {following:%b}. u undoes.")
            else:
                notice(self, "Follow-up done. u undoes.")
            return
        if await self.write(store.set_follow_up_done, key, done) is FAILED:
            return
        self.app.undo.push(
            UndoEntry("follow-up mark put back", lambda db: store.set_follow_up_done(db, key, not done), key=key, where="journal")
        )
        notice(self, "Follow-up open again.")

    def action_search(self) -> None:
        self.open_filter(self.query_one("#search", Input))

    def _search_changed(self, _value: str = "") -> None:
        # At every key: a search takes a few milliseconds (the index counts its own matches,
        # see store.journal), and a newer one replaces an older still under way.
        self._apply_search()

    def _apply_search(self) -> None:
        text = clean_input(self.query_one("#search", Input).value)
        if text != self.filter.text:
            self.set_filter(replace(self.filter, text=text), self.person_name)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self._apply_search()
        self.query_one(RowTable).focus()

    def on_key(self, event) -> None:
        box = self.query_one("#search", Input)
        if event.key == "escape" and box.has_focus:
            event.stop()
            box.value = ""
            box.remove_class("-shown")
            self.query_one(RowTable).focus()
            if self.filter.text:
                self.set_filter(replace(self.filter, text=""), self.person_name)

    def action_open_follow_ups(self) -> None:
        self.set_filter(replace(self.filter, open_follow_ups=not self.filter.open_follow_ups), self.person_name)

    def action_clear_filters(self) -> None:
        box = self.query_one("#search", Input)
        box.value = ""
        box.remove_class("-shown")
        self.set_filter(JournalFilter())

    async def action_filters(self) -> None:
        settings = await self.store(load_settings)
        day_first = settings.day_first if settings else True

        def chosen(result: tuple[JournalFilter, str] | None) -> None:
            if result is not None:
                f, person = result
                box = self.query_one("#search", Input)
                box.value = f.text
                box.set_class(bool(f.text), "-shown")
                self.set_filter(f, person)

        self.app.push_screen(
            FilterDialog(self.filter, self.person_name, self.store, today=self.app.today(), day_first=day_first), chosen
        )


class EntryDialog(ModalScreen["str | None"]):
    """One entry in full. Returns the action to run on it (edit, delete, follow-up done) or None."""

    DEFAULT_CSS = DIALOG_CSS.format(cls="EntryDialog") + """
    EntryDialog > Vertical { width: 80; }
    EntryDialog VerticalScroll { height: auto; max-height: 12; margin: 1 0; }
    """
    BINDINGS = [
        Binding("escape,q", "choose(None)", "Close", id="entry.close"),
        Binding("e", "choose('edit')", "Edit", id="entry.edit"),
        Binding("d", "choose('delete')", "Delete", id="entry.delete"),
        Binding("f", "choose('follow_up_done')", "Follow-up done", id="entry.follow_up_done"),
    ]

    def __init__(self, entry: Interaction, today: date) -> None:
        super().__init__()
        self.entry = entry
        self.today = today

    def compose(self) -> ComposeResult:
        e = self.entry
        lines: list[Content] = [
            Content.assemble((e.kind.capitalize(), "bold"), " on ", describe(e.date, self.today)),
            Content.assemble(("With  ", "dim"), plain(", ".join(e.names) or "nobody")),
        ]
        if e.reciprocity:
            words = {"gave": "you gave (helped them)", "received": "you received (they helped you)", "mutual": "mutual"}
            lines.append(Content.assemble(("Help  ", "dim"), words[e.reciprocity]))
        if e.follow_up:
            state = "done" if e.follow_up_done else ("due" if e.follow_up <= self.today else "open")
            rhythm = Rhythm.from_code(e.follow_up_every)
            again = f", repeats {rhythm.label}" if rhythm else ""
            lines.append(Content.assemble(("Follow-up  ", "dim"), f"{describe(e.follow_up, self.today)}, {state}{again}"))
        summary = plain(e.summary, style="bold") if e.summary else Content.styled("(no summary)", "dim italic")
        body = plain(e.notes, multiline=True) if e.notes else Content.styled("(no notes)", "dim italic")
        with Vertical():
            yield Static(Content("\n").join(lines))
            with VerticalScroll():  # a summary or notes of any length scroll here; the keys stay in view
                yield Static(Content.assemble(summary, "\n\n", body), id="notes")
            yield Static(Content.styled("e edit · d delete · f follow-up done · esc close", "dim"))

    def action_choose(self, action: str | None) -> None:
        if action == "delete" and self.app.typed_ahead("d", "delete"):
            return
        self.dismiss(action)


class FilterDialog(ModalScreen["tuple[JournalFilter, str] | None"]):
    """Every filter at once; each one left blank does not filter."""

    DEFAULT_CSS = DIALOG_CSS.format(cls="FilterDialog") + """
    FilterDialog Label { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", id="filters.apply", priority=True),
        Binding("escape", "cancel", "Cancel", id="filters.cancel"),
    ]

    def __init__(
        self, current: JournalFilter, person_name: str, store_call, *, today: date, day_first: bool
    ) -> None:
        super().__init__()
        self.current = current
        self.person_name = person_name
        self.store_call = store_call  # the journal screen's: names are looked up, never all read
        self.today = today
        self.day_first = day_first

    def compose(self) -> ComposeResult:
        f = self.current
        with Vertical():
            yield Static("Filter the journal   ctrl+s applies · esc cancels", classes="dialog-title")
            yield Label("With (a name, tab completes; blank: anyone)")
            yield TextField(self.person_name, id="person", compact=True,
                        suggester=LookupSuggester(lambda typed: self.store_call(complete_name, typed)))
            yield Label("Kind")
            yield Select([("any", ANY)] + [(k, k) for k in KINDS], value=f.kind or ANY, allow_blank=False,
                         id="kind", compact=True)
            yield Label("From (e.g. 2 months ago, 1 jan; blank: the beginning)")
            yield TextField(f.since.isoformat() if f.since else "", id="since", compact=True)
            yield Label("To (blank: today)")
            yield TextField(f.until.isoformat() if f.until else "", id="until", compact=True)
            yield Label("Words in summary or notes")
            yield TextField(f.text, id="text", compact=True)
            yield StateCheckbox("Only open follow-ups", value=f.open_follow_ups, id="open", compact=True)
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Apply (ctrl+s)", id="apply", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#person", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.run_worker(self.action_apply()) if event.button.id == "apply" else self.action_cancel()

    def on_input_submitted(self) -> None:
        self.run_worker(self.action_apply())

    def _date(self, field: str) -> date | None:
        text = clean_input(self.query_one(f"#{field}", Input).value)
        return parse_date(text, self.today, day_first=self.day_first) if text else None

    async def action_apply(self) -> None:
        error = self.query_one("#error", Static)
        person_id, person = None, clean_input(self.query_one("#person", Input).value)
        if person:
            key = match_key(person)
            named = await self.store_call(people_named, person)
            if named is None:
                return  # the store said why
            found = [(pid, name) for pid, name, _ in named if match_key(name) == key]
            if not found:
                error.update(Content.assemble("Nobody called ", plain(person), " (tab completes a name)."))
                return
            if len(found) > 1:
                error.update(Content.assemble(f"{len(found)} people are called ", plain(person), "."))
                return
            person_id, person = found[0]
        try:
            since, until = self._date("since"), self._date("until")
        except DateError as exc:
            error.update(plain(str(exc)))
            return
        if since and until and since > until:
            error.update("From is after To: nothing would match.")
            return
        kind = self.query_one("#kind", Select).value
        f = JournalFilter(
            person_id=person_id,
            kind=None if kind == ANY else str(kind),
            since=since,
            until=until,
            text=clean_input(self.query_one("#text", Input).value),
            open_follow_ups=self.query_one("#open", Checkbox).value,
        )
        self.dismiss((f, person))

    def action_cancel(self) -> None:
        self.dismiss(None)
