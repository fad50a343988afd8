"""LinkedIn's "Connections.csv" (Settings → Data privacy → Get a copy of your data).

Real exports open with a few lines of notes before the header, so the header is
found by what it says, never by counting lines. Most email cells are empty (people
choose whether to share it). Dates look like ``12 Mar 2024``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from netui.domain.text import match_key
from netui.io.common import (
    FormatError,
    Incoming,
    Parsed,
    Skip,
    check_incoming_name,
    checked_email,
    CsvRows,
    cleaned,
    extra_cells_problem,
    line_break_problem,
    read_text,
    too_long,
)

COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "email address": "email",
    "email": "email",
    "company": "company",
    "position": "title",
    "connected on": "connected_on",
}
REQUIRED = ("first", "last")

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
            ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
            ("nov", "november"), ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}


def parse_connected_on(text: str) -> date | None:
    """``12 Mar 2024`` (LinkedIn's form), also ``12 March 2024`` and ``2024-03-12``. None if not a date.

    Month names are read here, not with strptime, so the machine's locale cannot change the answer.
    """
    text = " ".join(text.replace(",", " ").split())
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    parts = text.split(" ")
    if len(parts) != 3:
        return None
    day, month, year = parts
    if month.isdigit() or not day.isdigit():  # also accept "Mar 12 2024"
        month, day = day, month
    number = _MONTHS.get(month.casefold().rstrip("."))
    if number is None or not day.isdigit() or not year.isdigit() or len(year) != 4:
        return None
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def _header(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = COLUMNS.get(match_key(cell))
        if key and key not in found:
            found[key] = i
    return found if all(k in found for k in REQUIRED) else None


def parse(text: str, source: str = "Connections.csv", *, skip_bad: bool = False) -> Parsed:
    """Every line of the file is accounted for: a row that cannot be read (a stray quote running
    over the end of its line, more cells than columns, a value too long) stops the import with
    its line number, or with ``skip_bad`` is left out and listed."""
    parsed = Parsed(source=f"{source} (LinkedIn)")
    columns: dict[str, int] | None = None
    width = 0
    rows = CsvRows(text, source, skip_bad=skip_bad)
    rows.preamble = True  # the notes before the header are free text, not rows
    for row in rows:
        line, cells = row.line, row.cells
        if columns is None:
            if row.end > row.line:
                rows.reject(row, "notes")  # read on from the next line: the header may be there
                continue
            columns = _header(cells)
            width = len(cells)
            rows.preamble = columns is None
            continue
        if not any(c.strip() for c in cells):
            continue
        problem = line_break_problem(row) or extra_cells_problem(row, width)
        if problem:
            rows.reject(row, problem)
            continue

        def get(key: str, multiline: bool = False) -> str:
            i = columns.get(key)
            return cleaned(cells[i], multiline=multiline) if i is not None and i < len(cells) else ""

        name = " ".join(p for p in (get("first"), get("last")) if p)
        reason = check_incoming_name(name)
        if reason:
            parsed.skipped.append(Skip(line, reason))
            continue
        connected = get("connected_on")
        extra: dict[str, str] = {}
        if connected:
            day = parse_connected_on(connected)
            if day is None:
                # The person is worth having; only the date is lost, and the report says so.
                parsed.warnings.append(
                    Skip(line, f"kept {name}, not the date {connected!r} in Connected On")
                )
            else:
                extra["connected_on"] = day.isoformat()
        record = Incoming(
            line=line,
            name=name,
            company=get("company"),
            title=get("title"),
            email=checked_email(parsed, line, get("email")),
            url=get("url"),
            extra=extra,
        )
        problem = too_long(record)
        if problem:
            rows.reject(row, problem)
            continue
        parsed.records.append(record)
    parsed.skipped.extend(rows.bad)
    parsed.skipped.sort(key=lambda skip: skip.line)
    if columns is None:
        raise FormatError(
            f"{source} has no LinkedIn header (First Name, Last Name, URL, …); is it LinkedIn's Connections.csv?"
        )
    return parsed


def parse_file(path: str | Path, *, skip_bad: bool = False) -> Parsed:
    return parse(read_text(path, "CSV"), Path(path).name, skip_bad=skip_bad)
