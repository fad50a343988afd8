"""Journal benchmark on a big database: store queries, and the screen as a user drives it.

    python bench/journal_bench.py [DB]

DB defaults to /tmp/netui-bench.db, made on first use with
`netui demo --people 10000 --interactions 200000 --no-tui` (about 12 s). The UI part runs
the real app headless and records, besides each wait, the longest the event loop went
without running (the "stall"): that is what a user would feel as a freeze.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

TODAY = date(2026, 3, 14)


def ensure_db(path: Path) -> Path:
    if not path.exists():
        print(f"making {path} (10,000 people, 200,000 interactions)…", flush=True)
        subprocess.run(
            [sys.executable, "-m", "netui", "demo", "--people", "10000", "--interactions", "200000", "--no-tui",
             "--db", str(path)],
            check=True, env={**os.environ, "NETUI_TODAY": TODAY.isoformat()},
        )
    return path


def timed(fn, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def bench_store(path: Path) -> None:
    from netui.store import journal as j
    from netui.store.db import open_database

    open_database(path)
    filters = {
        "everything": j.JournalFilter(),
        "kind=coffee": j.JournalFilter(kind="coffee"),
        "search 'rust'": j.JournalFilter(text="rust"),
        "search 'e' (74k hits)": j.JournalFilter(text="e"),
        "one person": j.JournalFilter(person_id=5),
        "follow-ups open": j.JournalFilter(open_follow_ups=True),
        "since 90 days": j.JournalFilter(since=date(2025, 12, 14)),
        "search+kind": j.JournalFilter(text="plat migr", kind="email"),
    }
    print(f"{'store (median ms)':<24}{'rows':>8}{'count':>8}{'first':>8}{'next*':>8}{'last':>8}{'middle':>8}")
    for label, f in filters.items():
        n = j.count_journal(f)
        first = j.journal_slice(f, 0, 100, n)
        key = (first[-1].date, first[-1].id) if first else None
        print(
            f"{label:<24}{n:>8,}"
            f"{timed(lambda: j.count_journal(f)):>8.1f}"
            f"{timed(lambda: j.journal_slice(f, 0, 100, n)):>8.1f}"
            f"{timed(lambda: j.journal_slice(f, 100, 200, n, after=key)):>8.1f}"
            f"{timed(lambda: j.journal_slice(f, max(n - 100, 0), n, n)):>8.1f}"
            f"{timed(lambda: j.journal_slice(f, n // 2, n // 2 + 100, n), repeat=3):>8.1f}"
        )
    print("  * next = the page after the first by keyset (what scrolling costs at any depth)")


def visible_rows(screen) -> range:
    table = screen.query_one("RowTable")
    top = int(table.scroll_y)
    return range(top, min(top + table.size.height - 1, len(screen.window)))


async def bench_ui(path: Path) -> None:
    from netui.ui.app import AppConfig, make_app
    from netui.ui.screens.journal import JournalScreen

    app = make_app(AppConfig(db_path=path, today=lambda: TODAY, watch_seconds=3600))
    # Query latency: from the moment a screen asks for rows to the moment they are on the table.
    latency: list[float] = []
    asked: dict[int, float] = {}
    original_load, original_loaded = JournalScreen._load, JournalScreen._loaded

    def load(self, generation, f, keep):
        asked[generation] = time.perf_counter()
        return original_load(self, generation, f, keep)

    def loaded(self, result):
        original_loaded(self, result)
        if result.generation in asked:
            latency.append((time.perf_counter() - asked.pop(result.generation)) * 1000)

    JournalScreen._load, JournalScreen._loaded = load, loaded
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        stall = {"max": 0.0, "last": time.perf_counter()}

        def tick() -> None:
            now = time.perf_counter()
            stall["max"] = max(stall["max"], now - stall["last"])
            stall["last"] = now

        app.set_interval(0.005, tick)

        async def until(label: str, keys: list[str], done) -> None:
            """Press ``keys``, then wait until ``done(generation_before)`` holds."""
            screen = app.screen
            before = getattr(screen, "generation", 0)
            stall["max"], stall["last"] = 0.0, time.perf_counter()
            start = time.perf_counter()
            seen = len(latency)
            await pilot.press(*keys)
            while not done(before):
                if time.perf_counter() - start > 30:
                    print(f"  {label}: gave up after 30 s")
                    return
                await asyncio.sleep(0.002)
            took = (time.perf_counter() - start) * 1000
            query = f"{latency[-1]:>6.0f} ms" if latency and len(latency) > seen else "      -"
            print(f"  {label:<36}{took:>8.0f} ms {query}   {stall['max'] * 1000:>5.0f} ms")

        def fresh(before: int) -> bool:
            screen = app.screen
            return (
                isinstance(screen, JournalScreen) and screen.window is not None
                and screen.generation > before and screen.window.generation == screen.generation
            )

        print("UI (120x40, real app, headless)    key→shown  query  longest UI stall")
        await until("3: open the Journal until rows shown", ["3"], lambda b: isinstance(app.screen, JournalScreen) and app.screen.loaded)
        screen = app.screen
        await until("/ r: search until results shown", ["slash", "r"], fresh)
        await until("u: 'ru'", ["u"], fresh)
        await until("s: 'rus'", ["s"], fresh)
        await until("t: 'rust'", ["t"], fresh)
        await until("esc: clear search until all rows", ["escape"], fresh)
        await until("G: last of 200,000 until drawn", ["G"], lambda b: (len(screen.window) - 1) in screen.window.rows)
        await until("pagedown x5 from the top", ["g", *["pagedown"] * 5],
                    lambda b: all(i in screen.window.rows for i in visible_rows(screen)))
        await until("o: follow-ups open", ["o"], fresh)
        await until("x: clear filters", ["x"], fresh)
        await pilot.press("ctrl+p")  # nothing else: leave
        await pilot.press("escape")


def main() -> None:
    path = ensure_db(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/netui-bench.db"))
    bench_store(path)
    asyncio.run(bench_ui(path))


if __name__ == "__main__":
    main()
