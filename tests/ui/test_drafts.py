"""Unsaved forms kept when a session ends badly (netui.ui.drafts), and offered back at the
next start: kept from the forms on screen, reopened with what was typed, saved from there.
(The hang-up itself, a real SIGHUP in a terminal, is tested in tests/cli/test_terminal.py.)"""

from __future__ import annotations

import os
import signal
import time

from netui.domain.rings import Ring
from netui.store import models as m
from netui.ui import drafts
from netui.ui.drafts import keep_drafts, take_drafts
from netui.ui.screens.interaction_form import InteractionForm
from netui.ui.screens.person_form import PersonForm
from tests.helpers import add, notifications, screen_text, settle


async def _type_then_keep(app, pilot, key: str, *typing: str) -> int:
    """Open a form with ``key`` on People, type, and keep the drafts as a hang-up would."""
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    await pilot.press(*typing)
    await settle(pilot)
    return keep_drafts(app)


async def test_a_kept_person_form_is_offered_back_and_saved_from(db, make_test_app):
    first = make_test_app()
    async with first.run_test(size=(100, 40)) as pilot:
        assert await _type_then_keep(first, pilot, "a", *"Ada Draft") == 1
    assert m.Person.select().count() == 0

    again = make_test_app()
    async with again.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert "unsaved form for Ada Draft" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(again.screen, PersonForm)
        assert "Ada Draft" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved from your draft." in notifications(again)
    assert [p.name for p in m.Person.select()] == ["Ada Draft"]
    assert take_drafts(db.path) == []  # offered once, then gone


async def test_a_kept_log_form_is_offered_back_and_saved_from(db, make_test_app):
    add(db, "Ada Lovelace", Ring.BUDDY)
    first = make_test_app()
    async with first.run_test(size=(100, 40)) as pilot:
        assert await _type_then_keep(first, pilot, "l", *"Plans for the Engine") == 1  # with Ada, selected

    again = make_test_app()
    async with again.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "unsaved form for the journal" in text and "entry with Ada Lovelace" in text  # wrapped
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(again.screen, InteractionForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved from your draft." in notifications(again)
    [entry] = m.Interaction.select()
    assert entry.summary == "Plans for the Engine"


async def test_a_discarded_draft_is_gone(db, make_test_app):
    first = make_test_app()
    async with first.run_test(size=(100, 40)) as pilot:
        await _type_then_keep(first, pilot, "a", *"Ada Draft")

    again = make_test_app()
    async with again.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert "The draft was discarded." in notifications(again)
        assert not isinstance(again.screen, PersonForm)
    assert take_drafts(db.path) == [] and m.Person.select().count() == 0


async def test_a_hang_up_keeps_the_open_form_and_exits_with_129(db, make_test_app, monkeypatch):
    """SIGHUP, handled by the event loop: the form's draft is kept, the app exits with 129,
    and a last-resort exit is armed in case Textual's shutdown hangs on the vanished terminal."""
    left: list[int] = []
    monkeypatch.setattr(drafts, "leave_now", left.append)  # in a test, the process must stay
    monkeypatch.setattr(drafts, "HANGUP_GRACE_SECONDS", 0.2)
    app = make_test_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Ada Draft")
        handler = signal.getsignal(signal.SIGHUP)
        assert handler not in (signal.SIG_DFL, signal.SIG_IGN, None)  # the loop's: safe to send
        os.kill(os.getpid(), signal.SIGHUP)
        deadline = time.monotonic() + 10
        while app.is_running and time.monotonic() < deadline:
            await pilot.pause()
        assert not app.is_running
    assert app.return_code == drafts.HANGUP_EXIT == 129
    [draft] = take_drafts(db.path)
    assert draft["values"]["name"] == "Ada Draft"
    assert m.Person.select().count() == 0
    deadline = time.monotonic() + 5
    while not left and time.monotonic() < deadline:
        time.sleep(0.05)
    assert left == [129]  # the fallback fired (harmlessly here: this app had already exited)
