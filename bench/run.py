"""netui's benchmarks: one command, a table on screen, results as JSON.

    python bench/run.py                 # on the cached 10,000-person database
    python bench/run.py --people 300 --interactions 3000 --repeat 2   # a quick run

The big database (10,000 people, 200,000 interactions) is generated once with
`netui demo` and cached in bench/.cache/. Every figure is a median over repeated
runs with its spread (min–max), measured on the bytes the app writes to a real
pseudo-terminal, as a terminal over SSH would receive them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ptyrun import PtyApp  # noqa: E402

BIN = Path(sys.executable).parent
NETUI = [str(BIN / "netui")] if (BIN / "netui").exists() else [sys.executable, "-m", "netui"]

# Written once the first screen (the Overview) has painted real data (not its "loading…" title).
DATA_PAINTED = re.compile(rb"netui \xc2\xb7 Overview \xc2\xb7 [^\r\n]*?[0-9,]+ people")

# Each screen: its key, and text that is on screen only once it has painted its data.
SCREENS = [
    ("overview", b"1", "Overview"),
    ("funnel", b"2", "Funnel"),
    ("journal", b"3", "Journal"),
    ("people", b"4", "People"),
    ("agenda", b"5", "Agenda"),
]


def ensure_db(people: int, interactions: int, fresh: bool = False) -> Path:
    cache = HERE / ".cache"
    cache.mkdir(exist_ok=True)
    path = cache / f"demo-{people}-{interactions}.db"
    if fresh and path.exists():
        path.unlink()
    if not path.exists():
        print(f"generating {path.name} (once) …", file=sys.stderr)
        tmp = path.with_suffix(".tmp.db")
        for leftover in cache.glob(tmp.name + "*"):
            leftover.unlink()
        subprocess.run(
            [*NETUI, "demo", "--people", str(people), "--interactions", str(interactions), "--no-tui", "--db", str(tmp)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        sqlite3.connect(tmp).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
        os.replace(tmp, path)
    return path


def stats(samples: list[float], scale: float = 1000.0) -> dict[str, float]:
    samples = [x for x in samples if x == x]  # drop NaN: a key that drew nothing
    if not samples:
        return {"median": float("nan"), "min": float("nan"), "max": float("nan"), "n": 0}
    return {
        "median": round(statistics.median(samples) * scale, 1),
        "min": round(min(samples) * scale, 1),
        "max": round(max(samples) * scale, 1),
        "n": len(samples),
    }


def title_marker(screen: str) -> bytes:
    return f"netui · {screen}".encode()


def startup(argv: list[str], marker: bytes, repeat: int, env: dict[str, str] | None = None) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds) from start until ``marker`` is on screen, per run."""
    times = []
    for _ in range(repeat):
        app = PtyApp(argv, env=env or {})
        app.start()
        wall = app.wait_for(marker, timeout=60)
        times.append((wall, app.cpu_seconds()))
        app.stop()
    return times


