"""The other screens are built while the user reads the first, and shown at once later."""

from __future__ import annotations

import asyncio

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.ui import app as app_module
from netui.ui import collector
from tests.helpers import add, screen_text, settle


async def test_every_screen_is_built_unseen_once_nobody_types(make_test_app, monkeypatch):
    monkeypatch.setattr(app_module, "PREBUILD_PAUSE", 0.05)
    add("Ada Lovelace", Ring.BUDDY, networks=(Network.PEER,))
    app = make_test_app(prebuild=True)
    async with app.run_test(size=(100, 30)) as pilot:
        overview = app.screen
        for _ in range(40):
            await pilot.pause(0.05)
            if len(app._screen_stacks) == 5:
                break
        assert set(app._screen_stacks) == {"overview", "funnel", "journal", "people", "agenda"}
        assert app.screen is overview  # still on the first screen, which nothing covered
        await settle(pilot)
        people = app._screen_stacks["people"][0]
        assert not people.is_current and not people._layout_required  # laid out while hidden
        await pilot.press("4")  # no settle: shown with its data in the switch's own frame
        assert app.screen is people
        assert "Ada Lovelace" in screen_text(pilot)


async def test_nothing_is_built_while_keys_come(make_test_app, monkeypatch):
    monkeypatch.setattr(app_module, "PREBUILD_PAUSE", 0.2)
    app = make_test_app(prebuild=True)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(8):
            collector.activity()  # a key every 50 ms
            await asyncio.sleep(0.05)
        assert set(app._screen_stacks) == {"overview"}
        await pilot.pause(0.6)
        assert len(app._screen_stacks) > 1  # once the keys stop, building begins


async def test_a_prebuilt_screen_shows_changes_made_before_its_first_visit(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.prebuild_mode("people")
        await settle(pilot)
        add("Grace Hopper", Ring.STRATEGIC)
        app.data_changed.publish(app)
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert "Grace Hopper" in screen_text(pilot)


async def test_a_theme_changed_before_the_first_visit_shows_on_a_prebuilt_screen(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        journal = app.prebuild_mode("journal")
        await settle(pilot)
        before = journal.styles.background
        app.theme = "netui-light"
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert app.screen is journal
        assert journal.styles.background != before
        assert journal.styles.background == app._screen_stacks["overview"][0].styles.background


async def test_switching_to_a_screen_still_being_built_ahead_takes_the_usual_way(make_test_app):
    add("Grace Hopper", Ring.BUDDY)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.prebuild_mode("people")
        assert not screen.is_mounted  # still composing
        app.switch_mode("people")
        assert not screen._quiet_resume  # not taken for a screen already built
        await settle(pilot)
        assert app.screen is screen and "Grace Hopper" in screen_text(pilot)
