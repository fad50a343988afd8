"""The one way screens reach the database (netui.ui.store_calls) and the one undo stack,
seen from the keys: loads run in worker threads and hand their result back; a StoreError
is a notice (a damaged file turns the session read-only); anything else is a bug that
takes the app down, after the forms' drafts are kept; `u` undoes the last change, even
one still being stored."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from textual import events
from textual.worker import WorkerFailed

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store import models as m
from netui.store import people as store_people
from netui.store import people_query
from netui.store.people import get_person
from netui.ui.drafts import take_drafts
from netui.ui.screens.people import PeopleScreen
from netui.ui.screens.person_form import PersonForm
from tests.helpers import add, notifications, screen_text, settle


async def open_people(pilot) -> PeopleScreen:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PeopleScreen)
    return pilot.app.screen


def fail_people_loads(monkeypatch, error: BaseException) -> list[threading.Thread]:
    """Every load of the People list raises ``error`` (in the worker's thread); the threads
    it ran in."""
    from netui.ui.screens import people as people_screen

    threads: list[threading.Thread] = []

    def broken(*_args, **_kwargs):
        threads.append(threading.current_thread())
        raise error

    monkeypatch.setattr(people_screen.people_query, "count_matching", broken)
    return threads


async def test_a_store_error_in_a_load_is_a_notice_and_the_app_stays_up(db, make_test_app, monkeypatch):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_people(pilot)
        assert "Ada Lovelace" in screen_text(pilot)
        real = people_query.count_matching
        # SQLite's own words, met by a read in the worker's thread: translated for the user.
        threads = fail_people_loads(monkeypatch, sqlite3.OperationalError("database is locked"))
        screen.reload()
        await settle(pilot)
        assert threads and threading.main_thread() not in threads
        assert app.is_running and app.return_code is None
        assert any("Another netui session is saving" in n for n in notifications(app))
        assert not app.db.readonly  # a busy file is not a damaged one
        assert "Ada Lovelace" in screen_text(pilot)  # what was shown stays
        monkeypatch.setattr(people_query, "count_matching", real)
        add(db, "Grace Hopper")
        screen.reload()  # the next load works as usual
        await settle(pilot)
        assert "Grace Hopper" in screen_text(pilot)


async def test_a_damaged_page_met_by_a_load_turns_the_session_read_only(db, make_test_app, monkeypatch):
    pid = add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_people(pilot)
        fail_people_loads(monkeypatch, sqlite3.DatabaseError("database disk image is malformed"))
        screen.reload()
        await settle(pilot)
        assert app.is_running
        assert app.db.readonly and app.sub_title == "read-only"
        assert any("damaged" in n for n in notifications(app))
        assert "READ-ONLY" in screen_text(pilot).splitlines()[0]  # said where the eye goes, at once
        await pilot.press("d")  # a write is refused, and nothing is written
        await settle(pilot)
        assert any("read-only" in n for n in notifications(app))
        assert get_person(db, pid).deleted_at is None


async def test_a_bug_in_a_load_takes_the_app_down_after_keeping_the_open_form(db, make_test_app, monkeypatch):
    """Not a StoreError: a bug. It surfaces (the app ends with it) rather than hiding
    behind a notice, and what was typed in the open form is kept for the next start."""
    add(db, "Ada Lovelace")
    app = make_test_app()
    with pytest.raises(ZeroDivisionError, match="a bug in a query"):
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await open_people(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, PersonForm)
            await pilot.press(*"Grace Draft")
            fail_people_loads(monkeypatch, ZeroDivisionError("a bug in a query"))
            screen.reload()  # a load of the screen under the form (say, another session changed something)
            await settle(pilot)
            assert not app.is_running
    assert app.return_code == 1
    [draft] = take_drafts(db.path)
    assert draft["kind"] == "person" and draft["values"]["name"] == "Grace Draft"
    assert m.Person.select().count() == 1  # nothing was saved on the way down


async def test_a_bug_in_a_save_takes_the_app_down_after_keeping_the_form(db, make_test_app, monkeypatch):
    from netui.ui import person_actions

    def broken_save(*_args, **_kwargs):
        raise KeyError("a bug in a save")

    monkeypatch.setattr(person_actions, "save_new", broken_save)
    app = make_test_app()
    with pytest.raises(Exception) as raised:
        async with app.run_test(size=(100, 30)) as pilot:
            await open_people(pilot)
            await pilot.press("a")
            await settle(pilot)
            await pilot.press(*"Grace Draft", "ctrl+s")
            await settle(pilot)
            assert not app.is_running
    # The save runs in the form's worker, which ends the app with the bug it met.
    bug = raised.value.error if isinstance(raised.value, WorkerFailed) else raised.value
    assert isinstance(bug, KeyError) and "a bug in a save" in str(bug)
    assert app.return_code == 1
    [draft] = take_drafts(db.path)
    assert draft["values"]["name"] == "Grace Draft"


async def test_an_undo_typed_right_after_a_ring_move_undoes_that_move(db, make_test_app):
    """The move is stored in a worker after the key; an undo typed before that worker has
    even started must wait for it, and undo the move, not the change before it."""
    ada = add(db, "Ada Lovelace", Ring.COLD)
    grace = add(db, "Grace Hopper", Ring.COLD)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_people(pilot)
        await pilot.press("greater_than_sign")  # Ada (first by name) to lukewarm: the change before
        await settle(pilot)
        assert get_person(db, ada).ring == Ring.LUKEWARM
        screen.select_person(grace)
        await settle(pilot)
        # As a fast typist sends them: both keys are queued before either is handled.
        app.post_message(events.Key("greater_than_sign", ">"))
        app.post_message(events.Key("u", "u"))
        await settle(pilot)
        assert get_person(db, grace).ring == Ring.COLD  # the move was undone…
        assert get_person(db, ada).ring == Ring.LUKEWARM  # …not the one before it
        assert any("Undone: Grace Hopper back to cold" in n for n in notifications(app))
        await pilot.press("u")  # and the one before is next
        await settle(pilot)
        assert get_person(db, ada).ring == Ring.COLD
        row = next(line for line in screen_text(pilot).splitlines() if "Grace Hopper" in line)
        assert "cold" in row


async def test_quick_moves_and_an_undo_are_stored_in_the_order_typed(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.COLD)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_people(pilot)
        for key, char in [("greater_than_sign", ">")] * 3 + [("u", "u")]:
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert get_person(db, ada).ring == Ring.STRATEGIC  # in three times (to buddy), the last undone
        assert len(app.undo) == 2
        row = next(line for line in screen_text(pilot).splitlines() if "Ada Lovelace" in line)
        assert "strategic" in row


async def test_undo_with_nothing_to_undo_says_so(db, make_test_app):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_people(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert "Nothing to undo." in notifications(app)
        assert app.is_running


async def test_an_undo_the_store_refuses_is_a_notice_and_every_screen_catches_up(db, make_test_app):
    """Another session purged the person whose move is undone: the undo is refused with a
    notice, the entry is gone, and the screen shows the file as it now is."""
    ada = add(db, "Ada Lovelace", Ring.COLD, networks=(Network.PEER,))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_people(pilot)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert len(app.undo) == 1
        store_people.trash_person(db, ada)
        store_people.purge_person(db, ada)  # "another session"
        await pilot.press("u")
        await settle(pilot)
        assert app.is_running and len(app.undo) == 0
        assert "That move can no longer be undone." in notifications(app)
        assert not any(n.startswith("Undone") for n in notifications(app))
        assert "Ada Lovelace" not in screen_text(pilot)
