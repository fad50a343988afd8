"""Dates in the app: the Agenda's "Coming up" with done, snooze and undo per year;
a repeating follow-up done from the Agenda; the person page and the Overview line."""

from __future__ import annotations

from datetime import date, timedelta

from netui.domain.dates import When
from netui.domain.occasions import date_draft
from netui.domain.rings import Ring
from netui.store import dates as ds
from netui.store import models as m
from netui.store.journal import InteractionDraft, add_interaction
from netui.ui.screens.agenda import AgendaScreen
from netui.ui.widgets.row_table import RowTable
from tests.conftest import TODAY  # Saturday 14 March 2026
from tests.helpers import add, notifications, screen_text, settle


def rows(pilot) -> list[tuple[str, ...]]:
    table = pilot.app.screen.query_one(RowTable)
    return [tuple(row.cells) for row in table.rows]


async def open_agenda(pilot) -> None:
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AgendaScreen)


def date_row(db, did: int):
    return m.PersonDate.get_by_id(did)


async def test_coming_up_done_and_undo_per_year(db, make_test_app):
    ann = add(db, "Ann Lee", Ring.COLD)  # cold: never due, so the only line is her birthday
    did = ds.add_date(db, ann, date_draft("Birthday", When(1986, 3, 17)))
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_agenda(pilot)
        assert rows(pilot) == [("coming up", "Ann Lee", "Tue 17 Mar, in 3 days", "Birthday, turns 40: Send a birthday note.")]
        assert "1 coming up" in screen_text(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert date_row(db, did).done_year == 2026
        assert rows(pilot) == []
        assert "Ann Lee: done for 2026. Press u to undo." in notifications(app)
        await pilot.press("u")
        await settle(pilot)
        assert date_row(db, did).done_year is None
        assert [r[1] for r in rows(pilot)] == ["Ann Lee"]


async def test_coming_up_snooze_until_the_day_and_undo(db, make_test_app):
    ann = add(db, "Ann Lee", Ring.COLD)
    did = ds.add_date(db, ann, date_draft("Wedding", When(2016, 3, 17)))
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_agenda(pilot)
        assert rows(pilot)[0][3] == "Wedding, 10 years: Send a note: Wedding."
        await pilot.press("s")
        await settle(pilot)
        assert date_row(db, did).snoozed_until == date(2026, 3, 17)  # back on the day itself
        assert rows(pilot) == []
        assert "snoozed until 2026-03-17" in "\n".join(notifications(app))
        await pilot.press("u")
        await settle(pilot)
        assert date_row(db, did).snoozed_until is None
        assert len(rows(pilot)) == 1


async def test_a_repeating_follow_up_done_three_times_from_the_agenda(db, make_test_app):
    ann = add(db, "Ann Lee", Ring.COLD)
    iid = add_interaction(db, InteractionDraft(TODAY - timedelta(days=30), "call", (ann,), "check in",
                                               follow_up=TODAY, follow_up_every="1m"))
    # Done on the day, then on the next due day, then six days late: each next one counts from the day it was done.
    steps = [
        (TODAY, "due today, monthly", date(2026, 4, 14)),
        (date(2026, 4, 14), "due today, monthly", date(2026, 5, 14)),
        (date(2026, 5, 20), "6d overdue, monthly", date(2026, 6, 20)),
    ]
    for day, status, following in steps:
        app = make_test_app(today=lambda day=day: day)
        async with app.run_test(size=(120, 30)) as pilot:
            await open_agenda(pilot)
            assert rows(pilot)[0][:3] == ("follow-up", "Ann Lee", status)
            await pilot.press("x")
            await settle(pilot)
            row = m.Interaction.get_by_id(iid)
            assert (row.follow_up, row.follow_up_done, row.follow_up_every) == (following, False, "1m")
            assert rows(pilot) == []
            assert "the next one (monthly) is set" in "\n".join(notifications(app))


async def test_undo_of_a_repeating_follow_up_puts_its_date_back(db, make_test_app):
    ann = add(db, "Ann Lee", Ring.COLD)
    iid = add_interaction(db, InteractionDraft(TODAY, "call", (ann,), follow_up=TODAY, follow_up_every="2w"))
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_agenda(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert m.Interaction.get_by_id(iid).follow_up == TODAY + timedelta(days=14)
        await pilot.press("u")
        await settle(pilot)
        assert m.Interaction.get_by_id(iid).follow_up == TODAY
        assert rows(pilot)[0][2] == "due today, every 2 weeks"


async def test_overview_has_one_line_for_this_week(db, make_test_app):
    ann = add(db, "Ann Lee", Ring.BUDDY)
    bob = add(db, "Bob Ray", Ring.BUDDY)
    ds.add_date(db, ann, date_draft("Birthday", When(1986, 3, 14)))  # today
    ds.add_date(db, bob, date_draft("Wedding", When(2016, 3, 19)))  # Thursday
    ds.add_date(db, bob, date_draft("Exam", When(2026, 3, 30), yearly=False))  # not this week
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "This week: Ann Lee: Birthday (turns 40) today · Bob Ray: Wedding (10 years) Thu ▸ Agenda (5)" in text
        assert "Exam" not in text


async def test_overview_line_is_hidden_when_nothing_is_coming(db, make_test_app):
    ann = add(db, "Ann Lee", Ring.BUDDY)
    ds.add_date(db, ann, date_draft("Birthday", When(1986, 5, 14)))
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "This week" not in screen_text(pilot)
        assert not app.screen.query_one("#coming").has_class("-shown")


async def test_adding_dates_in_the_person_form(db, make_test_app):
    from netui.ui.screens.person_form import PersonForm

    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#name").value = "Ann Lee"
        form.query_one("#birthday").value = "30 feb"
        form.query_one("#dates").value = "Wedding=5 jun 2012 (21 days ahead); Exam=1 jul 2026 (once)"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # refused: the birthday is not a real date
        assert "February has 29 days at most" in screen_text(pilot)
        assert m.Person.select().count() == 0
        form.query_one("#birthday").value = "14 mar 1986"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    person = m.Person.get(m.Person.name == "Ann Lee")
    got = [(d.label, d.when, d.yearly, d.lead_days) for d in ds.person_dates(db, person.id)]
    assert got == [
        ("Birthday", When(1986, 3, 14), True, None),
        ("Wedding", When(2012, 6, 5), True, 21),
        ("Exam", When(2026, 7, 1), False, None),
    ]


async def test_editing_dates_and_the_person_page(db, make_test_app):
    from netui.ui.screens.person import PersonScreen
    from netui.ui.screens.person_form import PersonForm

    ann = add(db, "Ann Lee", Ring.BUDDY)
    did = ds.add_date(db, ann, date_draft("Birthday", When(1986, 3, 17)))
    ds.add_date(db, ann, date_draft("Wedding", When(2012, 6, 5), lead_days=21))
    ds.set_date_done(db, did, 2026)
    app = make_test_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        app.push_screen(PersonScreen(ann))
        await settle(pilot)
        text = screen_text(pilot)
        assert "17 Mar 1986 · age 39 · turns 40 on Tue 17 Mar, in 3 days" in text
        assert "5 Jun 2012 · 14 years on Fri 5 Jun, in 83 days · reminds 21 days ahead" in text
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PersonForm)
        assert form.query_one("#birthday").value == "17 Mar 1986"
        assert form.query_one("#dates").value == "Wedding=5 Jun 2012 (21 days ahead)"
        form.query_one("#dates").value = "Wedding=6 jun 2012"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "6 Jun 2012 · 14 years on Sat 6 Jun, in 84 days" in screen_text(pilot)
    dates = ds.person_dates(db, ann)
    assert [(d.label, d.when, d.lead_days) for d in dates] == [("Birthday", When(1986, 3, 17), None),
                                                              ("Wedding", When(2012, 6, 6), None)]
    assert dates[0].id == did and dates[0].done_year == 2026  # untouched: still done for this year


async def test_the_lead_time_setting_widens_coming_up(db, make_test_app):
    from textual.widgets import Input

    from netui.store.settings import load_settings
    from netui.ui.screens.settings import SettingsScreen

    ann = add(db, "Ann Lee", Ring.COLD)
    ds.add_date(db, ann, date_draft("Birthday", When(None, 3, 26)))  # 12 days away
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_agenda(pilot)
        assert rows(pilot) == []
        await pilot.press("comma")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        box = app.screen.query_one("#date-lead", Input)
        assert box.value == "7"
        box.value = "400"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)  # refused: at most a year
        assert "0 to 366 days." in screen_text(pilot)
        box.value = "14"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, SettingsScreen)
        assert load_settings(db).date_lead_days == 14 and ds.lead_days(db) == 14
        assert [r[1] for r in rows(pilot)] == ["Ann Lee"]


