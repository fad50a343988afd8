"""An idle netui writes nothing to the terminal: no blinking cursor, no clock, no periodic repaint.

Measured on the bytes a real pseudo-terminal receives, as an SSH link would carry them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from netui.store import demo
from netui.store import models as m
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from ptyrun import PtyApp  # noqa: E402

IDLE_SECONDS = 2.0


def _idle_bytes(app: PtyApp) -> int:
    app.settle(0.5)  # let the last repaint finish
    _until_still(app)
    return len(app.read(IDLE_SECONDS))


def _until_still(app: PtyApp, timeout: float = 20.0) -> None:
    """Until the process stops using the processor: what it was still doing (the screens
    it loads ahead once the Overview is up) may hold back a repaint on a busy machine
    beyond any quiet spell, and that repaint is not idle output."""
    import time

    deadline = time.monotonic() + timeout
    before = app.cpu_seconds()
    while time.monotonic() < deadline:
        app.read(0.3)
        now = app.cpu_seconds()
        if now == before:
            return
        before = now


def test_an_idle_app_writes_nothing_even_with_a_text_field_focused(db, db_path: Path):
    demo.generate(db, people=30, interactions=200, seed=3, today=TODAY)
    db.close()
    # watch_seconds stays at its default (2 s): looking for other sessions' changes must not repaint.
    app = PtyApp([sys.executable, "-m", "netui", "--db", str(db_path)], cols=80, rows=24)
    app.start()
    try:
        app.wait_for(b"Overview", timeout=30)
        app.settle(1.0)
        idle = {"Overview": _idle_bytes(app)}
        for keys, state in [
            (b"4", "People"),
            (b"/", "People, filter field focused"),
            (b"\x1b", None),
            (b"5", "Agenda"),
            (b"2", "Funnel"),
            (b"3", "Journal"),
            (b"a", "the add form (name field focused)"),
            (b"\x1b", None),
            (b"l", "the log form"),
        ]:
            app.key(keys, quiet=0.4)
            if state:
                idle[state] = _idle_bytes(app)
        assert app.proc.poll() is None
    finally:
        app.stop()
    assert idle == {state: 0 for state in idle}
    assert b"Add a person" in app.output and b"Log an interaction" in app.output  # the forms really were open
