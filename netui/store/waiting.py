"""How many proposals wait in the Inbox: a count the Overview reads at start-up, kept apart
from the proposals' module and everything that one imports."""

from __future__ import annotations

from netui.store.db import Database

# A proposal waits while it is undecided and at least one of its people is not in the trash.
WAITING = """p.state = 'waiting' AND EXISTS (
    SELECT 1 FROM proposal_person pp JOIN person x ON x.id = pp.person_id
     WHERE pp.proposal_id = p.id AND x.deleted_at IS NULL)"""


def count_waiting(db: Database) -> int:
    """Proposals waiting in the Inbox (with at least one person still there)."""
    return db.execute(f"SELECT count(*) FROM proposal p WHERE {WAITING}").fetchone()[0]
