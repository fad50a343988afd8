"""Time importing a generated LinkedIn export of N connections (default 10,000), then
re-importing a newer export of the same people (every row matched, a few job changes),
then an address book of N vCards, and exporting it again.

    python bench/import_linkedin.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from netui.io import formats
from netui.store.db import Database

FIRST = ["Ada", "Grace", "Alan", "Katherine", "Zoë", "Søren", "Margaret", "Linus", "Dorothy", "Mary", "Jean", "Barbara"]
LAST = ["Lovelace", "Hopper", "Turing", "Johnson", "Ångström", "Kierkegaard", "Hamilton", "Vaughan", "Jackson", "Liskov"]
COMPANIES = ["Analytical Engines", "US Navy, Reserve", "NASA", "Ørsted", "MIT", "Initech", "Globex", "Hooli"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PREAMBLE = 'Notes:\r\n"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n\r\n'


def linkedin_csv(n: int, job_change_every: int = 0) -> str:
    """A Connections.csv of ``n`` people; with ``job_change_every``, every k-th person has a new position."""
    lines = [PREAMBLE + "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i in range(n):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        company = COMPANIES[i % len(COMPANIES)]
        position = "Engineer" if not (job_change_every and i % job_change_every == 0) else "Head of Engineering"
        email = f"person{i}@example.com" if i % 5 == 0 else ""
        date = f"{1 + i % 28} {MONTHS[i % 12]} {2010 + i % 15}"
        lines.append(f'{first},{last} {i},https://www.linkedin.com/in/p-{i},{email},"{company}",{position},{date}')
    return "\r\n".join(lines) + "\r\n"


def vcards(n: int) -> str:
    """An address book of ``n`` cards of ten properties each, as a phone would write it."""
    cards = []
    for i in range(n):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        org = COMPANIES[i % len(COMPANIES)].replace(",", "\\,")
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"N:{last} {i};{first};;;\r\nFN:{first} {last} {i}\r\n"
            f"ORG:{org}\r\nTITLE:Engineer\r\n"
            f"EMAIL;TYPE=INTERNET;TYPE=WORK:person{i}@example.com\r\nTEL;TYPE=CELL:+44 20 7946 {i:04d}\r\n"
            f"URL:https://www.linkedin.com/in/p-{i}\r\nADR;TYPE=HOME:;;{i} High Street;London;;;UK\r\n"
            f"BDAY:19{50 + i % 50}-0{1 + i % 9}-1{i % 10}\r\nNOTE:Met at a conference\\, year {2000 + i % 25}.\r\n"
            "END:VCARD\r\n"
        )
    return "".join(cards)


def main(n: int = 10_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = Database.open(folder / "bench.db")
        first = folder / "Connections.csv"
        first.write_text(linkedin_csv(n), encoding="utf-8-sig")
        newer = folder / "Connections-newer.csv"
        newer.write_text(linkedin_csv(n, job_change_every=50), encoding="utf-8-sig")
        for label, path in (("first import", first), ("re-import, all matched", newer)):
            start = time.perf_counter()
            report = formats.import_file(db, "linkedin", path)
            took = time.perf_counter() - start
            print(f"{label:<24} {n:,} rows in {took:.2f} s  ({report.summary()}, {len(report.job_changes):,} job changes)")
        db.close()
        db = Database.open(folder / "cards.db")
        book = folder / "contacts.vcf"
        book.write_text(vcards(n), encoding="utf-8", newline="")
        start = time.perf_counter()
        report = formats.import_file(db, "vcard", book)
        print(f"{'vCard import':<24} {n:,} cards in {time.perf_counter() - start:.2f} s  ({report.summary()})")
        start = time.perf_counter()
        text = formats.export(db, "vcard")
        print(f"{'vCard export':<24} {n:,} cards in {time.perf_counter() - start:.2f} s  ({len(text) / 1e6:.1f} MB)")
        db.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
