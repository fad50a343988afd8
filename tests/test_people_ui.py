"""People and Person screens driven by keys, checked in the database and on screen."""

from __future__ import annotations

from netui.domain.rings import Ring
from netui.store import models as m
from netui.store.people import get_person
from tests.helpers import add, screen_text, settle


async def test_people_table_lists_everyone(make_test_app):
    add("Ada Lovelace", Ring.BUDDY, company="Analytical Engines")
    add("Grace Hopper", Ring.STRATEGIC, company="Navy")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        text = screen_text(pilot)
        assert "Ada Lovelace" in text and "Analytical Engines" in text
        assert "Grace Hopper" in text
        assert "2 people" in text


async def test_add_person_with_the_form(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Katherine Johnson")
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = m.Person.get(m.Person.name == "Katherine Johnson")
        assert row.ring == "cold"
        assert "Katherine Johnson" in screen_text(pilot)


async def test_form_refuses_bad_input_and_saves_nothing(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", *"not-an-email", "ctrl+s")
        await settle(pilot)
        text = screen_text(pilot)
        assert "A name is required." in text
        assert "does not look like an email address" in text
        assert m.Person.select().count() == 0


async def test_ring_moves_in_and_out_are_stored(make_test_app):
    pid = add("Ada Lovelace", Ring.LUKEWARM)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert get_person(pid).ring == Ring.STRATEGIC
        await pilot.press("shift+right")
        await settle(pilot)
        assert get_person(pid).ring == Ring.BUDDY
        await pilot.press("less_than_sign")
        await settle(pilot)
        person = get_person(pid)
        assert person.ring == Ring.STRATEGIC
        moves = [(mv.from_ring, mv.to_ring) for mv in person.ring_history]
        assert moves[-3:] == [(Ring.LUKEWARM, Ring.STRATEGIC), (Ring.STRATEGIC, Ring.BUDDY), (Ring.BUDDY, Ring.STRATEGIC)]
        assert "strategic" in screen_text(pilot)


async def test_delete_then_undo_restores(make_test_app):
    pid = add("Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert get_person(pid).deleted_at is not None
        assert "Ada Lovelace" not in screen_text(pilot).split("Name", 1)[1]
        await pilot.press("u")
        await settle(pilot)
        assert get_person(pid).deleted_at is None
        assert "Ada Lovelace" in screen_text(pilot)


async def test_filter_as_you_type(make_test_app):
    add("Ada Lovelace", company="Engines")
    add("Grace Hopper", company="Navy")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("slash", *"navy")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Grace Hopper" in text and "Ada Lovelace" not in text
        await pilot.press("escape")
        await settle(pilot)
        assert "Ada Lovelace" in screen_text(pilot)


async def test_enter_opens_the_person(make_test_app):
    add("Ada Lovelace", Ring.BUDDY, company="Engines", help_tags=("advice",))
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Ring history" in text and "added as buddy" in text
        assert "advice" in text
        await pilot.press("escape")
        await settle(pilot)
        assert "People" in screen_text(pilot)
