"""Long operations show progress: a backup (and the copy kept before an upgrade) on the
command line when a person watches stderr, and the Overview while its first load runs."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from netui.store import db as store_db
from netui.store import demo
from netui.store import models as m
from tests.conftest import TODAY
from tests.helpers import add, screen_text, settle

ROOT = Path(__file__).resolve().parents[2]
NETUI = [sys.executable, "-m", "netui"]


def test_a_backup_in_steps_reports_each_step_then_the_check(db, db_path: Path, tmp_path: Path, monkeypatch):
    demo.generate(db, people=60, interactions=600, seed=2, today=TODAY)
    monkeypatch.setattr(store_db, "BACKUP_STEP_PAGES", 8)
    heard: list[tuple[str, int, int]] = []
    copy = db.backup(tmp_path / "copy.db", lambda *event: heard.append(event))
    copying = [e for e in heard if e[0] == "copying"]
    total = copying[0][2]
    assert total > 8 * 3  # several steps …
    assert len(copying) >= total // 8
    assert [done for _, done, _ in copying] == sorted(done for _, done, _ in copying)
    assert copying[-1] == ("copying", total, total)  # … up to the whole file
    assert heard[-1] == ("checking", 0, 1)
    count = sqlite3.connect(copy).execute("SELECT count(*) FROM person").fetchone()[0]
    assert count == 60


def _in_a_terminal(argv: list[str]) -> tuple[int, bytes]:
    sys.path.insert(0, str(ROOT / "bench"))
    from ptyrun import PtyApp

    run = PtyApp(argv, cols=100, rows=10)
    run.start()
    run.read(0.1)
    while run.proc.poll() is None:
        run.read(0.1)
    run.read(0.2)
    code = run.stop()
    return code, bytes(run.output)


def test_netui_backup_shows_progress_in_a_terminal_and_stays_quiet_in_a_pipe(db, db_path: Path, tmp_path: Path):
    add(db, "Ada Lovelace")
    db.close()
    code, seen = _in_a_terminal([*NETUI, "backup", str(tmp_path / "a.db"), "--db", str(db_path)])
    assert code == 0
    assert b"netui: backup: copying 100%" in seen and "checking the copy…".encode() in seen
    assert b"Backed up" in seen
    piped = subprocess.run([*NETUI, "backup", str(tmp_path / "b.db"), "--db", str(db_path)], capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stderr == ""


def test_the_copy_before_an_upgrade_shows_progress_in_a_terminal(tmp_path: Path):
    from netui.store.check import APPLICATION_ID
    from netui.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"  # a database written by the first netui: schema step 1 only
    old = sqlite3.connect(path)
    MIGRATIONS[0](old)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    # A command that writes upgrades the file (one that only reads opens it read-only and
    # leaves it alone: see test_cli.py).
    code, seen = _in_a_terminal([*NETUI, "add", "Ada Lovelace", "--db", str(path)])
    assert code == 0
    assert b"netui: keeping a copy before the upgrade: copying 100%" in seen
    assert b"upgraded the database" in seen
    assert b"Added Ada Lovelace" in seen
    assert list(tmp_path.glob("old.db.v1-*.bak"))


async def test_the_overview_says_loading_until_its_first_load_arrives(db, make_test_app, monkeypatch):
    add(db, "Ada Lovelace")
    from netui.store import overview as store_overview

    release = threading.Event()
    real = store_overview.overview

    def slow(*args, **kwargs):
        release.wait(10)  # a big database on a slow disk
        return real(*args, **kwargs)

    monkeypatch.setattr(store_overview, "overview", slow)
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        text = screen_text(pilot)
        assert "loading…" in text.splitlines()[0]
        assert "members" not in text  # the panels wait for their data, drawn once with it
        release.set()
        await settle(pilot)
        text = screen_text(pilot)
        assert "Loading" not in text and "loading" not in text
        assert "1 person" in text.splitlines()[0]
