"""People's dates: add, list, remove; reminders done or snoozed per year.

Each write bumps the date's version; the reminders themselves are worked out by
``netui.domain.occasions`` from what is read here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from netui.domain.dates import When
from netui.domain.occasions import (
    DEFAULT_LEAD_DAYS,
    MAX_LEAD_DAYS,
    ComingUp,
    DateDraft,
    DateKind,
    PersonDate,
    coming_up,
    upcoming,
)
from netui.domain.rings import Ring
from netui.store import models as m
from netui.store.db import Database, writes
from netui.store.errors import NotFound, StoreError
from netui.store.values import as_date
from netui.store.values import now as _now

LEAD_SETTING = "dates.lead_days"

_COLUMNS = "d.id, d.person_id, d.kind, d.label, d.year, d.month, d.day, d.yearly, d.lead_days, d.done_year, d.snoozed_until, d.version"


def _date(row) -> PersonDate:
    did, pid, kind, label, year, month, day, yearly, lead, done, snoozed, version = row
    return PersonDate(
        id=did, person_id=pid, kind=DateKind(kind), label=label, when=When(year, month, day), yearly=bool(yearly),
        lead_days=lead, done_year=done, snoozed_until=as_date(snoozed), version=version,
    )


def person_dates(db: Database, person_id: int) -> list[PersonDate]:
    """Someone's dates: birthday first, then anniversary, then the rest by month and day."""
    rows = db.execute(
        f"""SELECT {_COLUMNS} FROM person_date d WHERE d.person_id = ?
            ORDER BY CASE d.kind WHEN 'birthday' THEN 0 WHEN 'anniversary' THEN 1 ELSE 2 END, d.month, d.day, d.id""",
        (person_id,),
    )
    return [_date(row) for row in rows]


def _window(today: date, days: int | None) -> tuple[str, dict[str, int]]:
    """SQL that keeps the dates whose day and month fall from ``today`` to ``days`` later,
    all with a lead time of their own, and every 29 February (the 28th in most years): a
    superset the domain decides on, read through the indexes person_date_day and
    person_date_lead instead of every date."""
    if days is None or days >= 365:
        return "", {}
    end = today + timedelta(days=days)
    params = {"m1": today.month, "d1": today.day, "m2": end.month, "d2": end.day}
    if end.year == today.year:
        ranges = "SELECT id FROM person_date WHERE (month, day) BETWEEN (:m1, :d1) AND (:m2, :d2)"
    else:
        ranges = ("SELECT id FROM person_date WHERE (month, day) >= (:m1, :d1)"
                  " UNION ALL SELECT id FROM person_date WHERE (month, day) <= (:m2, :d2)")
    return (
        f""" AND d.id IN ({ranges}
             UNION ALL SELECT id FROM person_date WHERE lead_days IS NOT NULL
             UNION ALL SELECT id FROM person_date WHERE month = 2 AND day = 29)""",
        params,
    )


def dates_of_live_people(
    db: Database, today: date | None = None, days: int | None = None
) -> list[tuple[PersonDate, str, Ring]]:
    """Every date of a live person with the person's name and ring; with ``today`` and
    ``days``, only those that may fall in that window (a superset: the domain decides)."""
    where, params = _window(today, days) if today is not None else ("", {})
    rows = db.execute(
        f"""SELECT {_COLUMNS}, p.name, p.ring FROM person_date d JOIN person p ON p.id = d.person_id
             WHERE p.deleted_at IS NULL{where}""",
        params,
    )
    return [(_date(row[:12]), row[12], Ring(row[13])) for row in rows]


def lead_days(db: Database) -> int:
    """The setting: how many days ahead a date is reminded of (a date may say otherwise)."""
    row = db.execute("SELECT value FROM setting WHERE key = ?", (LEAD_SETTING,)).fetchone()
    try:
        value = int(row[0]) if row else DEFAULT_LEAD_DAYS
    except ValueError:
        return DEFAULT_LEAD_DAYS
    return value if 0 <= value <= MAX_LEAD_DAYS else DEFAULT_LEAD_DAYS


def reminders(db: Database, today: date, lead: int | None = None) -> list[ComingUp]:
    """What "Coming up" shows today: dates within their lead time, not done or snoozed this year."""
    with db.snapshot():
        lead = lead_days(db) if lead is None else lead
        return coming_up(dates_of_live_people(db, today, lead), today, lead)


def dates_within(db: Database, today: date, within: int) -> list[ComingUp]:
    """Every date of a live person in the next ``within`` days (``netui dates``)."""
    return upcoming(dates_of_live_people(db, today, within), today, within)


