"""The store's reads, timed on their own: what each screen's load and each filter key costs
in SQLite and Python, without the terminal.

    python bench/store.py DB [--repeat 5]

DB is any netui database (make one with `netui demo --people 10000 --interactions 200000
--no-tui --db FILE`). It is opened read-only. Prints the median and the slowest of the
CPU time of each read, in milliseconds, and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from netui.domain.journal import JournalFilter
from netui.domain.query import parse_query
from netui.store import journal, overview, people_query
from netui.store.db import Database
from netui.store.settings import load_settings

TODAY = date(2026, 3, 14)


def timed(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    fn()  # once to warm the page cache
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        samples.append((time.process_time() - start) * 1000)
    return {"median": round(statistics.median(samples), 1), "max": round(max(samples), 1)}


def measure(db: Database, repeat: int) -> dict[str, dict[str, float]]:
    settings = load_settings(db)
    out: dict[str, dict[str, float]] = {}

    def add(name: str, fn: Callable[[], object]) -> None:
        out[name] = timed(fn, repeat)

    add("overview (the first screen's load)", lambda: overview.overview(db, TODAY, settings))
    add("agenda (5 due people)", lambda: overview.agenda(db, TODAY, settings, limit=5))
    add("agenda (everyone due)", lambda: overview.agenda(db, TODAY, settings))
    for text in ("", "a", "ada", "ada lo", "ring:strategic net:peer", "tag:hiring", "due", "-ada", "company:globex"):
        spec = people_query.PeopleList(parse_query(text), my_company=settings.my_company)
        add(f"people filter {text!r}: count and first page",
            lambda spec=spec: (people_query.count_matching(db, spec, TODAY),
                               people_query.page(db, spec, TODAY, 0, 100, settings.cadence)))
    for sort in people_query.SORTS:
        spec = people_query.PeopleList(sort=sort)
        add(f"people sorted by {sort}: first page", lambda spec=spec: people_query.page(db, spec, TODAY, 0, 100))
    add("people: the last page", lambda: people_query.page(
        db, people_query.PeopleList(), TODAY, max(people_query.count_matching(db, people_query.PeopleList(), TODAY) - 100, 0), 100))
    for text in ("c", "coffee", "hiring platf"):
        f = JournalFilter(text=text)
        add(f"journal search {text!r}: count and first page",
            lambda f=f: journal.journal_slice(db, f, 0, 100, journal.count_journal(db, f)))
    add("journal: first page, no filter", lambda: journal.journal_slice(db, JournalFilter(), 0, 100, journal.count_journal(db, JournalFilter())))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    db = Database.open(args.db, readonly=True)
    people = db.execute("SELECT count(*) FROM person").fetchone()[0]
    interactions = db.execute("SELECT count(*) FROM interaction").fetchone()[0]
    results = measure(db, args.repeat)
    if args.json:
        print(json.dumps({"people": people, "interactions": interactions, "cpu_ms": results}, indent=2))
        return 0
    print(f"{people:,} people, {interactions:,} interactions: CPU ms, median (max) of {args.repeat}")
    width = max(len(name) for name in results)
    for name, value in results.items():
        print(f"  {name:<{width}}  {value['median']:7.1f}  ({value['max']:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
