"""The Inbox, driven by keys: log, edit, dismiss, log all, undo; checked in the database and on screen."""

from __future__ import annotations

from datetime import date

from netui.domain.capture import ProposalDraft, Source
from netui.domain.rings import Ring
from netui.store.proposals import count_waiting, save_proposals
from netui.ui.screens.inbox import InboxScreen
from netui.ui.screens.interaction_form import InteractionForm
from netui.ui.widgets.row_table import RowTable
from tests.helpers import add, notifications, screen_text, settle


def seed(db):
    ada = add(db, "Ada Lovelace", Ring.STRATEGIC, email="ada@example.com")
    grace = add(db, "Grace Hopper", Ring.BUDDY, email="grace@example.org")
    save_proposals(db, [
        ProposalDraft(Source.CALENDAR, "cal:a|", date(2026, 3, 2), "coffee", "Coffee with Ada", (ada,), time="09:30"),
        ProposalDraft(Source.MAIL, "mail:t|2026-03-10|2", date(2026, 3, 10), "email", "Engines", (grace,),
                      direction="received"),
        ProposalDraft(Source.CALENDAR, "cal:b|", date(2026, 3, 12), "video", "Sync", (ada, grace), time="16:00"),
    ])
    return ada, grace


def last_contact(db, pid):
    return db.execute("SELECT last_contact FROM person WHERE id = ?", (pid,)).fetchone()[0]


def summaries(pilot) -> list[str]:
    return [row.cells[3] for row in pilot.app.screen.query_one(RowTable).rows]


def states(db) -> dict[str, str]:
    return dict(db.execute("SELECT summary, state FROM proposal"))


async def open_inbox(pilot):
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)
    assert isinstance(pilot.app.screen, InboxScreen)


async def test_newest_first_with_who_when_kind(db, make_test_app):
    seed(db)
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "Inbox: 3 to confirm" in screen_text(pilot)  # on the Overview
        await open_inbox(pilot)
        assert summaries(pilot) == ["Sync", "Engines", "Coffee with Ada"]
        text = screen_text(pilot)
        assert "2026-03-12 16:00" in text and "Ada Lovelace, Grace Hopper" in text and "they wrote" in text


