"""The Agenda, driven by keys: log, done, snooze, open; checked in the database and on screen."""

from __future__ import annotations

import time
from datetime import timedelta

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store import models as m
from netui.store.journal import InteractionDraft, add_interaction
from netui.ui.screens.agenda import AgendaScreen, DateDialog
from netui.ui.screens.people import PeopleScreen
from netui.ui.screens.person import PersonScreen
from netui.ui.widgets.row_table import RowTable
from tests.conftest import TODAY
from tests.helpers import add, notifications, screen_text, settle


def log(db, pid: int, days_ago: int, **kw) -> int:
    return add_interaction(db, InteractionDraft(date=TODAY - timedelta(days=days_ago), kind="call", person_ids=(pid,), **kw))


def notices(pilot) -> str:
    return "\n".join(notifications(pilot.app))


def rows(pilot) -> list[str]:
    table = pilot.app.screen.query_one(RowTable)
    return [row.cells[1] for row in table.rows]


async def open_agenda(pilot) -> None:
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AgendaScreen)


async def test_logging_an_interaction_removes_the_person(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    grace = add(db, "Grace Hopper", Ring.STRATEGIC)
    log(db, ada, 40)
    log(db, grace, 35)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        assert rows(pilot) == ["Ada Lovelace", "Grace Hopper"]
        assert app.screen.selected_person_id() == ada
        # The journal's log form (global `l`) saves through the store and publishes
        # data_changed; the same happens here without the form.
        log(db, ada, 0)
        app.data_changed.publish(app)
        await settle(pilot)
        assert rows(pilot) == ["Grace Hopper"]
        assert "Ada Lovelace" not in screen_text(pilot)
        assert app.screen.selected_person_id() == grace


async def test_a_long_agenda_makes_only_the_rows_it_draws(db, make_test_app, monkeypatch):
    """Everyone due can be thousands of lines: a row is made when it is drawn."""
    from netui.ui.screens import agenda as agenda_screen

    for n in range(80):
        log(db, add(db, f"Person {n:02}", Ring.BUDDY), 40)
    made = []
    real = agenda_screen._agenda_row
    monkeypatch.setattr(agenda_screen, "_agenda_row", lambda entry: made.append(entry[0].key) or real(entry))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        assert "80 due" in screen_text(pilot)
        assert 0 < len(set(made)) < 30  # what fits on the screen, not the 80
        await pilot.press("end")
        await settle(pilot)
        assert "Person 79" in screen_text(pilot)


async def test_another_sessions_log_is_noticed(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    app = make_test_app(watch_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        assert rows(pilot) == ["Ada Lovelace"]
        log(db, ada, 0)  # as if from another session: nobody publishes
        for _ in range(20):
            await settle(pilot)
            if not rows(pilot):
                break
        assert rows(pilot) == []
        assert "Nothing due today" in screen_text(pilot)


async def test_another_sessions_second_change_soon_after_the_first_is_noticed_too(db, make_test_app):
    """Noticing the first change and reloading for it is not this session's own write: a
    second change from elsewhere before the next look is shown as well, not taken for an echo."""
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    grace = add(db, "Grace Hopper", Ring.BUDDY)
    app = make_test_app(watch_seconds=1.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        assert rows(pilot) == ["Ada Lovelace", "Grace Hopper"]
        log(db, ada, 0)  # another session
        await until(pilot, lambda: rows(pilot) == ["Grace Hopper"])
        log(db, grace, 0)  # and again, well within the next second
        await until(pilot, lambda: rows(pilot) == [])
        assert "Nothing due today" in screen_text(pilot)


async def until(pilot, condition, timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        await pilot.pause()


async def test_l_asks_the_app_to_log_with_the_selected_person(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    app = make_test_app()
    seen = []
    app.action_log = lambda: seen.append(app.screen.selected_person_id())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert seen == [ada]


async def test_x_marks_a_follow_up_done_and_u_undoes(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.COLD)
    iid = log(db, ada, 5, summary="Send the slides", follow_up=TODAY - timedelta(days=1))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        text = screen_text(pilot)
        assert "follow-up" in text and "1d overdue" in text and "Follow up on: Send the slides" in text
        await pilot.press("x")
        await settle(pilot)
        assert m.Interaction.get_by_id(iid).follow_up_done
        assert rows(pilot) == []
        await pilot.press("u")
        await settle(pilot)
        assert not m.Interaction.get_by_id(iid).follow_up_done
        assert rows(pilot) == ["Ada Lovelace"]


async def test_x_on_a_person_line_explains(db, make_test_app):
    add(db, "Ada Lovelace", Ring.BUDDY)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert "not a follow-up" in notices(pilot)
        assert rows(pilot) == ["Ada Lovelace"]


async def test_s_snoozes_a_person_for_a_week(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    add(db, "Grace Hopper", Ring.BUDDY)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert m.Person.get_by_id(ada).snoozed_until == TODAY + timedelta(days=7)
        assert rows(pilot) == ["Grace Hopper"]
        assert "Ada Lovelace snoozed until 2026-03-21. Press u to undo." in notices(pilot)


async def test_s_snoozes_a_follow_up(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.COLD)
    iid = log(db, ada, 5, follow_up=TODAY)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert m.Interaction.get_by_id(iid).follow_up_snoozed_until == TODAY + timedelta(days=7)
        assert m.Person.get_by_id(ada).snoozed_until is None
        assert rows(pilot) == []


async def test_shift_s_asks_for_a_date_and_checks_it(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, DateDialog)
        await pilot.press(*"someday", "enter")
        await settle(pilot)
        assert "Could not read 'someday' as a date" in screen_text(pilot)
        # A snooze is a day to come: it suggests days to come, not "3 days ago".
        shown = screen_text(pilot)  # the message wraps after "next"
        assert "as a date; try tomorrow, next" in shown and "monday, 2w, +3 or 2026-03-21." in shown
        assert "days ago" not in shown
        await pilot.press(*["backspace"] * 7, *"yesterday", "enter")
        await settle(pilot)
        assert "not after today" in screen_text(pilot)
        assert m.Person.get_by_id(ada).snoozed_until is None
        await pilot.press(*["backspace"] * 9, *"2w", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert m.Person.get_by_id(ada).snoozed_until == TODAY + timedelta(days=14)
        assert rows(pilot) == []


async def test_neglected_network_line_suggests_whom_to_contact(db, make_test_app):
    quiet = add(db, "Quiet Mentor", Ring.COLD, networks=(Network.MENTOR,))
    log(db, quiet, 60)
    app = make_test_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await open_agenda(pilot)
        text = screen_text(pilot)
        assert "Mentor network" in text and "quiet 60d, limit 30d" in text
        assert "Get in touch with Quiet Mentor, the closest to due." in text
        assert app.screen.selected_person_id() == quiet  # so `l` logs with them
        await pilot.press("s")
        await settle(pilot)
        assert "cannot be snoozed" in notices(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen) and app.screen.network == Network.MENTOR


async def test_enter_opens_the_person(db, make_test_app):
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen) and app.screen.person_id == ada


async def test_empty_agenda_says_so_kindly(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        assert "Nothing due today" in screen_text(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert "agenda is empty" in notices(pilot)



def table_lines(pilot) -> list[str]:
    """The screen's lines above the detail lines (the list and its header)."""
    lines = screen_text(pilot).splitlines()
    detail = next(i for i, line in enumerate(lines) if line.startswith(" Next step:"))
    return lines[: detail - 1]


async def test_each_next_step_shows_once_per_group_and_names_get_room(db, make_test_app):
    from netui.domain.playbook import next_step

    long_name = "Maximiliana Featherstone-Okonkwo"  # 32 cells: cut at 20 before
    for i, name in enumerate([long_name, "Bo Buddy", "Cy Buddy", "Di Buddy"]):
        log(db, add(db, name, Ring.BUDDY), 60 + i)
    for i, name in enumerate(["Ed Luke", "Flo Luke", "Gus Luke"]):
        log(db, add(db, name, Ring.LUKEWARM), 200 + i)
    app = make_test_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_agenda(pilot)
        lines = table_lines(pilot)
        for ring in (Ring.BUDDY, Ring.LUKEWARM):
            step = next_step(ring)[:30]  # the column may cut the sentence's end
            assert sum(step in line for line in lines) == 1, (ring, lines)
        assert any(long_name in line for line in lines), lines
        # Each group's people are together under its step, the most pressing group first.
        table = app.screen.query_one(RowTable)
        assert [row.cells[1] for row in table.rows] == [
            "Gus Luke", "Flo Luke", "Ed Luke", "Di Buddy", "Cy Buddy", "Bo Buddy", long_name,
        ]
        # Every line still says its step in full in the detail lines.
        await pilot.press("down")
        await settle(pilot)
        assert f"Next step: {next_step(Ring.LUKEWARM)}" in screen_text(pilot)


async def test_a_group_scrolled_past_its_first_line_still_shows_its_step_on_top(db, make_test_app):
    from netui.domain.playbook import next_step

    for i in range(30):
        log(db, add(db, f"Buddy {i:02}", Ring.BUDDY), 60 + i)
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_agenda(pilot)
        await pilot.press("end")
        await settle(pilot)
        lines = table_lines(pilot)
        top = lines[2]  # under the title and the column header
        assert top.startswith("due ") and next_step(Ring.BUDDY)[:15] in top, lines
        assert sum(next_step(Ring.BUDDY)[:15] in line for line in lines) == 1, lines
