"""Help: every key of the screen underneath, read from its live bindings (remaps included)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.geometry import Size
from textual.keys import format_key
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

# Keys whose name reads better than the symbol or short form Textual's format_key gives
# them (and is the name config.toml takes for them).
KEY_WORDS = {
    "enter": "enter", "up": "up", "down": "down", "left": "left", "right": "right",
    "backspace": "backspace", "pageup": "pageup", "pagedown": "pagedown", "delete": "delete",
}


# What a user calls each screen and dialog. Keyed by class name, read along the class's
# ancestry (PushedPeopleScreen is a PeopleScreen); a screen not here gets its class name
# made into words (see readable_name), and HELP_TITLE on a screen wins over both.
SCREEN_NAMES = {
    "OverviewScreen": "Overview",
    "FunnelScreen": "Funnel",
    "FunnelReportScreen": "Funnel report",
    "JournalScreen": "Journal",
    "PeopleScreen": "People",
    "PushedPeopleScreen": "People",
    "AgendaScreen": "Agenda",
    "InboxScreen": "Inbox",
    "BriefScreen": "Brief",
    "PersonScreen": "Person",
    "TrashScreen": "Trash",
    "SettingsScreen": "Settings",
    "ImportScreen": "Import people",
    "HelpScreen": "Help",
    "PersonForm": "Person form",
    "InteractionForm": "Log an interaction",
    "DateDialog": "Snooze until",
    "EntryDialog": "Journal entry",
    "FilterDialog": "Journal filters",
    "ConfirmDialog": "Confirm",
    "MoveDialog": "Move to a ring",
    "PersonPicker": "Who they know",
    "DuplicatesScreen": "Duplicates",
    "MergeDialog": "Merge two records",
    "ExportDialog": "Export or back up",
}

# What a user calls the widget whose keys these are (same lookup as SCREEN_NAMES).
WIDGET_GROUPS = {
    "RowTable": "Lists",
    "CardBoard": "The board",
    "NetworkPanel": "Overview panels",
    "LinkLine": "Links",
    "Input": "Text fields",
    "TextArea": "Text areas",
}


def readable_name(class_name: str) -> str:
    """``FunnelReportScreen`` -> ``Funnel report``: a class name made into words."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", class_name.removesuffix("Screen")).split()
    if not words:
        return "This screen"
    return " ".join([words[0], *(w if w.isupper() else w.lower() for w in words[1:])])


def _lookup(node: object, names: dict[str, str]) -> str:
    for cls in type(node).__mro__:
        if cls.__name__ in names:
            return names[cls.__name__]
    return readable_name(type(node).__name__)


def screen_name(screen: Screen) -> str:
    """What a user calls ``screen``: ``People``, never ``PushedPeopleScreen``."""
    return _lookup(screen, SCREEN_NAMES)


def help_title(screen: Screen) -> str:
    """The help's title for ``screen``: its HELP_TITLE when it has one, else its name."""
    return getattr(screen, "HELP_TITLE", None) or screen_name(screen)


def key_label(key: str) -> str:
    """A key as a person reads it: ``>`` for greater_than_sign, ``/`` for slash, ``esc``,
    ``enter``, ``shift+right``, ``ctrl+s``."""
    *modifiers, name = key.split("+")
    if not name:
        return key
    return "+".join([*modifiers, KEY_WORDS.get(name) or format_key(name)])


def keys_text(labels: list[str]) -> str:
    """Several keys for one binding: ``up/k``; ``/ or ctrl+f`` when one of them is a slash."""
    return (" or " if any("/" in label for label in labels) else "/").join(labels)


@dataclass
class LiveBinding:
    """One binding live on a screen now, with every key that reaches it there."""

    node: DOMNode  # whose binding it is: a focused widget or one around it, the screen, the app
    binding: Binding
    keys: list[str] = field(default_factory=list)  # as a person reads them, remaps applied


def live_bindings(screen: Screen) -> list[LiveBinding]:
    """Every binding a key press on ``screen`` reaches now, in the order Textual tries them.

    Read from ``Screen.active_bindings``, what Textual dispatches keys by: remaps applied,
    actions a node disables (``check_action``) and keys a focused text field would type
    left out, and a key that a nearer widget takes first listed once, where it works."""
    found: dict[tuple[int, str, str, str], LiveBinding] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        # A binding with several keys arrives once per key: put its keys together again.
        ident = (id(active.node), binding.action, binding.description, binding.id or "")
        live = found.setdefault(ident, LiveBinding(active.node, binding))
        label = binding.key_display or key_label(key)  # a remapped key has no key_display
        if label not in live.keys:
            live.keys.append(label)
    return list(found.values())


def screen_actions(screen: Screen) -> list[tuple[str, str, str]]:
    """(description, keys, action) of the screen's own bindings a footer would show:
    what the command palette offers to run on it."""
    return [
        (live.binding.description, keys_text(live.keys), live.binding.action)
        for live in live_bindings(screen)
        if live.node is screen and live.binding.show and live.binding.description
    ]