async def test_y_logs_and_u_undoes(db, make_test_app):
    ada, grace = seed(db)
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_inbox(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert states(db)["Sync"] == "logged"
        assert last_contact(db, ada) == "2026-03-12" and last_contact(db, grace) == "2026-03-12"
        assert summaries(pilot) == ["Engines", "Coffee with Ada"]
        assert any("Logged" in n for n in notifications(app))
        await pilot.press("enter")  # enter logs too
        await settle(pilot)
        assert states(db)["Engines"] == "logged"
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert set(states(db).values()) == {"waiting"}
        assert last_contact(db, ada) is None and last_contact(db, grace) is None
        assert db.execute("SELECT count(*) FROM interaction").fetchone()[0] == 0
        assert summaries(pilot) == ["Sync", "Engines", "Coffee with Ada"]


async def test_n_dismisses_for_good_and_u_brings_it_back(db, make_test_app):
    seed(db)
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_inbox(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert states(db)["Sync"] == "dismissed" and summaries(pilot) == ["Engines", "Coffee with Ada"]
        assert db.execute("SELECT count(*) FROM interaction").fetchone()[0] == 0
        await pilot.press("u")
        await settle(pilot)
        assert states(db)["Sync"] == "waiting" and summaries(pilot) == ["Sync", "Engines", "Coffee with Ada"]


async def test_capital_a_logs_everything_shown_and_u_undoes_all(db, make_test_app):
    ada, _ = seed(db)
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_inbox(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert count_waiting(db) == 0 and db.execute("SELECT count(*) FROM interaction").fetchone()[0] == 3
        assert "Nothing waits" in screen_text(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert count_waiting(db) == 3 and last_contact(db, ada) is None


async def test_e_opens_the_log_form_filled_in(db, make_test_app):
    ada, _ = seed(db)
    app = make_test_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_inbox(pilot)
        await pilot.press("down", "down")  # Coffee with Ada
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, InteractionForm)
        assert form.query_one("#summary").value == "Coffee with Ada"
        assert form.query_one("#date").value == "2026-03-02"
        assert form.query_one("#kind").value == "coffee"
        form.query_one("#summary").value = "Coffee with Ada: engines and poetry"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
        row = db.execute("SELECT kind, summary, date FROM interaction").fetchone()
        assert row == ("coffee", "Coffee with Ada: engines and poetry", "2026-03-02")
        assert states(db)["Coffee with Ada"] == "logged" and last_contact(db, ada) == "2026-03-02"
        assert summaries(pilot) == ["Sync", "Engines"]
        await pilot.press("u")
        await settle(pilot)
        assert states(db)["Coffee with Ada"] == "waiting" and last_contact(db, ada) is None


async def test_hostile_text_shows_literally(db, make_test_app):
    from tests.hostile import HOSTILE_NAMES
    from tests.ui.test_hostile_screens import check

    who = add(db, "[b]bold", Ring.STRATEGIC)
    save_proposals(db, [
        ProposalDraft(Source.CALENDAR, f"cal:h{i}|", date(2026, 3, 1 + i % 12), "other", text, (who,))
        for i, text in enumerate(HOSTILE_NAMES)
    ])
    # A summary stored by something that did not clean it.
    db.execute("UPDATE proposal SET summary = ? WHERE source_key = 'cal:h0|'", ("Raw \x1b]0;pwned\x07 x[/",))
    app = make_test_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await open_inbox(pilot)
        check(pilot, "inbox", ("[b]bold", "x[/"))
        for _ in range(len(HOSTILE_NAMES)):
            await pilot.press("down")
            await settle(pilot)
            check(pilot, "inbox moving")
        await pilot.press("e")
        await settle(pilot)
        check(pilot, "inbox edit form")


async def test_b_on_a_meeting_ahead_opens_the_brief(db, make_test_app):
    from netui.store.proposals import save_coming_up
    from netui.ui.screens.agenda import AgendaScreen
    from netui.ui.screens.brief import BriefScreen

    ada = add(db, "Ada Lovelace", Ring.STRATEGIC, email="ada@example.com", company="Engines Ltd")
    save_coming_up(db, [ProposalDraft(Source.CALENDAR, "cal:m|", date(2026, 3, 16), "coffee", "Coffee with Ada", (ada,),
                                      time="10:00")])
    app = make_test_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert "meeting" in screen_text(pilot)
        table = app.screen.query_one(RowTable)
        meeting = next(i for i, row in enumerate(table.rows) if row.cells[0] == "meeting")
        for _ in range(meeting):
            await pilot.press("down")
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)
        text = screen_text(pilot)
        assert "Ada Lovelace, at Engines Ltd" not in text
        assert "Ada Lovelace, Engines Ltd" in text and "2026-03-16 10:00 Coffee with Ada" in text and "strategic" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)


async def test_a_new_role_on_the_agenda_x_congratulates_n_dismisses_u_undoes(db, make_test_app):
    from netui.store.imports import ImportPlan, apply_import
    from netui.store.jobs import job_changes_of
    from netui.ui.screens.agenda import AgendaScreen

    ada = add(db, "Ada Lovelace", Ring.COLD)
    grace = add(db, "Grace Hopper", Ring.COLD)
    apply_import(db, ImportPlan(job_changes=[(ada, "Engineer at A", "CTO at B"), (grace, "Admiral at Navy", "Author")]))
    app = make_test_app()
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        table = app.screen.query_one(RowTable)
        # Newest first: the same day, the one stored last first.
        assert [r.cells[:2] for r in table.rows] == [("new role", "Grace Hopper"), ("new role", "Ada Lovelace")]
        assert "Congratulate them on the new role (moved from Admiral at Navy to Author)" in screen_text(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert job_changes_of(db, grace)[0].state == "done"
        assert [r.cells[1] for r in table.rows] == ["Ada Lovelace"]
        await pilot.press("n")
        await settle(pilot)
        assert job_changes_of(db, ada)[0].state == "dismissed" and list(table.rows) == []
        await pilot.press("u")
        await settle(pilot)
        assert job_changes_of(db, ada)[0].state == "open"
        await pilot.press("u")
        await settle(pilot)
        assert job_changes_of(db, grace)[0].state == "open"
        assert len(table.rows) == 2
        await pilot.press("home", "enter")  # the person's page keeps the move
        await settle(pilot)
        text = screen_text(pilot)
        assert "Roles" in text and "moved from Admiral at Navy to Author" in text
