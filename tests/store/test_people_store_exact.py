"""People's small store functions pinned on exact outputs: the palette's name order, a
ring step's reason, a tag's stored spelling, which edits count as changes, and the
calendar's order of people."""

from __future__ import annotations

from dataclasses import replace

from netui.domain.dates import When
from netui.domain.models import Membership
from netui.domain.networks import Network
from netui.domain.occasions import date_draft
from netui.domain.rings import Ring
from netui.store import dates as ds
from netui.store import people
from netui.store.exports import calendar_dates
from tests.helpers import add


def test_the_name_index_lists_live_people_by_name(db):
    # On different rings, so no index hands them over in name order by chance.
    zed = add(db, "Zed", Ring.BUDDY, company="Zeta")
    ann = add(db, "Ann", Ring.COLD, company="Acme")
    mia = add(db, "Mia", Ring.STRATEGIC)
    gone = add(db, "Bea")
    people.trash_person(db, gone)
    assert people.name_index(db) == [(ann, "Ann", "Acme"), (mia, "Mia", ""), (zed, "Zed", "Zeta")]


def test_a_ring_step_without_a_reason_records_none(db):
    pid = add(db, "Ann", Ring.COLD)
    move = people.step_ring(db, pid, True, expected=Ring.COLD)
    assert (move.from_ring, move.to_ring, move.reason) == (Ring.COLD, Ring.LUKEWARM, "")
    assert db.execute("SELECT reason FROM ring_move WHERE id = ?", (move.id,)).fetchone() == ("",)


def test_a_tag_is_stored_in_lower_case_with_single_spaces(db):
    pid = add(db, "Ann")
    assert people.tag_people(db, [pid], "  Early   WARNING ") == (pid,)
    assert [n for (n,) in db.execute("SELECT name FROM tag")] == ["early warning"]
    assert people.get_person(db, pid).help_tags == ("early warning",)


def test_the_same_networks_and_dates_in_another_order_are_no_edit(db):
    pid = add(db, "Ann", networks=(Network.SUPPORT, Network.MENTOR))
    ds.add_date(db, pid, date_draft("Birthday", When(None, 3, 16)))
    ds.add_date(db, pid, date_draft("Wedding", When(2010, 9, 1)))
    before = people.get_person(db, pid)
    assert len(before.memberships) == 2 and len(before.dates) == 2
    shuffled = replace(before, memberships=before.memberships[::-1], dates=before.dates[::-1])
    assert people.edited_fields(before, shuffled) == ()
    assert people.edited_fields(shuffled, before) == ()
    moved = replace(before, memberships=(Membership(Network.PEER),))
    assert people.edited_fields(before, moved) == ("memberships",)


def test_calendar_dates_order_people_by_name_ignoring_case(db):
    # Compared in lower case: "_" sorts after letters' upper case but before their lower case.
    samuel = add(db, "Samuel")
    sam_lee = add(db, "Sam_Lee")
    a = ds.add_date(db, samuel, date_draft("Birthday", When(None, 3, 16)))
    b = ds.add_date(db, sam_lee, date_draft("Birthday", When(None, 5, 1)))
    assert [(d.id, name) for d, name, _changed in calendar_dates(db)] == [(b, "Sam_Lee"), (a, "Samuel")]
