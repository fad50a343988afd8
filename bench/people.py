"""The People list's query filter, timed key by key as a user types it, and the changes to
many marked people, timed on a copy of the database.

    python bench/people.py DB [--repeat 5] [--json]

DB is any netui database (make one with `netui demo --people 10000 --interactions 200000
--no-tui --db FILE`). The filter runs on DB opened read-only: each prefix of each query
below costs what the People screen reads after that key (the count, the first page) and
what "mark all shown" reads (every matching id). The changes to many people (network,
ring step, tag, trash, and the undo of each) run on a temporary copy, each in one
transaction, on everyone. Prints wall-clock milliseconds, the median (and the slowest) of
``--repeat`` runs; the target for a key is under 50 ms.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from netui.domain.networks import Network
from netui.domain.query import parse_query
from netui.store import people, people_query
from netui.store.db import Database
from netui.store.settings import load_settings

TODAY = date(2026, 3, 14)
KEY_TARGET_MS = 50.0
# Typed one key at a time: words, fields, flags and an exclusion.
TYPED = ("ada lovelace", "ring:strategic net:peer", "tag:hiring -acme", "company:globex due", "net:none")


def timed(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    """Wall-clock ms (median, max) and the median CPU ms: on a busy machine the wall clock
    also counts the time other processes had the CPU, the CPU time only this one's work."""
    fn()  # once to warm the page cache
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return {"median": round(statistics.median(walls), 1), "max": round(max(walls), 1),
            "cpu": round(statistics.median(cpus), 1)}


def per_key(db: Database, repeat: int) -> dict[str, dict]:
    """For each query: each prefix's cost (the screen's load after that key) and the worst."""
    settings = load_settings(db)
    out: dict[str, dict] = {}
    for text in TYPED:
        keys = {}
        for end in range(1, len(text) + 1):
            spec = people_query.PeopleList(parse_query(text[:end]), my_company=settings.my_company)
            keys[text[:end]] = timed(
                lambda spec=spec: (people_query.count_matching(db, spec, TODAY),
                                   people_query.page(db, spec, TODAY, 0, 100, settings.cadence)), repeat)
        worst = max(keys.items(), key=lambda kv: kv[1]["median"])
        out[text] = {"keys": keys, "worst_prefix": worst[0], "worst_median": worst[1]["median"],
                     "worst_cpu": max(v["cpu"] for v in keys.values())}
    return out


def mark_all(db: Database, repeat: int) -> dict[str, dict[str, float]]:
    settings = load_settings(db)
    out = {}
    for text in ("", "net:none", "ring:cold", "a"):
        spec = people_query.PeopleList(parse_query(text), my_company=settings.my_company)
        out[f"mark all shown {text!r}"] = timed(lambda spec=spec: people_query.matching_ids(db, spec, TODAY), repeat)
    return out


def bulk_changes(source: Path) -> dict[str, float]:
    """Each change to everyone at once, and its undo, on a copy: one run each (they write)."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.db"
        shutil.copyfile(source, copy)
        db = Database.open(copy)
        try:
            ids = [pid for (pid,) in db.execute("SELECT id FROM person WHERE deleted_at IS NULL")]

            def run(name: str, fn: Callable[[], object]) -> object:
                start, cpu = time.perf_counter(), time.process_time()
                result = fn()
                out[name] = round((time.perf_counter() - start) * 1000, 1)
                out[f"{name} (cpu)"] = round((time.process_time() - cpu) * 1000, 1)
                return result

            change = run("network peer, everyone", lambda: people.toggle_network(db, ids, Network.PEER))
            run("undo the network", lambda: people.undo_network_change(db, change))
            moves = run("ring step in, everyone", lambda: people.step_rings(db, ids, True))
            run("undo the ring step", lambda: people.undo_ring_moves(db, moves))
            tagged = run("tag, everyone", lambda: people.tag_people(db, ids, "bench"))
            run("undo the tag", lambda: people.untag_people(db, tagged, "bench"))
            trashed = run("trash, everyone", lambda: people.trash_people(db, ids))
            run("undo the trash", lambda: people.restore_people(db, trashed))
        finally:
            db.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-writes", action="store_true", help="skip the changes to many people")
    args = parser.parse_args(argv)
    db = Database.open(args.db, readonly=True)
    try:
        count = db.execute("SELECT count(*) FROM person WHERE deleted_at IS NULL").fetchone()[0]
        typed = per_key(db, args.repeat)
        marks = mark_all(db, args.repeat)
    finally:
        db.close()
    bulk = {} if args.no_writes else bulk_changes(args.db)
    worst = max(q["worst_median"] for q in typed.values())
    worst_cpu = max(q["worst_cpu"] for q in typed.values())
    result = {"people": count, "key_target_ms": KEY_TARGET_MS, "worst_key_median_ms": worst,
              "worst_key_cpu_ms": worst_cpu,
              "typed_ms": typed, "mark_all_ms": marks, "bulk_ms": bulk}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{count:,} live people; ms: wall median (wall max) cpu median, of {args.repeat}; "
          f"target per key {KEY_TARGET_MS:.0f} ms")
    for text, q in typed.items():
        print(f"  typing {text!r}: worst key {q['worst_prefix']!r} {q['worst_median']:.1f} ms")
        for prefix, value in q["keys"].items():
            print(f"      {prefix!r:<28} {value['median']:7.1f}  ({value['max']:.1f})  {value['cpu']:.1f}")
    for name, value in marks.items():
        print(f"  {name:<30} {value['median']:7.1f}  ({value['max']:.1f})  {value['cpu']:.1f}")
    for name, ms in bulk.items():
        print(f"  {name:<36} {ms:8.1f}  (one transaction)")
    verdict = "within" if worst <= KEY_TARGET_MS else "OVER"
    print(f"worst key: {worst:.1f} ms wall, {worst_cpu:.1f} ms CPU ({verdict} the {KEY_TARGET_MS:.0f} ms target by the wall clock)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
