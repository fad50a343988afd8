"""Funnel board timings on a big database.

    netui demo --people 10000 --interactions 200000 --no-tui --db /tmp/big-funnel.db
    python bench/funnel_bench.py /tmp/big-funnel.db

Works on a copy of the file, so the database you pass is never changed. Keys are posted
the way the terminal driver posts them; a time ends at the first repaint of the screen
after the change (Textual's headless driver renders but writes nothing to a terminal).
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from textual import events

from netui.store.db import open_database
from netui.ui.app import AppConfig, make_app
from netui.ui.screens.funnel import FunnelScreen

TODAY = date(2026, 3, 14)


async def until(condition, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the board did not get there in time")
        await asyncio.sleep(0.0005)


class Frames:
    """Timestamps of the screen's repaints, so "until the repaint" means what it says."""

    def __init__(self, screen) -> None:
        self.times: list[float] = []
        original = screen._compositor_refresh

        def timed() -> None:
            original()
            self.times.append(time.perf_counter())

        screen._compositor_refresh = timed

    async def after(self, moment: float) -> float:
        await until(lambda: self.times and self.times[-1] >= moment)
        return next(t for t in self.times if t >= moment)


def key(app, name: str, character: str | None = None) -> float:
    """Press a key the way the terminal driver does (no test-pilot waiting)."""
    t0 = time.perf_counter()
    app.post_message(events.Key(name, character))
    return t0


async def measure(path: Path) -> dict[str, float | list[float]]:
    open_database(path)
    app = make_app(AppConfig(db_path=path, today=lambda: TODAY, watch_seconds=3600))
    results: dict[str, float | list[float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await asyncio.sleep(1)  # the People screen's own load, which runs at start
        t0 = key(app, "2", "2")
        await until(lambda: isinstance(app.screen, FunnelScreen) and app.screen.loaded)
        screen = app.screen
        frames = Frames(screen)
        loaded = time.perf_counter()
        results["open_board_ms"] = ((await frames.after(loaded)) - t0) * 1000
        results["people"] = len(screen.rows)
        await pilot.pause()
        await asyncio.sleep(0.5)

        repaint, panel = [], []
        placed: list[float] = []  # when the card was put in its new column
        original_place = screen.place

        def place(*args, **kwargs):
            original_place(*args, **kwargs)
            placed.append(time.perf_counter())

        screen.place = place
        key(app, "l", "l")  # lukewarm: people can move both ways
        await asyncio.sleep(0.3)
        for i in range(20):
            name, char, ring_index = ("greater_than_sign", ">", 2) if i % 2 == 0 else ("less_than_sign", "<", 1)
            person = screen.selected_person_id()
            panel_before = screen._panel_loads
            placed.clear()
            t0 = key(app, name, char)
            await until(lambda: screen.column(ring_index).cursor_key == person and screen.active == ring_index)
            repaint.append(((await frames.after(placed[0])) - t0) * 1000)
            await until(lambda: screen._panel_loads > panel_before)
            panel.append(((await frames.after(time.perf_counter())) - t0) * 1000)
            await asyncio.sleep(0.3)
        results["move_ms"] = repaint
        results["panel_ms"] = panel

        t0 = key(app, "G", "G")
        await until(lambda: screen.column(screen.active).cursor == len(screen.column(screen.active).cards) - 1)
        results["jump_to_bottom_ms"] = ((await frames.after(time.perf_counter())) - t0) * 1000
        await asyncio.sleep(0.3)

        key(app, "slash", "/")
        await asyncio.sleep(0.3)
        t0 = key(app, "a", "a")
        await until(lambda: screen.needle == "a")
        results["filter_keystroke_ms"] = ((await frames.after(time.perf_counter())) - t0) * 1000
    return results


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/big-funnel.db")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bench.db"
        shutil.copyfile(source, copy)
        results = asyncio.run(measure(copy))
    moves = results.pop("move_ms")
    panel = results.pop("panel_ms")
    print(f"people on the board:        {results['people']:,}")
    print(f"open the board (key 2):     {results['open_board_ms']:.0f} ms")
    print(f"ring move, key to repaint:  median {statistics.median(moves):.0f} ms, worst {max(moves):.0f} ms (20 moves)")
    print(f"  … and the side panel:     median {statistics.median(panel):.0f} ms, worst {max(panel):.0f} ms")
    print(f"G to the bottom of a column: {results['jump_to_bottom_ms']:.0f} ms")
    print(f"one filter keystroke:       {results['filter_keystroke_ms']:.0f} ms")


if __name__ == "__main__":
    main()
