"""Plain CSV: any spreadsheet with a header row. Common header names are recognised
(``Name``, ``Full name``, ``First name`` + ``Last name``, ``Organization``, ``Job title``,
``E-mail``, Google's ``E-mail 1 - Value`` …); ``--map COLUMN=FIELD`` names the rest.

``netui export csv`` writes the headers this reader recognises, so its output imports back.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable
from pathlib import Path

from netui.domain.models import Membership, Person
from netui.domain.networks import NETWORK_ORDER, Network, PeerSide
from netui.domain.rings import Ring
from netui.domain.text import match_key
from netui.domain.validation import check_cadence, parse_tags
from netui.store.db import Database
from netui.store.exports import export_people
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

FIELDS = (
    "name", "first_name", "last_name", "company", "title", "email", "phone", "url", "location", "purpose", "notes",
    "ring", "networks", "tags", "offers", "keep_in_touch", "ignore",
)

# Header names (as match_key sees them, punctuation folded to spaces) -> field.
ALIASES: dict[str, str] = {}
for _field, _names in {
    "name": ("name", "full name", "display name", "contact", "contact name", "person"),
    "first_name": ("first name", "first", "given name", "firstname", "forename"),
    "last_name": ("last name", "last", "surname", "family name", "lastname"),
    "company": ("company", "organization", "organisation", "org", "employer", "organization 1 name",
                "organization name", "company name"),
    "title": ("title", "job title", "position", "role", "organization 1 title", "job"),
    "email": ("email", "e mail", "email address", "e mail address", "e mail 1 value", "email 1 value",
              "primary email", "mail"),
    "phone": ("phone", "telephone", "mobile", "cell", "phone number", "mobile phone", "phone 1 value", "tel"),
    "url": ("url", "profile", "profile url", "linkedin", "linkedin url", "website", "web page", "web site",
            "homepage", "website 1 value"),
    "location": ("location", "city", "town", "place"),
    "purpose": ("purpose", "why", "why them"),
    "notes": ("notes", "note", "comments", "comment", "description"),
    "ring": ("ring",),
    "networks": ("networks", "network"),
    "tags": ("tags", "tag", "categories", "labels", "group membership", "can help with", "help"),
    "offers": ("offers", "can offer", "you can offer", "offer"),
    "keep_in_touch": ("keep in touch", "keep in touch days", "cadence"),
}.items():
    for _name in _names:
        ALIASES[_name] = _field

_PUNCT = re.compile(r"[\s_\-:./()]+")


def header_key(cell: str) -> str:
    return _PUNCT.sub(" ", match_key(cell)).strip()


def parse_mapping(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["Org=company", "Mobile=phone"]`` -> {header key: field}; a bad pair raises FormatError."""
    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        target = target.strip().lower().replace("-", "_").replace(" ", "_")
        if not sep or not column.strip() or target not in FIELDS:
            raise FormatError(f"--map {pair!r} must be COLUMN=FIELD, with FIELD one of: {', '.join(FIELDS)}")
        out[header_key(column)] = target
    return out


