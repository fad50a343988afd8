"""Faults, end to end in subprocesses: kill -9 and SIGHUP during an import, a migration
and a backup; a damaged page found mid-session; a read-only folder; paths that cannot
be a database; a backup taken while another process writes; a really full disk."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netui.domain.rings import Ring
from netui.store import models as m
from netui.store.db import Database
from netui.store.migrations import LATEST_VERSION
from tests.helpers import add, notifications, screen_text, settle, fill_disk
from tests.cli.files import copy_database, filled_database
from tests.cli.test_cli import netui

NETUI = [sys.executable, "-m", "netui"]


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def count(db: Path, table: str = "person") -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def big_linkedin_csv(path: Path, rows: int) -> Path:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"Person{i},Surname{i},https://www.linkedin.com/in/p{i},p{i}@example.com,Company {i % 300},Engineer,"
              f"01 Jan 2024" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def wait_until(condition, timeout: float, proc: subprocess.Popen | None = None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc is not None and proc.poll() is not None:
            return False
        time.sleep(0.005)
    return False


# ------------------------------------------------------------------ kill -9 and SIGHUP


# Rows enough that the import still has most of its writing ahead when its log passes
# 200 kB: reading and matching every row comes first (about two thirds of its CPU), and
# the CPU spent before the kill is most of this test's cost. At 10,000 rows the log
# passes 200 kB about a third into the writing; 30,000 rows only made the reading longer.
IMPORT_ROWS = 10_000


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP])
def test_an_import_killed_while_writing_leaves_all_or_nothing(db, db_path: Path, tmp_path: Path, sig):
    add(db, "Already Here")
    db.close()
    csv_file = big_linkedin_csv(tmp_path / "Connections.csv", IMPORT_ROWS)
    wal = db_path.with_name(db_path.name + "-wal")
    start = wal.stat().st_size if wal.exists() else 0
    proc = subprocess.Popen([*NETUI, "import", "linkedin", str(csv_file), "--db", str(db_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Kill it once it has started writing the import's one transaction (the log grows).
    writing = wait_until(lambda: wal.exists() and wal.stat().st_size > start + 200_000, 20, proc)
    proc.send_signal(sig)
    proc.wait(10)
    assert integrity(db_path) == "ok"
    people = count(db_path)
    assert people in (1, IMPORT_ROWS + 1), people  # never a part of it
    if writing:
        assert proc.returncode == -sig and people == 1
    # And the file works: another import, run after it, completes (a small one: the point is
    # that the file takes writes again, not how long 10,000 rows take on a busy machine).
    small = tmp_path / "Small.csv"
    small.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                     "Late,Comer,https://www.linkedin.com/in/late-comer,late@example.com,Acme,Engineer,01 Jan 2024\n",
                     encoding="utf-8")
    again = netui("import", "linkedin", str(small), "--db", str(db_path), timeout=180)
    assert again.returncode == 0, again.stderr
    assert integrity(db_path) == "ok"
    assert count(db_path) == people + 1


MIGRATE_SLOWLY = """
import sys, time
from netui.store import db
from netui.store.migrations import LATEST_VERSION

def slow_step(conn):
    conn.execute("CREATE TABLE future_thing (id INTEGER PRIMARY KEY)")
    conn.execute("UPDATE person SET title = 'migrated'")
    print("migrating", flush=True)
    time.sleep(30)

