"""Reading ahead: once the Overview is up, what the other screens open with is read in a
thread; a first visit takes it instead of reading again, and a change throws it away."""

from __future__ import annotations

import time

from netui.domain.rings import Ring
from netui.ui.app import WARM_UP_MODULES
from netui.ui.screens import agenda as agenda_screen
from netui.ui.screens.agenda import AgendaScreen
from netui.ui.widgets.row_table import RowTable
from tests.helpers import add, screen_text, settle


def counting(monkeypatch):
    """Count the Agenda's reads (the read ahead and the screen's own both go through it)."""
    calls = []
    real = agenda_screen.agenda_and_date_order

    def counted(db, today):
        calls.append(today)
        return real(db, today)

    monkeypatch.setattr(agenda_screen, "agenda_and_date_order", counted)
    return calls


async def read_ahead_done(pilot, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while len(pilot.app.prefetched) < 3 or any(w.group == "warm-up" and not w.is_finished for w in pilot.app.workers):
        assert time.monotonic() < deadline, "the read ahead never finished"
        await pilot.pause(0.01)


def names(pilot) -> list[str]:
    return [row.cells[1] for row in pilot.app.screen.query_one(RowTable).rows]


async def test_a_first_visit_shows_what_was_read_ahead_without_reading_again(db, make_test_app, monkeypatch):
    add(db, "Ada Lovelace", Ring.BUDDY)
    calls = counting(monkeypatch)
    app = make_test_app(read_ahead=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await read_ahead_done(pilot)
        assert len(calls) == 1  # read once, ahead, before anyone asked
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert names(pilot) == ["Ada Lovelace"]
        assert len(calls) == 1  # and not again
        assert len(app.prefetched) == 2  # taken: the next load reads the file


async def test_a_change_after_the_read_ahead_is_read_again(db, make_test_app, monkeypatch):
    add(db, "Ada Lovelace", Ring.BUDDY)
    calls = counting(monkeypatch)
    app = make_test_app(read_ahead=True, watch_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await read_ahead_done(pilot)
        add(db, "Grace Hopper", Ring.BUDDY)  # as if from another session
        deadline = time.monotonic() + 10
        while len(app.prefetched):  # the change watch notices, and the read ahead is dropped
            assert time.monotonic() < deadline, "the read ahead outlived a change"
            await pilot.pause(0.02)
        await pilot.press("5")
        await settle(pilot)
        assert names(pilot) == ["Ada Lovelace", "Grace Hopper"]
        assert len(calls) == 2


async def test_this_sessions_own_change_drops_the_read_ahead(db, make_test_app, monkeypatch):
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    calls = counting(monkeypatch)
    app = make_test_app(read_ahead=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await read_ahead_done(pilot)
        await pilot.press("4")  # People: Ada, ring out from buddy
        await settle(pilot)
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert len(app.prefetched) == 0
        await pilot.press("5")
        await settle(pilot)
        assert len(calls) == 2
        assert "Ada Lovelace" in screen_text(pilot)
    assert ada


async def test_without_read_ahead_only_the_code_is_loaded(db, make_test_app, monkeypatch):
    import importlib
    import sys

    add(db, "Ada Lovelace", Ring.BUDDY)
    calls = counting(monkeypatch)
    app = make_test_app(read_ahead=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        deadline = time.monotonic() + 10
        while not app._warmed or any(w.group == "warm-up" and not w.is_finished for w in app.workers):
            assert time.monotonic() < deadline
            await pilot.pause(0.01)
        assert calls == [] and len(app.prefetched) == 0
        assert all(name in sys.modules for name in WARM_UP_MODULES)
        assert importlib.import_module("netui.ui.screens.review")


async def test_every_screen_read_ahead_opens_on_its_read(db, make_test_app):
    """Each screen's ``first_load`` is the call its first load makes: a visit takes it."""
    add(db, "Ada Lovelace", Ring.BUDDY)
    app = make_test_app(read_ahead=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await read_ahead_done(pilot)
        for key in "256":
            before = len(app.prefetched)
            await pilot.press(key)
            await settle(pilot)
            assert len(app.prefetched) == before - 1, key


async def test_reading_ahead_writes_nothing(db, make_test_app):
    """A read ahead that wrote would look like another session's change: the Review's
    load stores the month's picks, so it is read when the Review opens, not before."""
    from netui.domain.networks import Network

    add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.PEER,))  # someone the routine would pick
    app = make_test_app(read_ahead=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await read_ahead_done(pilot)
        from netui.store.db import Database

        other = Database.open(db.path)
        try:
            assert other.execute("SELECT count(*) FROM review_pick").fetchone()[0] == 0
        finally:
            other.close()


async def test_a_read_ahead_is_on_screen_when_the_screen_is_mounted(db, make_test_app, monkeypatch):
    """The Funnel's first visit takes the board and the first person's panel read ahead,
    in one go: both are in place when the screen's mount ends, before its first frame,
    and neither is read again."""
    from netui.store import funnel as funnel_store
    from netui.ui.screens.funnel import FunnelScreen
    from netui.ui.widgets.panel_lines import PanelLines

    ada = add(db, "Ada Lovelace", Ring.COLD, purpose="knows engines")
    add(db, "Grace Hopper", Ring.BUDDY)
    panels = []
    real_panel = funnel_store.person_panel
    monkeypatch.setattr(funnel_store, "person_panel", lambda db, pid, *a: panels.append(pid) or real_panel(db, pid, *a))
    seen_at_mount = {}
    real_mount = FunnelScreen.on_mount

    def on_mount(self) -> None:
        real_mount(self)
        seen_at_mount["cards"] = [[c.title for c in col.cards] for col in self.columns()]
        seen_at_mount["panel"] = "\n".join(self.query_one("#about", PanelLines).plain_lines)

    monkeypatch.setattr(FunnelScreen, "on_mount", on_mount)
    app = make_test_app(read_ahead=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await read_ahead_done(pilot)
        assert panels == [ada]  # read ahead, with the board
        await pilot.press("2")
        await settle(pilot)
        assert seen_at_mount["cards"] == [["Ada Lovelace"], [], [], ["Grace Hopper"]]
        assert "Why: knows engines" in seen_at_mount["panel"]
        assert panels == [ada]  # not read again
        assert "Why: knows engines" in screen_text(pilot)


def counting_overview(monkeypatch, fail_first: bool = False):
    """Count the Overview's reads; the first one fails with a StoreError if asked."""
    from netui.store.errors import StoreError
    from netui.ui.screens import overview as overview_screen

    calls = []
    real = overview_screen.overview_and_settings

    def counted(db, today):
        calls.append(today)
        if fail_first and len(calls) == 1:
            raise StoreError("the file went away for a moment")
        return real(db, today)

    monkeypatch.setattr(overview_screen, "overview_and_settings", counted)
    return calls


async def test_the_overview_is_read_once_while_it_is_built(db, make_test_app, monkeypatch):
    """The app starts reading what the Overview opens with before Textual builds it; the
    screen's own load takes that read (or waits for it) instead of reading again."""
    from netui.ui.store_calls import StoreCalls

    add(db, "Ada Lovelace", Ring.BUDDY)
    calls = counting_overview(monkeypatch)
    workers = []
    real = StoreCalls._store_worker
    monkeypatch.setattr(StoreCalls, "_store_worker", lambda self, fn, *a: workers.append(fn) or real(self, fn, *a))
    app = make_test_app(read_ahead=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await read_ahead_done(pilot)
        assert len(calls) == 1
        assert "1 person" in screen_text(pilot).splitlines()[0]
        assert workers == []  # the screen started no read of its own


async def test_an_overview_read_ahead_that_fails_is_read_again_by_the_screen(db, make_test_app, monkeypatch):
    add(db, "Ada Lovelace", Ring.BUDDY)
    calls = counting_overview(monkeypatch, fail_first=True)
    app = make_test_app(read_ahead=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await read_ahead_done(pilot)
        assert len(calls) == 2  # the read ahead failed; the screen read for itself
        assert "1 person" in screen_text(pilot).splitlines()[0]
        assert "went away" not in screen_text(pilot)  # the screen's own read worked: nothing to report


def test_a_load_waiting_on_a_read_ahead_gets_its_result_or_reads_again():
    from netui.ui.prefetch import Prefetched

    def fn(db, today):
        return today

    told = []
    kept = Prefetched()
    call = (fn, (1,))
    generation = kept.begin(call)
    assert kept.wait((fn, (2,)), lambda ok, r: told.append(("other", ok, r))) is False  # not under way
    assert kept.wait(call, lambda ok, r: told.append(("first", ok, r)))
    assert kept.wait(call, lambda ok, r: told.append(("second", ok, r)))
    kept.put(generation, call, "result")
    assert told == [("first", True, "result"), ("second", False, None)]  # one result, one load
    assert len(kept) == 0  # handed over, not kept as well

    told.clear()
    generation = kept.begin(call)
    kept.wait(call, lambda ok, r: told.append(("changed", ok, r)))
    kept.clear()  # the data changed while it was read: whoever waits reads again
    assert told == [("changed", False, None)]
    kept.put(generation, call, "stale")
    assert len(kept) == 0 and told == [("changed", False, None)]

    told.clear()
    generation = kept.begin(call)
    kept.wait(call, lambda ok, r: told.append(("failed", ok, r)))
    kept.failed(generation, call)
    assert told == [("failed", False, None)]
    assert kept.wait(call, lambda ok, r: None) is False  # no longer under way

    generation = kept.begin(call)
    kept.put(generation, call, "nobody waited")
    assert kept.take(call) == (True, "nobody waited")
