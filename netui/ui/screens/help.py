"""Help: every key of the screen underneath, read from its live bindings (remaps included)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "comma": ",",
    "escape": "esc",
    "enter": "enter",
}


# What a user calls the widget whose keys these are.
WIDGET_GROUPS = {"RowTable": "Lists", "CardBoard": "The board", "Input": "Text fields", "TextField": "Text fields"}


def key_label(key: str) -> str:
    return KEY_NAMES.get(key, key)


def binding_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(group title, [(keys, description, binding id)]) for every key live on ``screen``.

    Read from ``Screen.active_bindings``, what Textual dispatches keys by: remaps applied,
    actions the screen disables (``check_action``) and keys a focused text field would
    type left out, and a key that a nearer widget takes first listed once, where it works."""
    groups: dict[str, dict[tuple[str, str], list[str]]] = {}
    order: list[str] = []
    app = screen.app
    for key, active in screen.active_bindings.items():
        node, binding = active.node, active.binding
        # netui's own keys all carry an id; of Textual's, only the palette and quit matter here.
        if not binding.id and binding.action not in ("command_palette", "quit"):
            continue
        if node is app:
            group = "Everywhere"
        elif node is screen:
            group = "This screen"
        else:
            group = WIDGET_GROUPS.get(type(node).__name__, type(node).__name__)
        description = binding.description or binding.action
        if binding.action == "command_palette":
            description = "Palette: go to anyone, run any action"
        if group not in groups:
            groups[group] = {}
            order.append(group)
        keys = groups[group].setdefault((description, binding.id or ""), [])
        label = key_label(key)
        if label not in keys:
            keys.append(label)
    ranked = sorted(order, key=lambda g: {"This screen": 0, "Lists": 1, "Everywhere": 9}.get(g, 5))
    return [(g, [("/".join(keys), desc, bid) for (desc, bid), keys in groups[g].items()]) for g in ranked]


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1; }
    HelpScreen VerticalScroll { height: auto; max-height: 100%; }
    """
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        lines: list[Content] = []
        title = getattr(self.target, "HELP_TITLE", type(self.target).__name__.removesuffix("Screen"))
        lines.append(Content.styled(f"Keys: {title}", "bold"))
        for group, rows in binding_groups(self.target):
            lines.append(Content(""))
            lines.append(Content.styled(group, "bold underline"))
            for keys, desc, binding_id in rows:
                lines.append(Content.assemble((f"  {keys:<18}", "bold"), f"{desc:<24}", (binding_id, "dim")))
        lines.append(Content(""))
        lines.append(Content.styled("esc closes · inside a text field, keys type text", "dim"))
        lines.append(Content.styled("Remap a key by its id (dim, right) in config.toml: see the README.", "dim"))
        with Vertical():
            with VerticalScroll():
                yield Static(Content("\n").join(lines))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
