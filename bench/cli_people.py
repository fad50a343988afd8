"""The people commands timed as a script runs them: the whole process, start to exit.

    python bench/cli_people.py DB [--repeat 5] [--json]

DB is any netui database (make one with `netui demo --people 10000 --no-tui --db FILE`).
Each command runs ``--repeat`` times after one warm-up run; printed are the median wall
time and the median CPU time (user + system) of the process, in seconds. On a busy
machine the wall time grows with the load while the CPU time stays near what an idle
machine's wall time would be. Nothing is written to the database.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "people --json": ["people", "--json"],
    "people (text)": ["people"],
    "people net:peer --sort due --json": ["people", "net:peer", "--sort", "due", "--json"],
    "show #1 --json": ["show", "#1", "--json"],
    "duplicates --json": ["duplicates", "--json"],
}


def run_once(args: list[str], db: str) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "netui", *args, "--db", db], check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "NETUI_TODAY": "2026-03-14"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = {}
    for name, command in COMMANDS.items():
        run_once(command, args.db)
        samples = [run_once(command, args.db) for _ in range(args.repeat)]
        results[name] = {"wall_s": round(statistics.median(s[0] for s in samples), 3),
                         "cpu_s": round(statistics.median(s[1] for s in samples), 3)}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, r in results.items():
            print(f"{name:<40} wall {r['wall_s']:.3f} s   cpu {r['cpu_s']:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
