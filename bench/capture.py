"""Time calendar and mail capture, and measure their peak memory, on generated files:
an .ics of N events (default 10,000, a tenth of them weekly series) and an mbox of M
messages (default 100,000), against a database of 1,000 people with email addresses.
Each import runs as the real `netui import` command in a child process, whose peak
resident memory is read from the operating system.

    python bench/capture.py [--events N] [--messages M] [--body-bytes B]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEOPLE = 1_000
ME = "me@example.com"


def people_db(path: Path) -> None:
    from netui.domain.models import PersonDraft
    from netui.store.db import Database
    from netui.store.imports import ImportPlan, apply_import

    with Database.open(path) as db:
        apply_import(db, ImportPlan(adds=[
            PersonDraft(name=f"Person {i}", email=f"person{i}@example.com") for i in range(PEOPLE)
        ]))


def calendar(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//netui bench//EN\r\n")
        for i in range(n):
            day = 1 + i % 28
            month = 1 + (i // 28) % 12
            year = 2024 + (i // 336) % 2
            rule = "RRULE:FREQ=WEEKLY;COUNT=10\r\n" if i % 10 == 0 else ""
            who = "".join(
                f"ATTENDEE;CN=Person {k};PARTSTAT=ACCEPTED:mailto:person{k}@example.com\r\n"
                for k in ((i * 7) % (PEOPLE + 200), (i * 13) % (PEOPLE + 200))
            )
            link = "DESCRIPTION:https://meet.google.com/abc-defg-hij\r\n" if i % 4 == 0 else ""
            out.write(
                f"BEGIN:VEVENT\r\nUID:event-{i}@bench\r\nDTSTAMP:20240101T000000Z\r\n"
                f"DTSTART;TZID=Europe/Berlin:{year}{month:02d}{day:02d}T{9 + i % 8:02d}0000\r\n"
                f"DTEND;TZID=Europe/Berlin:{year}{month:02d}{day:02d}T{9 + i % 8:02d}3000\r\n"
                f"SUMMARY:{'Coffee' if i % 3 == 0 else 'Meeting'} {i}\r\n{rule}{link}"
                f"ORGANIZER:mailto:{ME}\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}\r\n{who}END:VEVENT\r\n"
            )
        out.write("END:VCALENDAR\r\n")


def mbox(path: Path, n: int, body_bytes: int) -> None:
    body = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n" * (body_bytes // 57 + 1))[:body_bytes]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for i in range(n):
            k = (i * 7) % (PEOPLE * 3)  # two in three senders are unknown
            thread = i - i % 5
            sender, to = (f"person{k}@example.com", ME) if i % 2 else (ME, f"person{k}@example.com")
            bulk = "List-Id: <news.example.com>\n" if i % 10 == 9 else ""
            refs = f"In-Reply-To: <m{thread}@bench>\nReferences: <m{thread}@bench>\n" if i != thread else ""
            day = 1 + i % 28
            out.write(
                f"From {sender} Mon Jan  1 00:00:00 2024\n"
                f"From: Someone <{sender}>\nTo: <{to}>\nSubject: Re: topic {thread}\n"
                f"Date: Mon, {day:02d} Jan 2024 10:00:00 +0000\nMessage-ID: <m{i}@bench>\n{refs}{bulk}\n{body}\n\n"
            )


CHILD = (
    "import resource, sys\n"
    "from netui.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print('peak-kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Seconds, the child's own peak resident MB, and its output."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    peak_kb = int(result.stderr.rsplit("peak-kb", 1)[1].split()[0])  # kilobytes on Linux
    return seconds, peak_kb / 1024, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--body-bytes", type=int, default=2_000, help="body size of each message")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "bench.db"
        people_db(db)
        env = {**os.environ, "NETUI_DB": str(db), "TZ": "America/New_York"}
        env.pop("NETUI_TODAY", None)

        ics = folder / "calendar.ics"
        calendar(ics, opts.events)
        seconds, peak, out = timed(["import", "calendar", str(ics), "--me", ME], env)
        print(f"calendar: {opts.events:,} events ({ics.stat().st_size / 1e6:.1f} MB): {seconds:.1f} s, "
              f"peak {peak:.0f} MB RSS")
        print("   " + out.splitlines()[1])
        seconds, peak, out = timed(["import", "calendar", str(ics)], env)
        print(f"  again (nothing new): {seconds:.1f} s")

        box = folder / "mail.mbox"
        mbox(box, opts.messages, opts.body_bytes)
        size = box.stat().st_size
        seconds, peak2, out = timed(["import", "mail", str(box), "--me", ME], env)
        print(f"mail: {opts.messages:,} messages ({size / 1e6:.0f} MB): {seconds:.1f} s, peak {peak2:.0f} MB RSS")
        print("   " + out.splitlines()[1])
        seconds, _, out = timed(["import", "mail", str(box)], env)
        print(f"  again (nothing new): {seconds:.1f} s")


if __name__ == "__main__":
    main()
