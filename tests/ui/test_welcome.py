"""First run: an empty database opens on a short welcome, which goes once someone exists."""

from __future__ import annotations

from netui.store.people import count_people
from netui.ui.screens.overview import OverviewScreen, Welcome
from tests.helpers import add, screen_text, settle


async def test_an_empty_database_opens_on_the_welcome_and_adding_someone_ends_it(db, make_test_app):
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        text = screen_text(pilot)
        assert "Welcome to netui" in text
        for words in ("Four networks.", "Support", "peers", "mentors", "mentees", "Four rings.", "cold", "buddy"):
            assert words in text, words
        for offer in ("add someone", "Import people", "netui demo"):  # the in-app import, not the shell
            assert offer in text, offer
        assert app.screen.query_one(Welcome).display
        assert "Support: empty" not in text  # the empty panels give way to the welcome
        lines = text.splitlines()
        assert "Help" in lines[-1]  # the footer is still there at 80x24

        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Ada Lovelace")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert count_people(db) == 1
        assert "Person" in screen_text(pilot)  # the person just added opens
        await pilot.press("escape")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Welcome to netui" not in text
        assert not app.screen.query_one(Welcome).display
        assert "Support" in text and "1 person" in text


async def test_the_welcome_shows_a_remapped_add_key(make_test_app):
    app = make_test_app()
    app.set_keymap({"app.add": "n"})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        line = next(line for line in screen_text(pilot).splitlines() if "add someone" in line)
        assert line.strip(" │").startswith("n ")


async def test_no_welcome_once_someone_exists(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Welcome to netui" not in screen_text(pilot)
        assert not app.screen.query(Welcome)  # never built
