"""Terminal sizes: every screen survives resizing down to 40x12 (and below) and back, and
says when the terminal is smaller than it is made for."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from netui.store import demo
from netui.store import models as m
from tests.conftest import TODAY
from tests.helpers import screen_text, settle

SIZES = [(40, 12), (120, 40), (59, 24), (80, 15), (20, 6), (80, 24)]


async def _to_person(pilot):
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("enter")


async def _to_trash(pilot):
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("t")


async def _to_import(pilot):
    pilot.app._open_import()


async def _to_help_on_people(pilot):
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("question_mark")


async def _to_log_form(pilot):
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("l")


async def _to_funnel_report(pilot):
    await pilot.press("2")
    await settle(pilot)
    await pilot.press("r")


SCREENS = {
    "Overview": ((), "OverviewScreen", True),
    "Funnel": (("2",), "FunnelScreen", True),
    "Journal": (("3",), "JournalScreen", True),
    "People": (("4",), "PeopleScreen", True),
    "Agenda": (("5",), "AgendaScreen", True),
    "Review": (("7",), "ReviewScreen", True),
    "Settings": ((",",), "SettingsScreen", False),
    "Person": (_to_person, "PersonScreen", True),
    "Trash": (_to_trash, "TrashScreen", True),
    "Import": (_to_import, "ImportScreen", True),
    "Funnel report": (_to_funnel_report, "FunnelReportScreen", True),
    "Help": (_to_help_on_people, "HelpScreen", False),
    "Add form": (("a",), "PersonForm", False),
    "Log form": (_to_log_form, "InteractionForm", False),
}


@pytest.fixture
def demo_app(db, make_test_app):
    demo.generate(db, people=40, interactions=400, seed=5, today=TODAY)
    return make_test_app()


@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_screen_survives_resizing_down_to_40x12_and_back(demo_app, name):
    keys, screen_class, has_title = SCREENS[name]
    app = demo_app
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if callable(keys):
            await keys(pilot)
        else:
            await pilot.press(*keys)
        await settle(pilot)
        assert type(app.screen).__name__ == screen_class
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            assert app.size == (width, height)
            assert type(app.screen).__name__ == screen_class, (width, height)
            text = screen_text(pilot)
            lines = text.splitlines()
            assert len(lines) == height and all(len(line) <= width for line in lines)
            small = width < 60 or height < 16
            if has_title and height > 1:
                assert (f"⚠ {width}x{height} small" in lines[0]) == small, (width, height, lines[0])
            if has_title and (width, height) == (80, 24):
                assert lines[-1].strip(), "the footer stays at 80x24"
        assert app.is_running and app.return_code is None


def test_a_real_terminal_at_40x12_on_every_screen(db, db_path: Path):
    """The same in a pseudo-terminal: every screen, help and a form, at 40x12; it never dies."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from ptyrun import PtyApp

    demo.generate(db, people=30, interactions=200, seed=3, today=TODAY)
    db.close()
    app = PtyApp([sys.executable, "-m", "netui", "--db", str(db_path)], cols=40, rows=12)
    app.start()
    try:
        app.wait_for("⚠ 40x12 small".encode(), timeout=30)
        # Each key, then what it must bring up (None: nothing new to look for). Waiting for
        # that word, not for a pause in the output: a screen shown for the first time can
        # take longer than any fixed pause on a busy machine, and the next key would then
        # switch away before it was drawn.
        steps = [
            (b"2", b"Funnel"), (b"3", b"Journal"), (b"4", b"People"), (b"5", b"Agenda"), (b"?", b"Keys"),
            (b"\x1b", None), (b",", b"Settings"), (b"\x1b", None), (b"4", None), (b"\r", b"Person"),
            (b"\x1b", None), (b"a", b"Add a person"), (b"\x1b", None), (b"1", b"Overview"),
        ]
        for key, word in steps:
            if word is None:
                app.key(key, quiet=0.3)
            else:
                app.key_until(key, word, timeout=30)
            assert app.proc.poll() is None, key
        screen = bytes(app.output)
    finally:
        code = app.stop()
    assert code == 0
    for word in (b"Funnel", b"Journal", b"People", b"Agenda", b"Settings", b"Add a person"):
        assert word in screen, word
    assert b"Traceback" not in screen
