"""The Overview, driven by keys: neglect is unmistakable, enter opens what it says."""

from __future__ import annotations

from datetime import date, timedelta

from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store.journal import InteractionDraft, add_interaction
from netui.store.settings import load_settings, save_settings
from netui.ui.screens.overview import NetworkPanel, OverviewScreen
from netui.ui.screens.people import PeopleScreen
from netui.ui.screens.person import PersonScreen
from tests.conftest import TODAY
from tests.helpers import add, screen_text, settle


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
        await pilot.press("enter")
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


async def test_the_first_paint_uses_the_overview_loaded_during_start_up(db, make_test_app, db_path, monkeypatch):
    """The command line starts loading the Overview before Textual is imported; when that
    is done by the time the screen mounts, the screen shows it without a second query."""
    from netui.store import overview as store_overview
    from netui.ui import early

    add(db, "Early Bird", Ring.BUDDY, networks=(Network.MENTEE,))
    loaded = early.load_overview_early(db_path, lambda: TODAY)
    loaded.overview.result(timeout=10)

    def no_second_query(*_args, **_kwargs):
        raise AssertionError("the overview was queried again")

    monkeypatch.setattr(store_overview, "overview", no_second_query)
    app = make_test_app(early_overview=loaded.overview, early_settings=loaded.settings)
    async with app.run_test(size=(100, 30)) as pilot:
        # Before any worker could run: the data is there on the first frame.
        assert app.screen.data is not None and app.screen.data.people == 1
        await settle(pilot)
        assert "Early Bird" in panel_text(pilot, Network.MENTEE)
        assert "1 people" in screen_text(pilot) or "1 person" in screen_text(pilot)
        assert app.config.early_overview is None  # taken once: a refresh queries afresh


def _leave_for_later(db_path, monkeypatch) -> None:
    """As the command line does for a file that is ready: checked, not opened by the ORM."""
    from netui.store import check
    from netui.store.models import database

    monkeypatch.setattr(check, "_pending", None)  # whatever happens, nothing is left pending after the test
    db.close()
    database.init(None)  # as in a fresh process: nothing has opened the file through the ORM
    check.connect_later(check.check_database(db_path))


async def test_start_up_leaves_the_orm_for_its_first_use(db, make_test_app, db_path, monkeypatch):
    """As the command line starts it: the first frame comes from the plain connection with
    the ORM not yet open; the first key that needs the ORM opens it, even one typed before
    the app got round to it (here it never does)."""
    from netui.store.models import database
    from netui.ui import early

    add(db, "Plain Start", Ring.STRATEGIC, networks=(Network.PEER,))
    _leave_for_later(db_path, monkeypatch)
    loaded = early.load_overview_early(db_path, lambda: TODAY)
    loaded.overview.result(timeout=10)
    app = make_test_app(early_overview=loaded.overview, early_settings=loaded.settings)
    app.connect_store = lambda: None  # the app's own opening after the first paint, held back
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.data is not None and app.screen.data.people == 1
        assert database.deferred  # the Overview, its title and its keys needed no ORM
        await pilot.press("4")  # People reads through the ORM, which opens the file now
        await settle(pilot)
        assert "Plain Start" in screen_text(pilot)
        assert database.database.endswith("?mode=rw")  # opened as a file that must exist


async def test_the_app_opens_the_orm_after_the_first_paint(make_test_app, db_path, monkeypatch):
    from netui.store.models import database
    from netui.ui import early

    _leave_for_later(db_path, monkeypatch)
    loaded = early.load_overview_early(db_path, lambda: TODAY)
    app = make_test_app(early_overview=loaded.overview, early_settings=loaded.settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not database.deferred


async def test_an_early_load_that_failed_opens_the_orm_itself(db, make_test_app, db_path, monkeypatch):
    """If the start-up read failed, the Overview loads again through the ORM, which opens
    the file itself."""
    from concurrent.futures import Future

    add(db, "Second Try", Ring.BUDDY, networks=(Network.MENTOR,))
    _leave_for_later(db_path, monkeypatch)
    failed: Future = Future()
    failed.set_exception(RuntimeError("locked for a moment"))
    app = make_test_app(early_overview=failed, early_settings=failed)
    app.connect_store = lambda: None
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Second Try" in panel_text(pilot, Network.MENTOR)


def test_the_start_up_path_does_not_import_the_orm(db_path):
    """Everything the command line runs up to the Overview's first frame leaves Peewee out."""
    import subprocess
    import sys

    code = """
import asyncio, sys
from datetime import date
from netui.store.check import check_database, connect_later
from netui.ui.early import load_overview_early
checked = check_database(sys.argv[1])
assert checked.ready, checked
connect_later(checked)
loaded = load_overview_early(checked.path, date.today)
from netui.ui.app import AppConfig, make_app
from netui.ui.style_cache import StyleCache, default_path
app = make_app(AppConfig(db_path=checked.path, early_settings=loaded.settings, early_overview=loaded.overview,
                         style_cache=StyleCache(default_path())))
app.connect_store = lambda: None  # stop where the app would open the ORM, after the first paint

async def main():
    loaded.overview.result(timeout=20)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        assert app.screen.data is not None
        assert "peewee" not in sys.modules, sorted(m for m in sys.modules if "peewee" in m)

asyncio.run(main())
"""
    done = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


async def test_a_failed_early_load_is_loaded_again_and_reported_the_usual_way(db, make_test_app):
    from concurrent.futures import Future

    add(db, "Late Bird", Ring.BUDDY, networks=(Network.PEER,))
    failed: Future = Future()
    failed.set_exception(RuntimeError("locked for a moment"))
    app = make_test_app(early_overview=failed)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Late Bird" in panel_text(pilot, Network.PEER)


async def test_an_early_load_still_running_is_awaited_off_the_ui_thread(db, make_test_app):
    from concurrent.futures import Future

    from netui.store.overview import overview
    from netui.store.settings import load_settings

    add(db, "Slow Bird", Ring.BUDDY, networks=(Network.SUPPORT,))
    pending: Future = Future()
    app = make_test_app(early_overview=pending)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)  # not settle(): that waits for the worker, which waits for the load
        assert "loading" in screen_text(pilot)  # the screen is up and waiting, not frozen
        await pilot.press("right")
        assert app.focused.id == "panel-peer"  # and keys work meanwhile
        settings = load_settings(db)
        pending.set_result((overview(db, TODAY, settings), settings))
        await settle(pilot)
        assert "Slow Bird" in panel_text(pilot, Network.SUPPORT)


async def test_quitting_while_the_early_load_never_ends_does_not_hang(make_test_app):
    import asyncio
    from concurrent.futures import Future

    stuck: Future = Future()  # say, a load waiting forever on a lock
    app = make_test_app(early_overview=stuck)

    async def run_and_quit() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.2)
            await pilot.press("q")

    await asyncio.wait_for(run_and_quit(), timeout=10)

