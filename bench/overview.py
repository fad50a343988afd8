"""How fast the Overview and the Agenda are on a large network.

    python bench/overview.py [--db PATH] [--people 10000] [--interactions 200000]

Builds the demo database once (about 15 s) if PATH does not exist, then measures:
the overview's queries one by one, the whole overview and agenda store calls, the
Overview screen from app start to painted data (headless), and `netui agenda`
as a whole process (what a login message costs). Prints medians in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

TODAY = date(2026, 3, 14)
ROOT = Path(__file__).resolve().parent.parent


def timed(fn: Callable[[], object], runs: int) -> str:
    """``median (best)`` in milliseconds: the best shows the cost on a quiet machine."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return f"{statistics.median(times):8.1f} ms  (best {min(times):.1f})"


def ensure_db(path: Path, people: int, interactions: int) -> None:
    if path.exists():
        return
    print(f"building {path} ({people:,} people, {interactions:,} interactions)…", flush=True)
    subprocess.run(
        [sys.executable, "-m", "netui", "demo", "--db", str(path), "--people", str(people),
         "--interactions", str(interactions), "--no-tui"],
        check=True, env={**os.environ, "NETUI_TODAY": TODAY.isoformat()},
    )


def bench_store(path: Path, runs: int) -> None:
    from netui.store import overview as ov
    from netui.store.db import open_database
    from netui.store.settings import load_settings

    open_database(path)
    settings = load_settings()
    cases: list[tuple[str, Callable[[], object]]] = [
        ("network summaries (4 panels)", lambda: ov.network_summaries(TODAY, settings)),
        ("ring strip + 30-day moves", lambda: ov.ring_strip(TODAY)),
        ("interactions per week", lambda: ov.weekly_interactions(TODAY)),
        ("follow-ups due (count)", lambda: ov.count_follow_ups_due(TODAY)),
        ("people / unsorted counts", ov.people_counts),
        ("whole overview", lambda: ov.overview(TODAY, settings)),
        ("whole agenda (every item)", lambda: ov.agenda(TODAY, settings)),
        ("agenda, first 5 people", lambda: ov.agenda(TODAY, settings, limit=5)),
    ]
    for label, fn in cases:
        print(f"  {label:<32} {timed(fn, runs)}")
    result = ov.agenda(TODAY, settings)
    print(f"  (agenda: {result.follow_ups:,} follow-ups, {result.networks} networks, {result.people:,} people due)")


def bench_paint(path: Path, runs: int) -> None:
    from netui.ui.app import AppConfig, make_app
    from netui.ui.screens.overview import OverviewScreen

    async def once() -> float:
        app = make_app(AppConfig(db_path=path, today=lambda: TODAY, watch_seconds=3600))
        start = time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            while not (isinstance(app.screen, OverviewScreen) and app.screen.data is not None):
                await asyncio.sleep(0.005)
            await pilot.pause()
            return (time.perf_counter() - start) * 1000

    times = [asyncio.run(once()) for _ in range(runs)]
    print(f"  {'app start to painted overview':<32} {statistics.median(times):8.1f} ms  (best {min(times):.1f})")


def bench_cli(path: Path, runs: int) -> None:
    env = {**os.environ, "NETUI_TODAY": TODAY.isoformat()}
    for args in (["agenda"], ["agenda", "--json"]):
        cmd = [sys.executable, "-m", "netui", *args, "--db", str(path)]
        subprocess.run(cmd, check=True, capture_output=True, env=env)  # warm the file cache

        def run() -> None:
            subprocess.run(cmd, check=True, capture_output=True, env=env)

        label = "netui " + " ".join(args) + " (process)"
        print(f"  {label:<32} {timed(run, runs)}")
    base = [sys.executable, "-c", "import netui.cli"]
    print(f"  {'(python + netui.cli import only)':<32} {timed(lambda: subprocess.run(base, check=True), runs)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/netui-bench.db"))
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    ensure_db(args.db, args.people, args.interactions)
    import sqlite3

    print(f"{args.db}: median (best) of {args.runs} runs, Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
    if hasattr(os, "getloadavg"):
        print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print("store")
    bench_store(args.db, args.runs)
    print("screen")
    bench_paint(args.db, max(3, args.runs // 2))
    print("command line")
    bench_cli(args.db, args.runs)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
