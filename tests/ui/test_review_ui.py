"""The Review screen (key 7): the routine driven by keys, checked in the database and on
screen; and how it looks at 80x24 and 120x40."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store import demo
from netui.store.journal import InteractionDraft, add_interaction
from netui.ui.screens.person import PersonScreen
from netui.ui.screens.review import ReviewScreen
from netui.ui.widgets.row_table import RowTable
from tests.conftest import TODAY
from tests.helpers import add, notifications, screen_text, settle


def log(db, pid: int, days_ago: int, **kw) -> int:
    return add_interaction(db, InteractionDraft(date=TODAY - timedelta(days=days_ago), kind="call", person_ids=(pid,), **kw))


def picks(db) -> list[tuple]:
    return db.execute("SELECT network, person_id, state FROM review_pick ORDER BY id").fetchall()


def who(pilot) -> list[str]:
    return [row.cells[2] for row in pilot.app.screen.query_one(RowTable).rows]


async def open_review(pilot) -> None:
    await settle(pilot)
    await pilot.press("7")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReviewScreen)


async def test_key_7_opens_the_review_and_stores_this_months_picks(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.PEER,))
    add(db, "Grace Hopper", Ring.BUDDY, networks=(Network.PEER,))
    log(db, ada, 90)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        assert who(pilot) == ["—", "Ada Lovelace", "—", "—"]  # the most overdue of the network
        text = screen_text(pilot)
        for heading in ("Social capital", "Give and take", "Ready before you need it", "Exposure", "Streak"):
            assert heading in text
        assert "netui · Review · March 2026 · 0 of 4 done" in text
        assert picks(db) == [("peer", ada, "suggested")]


async def test_done_swap_and_undo(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.PEER,))
    grace = add(db, "Grace Hopper", Ring.BUDDY, networks=(Network.PEER,))
    log(db, ada, 90)
    log(db, grace, 60)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("down")  # the Peer line
        assert app.screen.selected_person_id() == ada
        await pilot.press("n")
        await settle(pilot)
        assert who(pilot)[1] == "Grace Hopper"
        assert ("peer", ada, "swapped") in picks(db) and ("peer", grace, "suggested") in picks(db)
        assert any("Ada Lovelace passed over" in n for n in notifications(app))
        await pilot.press("u")
        await settle(pilot)
        assert who(pilot)[1] == "Ada Lovelace"
        assert picks(db) == [("peer", ada, "suggested")]
        await pilot.press("x")
        await settle(pilot)
        assert picks(db) == [("peer", ada, "done")]
        assert "✓ done" in screen_text(pilot) and "1 of 4 done" in screen_text(pilot)
        await pilot.press("s")  # snooze a done pick: it is this month's pick, marked snoozed
        await settle(pilot)
        assert picks(db) == [("peer", ada, "snoozed")]


async def test_keys_on_a_network_with_nobody_say_so(db, make_test_app):
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert any("Nobody to act on" in n for n in notifications(app))
        assert picks(db) == []
        assert "nobody in this network yet" in screen_text(pilot)


async def test_enter_opens_the_person_and_logging_counts_as_done(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.SUPPORT,))
    log(db, ada, 90)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        assert app.screen.selected_person_id() == ada
        log(db, ada, 0)  # what the log form (l) stores
        app.data_changed.publish(app)
        await settle(pilot)
        assert "✓ done" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)


@pytest.fixture
def demo_app(db, make_test_app):
    demo.generate(db, people=60, interactions=600, seed=5, today=TODAY)
    return make_test_app()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_review_snapshot(snap_compare, demo_app, size):
    assert snap_compare(demo_app, terminal_size=size, run_before=open_review)


async def test_the_person_form_suggests_the_kinds_of_help():
    from netui.domain.review import CAPITAL_TAGS
    from netui.ui.screens.person_form import TagSuggester

    s = TagSuggester(CAPITAL_TAGS)
    assert await s.get_suggestion("advice, ea") == "advice, early warning"
    assert await s.get_suggestion("le") == "leads"
    assert await s.get_suggestion("advice, ") is None
    assert await s.get_suggestion("zzz") is None


async def test_target_companies_are_set_in_settings_and_shown_in_the_review(db, make_test_app):
    from netui.store.settings import load_settings
    from textual.widgets import Input

    ingrid = add(db, "Ingrid Quiet", Ring.LUKEWARM, company="Globex")
    log(db, ingrid, 120)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("comma")
        await settle(pilot)
        box = app.screen.query_one("#targets", Input)
        box.focus()
        await pilot.press(*"Globex, Hooli,, globex")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert load_settings(db).target_companies == ("Globex", "Hooli")
        await pilot.press("7")
        await settle(pilot)
        app.screen.query_one("#parts").scroll_end(animate=False)
        await settle(pilot)
        text = screen_text(pilot)
        assert "Globex: known, gone quiet · Ingrid Quiet (lukewarm)" in text
        assert "Hooli: nobody yet" in text
        assert "Ingrid Quiet at Globex is lukewarm and 120 days quiet" in text


async def test_the_log_form_saves_a_talk_naming_nobody_but_not_a_coffee(db, make_test_app):
    from textual.widgets import Input, Select

    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("ctrl+s")  # a coffee with nobody: refused
        await settle(pilot)
        assert "Who was it with?" in screen_text(pilot)
        assert db.execute("SELECT count(*) FROM interaction").fetchone()[0] == 0
        app.screen.query_one("#kind", Select).value = "talk"
        app.screen.query_one("#summary", Input).value = "Platform talk at the meetup"
        await pilot.press("ctrl+s")
        await settle(pilot)
        rows = db.execute("SELECT kind, summary, (SELECT count(*) FROM participant) FROM interaction").fetchall()
        assert rows == [("talk", "Platform talk at the meetup", 0)]


async def test_a_read_only_session_shows_the_review_and_stores_nothing(db, db_path, make_test_app):
    from netui.store.db import Database

    ada = add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.PEER,))
    log(db, ada, 90)
    readonly = Database.open(db_path, readonly=True)
    try:
        app = make_test_app(db=readonly)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_review(pilot)
            assert who(pilot)[1] == "Ada Lovelace"
            assert picks(db) == []
            await pilot.press("x")
            await settle(pilot)
            assert picks(db) == []
            assert any("read-only" in n.lower() for n in notifications(app))
    finally:
        readonly.close()
