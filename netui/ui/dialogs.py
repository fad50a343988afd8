"""Small modal dialogs. Each returns a typed value through ``dismiss``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from netui.domain.networks import Network
from netui.domain.rings import RING_ORDER, Ring
from netui.domain.text import clean_input
from netui.ui.safe import plain
from netui.ui.widgets.fields import LookupSuggester, TextField

DIALOG_CSS = """
{cls} {{ align: center middle; }}
{cls} > Vertical {{
    width: 64; max-width: 100%; height: auto; max-height: 100%;
    border: round $primary; background: $surface; padding: 1 2;
}}
{cls} .dialog-title {{ text-style: bold; margin-bottom: 1; }}
{cls} .dialog-error {{ color: $error; height: auto; }}
{cls} .buttons {{ height: auto; margin-top: 1; align-horizontal: right; }}
{cls} .buttons Button {{ margin-left: 1; }}
"""


class ConfirmDialog(ModalScreen[bool]):
    """Yes or no; `y` and `n` answer without the mouse."""

    DEFAULT_CSS = DIALOG_CSS.format(cls="ConfirmDialog")
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str | Content, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question if isinstance(self.question, Content) else plain(self.question, multiline=True))
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        if value and self.app.typed_ahead("y", "answer yes"):
            return  # a yes typed before the question was on screen answers nothing
        self.dismiss(value)


class MoveDialog(ModalScreen["tuple[Ring, str] | None"]):
    """Pick a ring and say why: a move with a reason."""

    DEFAULT_CSS = DIALOG_CSS.format(cls="MoveDialog")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="move.cancel"),
        Binding("ctrl+s", "save", "Move", id="move.save"),
    ]

    def __init__(self, name: str, current: Ring | None, suggested: Ring) -> None:
        """``current`` None: many people, on several rings (every ring is offered)."""
        super().__init__()
        self.person_name = name
        self.current = current
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical():
            now = f" (now {self.current.value})" if self.current else ""
            yield Static(Content.assemble("Move ", plain(self.person_name), now), classes="dialog-title")
            yield Label("To ring")
            yield Select(
                [(r.label, r) for r in RING_ORDER if r != self.current], value=self.suggested, allow_blank=False, id="ring"
            )
            yield Label("Why (optional)")
            yield TextField(placeholder="e.g. great first coffee", id="reason", max_length=300)
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Move (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#reason", Input))

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_save(self) -> None:
        ring = self.query_one("#ring", Select).value
        self.dismiss((ring, clean_input(self.query_one("#reason", Input).value)))

    def action_cancel(self) -> None:
        self.dismiss(None)


class PersonPicker(ModalScreen["tuple[str, str] | None"]):
    """Name a person (with completion) and an optional note: for *knows* links."""

    DEFAULT_CSS = DIALOG_CSS.format(cls="PersonPicker")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("ctrl+s", "save", "Save", id="picker.save"),
    ]

    def __init__(
        self,
        title: str,
        complete: Callable[[str], Awaitable[str | None]],
        note_label: str = "Note (optional)",
        check: Callable[[str], Awaitable[str | None]] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.complete = complete  # the name a few typed letters complete to (a store call)
        self.note_label = note_label
        self.check = check  # what is wrong with a name, or None: the dialog stays open on an error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.title_text), classes="dialog-title")
            yield Label("Person (tab completes)")
            yield TextField(placeholder="Start typing a name", id="name", suggester=LookupSuggester(self.complete))
            yield Label(self.note_label)
            yield TextField(id="note", max_length=300)
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#name", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "name":
            self.query_one("#note", Input).focus()
        else:
            self.run_worker(self.action_save())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.run_worker(self.action_save()) if event.button.id == "save" else self.action_cancel()

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(plain(message))

    async def action_save(self) -> None:
        name = clean_input(self.query_one("#name", Input).value)
        if not name:
            self.show_error("Type the name of someone already in netui.")
            return
        if self.check is not None and (problem := await self.check(name)):
            self.show_error(problem)  # what was typed stays, to be corrected
            return
        self.dismiss((name, clean_input(self.query_one("#note", Input).value)))

    def action_cancel(self) -> None:
        self.dismiss(None)


class NetworkDialog(ModalScreen["Network | None"]):
    """One key picks a network to put people in (or take them out of, when all are in it)."""

    DEFAULT_CSS = DIALOG_CSS.format(cls="NetworkDialog")
    BINDINGS = [
        Binding("s", "pick('support')", "Support", id="network.support"),
        Binding("p", "pick('peer')", "Peer", id="network.peer"),
        Binding("m", "pick('mentor')", "Mentor", id="network.mentor"),
        Binding("e", "pick('mentee')", "Mentee", id="network.mentee"),
        Binding("escape", "pick('')", "Cancel", id="network.cancel"),
    ]

    def __init__(self, who: str) -> None:
        super().__init__()
        self.who = who

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.assemble("Network for ", plain(self.who)), classes="dialog-title")
            yield Static(
                "s support · p peer · m mentor · e mentee\n"
                "Puts everyone in it; when all are in it already, takes them out. esc cancels."
            )

    def action_pick(self, network: str) -> None:
        self.dismiss(Network(network) if network else None)


class TextPrompt(ModalScreen["str | None"]):
    """One line of text (a tag, a file name): enter accepts, escape cancels."""

    DEFAULT_CSS = DIALOG_CSS.format(cls="TextPrompt")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, label: str, *, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.label = label
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.title_text), classes="dialog-title")
            yield Label(self.label)
            yield TextField(value=self.value, placeholder=self.placeholder, id="text", max_length=300)
            yield Static("enter accepts · esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#text", Input))

    def on_input_submitted(self) -> None:
        text = clean_input(self.query_one("#text", Input).value)
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
