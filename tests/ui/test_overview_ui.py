"""The Overview, driven by keys: neglect is unmistakable, enter opens what it says."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store.journal import InteractionDraft, add_interaction
from netui.store.settings import load_settings, save_settings
from netui.ui.screens.overview import NetworkPanel, OverviewScreen
from netui.ui.screens.people import PeopleScreen
from netui.ui.screens.person import PersonScreen
from netui.ui.screens.triage import TriageScreen
from tests.conftest import TODAY
from tests.helpers import add, notifications, screen_text, settle


def log(db, pid: int, days_ago: int) -> None:
    add_interaction(db, InteractionDraft(date=TODAY - timedelta(days=days_ago), kind="call", person_ids=(pid,)))


def panel_text(pilot, network: Network) -> str:
    panel = pilot.app.screen.query_one(f"#panel-{network.value}", NetworkPanel)
    return "\n".join(line.plain for line in panel.lines(60)) + "\n" + str(panel.border_title)


async def test_netui_opens_on_the_overview(db, make_test_app):
    add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.SUPPORT,))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        text = screen_text(pilot)
        for label in ("Support", "Peer", "Mentor", "Mentee", "Rings", "Interactions per week"):
            assert label in text


async def test_a_network_without_recent_contact_shows_as_neglected(db, make_test_app):
    fresh = add(db, "Fresh Friend", Ring.BUDDY, networks=(Network.SUPPORT,))
    quiet = add(db, "Quiet Mentor", Ring.STRATEGIC, networks=(Network.MENTOR,))
    log(db, fresh, 2)
    log(db, quiet, 45)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        mentor = panel_text(pilot, Network.MENTOR)
        assert "NEGLECTED" in mentor and "quiet 45d, limit 30d" in mentor
        assert "neglected" in mentor  # the border title says it too
        assert "Quiet Mentor" in mentor  # the most overdue person is right there
        support = panel_text(pilot, Network.SUPPORT)
        assert "NEGLECTED" not in support and "last contact 2 days ago" in support
        assert app.screen.query_one("#panel-mentor").has_class("-neglected")
        assert "EMPTY" in panel_text(pilot, Network.PEER)
        assert "NEGLECTED" in screen_text(pilot)
        # Logging a call with them revives the network once the screen hears of it.
        log(db, quiet, 0)
        app.data_changed.publish(app)
        await settle(pilot)
        assert "NEGLECTED" not in panel_text(pilot, Network.MENTOR)


async def test_overdue_people_rank_by_overdue_and_closeness(db, make_test_app):
    lukewarm = add(db, "Luke Warm", Ring.LUKEWARM, networks=(Network.SUPPORT,))
    buddy = add(db, "Bud Dy", Ring.BUDDY, networks=(Network.SUPPORT,))
    strategic = add(db, "Stra Tegic", Ring.STRATEGIC, networks=(Network.SUPPORT,))
    fine = add(db, "All Fine", Ring.BUDDY, networks=(Network.SUPPORT,))
    log(db, lukewarm, 90 + 50)  # 50 days over, weight 1
    log(db, buddy, 30 + 20)  # 20 days over, weight 3 -> first
    log(db, strategic, 30 + 10)  # 10 days over, weight 2
    log(db, fine, 1)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one("#panel-support", NetworkPanel)
        assert [p.name for p in panel.people] == ["Bud Dy", "Luke Warm", "Stra Tegic"]
        assert "4 members · 25% in touch" in panel_text(pilot, Network.SUPPORT)


async def test_enter_on_a_panel_opens_its_people_and_escape_comes_back(db, make_test_app):
    add(db, "Peer One", Ring.COLD, networks=(Network.PEER,))
    add(db, "Support Only", Ring.COLD, networks=(Network.SUPPORT,))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("right")  # from Support to Peer
        assert app.focused.id == "panel-peer"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen) and app.screen.network == Network.PEER
        text = screen_text(pilot)
        assert "Peer One" in text and "Support Only" not in text and "network: peer" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)


async def test_enter_on_an_overdue_person_opens_them(db, make_test_app):
    pid = add(db, "Grace Hopper", Ring.BUDDY, networks=(Network.MENTEE,))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # Support (nobody overdue) -> Mentor, below it
        assert app.focused.id == "panel-mentor"
        await pilot.press("right", "down")  # Mentee, then its first overdue person
        assert app.screen.selected_person_id() == pid
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen) and app.screen.person_id == pid
        assert "Grace Hopper" in screen_text(pilot)


async def test_unsorted_people_are_counted_and_reachable(db, make_test_app):
    add(db, "In A Network", networks=(Network.PEER,))
    add(db, "Nowhere Person")
    add(db, "Also Nowhere")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Unsorted: 2 in no network" in screen_text(pilot)
        await pilot.press("down", "down", "down", "down", "right")  # past the panels to the links
        assert app.focused.id == "unsorted"
        await pilot.press("enter")  # the line opens the triage, one person at a time
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        text = screen_text(pilot)
        assert "1 of 2" in text and "Also Nowhere" in text and "In A Network" not in text
        await pilot.press("L")  # and from there, the same people as a list
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen) and app.screen.unsorted
        text = screen_text(pilot)
        assert "Nowhere Person" in text and "Also Nowhere" in text and "In A Network" not in text


async def test_peer_panel_warns_when_a_half_is_empty(db, make_test_app):
    settings = load_settings(db)
    save_settings(db, type(settings)(**{**settings.__dict__, "my_company": "Northwind Labs"}))
    add(db, "Colleague", company="Northwind Labs", networks=(Network.PEER,))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = panel_text(pilot, Network.PEER)
        assert "inside 1 · outside 0" in text
        assert "No peers outside your company." in text


async def test_follow_ups_link_goes_to_the_agenda(db, make_test_app):
    pid = add(db, "Ada", Ring.COLD)
    add_interaction(db, InteractionDraft(date=TODAY, kind="call", person_ids=(pid,), follow_up=TODAY))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Follow-ups due: 1" in screen_text(pilot)
        await pilot.press("down", "down", "down", "down")
        assert app.focused.id == "follow-ups"
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "agenda"


async def test_hostile_names_stay_plain_text(db, make_test_app):
    add(db, "[@click=app.quit]x", Ring.BUDDY, networks=(Network.SUPPORT,))
    add(db, "[/", Ring.BUDDY, networks=(Network.SUPPORT,))
    add(db, "\x1b]0;pwned\x07Eve", Ring.BUDDY, networks=(Network.SUPPORT,))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "[@click=app.quit]x" in text
        assert "[/" in text
        assert "\x1b" not in text and "\x07" not in text
        assert app.is_running


async def test_escape_in_the_filter_of_a_pushed_list_clears_it_first(db, make_test_app):
    add(db, "Peer One", Ring.COLD, networks=(Network.PEER,))
    add(db, "Peer Two", Ring.COLD, networks=(Network.PEER,))
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("right", "enter")
        await settle(pilot)
        await pilot.press("slash", *"two")
        await settle(pilot)
        assert "Peer One" not in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        assert "Peer One" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)


async def test_people_as_a_mode_has_no_back_key(make_test_app):
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        assert "Back" not in screen_text(pilot)


async def test_l_on_an_overdue_person_logs_with_them(db, make_test_app):
    pid = add(db, "Grace Hopper", Ring.BUDDY, networks=(Network.SUPPORT,))
    app = make_test_app()
    seen = []
    app.action_log = lambda: seen.append(app.screen.selected_person_id())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("l")  # on the panel itself: nobody selected
        await pilot.press("down", "l")
        await settle(pilot)
        assert seen == [None, pid]


def hold_the_overview(monkeypatch) -> tuple[threading.Event, list[threading.Thread]]:
    """The Overview's query waits until the test lets it go (a big file on a slow disk);
    the threads it ran in."""
    from netui.store import overview as store_overview

    release = threading.Event()
    threads: list[threading.Thread] = []
    real = store_overview.overview

    def held(*args, **kwargs):
        threads.append(threading.current_thread())
        release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(store_overview, "overview", held)
    return release, threads


async def until(pilot, condition, timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        await pilot.pause()


async def test_the_overview_says_loading_then_shows_what_its_worker_loaded(db, make_test_app, monkeypatch):
    """The first frame comes before the data: the screen is up, says so, and takes keys
    while a worker thread reads; the data follows in the same screen."""
    add(db, "Slow Bird", Ring.BUDDY, networks=(Network.SUPPORT,))
    release, threads = hold_the_overview(monkeypatch)
    app = make_test_app()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: threads)  # the load is under way, and held
            text = screen_text(pilot)
            assert "loading…" in text.splitlines()[0]
            # The panels wait for their data, to be laid out and drawn once, with it.
            assert "Support" not in text and "members" not in text
            await pilot.press("right")
            assert app.focused.id == "panel-peer"  # keys work meanwhile
            assert app.screen.data is None
            release.set()
            await settle(pilot)
            assert "Slow Bird" in panel_text(pilot, Network.SUPPORT)
            assert "1 person" in screen_text(pilot).splitlines()[0]
            assert threading.main_thread() not in threads  # never read on the UI thread
    finally:
        release.set()


async def test_a_store_error_in_the_overview_load_is_a_notice_and_r_loads_again(db, make_test_app, monkeypatch):
    import sqlite3

    from netui.store import overview as store_overview

    add(db, "Late Bird", Ring.BUDDY, networks=(Network.PEER,))
    failures = [sqlite3.OperationalError("database is locked")]
    real = store_overview.overview

    def locked_once(*args, **kwargs):
        if failures:
            raise failures.pop()
        return real(*args, **kwargs)

    monkeypatch.setattr(store_overview, "overview", locked_once)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.is_running
        assert any("Another netui session is saving" in n for n in notifications(app))
        assert "loading…" in screen_text(pilot).splitlines()[0]  # nothing made up meanwhile
        await pilot.press("r")
        await settle(pilot)
        assert "Late Bird" in panel_text(pilot, Network.PEER)


async def test_quitting_while_the_overview_load_is_stuck_does_not_hang(db, make_test_app, monkeypatch):
    import asyncio

    release, threads = hold_the_overview(monkeypatch)  # say, a load waiting on a lock
    app = make_test_app()

    async def run_and_quit() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: threads)
            await pilot.press("q")

    try:
        await asyncio.wait_for(run_and_quit(), timeout=10)
        assert app.return_code == 0
        assert not release.is_set()  # it quit while the load was still held
    finally:
        release.set()
