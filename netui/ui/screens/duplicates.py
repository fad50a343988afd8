"""Likely duplicates, and a side-by-side merge of two records of one person."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from netui.domain.merge import (
    BOTH,
    KEEP,
    MERGE_FIELDS,
    MERGE_LABELS,
    OTHER,
    default_choices,
    differing_fields,
    field_value,
    merged_values,
    union,
)
from netui.domain.models import Person
from netui.store import merge as store
from netui.store.merge import DuplicatePair, MergePlan
from netui.ui.safe import notice, plain
from netui.ui.screens.base import FAILED, NetuiScreen
from netui.ui.undo import UndoEntry
from netui.ui.widgets.keybar import KeyBar
from netui.ui.widgets.row_table import Column, Row, RowTable


def _who(name: str, company: str, pid: int) -> str:
    return f"{name} (#{pid}{', ' + company if company else ''})"


class DuplicatesScreen(NetuiScreen):
    """Pairs of people who are likely one person; enter compares and merges them."""

    HELP_TITLE = "Duplicates"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="duplicates.back"),
        Binding("u", "undo", "Undo", id="duplicates.undo"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[DuplicatePair] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_title()
        yield RowTable(
            [Column("One", min_width=12, weight=2), Column("The other", min_width=12, weight=2),
             Column("Why", min_width=10, weight=2, hide_rank=1)],
            empty_text="No likely duplicates: nobody shares an email, profile, phone or name.",
            id="duplicates",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#title").show("netui", "Duplicates", "looking…")
        self.query_one(RowTable).focus()
        self.reload()

    def reload(self) -> None:
        self.load(store.find_duplicates, then=self._loaded)

    def _loaded(self, pairs: list[DuplicatePair]) -> None:
        self.pairs = pairs
        count = f"{len(pairs)} likely pair{'s' if len(pairs) != 1 else ''}"
        self.query_one("#title").show("netui", "Duplicates", count, "enter compares and merges" if pairs else "")
        self.query_one(RowTable).set_rows([
            Row(i, (_who(p.first.name, p.first.company, p.first.id), _who(p.second.name, p.second.company, p.second.id),
                    ", ".join(p.reasons)))
            for i, p in enumerate(pairs)
        ])

    @on(RowTable.Selected)
    async def _compare(self, event: RowTable.Selected) -> None:
        if not 0 <= event.key < len(self.pairs):
            return
        pair = self.pairs[event.key]
        await open_merge(self, pair.first.id, pair.second.id)


async def open_merge(screen: NetuiScreen, keep_id: int, other_id: int) -> None:
    """The side-by-side merge of two people, then the merge itself (undoable with `u`)."""
    plan = await screen.store(store.merge_plan, keep_id, other_id)
    if plan is None:
        return

    async def chosen(result: MergeChoice | None) -> None:
        if result is None:
            return
        undo = await screen.write(store.merge_people, result.keep.id, result.other.id, result.choices,
                                  versions=(result.keep.version, result.other.version))
        if undo is FAILED:
            return
        name = result.keep.name if result.choices.get("name") != OTHER else result.other.name
        screen.app.undo.push(UndoEntry(f"split {result.other.name} from {name} again",
                                       lambda db: store.undo_merge(db, undo), result.keep.id, result.keep.id))
        notice(screen, f"Merged {result.other.name} into {name}. Press u to undo.")

    screen.app.push_screen(MergeDialog(plan), chosen)


@dataclass(frozen=True)
class MergeChoice:
    keep: Person
    other: Person
    choices: dict[str, str]


class MergeDialog(ModalScreen["MergeChoice | None"]):
    """Two records side by side: pick each differing field, then merge into the kept one."""

    DEFAULT_CSS = """
    MergeDialog { align: center middle; }
    MergeDialog > Vertical {
        width: 110; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    MergeDialog #merge-title { text-style: bold; height: auto; }
    MergeDialog RowTable { height: auto; max-height: 16; }
    MergeDialog #merge-summary { height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("space", "toggle", "Take the other", id="merge.toggle"),
        Binding("x", "swap", "Keep the other record", id="merge.swap"),
        Binding("ctrl+s", "merge", "Merge", id="merge.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="merge.cancel"),
    ]

    def __init__(self, plan: MergePlan) -> None:
        super().__init__()
        self.plan = plan
        self.keep, self.other = plan.keep, plan.other
        self.choices = default_choices(self.keep, self.other)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="merge-title")
            yield RowTable(
                [Column("Field", width=10), Column("Kept", min_width=12, weight=3),
                 Column("Other", min_width=12, weight=3), Column("Takes", width=8)],
                id="merge-fields",
            )
            yield Static(id="merge-summary")
            yield Static(plain("space or enter: take the other value · x: keep the other record · "
                               "ctrl+s: merge · esc: cancel"), classes="muted")

    def on_mount(self) -> None:
        self._show()
        self.query_one(RowTable).focus()

    def _fields(self) -> list[str]:
        """Every field either record holds something in; differing ones first."""
        differ = differing_fields(self.keep, self.other)
        held = [f for f in MERGE_FIELDS if f not in differ and (field_value(self.keep, f) not in ("", None)
                                                                or field_value(self.other, f) not in ("", None))]
        return [*differ, *held]

    def _show(self) -> None:
        k, o = self.keep, self.other
        differ = set(differing_fields(k, o))
        self.query_one("#merge-title", Static).update(plain(
            f"Merge {_who(o.name, o.company, o.id)} into {_who(k.name, k.company, k.id)}: "
            f"{len(differ)} field{'s' if len(differ) != 1 else ''} differ"))
        rows = []
        for i, field in enumerate(self._fields()):
            a, b = field_value(k, field), field_value(o, field)
            take = self.choices.get(field, KEEP)
            rows.append(Row(i, (MERGE_LABELS[field], _cell(a), _cell(b), {KEEP: "← kept", OTHER: "other →",
                                                                            BOTH: "both"}[take]),
                            "warn" if field in differ else ""))
        self.query_one(RowTable).set_rows(rows)
        nets = ", ".join(n.value for n in union(k.networks, o.networks)) or "none"
        tags = ", ".join(union(k.help_tags, o.help_tags)) or "none"
        offers = ", ".join(union(k.offer_tags, o.offer_tags)) or "none"
        self.query_one("#merge-summary", Static).update(plain(
            f"Kept from both: {self.plan.interactions} journal entries, {self.plan.ring_moves} ring moves, "
            f"every knows-link ({len(self.plan.knows)}), networks ({nets}), tags ({tags}), offers ({offers}) and "
            f"imported details. #{o.id} is removed; u undoes the merge.", multiline=True))

    def _field_at_cursor(self) -> str | None:
        key = self.query_one(RowTable).cursor_key
        fields = self._fields()
        return fields[key] if key is not None and 0 <= key < len(fields) else None

    def action_toggle(self) -> None:
        field = self._field_at_cursor()
        if field is None:
            return
        order = [KEEP, OTHER, BOTH] if field == "notes" else [KEEP, OTHER]
        current = self.choices.get(field, KEEP)
        self.choices[field] = order[(order.index(current) + 1) % len(order)] if current in order else KEEP
        self._show()

    @on(RowTable.Selected)
    def _selected(self) -> None:
        self.action_toggle()

    def action_swap(self) -> None:
        self.keep, self.other = self.other, self.keep
        self.choices = default_choices(self.keep, self.other)
        self._show()

    def action_merge(self) -> None:
        merged_values(self.keep, self.other, self.choices)  # a wrong choice fails here, not in the store
        self.dismiss(MergeChoice(self.keep, self.other, dict(self.choices)))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _cell(value: object) -> str:
    if value in ("", None):
        return "—"
    return " ".join(str(value).split())
