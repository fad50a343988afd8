"""Help and the palette in a person's words: readable titles, keys as printed on the keyboard,
descriptions and ids in columns of their own; and the help reads only what is live."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.ui.screens.help import HelpScreen, binding_groups
from tests.helpers import add, screen_text, settle

LONG = "Send a carefully worded note to everyone you have not written to in a very long time"


class VerboseProbeScreen(Screen):
    """A screen of the test's own: a long description, an unusual key, an action it disables."""

    BINDINGS = [
        Binding("x", "hidden", "Hidden right now", id="probe.hidden"),
        Binding("y", "verbose", LONG, id="probe.verbose"),
        Binding("full_stop,left_square_bracket", "dot", "Dot", id="probe.dot"),
        Binding("z", "shown_as", "Custom display", key_display="Zed", id="probe.display"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "hidden"

    def compose(self) -> ComposeResult:
        yield Static("probe")


def _lines(text: str) -> list[str]:
    return [line.strip(" │") for line in text.splitlines()]


def _line_with(text: str, needle: str) -> str:
    return next(line for line in _lines(text) if needle in line)


async def _help(pilot) -> str:
    await pilot.app.run_action("help")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpScreen)
    return screen_text(pilot)


async def _people_from_the_overview(pilot) -> None:
    """Enter on the first network panel: the People list pushed on top (PushedPeopleScreen)."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


# ---------------------------------------------------------------- titles


async def test_help_titles_are_words_not_class_names(db, make_test_app):
    add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.SUPPORT,))
    app = make_test_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        text = await _help(pilot)  # the Overview, a network panel focused
        assert "Keys: Overview" in text
        assert "Overview panels" in text
        assert "NetworkPanel" not in text
        await pilot.press("escape")
        await _people_from_the_overview(pilot)
        assert type(app.screen).__name__ == "PushedPeopleScreen"
        text = await _help(pilot)
        assert "Keys: People" in text
        assert "PushedPeople" not in text


async def test_no_help_title_or_group_is_a_class_name(db, make_test_app):
    """Every screen and dialog netui has, and every group on it: no CamelCase names."""
    from tests.ui.test_help import SCREENS

    add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.SUPPORT,))
    app = make_test_app()
    camel = re.compile(r"[a-z][A-Z]")
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        for name, keys in SCREENS.items():
            if callable(keys):
                await keys(pilot)
            else:
                await pilot.press(*keys)
            await settle(pilot)
            screen = app.screen
            text = await _help(pilot)
            title = _line_with(text, "Keys: ")
            assert not camel.search(title) and "Screen" not in title, title
            for group, _rows in binding_groups(screen):
                assert not camel.search(group), (name, group)
                assert group in text
            await pilot.press("escape")
            await settle(pilot)
            while len(app.screen_stack) > 1:
                app.pop_screen()
                await settle(pilot)


async def test_a_screen_netui_does_not_know_gets_a_cleaned_up_title(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(VerboseProbeScreen())
        await settle(pilot)
        text = await _help(pilot)
        assert "Keys: Verbose probe" in text
        assert "VerboseProbe" not in text


# ---------------------------------------------------------------- columns


async def test_description_and_id_keep_a_gap_at_80_columns(db, make_test_app):
    add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.SUPPORT,))
    app = make_test_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        text = await _help(pilot)  # a network panel is focused: its keys have long descriptions
        assert "aboveoverview.up" not in text and "belowoverview.down" not in text
        line = _line_with(text, "overview.up")
        assert re.search(r"Previous person, or the panel above\s{2,}overview\.up$", line), line
        for _group, rows in binding_groups(app.screen_stack[-2]):
            for _keys, _desc, binding_id in rows:
                if binding_id:
                    assert re.search(r"\S\s{2,}" + re.escape(binding_id) + "$", _line_with(text, binding_id))


async def test_a_long_description_is_cut_cleanly_at_80_columns(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(VerboseProbeScreen())
        await settle(pilot)
        text = await _help(pilot)
        rows = text.splitlines()
        line = next(row for row in rows if "probe.verbose" in row)
        assert line.rstrip().endswith("│"), line  # the dialog's border is where it was: nothing spills
        cut = line.strip(" │")
        assert re.search(r"^y\s+Send a carefully worded note.*…\s{2,}probe\.verbose$", cut), cut
        assert LONG not in text
        # Every line of the dialog is as wide as its border: no line was wrapped or pushed out.
        widths = {len(row.rstrip()) for row in rows if "│" in row}
        assert len(widths) == 1, widths


async def test_on_a_wide_terminal_a_long_description_is_shown_whole(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(VerboseProbeScreen())
        await settle(pilot)
        text = await _help(pilot)
        assert re.search(re.escape(LONG) + r"\s{2,}probe\.verbose", text)


# ---------------------------------------------------------------- what is listed


async def test_help_leaves_out_what_the_screen_disables(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(VerboseProbeScreen())
        await settle(pilot)
        text = await _help(pilot)
        assert "probe.hidden" not in text and "Hidden right now" not in text
        assert "probe.dot" in text


async def test_help_leaves_out_keys_a_focused_text_field_types(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        before = await _help(pilot)
        assert "people.sort" in before and "person.edit" in before
        await pilot.press("escape")
        await pilot.press("slash")  # into the filter field: letters type now
        await settle(pilot)
        text = await _help(pilot)
        for typed in ("people.sort", "person.edit", "app.add", "go.people"):
            assert typed not in text, typed
        assert "ctrl+p" in text  # a key with a modifier still works in a text field


async def test_a_key_a_nearer_widget_takes_is_listed_once_where_it_works(db, make_test_app):
    add(db, "Ada Lovelace", Ring.COLD)
    app = make_test_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # the Funnel: the board is focused, and takes left/right first
        await settle(pilot)
        text = await _help(pilot)
        assert "board.left" in text and "board.right" in text
        assert "funnel.left" not in text and "funnel.right" not in text
        assert len([line for line in _lines(text) if line.startswith("left/h ")]) == 1


# ---------------------------------------------------------------- key names


async def test_help_names_keys_as_printed_on_the_keyboard(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 60)) as pilot:
        app.set_keymap({"people.sort": "full_stop", "people.trash": "left_square_bracket", "people.reverse": "ctrl+s"})
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        text = await _help(pilot)
        assert _line_with(text, "people.sort").startswith(". ")
        assert _line_with(text, "people.trash").startswith("[ ")
        assert _line_with(text, "people.reverse").startswith("ctrl+s ")
        assert _line_with(text, "person.ring_in").startswith(">/shift+right ")
        assert _line_with(text, "people.filter").startswith("/ ")
        assert _line_with(text, "table.open").startswith("enter ")
        for raw in ("full_stop", "left_square_bracket", "greater_than_sign", "slash ", "question_mark"):
            assert raw not in text, raw
        await pilot.press("escape", "enter")  # the person
        await settle(pilot)
        text = await _help(pilot)
        assert _line_with(text, "person.back").startswith("esc ")


async def test_help_shows_a_binding_key_display_and_symbols_for_symbol_keys(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(VerboseProbeScreen())
        await settle(pilot)
        text = await _help(pilot)
        assert _line_with(text, "probe.display").startswith("Zed ")
        assert _line_with(text, "probe.dot").startswith("./[ ")


async def test_palette_names_keys_as_printed_on_the_keyboard(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Ring in (>/shift+right)" in titles and "Filter (/)" in titles
        assert not [t for t in titles if "greater_than_sign" in t or "slash" in t], titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"ring in")
        await settle(pilot)  # the palette searches in a worker: settle waits for it
        text = screen_text(pilot)
        assert "Ring in (>/shift+right)" in text and "greater_than_sign" not in text


async def test_palette_names_the_screen_in_words(db, make_test_app):
    add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.SUPPORT,))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _people_from_the_overview(pilot)
        assert type(app.screen).__name__ == "PushedPeopleScreen"
        helps = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert helps["Sort (s)"] == "Run on the People screen"
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"sort")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Run on the People screen" in text and "PushedPeople" not in text