async def test_the_log_form_sets_a_rhythm_and_the_journal_shows_and_moves_it(db, make_test_app):
    from netui.ui.screens.interaction_form import InteractionForm
    from netui.ui.screens.journal import JournalScreen

    add(db, "Ada Lovelace", Ring.BUDDY)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, InteractionForm)
        await pilot.press(*"Monthly check-in")
        form.query_one("#every").value = "monthly"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # refused: a rhythm needs a first follow-up date
        assert "A follow-up repeats from its first date" in screen_text(pilot)
        assert m.Interaction.select().count() == 0
        form.query_one("#follow_up").value = "in 3 days"
        form.query_one("#every").value = "every 2 weeks"
        await settle(pilot)
        assert "every 2 weeks: when done, the next is set from that day" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = list(m.Interaction.select())
        assert (entry.follow_up, entry.follow_up_every) == (TODAY + timedelta(days=3), "2w")

        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert "↻ 17 Mar" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "repeats every 2 weeks" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f")  # done today: the next one is two weeks from today
        await settle(pilot)
        row = m.Interaction.get_by_id(entry.id)
        assert (row.follow_up, row.follow_up_done) == (TODAY + timedelta(days=14), False)
        assert "the next (every 2 weeks) is on Sat 28 Mar" in "\n".join(notifications(app))
        await pilot.press("u")
        await settle(pilot)
        assert m.Interaction.get_by_id(entry.id).follow_up == TODAY + timedelta(days=3)

        # Editing the entry: the form shows the rhythm, and clearing it stops the repeats.
        await pilot.press("e")
        await settle(pilot)
        edit = app.screen
        assert isinstance(edit, InteractionForm)
        assert edit.query_one("#every").value == "every 2 weeks"
        edit.query_one("#every").value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert m.Interaction.get_by_id(entry.id).follow_up_every is None


async def test_a_hostile_date_name_shows_literally(db, make_test_app):
    ann = add(db, "Ann Lee", Ring.COLD)
    ds.add_date(db, ann, date_draft("[@click:app.quit]Party[/]", When(2020, 3, 15)))
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_agenda(pilot)
        text = screen_text(pilot)
        assert "[@click:app.quit]Party[/], 6 years" in text
        await pilot.press("enter")
        await settle(pilot)
        assert "[@click:app.quit]Party[/]" in screen_text(pilot)
        assert app.is_running
