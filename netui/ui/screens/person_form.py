"""Add or edit a person: one form, inline validation, nothing saved half-way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList, Suggester
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from netui.domain.dates import DateError
from netui.domain.models import SUGGESTED_TAGS, BroadcastEntry, Membership, Person, find_broadcasts
from netui.domain.occasions import (
    DateKind,
    ENTRY_EXAMPLE,
    format_date_entry,
    parse_date_entry,
    parse_date_list,
    same_date_slot,
)
from netui.domain.review import CAPITAL_TAGS
from netui.domain.networks import NETWORK_ORDER, Network, PeerSide
from netui.domain.rings import RING_ORDER, Ring
from netui.domain.text import clean_input, match_key, without_controls
from netui.domain.validation import check_cadence, check_email, check_name, parse_tags
from netui.store.db import Database
from netui.ui.safe import plain
from netui.ui.screens.form import FormScreen
from netui.store.people import complete_name, people_named
from netui.ui.widgets.fields import LookupSuggester, NotesArea, StateCheckbox, TextField

AUTO = "auto"



class TagSuggester(Suggester):
    """Completes the tag being typed at the end of a comma-separated list (tab accepts):
    the "can help with" field suggests the kinds of help the monthly review counts."""

    def __init__(self, tags: tuple[str, ...]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        for tag in self.tags:
            if tag.startswith(typed) and tag != typed:
                return value + tag[len(typed):]
        return None

class PersonForm(FormScreen["int | None"]):
    """Returns the saved person's id, or None when closed without saving."""

    DISCARD_QUESTION = "Discard your changes to this person?"

    DEFAULT_CSS = """
    PersonForm { align: center middle; }
    PersonForm > Vertical {
        width: 90; max-width: 100%; height: 100%; max-height: 40;
        border: round $primary; background: $surface; padding: 0 1;
    }
    PersonForm #form-title { text-style: bold; height: 1; }
    PersonForm VerticalScroll { height: 1fr; }
    PersonForm Grid { grid-size: 2; grid-columns: 17 1fr; grid-rows: auto; grid-gutter: 0 1; height: auto; }
    PersonForm Grid Label { padding-top: 0; color: $text-muted; }
    PersonForm .field-error { color: $error; column-span: 2; height: auto; display: none; }
    PersonForm .field-error.-shown { display: block; }
    PersonForm #networks { height: auto; }
    PersonForm #networks Checkbox { width: auto; margin-right: 1; }
    PersonForm TextArea { height: 5; }
    PersonForm #form-error { color: $error; height: auto; }
    PersonForm .buttons { height: 1; align-horizontal: right; }
    PersonForm .buttons Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(
        self,
        person: Person | None,
        save: Callable[[Database, dict[str, Any], Person | None], int],
        initial_name: str = "",
        restore: dict[str, Any] | None = None,
        day_first: bool = True,
        broadcasts: Sequence[BroadcastEntry] = (),
    ) -> None:
        super().__init__()
        self._errors_shown: dict[str, str] = {}  # field -> the message under it now ("" none)
        self.day_first = day_first
        self.broadcasts = list(broadcasts)  # the journal's talks, posts, articles and panels, newest first
        self.base = person
        # Who the names typed in the form are (match key -> ids), looked up by the save: the
        # form never holds everyone.
        self._named: dict[str, list[int]] = {}
        self.save_fn = save
        self.initial_name = initial_name
        self.restore = restore
        self._initial: dict[str, Any] | None = None

    # ------------------------------------------------------------ layout

    def _input(self, field: str, value: str, placeholder: str = "", **kw: Any) -> Input:
        return TextField(value=value, placeholder=placeholder, id=field, compact=True, select_on_focus=False, **kw)

    def compose(self) -> ComposeResult:
        p = self.base
        title = "Edit person" if p else "Add a person"
        with Vertical():
            yield Static(title + "   ctrl+s saves · esc cancels", id="form-title")
            with VerticalScroll():
                with Grid():
                    yield Label("Name *")
                    yield self._input("name", p.name if p else self.initial_name, "Full name", max_length=200)
                    yield Static("", id="name-error", classes="field-error")
                    yield Label("Company")
                    yield self._input("company", p.company if p else "", max_length=200)
                    yield Label("Title")
                    yield self._input("title", p.title if p else "", max_length=200)
                    yield Label("Email")
                    yield self._input("email", p.email if p else "", "name@example.com", max_length=320)
                    yield Static("", id="email-error", classes="field-error")
                    yield Label("Phone")
                    yield self._input("phone", p.phone if p else "", max_length=60)
                    yield Label("Profile URL")
                    yield self._input("url", p.url if p else "", "https://…", max_length=500)
                    yield Label("Location")
                    yield self._input("location", p.location if p else "", max_length=200)
                    birthday = next((d for d in p.dates if d.kind == DateKind.BIRTHDAY), None) if p else None
                    others = [d for d in p.dates if d.kind != DateKind.BIRTHDAY] if p else []
                    yield Label("Birthday")
                    yield self._input(
                        "birthday", format_date_entry(birthday.draft(), with_label=False) if birthday else "",
                        "14 mar, 1987-03-14 (the year is optional)", max_length=80,
                    )
                    yield Static("", id="birthday-error", classes="field-error")
                    yield Label("Other dates")
                    yield self._input(
                        "dates", "; ".join(format_date_entry(d.draft()) for d in others), ENTRY_EXAMPLE, max_length=2000,
                    )
                    yield Static("", id="dates-error", classes="field-error")
                    yield Label("Ring")
                    yield Select(
                        [(r.label, r.value) for r in RING_ORDER],
                        value=(p.ring if p else Ring.COLD).value,
                        allow_blank=False,
                        id="ring",
                        compact=True,
                    )
                    yield Label("Networks")
                    with Horizontal(id="networks"):
                        for network in NETWORK_ORDER:
                            yield StateCheckbox(
                                network.label,
                                value=bool(p and network in p.networks),
                                id=f"net-{network.value}",
                                compact=True,
                            )
                    peer = p.membership(Network.PEER) if p else None
                    yield Label("Peer works")
                    yield Select(
                        [("worked out from company", AUTO), ("inside my employer", "inside"), ("outside my employer", "outside")],
                        value=peer.peer_side.value if peer and peer.peer_side else AUTO,
                        allow_blank=False,
                        id="peer-side",
                        compact=True,
                    )
                    yield Label("Distant mentor")
                    yield StateCheckbox(
                        "reached only through books, talks, posts (never due)",
                        value=bool(p and p.distant),
                        id="distant",
                        compact=True,
                    )
                    yield Label("Keep in touch")
                    yield self._input(
                        "cadence",
                        str(p.cadence_override) if p and p.cadence_override else "",
                        "every N days (blank: the ring's default)",
                        max_length=4,
                    )
                    yield Static("", id="cadence-error", classes="field-error")
                    yield Label("Can help with")
                    yield self._input(
                        "help_tags", ", ".join(p.help_tags) if p else "", ", ".join(CAPITAL_TAGS[:4]) + ", …",
                        suggester=TagSuggester(CAPITAL_TAGS),
                    )
                    yield Label("You can offer")
                    yield self._input("offer_tags", ", ".join(p.offer_tags) if p else "", ", ".join(SUGGESTED_TAGS[4:]))
                    yield Label("Introduced by")
                    yield self._input(
                        "introduced_by",
                        p.introduced_by_name if p else "",
                        "a name already in netui (tab completes)",
                        suggester=LookupSuggester(lambda typed: self.store(complete_name, typed)),
                    )
                    yield Static("", id="introduced_by-error", classes="field-error")
                    yield Label("Met through")
                    yield self._input(
                        "met_through",
                        p.met_through.label if p and p.met_through else "",
                        "a talk, post, article or panel from the journal (tab completes)"
                        if self.broadcasts else "no talks, posts, articles or panels logged yet",
                        # Labels as the field would hold them (no control characters, one line):
                        # the kinds and summaries first, then the summaries alone.
                        suggester=SuggestFromList(
                            [without_controls(label) for b in self.broadcasts for label in b.labels[:1]]
                            + [without_controls(label) for b in self.broadcasts for label in b.labels[1:]],
                            case_sensitive=False,
                        ),
                    )
                    yield Static("", id="met_through-error", classes="field-error")
                    yield Label("Why them")
                    yield self._input("purpose", p.purpose if p else "", "what this relationship is for", max_length=500)
                    yield Label("Notes")
                    yield NotesArea(p.notes if p else "", id="notes", soft_wrap=True, compact=True)
            yield Static("", id="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._initial = self._collect()[0]
        if self.restore:
            self._apply_draft(self.restore)
        self.set_focus(self.query_one("#name", Input))

    # ------------------------------------------------------------ drafts (see ui/drafts.py)

    def _widget_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for widget in self.query("Input, Select, Checkbox, TextArea"):
            if not widget.id:
                continue
            if isinstance(widget, TextArea):
                values[widget.id] = widget.text
            else:
                values[widget.id] = widget.value
        return values

    def draft(self) -> dict[str, Any] | None:
        """What was typed, if anything changed: kept when the terminal hangs up."""
        if self._initial is None or self._collect()[0] == self._initial:
            return None
        return {
            "kind": "person",
            "person_id": self.base.id if self.base else None,
            "version": self.base.version if self.base else None,
            "label": clean_input(self._value("name")) or "a new person",
            "values": self._widget_values(),
        }

    def _apply_draft(self, values: dict[str, Any]) -> None:
        for widget_id, value in values.items():
            try:
                widget = self.query_one(f"#{widget_id}")
            except Exception:  # noqa: BLE001 - a field from another version of the form
                continue
            if isinstance(widget, TextArea) and isinstance(value, str):
                widget.text = value
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)
            elif isinstance(widget, (Input, Select)):
                try:
                    widget.value = value
                except Exception:  # noqa: BLE001 - an option that no longer exists
                    pass

    # ------------------------------------------------------------ values

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def _collect(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The form's values as store fields, and the errors per field."""
        errors: dict[str, str] = {}
        if message := check_name(self._value("name")):
            errors["name"] = message
        if message := check_email(self._value("email")):
            errors["email"] = message
        cadence, message = check_cadence(self._value("cadence"))
        if message:
            errors["cadence"] = message
        introducer_id = None
        introducer = clean_input(self._value("introduced_by"))
        if introducer:
            if self.base and introducer == self.base.introduced_by_name:
                introducer_id = self.base.introduced_by_id
            else:
                # Looked up by the save (None until then: while typing, no verdict yet).
                found = self._named.get(match_key(introducer))
                if found is not None and self.base:
                    found = [pid for pid in found if pid != self.base.id]
                if found is None:
                    pass
                elif len(found) == 1:
                    introducer_id = found[0]
                elif not found:
                    errors["introduced_by"] = f"Nobody called {introducer!r}; add them first or leave this blank."
                else:
                    errors["introduced_by"] = f"{len(found)} people are called {introducer!r}; edit one to tell them apart."
        met_through_id, message = self._met_through()
        if message:
            errors["met_through"] = message
        dates: tuple = ()
        today = self.app.today()
        try:
            typed = self._value("birthday").strip()
            birthday = (parse_date_entry("Birthday=" + typed, today, day_first=self.day_first),) if typed else ()
        except DateError as exc:
            errors["birthday"] = str(exc)
            birthday = ()
        try:
            others = parse_date_list(self._value("dates"), today, day_first=self.day_first)
            if birthday and any(same_date_slot(birthday[0], d) for d in others):
                errors["dates"] = "The birthday has its own field above; remove it here."
            dates = birthday + others
        except DateError as exc:
            errors["dates"] = str(exc)
        side = self.query_one("#peer-side", Select).value
        distant = self.query_one("#distant", Checkbox).value
        memberships = []
        for network in NETWORK_ORDER:
            if self.query_one(f"#net-{network.value}", Checkbox).value:
                memberships.append(
                    Membership(
                        network,
                        peer_side=PeerSide(side) if network == Network.PEER and side != AUTO else None,
                        distant=distant if network == Network.MENTOR else False,
                    )
                )
        values: dict[str, Any] = {
            "name": clean_input(self._value("name")),
            "company": clean_input(self._value("company")),
            "title": clean_input(self._value("title")),
            "email": clean_input(self._value("email")),
            "phone": clean_input(self._value("phone")),
            "url": clean_input(self._value("url")),
            "location": clean_input(self._value("location")),
            "purpose": clean_input(self._value("purpose")),
            "notes": clean_input(self.query_one("#notes", TextArea).text, multiline=True),
            "ring": Ring(self.query_one("#ring", Select).value),
            "cadence_override": cadence,
            "introduced_by_id": introducer_id,
            "met_through_id": met_through_id,
            "memberships": tuple(memberships),
            "help_tags": parse_tags(self._value("help_tags")),
            "offer_tags": parse_tags(self._value("offer_tags")),
            "dates": dates,
        }
        return values, errors

    def _met_through(self) -> tuple[int | None, str]:
        """The broadcast the "Met through" field names (None when blank), or why it names none."""
        typed = clean_input(self._value("met_through"))
        if not typed:
            return None, ""
        current = self.base.met_through if self.base else None
        if current is not None and match_key(typed) in {match_key(label) for label in current.labels}:
            return current.interaction_id, ""  # unchanged, even if it has gone to the trash since
        found = find_broadcasts(typed, self.broadcasts)
        if len(found) == 1:
            return found[0].interaction_id, ""
        if not found:
            return None, (
                f"No talk, post, article or panel called {typed!r}; log it in the journal first, "
                "or leave this blank."
            )
        return None, f"{len(found)} entries are called {typed!r}; tab completes one with its date, or type #ID."

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field in ("name", "email", "cadence", "introduced_by", "met_through", "birthday", "dates"):
            self._set_error(field, errors.get(field, ""))

    def _set_error(self, field: str, message: str) -> None:
        # Every save and every re-check sets all the fields' messages: one left as it was
        # costs nothing, where an update would lay the whole form out again.
        if self._errors_shown.get(field, "") == message:
            return
        self._errors_shown[field] = message
        box = self.query_one(f"#{field}-error", Static)
        box.update(plain(message))
        box.set_class(bool(message), "-shown")

    @on(Input.Changed, "#name,#email,#cadence,#birthday,#dates,#introduced_by,#met_through")
    def _revalidate(self, event: Input.Changed) -> None:
        # Re-check only a field that already shows an error, so typing is not nagged.
        field = event.input.id or ""
        if self.query_one(f"#{field}-error", Static).has_class("-shown"):
            _, errors = self._collect()
            self._set_error(field, errors.get(field, ""))

    # ------------------------------------------------------------ actions

    async def _look_up(self, typed: str) -> bool:
        """Find who ``typed`` names exactly (by index); False if the store could not say."""
        key = match_key(typed)
        found = await self.store(people_named, typed)
        if found is None:
            return False
        self._named[key] = [pid for pid, name, _ in found if match_key(name) == key]
        return True

    async def action_save(self) -> None:
        introducer = clean_input(self._value("introduced_by"))
        if introducer and not (self.base and introducer == self.base.introduced_by_name):
            if not await self._look_up(introducer):
                return
        values, errors = self._collect()
        self._show_errors(errors)
        if errors:
            first = next(iter(errors))
            self.query_one(f"#{first}", Input).focus()
            self.form_error("Nothing was saved: fix the fields marked above.")
            return
        if self.base is None and not self._same_name_ok:
            key = match_key(values["name"])
            same = await self.store(people_named, values["name"])
            if same is None:
                return
            same = [(pid, name, company) for pid, name, company in same if match_key(name) == key]
            if same:
                self._ask_same_name(values["name"], same)
                return
        self.begin_save(lambda: self.ask_when_free(self.save_fn, values, self.base, waiting=self.waiting))

    _same_name_ok = False  # the user said a second person with an existing name is wanted

    def _ask_same_name(self, name: str, same: list[tuple[int, str, str]]) -> None:
        from netui.ui.dialogs import ConfirmDialog

        who = "; ".join(f"{n} (#{pid}{', ' + c if c else ''})" for pid, n, c in same[:5])
        more = f" and {len(same) - 5} more" if len(same) > 5 else ""

        async def answer(yes: bool | None) -> None:
            if yes:
                self._same_name_ok = True
                await self.action_save()

        self.app.push_screen(ConfirmDialog(
            f"{who}{more} already exists. Add another person called {name}? "
            "(To add what you know to the one there, edit them instead.)", yes="Add anyway", no="Go back"), answer)

    def is_dirty(self) -> bool:
        return self._initial is not None and self._collect()[0] != self._initial

    async def reread(self) -> None:
        from netui.store.people import get_person

        if self.base is not None:
            self.base = await self.ask(get_person, self.base.id)

    def show_value(self, field: str, value: Any) -> str:
        if field == "met_through_id":
            if value is None:
                return "none"
            known = [b for b in self.broadcasts if b.interaction_id == value]
            return repr(known[0].label) if known else f"#{value}"
        if isinstance(value, Ring):
            return value.value
        if isinstance(value, tuple):
            if field == "dates":
                return "; ".join(format_date_entry(d) for d in value) or "none"
            return ", ".join(v.network.value if hasattr(v, "network") else str(v) for v in value) or "none"
        return repr(value)
