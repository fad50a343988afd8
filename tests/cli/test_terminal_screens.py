"""The bytes netui writes to a real pseudo-terminal, on every main screen and the
dialogs, with a database full of hostile text (People is in test_terminal.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from ptyrun import PtyApp  # noqa: E402

from netui.store import models as m  # noqa: E402
from tests.hostile import FORBIDDEN_BYTES  # noqa: E402
from tests.hostile_seed import seed_hostile  # noqa: E402

NETUI = [sys.executable, "-m", "netui"]
DOWN, ENTER, ESC = b"\x1b[B", b"\r", b"\x1b"


def test_no_screen_sends_sequences_from_data(db, db_path: Path):
    seed_hostile(db)
    db.close()
    app = PtyApp([*NETUI, "--db", str(db_path)], cols=150, rows=45)
    app.start()
    visited = {}
    try:
        app.wait_for(b"Overview", timeout=30)
        app.settle(0.5)
        for key in (DOWN, DOWN, DOWN, ENTER, ESC):
            app.key(key, quiet=0.2)
        visited["overview"] = len(app.output)
        app.key_until(b"2", b"Funnel", timeout=15)
        app.settle(0.8)
        for key in (DOWN, b"l", DOWN, b"l", DOWN, b"i", ESC):
            app.key(key, quiet=0.2)
        # A key that opens a screen waits for it to show: on a busy machine a quiet spell
        # can end first, and the keys after it would land on the screen below.
        app.key_until(b"r", b"Funnel report", timeout=15)
        for key in (b"s", ESC):
            app.key(key, quiet=0.2)
        visited["funnel"] = len(app.output)
        app.key_until(b"3", b"Journal", timeout=15)
        app.settle(0.5)
        for step in range(2):
            app.key_until(ENTER, b"esc close", timeout=15)
            app.key(ESC, quiet=0.25)
            if not step:
                for key in (DOWN, DOWN):
                    app.key(key, quiet=0.25)
        app.key_until(b"e", b"Edit journal entry", timeout=15)
        app.key(ESC, quiet=0.3)
        visited["journal"] = len(app.output)
        app.key_until(b"5", b"Agenda", timeout=15)
        app.settle(0.5)
        for key in (DOWN, DOWN, DOWN, b"S", ESC):
            app.key(key, quiet=0.2)
        visited["agenda"] = len(app.output)
        app.key_until(b",", b"Target companies", timeout=15)  # the stored company is a raw title sequence
        app.key(ESC, quiet=0.3)
        app.key_until(b"?", b"Keys:", timeout=15)
        app.key(ESC, quiet=0.2)
        app.key(b"\x10", quiet=0.3)  # ctrl+p
        app.key(b"[", quiet=0.6)
        app.key(ESC, quiet=0.2)
        assert app.proc.poll() is None  # still running: nothing quit it
        out = bytes(app.output)
    finally:
        code = app.stop()
    for bad in FORBIDDEN_BYTES:
        assert bad not in out, bad
    # Each raw sequence arrived, but as visible pictures.
    assert "Raw0 ␛]0;pwned␇".encode() in out
    assert "RawSummary1 ␛]52;c;ZXZpbA==␇".encode() in out
    assert code == 0
    assert visited["overview"] < visited["funnel"] < visited["journal"] < visited["agenda"]


def _bytes_per_move(tmp_path: Path, empty_database: Path, screen: bytes, title: bytes, moves: int = 4) -> list[int]:
    """Bytes written for each of ``moves`` cursor moves down, on a demo database at 120x40."""
    from netui.store import demo
    from tests.cli.files import filled_database
    from tests.conftest import TODAY

    # What `netui demo --no-tui --people 120` writes (its defaults: 25 interactions a person, seed 7).
    db = filled_database(empty_database, tmp_path / "demo.db",
                         lambda handle: demo.generate(handle, 120, 120 * 25, seed=7, today=TODAY))
    app = PtyApp([*NETUI, "--db", str(db)], cols=120, rows=40)
    app.start()
    try:
        app.wait_for(b"Overview", timeout=30)
        app.settle(0.5)
        app.key_until(screen, title, timeout=15)
        app.settle(1.0)
        app.press(DOWN, quiet=0.4)  # the first move may still draw what the start left
        return [app.press(DOWN, quiet=0.4)[2] for _ in range(moves)]
    finally:
        app.stop()


def test_a_funnel_cursor_move_sends_under_a_kilobyte(tmp_path: Path, empty_database: Path):
    """Over SSH every byte counts: a move on the Funnel sends the two cards and, in the
    side panel, each changed line only as far as it changed (it was 7-18 kB, then 2.2-3.7 kB)."""
    import statistics

    moves = _bytes_per_move(tmp_path, empty_database, b"2", b"Funnel")
    assert all(n > 0 for n in moves), moves
    assert statistics.median(moves) < 1000, moves


def test_a_people_cursor_move_stays_a_few_hundred_bytes(tmp_path: Path, empty_database: Path):
    import statistics

    moves = _bytes_per_move(tmp_path, empty_database, b"4", b"People")
    assert all(n > 0 for n in moves), moves
    assert statistics.median(moves) < 500, moves
