"""Marking many people on the People list and acting on all of them at once, with one undo."""

from __future__ import annotations

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store import models as m
from netui.store.people import get_person
from tests.helpers import add, notifications, screen_text, settle


async def open_people(pilot) -> None:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)



async def test_space_marks_rows_and_a_ring_step_moves_them_all_with_one_undo(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.COLD)
    bob = add(db, "Bob Babbage", Ring.LUKEWARM)
    cy = add(db, "Cy Young", Ring.COLD)
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_people(pilot)
        await pilot.press("space", "space")  # Ada, then Bob (the cursor moves down)
        await settle(pilot)
        text = screen_text(pilot)
        assert "2 marked" in text
        marked = [line for line in text.split("\n") if "✓" in line]
        assert len(marked) == 2 and "Ada Lovelace" in marked[0] and "Bob Babbage" in marked[1]
        moves_before = m.RingMove.select().count()
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert [get_person(db, pid).ring for pid in (ada, bob, cy)] == [Ring.LUKEWARM, Ring.STRATEGIC, Ring.COLD]
        assert m.RingMove.select().count() == moves_before + 2
        assert any("Moved 2 people in" in n for n in notifications(app))
        lines = screen_text(pilot).split("\n")
        assert any("Ada Lovelace" in line and "lukewarm" in line for line in lines)
        assert any("Bob Babbage" in line and "strategic" in line for line in lines)
        await pilot.press("u")  # one undo puts both back
        await settle(pilot)
        assert [get_person(db, pid).ring for pid in (ada, bob, cy)] == [Ring.COLD, Ring.LUKEWARM, Ring.COLD]
        assert m.RingMove.select().count() == moves_before
        await pilot.press("escape")
        await settle(pilot)
        text = screen_text(pilot)
        assert "marked" not in text and "✓" not in text


async def test_mark_all_shown_takes_rows_not_read_yet_and_delete_trashes_them_in_one_go(db, make_test_app):
    for i in range(130):  # more than the first page of 100
        add(db, f"Acme Person {i:03}", company="Acme")
    add(db, "Zoe Other", company="Globex")
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_people(pilot)
        # In the field, space and * are typed and ctrl+a goes to the start of the line: no marks.
        await pilot.press("slash", *"acme", "space", "asterisk", "ctrl+a", "x")
        await settle(pilot)
        assert app.screen.query_one("#filter").value == "xacme *"
        assert "marked" not in screen_text(pilot)
        await pilot.press("ctrl+e", "backspace", "backspace")
        await pilot.press("home", "delete")
        await settle(pilot)
        assert app.screen.query_one("#filter").value == "acme"
        await pilot.press("enter", "asterisk")
        await settle(pilot)
        assert "130 marked" in screen_text(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert m.Person.select().where(m.Person.deleted_at.is_null()).count() == 1
        assert "Moved 130 people to the trash" in " ".join(notifications(app))
        assert "marked" not in screen_text(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert m.Person.select().where(m.Person.deleted_at.is_null()).count() == 131
        assert "130 people" in screen_text(pilot)


async def test_ctrl_a_marks_all_and_the_network_and_tag_keys_act_on_the_marked(db, make_test_app):
    ids = [add(db, "Ada Lovelace"), add(db, "Bob Babbage", networks=(Network.PEER,))]
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_people(pilot)
        await pilot.press("ctrl+a")
        await settle(pilot)
        assert "2 marked" in screen_text(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert "Network for 2 people" in screen_text(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert [[ms.network for ms in get_person(db, pid).memberships] for pid in ids] == [[Network.PEER]] * 2
        await pilot.press("T")
        await settle(pilot)
        await pilot.press(*"hiring", "enter")
        await settle(pilot)
        assert [get_person(db, pid).help_tags for pid in ids] == [("hiring",), ("hiring",)]
        await pilot.press("u")  # the tag comes off
        await settle(pilot)
        assert [get_person(db, pid).help_tags for pid in ids] == [(), ()]
        await pilot.press("u")  # Ada leaves peer; Bob, who was there before, stays
        await settle(pilot)
        assert [[ms.network for ms in get_person(db, pid).memberships] for pid in ids] == [[], [Network.PEER]]


async def test_export_writes_only_the_marked(db, make_test_app, tmp_path):
    add(db, "Ada Lovelace")
    add(db, "Bob Babbage")
    add(db, "Cy Young")
    target = tmp_path / "some.csv"
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_people(pilot)
        await pilot.press("down", "space", "space", "x")
        await settle(pilot)
        field = app.screen.query_one("#text")
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    text = target.read_text()
    assert "Bob Babbage" in text and "Cy Young" in text and "Ada Lovelace" not in text
    assert target.stat().st_mode & 0o777 == 0o600


async def test_funnel_marks_across_columns_move_together_and_undo_together(db, make_test_app):
    ada = add(db, "Ada Cold", Ring.COLD, company="Acme")
    bo = add(db, "Bo Cold", Ring.COLD)
    di = add(db, "Di Luke", Ring.LUKEWARM, company="Acme")
    fay = add(db, "Fay Strat", Ring.STRATEGIC, company="Acme")
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("space")  # Ada (cold); the cursor goes on to Bo
        await pilot.press("l", "space")  # Di (lukewarm)
        await settle(pilot)
        text = screen_text(pilot)
        assert "2 marked" in text and "✓ Ada Cold" in text and "✓ Di Luke" in text and "✓ Bo Cold" not in text
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert [get_person(db, pid).ring for pid in (ada, bo, di, fay)] == [
            Ring.LUKEWARM, Ring.COLD, Ring.STRATEGIC, Ring.STRATEGIC]
        await pilot.press("u")
        await settle(pilot)
        assert [get_person(db, pid).ring for pid in (ada, bo, di, fay)] == [
            Ring.COLD, Ring.COLD, Ring.LUKEWARM, Ring.STRATEGIC]
        await pilot.press("escape")  # on the board: clears the marks
        await settle(pilot)
        assert "marked" not in screen_text(pilot)
        # Mark all shown takes every ring's matches of the filter.
        await pilot.press("slash", *"acme", "enter", "asterisk")
        await settle(pilot)
        assert "3 marked" in screen_text(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert [[ms.network for ms in get_person(db, pid).memberships] for pid in (ada, bo, di, fay)] == [
            [Network.MENTOR], [], [Network.MENTOR], [Network.MENTOR]]
