"""Who to contact first: every tie-breaker of contact_order_key, one pair at a time.

The store sorts with the same key, so a store test comparing the two cannot see a
tie-breaker go missing; these can."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netui.domain.overview import contact_order_key
from netui.domain.rings import Ring

TODAY = date(2026, 3, 14)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def key(**kw):
    person = dict(
        id=1, name="A", ring=Ring.BUDDY, last_contact=ago(40), cadence_days=30, snoozed_until=None, added=ago(100)
    )
    person.update(kw)
    return contact_order_key(today=TODAY, **person)


FIRST_THEN = [
    ("due before not due", dict(last_contact=ago(31)), dict(last_contact=ago(30))),
    ("urgency: a buddy 10 days late before a lukewarm 20 days late",
     dict(ring=Ring.BUDDY, last_contact=ago(40)), dict(ring=Ring.LUKEWARM, last_contact=ago(50))),
    ("same urgency: the closer ring", dict(ring=Ring.BUDDY, last_contact=ago(40)),
     dict(ring=Ring.STRATEGIC, last_contact=ago(45))),
    ("no closeness to weigh: the longer overdue", dict(ring=Ring.COLD, last_contact=ago(45)),
     dict(ring=Ring.COLD, last_contact=ago(40))),
    ("not due: with an interval before without", dict(last_contact=ago(1)), dict(last_contact=ago(1), cadence_days=None)),
    ("not due: unsnoozed before snoozed", dict(last_contact=ago(1)),
     dict(last_contact=ago(29), snoozed_until=TODAY + timedelta(days=1))),
    ("not due: least time left first", dict(last_contact=ago(25)), dict(last_contact=ago(5))),
    ("same time left: the closer ring", dict(last_contact=ago(25), ring=Ring.BUDDY),
     dict(last_contact=ago(25), ring=Ring.STRATEGIC)),
    ("same time left and ring: longest since contact", dict(last_contact=ago(35), cadence_days=40),
     dict(last_contact=ago(25), cadence_days=30)),
    ("never due: closer ring first", dict(cadence_days=None, ring=Ring.STRATEGIC),
     dict(cadence_days=None, ring=Ring.LUKEWARM)),
    ("never due, same ring: never contacted, then longest since contact",
     dict(cadence_days=None, last_contact=None), dict(cadence_days=None, last_contact=ago(300))),
    ("never due, same ring: longest since contact", dict(cadence_days=None, last_contact=ago(50)),
     dict(cadence_days=None, last_contact=ago(10))),
    ("due and never contacted: waiting longest first (days since added)",
     dict(last_contact=None, added=ago(10)), dict(last_contact=None, added=ago(3))),
    ("snoozed and never contacted: waiting longest first",
     dict(last_contact=None, added=ago(10), snoozed_until=TODAY + timedelta(days=3)),
     dict(last_contact=None, added=ago(3), snoozed_until=TODAY + timedelta(days=3))),
    ("snoozed, never contacted: added today before added in the future (never below one day)",
     dict(last_contact=None, added=ago(1), snoozed_until=TODAY + timedelta(days=3)),
     dict(last_contact=None, added=TODAY + timedelta(days=5), snoozed_until=TODAY + timedelta(days=3))),
    ("then by name, whatever its case", dict(name="alice", id=2), dict(name="Bob", id=1)),
    ("then by id", dict(id=1), dict(id=2)),
]


@pytest.mark.parametrize(("why", "first", "then"), FIRST_THEN, ids=[c[0] for c in FIRST_THEN])
def test_each_tie_breaker(why, first, then):
    assert key(**first) < key(**then), why


def test_equal_people_tie_only_on_id():
    assert key(id=3)[:-1] == key(id=4)[:-1]


def test_the_key_in_full():
    # due 10 days, buddy (closeness 3)
    assert key() == (False, -30, -3, -10, False, False, -10, -3, ago(40).toordinal(), "a", 1)
    # not due, snoozed, strategic, never contacted, added 4 days ago
    assert key(ring=Ring.STRATEGIC, last_contact=None, added=ago(4), snoozed_until=TODAY + timedelta(days=2),
               name="Zoë", id=9) == (True, 0, 0, 0, False, True, -5, -2, 0, "zoë", 9)
    assert key(cadence_days=None, last_contact=None, added=None) == (
        True, 0, 0, 0, True, False, float("inf"), -3, 0, "a", 1)
    assert key(last_contact=None, added=None, snoozed_until=TODAY + timedelta(days=1))[6] == -1