def startups(db: Path, repeat: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """The bare app and netui started in turns, so a busy spell on a shared machine
    weighs on both alike rather than on whichever ran during it."""
    bare: list[tuple[float, float]] = []
    netui: list[tuple[float, float]] = []
    for _ in range(repeat):
        bare += startup([sys.executable, str(HERE / "bare_app.py")], b"bare-app-ready", 1)
        netui += startup([*NETUI, "--db", str(db)], DATA_PAINTED, 1)
    return bare, netui


def compile_bytecode() -> None:
    """An installed netui has its bytecode compiled (pip does it), as Textual's is; an
    editable checkout may not (PYTHONDONTWRITEBYTECODE), which would time the compiler."""
    import compileall

    compileall.compile_dir(str(HERE.parent / "netui"), quiet=1)


def _presses(app: PtyApp, keys: list[bytes], quiet: float = 0.2) -> dict[str, object]:
    """Key to first repaint and key to the last byte of the repaint, over several presses."""
    results = [app.press(k, quiet=quiet) for k in keys]
    results = [r for r in results if r[2]]
    if not results:
        return {"first": None, "done": None, "bytes": 0}
    return {
        "first": stats([r[0] for r in results]),
        "done": stats([r[1] for r in results]),
        "bytes": int(statistics.median([r[2] for r in results])),
    }


def _typing(app: PtyApp, text: bytes, label: bytes) -> dict[str, object]:
    """Type ``text`` into a filter, a key at a time: key to the first repaint (the field's
    echo), and key to the repaint that shows the filtered rows (recognised by the title,
    which netui updates in the same frame as the rows: "filter: ada l")."""
    first, rows = [], []
    typed = b""
    for key in text:
        typed += bytes([key])
        if key == ord(" "):  # a space changes no filter: nothing to wait for
            os.write(app.fd, bytes([key]))
            app.settle(0.3)
            continue
        app.settle(0.3)
        mark = len(app.output)
        t0 = time.perf_counter()
        os.write(app.fd, bytes([key]))
        seen_first = None
        while label + typed not in app.output[mark:]:
            if time.perf_counter() - t0 > 10:
                raise TimeoutError(f"{label + typed!r} not shown")
            if app.read(0.005) and seen_first is None:
                seen_first = time.perf_counter() - t0
        rows.append(time.perf_counter() - t0)
        first.append(seen_first if seen_first is not None else rows[-1])
    app.settle(0.3)
    return {"first": stats(first), "done": stats(rows), "bytes": 0}


def first_visits(db: Path, starts: int) -> dict[str, object]:
    """Each screen's first visit, in ``starts`` fresh processes: a first visit happens once
    a process, so one session gives one figure. Each start waits as a user would (the
    read-ahead that follows the first screen has finished) before visiting in turn."""
    visits: dict[str, list[tuple[float, float, int]]] = {}
    for _ in range(starts):
        app = PtyApp([*NETUI, "--db", str(db)])
        app.start()
        try:
            app.wait_for(DATA_PAINTED, timeout=60)
            app.settle(1.0)
            time.sleep(2.0)
            app.settle(0.2)
            for name, key, _title in SCREENS[1:]:
                visits.setdefault(name, []).append(app.press(key, quiet=0.4))
        finally:
            app.stop()
    return {
        name: {"first": stats([r[0] for r in runs]), "done": stats([r[1] for r in runs]),
               "bytes": int(statistics.median(r[2] for r in runs))}
        for name, runs in visits.items()
    }


def session(db: Path, repeat: int) -> dict[str, object]:
    """One long session, as a user would use it: every screen, filters, moves, a log."""
    out: dict[str, object] = {}
    app = PtyApp([*NETUI, "--db", str(db)])
    app.start()
    app.wait_for(DATA_PAINTED, timeout=60)
    app.settle(1.0)
    # Idle first, before any notification is on screen (they repaint as they expire).
    time.sleep(2.0)
    _, out["idle_bytes_per_2s"] = app.settle(0.2)
    # A first visit right after the first screen is up: each screen builds then.

    first_visit: dict[str, object] = {}
    for name, key, _title in SCREENS[1:]:
        first_visit[name] = _presses(app, [key], quiet=0.4)
    app.press(b"1", quiet=0.4)
    out["first_visit"] = first_visit
    switches: dict[str, list[bytes]] = {}
    for name, key, _title in SCREENS:
        switches[name] = [key]
    switch = {}
    for name, key, _title in SCREENS:
        samples = []
        for _ in range(repeat):
            samples.append(app.press(b"1" if key != b"1" else b"4", quiet=0.3))
            samples.append(app.press(key, quiet=0.3))
        mine = samples[1::2]
        switch[name] = {
            "first": stats([s[0] for s in mine]),
            "done": stats([s[1] for s in mine]),
        }
    out["switch"] = switch

    app.press(b"4", quiet=0.4)
    moves = _presses(app, [b"\x1b[B"] * max(repeat * 3, 5), quiet=0.15)
    out["cursor_move"] = moves

    app.press(b"/", quiet=0.3)
    out["people_filter"] = _typing(app, b"ada lo", b"filter: ")
    app.press(b"\x1b", quiet=0.3)
    out["people_ring_move"] = _presses(app, [b">", b"<"] * repeat, quiet=0.2)

    app.press(b"2", quiet=0.5)
    out["funnel_ring_move"] = _presses(app, [b">", b"<"] * repeat, quiet=0.2)

    app.press(b"3", quiet=0.5)
    app.press(b"/", quiet=0.3)
    out["journal_search"] = _typing(app, b"coffee", b"search: ")
    app.press(b"\x1b", quiet=0.3)

    logs = []
    for _ in range(repeat):
        app.press(b"5", quiet=0.5)
        app.press(b"l", quiet=0.4)
        app.press(b"bench log", quiet=0.2)
        logs.append(app.press(b"\x13", quiet=0.4))  # ctrl+s: saved, the agenda line goes
    logs = [r for r in logs if r[2]]
    out["agenda_log"] = {
        "first": stats([r[0] for r in logs]) if logs else None,
        "done": stats([r[1] for r in logs]) if logs else None,
    }
    out["peak_rss_mb"] = round(app.peak_rss_mb(), 1)
    app.stop()
    return out


def first_paint_bytes(db: Path) -> int:
    app = PtyApp([*NETUI, "--db", str(db)])
    app.start()
    app.wait_for(DATA_PAINTED, timeout=60)
    app.settle(1.0)
    size = len(app.output)
    app.stop()
    return size


def fts(db: Path, repeat: int) -> dict[str, float]:
    """What one search in the Journal runs: the count of matches and the first page of
    them, newest first, through netui's own store functions (in a separate process, so
    this script's process stays free of netui's database connection)."""
    script = f"""
import json, statistics, sys, time
from pathlib import Path
from netui.domain.journal import JournalFilter
from netui.store.db import Database
from netui.store.journal import count_journal, journal_slice
db = Database.open(Path({str(db)!r}), readonly=True)
samples = []
for term in ["coffee", "hiring", "platf", "rust", "burnout", "c", "intro"] * {repeat}:
    t0 = time.perf_counter()
    f = JournalFilter(text=term)
    total = count_journal(db, f)
    journal_slice(db, f, 0, 100, total)
    samples.append(time.perf_counter() - t0)
print(json.dumps(samples))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return stats(json.loads(result.stdout))


def command(argv: list[str], repeat: int) -> dict[str, float] | None:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if result.returncode != 0:
            return None
        samples.append(time.perf_counter() - t0)
    return stats(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=200_000)
    parser.add_argument("--db", type=Path, help="measure this database instead of a generated one")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="regenerate the cached database")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--only", choices=["startup"], help="measure start-up only (nothing is written)")
    args = parser.parse_args(argv)

    db = args.db or ensure_db(args.people, args.interactions, args.fresh)
    results: dict[str, object] = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "database": {"people": args.people, "interactions": args.interactions},
    }
    compile_bytecode()
    startup([*NETUI, "--db", str(db)], DATA_PAINTED, 1)  # once to warm the file cache
    bare, netui = startups(db, max(args.repeat, 2) * 4)
    results["startup_ms"] = {"bare_textual": stats([w for w, _ in bare]), "netui": stats([w for w, _ in netui])}
    results["startup_cpu_ms"] = {"bare_textual": stats([c for _, c in bare]), "netui": stats([c for _, c in netui])}
    results["startup_ratio"] = round(statistics.median(w for w, _ in netui) / statistics.median(w for w, _ in bare), 2)
    results["startup_cpu_ratio"] = round(
        statistics.median(c for _, c in netui) / statistics.median(c for _, c in bare), 2
    )
    # Each netui start is paired with the bare start just before it, so both met the
    # machine in the same mood: the median of those ratios is the steadier wall figure.
    results["startup_ratio_paired"] = round(statistics.median(n[0] / b[0] for b, n in zip(bare, netui)), 2)
    if args.only == "startup":
        print(render(results))
        return 0
    results["first_paint_bytes"] = first_paint_bytes(db)
    results.update(session(db, args.repeat))
    results["first_visit"] = first_visits(db, min(args.repeat, 5))  # more than the session's one
    results["fts_query_ms"] = fts(db, args.repeat)
    (HERE / ".cache").mkdir(exist_ok=True)  # where the export is written, with or without --db
    for name, cmd in (
        ("agenda", [*NETUI, "agenda", "--db", str(db)]),
        ("export_json", [*NETUI, "export", "json", "--db", str(db), "-o", str(HERE / ".cache" / "export.json")]),
    ):
        results[f"cli_{name}_ms"] = command(cmd, max(2, args.repeat // 2))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(render(results))
    print(f"\nwritten to {args.out}")
    return 0


def render(results: dict[str, object]) -> str:
    rows: list[tuple[str, str]] = []

    def ms(value: object) -> str:
        if isinstance(value, dict) and "median" in value:
            return f"{value['median']:.0f} ms ({value['min']:.0f}–{value['max']:.0f}, n={value['n']})"
        return "n/a" if value is None else str(value)

    def add(label: str, value: object, words: tuple[str, str] = ("first repaint", "done")) -> None:
        if isinstance(value, dict) and "first" in value:
            rows.append((label, f"{words[0]} {ms(value['first'])}; {words[1]} {ms(value['done'])}"))
        else:
            rows.append((label, ms(value)))

    startup_ms = results["startup_ms"]
    cpu_ms = results["startup_cpu_ms"]
    add("start-up CPU, bare Textual app", cpu_ms["bare_textual"])
    add("start-up CPU, netui to first data", cpu_ms["netui"])
    add("start-up CPU ratio (target ≤ 1.5)", results["startup_cpu_ratio"])
    add("start-up wall, bare Textual app", startup_ms["bare_textual"])
    add("start-up wall, netui to first data", startup_ms["netui"])
    add("start-up wall ratio of medians (target ≤ 1.5)", results["startup_ratio"])
    add("start-up wall ratio, median of paired runs", results.get("startup_ratio_paired"))
    for name, value in results.get("first_visit", {}).items():
        add(f"first visit to {name}", value)
    for name, value in results.get("switch", {}).items():
        add(f"switch to {name}", value)
    add("cursor move on People", results.get("cursor_move"))
    add("cursor move, bytes sent", (results.get("cursor_move") or {}).get("bytes"))
    add("first paint, bytes sent", results.get("first_paint_bytes"))
    add("typing a People filter", results.get("people_filter"), ("echo", "rows shown"))
    add("ring move on People", results.get("people_ring_move"))
    add("ring move on the Funnel", results.get("funnel_ring_move"))
    add("typing a Journal search", results.get("journal_search"), ("echo", "rows shown"))
    add("log from the Agenda (ctrl+s)", results.get("agenda_log"))
    add("full-text search (count + first page)", results.get("fts_query_ms"))
    add("peak memory (MB)", results.get("peak_rss_mb"))
    add("bytes while idle (2 s)", results.get("idle_bytes_per_2s"))
    add("netui agenda (whole process)", results.get("cli_agenda_ms"))
    add("netui export json (whole process)", results.get("cli_export_json_ms"))
    width = max(len(label) for label, _ in rows)
    lines = [f"{'measure':<{width}}  result", f"{'-' * width}  {'-' * 40}"]
    lines += [f"{label:<{width}}  {text}" for label, text in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
