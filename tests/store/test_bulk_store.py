"""Changes to many people at once: one transaction each, and an undo that puts all back."""

from __future__ import annotations

from datetime import date

import pytest

from netui.domain.models import TagKind
from netui.domain.networks import Network
from netui.domain.query import parse_query
from netui.domain.rings import Ring
from netui.store import people, people_query
from netui.store.errors import Conflict
from tests.helpers import add
from tests.store.test_kept_up_to_date import check


def rings(db, ids):
    return [people.get_person(db, pid).ring for pid in ids]


def test_step_rings_moves_each_from_their_own_ring_and_undo_puts_all_back(db):
    ids = [add(db, "A", Ring.COLD), add(db, "B", Ring.STRATEGIC), add(db, "C", Ring.BUDDY)]
    versions = [people.get_person(db, pid).version for pid in ids]
    moves = people.step_rings(db, ids, True, reason="after the offsite")
    assert rings(db, ids) == [Ring.LUKEWARM, Ring.BUDDY, Ring.BUDDY]  # the buddy stays
    assert len(moves) == 2
    assert people.get_person(db, ids[0]).ring_history[-1].reason == "after the offsite"
    assert [people.get_person(db, pid).version for pid in ids] == [versions[0] + 1, versions[1] + 1, versions[2]]
    check(db)
    assert people.undo_ring_moves(db, moves) == 2
    assert rings(db, ids) == [Ring.COLD, Ring.STRATEGIC, Ring.BUDDY]
    assert [mv.to_ring for mv in people.get_person(db, ids[0]).ring_history] == [Ring.COLD]
    check(db)


def test_undo_of_moves_refuses_when_one_moved_again_and_changes_nothing(db):
    ids = [add(db, "A"), add(db, "B")]
    moves = people.move_rings(db, ids, Ring.STRATEGIC)
    people.move_ring(db, ids[1], Ring.BUDDY)
    with pytest.raises(Conflict):
        people.undo_ring_moves(db, moves)
    assert rings(db, ids) == [Ring.STRATEGIC, Ring.BUDDY]


def test_toggle_network_adds_to_those_missing_then_takes_all_out(db):
    a = add(db, "A", networks=(Network.PEER,))
    b = add(db, "B")
    change = people.toggle_network(db, [a, b], Network.PEER)
    assert change.added == (b,)
    assert Network.PEER in [ms.network for ms in people.get_person(db, b).memberships]
    check(db)
    people.undo_network_change(db, change)
    assert people.get_person(db, b).memberships == ()
    assert [ms.network for ms in people.get_person(db, a).memberships] == [Network.PEER]
    change = people.toggle_network(db, [a, b], Network.PEER)  # b is out: add again
    change = people.toggle_network(db, [a, b], Network.PEER)  # both in: both out
    assert sorted(pid for pid, _, _ in change.removed) == [a, b]
    assert people.get_person(db, a).memberships == ()
    check(db)
    people.undo_network_change(db, change)
    assert [ms.network for ms in people.get_person(db, a).memberships] == [Network.PEER]
    check(db)


def test_tag_and_untag_many(db):
    a = add(db, "A", help_tags=("hiring",))
    b = add(db, "B")
    added = people.tag_people(db, [a, b], " Hiring ")
    assert added == (b,)
    assert people.get_person(db, b).help_tags == ("hiring",)
    spec = people_query.PeopleList(parse_query("tag:hiring"))
    assert people_query.matching_ids(db, spec, date.today()) == [a, b]
    people.untag_people(db, added, "hiring")
    assert people.get_person(db, b).help_tags == ()
    assert people.get_person(db, a).help_tags == ("hiring",)
    assert people.tag_people(db, [a], "x", TagKind.OFFER) == (a,)


def test_trash_and_restore_many_in_one_go(db):
    ids = [add(db, f"P{i}") for i in range(1200)]  # more than one IN list's worth
    trashed = people.trash_people(db, ids)
    assert len(trashed) == 1200
    assert people.count_people(db) == 0
    check(db)
    assert people.restore_people(db, trashed) == 1200
    assert people.count_people(db) == 1200
    check(db)


def test_matching_ids_holds_every_match_in_the_lists_order(db):
    add(db, "Zed", company="Acme")
    add(db, "Amy", company="Acme")
    add(db, "Bob", company="Other")
    spec = people_query.PeopleList(parse_query("company:acme"))
    names = [people.get_person(db, pid).name for pid in people_query.matching_ids(db, spec, date.today())]
    assert names == ["Amy", "Zed"]
