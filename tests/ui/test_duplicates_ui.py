"""Duplicates in the app: the list, the side-by-side merge, its undo; adding a name that
exists asks first; a person just added opens."""

from __future__ import annotations

from datetime import date, datetime

from netui.domain.journal import InteractionDraft
from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store import journal, people
from netui.store import models as m
from netui.ui.dialogs import ConfirmDialog
from netui.ui.screens.duplicates import DuplicatesScreen, MergeDialog
from netui.ui.screens.person import PersonScreen
from tests.helpers import add, screen_text, settle
from tests.store.test_kept_up_to_date import check
from tests.store.test_merge import snapshot


def _pair(db) -> tuple[int, int, int]:
    ada = add(db, "Ada Lovelace", ring=Ring.STRATEGIC, networks=(Network.MENTOR,), email="ada@example.org",
              title="Countess")
    other = add(db, "Ada Lovelace", company="Analytical Engines", networks=(Network.PEER,), title="Engineer",
                url="https://www.linkedin.com/in/ada/", help_tags=("hiring",))
    babbage = add(db, "Charles Babbage")
    people.link_knows(db, other, babbage, "colleagues")
    people.move_ring(db, other, Ring.LUKEWARM, reason="replied", now=datetime(2026, 2, 1, 9))
    journal.add_interaction(db, InteractionDraft(date(2026, 1, 5), "coffee", (ada,), "first record's coffee"))
    journal.add_interaction(db, InteractionDraft(date(2026, 3, 1), "call", (other, babbage), "second record's call"))
    return ada, other, babbage


async def _open_duplicates(pilot) -> None:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("D")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DuplicatesScreen)


async def test_merge_from_the_duplicates_screen_keeps_everything_and_undo_restores_both(db, make_test_app):
    ada, other, babbage = _pair(db)
    before = snapshot(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_duplicates(pilot)
        text = screen_text(pilot)
        assert "1 likely pair" in text and "same name" in text
        assert f"Ada Lovelace (#{ada})" in text and f"Ada Lovelace (#{other}, Analytical Engines)" in text
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MergeDialog)
        text = screen_text(pilot)
        assert "2 fields differ" in text and "Countess" in text and "Engineer" in text
        await pilot.press("space")  # the title: take the other record's
        await settle(pilot)
        assert "other →" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DuplicatesScreen)
        assert "0 likely pairs" in screen_text(pilot)
        merged = people.get_person(db, ada)
        assert m.Person.get_or_none(m.Person.id == other) is None
        assert merged.title == "Engineer" and merged.company == "Analytical Engines"
        assert merged.ring == Ring.STRATEGIC and merged.networks == (Network.PEER, Network.MENTOR)
        assert merged.help_tags == ("hiring",)
        assert sorted(e.summary for e in journal.person_timeline(db, ada)) == [
            "first record's coffee", "second record's call"]
        assert (Ring.LUKEWARM, "replied") in [(mv.to_ring, mv.reason) for mv in merged.ring_history]
        assert len(merged.ring_history) == 3
        assert [(k.other_id, k.note) for k in merged.knows] == [(babbage, "colleagues")]
        check(db)

        await pilot.press("u")
        await settle(pilot)
        assert snapshot(db) == before
        assert people.get_person(db, other).title == "Engineer"
        assert "1 likely pair" in screen_text(pilot)
        check(db)


async def test_merge_can_keep_the_other_record_and_cancel_changes_nothing(db, make_test_app):
    ada, other, _ = _pair(db)
    before = snapshot(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_duplicates(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DuplicatesScreen) and snapshot(db) == before
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")  # keep the imported record instead
        await settle(pilot)
        assert f"into Ada Lovelace (#{other}, Analytical Engines)" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert m.Person.get_or_none(m.Person.id == ada) is None
        kept = people.get_person(db, other)
        assert kept.email == "ada@example.org" and kept.ring == Ring.STRATEGIC


async def test_duplicates_from_the_palette(db, make_test_app):
    _pair(db)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Duplicates")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DuplicatesScreen)
        assert "same name" in screen_text(pilot)


async def test_adding_an_existing_name_asks_and_a_new_person_opens(db, make_test_app):
    ada = add(db, "Ada Lovelace", company="Engines")
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"ada lovelace", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert f"Ada Lovelace (#{ada}, Engines) already exists" in screen_text(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert m.Person.select().count() == 1
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert m.Person.select().count() == 2
        new = m.Person.select().order_by(m.Person.id.desc()).get()
        assert isinstance(app.screen, PersonScreen) and app.screen.person_id == new.id
        assert "ada lovelace" in screen_text(pilot)

        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Grace Hopper", "ctrl+s")
        await settle(pilot)
        grace = m.Person.get(m.Person.name == "Grace Hopper")
        assert isinstance(app.screen, PersonScreen) and app.screen.person_id == grace.id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.selected_person_id() == grace.id  # People's cursor is on them


async def test_person_screen_and_people_word_the_days_alike(db, make_test_app):
    pid = add(db, "Ada Lovelace", ring=Ring.STRATEGIC)
    journal.add_interaction(db, InteractionDraft(date(2026, 2, 1), "coffee", (pid,)))  # 41 days before TODAY
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert "! 11d over" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        line = next(line for line in screen_text(pilot).splitlines() if line.strip().startswith("Due"))
        assert "! 11d over — 11 days past the due date; every 30 days" in line
