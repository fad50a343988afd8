"""The journal: interactions with the people in them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from netui.domain.text import clean_input
from netui.store import models as m
from netui.store.db import writes
from netui.store.errors import NotFound, StoreError
from netui.store.models import database
from netui.store.people import _as_date


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    date: date
    kind: str
    summary: str
    reciprocity: str | None
    follow_up: date | None
    follow_up_done: bool
    others: tuple[str, ...]  # the other participants' names


def person_timeline(person_id: int, limit: int = 200) -> list[TimelineEntry]:
    """A person's interactions, newest first."""
    rows = database.execute_sql(
        """
        SELECT i.id, i.date, i.kind, i.summary, i.reciprocity, i.follow_up, i.follow_up_done,
               (SELECT group_concat(p.name, '; ') FROM participant o JOIN person p ON p.id = o.person_id
                 WHERE o.interaction_id = i.id AND o.person_id <> ?) AS others
          FROM participant pa JOIN interaction i ON i.id = pa.interaction_id
         WHERE pa.person_id = ? AND i.deleted_at IS NULL
         ORDER BY i.date DESC, i.id DESC
         LIMIT ?
        """,
        (person_id, person_id, limit),
    )
    return [
        TimelineEntry(
            id=iid,
            date=_as_date(day),
            kind=kind,
            summary=summary,
            reciprocity=recip,
            follow_up=_as_date(follow),
            follow_up_done=bool(done),
            others=tuple(others.split("; ")) if others else (),
        )
        for iid, day, kind, summary, recip, follow, done, others in rows
    ]


def timeline_counts(person_id: int) -> dict[str, int]:
    """How many interactions of each kind, plus 'gave'/'received'/'mutual' tallies."""
    counts: dict[str, int] = {}
    for kind, recip, n in database.execute_sql(
        """SELECT i.kind, i.reciprocity, count(*) FROM participant pa JOIN interaction i ON i.id = pa.interaction_id
            WHERE pa.person_id = ? AND i.deleted_at IS NULL GROUP BY i.kind, i.reciprocity""",
        (person_id,),
    ):
        counts[kind] = counts.get(kind, 0) + n
        if recip:
            counts[f"reciprocity:{recip}"] = counts.get(f"reciprocity:{recip}", 0) + n
    return counts


# ---------------------------------------------------------------- writing

KINDS: tuple[str, ...] = (
    "coffee", "lunch", "drinks", "call", "video", "message", "email", "event", "linkedin", "intro", "other",
)
RECIPROCITY: tuple[str, ...] = ("gave", "received", "mutual")


@dataclass(frozen=True)
class InteractionDraft:
    """A validated journal entry ready to store."""

    date: date
    kind: str
    person_ids: tuple[int, ...]
    summary: str = ""
    notes: str = ""
    reciprocity: str | None = None
    follow_up: date | None = None


@writes
def add_interaction(draft: InteractionDraft, now: datetime | None = None) -> int:
    """Store one interaction and its participants; every participant's clock restarts at its date."""
    if draft.kind not in KINDS:
        raise StoreError(f"Unknown kind {draft.kind!r}; choose one of {', '.join(KINDS)}.")
    if draft.reciprocity is not None and draft.reciprocity not in RECIPROCITY:
        raise StoreError(f"Unknown reciprocity {draft.reciprocity!r}; choose gave, received or mutual.")
    people = list(dict.fromkeys(draft.person_ids))
    if not people:
        raise StoreError("An interaction needs at least one person.")
    live = {
        pid for (pid,) in database.execute_sql(
            f"SELECT id FROM person WHERE deleted_at IS NULL AND id IN ({','.join('?' * len(people))})", people
        )
    }
    missing = [pid for pid in people if pid not in live]
    if missing:
        raise NotFound("Someone in this interaction is no longer there (deleted in another session?); nothing was saved.")
    now = now or datetime.now().replace(microsecond=0)
    row = m.Interaction.create(
        date=draft.date,
        kind=draft.kind,
        summary=clean_input(draft.summary),
        notes=clean_input(draft.notes, multiline=True),
        reciprocity=draft.reciprocity,
        follow_up=draft.follow_up,
        created_at=now,
        updated_at=now,
        version=1,
    )
    m.Participant.insert_many([(row.id, pid, draft.date) for pid in people], fields=[
        m.Participant.interaction, m.Participant.person, m.Participant.date
    ]).execute()
    return row.id
