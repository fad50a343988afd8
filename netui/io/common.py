"""What every format shares: reading a file safely, matching incoming people against
the ones already stored, applying an import in one transaction, the report, and
writing an export atomically.

A format module turns a file into ``Parsed`` (people plus the rows it had to skip);
``run_import`` does the rest, so every format matches, updates and reports the same
way, and a dry run follows exactly the code path of a real run minus the writes.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from netui.domain.models import Membership, Person, PersonDraft, TagKind
from netui.domain.networks import normalise_company
from netui.domain.occasions import DateDraft, DateKind
from netui.domain.rings import Ring
from netui.domain.text import BIDI_CONTROLS, clean_input, match_key
from netui.domain.validation import MAX_FIELD, MAX_NAME, check_email
from netui.store.dates import person_dates
from netui.store.db import Database
from netui.store.errors import StoreError
from netui.store.files import no_looser_than
from netui.store.imports import ImportPlan, apply_import, people_for_matching, tags_of

Progress = Callable[[int, int], None]

# Bytes that never occur in a text file but always in images, archives, databases.
_BINARY_SNIFF = 8192


class FormatError(StoreError):
    """The file cannot be imported at all (missing, unreadable, not the format asked for).

    A StoreError so that the command line prints it as one line and the app as a notice.
    """


# ---------------------------------------------------------------- reading files


MAX_IMPORT_BYTES = 256 * 1024 * 1024  # far beyond any address book; past it, a file is a mistake


def read_text(path: str | os.PathLike[str], what: str) -> str:
    """The file's text, or a FormatError that says in one line why it cannot be read.

    Accepts UTF-8 with or without a byte-order mark, and UTF-16 with one (some address
    books write it). Line endings are left to the format's parser. Only a regular file is
    read: ``/dev/zero`` or a pipe would never end.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise FormatError(f"{path}: no such file")
    if path.is_dir():
        raise FormatError(f"{path} is a folder, not a {what} file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise FormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FormatError(f"{path} is not a regular file (a device or a pipe?); import a {what} file")
        if info.st_size > MAX_IMPORT_BYTES:
            raise FormatError(
                f"{path} is {info.st_size:,} bytes: more than the {MAX_IMPORT_BYTES // 2**20} MB an import reads"
            )
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise FormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_IMPORT_BYTES:
        raise FormatError(f"{path} is more than the {MAX_IMPORT_BYTES // 2**20} MB an import reads")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FormatError(f"{path} is not a readable {what} file (broken UTF-16 text)") from None
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise FormatError(f"{path} is not a {what} file (it holds binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and import it again"
        ) from None


# The physical lines of a text as the csv module sees them: CRLF, LF or CR ends a line.
_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
SKIP_BAD_ROWS_HINT = "fix it, or import with --skip-bad-rows to leave such rows out and list them"


@dataclass(frozen=True)
class CsvRow:
    line: int  # the line the row starts on (1-based)
    end: int  # the line it ends on: more than ``line`` only when a quoted cell holds a line break
    cells: list[str]


class CsvRows:
    """Every row of a CSV text, with the lines it spans, so an import accounts for every line.

    Read strictly: a quote that is never closed, or text after a closing quote, is a bad row.
    A parser calls ``reject(row, reason)`` for a row it cannot take (a line break in a cell that
    cannot hold one, say): that raises a FormatError naming the line, or, with ``skip_bad``,
    records the row in ``bad`` and goes on reading from the next line, so one stray quote
    never swallows the rows after it.
    """

    def __init__(self, text: str, source: str, *, skip_bad: bool = False) -> None:
        self.lines = _PHYSICAL_LINE.findall(text)
        self.source = source
        self.skip_bad = skip_bad
        self.bad: list[Skip] = []
        self._restart: int | None = None
        # Before a header is found (LinkedIn's notes) a bad row is passed over silently.
        self.preamble = False

    def reject(self, row: CsvRow | int, reason: str) -> None:
        line, end = (row.line, row.end) if isinstance(row, CsvRow) else (row, row)
        if self.preamble:
            if end > line:
                self._restart = line
            return
        if not self.skip_bad:
            raise FormatError(f"{self.source}, line {line}: {reason}. Nothing was imported: {SKIP_BAD_ROWS_HINT}")
        self.bad.append(Skip(line, reason))
        if end > line:
            self._restart = line  # the 0-based index of the line after ``line``

    def __iter__(self) -> Iterator[CsvRow]:
        start = 0
        total = len(self.lines)
        while start < total:
            reader = csv.reader(itertools.islice(self.lines, start, None), strict=True)
            done = 0
            restart: int | None = None
            try:
                for cells in reader:
                    row = CsvRow(start + done + 1, start + reader.line_num, cells)
                    done = reader.line_num
                    yield row
                    if self._restart is not None:
                        restart, self._restart = self._restart, None
                        break
            except csv.Error as exc:
                line = start + done + 1
                reason = str(exc)
                if "unexpected end of data" in reason:
                    reason = "a quote opened on this line is never closed"
                elif "expected after" in reason:
                    reason = f"text after a closing quote ({reason})"
                elif "field larger" in reason:
                    reason = "a cell is too long"
                self.reject(line, reason)
                restart = line
            if restart is None:
                if start + done != total:  # never expected: say so rather than lose lines
                    raise FormatError(f"{self.source}: only {start + done:,} of {total:,} lines could be read")
                return
            start = restart


def line_break_problem(row: CsvRow, allowed: Iterable[int] = ()) -> str | None:
    """Why ``row`` cannot be taken because of a line break inside a cell, or None."""
    if row.end == row.line:
        return None
    allowed = set(allowed)
    for i, cell in enumerate(row.cells):
        if i not in allowed and ("\n" in cell or "\r" in cell):
            return (f"a quoted cell runs over the end of the line, to line {row.end:,} "
                    "(a stray or unclosed quote?)")
    return None


def extra_cells_problem(row: CsvRow, header_width: int) -> str | None:
    if len(row.cells) > header_width and any(c.strip() for c in row.cells[header_width:]):
        return f"{len(row.cells)} cells for {header_width} columns (a comma in a cell that is not quoted?)"
    return None


# ---------------------------------------------------------------- what a format hands over


@dataclass
class Incoming:
    """One person as a file describes them, already cleaned. ``line`` is where the row starts."""

    line: int
    name: str
    company: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    location: str = ""
    purpose: str = ""
    notes: str = ""
    # Only used for people who are new: an import never moves someone already stored.
    ring: Ring | None = None
    memberships: tuple[Membership, ...] = ()
    cadence_override: int | None = None
    help_tags: tuple[str, ...] = ()
    offer_tags: tuple[str, ...] = ()
    # Kept in person.extra under the format's key (e.g. "vcard", "linkedin").
    extra: dict[str, Any] = field(default_factory=dict)
    # Birthday, anniversary, named dates: added to someone new; to someone stored, those they lack.
    dates: tuple[DateDraft, ...] = ()


@dataclass(frozen=True)
class Skip:
    line: int
    reason: str


@dataclass
class Parsed:
    source: str  # a label for the report: the file's name and the format
    records: list[Incoming] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[Skip] = field(default_factory=list)
    noun: str = "rows"  # what the file holds, for the report: "rows", "cards"

    @property
    def rows(self) -> int:
        return len(self.records) + len(self.skipped)


def cleaned(value: object, *, multiline: bool = False) -> str:
    return clean_input("" if value is None else str(value), multiline=multiline)


_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")


def without_controls(text: str) -> str:
    """Control characters and bidi overrides removed, everything else (spacing included) kept:
    for lines kept verbatim, such as a vCard property netui does not use."""
    return _CONTROLS.sub("", text)


def check_incoming_name(name: str) -> str | None:
    """The reason to skip a row for its name, or None."""
    if not name:
        return "no name"
    if len(name) > MAX_NAME:
        return f"name longer than {MAX_NAME} characters"
    return None


# The longest value an import takes for each field: longer is a broken row, not a person.
FIELD_CAPS = {
    "company": MAX_FIELD, "title": MAX_FIELD, "email": MAX_FIELD, "phone": MAX_FIELD, "location": MAX_FIELD,
    "url": 2_000, "purpose": 2_000, "notes": 100_000,
}


def too_long(rec: Incoming) -> str | None:
    """The reason to refuse ``rec`` for a field longer than its cap, or None."""
    for name, cap in FIELD_CAPS.items():
        value = getattr(rec, name)
        if len(value) > cap:
            return f"{name} is {len(value):,} characters, more than the {cap:,} an import takes"
    for tag in (*rec.help_tags, *rec.offer_tags):
        if len(tag) > MAX_NAME:
            return f"a tag is {len(tag):,} characters, more than the {MAX_NAME} an import takes"
    return None


def checked_email(parsed: Parsed, line: int, email: str) -> str:
    """The email if it looks like one; otherwise a warning and no email."""
    if email and check_email(email):
        parsed.warnings.append(Skip(line, f"ignored email {email!r}: it does not look like an email address"))
        return ""
    return email


# ---------------------------------------------------------------- matching


# One definition of "the same profile URL" and "the same email" for imports and the
# duplicates finder.
from netui.domain.merge import email_key, url_key  # noqa: E402,F401


def name_company_key(name: str, company: str) -> tuple[str, str]:
    return (match_key(name), normalise_company(company))


class _Index:
    """Stored people by URL, email and name + company; people added by this import join it
    (with a placeholder id, see ImportPlan)."""

    def __init__(self, people: list[Person]) -> None:
        self.by_url: dict[str, Person] = {}
        self.by_email: dict[str, Person] = {}
        self.by_name: dict[tuple[str, str], Person] = {}
        for person in people:
            self.add(person)

    def add(self, known: Person) -> None:
        # The first (lowest id) wins: setdefault keeps the earliest.
        if known.url:
            self.by_url.setdefault(url_key(known.url), known)
        if known.email:
            self.by_email.setdefault(email_key(known.email), known)
        self.by_name.setdefault(name_company_key(known.name, known.company), known)

    def replace(self, known: Person) -> None:
        """``known`` changed (an update from this import): every key now finds the new value."""
        for table in (self.by_url, self.by_email, self.by_name):
            for key, value in list(table.items()):
                if value.id == known.id:
                    table[key] = known
        self.add(known)

    def find(self, rec: Incoming) -> Person | None:
        ukey = url_key(rec.url)
        if ukey and ukey in self.by_url:
            return self.by_url[ukey]
        for candidate in (
            self.by_email.get(email_key(rec.email)) if rec.email else None,
            self.by_name.get(name_company_key(rec.name, rec.company)),
        ):
            # Two different profile URLs are two different people, whatever their names.
            if candidate is not None and not (ukey and candidate.url and url_key(candidate.url) != ukey):
                return candidate
        return None


class _FileKeys:
    """Which earlier row of the same file already described a person."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, object], int] = {}

    def keys(self, rec: Incoming) -> list[tuple[str, object]]:
        out: list[tuple[str, object]] = []
        if rec.url:
            out.append(("url", url_key(rec.url)))
        if rec.email:
            out.append(("email", email_key(rec.email)))
        if not rec.url:  # with a URL, the URL alone decides (namesakes at one company exist)
            out.append(("name", name_company_key(rec.name, rec.company)))
        return out

    def earlier(self, rec: Incoming) -> int | None:
        for key in self.keys(rec):
            if key in self.seen:
                return self.seen[key]
        return None

    def remember(self, rec: Incoming) -> None:
        for key in self.keys(rec):
            self.seen.setdefault(key, rec.line)


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class JobChange:
    person_id: int | None
    name: str
    before: str  # "title at company"
    after: str


@dataclass
class Report:
    source: str
    noun: str = "rows"
    dry_run: bool = False
    rows: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # name, fields changed
    updated_ids: list[int | None] = field(default_factory=list)  # the id of each in ``updated``, in order
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[Skip] = field(default_factory=list)
    job_changes: list[JobChange] = field(default_factory=list)
    added_ids: list[int] = field(default_factory=list)  # after a real run, the ids of the people added

    def summary(self) -> str:
        return (
            f"{len(self.added):,} added, {len(self.updated):,} updated, "
            f"{len(self.unchanged):,} unchanged, {len(self.skipped):,} skipped"
        )

    def lines(self, *, limit: int | None = None) -> list[str]:
        """The report as plain text lines (values from the file are already cleaned)."""
        out = [f"Import from {self.source}: {self.rows:,} {self.noun} read"]
        for label, n in (
            ("added", len(self.added)),
            ("updated", len(self.updated)),
            ("unchanged", len(self.unchanged)),
            ("skipped", len(self.skipped)),
        ):
            out.append(f"  {label:<10}{n:>8,}")

        def listing(title: str, items: list[str]) -> None:
            if not items:
                return
            out.append("")
            out.append(title)
            shown = items if limit is None else items[:limit]
            out.extend(f"  {item}" for item in shown)
            if len(shown) < len(items):
                out.append(f"  … and {len(items) - len(shown):,} more")

        listing(
            "Job changes (a natural moment to get in touch):",
            [f"{_named(j.name, j.person_id)}: {j.before or '?'} → {j.after or '?'}" for j in self.job_changes],
        )
        ids = self.updated_ids if len(self.updated_ids) == len(self.updated) else [None] * len(self.updated)
        listing(
            "Updated:",
            [f"{_named(name, pid)}: {', '.join(fields)}" for (name, fields), pid in zip(self.updated, ids, strict=True)],
        )
        listing("Skipped:", [f"line {s.line}: {s.reason}" for s in self.skipped])
        listing("Warnings:", [f"line {w.line}: {w.reason}" for w in self.warnings])
        out.append("")
        out.append("Dry run: nothing was written." if self.dry_run else "Saved.")
        return out


def _named(name: str, person_id: int | None) -> str:
    """A name with its id: two people of the same name are two different lines."""
    return f"{name} (#{person_id})" if person_id is not None and person_id > 0 else name


def _role(title: str, company: str) -> str:
    if title and company:
        return f"{title} at {company}"
    return title or company


# ---------------------------------------------------------------- applying


def merged_extra(stored: str, key: str, value: dict[str, Any]) -> str:
    """person.extra with ``key`` set to ``value``; other keys (other formats, other tools) kept."""
    try:
        data = json.loads(stored) if stored else {}
    except ValueError:
        data = {"unparsed": stored}
    if not isinstance(data, dict):
        data = {"unparsed": stored}
    if value:
        data[key] = value
    else:
        data.pop(key, None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True) if data else ""


def extra_part(stored: str, key: str) -> dict[str, Any]:
    try:
        data = json.loads(stored) if stored else {}
    except ValueError:
        return {}
    part = data.get(key) if isinstance(data, dict) else None
    return part if isinstance(part, dict) else {}


# Fields an import may overwrite when the file has a value for them. Notes are only
# filled when empty: your own notes are never replaced by a file's.
_OVERWRITE = ("company", "title", "email", "phone", "url", "location", "purpose")
_FIELD_LABELS = {"url": "profile URL", "extra": "details"}


def _changes(known: Person, rec: Incoming, extra_key: str) -> dict[str, str]:
    columns: dict[str, str] = {}
    for name in _OVERWRITE:
        value = getattr(rec, name)
        stored = getattr(known, name)
        if name == "url":
            if value and url_key(value) != url_key(stored):
                columns[name] = value
        elif name == "email":
            if value and email_key(value) != email_key(stored):
                columns[name] = value
        elif value and value != stored:
            columns[name] = value
    if rec.notes and not known.notes:
        columns["notes"] = rec.notes
    if rec.extra:
        merged = extra_part(known.extra, extra_key) | rec.extra
        if merged != extra_part(known.extra, extra_key):
            columns["extra"] = merged_extra(known.extra, extra_key, merged)
    return columns


def run_import(
    db: Database,
    parsed: Parsed,
    *,
    extra_key: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
    added_reason: str = "imported",
) -> Report:
    """Match every incoming person and add, update or leave them; all in one transaction.

    With ``dry_run`` the same decisions are made and reported, and nothing is written.
    """
    report, plan = _decide(db, parsed, extra_key, progress, added_reason)
    report.dry_run = dry_run
    if not dry_run:
        ids = apply_import(db, plan, now=now, progress=progress)
        report.added_ids = ids
    return report


def _decide(
    db: Database, parsed: Parsed, extra_key: str, progress: Progress | None, added_reason: str
) -> tuple[Report, ImportPlan]:
    report = Report(
        source=parsed.source,
        noun=parsed.noun,
        rows=parsed.rows,
        skipped=list(parsed.skipped),
        warnings=list(parsed.warnings),
    )
    plan = ImportPlan(reason=added_reason)
    index = _Index(people_for_matching(db))
    in_file = _FileKeys()
    total = len(parsed.records)
    step = max(1, total // 100)
    for done, rec in enumerate(parsed.records, start=1):
        if progress and (done % step == 0 or done == total):
            progress(done, total)
        earlier = in_file.earlier(rec)
        if earlier is not None:
            report.skipped.append(Skip(rec.line, f"duplicate in the file (same person as line {earlier})"))
            continue
        in_file.remember(rec)
        known = index.find(rec)
        if known is None:
            extra = merged_extra("", extra_key, rec.extra)
            plan.adds.append(PersonDraft(
                name=rec.name, ring=rec.ring or Ring.COLD, company=rec.company, title=rec.title, email=rec.email,
                phone=rec.phone, url=rec.url, location=rec.location, purpose=rec.purpose, notes=rec.notes,
                cadence_override=rec.cadence_override, memberships=rec.memberships, help_tags=rec.help_tags,
                offer_tags=rec.offer_tags, extra=extra, dates=rec.dates,
            ))
            index.add(Person(
                id=plan.placeholder(), name=rec.name, ring=rec.ring or Ring.COLD, version=1, company=rec.company,
                title=rec.title, email=rec.email, phone=rec.phone, url=rec.url, location=rec.location,
                purpose=rec.purpose, notes=rec.notes, extra=extra,
            ))
            report.added.append(rec.name)
            continue
        if known.deleted_at is not None:
            report.skipped.append(Skip(rec.line, f"{known.name} is in the trash; restore them to update them"))
            continue
        columns = _changes(known, rec, extra_key)
        new_dates = _dates_missing(db, plan, known.id, rec.dates)
        new_tags: dict[TagKind, tuple[str, ...]] = {}
        if rec.help_tags or rec.offer_tags:
            have = _tags_known(db, plan, known.id)
            for kind, tags in ((TagKind.HELP, rec.help_tags), (TagKind.OFFER, rec.offer_tags)):
                missing = tuple(t for t in tags if t not in have.get(kind, set()))
                if missing:
                    new_tags[kind] = missing
        if not columns and not new_tags and not new_dates:
            report.unchanged.append(known.name)
            continue
        # A new company or position is a job change; filling in one that was unknown is not.
        if ("company" in columns and known.company) or ("title" in columns and known.title):
            before = _role(known.title, known.company)
            after = _role(columns.get("title", known.title), columns.get("company", known.company))
            report.job_changes.append(JobChange(known.id if known.id > 0 else None, known.name, before, after))
            if known.id > 0:
                plan.job_changes.append((known.id, before, after))
        labels = [_FIELD_LABELS.get(c, c) for c in columns]
        if new_tags:
            labels.append("tags")
        if new_dates:
            labels.append("dates")
        plan.dates.extend((known.id, d) for d in new_dates)
        report.updated.append((known.name, tuple(labels)))
        report.updated_ids.append(known.id if known.id > 0 else None)
        if columns:
            plan.updates.append((known.id, columns))
        for kind, tags in new_tags.items():
            plan.tags.append((known.id, kind, tags))
        index.replace(replace(known, **columns))
    report.skipped.sort(key=lambda s: s.line)
    return report, plan


def _dates_missing(db: Database, plan: ImportPlan, person_id: int, dates: tuple[DateDraft, ...]) -> list[DateDraft]:
    """The dates of ``dates`` someone does not have yet (by kind for a birthday or an
    anniversary, by name for the others), counting those this import gives them already."""
    if not dates:
        return []
    if person_id < 0:
        have = list(plan.adds[-person_id - 1].dates)
    else:
        have = [d.draft() for d in person_dates(db, person_id)]
    have += [d for pid, d in plan.dates if pid == person_id]

    def key(d: DateDraft) -> str:
        return d.kind.value if d.kind != DateKind.OTHER else "other:" + d.label.lower()

    known = {key(d) for d in have}
    out = []
    for d in dates:
        if key(d) not in known:
            known.add(key(d))
            out.append(d)
    return out


def _tags_known(db: Database, plan: ImportPlan, person_id: int) -> dict[TagKind, set[str]]:
    """The tags someone has, counting those this import gives them already."""
    if person_id < 0:
        draft = plan.adds[-person_id - 1]
        have = {TagKind.HELP: set(draft.help_tags), TagKind.OFFER: set(draft.offer_tags)}
    else:
        have = tags_of(db, person_id)
    for pid, kind, tags in plan.tags:
        if pid == person_id:
            have.setdefault(kind, set()).update(tags)
    return have


# ---------------------------------------------------------------- writing exports


Chunks = Iterable[str | bytes]


def atomic_write(path: str | os.PathLike[str], data: str | bytes | Chunks) -> Path:
    """Write ``data`` (text, bytes, or an iterable of chunks, written as they come) to a
    temporary file beside ``path``, flush it to disk, then rename it over ``path``: a
    failure never leaves a half-written file where a good one was."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise FormatError(f"{path} is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FormatError(f"cannot write {path}: the folder {folder} does not exist")
    chunks = [data] if isinstance(data, (str, bytes)) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FormatError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file 0600: an export of your network is yours alone, and never
        # more readable than the file it replaces.
        no_looser_than(Path(tmp), path)
        os.replace(tmp, path)
    except OSError as exc:
        raise FormatError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def write_output(
    data: str | bytes | Chunks, path: str | os.PathLike[str] | None, stream: TextIO | None = None
) -> Path | None:
    """Write to ``path`` atomically, or to standard output when there is no path."""
    if path is not None:
        return atomic_write(path, data)
    out = stream or sys.stdout
    for chunk in [data] if isinstance(data, (str, bytes)) else data:
        if isinstance(chunk, bytes):
            out.flush()
            out.buffer.write(chunk)  # type: ignore[attr-defined]
        else:
            out.write(chunk)
    out.flush()
    return None