db.MIGRATIONS = [*db.MIGRATIONS, slow_step]
db.LATEST_VERSION = LATEST_VERSION + 1
db.Database.open(sys.argv[1])
"""


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP])
def test_a_migration_killed_half_way_leaves_the_old_database_and_a_backup(db, db_path: Path, sig):
    add(db, "Ada Lovelace")
    db.close()
    before = digest(db_path)
    proc = subprocess.Popen([sys.executable, "-c", MIGRATE_SLOWLY, str(db_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "migrating"
    proc.send_signal(sig)
    proc.wait(10)
    assert integrity(db_path) == "ok"
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION  # the old version…
    assert conn.execute("SELECT title FROM person").fetchall() == [("",)]  # …with none of the step
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'future_thing'").fetchall()
    conn.close()
    backups = list(db_path.parent.glob(f"{db_path.name}.v{LATEST_VERSION}-*.bak"))
    assert len(backups) == 1 and integrity(backups[0]) == "ok"
    assert count(backups[0]) == 1
    assert netui("journal", "--db", str(db_path)).returncode == 0  # this netui still opens it
    del before


def _big_database(path: Path, people: int = 1500) -> None:
    notes = "n" * 20_000
    with Database.open(path) as db, db.write():
        db.orm.connection().executemany(
            "INSERT INTO person (name, name_key, ring, notes, version, created_at, updated_at) VALUES (?, ?, 'cold', ?, "
            "1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            [(f"P{i}", f"p{i}", notes) for i in range(people)],
        )


@pytest.fixture(scope="module")
def big_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 30 MB database, written once for the module (each test copies it)."""
    path = tmp_path_factory.mktemp("big") / "big.db"
    _big_database(path)
    return path


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP])
def test_a_backup_killed_half_way_leaves_no_half_file_and_the_next_one_cleans_up(tmp_path: Path, big_database: Path,
                                                                                   sig):
    db = copy_database(big_database, tmp_path / "big.db")
    dest = tmp_path / "out" / "copy.db"
    dest.parent.mkdir()
    proc = subprocess.Popen([*NETUI, "backup", str(dest), "--db", str(db)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    started = wait_until(lambda: any(dest.parent.glob(".copy.db.tmp-*")), 20, proc)
    proc.send_signal(sig)
    proc.wait(10)
    assert not dest.exists()  # never a half-written file under the name asked for
    if started:
        assert list(dest.parent.glob(".copy.db.tmp-*"))  # only the hidden temporary one
    out = netui("backup", str(dest), "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert integrity(dest) == "ok" and count(dest) == 1500
    assert not list(dest.parent.glob(".copy.db.tmp-*"))  # the dead one's leftover was removed


WRITER = """
import sys, time
from netui.store.db import Database
from netui.store.people import add_person
from netui.domain.models import PersonDraft
db = Database.open(sys.argv[1])
print("writing", flush=True)
i = 0
while True:
    add_person(db, PersonDraft(name=f"Writer {i}", notes="w" * 2000))
    i += 1
"""


def test_backup_while_another_process_writes_is_consistent(db, db_path: Path, tmp_path: Path):
    for i in range(50):
        add(db, f"Seed {i}", Ring.LUKEWARM)
    db.close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        copies = []
        for n in range(4):
            dest = tmp_path / f"copy{n}.db"
            out = netui("backup", str(dest), "--db", str(db_path))
            assert out.returncode == 0, out.stderr
            copies.append(dest)
    finally:
        writer.kill()
        writer.wait()
    sizes = []
    for dest in copies:
        assert integrity(dest) == "ok"
        conn = sqlite3.connect(dest)
        # Consistent: every person has the first ring move add_person writes with them.
        assert conn.execute("SELECT count(*) FROM person p WHERE NOT EXISTS "
                            "(SELECT 1 FROM ring_move r WHERE r.person_id = p.id)").fetchone()[0] == 0
        sizes.append(conn.execute("SELECT count(*) FROM person").fetchone()[0])
        conn.close()
    assert sizes == sorted(sizes) and sizes[-1] > 50  # the writer really was writing


# ------------------------------------------------------------------ damaged files


def _damage(db: Path) -> None:
    """Overwrite pages in the middle of the file (not the header page)."""
    size = db.stat().st_size
    with open(db, "r+b") as handle:
        for offset in range(4096 * 3, size - 4096, 4096 * 7):
            handle.seek(offset)
            handle.write(os.urandom(4096))


def test_a_damaged_page_found_by_a_command_is_a_clear_error_and_the_file_is_left_alone(tmp_path: Path):
    db = tmp_path / "n.db"
    _big_database(db, people=300)
    _damage(db)
    before = digest(db)
    for args in (["export", "json"], ["agenda"], ["export", "csv"], ["add", "Grace"], ["funnel"]):
        out = netui(*args, "--db", str(db))
        assert out.returncode == 1, (args, out.stdout[-300:], out.stderr)
        assert "damaged" in out.stderr and "Restore a backup" in out.stderr, (args, out.stderr)
        assert "Traceback" not in out.stderr and "internal error" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
    assert digest(db) == before


async def test_a_damaged_page_found_mid_session_turns_the_app_read_only(db, make_test_app, db_path: Path, monkeypatch):
    add(db, "Ada Lovelace")
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        from netui.ui.screens import journal as journal_screen

        def damaged(*_a, **_k):
            raise sqlite3.DatabaseError("database disk image is malformed")

        monkeypatch.setattr(journal_screen.store, "count_journal", damaged)
        await pilot.press("3")
        await settle(pilot)
        assert app.is_running
        assert any("damaged" in message for message in notifications(app))
        await pilot.press("4")
        await settle(pilot)
        assert "READ-ONLY" in screen_text(pilot)
        await pilot.press("a", *"Grace", "ctrl+s")
        await settle(pilot)
        assert "read-only" in screen_text(pilot).lower()
    assert [p.name for p in m.Person.select()] == ["Ada Lovelace"]


# ------------------------------------------------------------------ paths and permissions


def test_paths_that_cannot_be_a_database_are_one_line_errors(tmp_path: Path):
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    cases = [
        (tmp_path, "is a folder"),
        (a_file / "sub" / "x.db", "Cannot create the folder"),
        (Path("/proc/netui-no-such-drive/dir/x.db"), "Cannot create the folder"),  # not even root can make it
    ]
    for path, message in cases:
        for args in (["add", "Ada"], ["journal"], ["backup", str(tmp_path / "b.db")]):
            out = netui(*args, "--db", str(path))
            assert out.returncode == 1, (path, args, out.stderr)
            lines = out.stderr.strip().splitlines()
            # Commands that only read say the file does not exist; those that write, why it cannot be made.
            expected = message if args[0] == "add" or message == "is a folder" else "does not exist"
            assert len(lines) == 1 and expected in lines[0] and "Traceback" not in out.stderr, (path, args, out.stderr)
    assert a_file.read_text() == "x"


def unprivileged(argv: list[str]) -> list[str]:
    """``argv`` run so that file permissions apply: root may write anywhere, so as root
    the child runs without the capabilities that override them (CAP_DAC_*)."""
    if os.geteuid() != 0:
        return argv
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be made to apply")
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", "--bounding-set", drop, "--inh-caps", drop, *argv]


def test_a_read_only_folder_opens_read_only_and_every_write_says_why(tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "n.db"
    with Database.open(db) as handle:
        add(handle, "Ada Lovelace")
    os.chmod(db, 0o666)  # the file itself is writable…
    os.chmod(folder, 0o555)  # …but the folder is not: SQLite's journal cannot be made there
    before = digest(db)
    try:
        for args in (["journal"], ["agenda"], ["export", "json"]):
            out = subprocess.run(unprivileged([*NETUI, *args, "--db", str(db)]), capture_output=True, text=True,
                                 timeout=60)
            assert out.returncode == 0, (args, out.stderr)
        out = subprocess.run(unprivileged([*NETUI, "add", "Grace", "--db", str(db)]), capture_output=True, text=True,
                             timeout=60)
        assert out.returncode == 1 and "read-only" in out.stderr, out.stderr
        # The app: a READ-ONLY banner, and a save says why it cannot happen.
        sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
        from ptyrun import PtyApp

        app = PtyApp(unprivileged([*NETUI, "--db", str(db)]), cols=100, rows=30)
        app.start()
        try:
            app.wait_for(b"READ-ONLY", timeout=30)
            app.key(b"a", quiet=0.3)
            app.key(b"Grace", quiet=0.2)
            app.key_until(b"\x13", b"read-only", timeout=10)
        finally:
            app.stop()
    finally:
        os.chmod(folder, 0o755)
    assert digest(db) == before
    assert count(db) == 1


# ------------------------------------------------------------------ a real full disk


@pytest.fixture
def tiny_disk(tmp_path: Path):
    mount = tmp_path / "tiny"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)], capture_output=True)
    if result.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); the full disk is simulated in test_store.py")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_really_full_disk_says_so_writes_nothing_and_recovers(tiny_disk: Path, tmp_path: Path, empty_database: Path):
    db = filled_database(empty_database, tiny_disk / "n.db", lambda handle: add(handle, "Ada Lovelace"))  # netui add
    filler = tiny_disk / "filler"
    fill_disk(filler)  # leaving a little room, below
    os.truncate(filler, max(0, filler.stat().st_size - 100_000))
    csv_file = big_linkedin_csv(tmp_path / "Connections.csv", 5_000)
    out = netui("import", "linkedin", str(csv_file), "--db", str(db))
    assert out.returncode == 1, out.stdout
    assert "The disk is full" in out.stderr and "rollback" not in out.stderr.lower(), out.stderr
    assert integrity(db) == "ok" and count(db) == 1
    out = netui("add", "Grace Hopper", "--db", str(db))
    # A tiny write may still fit; either way nothing is half written.
    assert integrity(db) == "ok"
    filler.unlink()  # space is freed: the same import now works
    out = netui("import", "linkedin", str(csv_file), "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert count(db) >= 5_001


async def test_every_write_in_a_read_only_app_says_why(db, make_test_app, db_path: Path, tmp_path: Path):
    from datetime import timedelta

    from netui.domain.networks import Network
    from netui.domain.journal import InteractionDraft
    from netui.store.journal import add_interaction
    from netui.ui.screens.import_screen import ImportScreen
    from tests.conftest import TODAY

    pid = add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.MENTOR,))
    add_interaction(db, InteractionDraft(TODAY - timedelta(days=60), "call", (pid,), "Old call",
                                     follow_up=TODAY - timedelta(days=3)))
    db.close()
    before = digest(db_path)
    readonly = Database.open(db_path, readonly=True)
    assert readonly.readonly
    app = make_test_app(db=readonly)
    said: list[str] = []

    async def attempt(pilot, what: str, *keys: str) -> None:
        app.clear_notifications()
        await pilot.pause()
        await pilot.press(*keys)
        await settle(pilot)
        # Not the READ-ONLY banner: a message about this very attempt, on the form or in a notice.
        text = screen_text(pilot).replace("READ-ONLY", "") + "\n".join(str(n) for n in notifications(app))
        assert "read-only" in text.lower(), (what, text[-600:])
        assert app.is_running, what
        said.append(what)
        while app.screen.is_modal:  # close whatever form or dialog is open, without saving
            await pilot.press("escape")
            await settle(pilot)
            if app.screen.is_modal and "Discard" in screen_text(pilot):
                await pilot.press("y")
                await settle(pilot)

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "READ-ONLY" in screen_text(pilot)
        await pilot.press("4")
        await settle(pilot)
        await attempt(pilot, "add", "a", *"Grace", "ctrl+s")
        await attempt(pilot, "edit", "e", "end", *" X", "ctrl+s")
        await attempt(pilot, "ring move", "less_than_sign")
        await attempt(pilot, "move with reason", "m", "ctrl+s")
        await attempt(pilot, "delete", "d")
        await attempt(pilot, "log", "l", *"ada", "enter", "ctrl+s")
        await attempt(pilot, "settings", "comma", *"Me", "ctrl+s")
        await pilot.press("3")
        await settle(pilot)
        await attempt(pilot, "follow-up done", "f")
        await attempt(pilot, "delete entry", "d")
        await pilot.press("5")
        await settle(pilot)
        await attempt(pilot, "agenda done", "x")
        await attempt(pilot, "agenda snooze", "s")
        csv_file = tmp_path / "in.csv"
        csv_file.write_text("Name\nGrace Hopper\n", encoding="utf-8")
        app.push_screen(ImportScreen(str(csv_file)))
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot, rounds=8)
        await attempt(pilot, "import", "ctrl+s", "y")
    readonly.close()
    assert digest(db_path) == before
    assert len(said) == 12
