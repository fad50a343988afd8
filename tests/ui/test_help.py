"""Help (`?`) lists every key of every screen, read from the live bindings, and scrolls when long."""

from __future__ import annotations

import pytest

from netui.store import demo
from netui.ui.screens.help import HelpScreen
from tests.conftest import TODAY
from tests.helpers import own_bindings, screen_text, settle


async def _person(pilot):
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("enter")


async def _trash(pilot):
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("t")


async def _import(pilot):
    pilot.app._open_import()


async def _triage(pilot):
    from netui.ui.screens.triage import TriageScreen

    pilot.app.push_screen(TriageScreen())


SCREENS = {
    "Overview": (),
    "Funnel": ("2",),
    "Journal": ("3",),
    "People": ("4",),
    "Agenda": ("5",),
    "Person": _person,
    "Trash": _trash,
    "Settings": (",",),
    "Import": _import,
    "Triage": _triage,
}


def _ids_the_screen_has(screen) -> set[str]:
    """Every binding with an id active on the screen now, and every one the screen itself
    declares unless a nearer widget takes all of its keys first (there it never runs, and
    the help lists that widget's binding for the key instead)."""
    active = screen.active_bindings
    ids = {a.binding.id for a in active.values() if a.binding.id}
    for binding in own_bindings(screen):
        taken = binding.key in active and active[binding.key].node not in (screen, screen.app)
        if binding.id and not taken:
            ids.add(binding.id)
    return ids


@pytest.fixture
def demo_app(db, make_test_app):
    demo.generate(db, people=30, interactions=300, seed=5, today=TODAY)
    return make_test_app()


@pytest.mark.parametrize("name", list(SCREENS))
async def test_help_lists_every_binding_of_the_screen(demo_app, name):
    app = demo_app
    async with app.run_test(size=(100, 90)) as pilot:  # tall enough to show the whole list
        await settle(pilot)
        keys = SCREENS[name]
        if callable(keys):
            await keys(pilot)
        else:
            await pilot.press(*keys)
        await settle(pilot)
        screen = app.screen
        expected = _ids_the_screen_has(screen)
        own = {b.id for b in own_bindings(screen) if b.id}
        assert own, "every netui screen has keys of its own"
        await app.run_action("help")  # `?` would type into a focused text field (Settings, Import)
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and app.screen.target is screen
        text = screen_text(pilot)
        missing = sorted(i for i in expected if i not in text)
        assert not missing, f"help on {name} leaves out {missing}"
        # Each id's line also shows a key and a description.
        for binding_id in own & expected:
            line = next(line for line in text.splitlines() if binding_id in line)
            assert len(line.strip(" │").split()) >= 3, line


async def test_long_help_scrolls_with_the_keys_at_80x24(demo_app):
    app = demo_app
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        first = screen_text(pilot)
        assert "Keys: People" in first
        last_line = "Remap a key by its id"
        assert last_line not in first  # People has more keys than 24 lines hold …
        for _ in range(3):
            await pilot.press("pagedown")
        await settle(pilot)
        assert last_line in screen_text(pilot)  # … and the keyboard reaches the end
        await pilot.press("home")
        await settle(pilot)
        assert "Keys: People" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)
