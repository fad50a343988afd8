"""The plain values' own helpers."""

from __future__ import annotations

from datetime import date

from netui.domain.models import SUGGESTED_TAGS, BroadcastEntry, Membership, Person, PersonRow, TagKind, find_broadcasts
from netui.domain.networks import Network
from netui.domain.rings import Ring

TODAY = date(2026, 3, 14)


def test_a_persons_networks_and_mentor_membership():
    person = Person(1, "Ada", Ring.BUDDY, 1, memberships=(Membership(Network.PEER), Membership(Network.MENTOR, distant=True)))
    assert person.networks == (Network.PEER, Network.MENTOR)
    assert person.membership(Network.MENTOR) == Membership(Network.MENTOR, distant=True)
    assert person.membership(Network.SUPPORT) is None
    assert person.distant
    assert not Person(2, "Bob", Ring.COLD, 1, memberships=(Membership(Network.MENTOR),)).distant
    assert not Person(3, "Cy", Ring.COLD, 1).distant


def test_a_rows_days_until_due():
    row = PersonRow(1, "Ada", "", "", Ring.BUDDY, (), date(2026, 3, 1), 30)
    assert row.due_in(TODAY) == 17
    snoozed = PersonRow(1, "Ada", "", "", Ring.BUDDY, (), date(2026, 1, 1), 30, snoozed_until=date(2026, 3, 20))
    assert snoozed.due_in(TODAY) == 6
    assert PersonRow(1, "Ada", "", "", Ring.COLD, (), None, None).due_in(TODAY) is None


def test_tag_kinds_and_suggestions():
    assert [k.value for k in TagKind] == ["help", "offer"]
    assert SUGGESTED_TAGS == (
        "advice", "introductions", "leads", "hiring", "backing", "early warning", "technical help", "references",
    )


def test_find_broadcasts_reads_an_id_only_after_a_hash_and_a_summary_only_when_it_matches():
    rust = BroadcastEntry(12, date(2026, 3, 1), "talk", "Rust")
    x12 = BroadcastEntry(3, date(2026, 3, 8), "post", "x12")
    assert find_broadcasts("x12", [rust, x12]) == [x12]  # not entry 12
    assert find_broadcasts("#12", [rust, x12]) == [rust]
    assert find_broadcasts("#x", [rust, x12]) == []
    assert find_broadcasts("Go", [rust, x12]) == []
