"""One entry point per direction, so the command line and the app import and export alike."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from datetime import datetime
from pathlib import Path

from netui.io import csvfile, ics, jsondump, linkedin, markdown, vcard
from netui.io.common import FormatError, Parsed, Progress, Report, atomic_write, run_import
from netui.store.db import Database
from netui.store.exports import export_people

IMPORT_FORMATS: dict[str, str] = {
    "linkedin": "LinkedIn Connections.csv",
    "vcard": "vCard (.vcf)",
    "csv": "CSV with a header row",
}
EXPORT_FORMATS: dict[str, str] = {
    "json": "everything, restorable with `netui import json`",
    "csv": "people, one row each",
    "vcard": "people as vCards, ring and networks included",
    "ics": "open follow-ups as calendar tasks or events",
    "markdown": "the journal, month by month",
}
# Where a format keeps what it read beyond netui's own fields (person.extra[key]).
_EXTRA_KEY = {"linkedin": "linkedin", "vcard": vcard.EXTRA_KEY, "csv": "csv"}
_ADDED_REASON = {"linkedin": "imported from LinkedIn", "vcard": "imported from a vCard", "csv": "imported from a CSV"}


def guess_format(path: str | Path) -> str | None:
    """The import format a file name suggests, if any."""
    name = Path(path).name.lower()
    if name.endswith((".vcf", ".vcard")):
        return "vcard"
    if name.endswith(".json"):
        return "json"
    if name.endswith(".csv"):
        return "linkedin" if "connections" in name else "csv"
    return None


def parse_file(
    fmt: str, path: str | Path, column_map: list[str] | tuple[str, ...] = (), progress: Progress | None = None,
    *, skip_bad: bool = False,
) -> Parsed:
    """Read a file into people and skipped rows; nothing touches the database yet.

    ``progress`` hears about formats slow enough to need it (vCard decoding); CSV reads
    10,000 rows in a fraction of a second. A CSV row that cannot be read is an error naming
    its line, unless ``skip_bad``: then it is left out and listed with the skipped rows.
    """
    if fmt == "linkedin":
        return linkedin.parse_file(path, skip_bad=skip_bad)
    if fmt == "vcard":
        return vcard.parse_file(path, progress)
    if fmt == "csv":
        return csvfile.parse_file(path, csvfile.parse_mapping(column_map), skip_bad=skip_bad)
    raise FormatError(f"unknown import format {fmt!r}; choose one of: {', '.join(IMPORT_FORMATS)}, json")


def import_file(
    db: Database,
    fmt: str,
    path: str | Path,
    *,
    dry_run: bool = False,
    column_map: list[str] | tuple[str, ...] = (),
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Report:
    """Read, match and (unless ``dry_run``) apply one file, all in one transaction."""
    return apply_parsed(db, fmt, parse_file(fmt, path, column_map), dry_run=dry_run, progress=progress, now=now)


def apply_parsed(
    db: Database,
    fmt: str, parsed: Parsed, *, dry_run: bool = False, progress: Progress | None = None, now: datetime | None = None
) -> Report:
    """Match and (unless ``dry_run``) apply what ``parse_file`` read, in one transaction."""
    return run_import(
        db,
        parsed, extra_key=_EXTRA_KEY[fmt], dry_run=dry_run, progress=progress, now=now, added_reason=_ADDED_REASON[fmt]
    )


def export(db: Database, fmt: str, *, events: bool = False) -> str | bytes | Iterator[str]:
    """The export's content; the complete dump comes as chunks, written as they are made."""
    if fmt == "json":
        return jsondump.chunks(db)
    if fmt == "csv":
        return csvfile.export(db)
    if fmt == "vcard":
        return vcard.export(db)
    if fmt == "ics":
        return ics.export(db, events=events)
    if fmt == "markdown":
        return markdown.export(db)
    raise FormatError(f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")


def export_people_file(db: Database, path: str | os.PathLike[str], ids: Collection[int]) -> tuple[Path, int]:
    """Write these people to ``path``: a vCard file when it ends in .vcf or .vcard, else CSV.
    The file written and how many people it holds."""
    target = Path(path).expanduser()
    people = export_people(db, ids)
    if target.suffix.lower() in (".vcf", ".vcard"):
        data = "".join(vcard.card_for(person) for person in people)
    else:
        data = csvfile.people_csv(people)
    return atomic_write(target, data), len(people)