def binding_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(group title, [(keys, description, binding id)]) for every key live on ``screen``
    (see ``live_bindings``)."""
    groups: dict[str, list[tuple[str, str, str]]] = {}
    app = screen.app
    for live in live_bindings(screen):
        node, binding = live.node, live.binding
        # netui's own keys all carry an id; of Textual's, only the palette and quit matter here.
        if not binding.id and binding.action not in ("command_palette", "quit"):
            continue
        if node is app:
            group = "Everywhere"
        elif node is screen:
            group = "This screen"
        else:
            group = _lookup(node, WIDGET_GROUPS)
        description = binding.description or binding.action
        if binding.action == "command_palette":
            description = "Palette: go to anyone, run any action"
        groups.setdefault(group, []).append((keys_text(live.keys), description, binding.id or ""))
    ranked = sorted(groups, key=lambda g: {"This screen": 0, "Lists": 1, "Everywhere": 9}.get(g, 5))
    return [(g, groups[g]) for g in ranked]


class KeyList(Widget):
    """The help's lines, laid out for the width they get: keys, description and binding id
    in columns with two cells between them. A description too long for its column is cut
    with an ellipsis (at 80 columns, say), never run into its id or wrapped; given room,
    as on a wide terminal, the list is as wide as its longest line."""

    DEFAULT_CSS = """
    KeyList { width: auto; max-width: 100%; height: auto; text-wrap: nowrap; }
    """

    INDENT = 2  # rows sit under their group's heading
    GAP = 2  # cells between the columns
    KEYS_AT_MOST = 20  # a long remap ("ctrl+shift+pageup/f12") is cut rather than push the rest away
    DESCRIPTION_AT_LEAST = 12  # when the width runs out, the id is cut before the description

    def __init__(self, title: str, groups: list[tuple[str, list[tuple[str, str, str]]]], notes: list[str]) -> None:
        super().__init__()
        self.heading = title
        self.groups = groups
        self.notes = notes
        rows = [row for _group, group_rows in groups for row in group_rows]
        self.keys_width = min(max((cell_len(keys) for keys, _, _ in rows), default=0), self.KEYS_AT_MOST)
        self.id_width = max((cell_len(binding_id) for _, _, binding_id in rows), default=0)
        self.description_width = max((cell_len(desc) for _, desc, binding_id in rows if binding_id), default=0)
        # A row without an id (the palette's, Textual's quit) may run on into the id column.
        self.long_description_width = max((cell_len(desc) for _, desc, binding_id in rows if not binding_id), default=0)
        self.line_count = 1 + sum(2 + len(group_rows) for _group, group_rows in groups) + 1 + len(notes)

    def _natural_width(self) -> int:
        columns = self.INDENT + self.keys_width + self.GAP
        rows = max(
            columns + self.description_width + self.GAP + self.id_width,
            columns + self.long_description_width,
        )
        headings = [f"Keys: {self.heading}", *(group for group, _rows in self.groups), *self.notes]
        return max(rows, *(cell_len(text) for text in headings))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self._natural_width()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.line_count

    def render(self) -> Content:
        width = self.content_size.width or self._natural_width()
        columns = self.INDENT + self.keys_width + self.GAP
        room = max(width - columns, 0)  # for description, gap and id
        description = min(self.description_width, max(room - self.GAP - self.id_width, self.DESCRIPTION_AT_LEAST))
        id_width = max(room - description - self.GAP, 0)
        gap, indent = " " * self.GAP, " " * self.INDENT

        def fit(text: str, cells: int, style: str = "", pad: bool = True) -> Content:
            content = Content.styled(text, style)
            if content.cell_length > cells > 0:  # cut, and end on the ellipsis, not a space before it
                content = content.truncate(cells - 1).rstrip() + Content.styled("…", style)
            return content.truncate(cells, pad=pad)

        lines = [fit(f"Keys: {self.heading}", width, "bold", pad=False)]
        for group, rows in self.groups:
            lines += [Content(""), fit(group, width, "bold underline", pad=False)]
            for keys, desc, binding_id in rows:
                start = Content.assemble(indent, fit(keys, self.keys_width, "bold"), gap)
                if binding_id:
                    end = Content.assemble(fit(desc, description), gap, fit(binding_id, id_width, "dim", pad=False))
                else:
                    end = fit(desc, room, pad=False)
                lines.append((start + end).truncate(width, ellipsis=True))
        lines.append(Content(""))
        lines += [fit(note, width, "dim", pad=False) for note in self.notes]
        return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: auto; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1; }
    HelpScreen VerticalScroll { width: auto; max-width: 100%; height: auto; max-height: 100%; }
    """
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        notes = [
            "esc closes · inside a text field, keys type text",
            "Remap a key by its id (dim, right) in config.toml: see the README.",
        ]
        with Vertical():
            with VerticalScroll():
                yield KeyList(help_title(self.target), binding_groups(self.target), notes)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
