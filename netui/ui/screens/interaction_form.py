"""Log or edit an interaction: natural dates, people by fuzzy name, nothing saved half-way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from netui.domain.dates import DateError, describe, parse_follow_up, parse_meeting_date
from netui.domain.occasions import Rhythm, parse_rhythm
from netui.domain.text import clean_input, match_key
from netui.domain.journal import BROADCAST_KINDS, KINDS, Interaction, InteractionDraft
from netui.store.journal import edit_interaction, get_interaction, log_interaction
from netui.store.people import find_people, people_named
from netui.ui.dialogs import ConfirmDialog
from netui.ui.safe import plain
from netui.ui.screens.form import FormScreen
from netui.ui.widgets.fields import NotesArea, TextField

NONE = "none"
MAX_SUMMARY = 300
MATCHES = 6  # names offered under the people field


@dataclass(frozen=True)
class Pick:
    """A participant: someone already in netui (id), or a new name to add as a cold contact."""

    name: str
    person_id: int | None = None


class InteractionForm(FormScreen["Interaction | None"]):
    """Returns the saved entry, or None when closed without saving."""

    DEFAULT_CSS = """
    InteractionForm { align: center middle; }
    InteractionForm > Vertical {
        width: 90; max-width: 100%; height: 100%; max-height: 36;
        border: round $primary; background: $surface; padding: 0 1;
    }
    InteractionForm #form-title { text-style: bold; height: 1; }
    InteractionForm VerticalScroll { height: 1fr; }
    InteractionForm .field { height: auto; }
    InteractionForm .field > Label { width: 14; color: $text-muted; }
    InteractionForm .field > * { width: 1fr; }
    InteractionForm .hint { color: $text-muted; height: auto; padding-left: 14; display: none; }
    InteractionForm .hint.-shown { display: block; }
    InteractionForm .hint.-error { color: $error; }
    InteractionForm #people { height: auto; }
    InteractionForm #matches { height: auto; max-height: 6; display: none; margin-left: 14; }
    InteractionForm #matches.-shown { display: block; }
    InteractionForm TextArea { height: 5; }
    InteractionForm #form-error { color: $error; height: auto; }
    InteractionForm .buttons { height: 1; align-horizontal: right; }
    InteractionForm .buttons Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="log.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="log.cancel"),
    ]

    def __init__(
        self,
        entry: Interaction | None,
        known: dict[int, str],
        *,
        today: date,
        day_first: bool = True,
        people: tuple[int, ...] = (),
        restore: dict[str, Any] | None = None,
        log_with: Callable[..., Interaction] | None = None,
    ) -> None:
        super().__init__()
        self.restore = restore
        # How a new entry is saved: ``log_with(db, draft, new_names)``; the Inbox logs a proposal this way.
        self.log_with = log_with or log_and_read
        self.base = entry
        # The names of the people this form has met (picked, offered, restored): the form
        # never holds everyone; names are looked up in the store as they are typed.
        self.known = dict(known)
        self.today = today
        self.day_first = day_first
        if entry is not None:
            self.known.update(entry.people)
            self.picks = [Pick(name, pid) for pid, name in entry.people]
        else:
            self.picks = [Pick(self.known[pid], pid) for pid in people if pid in self.known]
        self._initial: tuple | None = None
        self._matches: list[tuple[int, str, str]] = []
        self._matched_for = ""  # the text the matches on show were found for

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        e = self.base
        title = "Edit journal entry" if e else "Log an interaction"
        with Vertical():
            yield Static(title + "   ctrl+s saves · esc cancels", id="form-title")
            with VerticalScroll():
                yield from _row("Date *", TextField(
                    e.date.isoformat() if e else "today", id="date", compact=True, max_length=40,
                    placeholder="today, yesterday, 3 days ago, last friday, 14 mar"))
                yield Static("", id="date-hint", classes="hint")
                yield from _row("Kind *", Select(
                    [(k, k) for k in KINDS], value=e.kind if e else "coffee", allow_blank=False, id="kind", compact=True))
                yield from _row("With *", Static("", id="people"))
                yield from _row("", TextField(
                    id="who", compact=True, placeholder="type a name: enter adds it · backspace removes the last"))
                yield OptionList(id="matches", compact=True)
                yield Static("", id="who-hint", classes="hint")
                yield from _row("Summary", TextField(
                    e.summary if e else "", id="summary", compact=True, max_length=MAX_SUMMARY,
                    placeholder="one line: what it was about"))
                yield from _row("Notes", NotesArea(e.notes if e else "", id="notes", soft_wrap=True, compact=True))
                yield from _row("Reciprocity", Select(
                    [("none", NONE), ("I gave (helped them)", "gave"), ("I received (they helped me)", "received"),
                     ("mutual", "mutual")],
                    value=(e.reciprocity or NONE) if e else NONE, allow_blank=False, id="reciprocity", compact=True))
                yield from _row("Follow-up", TextField(
                    e.follow_up.isoformat() if e and e.follow_up else "", id="follow_up", compact=True, max_length=40,
                    placeholder="blank, or next monday, in 2 weeks, 2026-04-01"))
                yield Static("", id="follow_up-hint", classes="hint")
                every = Rhythm.from_code(e.follow_up_every) if e else None
                yield from _row("Repeats", TextField(
                    every.label if every else "", id="every", compact=True, max_length=40,
                    placeholder="blank, or every 2 weeks, monthly, every 3 months, yearly"))
                yield Static("", id="every-hint", classes="hint")
            yield Static("", id="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show_people()
        self._check_dates()
        self._initial = self._snapshot()
        if self.restore:
            self._apply_draft(self.restore)
        self.query_one("#who" if not self.picks else "#summary", Input).focus()

    # ------------------------------------------------------------ drafts (see ui/drafts.py)

    def draft(self) -> dict[str, Any] | None:
        """What was typed, if anything changed: kept when the terminal hangs up."""
        if self._initial is None or self._snapshot() == self._initial:
            return None
        values: dict[str, Any] = {
            "picks": [[p.name, p.person_id] for p in self.picks],
            "notes": self.query_one("#notes", TextArea).text,
        }
        for widget_id in ("date", "who", "summary", "follow_up", "every"):
            values[widget_id] = self._value(widget_id)
        for widget_id in ("kind", "reciprocity"):
            values[widget_id] = self.query_one(f"#{widget_id}", Select).value
        label = ", ".join(p.name for p in self.picks) or clean_input(values["summary"]) or "a new entry"
        return {
            "kind": "interaction",
            "entry_id": self.base.id if self.base else None,
            "version": self.base.version if self.base else None,
            "label": f"the journal entry with {label}" if self.picks else label,
            "values": values,
        }

    def _apply_draft(self, values: dict[str, Any]) -> None:
        picks = values.get("picks")
        if isinstance(picks, list):
            known = self.known
            self.picks = [
                Pick(str(name), pid if pid in known else None)
                for name, pid in (p for p in picks if isinstance(p, list) and len(p) == 2)
            ]
            self._show_people()
        for widget_id in ("date", "who", "summary", "follow_up", "every"):
            if isinstance(values.get(widget_id), str):
                self.query_one(f"#{widget_id}", Input).value = values[widget_id]
        if isinstance(values.get("notes"), str):
            self.query_one("#notes", TextArea).text = values["notes"]
        for widget_id in ("kind", "reciprocity"):
            try:
                self.query_one(f"#{widget_id}", Select).value = values[widget_id]
            except Exception:  # noqa: BLE001 - missing, or an option that no longer exists
                pass
        self._check_dates()

    # ------------------------------------------------------------ people

    def _show_people(self) -> None:
        box = self.query_one("#people", Static)
        if not self.picks:
            box.update(Content.styled("nobody yet", "italic"))
            return
        parts = []
        for pick in self.picks:
            label = plain(pick.name, style="bold")
            parts.append(label if pick.person_id is not None else Content.assemble(label, " (new, cold)"))
        box.update(Content(", ").join(parts))

    def _chosen(self) -> tuple[int, ...]:
        return tuple(p.person_id for p in self.picks if p.person_id is not None)

    @on(Input.Changed, "#who")
    def _who_changed(self, event: Input.Changed) -> None:
        typed = clean_input(event.value)
        if not typed:
            self._show_matches("", [])
            return
        # In a worker, as every read: a newer letter's lookup replaces this one.
        self.load(find_people, typed, MATCHES, self._chosen(), name="who",
                  then=lambda found: self._show_matches(typed, found))

    def _show_matches(self, typed: str, found: list[tuple[int, str, str]]) -> None:
        if typed != clean_input(self._value("who")):
            return  # typed on since: that lookup is on its way
        matches = self.query_one("#matches", OptionList)
        hint = self.query_one("#who-hint", Static)
        self._matches, self._matched_for = list(found), typed
        self.known.update((pid, name) for pid, name, _ in found)
        if not typed:
            matches.remove_class("-shown")
            hint.update("")
            hint.remove_class("-shown")
            return
        matches.set_options(
            Option(Content.assemble(plain(name), plain(f"  {company}" if company else "", style="dim")))
            for _, name, company in found
        )
        if found:
            matches.highlighted = 0
            matches.add_class("-shown")
            hint.update("↑↓ choose · enter adds")
            hint.add_class("-shown")
        else:
            matches.remove_class("-shown")
            hint.update(Content.assemble("Nobody called ", plain(typed), ": enter offers to add them as a cold contact."))
            hint.add_class("-shown")

    def on_key(self, event) -> None:
        who = self.query_one("#who", Input)
        if not who.has_focus:
            return
        matches = self.query_one("#matches", OptionList)
        if event.key in ("down", "up") and matches.has_class("-shown"):
            event.stop()
            event.prevent_default()
            matches.action_cursor_down() if event.key == "down" else matches.action_cursor_up()
        elif event.key == "backspace" and not who.value and self.picks:
            event.stop()
            event.prevent_default()
            self.picks.pop()
            self._show_people()

    @on(Input.Submitted, "#who")
    async def _who_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self._take_typed_name(ask=True)

    @on(OptionList.OptionSelected, "#matches")
    def _match_clicked(self, event: OptionList.OptionSelected) -> None:
        self._add_pick(self._matches[event.option_index][0])

    def _add_pick(self, person_id: int) -> None:
        name = self.known[person_id]
        if all(p.person_id != person_id for p in self.picks):
            self.picks.append(Pick(name, person_id))
        self._clear_who()

    def _clear_who(self) -> None:
        who = self.query_one("#who", Input)
        who.value = ""
        self._matches, self._matched_for = [], ""
        self.query_one("#matches", OptionList).remove_class("-shown")
        self.query_one("#who-hint", Static).update("")
        self.query_one("#who-hint", Static).remove_class("-shown")
        self._show_people()
        who.focus()

    async def _take_typed_name(self, *, ask: bool) -> bool:
        """Turn what is typed in the people field into a participant. False if it was left as it is."""
        typed = clean_input(self.query_one("#who", Input).value)
        if not typed:
            return True
        if any(match_key(p.name) == match_key(typed) for p in self.picks):
            self._clear_who()  # already in
            return True
        if self._matched_for != typed:  # enter came before the lookup of the last letters
            found = await self.store(find_people, typed, MATCHES, self._chosen())
            if found is None:
                return False
            self._show_matches(typed, found)
        matches = self.query_one("#matches", OptionList)
        if self._matches and matches.highlighted is not None:
            if ask:
                self._add_pick(self._matches[matches.highlighted][0])
                return True
            named = await self.store(people_named, typed)
            exact = [pid for pid, name, _ in named or () if match_key(name) == match_key(typed)]
            self.known.update((pid, name) for pid, name, _ in named or ())
            if len(exact) == 1:
                self._add_pick(exact[0])
                return True
            return False
        if not ask:
            return False

        def answer(add: bool | None) -> None:
            if add:
                self.picks.append(Pick(typed))
                self._clear_who()

        self.app.push_screen(
            ConfirmDialog(
                Content.assemble("Nobody called ", plain(typed, style="bold"),
                                 " is in netui yet.\nAdd them as a cold contact when you save?"),
                yes="Add", no="Keep typing",
            ),
            answer,
        )
        return False

    # ------------------------------------------------------------ values

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def _check_dates(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        meeting = None
        try:
            meeting = parse_meeting_date(self._value("date"), self.today, day_first=self.day_first)
            self._hint("date", describe(meeting, self.today))
        except DateError as exc:
            errors["date"] = str(exc)
            self._hint("date", str(exc), error=True)
        follow = None
        try:
            follow = parse_follow_up(self._value("follow_up"), self.today, day_first=self.day_first, meeting=meeting)
            self._hint("follow_up", describe(follow, self.today) if follow else "")
        except DateError as exc:
            errors["follow_up"] = str(exc)
            self._hint("follow_up", str(exc), error=True)
        try:
            rhythm = parse_rhythm(self._value("every"))
            if rhythm is not None and follow is None and "follow_up" not in errors:
                raise DateError("A follow-up repeats from its first date: put one in Follow-up above.")
            self._hint("every", f"{rhythm.label}: when done, the next is set from that day" if rhythm else "")
        except DateError as exc:
            errors["every"] = str(exc)
            self._hint("every", str(exc), error=True)
        return errors

    def _hint(self, field: str, message: str, *, error: bool = False) -> None:
        box = self.query_one(f"#{field}-hint", Static)
        box.update(plain(("✗ " if error else "→ ") + message if message else ""))
        box.set_class(error, "-error")
        box.set_class(bool(message), "-shown")

    @on(Input.Changed, "#date,#follow_up,#every")
    def _date_changed(self) -> None:
        self._check_dates()

    @on(Select.Changed, "#reciprocity")
    def _reciprocity_changed(self, event: Select.Changed) -> None:
        if event.value == "received" and not clean_input(self._value("follow_up")):
            self._hint("follow_up", "They helped you: you will be offered a follow-up to tell them how it turned out.")

    def _snapshot(self) -> tuple:
        return (
            self._value("date"), self.query_one("#kind", Select).value, tuple(self.picks), self._value("who"),
            self._value("summary"), self.query_one("#notes", TextArea).text,
            self.query_one("#reciprocity", Select).value, self._value("follow_up"), self._value("every"),
        )

    def _collect(self) -> tuple[dict[str, Any], dict[str, str]]:
        errors = self._check_dates()
        values: dict[str, Any] = {}
        if not errors:
            values["date"] = parse_meeting_date(self._value("date"), self.today, day_first=self.day_first)
            values["follow_up"] = parse_follow_up(
                self._value("follow_up"), self.today, day_first=self.day_first, meeting=values["date"]
            )
            rhythm = parse_rhythm(self._value("every"))
            values["follow_up_every"] = rhythm.code if rhythm and values["follow_up"] else None
        values["kind"] = self.query_one("#kind", Select).value
        if not self.picks and values["kind"] not in BROADCAST_KINDS:
            errors["who"] = "Who was it with? Type a name and press enter (a talk, post, article or panel may name nobody)."
        values["summary"] = clean_input(self._value("summary"))
        values["notes"] = clean_input(self.query_one("#notes", TextArea).text, multiline=True)
        recip = self.query_one("#reciprocity", Select).value
        values["reciprocity"] = None if recip == NONE else recip
        return values, errors

    # ------------------------------------------------------------ actions

    async def action_save(self) -> None:
        if not await self._take_typed_name(ask=False):
            typed = clean_input(self._value("who"))
            self.form_error(Content.assemble("Nothing was saved: press enter on ", plain(typed),
                                             " to add them, or clear the field."))
            self.query_one("#who", Input).focus()
            return
        values, errors = self._collect()
        if "who" in errors:
            self._hint_who(errors["who"])
        if errors:
            first = next(f for f in ("date", "who", "follow_up", "every") if f in errors)
            self.query_one(f"#{first}", Input).focus()
            self.form_error("Nothing was saved: fix the fields marked above.")
            return
        known = tuple(p.person_id for p in self.picks if p.person_id is not None)
        new = tuple(p.name for p in self.picks if p.person_id is None)
        if self.base is None:
            draft = InteractionDraft(
                values["date"], values["kind"], known, values["summary"], values["notes"],
                values["reciprocity"], values["follow_up"], values["follow_up_every"],
            )
            self.begin_save(lambda: self.ask_when_free(self.log_with, draft, new, waiting=self.waiting))
        else:
            changes = {**values, "person_ids": known}
            self.begin_save(lambda: self.ask_when_free(edit_interaction, self.base, changes, new, waiting=self.waiting))

    def _hint_who(self, message: str) -> None:
        box = self.query_one("#who-hint", Static)
        box.update(plain("✗ " + message))
        box.add_class("-shown")

    @property
    def DISCARD_QUESTION(self) -> str:  # noqa: N802 - the base's class attribute, worked out here
        return f"Discard your changes to {'this entry' if self.base else 'this new entry'}?"

    def is_dirty(self) -> bool:
        return self._initial is not None and self._snapshot() != self._initial

    async def reread(self) -> None:
        if self.base is not None:
            self.base = await self.ask(get_interaction, self.base.id)
            self.known.update(self.base.people)

    def show_value(self, field: str, value: Any) -> str:
        return _show(value, self.known)


def log_and_read(db, draft: InteractionDraft, new: tuple[str, ...]) -> Interaction:
    """Log the entry (adding the new names as cold contacts) and read it back as stored."""
    return get_interaction(db, log_interaction(db, draft, new))


def _row(label: str, widget: Any) -> ComposeResult:
    with Horizontal(classes="field"):
        yield Label(label)
        yield widget


def _show(value: Any, by_id: dict[int, str]) -> str:
    if isinstance(value, tuple) and all(isinstance(v, int) for v in value):
        return ", ".join(by_id.get(v, f"#{v}") for v in value) or "nobody"
    if isinstance(value, date):
        return value.isoformat()
    return repr(value)
