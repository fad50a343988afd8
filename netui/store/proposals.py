"""Proposals: journal entries a calendar or mail import suggests, waiting in the Inbox.

A proposal is logged (it becomes an interaction through the journal's own functions, so
every keep-in-touch clock and count moves as for any entry), dismissed for good, or left
waiting. Its ``source_key`` is unique: what was once proposed is never proposed again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from netui.domain.brief import RECENT_IN_BRIEF, Brief
from netui.domain.capture import Meeting, ProposalDraft, ProposalRow, State, email_key, emails_in
from netui.domain.journal import KINDS, Interaction, InteractionDraft
from netui.domain.models import PersonDraft
from netui.domain.text import clean_input
from netui.store.db import Database, writes
from netui.store.errors import NotFound, StoreError
from netui.store.people import add_person
from netui.store.journal import add_interaction, delete_interaction, get_interaction, log_interaction, purge_interaction
from netui.store.values import as_date
from netui.store.waiting import WAITING as _WAITING
from netui.store.waiting import count_waiting  # noqa: F401 - where the Inbox's callers look for it
from netui.store.values import now as _now

MY_EMAILS = "my_emails"


# ---------------------------------------------------------------- who is who


def my_emails(db: Database) -> tuple[str, ...]:
    """The user's own addresses (the "my emails" setting), compared case-blind."""
    row = db.execute("SELECT value FROM setting WHERE key = ?", (MY_EMAILS,)).fetchone()
    if row is None:
        return ()
    try:
        value = json.loads(row[0])
    except ValueError:
        return ()
    return tuple(dict.fromkeys(k for v in value if isinstance(v, str) and (k := email_key(v)))) if isinstance(value, list) else ()


@writes
def set_my_emails(db: Database, emails: Iterable[str]) -> tuple[str, ...]:
    """Remember ``emails`` as the user's own addresses (replacing the ones before)."""
    keys = tuple(dict.fromkeys(k for e in emails if (k := email_key(e))))
    if not keys:
        raise StoreError("None of the addresses given is an email address.")
    db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", (MY_EMAILS, json.dumps(list(keys))))
    return keys


def people_by_email(db: Database) -> dict[str, int]:
    """Every address of every live person -> their id (the oldest entry wins a shared address)."""
    found: dict[str, int] = {}
    for pid, field_value in db.execute(
        "SELECT id, email FROM person WHERE deleted_at IS NULL AND email <> '' ORDER BY id"
    ):
        for key in emails_in(field_value):
            found.setdefault(key, pid)
    return found


