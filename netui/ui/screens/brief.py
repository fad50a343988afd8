"""A one-screen brief on a person: who they are to you, what you last spoke about, what
is open, what they can help with and what you can offer, who could introduce you."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netui.domain.brief import Brief, brief_lines
from netui.store.proposals import brief
from netui.ui.safe import plain
from netui.ui.screens.base import NetuiScreen
from netui.ui.widgets.keybar import KeyBar


class BriefScreen(NetuiScreen):
    DEFAULT_CSS = """
    BriefScreen #brief-body { padding: 1 2; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="brief.back"),
        Binding("enter", "open_person", "Open person", id="brief.open"),
    ]

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        with VerticalScroll():
            yield Static("loading…", id="brief-body")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#title").show("netui", "Brief", "loading…")
        self.reload()

    def reload(self) -> None:
        self.load(brief, self.person_id, self.app.today(), then=self._loaded)

    def _loaded(self, found: Brief) -> None:
        self.query_one("#title").show("netui", "Brief", found.person.name, "esc goes back · enter opens the person")
        rows = [Content.assemble((f"{label:<15}", "bold"), plain(text)) for label, text in brief_lines(found)]
        self.query_one("#brief-body", Static).update(Content("\n").join(rows))

    def selected_person_id(self) -> int | None:
        return self.person_id

    def action_open_person(self) -> None:
        from netui.ui.screens.person import PersonScreen

        self.app.push_screen(PersonScreen(self.person_id))
