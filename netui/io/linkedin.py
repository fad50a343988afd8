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
    cleaned,
    csv_rows,
    read_text,
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


def parse(text: str, source: str = "Connections.csv") -> Parsed:
    parsed = Parsed(source=f"{source} (LinkedIn)")
    columns: dict[str, int] | None = None
    for line, cells in csv_rows(text):
        if columns is None:
            columns = _header(cells)
            continue
        if not any(c.strip() for c in cells):
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
        parsed.records.append(
            Incoming(
                line=line,
                name=name,
                company=get("company"),
                title=get("title"),
                email=checked_email(parsed, line, get("email")),
                url=get("url"),
                extra=extra,
            )
        )
    if columns is None:
        raise FormatError(
            f"{source} has no LinkedIn header (First Name, Last Name, URL, …); is it LinkedIn's Connections.csv?"
        )
    return parsed


def parse_file(path: str | Path) -> Parsed:
    return parse(read_text(path, "CSV"), Path(path).name)
