"""The cycle collector is paused for start-up and resumes once the first screen is up,
with its data or with the reason it has none."""

from __future__ import annotations

import gc

import pytest

from netui.store.errors import StoreError
from netui.ui.screens import overview as overview_screen
from netui.ui.tuning import ProcessTuning
from tests.helpers import notifications, settle


class Recorder(ProcessTuning):
    """Counts the app's calls; leaves the test process's collector alone."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.settles = 0

    def started(self) -> None:
        self.calls += 1

    def settled(self) -> None:
        self.settles += 1


def test_a_pause_ends_with_what_is_alive_frozen_and_the_collector_on():
    tuning = ProcessTuning()
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        tuning.pause()
        assert not gc.isenabled() and tuning.paused
        tuning.started()
        assert gc.isenabled() and not tuning.paused
        assert gc.get_freeze_count() > frozen
        now = gc.get_freeze_count()
        tuning.started()  # a second call changes nothing
        assert gc.get_freeze_count() == now
    finally:
        gc.enable()
        gc.unfreeze()


def test_what_a_new_screen_built_is_frozen_only_once_the_collector_was_resumed():
    tuning = ProcessTuning()
    frozen = gc.get_freeze_count()
    try:
        tuning.settled()  # never paused (the tests, an app without tuning): nothing
        assert gc.get_freeze_count() == frozen
        tuning.pause()
        tuning.settled()  # still starting up: nothing either
        assert gc.get_freeze_count() == frozen
        tuning.started()
        now = gc.get_freeze_count()
        kept = [[n] for n in range(1000)]  # what a new screen builds and keeps
        tuning.settled()
        assert gc.get_freeze_count() >= now + len(kept)
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_start_that_fails_before_the_first_screen_still_resumes_the_collector():
    try:
        with pytest.raises(RuntimeError):
            with ProcessTuning() as tuning:
                assert tuning.paused and not gc.isenabled()
                raise RuntimeError("the terminal went away")
        assert gc.isenabled() and not tuning.paused
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_collector_switched_off_by_someone_else_stays_off():
    gc.disable()
    try:
        tuning = ProcessTuning()
        tuning.pause()
        assert not tuning.paused
        tuning.started()
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_the_app_resumes_the_collector_once_the_overview_shows_its_data(make_test_app):
    tuning = Recorder()
    app = make_test_app(tuning=tuning)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.data is not None
        assert tuning.calls == 1
        await pilot.press("r")  # a reload is not a start-up
        await settle(pilot)
        assert tuning.calls == 1


async def test_the_app_resumes_the_collector_when_the_overview_cannot_load(make_test_app, monkeypatch):
    def refuse(db, today):
        raise StoreError("The database is having a bad day.")

    monkeypatch.setattr(overview_screen, "overview_and_settings", refuse)
    tuning = Recorder()
    app = make_test_app(tuning=tuning)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "The database is having a bad day." in notifications(app)
        assert tuning.calls == 1


async def test_each_first_visit_freezes_what_it_built_once_it_is_drawn(make_test_app):
    tuning = Recorder()
    app = make_test_app(tuning=tuning)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert tuning.settles == 0
        await pilot.press("4")
        await settle(pilot)
        assert tuning.settles == 1
        for key in "141":  # screens built before: nothing new to keep
            await pilot.press(key)
            await settle(pilot)
        assert tuning.settles == 1
        await pilot.press("2")
        await settle(pilot)
        assert tuning.settles == 2