def already_proposed(db: Database, keys: Sequence[str]) -> set[str]:
    """Which of ``keys`` were proposed before (waiting, logged or dismissed)."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = list(keys[start:start + 500])
        found.update(k for (k,) in db.execute(
            f"SELECT source_key FROM proposal WHERE source_key IN ({','.join('?' * len(chunk))})", chunk
        ))
    return found


def message_seen(db: Database, message_id: str) -> bool:
    return db.execute("SELECT 1 FROM seen_message WHERE message_id = ?", (message_id,)).fetchone() is not None


# ---------------------------------------------------------------- storing what an import found


@writes
def save_proposals(
    db: Database,
    drafts: Sequence[ProposalDraft],
    *,
    new_people: Sequence[tuple[str, str]] = (),
    seen_messages: Iterable[str] = (),
    log_all: bool = False,
    me: Sequence[str] = (),
    coming: Sequence[ProposalDraft] | None = None,
    now: datetime | None = None,
) -> tuple[int, int, int, int]:
    """Store an import's proposals in one transaction: (new, seen before, people added, logged).

    ``new_people`` (name, email) are added as cold contacts first and join the proposals
    that list their address in ``unknown``. A proposal seen before is not made again; one
    still waiting gains anyone newly matched. With ``log_all`` every proposal that is new
    is logged at once. ``me``, when given, becomes the "my emails" setting. ``coming``, when
    given, replaces the meetings ahead (see ``save_coming_up``)."""
    if me:
        set_my_emails(db, me)
    now = now or _now()
    stamp = str(now.replace(microsecond=0))
    added: dict[str, int] = {}
    for name, email in new_people:
        key = email_key(email)
        if key and key not in added:
            added[key] = add_person(db, PersonDraft(name=clean_input(name) or key, email=key), now=now)
    new = again = logged = 0
    fresh: list[int] = []
    for draft in drafts:
        if draft.kind not in KINDS:
            raise ValueError(f"unknown kind {draft.kind!r}")
        people = list(dict.fromkeys((*draft.person_ids, *(added[e] for e in draft.unknown if e in added))))
        if not people:
            continue
        row = db.execute("SELECT id, state FROM proposal WHERE source_key = ?", (draft.source_key,)).fetchone()
        if row is not None:
            again += 1
            if row[1] == State.WAITING.value:
                db.orm.connection().executemany(
                    "INSERT OR IGNORE INTO proposal_person (proposal_id, person_id) VALUES (?, ?)",
                    [(row[0], pid) for pid in people],
                )
            continue
        pid_new = db.execute(
            """INSERT INTO proposal (source, source_key, date, time, kind, summary, direction, state,
                                     created_at, updated_at, version)
               VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, 1)""",
            (draft.source.value, draft.source_key, draft.date.isoformat(), draft.time, draft.kind,
             clean_input(draft.summary), draft.direction, stamp, stamp),
        ).lastrowid
        db.orm.connection().executemany(
            "INSERT OR IGNORE INTO proposal_person (proposal_id, person_id) VALUES (?, ?)",
            [(pid_new, pid) for pid in people],
        )
        fresh.append(pid_new)
        new += 1
    db.orm.connection().executemany(
        "INSERT OR IGNORE INTO seen_message (message_id) VALUES (?)", [(m,) for m in seen_messages]
    )
    if log_all and fresh:
        logged = len(log_proposals(db, fresh, now=now))
    if coming is not None:
        save_coming_up(db, coming)
    return new, again, len(added), logged


# ---------------------------------------------------------------- the Inbox



def _rows(db: Database, where: str, params: Sequence[object], limit: int | None = None) -> list[ProposalRow]:
    sql = f"""SELECT p.id, p.source, p.date, p.time, p.kind, p.summary, p.direction, p.state, p.interaction_id,
                     (SELECT group_concat(x.id || char(30) || x.name, char(31)) FROM
                        (SELECT pe.id, pe.name FROM proposal_person pp JOIN person pe ON pe.id = pp.person_id
                          WHERE pp.proposal_id = p.id AND pe.deleted_at IS NULL ORDER BY pp.id) x)
                FROM proposal p WHERE {where}
               ORDER BY p.date DESC, p.time DESC, p.id DESC"""
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    out = []
    for pid, source, day, time, kind, summary, direction, state, iid, people in db.execute(sql, list(params)):
        pairs = tuple(
            (int(a), b) for a, b in (item.split("\x1e", 1) for item in people.split("\x1f"))
        ) if people else ()
        out.append(ProposalRow(pid, source, as_date(day), time, kind, summary, direction, pairs, state, iid))
    return out


def waiting_proposals(db: Database, limit: int | None = None) -> list[ProposalRow]:
    """What waits in the Inbox, newest first."""
    return _rows(db, _WAITING, (), limit)


def get_proposal(db: Database, proposal_id: int) -> ProposalRow:
    rows = _rows(db, "p.id = ?", (proposal_id,))
    if not rows:
        raise NotFound("That proposal is gone.")
    return rows[0]


def _waiting_one(db: Database, proposal_id: int) -> ProposalRow:
    row = get_proposal(db, proposal_id)
    if row.state != State.WAITING.value:
        raise StoreError(f"That proposal was already {row.state} (in another session?).")
    if not row.people:
        raise NotFound("Everyone in that proposal was deleted; dismiss it instead.")
    return row


def _mark(db: Database, proposal_id: int, state: State, interaction_id: int | None, now: datetime | None) -> None:
    db.execute(
        "UPDATE proposal SET state = ?, interaction_id = ?, updated_at = ?, version = version + 1 WHERE id = ?",
        (state.value, interaction_id, str((now or _now()).replace(microsecond=0)), proposal_id),
    )


@writes
def log_proposals(db: Database, proposal_ids: Sequence[int], now: datetime | None = None) -> list[tuple[int, int]]:
    """Log each proposal as it is: (proposal id, interaction id) for each one logged."""
    done = []
    for proposal_id in proposal_ids:
        row = _waiting_one(db, proposal_id)
        iid = add_interaction(
            db, InteractionDraft(row.date, row.kind, row.person_ids, row.summary, row.notes()), now=now
        )
        _mark(db, proposal_id, State.LOGGED, iid, now)
        done.append((proposal_id, iid))
    return done


@writes
def log_proposal_as(
    db: Database, proposal_id: int, draft: InteractionDraft, new_people: tuple[str, ...] = (), now: datetime | None = None
) -> Interaction:
    """Log a proposal as the log form changed it; the entry as stored."""
    _waiting_one(db, proposal_id)
    iid = log_interaction(db, draft, new_people, now=now)
    _mark(db, proposal_id, State.LOGGED, iid, now)
    return get_interaction(db, iid)


@writes
def unlog_proposals(db: Database, logged: Sequence[tuple[int, int]]) -> None:
    """Undo ``log_proposals``: the entries go (clocks go back) and the proposals wait again."""
    for proposal_id, iid in logged:
        try:
            delete_interaction(db, iid)
        except NotFound:
            pass  # already in the journal's trash
        try:
            purge_interaction(db, iid)
        except StoreError:
            pass
        _mark(db, proposal_id, State.WAITING, None, None)


@writes
def dismiss_proposals(db: Database, proposal_ids: Sequence[int], now: datetime | None = None) -> int:
    n = 0
    for proposal_id in proposal_ids:
        row = get_proposal(db, proposal_id)
        if row.state == State.WAITING.value:
            _mark(db, proposal_id, State.DISMISSED, None, now)
            n += 1
    return n


@writes
def undismiss_proposals(db: Database, proposal_ids: Sequence[int]) -> None:
    for proposal_id in proposal_ids:
        db.execute(
            "UPDATE proposal SET state = 'waiting', version = version + 1 WHERE id = ? AND state = 'dismissed'",
            (proposal_id,),
        )


# ---------------------------------------------------------------- meetings ahead


@writes
def save_coming_up(db: Database, meetings: Sequence[ProposalDraft]) -> int:
    """The meetings ahead found by the last calendar import, in place of those found before."""
    db.execute("DELETE FROM coming_up")
    n = 0
    for draft in meetings:
        if not draft.person_ids:
            continue
        cid = db.execute(
            "INSERT OR IGNORE INTO coming_up (source_key, date, time, title, kind) VALUES (?, ?, ?, ?, ?)",
            (draft.source_key, draft.date.isoformat(), draft.time, clean_input(draft.summary), draft.kind),
        ).lastrowid
        db.orm.connection().executemany(
            "INSERT OR IGNORE INTO coming_up_person (coming_up_id, person_id) VALUES (?, ?)",
            [(cid, pid) for pid in draft.person_ids],
        )
        n += 1
    return n


def _meetings(db: Database, where: str, params: Sequence[object]) -> list[Meeting]:
    out = []
    for cid, day, time, title, kind, people in db.execute(
        f"""SELECT c.id, c.date, c.time, c.title, c.kind,
                   (SELECT group_concat(x.id || char(30) || x.name, char(31)) FROM
                      (SELECT pe.id, pe.name FROM coming_up_person cp JOIN person pe ON pe.id = cp.person_id
                        WHERE cp.coming_up_id = c.id AND pe.deleted_at IS NULL ORDER BY cp.id) x)
              FROM coming_up c WHERE {where} ORDER BY c.date, c.time, c.id""",
        list(params),
    ):
        if people:
            pairs = tuple((int(a), b) for a, b in (item.split("\x1e", 1) for item in people.split("\x1f")))
            out.append(Meeting(cid, as_date(day), time, title, kind, pairs))
    return out


COMING_UP_DAYS = 7  # how far ahead the Agenda looks


def coming_up(db: Database, today: date, days: int = COMING_UP_DAYS) -> list[Meeting]:
    """Meetings from today to ``days`` ahead with people you know, soonest first."""
    return _meetings(db, "c.date >= ? AND c.date < ?", (today.isoformat(), (today + timedelta(days=days)).isoformat()))


def next_meeting_with(db: Database, person_id: int, today: date) -> Meeting | None:
    found = _meetings(
        db, "c.date >= ? AND c.id IN (SELECT coming_up_id FROM coming_up_person WHERE person_id = ?)",
        (today.isoformat(), person_id),
    )
    return found[0] if found else None


def brief(db: Database, person_id: int, today: date) -> Brief:
    """Everything the brief shows about one person, from one snapshot of the file."""
    from netui.store.funnel import intro_paths
    from netui.store.jobs import job_changes_of
    from netui.store.journal import person_timeline
    from netui.store.people import get_person

    with db.snapshot():
        person = get_person(db, person_id)
        timeline = person_timeline(db, person_id, limit=200)
        return Brief(
            person=person,
            recent=tuple(timeline[:RECENT_IN_BRIEF]),
            open_follow_ups=tuple(e for e in timeline if e.follow_up is not None and not e.follow_up_done),
            intro_paths=tuple(intro_paths(db, person_id, limit=3)),
            meeting=next_meeting_with(db, person_id, today),
            today=today,
            jobs=tuple(job_changes_of(db, person_id)),
        )
