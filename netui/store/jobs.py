"""New roles an import saw, kept on the person; open ones wait on the Agenda."""

from __future__ import annotations

from netui.domain.agenda import JobMove
from netui.domain.rings import Ring
from netui.store.db import Database, writes
from netui.store.errors import NotFound
from netui.store.values import as_date

STATES = ("open", "done", "dismissed")

_SQL = """SELECT j.id, j.person_id, p.name, p.ring, j.before, j.after, j.changed_on, j.state
            FROM job_change j JOIN person p ON p.id = j.person_id"""


def _rows(db: Database, where: str, params: tuple) -> list[JobMove]:
    return [
        JobMove(jid, pid, name, Ring(ring), before, after, as_date(day), state)
        for jid, pid, name, ring, before, after, day, state in db.execute(f"{_SQL} WHERE {where}", params)
    ]


def open_job_changes(db: Database) -> list[JobMove]:
    """Open new roles of live people, newest first."""
    return _rows(db, "j.state = 'open' AND p.deleted_at IS NULL ORDER BY j.changed_on DESC, j.id DESC", ())


def job_changes_of(db: Database, person_id: int) -> list[JobMove]:
    """A person's roles as imports saw them change, newest first."""
    return _rows(db, "j.person_id = ? ORDER BY j.changed_on DESC, j.id DESC", (person_id,))


@writes
def set_job_change_state(db: Database, job_id: int, state: str) -> str:
    """Mark a new role done (congratulated), dismissed or open again; the state it had before."""
    if state not in STATES:
        raise ValueError(f"unknown state {state!r}")
    row = db.execute("SELECT state FROM job_change WHERE id = ?", (job_id,)).fetchone()
    if row is None:
        raise NotFound("That job change is gone (the person was purged?).")
    db.execute("UPDATE job_change SET state = ? WHERE id = ?", (state, job_id))
    return row[0]
