"""Hermetic fixtures: user folders in a temporary place, a fixed clock, a file database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from netui.store.db import open_database
from netui.store.models import database

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


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    """A fresh, migrated database file (never :memory:: worker threads need their own connections)."""
    path = tmp_path / "netui.db"
    open_database(path)
    yield path
    if not database.is_closed():
        database.close()


@pytest.fixture
def make_test_app(db_path: Path):
    from netui.ui.app import AppConfig, make_app

    def factory(**overrides):
        config = AppConfig(db_path=db_path, today=lambda: TODAY, watch_seconds=overrides.pop("watch_seconds", 3600))
        for key, value in overrides.items():
            setattr(config, key, value)
        return make_app(config)

    return factory


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
