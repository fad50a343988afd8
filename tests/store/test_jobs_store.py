"""New roles kept on a person: which are open, in what order, and marking them."""

from __future__ import annotations

from datetime import date

import pytest

from netui.domain.agenda import JobMove
from netui.domain.rings import Ring
from netui.store.errors import NotFound
from netui.store.jobs import STATES, job_changes_of, open_job_changes, set_job_change_state
from netui.store.people import trash_person
from tests.helpers import add


def _move(db, person_id: int, before: str, after: str, day: str, state: str = "open") -> int:
    return db.execute(
        "INSERT INTO job_change (person_id, before, after, changed_on, state) VALUES (?, ?, ?, ?, ?)",
        (person_id, before, after, day, state),
    ).lastrowid


def test_open_new_roles_of_live_people_come_newest_first(db):
    ada = add(db, "Ada Lovelace", Ring.BUDDY)
    grace = add(db, "Grace Hopper", Ring.STRATEGIC)
    gone = add(db, "Gone Person")
    older = _move(db, ada, "Analyst at Babbage", "Engineer at Babbage", "2026-01-05")
    same_day_a = _move(db, grace, "Officer at Navy", "Admiral at Navy", "2026-03-01")
    same_day_b = _move(db, ada, "Engineer at Babbage", "CTO at Babbage", "2026-03-01")
    _move(db, ada, "x", "y", "2026-03-10", state="done")
    _move(db, grace, "x", "y", "2026-03-11", state="dismissed")
    _move(db, gone, "x", "y", "2026-03-12")
    trash_person(db, gone)
    assert open_job_changes(db) == [
        JobMove(same_day_b, ada, "Ada Lovelace", Ring.BUDDY, "Engineer at Babbage", "CTO at Babbage", date(2026, 3, 1)),
        JobMove(same_day_a, grace, "Grace Hopper", Ring.STRATEGIC, "Officer at Navy", "Admiral at Navy",
                date(2026, 3, 1)),
        JobMove(older, ada, "Ada Lovelace", Ring.BUDDY, "Analyst at Babbage", "Engineer at Babbage", date(2026, 1, 5)),
    ]


def test_a_persons_roles_include_closed_ones_newest_first(db):
    ada = add(db, "Ada Lovelace")
    first = _move(db, ada, "a", "b", "2026-01-05", state="done")
    second = _move(db, ada, "b", "c", "2026-02-05", state="dismissed")
    third = _move(db, ada, "c", "d", "2026-02-05")
    _move(db, add(db, "Grace Hopper"), "x", "y", "2026-03-01")
    moves = job_changes_of(db, ada)
    assert [(m.id, m.state) for m in moves] == [(third, "open"), (second, "dismissed"), (first, "done")]
    assert moves[0].changed_on == date(2026, 2, 5) and moves[0].before == "c" and moves[0].after == "d"


def test_marking_a_role_returns_its_state_before(db):
    assert STATES == ("open", "done", "dismissed")
    ada = add(db, "Ada Lovelace")
    move = _move(db, ada, "a", "b", "2026-01-05")
    assert set_job_change_state(db, move, "done") == "open"
    assert open_job_changes(db) == []
    assert set_job_change_state(db, move, "open") == "done"
    assert [m.id for m in open_job_changes(db)] == [move]
    with pytest.raises(ValueError, match="unknown state 'hired'"):
        set_job_change_state(db, move, "hired")
    with pytest.raises(NotFound, match="That job change is gone"):
        set_job_change_state(db, move + 1, "done")