def _insert(person_id: int, draft: DateDraft, now: datetime) -> int:
    return m.PersonDate.create(
        person=person_id, kind=draft.kind.value, label=draft.label, year=draft.when.year, month=draft.when.month,
        day=draft.when.day, yearly=draft.yearly, lead_days=draft.lead_days, created_at=now, updated_at=now, version=1,
    ).id


def _clash(person_id: int, draft: DateDraft) -> str | None:
    """Why ``draft`` cannot join the person's dates, if it cannot."""
    for kind, label in m.PersonDate.select(m.PersonDate.kind, m.PersonDate.label).where(
        m.PersonDate.person == person_id
    ).tuples():
        if draft.kind != DateKind.OTHER and kind == draft.kind.value:
            return f"They already have a {draft.kind.value}; change or remove that one."
        if label.lower() == draft.label.lower():
            return f"They already have a date named {label!r}."
    return None


def write_dates(person_id: int, drafts: tuple[DateDraft, ...], now: datetime) -> list[int]:
    """Inside a write: add ``drafts`` to a person (a clash is a StoreError)."""
    ids = []
    for draft in drafts:
        problem = _clash(person_id, draft)
        if problem:
            raise StoreError(problem)
        ids.append(_insert(person_id, draft, now))
    return ids


def replace_dates(person_id: int, drafts: tuple[DateDraft, ...], now: datetime) -> None:
    """Inside a write: make someone's dates ``drafts``. A date that stays as it was keeps its
    row, so its reminder stays done or snoozed for the year."""
    kept: set[int] = set()
    rows = list(m.PersonDate.select().where(m.PersonDate.person == person_id))
    fresh = []
    for draft in drafts:
        same = next(
            (r for r in rows if r.id not in kept and r.kind == draft.kind.value and r.label == draft.label
             and When(r.year, r.month, r.day) == draft.when and bool(r.yearly) == draft.yearly
             and r.lead_days == draft.lead_days),
            None,
        )
        if same is not None:
            kept.add(same.id)
        else:
            fresh.append(draft)
    gone = [r.id for r in rows if r.id not in kept]
    if gone:
        m.PersonDate.delete().where(m.PersonDate.id.in_(gone)).execute()
    write_dates(person_id, tuple(fresh), now)


@writes
def add_date(db: Database, person_id: int, draft: DateDraft, now: datetime | None = None) -> int:
    person = m.Person.get_or_none((m.Person.id == person_id) & m.Person.deleted_at.is_null())
    if person is None:
        raise NotFound("That person is no longer there; they may have been deleted in another session.")
    return write_dates(person_id, (draft,), now or _now())[0]


def _row(date_id: int) -> m.PersonDate:
    row = m.PersonDate.get_or_none(m.PersonDate.id == date_id)
    if row is None:
        raise NotFound("That date is no longer there; it may have been removed in another session.")
    return row


@writes
def remove_date(db: Database, date_id: int) -> tuple[int, DateDraft]:
    """Remove a date; returns (person id, the date as a draft) so it can be put back."""
    row = _row(date_id)
    draft = DateDraft(
        label=row.label, when=When(row.year, row.month, row.day), kind=DateKind(row.kind),
        yearly=bool(row.yearly), lead_days=row.lead_days,
    )
    person_id = row.person_id
    m.PersonDate.delete().where(m.PersonDate.id == date_id).execute()
    return person_id, draft


@writes
def set_date_done(db: Database, date_id: int, year: int | None) -> int | None:
    """Mark the reminder of ``year`` done (None: not done); returns the year marked before."""
    row = _row(date_id)
    previous = row.done_year
    m.PersonDate.update(done_year=year, version=m.PersonDate.version + 1, updated_at=_now()).where(
        m.PersonDate.id == date_id
    ).execute()
    return previous


@writes
def snooze_date(db: Database, date_id: int, until: date | None) -> date | None:
    """Hide the reminder until ``until`` (None wakes it); returns the previous snooze."""
    row = _row(date_id)
    previous = as_date(row.snoozed_until)
    m.PersonDate.update(snoozed_until=until, version=m.PersonDate.version + 1, updated_at=_now()).where(
        m.PersonDate.id == date_id
    ).execute()
    return previous


def coming_this_week(db: Database, today: date) -> list[ComingUp]:
    """The Overview's line: dates in the next seven days (today included) not marked done."""
    dates = dates_of_live_people(db, today, 6)
    done = {d.id: d.done_year for d, _, _ in dates}
    return [r for r in upcoming(dates, today, 6) if done[r.date_id] != r.year]
