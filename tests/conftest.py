"""Hermetic fixtures: user folders in a temporary place, a fixed clock, a file database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import Phase
from hypothesis import settings as hypothesis_settings

from netui.store.db import Database

# Mutation runs (pyproject.toml, [tool.mutmut]) only need to know whether a property
# fails: shrinking the example can take minutes per mutant on a busy machine.
# Fewer examples too: the properties that build a database take seconds each.
hypothesis_settings.register_profile(
    "mutmut", phases=[Phase.explicit, Phase.reuse, Phase.generate], max_examples=10
)

# Every test sees the same "today", so due dates and snapshots never drift.
TODAY = date(2026, 3, 14)


@pytest.fixture(autouse=True)
def hermetic(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("NETUI_TODAY", TODAY.isoformat())
    monkeypatch.delenv("NETUI_DB", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One new, migrated, empty database per test process, made the way netui makes one;
    each test gets a copy (creating and migrating a file for every test costs more CPU than
    most tests)."""
    path = tmp_path_factory.mktemp("template") / "netui.db"
    Database.open(path).close()
    return path


@pytest.fixture
def db(tmp_path: Path, empty_database: Path) -> Iterator[Database]:
    """A fresh, migrated database file, open (never :memory:: worker threads need their own connections)."""
    import shutil

    target = tmp_path / "netui.db"
    shutil.copyfile(empty_database, target)
    target.chmod(0o600)
    handle = Database.open(target)
    yield handle
    handle.close()


@pytest.fixture
def db_path(db: Database) -> Path:
    """The open test database's file, for tests that also reach it from another process."""
    return db.path


@pytest.fixture
def make_test_app(db: Database):
    from netui.ui.app import AppConfig, make_app
    from tests.helpers import NoticeLog

    def factory(**overrides):
        # Reading the other screens ahead is tested on its own (tests/ui/test_prefetch.py);
        # elsewhere each screen reads for itself, as the tests of its loads expect.
        config = AppConfig(db=db, today=lambda: TODAY, watch_seconds=overrides.pop("watch_seconds", 3600),
                           read_ahead=overrides.pop("read_ahead", False))
        for key, value in overrides.items():
            if not hasattr(config, key):  # a setting the app no longer has must fail, not pass unseen
                raise TypeError(f"AppConfig has no {key!r}")
            setattr(config, key, value)
        app = make_app(config)
        NoticeLog(app)
        return app

    return factory


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    if not hasattr(config, "workerinput") and "MUTANT_UNDER_TEST" not in os.environ:
        # Once, before the workers start: netui's bytecode, as pip compiles an installed
        # package's. An editable checkout has none when Python is told not to write it
        # (PYTHONDONTWRITEBYTECODE, as on CI machines), and then every worker and every
        # `netui` a test starts would compile the same source again (a third of a short
        # command's CPU time). Files already up to date are left as they are.
        import compileall

        compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "netui"), quiet=1)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Everything imported to collect the tests (Textual, netui, the test modules) lives as
    long as the worker: frozen, Python's cycle collector stops walking it at every full
    collection, which the app objects each UI test makes start again and again.

    And the collector runs less often: every UI test builds an app of tens of thousands of
    objects, nearly all freed by reference counting when it ends, and with Python's
    thresholds (700 new objects) the collector walked the live ones over and over while
    they were being made. About 13 percent of a UI test's CPU time; cycles are still
    collected, a little later."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
