"""People and Person screens driven by keys, checked in the database and on screen."""

from __future__ import annotations

from netui.domain.rings import Ring
from netui.store import models as m
from netui.store.people import get_person
from tests.helpers import add, notifications, screen_text, settle


async def test_people_table_lists_everyone(db, make_test_app):
    add(db, "Ada Lovelace", Ring.BUDDY, company="Analytical Engines")
    add(db, "Grace Hopper", Ring.STRATEGIC, company="Navy")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        text = screen_text(pilot)
        assert "Ada Lovelace" in text and "Analytical Engines" in text
        assert "Grace Hopper" in text
        assert "2 people" in text


async def test_add_person_with_the_form_and_u_takes_them_back_to_the_trash(make_test_app):
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
        await pilot.press("escape")  # from her page back to the list
        await settle(pilot)
        assert "Katherine Johnson" in screen_text(pilot)
        await pilot.press("u")
        await settle(pilot)
        row = m.Person.get(m.Person.name == "Katherine Johnson")
        assert row.deleted_at is not None  # in the trash, not gone: restorable
        assert "Undone: adding Katherine Johnson." in notifications(app)
        assert "Katherine Johnson" not in screen_text(pilot)
        await pilot.press("u")  # nothing older to undo
        await settle(pilot)
        assert m.Person.get(m.Person.name == "Katherine Johnson").deleted_at is not None


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


async def test_ring_moves_in_and_out_are_stored(db, make_test_app):
    pid = add(db, "Ada Lovelace", Ring.LUKEWARM)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert get_person(db, pid).ring == Ring.STRATEGIC
        await pilot.press("shift+right")
        await settle(pilot)
        assert get_person(db, pid).ring == Ring.BUDDY
        await pilot.press("less_than_sign")
        await settle(pilot)
        person = get_person(db, pid)
        assert person.ring == Ring.STRATEGIC
        moves = [(mv.from_ring, mv.to_ring) for mv in person.ring_history]
        assert moves[-3:] == [(Ring.LUKEWARM, Ring.STRATEGIC), (Ring.STRATEGIC, Ring.BUDDY), (Ring.BUDDY, Ring.STRATEGIC)]
        assert "strategic" in screen_text(pilot)


async def test_delete_then_undo_restores(db, make_test_app):
    pid = add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert get_person(db, pid).deleted_at is not None
        assert "Ada Lovelace" not in screen_text(pilot).split("Name", 1)[1]
        await pilot.press("u")
        await settle(pilot)
        assert get_person(db, pid).deleted_at is None
        assert "Ada Lovelace" in screen_text(pilot)


async def test_filter_as_you_type(db, make_test_app):
    add(db, "Ada Lovelace", company="Engines")
    add(db, "Grace Hopper", company="Navy")
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


async def test_enter_opens_the_person(db, make_test_app):
    add(db, "Ada Lovelace", Ring.BUDDY, company="Engines", help_tags=("advice",))
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


async def test_keys_typed_right_after_slash_land_in_the_filter(db, make_test_app):
    from textual import events

    add(db, "Ada Lovelace", company="AC/DC")
    add(db, "Grace Hopper")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        # All at once, as a fast typist over SSH sends them: nothing may be lost or run as a command.
        for key, char in (("slash", "/"), ("a", "a"), ("c", "c"), ("slash", "/"), ("d", "d")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert app.screen.query_one("#filter").value == "ac/d"
        text = screen_text(pilot)
        assert "Ada Lovelace" in text and "Grace Hopper" not in text
        assert m.Person.select().count() == 2


async def test_pasting_several_lines_into_a_one_line_field_keeps_them_all(make_test_app):
    from textual import events

    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.focused.post_message(events.Paste("Ada\nLovelace\x1b[31m"))
        await settle(pilot)
        assert app.focused.value == "Ada Lovelace[31m"
        assert any("joined with spaces" in n for n in notifications(app))


async def test_edit_conflict_shows_both_values_and_saves_only_when_asked(db, make_test_app):
    import threading

    from netui.store.people import update_person

    pid = add(db, "Ada Lovelace", company="Engines")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("tab")  # to Company
        app.focused.value = "Mine plc"

        def other_session():
            with db.connection_context():  # a connection of its own, closed after
                update_person(db, pid, get_person(db, pid), {"company": "Theirs Ltd"})

        thread = threading.Thread(target=other_session)
        thread.start()
        thread.join()
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(pilot)
        assert "changed in another session" in text
        assert "Theirs Ltd" in text and "Mine plc" in text
        assert get_person(db, pid).company == "Theirs Ltd"  # nothing overwritten yet
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert get_person(db, pid).company == "Mine plc"


async def test_escape_on_a_changed_form_asks_first(db, make_test_app):
    pid = add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("end", *" Byron", "escape")
        await settle(pilot)
        assert "Discard your changes" in screen_text(pilot)
        await pilot.press("n")  # keep editing
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert get_person(db, pid).name == "Ada Lovelace Byron"


async def test_trash_view_restores_and_purges(db, make_test_app):
    from netui.store.people import trash_person

    keep, gone = add(db, "Ada Lovelace"), add(db, "Grace Hopper")
    trash_person(db, keep)
    trash_person(db, gone)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert "2 people" in screen_text(pilot)
        await pilot.press("r")  # restores Ada (first by name)
        await settle(pilot)
        assert get_person(db, keep).deleted_at is None
        await pilot.press("p")
        await settle(pilot)
        assert "cannot be undone" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not m.Person.select().where(m.Person.id == gone).exists()
        await pilot.press("escape")
        await settle(pilot)
        assert "Ada Lovelace" in screen_text(pilot)


async def test_move_with_a_reason_and_link_who_they_know(db, make_test_app):
    pid = add(db, "Ada Lovelace", Ring.COLD)
    add(db, "Grace Hopper")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # netui opens on the Overview
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press(*"great first coffee", "ctrl+s")
        await settle(pilot)
        person = get_person(db, pid)
        assert person.ring == Ring.LUKEWARM
        assert person.ring_history[-1].reason == "great first coffee"
        assert "cold → lukewarm — great first coffee" in screen_text(pilot)
        await pilot.press("k")
        await settle(pilot)
        await pilot.press(*"grace hopper", "enter", *"met at PyCon", "ctrl+s")
        await settle(pilot)
        assert [(k.other_name, k.note) for k in get_person(db, pid).knows] == [("Grace Hopper", "met at PyCon")]
        assert "Grace Hopper (cold) — met at PyCon" in screen_text(pilot)