def _header(cells: list[str], mapping: dict[str, str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = header_key(cell)
        target = mapping.get(key) or ALIASES.get(key)
        if target and target != "ignore" and target not in found:
            found[target] = i
    if "name" in found or "first_name" in found or "last_name" in found:
        return found
    return None


def _networks(text: str) -> tuple[Membership, ...]:
    """``peer (inside), mentor (distant)`` — the form ``netui export csv`` writes."""
    out: list[Membership] = []
    for part in text.split(","):
        word, _, note = part.strip().partition("(")
        if not word.strip():
            continue
        network = Network.parse(word)
        note = note.strip(" )").lower()
        out.append(
            Membership(
                network,
                peer_side=PeerSide(note) if network == Network.PEER and note in ("inside", "outside") else None,
                distant=network == Network.MENTOR and note == "distant",
            )
        )
    return tuple(out)


def parse(
    text: str, source: str = "people.csv", mapping: dict[str, str] | None = None, *, skip_bad: bool = False
) -> Parsed:
    """Every line of the file is accounted for: a row that cannot be read (a stray quote running
    over the end of its line outside the notes, more cells than columns, a value too long) stops
    the import with its line number, or with ``skip_bad`` is left out and listed."""
    mapping = mapping or {}
    parsed = Parsed(source=f"{source} (CSV)")
    columns: dict[str, int] | None = None
    csv_rows = CsvRows(text, source, skip_bad=skip_bad)
    rows = iter(csv_rows)
    width = 0
    for row in rows:
        cells = row.cells
        if not any(c.strip() for c in cells):
            continue
        if line_break_problem(row):
            raise FormatError(f"{source}, line {row.line}: the header row has {line_break_problem(row)}")
        width = len(cells)
        columns = _header(cells, mapping)
        if columns is None:
            raise FormatError(
                f"{source} has no recognisable header: its first row needs a Name column (or First name and "
                "Last name); name yours with --map COLUMN=name"
            )
        break
    if columns is None:
        raise FormatError(f"{source} is empty")
    multiline = {columns[key] for key in ("notes",) if key in columns}
    for row in rows:
        line, cells = row.line, row.cells
        if not any(c.strip() for c in cells):
            continue
        problem = line_break_problem(row, multiline) or extra_cells_problem(row, width)
        if problem:
            csv_rows.reject(row, problem)
            continue

        def get(key: str, multiline: bool = False) -> str:
            i = columns.get(key)
            value = cleaned(cells[i], multiline=multiline) if i is not None and i < len(cells) else ""
            return unprotect(value)

        name = get("name") or " ".join(p for p in (get("first_name"), get("last_name")) if p)
        reason = check_incoming_name(name)
        if reason:
            parsed.skipped.append(Skip(line, reason))
            continue
        try:
            ring = Ring.parse(get("ring")) if get("ring") else None
            memberships = _networks(get("networks"))
        except ValueError as exc:
            parsed.skipped.append(Skip(line, str(exc)))
            continue
        cadence, problem = check_cadence(get("keep_in_touch"))
        if problem:
            parsed.skipped.append(Skip(line, f"bad keep-in-touch {get('keep_in_touch')!r}"))
            continue
        record = Incoming(
            line=line,
            name=name,
            company=get("company"),
            title=get("title"),
            email=checked_email(parsed, line, get("email")),
            phone=get("phone"),
            url=get("url"),
            location=get("location"),
            purpose=get("purpose"),
            notes=get("notes", multiline=True),
            ring=ring,
            memberships=memberships,
            cadence_override=cadence,
            help_tags=parse_tags(get("tags").replace(";", ",")),
            offer_tags=parse_tags(get("offers").replace(";", ",")),
        )
        problem = too_long(record)
        if problem:
            csv_rows.reject(row, problem)
            continue
        parsed.records.append(record)
    parsed.skipped.extend(csv_rows.bad)
    parsed.skipped.sort(key=lambda skip: skip.line)
    return parsed


def parse_file(path: str | Path, mapping: dict[str, str] | None = None, *, skip_bad: bool = False) -> Parsed:
    return parse(read_text(path, "CSV"), Path(path).name, mapping, skip_bad=skip_bad)


# ---------------------------------------------------------------- export

EXPORT_HEADER = (
    "Name", "Company", "Title", "Email", "Phone", "URL", "Location", "Purpose", "Ring", "Networks",
    "Can help with", "Can offer", "Keep in touch", "Last contact", "Notes",
)


def network_cell(ms: Membership) -> str:
    """A membership as the CSV and vCard exports write it, and the importers read it back."""
    if ms.network == Network.PEER and ms.peer_side:
        return f"peer ({ms.peer_side.value})"
    if ms.network == Network.MENTOR and ms.distant:
        return "mentor (distant)"
    return ms.network.value


def export(db: Database, ids: Collection[int] | None = None) -> str:
    """Every live person (or those of ``ids``), one row each, in name order."""
    return people_csv(export_people(db, ids))


def people_csv(people: Iterable[Person]) -> str:
    """These people as CSV, one row each, with the export's header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADER)
    for p in people:
        writer.writerow(
            (
                _formula_safe(p.name), _formula_safe(p.company), _formula_safe(p.title), _formula_safe(p.email),
                _formula_safe(p.phone), _formula_safe(p.url), _formula_safe(p.location), _formula_safe(p.purpose),
                p.ring.value, ", ".join(network_cell(ms) for ms in p.memberships),
                _formula_safe(", ".join(p.help_tags)), _formula_safe(", ".join(p.offer_tags)),
                p.cadence_override or "", p.last_contact.isoformat() if p.last_contact else "", _formula_safe(p.notes),
            )
        )
    return out.getvalue()


# OWASP's rule for CSV injection: a spreadsheet may evaluate a cell that starts with any of
# these, "+1+HYPERLINK(...)" and "-2+3+cmd|..." included. No text column is exempt: the only
# numeric columns (keep in touch, last contact) are written by netui and never start so.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _dangerous(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def _formula_safe(value: str) -> str:
    """A cell a spreadsheet will show rather than run: a leading apostrophe, which ``unprotect``
    takes off again on import, so an export still imports back unchanged."""
    return "'" + value if _dangerous(value) else value


def unprotect(value: str) -> str:
    return value[1:] if value.startswith("'") and _dangerous(value[1:]) else value
