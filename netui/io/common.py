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
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from netui.domain.models import Membership, Person, PersonDraft, TagKind
from netui.domain.networks import normalise_company
from netui.domain.rings import Ring
from netui.domain.text import BIDI_CONTROLS, clean_input, match_key
from netui.domain.validation import MAX_NAME, check_email
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


def read_text(path: str | os.PathLike[str], what: str) -> str:
    """The file's text, or a FormatError that says in one line why it cannot be read.

    Accepts UTF-8 with or without a byte-order mark, and UTF-16 with one (some address
    books write it). Line endings are left to the format's parser.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise FormatError(f"{path}: no such file")
    if path.is_dir():
        raise FormatError(f"{path} is a folder, not a {what} file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read {path}: {exc.strerror or exc}") from None
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


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line of the row, cells) for each CSV row; multi-line quoted cells keep one row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FormatError(f"the CSV cannot be read past line {reader.line_num}: {exc}") from None


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


def checked_email(parsed: Parsed, line: int, email: str) -> str:
    """The email if it looks like one; otherwise a warning and no email."""
    if email and check_email(email):
        parsed.warnings.append(Skip(line, f"ignored email {email!r}: it does not look like an email address"))
        return ""
    return email


# ---------------------------------------------------------------- matching


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_LINKEDIN_COUNTRY = re.compile(r"^[a-z]{2,3}\.linkedin\.com/")


def url_key(url: str) -> str:
    """A profile URL reduced to what identifies it: case, scheme, ``www.``, a LinkedIn
    country prefix, the query string, the fragment and trailing slashes do not count."""
    text = clean_input(url).lower()
    if not text:
        return ""
    text = _SCHEME.sub("", text)
    text = text.split("#", 1)[0].split("?", 1)[0]
    if text.startswith("www."):
        text = text[4:]
    text = _LINKEDIN_COUNTRY.sub("linkedin.com/", text)
    return text.rstrip("/")


def email_key(email: str) -> str:
    return clean_input(email).casefold()


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
                offer_tags=rec.offer_tags, extra=extra,
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
        new_tags: dict[TagKind, tuple[str, ...]] = {}
        if rec.help_tags or rec.offer_tags:
            have = _tags_known(db, plan, known.id)
            for kind, tags in ((TagKind.HELP, rec.help_tags), (TagKind.OFFER, rec.offer_tags)):
                missing = tuple(t for t in tags if t not in have.get(kind, set()))
                if missing:
                    new_tags[kind] = missing
        if not columns and not new_tags:
            report.unchanged.append(known.name)
            continue
        # A new company or position is a job change; filling in one that was unknown is not.
        if ("company" in columns and known.company) or ("title" in columns and known.title):
            before = _role(known.title, known.company)
            after = _role(columns.get("title", known.title), columns.get("company", known.company))
            report.job_changes.append(JobChange(known.id if known.id > 0 else None, known.name, before, after))
        labels = [_FIELD_LABELS.get(c, c) for c in columns]
        if new_tags:
            labels.append("tags")
        report.updated.append((known.name, tuple(labels)))
        report.updated_ids.append(known.id if known.id > 0 else None)
        if columns:
            plan.updates.append((known.id, columns))
        for kind, tags in new_tags.items():
            plan.tags.append((known.id, kind, tags))
        index.replace(replace(known, **columns))
    report.skipped.sort(key=lambda s: s.line)
    return report, plan


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
