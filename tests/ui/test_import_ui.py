"""The Import screen: palette → path → preview (nothing written) → confirm → saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from netui.store import models as m
from netui.ui.screens.import_screen import ImportScreen
from tests.helpers import notifications, screen_text, settle

FIXTURES = Path(__file__).parents[1] / "fixtures" / "io"


async def open_import(pilot) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*"Import people")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ImportScreen)


async def type_path(pilot, path: str) -> None:
    await pilot.press(*path)
    await pilot.press("enter")
    await settle(pilot, rounds=8)


async def test_preview_then_confirm_imports(make_test_app, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await open_import(pilot)
        await type_path(pilot, "linkedin_connections.csv")
        text = screen_text(pilot)
        assert "8 rows read" in text and "Dry run: nothing was written." in text
        assert "line 10: kept Alan Turing, not the date 'sometime in 1939' in Connected On" in text
        assert m.Person.select().count() == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "This is one step" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot, rounds=8)
        assert m.Person.select().count() == 6
        assert "Saved." in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Grace Hopper" in text and "6 people" in text  # People reloaded
        # The profile URL is on the Person screen.
        grace = m.Person.get(m.Person.name == "Grace Hopper")
        pilot.app.screen.select_person(grace.id)
        await settle(pilot)  # the list is read again with the cursor on her
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Profile" in text and "https://www.linkedin.com/in/gracehopper" in text


async def test_declining_the_confirmation_writes_nothing(make_test_app, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        pilot.app.push_screen(ImportScreen())
        await settle(pilot)
        await type_path(pilot, "contacts.vcf")
        assert "vCard" in screen_text(pilot)  # the format was guessed from the name
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert m.Person.select().count() == 0


async def test_import_needs_a_preview_of_the_same_file(make_test_app, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        pilot.app.push_screen(ImportScreen())
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Type the path of the file to import." in screen_text(pilot)
        await type_path(pilot, "linkedin_connections.csv")
        await pilot.press("backspace")  # the path changed since the preview
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("Preview first" in n for n in notifications(pilot.app))
        assert isinstance(pilot.app.screen, ImportScreen)  # no confirmation was offered
        assert m.Person.select().count() == 0


async def test_bad_files_and_hostile_paths_are_shown_literally(make_test_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "photo.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        pilot.app.push_screen(ImportScreen())
        await settle(pilot)
        await type_path(pilot, "[@click=app.quit]x")
        assert "[@click=app.quit]x: no such file" in screen_text(pilot)
        assert pilot.app.is_running
        await pilot.press(*["backspace"] * 20)
        await type_path(pilot, "photo.csv")
        assert "is not a CSV file (it holds binary data)" in screen_text(pilot)


async def test_csv_column_map_is_used(make_test_app, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        pilot.app.push_screen(ImportScreen())
        await settle(pilot)
        await pilot.press(*"custom_columns.csv", "tab", "tab")
        await pilot.press(*"Who=name, Shop=company")
        await pilot.press("enter")
        await settle(pilot, rounds=8)
        assert "added            2" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot, rounds=8)
        assert m.Person.get(m.Person.name == "Linus Torvalds").company == "Linux Foundation"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_preview(db, snap_compare, monkeypatch, size):
    from tests.conftest import TODAY
    from netui.ui.app import AppConfig, make_app

    from netui.io import formats

    monkeypatch.chdir(FIXTURES)
    formats.import_file(db, "linkedin", "linkedin_connections.csv")  # the newer export then has a bit of everything
    app = make_app(AppConfig(db=db, today=lambda: TODAY, watch_seconds=3600))

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(ImportScreen())
        await settle(pilot)
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        await type_path(pilot, "linkedin_connections_newer.csv")
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
