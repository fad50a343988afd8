"""The key line at the bottom: the keys that apply now, as one line of text.

Textual's Footer builds a widget per key and recomposes them on every focus or
screen change (tens of milliseconds each, and hundreds on a busy screen); this
draws the same information as a single line. Help and the palette stay at the
right end, so they are in view at any width.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from netui.ui.safe import ELLIPSIS

ALWAYS = ("help", "command_palette")  # actions kept in view at the right end


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._left: list[Content] = []
        self._right: list[Content] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._collect)
        self._collect()

    def _collect(self, *_: object) -> None:
        left: list[Content] = []
        right: list[Content] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            name = binding.action.removeprefix("app.")
            if name in seen or not binding.description:
                continue
            if not binding.show and name not in ALWAYS:
                continue
            seen.add(name)
            description = "palette" if name == "command_palette" else binding.description
            key = Content.assemble((self.app.get_key_display(binding), "bold reverse" if active.enabled else "dim"))
            (right if name in ALWAYS else left).append(Content.assemble(key, " ", description))
        if (left, right) != (self._left, self._right):
            self._left, self._right = left, right
            self.refresh()

    def render(self) -> Content:
        gap = Content("  ")
        right = gap.join(self._right)
        room = max(self.size.width - right.cell_length - 2, 0)
        left = Content("")
        for part in self._left:
            candidate = left + gap + part if left.cell_length else part
            if candidate.cell_length > room:
                left = left + Content(" " + ELLIPSIS) if left.cell_length + 2 <= room else left
                break
            left = candidate
        pad = max(self.size.width - left.cell_length - right.cell_length, 1)
        return Content.assemble(left, " " * pad, right)
