"""Agenda writes: snooze a person or a follow-up, mark a follow-up done.

Small on purpose: the journal has its own edit functions; these touch one column
each and bump the record's version so an open editor notices.
"""

from __future__ import annotations

from datetime import date

from netui.store import journal
from netui.store import models as m
from netui.store.journal import FollowUpState, put_follow_up_back  # noqa: F401  (the undo of complete_follow_up)
from netui.store.db import Database, writes
from netui.store.errors import NotFound
from netui.store.values import now as _now


@writes
def snooze_person(db: Database, person_id: int, until: date | None) -> date | None:
    """Hide a person from the due list until ``until`` (None wakes them); returns the previous snooze."""
    row = m.Person.get_or_none((m.Person.id == person_id) & m.Person.deleted_at.is_null())
    if row is None:
        raise NotFound("That person is no longer there; they may have been deleted in another session.")
    previous = row.snoozed_until
    m.Person.update(snoozed_until=until, version=m.Person.version + 1, updated_at=_now()).where(
        m.Person.id == person_id
    ).execute()
    return previous


def _follow_up(interaction_id: int) -> m.Interaction:
    row = m.Interaction.get_or_none((m.Interaction.id == interaction_id) & m.Interaction.deleted_at.is_null())
    if row is None or row.follow_up is None:
        raise NotFound("That follow-up is no longer there; it may have been changed in another session.")
    return row


@writes
def snooze_follow_up(db: Database, interaction_id: int, until: date | None) -> date | None:
    """Hide a follow-up until ``until`` (None wakes it); returns the previous snooze."""
    row = _follow_up(interaction_id)
    previous = row.follow_up_snoozed_until
    m.Interaction.update(
        follow_up_snoozed_until=until, version=m.Interaction.version + 1, updated_at=_now()
    ).where(m.Interaction.id == interaction_id).execute()
    return previous


@writes
def set_follow_up_done(db: Database, interaction_id: int, done: bool = True) -> None:
    _follow_up(interaction_id)
    m.Interaction.update(follow_up_done=done, version=m.Interaction.version + 1, updated_at=_now()).where(
        m.Interaction.id == interaction_id
    ).execute()


@writes
def complete_follow_up(db: Database, interaction_id: int, today: date) -> FollowUpState:
    """Done: a one-off follow-up closes, a repeating one moves on by its rhythm from ``today``.
    Returns the follow-up as it was, for ``put_follow_up_back``."""
    _follow_up(interaction_id)
    return journal.complete_follow_up(db, interaction_id, today)
