"""The journal: interactions with the people in them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
