"""Calendar capture: past meetings in an ``.ics`` file or a vdir folder become proposals.

Recurring events are expanded by ``recurring-ical-events`` (RRULE, RDATE, EXDATE and
moved occurrences), times are shown in the user's zone, and each occurrence is known by
its UID and recurrence id, so importing the same calendar again proposes nothing new.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path

from netui.domain.capture import CaptureReport, ProposalDraft, Source, email_key, guess_kind
from netui.domain.text import clean_input
from netui.io.common import FormatError
from netui.store.db import Database
from netui.store.proposals import already_proposed, my_emails, people_by_email

Progress = Callable[[int, int], None]

# A calendar file bigger than this is refused (an export of ten years is a few MB).
MAX_ICS_BYTES = 200 * 1024 * 1024
EARLIEST = date(1970, 1, 1)
AHEAD_DAYS = 14  # meetings this far ahead are kept for the Agenda's "Coming up"


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str
    partstat: str  # ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION, "" when not said
    organizer: bool = False


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an event, in the user's zone."""

    key: str  # "UID|recurrence id"
    day: date
    time: str  # "HH:MM", blank for an all-day event
    title: str
    text: str  # location, description, URL and conference data: where a video link would be
    status: str
    attendees: tuple[Attendee, ...]
    ahead: bool = False  # starts after now: a meeting coming up, not one to log


def ics_files(path: str | os.PathLike[str]) -> list[Path]:
    """The calendar files at ``path``: the file itself, or every ``.ics`` in a vdir folder (and its sub-folders)."""
    root = Path(path).expanduser()
    if not root.exists():
        raise FormatError(f"{root}: no such file or folder")
    if root.is_dir():
        files = sorted(p for p in root.rglob("*.ics") if p.is_file())
        if not files:
            raise FormatError(f"{root}: no .ics files in this folder")
        return files
    return [root]


def _text(value: object) -> str:
    return clean_input(str(value)) if value is not None else ""


def _param(prop: object, name: str) -> str:
    params = getattr(prop, "params", None) or {}
    value = params.get(name, "")
    return clean_input(str(value)) if value else ""


def _attendees(event) -> tuple[Attendee, ...]:
    found: dict[str, Attendee] = {}
    organizer = event.get("ORGANIZER")
    if organizer is not None and (key := email_key(str(organizer))):
        found[key] = Attendee(key, _param(organizer, "CN"), "ACCEPTED", organizer=True)
    raw = event.get("ATTENDEE")
    for prop in raw if isinstance(raw, list) else ([raw] if raw is not None else []):
        key = email_key(str(prop))
        if not key or _param(prop, "CUTYPE").upper() in ("ROOM", "RESOURCE"):
            continue  # a meeting room is nobody to keep in touch with
        before = found.get(key)
        found[key] = Attendee(
            key, _param(prop, "CN") or (before.name if before else ""), _param(prop, "PARTSTAT").upper(),
            organizer=bool(before and before.organizer),
        )
    return tuple(found.values())


