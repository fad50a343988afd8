"""End to end in a real pseudo-terminal: the bytes netui writes, and a second session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from ptyrun import PtyApp  # noqa: E402

from netui.store import models as m  # noqa: E402
from tests.helpers import add  # noqa: E402
from tests.hostile import HOSTILE_NAMES  # noqa: E402

NETUI = [sys.executable, "-m", "netui"]
PEOPLE_READY = b"people"

# Sequences that must never come from data: title, clipboard, hyperlink, full reset, C1 CSI.
FORBIDDEN = [b"\x1b]0;pwned", b"\x1b]52;", b"\x1b]8;;https://evil", b"\x1bc", b"\x9b31m", b"pwned\x07"]


def _start(db: Path, cols: int = 160, rows: int = 50, people: bool = True) -> PtyApp:
    app = PtyApp([*NETUI, "--db", str(db)], cols=cols, rows=rows)
    app.start()
    if people:  # netui opens on the Overview; these tests are about the People list
        app.wait_for(b"Overview", timeout=30)
        app.key(b"4", quiet=0.3)
    return app


def test_hostile_names_never_reach_the_terminal_as_sequences(db, db_path: Path):
    for name in HOSTILE_NAMES:
        add(db, name[:80])
    # Stored raw, as another tool might have written them.
    for i, raw in enumerate(["\x1b]0;pwned\x07", "\x1b]52;c;ZXZpbA==\x07", "\x1b]8;;https://evil\x1b\\x", "\x1bc", "\x9b31m"]):
        m.Person.update(name=f"Raw{i} {raw}").where(m.Person.id == i + 1).execute()
    db.close()
    app = _start(db_path)
    try:
        app.wait_for(b"Raw0", timeout=30)
        app.settle(0.5)
        app.key(b"\x1b[B" * 5)
        app.key(b"\r")
        app.key(b"\x1b")
        out = bytes(app.output)
    finally:
        code = app.stop()
    for bad in FORBIDDEN:
        assert bad not in out, bad
    assert "Raw0 ␛]0;pwned␇".encode() in out
    assert code == 0


def test_a_change_in_another_session_appears_without_a_restart(db, db_path: Path):
    add(db, "Ada Lovelace")
    db.close()
    app = _start(db_path)
    try:
        app.wait_for(b"Ada Lovelace", timeout=30)
        app.settle(0.3)
        other = subprocess.run([*NETUI, "add", "Grace Hopper", "--db", str(db_path)], capture_output=True, text=True)
        assert other.returncode == 0, other.stderr
        # The app looks for other sessions' changes every 2 s; the margin is for a busy machine.
        app.wait_for(b"Grace Hopper", timeout=20)
    finally:
        app.stop()


def test_ctrl_q_exits_zero_and_restores_the_terminal(db, db_path: Path):
    db.close()
    app = _start(db_path, cols=80, rows=24, people=False)
    app.wait_for(PEOPLE_READY, timeout=30)
    app.settle(0.3)
    assert app.stop() == 0
    assert b"\x1b[?1049l" in app.output  # left the alternate screen


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_small_terminals_do_not_crash(db, db_path: Path, size):
    add(db, "Ada Lovelace", company="A company with a rather long name indeed")
    db.close()
    app = _start(db_path, cols=size[0], rows=size[1])
    try:
        app.wait_for(b"Ada", timeout=30)
        for key in (b"\x1b[B", b"?", b"\x1b", b"\r", b"\x1b", b"a", b"\x1b"):
            app.key(key, quiet=0.15)
        assert app.proc.poll() is None
    finally:
        assert app.stop() == 0


def test_a_dropped_connection_keeps_the_unsaved_form_and_offers_it_back(db, db_path: Path):
    import os
    import sqlite3

    db.close()
    app = _start(db_path, cols=100, rows=30, people=False)
    app.wait_for(PEOPLE_READY, timeout=30)
    app.settle(0.3)
    # Each step waits for what it shows, not for a pause: on a busy machine a pause can end
    # before the form is up, and the keys then land on the screen below.
    app.key_until(b"a", b"Add a person")
    app.key_until("Ada Draft-Ünïcode".encode(), "Ünïcode".encode())
    # The SSH link drops: the terminal's master side closes and the session gets SIGHUP.
    os.close(app.fd)
    app.proc.wait(10)
    assert app.proc.returncode in (129, -1)  # left on SIGHUP
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM person").fetchone()[0] == 0
    from netui.ui.drafts import drafts_path

    assert "Ada Draft" in drafts_path().read_text()

    again = _start(db_path, cols=100, rows=30, people=False)
    try:
        again.wait_for(b"Open it again?", timeout=30)
        again.key(b"y", quiet=0.5)
        again.wait_for("Ada Draft-Ünïcode".encode(), timeout=10)
        again.key(b"\x13", quiet=0.5)  # ctrl+s
        again.wait_for(b"Saved from your draft", timeout=10)
    finally:
        again.stop()
    names = [r[0] for r in sqlite3.connect(db_path).execute("SELECT name FROM person")]
    assert names == ["Ada Draft-Ünïcode"]


def test_a_dropped_connection_keeps_the_unsaved_log_form_and_offers_it_back(db, db_path: Path):
    import os
    import sqlite3

    add(db, "Ada Lovelace")
    db.close()
    app = _start(db_path, cols=100, rows=30, people=False)
    app.wait_for(PEOPLE_READY, timeout=30)
    app.settle(0.3)
    app.key_until(b"l", b"Log an interaction")  # each step waits for what it shows
    app.key_until(b"ada", b"Lovelace")
    app.key(b"\r", quiet=0.3)  # picks Ada Lovelace
    app.key(b"\t", quiet=0.2)
    app.key_until("Plans for the Analytical Engine [b]".encode(), b"Analytical Engine [b]")
    os.close(app.fd)  # the SSH link drops
    app.proc.wait(10)
    assert app.proc.returncode in (129, -1)
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM interaction").fetchone()[0] == 0
    from netui.ui.drafts import drafts_path

    kept = drafts_path().read_text()
    assert '"interaction"' in kept and "Ada Lovelace" in kept

    again = _start(db_path, cols=100, rows=30, people=False)
    try:
        again.wait_for(b"unsaved form", timeout=30)
        again.key(b"y", quiet=0.5)
        again.wait_for(b"Ada Lovelace", timeout=10)
        again.key(b"\x13", quiet=0.5)  # ctrl+s
        again.wait_for(b"Saved from your draft", timeout=10)
    finally:
        again.stop()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT summary, kind FROM interaction").fetchall() == [
        ("Plans for the Analytical Engine [b]", "coffee")
    ]
    assert conn.execute("SELECT person_id FROM participant").fetchall() == [(1,)]


def test_another_sessions_log_appears_on_the_journal_and_the_overview(db, db_path: Path):
    from netui.domain.networks import Network
    from netui.domain.rings import Ring

    add(db, "Ada Lovelace", Ring.BUDDY, networks=(Network.MENTOR,))
    db.close()
    app = _start(db_path, cols=120, rows=40, people=False)
    try:
        app.wait_for(b"Overview", timeout=30)
        app.settle(0.3)
        # Never contacted: on the Overview she is the mentor network's most overdue.
        assert b"Ada Lovelace" in app.output
        other = subprocess.run([*NETUI, "add", "Zelda Newcomer", "--ring", "buddy", "--network", "mentee",
                                "--db", str(db_path)], capture_output=True, text=True)
        assert other.returncode == 0, other.stderr
        app.wait_for(b"Zelda Newcomer", timeout=10)  # the Overview, without a restart
        app.key_until(b"3", b"Journal", timeout=10)
        app.settle(0.3)
        other = subprocess.run([*NETUI, "log", "Ada Lovelace", "--kind", "call", "--summary", "From the other session",
                                "--db", str(db_path)], capture_output=True, text=True)
        assert other.returncode == 0, other.stderr
        app.wait_for(b"From the other session", timeout=10)
    finally:
        assert app.stop() == 0
