"""Two sessions on one database, the other one a real process: a lock held longer
than the busy timeout, a person deleted or purged elsewhere while being edited."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from textual.widgets import Input

from netui.store import models as m
from netui.store.people import get_person
from netui.ui.screens.person_form import PersonForm
from netui.ui.store_calls import WAITING_MESSAGE
from tests.helpers import add, notifications, screen_text, settle

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('other', '1')")
print("locked", flush=True)
sys.stdin.readline()  # held until the test says so (or closes the pipe)
conn.execute("COMMIT")
"""

STORE_CALL = """
import sys
from netui.store.db import Database
from netui.store import people
db = Database.open(sys.argv[1])
pid = int(sys.argv[3])
if sys.argv[2] in ("trash", "purge"):
    people.trash_person(db, pid)
if sys.argv[2] == "purge":
    people.purge_person(db, pid)
if sys.argv[2] == "title":
    people.update_person(db, pid, people.get_person(db, pid), {"title": sys.argv[4]})
db.close()
"""


def other_process(db: Path, *args: str) -> None:
    out = subprocess.run([sys.executable, "-c", STORE_CALL, str(db), *args], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr


async def open_edit_form(pilot) -> PersonForm:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PersonForm)
    return pilot.app.screen


async def test_a_lock_held_longer_than_the_busy_timeout_waits_then_saves(db, make_test_app, db_path: Path):
    pid = add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_edit_form(pilot)
        form.query_one("#title", Input).value = "Countess of Lovelace"
        holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db_path)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "locked"
            await pilot.press("ctrl+s")
            # The store gives up its own short wait (about 4 s), then says so and keeps trying.
            deadline = time.monotonic() + 30
            while WAITING_MESSAGE not in notifications(app) and time.monotonic() < deadline:
                await pilot.pause(0.1)
            assert WAITING_MESSAGE in notifications(app)
            assert app.screen is form  # the form stays open…
            assert form.query_one("#title", Input).value == "Countess of Lovelace"  # …with the input
            assert "another netui session is saving" in screen_text(pilot).lower()
            # Responsive: a key is handled while the other session still holds the lock (it
            # holds it until told, so a UI thread blocked on the lock would never get here).
            await pilot.press("escape")  # asks nothing, closes nothing: the save is pending
            await pilot.pause()
            assert app.screen is form
            assert holder.poll() is None  # the other session still holds the lock
            assert get_person(db, pid).title == ""
            holder.stdin.write("release\n")
            holder.stdin.flush()
            assert holder.wait(30) == 0
            deadline = time.monotonic() + 30
            while app.screen is form and time.monotonic() < deadline:
                await pilot.pause(0.1)
        finally:
            holder.kill()
            holder.wait()
        assert app.screen is not form
        await settle(pilot)
        assert m.Person.get_by_id(pid).title == "Countess of Lovelace"
        assert m.Setting.get(m.Setting.key == "other").value == "1"  # theirs survived as well


async def test_editing_someone_another_session_trashed_is_refused_and_not_resurrected(db, make_test_app, db_path: Path):
    pid = add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_edit_form(pilot)
        form.query_one("#title", Input).value = "Countess"
        other_process(db_path, "trash", str(pid))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # kept open with what was typed
        assert form.query_one("#title", Input).value == "Countess"
        assert "moved to the trash in another session" in screen_text(pilot)
    row = m.Person.get_by_id(pid)
    assert row.deleted_at is not None and row.title == ""


async def test_editing_someone_another_session_purged_says_so_and_creates_nothing(db, make_test_app, db_path: Path):
    add(db, "Ada Lovelace")
    pid = add(db, "Grace Hopper")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        app.screen.select_person(pid)
        await settle(pilot)  # the list is read again with the cursor on them
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#title", Input).value = "Rear Admiral"
        other_process(db_path, "purge", str(pid))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "purged in another session" in screen_text(pilot)
    assert [p.name for p in m.Person.select()] == ["Ada Lovelace"]


async def test_another_process_editing_a_different_field_merges(db, make_test_app, db_path: Path):
    pid = add(db, "Ada Lovelace", company="Engines")
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_edit_form(pilot)
        form.query_one("#company", Input).value = "Analytical Engines"
        other_process(db_path, "title", str(pid), "Countess")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, PersonForm)
    person = m.Person.get_by_id(pid)
    assert (person.company, person.title, person.version) == ("Analytical Engines", "Countess", 3)


async def test_another_process_editing_the_same_field_shows_both_values(db, make_test_app, db_path: Path):
    pid = add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_edit_form(pilot)
        form.query_one("#title", Input).value = "Mine"
        other_process(db_path, "title", str(pid), "Theirs")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        text = screen_text(pilot)
        assert "theirs 'Theirs'" in text and "yours 'Mine'" in text
        assert m.Person.get_by_id(pid).title == "Theirs"
        await pilot.press("ctrl+s")  # having seen theirs, save mine over it
        await settle(pilot)
        assert app.screen is not form
    assert m.Person.get_by_id(pid).title == "Mine"
