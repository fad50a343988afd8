"""Screens that later versions fill in. They say so plainly instead of pretending."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.widgets import Footer, Static

from netui.ui.screens.base import NetuiScreen


class ComingScreen(NetuiScreen):
    DEFAULT_CSS = """
    ComingScreen #coming { width: auto; max-width: 70; padding: 1 2; border: round $primary; }
    """

    def __init__(self, title: str, text: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        with Middle():
            with Center():
                yield Static(f"{self.title_text}\n\n{self.text}\n\nPress 4 for People.", id="coming", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#title").show("netui", self.title_text)