def _local(value: date | datetime, tz: tzinfo | None) -> tuple[date, str, datetime]:
    """(day, HH:MM or blank, an instant) in the user's zone (``tz``; None: this computer's, with its
    summer time rules). A floating time is taken as the user's; an all-day date stays as it is."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            moment = value.replace(tzinfo=tz) if tz is not None else value.astimezone()
        else:
            moment = value.astimezone(tz)
        return moment.date(), moment.strftime("%H:%M"), moment
    start = datetime.combine(value, time(0))
    return value, "", start.replace(tzinfo=tz) if tz is not None else start.astimezone()


def _recurrence_id(event) -> str:
    rid = event.get("RECURRENCE-ID")
    if rid is None:
        return ""
    value = rid.dt
    if isinstance(value, datetime):
        return (value.astimezone(timezone.utc) if value.tzinfo else value).strftime("%Y%m%dT%H%M%S") + (
            "Z" if value.tzinfo else ""
        )
    return value.strftime("%Y%m%d")


def _occurrence(event, tz: tzinfo | None) -> tuple[Occurrence, datetime] | None:
    start = event.get("DTSTART")
    if start is None:
        return None
    day, at, moment = _local(start.dt, tz)
    uid = _text(event.get("UID")) or f"no-uid:{_text(event.get('SUMMARY'))}:{moment.isoformat()}"
    text = " ".join(
        _text(event.get(name))
        for name in ("LOCATION", "DESCRIPTION", "URL", "CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL")
    )
    return Occurrence(
        key=f"{uid}|{_recurrence_id(event)}",
        day=day,
        time=at,
        title=_text(event.get("SUMMARY")),
        text=text,
        status=_text(event.get("STATUS")).upper(),
        attendees=_attendees(event),
    ), moment


def read_occurrences(
    path: str | os.PathLike[str], *, since: date | None, now: datetime, tz: tzinfo | None = None,
    progress: Progress | None = None, ahead_days: int = 0,
) -> Iterator[Occurrence]:
    """Every occurrence that started after ``since`` and before ``now``, file by file; with
    ``ahead_days``, also those of the days ahead (marked ``ahead``)."""
    import icalendar
    import recurring_ical_events

    files = ics_files(path)
    start = since or EARLIEST
    end = now.astimezone(tz)
    last_day = end.date() + timedelta(days=1 + ahead_days)
    for n, file in enumerate(files, start=1):
        try:
            if file.stat().st_size > MAX_ICS_BYTES:
                raise FormatError(f"{file}: larger than {MAX_ICS_BYTES // (1024 * 1024)} MB; is it a calendar?")
            data = file.read_bytes()
        except OSError as exc:
            raise FormatError(f"{file}: cannot read it ({exc.strerror or exc})") from None
        try:
            calendars = icalendar.Calendar.from_ical(data, multiple=True)
        except (ValueError, IndexError, KeyError) as exc:
            raise FormatError(f"{file}: not an iCalendar file ({exc})") from None
        for cal in calendars:
            try:
                occurrences = recurring_ical_events.of(cal).between(start, last_day)
            except Exception as exc:  # noqa: BLE001 - the library's errors for a broken rule
                raise FormatError(f"{file}: cannot expand its events ({type(exc).__name__}: {exc})") from None
            for event in occurrences:
                found = _occurrence(event, tz)
                if found is None:
                    continue
                occurrence, moment = found
                if moment < end and (since is None or occurrence.day >= since):
                    yield occurrence
                elif moment >= end and occurrence.day < last_day:
                    yield replace(occurrence, ahead=True)
        if progress is not None:
            progress(n, len(files))


def propose(
    db: Database,
    occurrences: Iterator[Occurrence] | list[Occurrence],
    me: tuple[str, ...] = (),
) -> CaptureReport:
    """Match each occurrence's people; what would be proposed, skipped, and who is unknown."""
    mine = set(me or my_emails(db))
    known = people_by_email(db)
    report = CaptureReport(what="events", me_known=bool(mine))
    drafts: list[ProposalDraft] = []
    seen_keys: set[str] = set()
    counts: Counter[str] = Counter()
    for occ in occurrences:
        if not occ.ahead:
            report.read += 1
            counts.update(a.email for a in occ.attendees)
        if occ.key in seen_keys:
            continue
        seen_keys.add(occ.key)
        if occ.ahead:
            _coming_up(occ, mine, known, report)
            continue
        if occ.status == "CANCELLED":
            report.skip("cancelled")
            continue
        others = [a for a in occ.attendees if a.email not in mine]
        if mine:
            me_there = [a for a in occ.attendees if a.email in mine]
            if any(a.partstat == "DECLINED" for a in me_there):
                report.skip("declined by you")
                continue
            if not others:
                report.skip("only you")
                continue
        others = [a for a in others if a.partstat != "DECLINED"]
        people = tuple(dict.fromkeys(known[a.email] for a in others if a.email in known))
        unknown = tuple(a.email for a in others if a.email not in known)
        for a in others:
            if a.email not in known:
                report.unknown.setdefault(a.email, a.name)
        if not people and not unknown:
            report.skip("with nobody else")
            continue
        if not people:
            report.skip("with nobody you know")
        kind = guess_kind(occ.title, occ.text, len(occ.attendees))
        draft = ProposalDraft(
            source=Source.CALENDAR, source_key=f"cal:{occ.key}", date=occ.day, time=occ.time, kind=kind,
            summary=occ.title, person_ids=people, unknown=unknown,
        )
        drafts.append(draft)
    if not mine and counts:
        report.likely_me = counts.most_common(1)[0][0]
    before = already_proposed(db, [d.source_key for d in drafts])
    report.proposed = drafts
    report.again = sum(1 for d in drafts if d.source_key in before and d.person_ids)
    return report


def _coming_up(occ: Occurrence, mine: set[str], known: dict[str, int], report: CaptureReport) -> None:
    """A meeting ahead, kept for the Agenda when someone you know is in it (not cancelled, not declined by you)."""
    if occ.status == "CANCELLED" or any(a.partstat == "DECLINED" for a in occ.attendees if a.email in mine):
        return
    people = tuple(dict.fromkeys(
        known[a.email] for a in occ.attendees if a.email in known and a.email not in mine and a.partstat != "DECLINED"
    ))
    if people:
        report.coming.append(ProposalDraft(
            source=Source.CALENDAR, source_key=f"cal:{occ.key}", date=occ.day, time=occ.time,
            kind=guess_kind(occ.title, occ.text, len(occ.attendees)), summary=occ.title, person_ids=people,
        ))
