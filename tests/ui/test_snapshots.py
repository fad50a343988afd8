"""How the People slice looks, at the two sizes that matter: 80x24 and 120x40."""

from __future__ import annotations

import pytest

from netui.store import demo
from tests.conftest import TODAY
from tests.helpers import settle


@pytest.fixture
def demo_app(db, make_test_app):
    demo.generate(db, people=40, interactions=400, seed=5, today=TODAY)
    return make_test_app()


async def _ready(pilot):
    await settle(pilot)
    await pilot.press("4")  # netui opens on the Overview
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_people_screen(snap_compare, demo_app, size):
    assert snap_compare(demo_app, terminal_size=size, run_before=_ready)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_person_screen(snap_compare, demo_app, size):
    async def open_third(pilot):
        await _ready(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=open_third)


def test_add_form_at_80x24(snap_compare, demo_app):
    async def open_form(pilot):
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=open_form)
