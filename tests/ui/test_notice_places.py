"""Notices (toasts) hide nothing the user is reading: not the Funnel's side panel, not
the Agenda's detail lines, at 120x40 and at 80x24."""

from __future__ import annotations

import pytest

from netui.domain.rings import Ring
from netui.ui.screens.agenda import AgendaScreen
from netui.ui.screens.funnel import FunnelScreen
from tests.helpers import add, notifications, settle

SIZES = [(120, 40), (80, 24)]
LONG = "a notice long enough to wrap onto a second line at eighty columns, " * 2


async def shown_toasts(pilot):
    await settle(pilot)
    await pilot.pause()  # the toast rack mounts the toasts, then lays them out
    toasts = list(pilot.app.screen.query("Toast"))
    assert toasts, "no notice on screen"
    return toasts


def assert_apart(toasts, widget) -> None:
    region = widget.region
    assert region.area > 0, widget
    for toast in toasts:
        assert toast.region.area > 0
        assert not toast.region.overlaps(region), (toast.region, region)


@pytest.mark.parametrize("size", SIZES)
async def test_a_notice_on_the_funnel_leaves_the_side_panel_in_view(db, make_test_app, size):
    for i in range(30):  # a full board, cards down to its foot
        add(db, f"Person {i:02}", Ring.COLD if i % 2 else Ring.LUKEWARM, company="Acme")
    app = make_test_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FunnelScreen)
        await pilot.press("u")  # nothing to undo: a notice
        app.notify(LONG, severity="warning")  # and a long one stacked on it
        toasts = await shown_toasts(pilot)
        assert "Nothing to undo." in notifications(app)
        assert_apart(toasts, screen.query_one("#panel"))
        assert len(toasts) == 2


@pytest.mark.parametrize("size", SIZES)
async def test_a_notice_on_the_agenda_leaves_the_detail_lines_in_view(db, make_test_app, size):
    for i in range(12):
        add(db, f"Buddy {i:02} with a name long enough to wrap the detail", Ring.BUDDY)
    app = make_test_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        await pilot.press("x")  # a person line is not a follow-up: a warning
        app.notify(LONG)
        toasts = await shown_toasts(pilot)
        assert any("not a follow-up" in n for n in notifications(app))
        assert_apart(toasts, screen.query_one("#detail"))
        assert_apart(toasts, screen.query_one("KeyBar"))
