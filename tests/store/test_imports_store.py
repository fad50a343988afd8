"""Writing an import plan: the rows an import adds and what the matching reads."""

from __future__ import annotations

from netui.domain.models import Membership, PersonDraft, TagKind
from netui.domain.networks import Network, PeerSide
from netui.domain.rings import Ring
from netui.store.imports import ImportPlan, apply_import, people_for_matching, tags_of
from netui.store.people import trash_person
from tests.helpers import add


def test_placeholders_stand_for_the_people_the_plan_adds():
    plan = ImportPlan()
    plan.adds.append(PersonDraft("Ann"))
    assert plan.placeholder() == -1
    plan.adds.append(PersonDraft("Bo"))
    assert plan.placeholder() == -2


def test_an_import_keeps_one_membership_per_network_as_the_network_allows(db):
    plan = ImportPlan(adds=[PersonDraft("Ann", memberships=(
        Membership(Network.PEER, peer_side=PeerSide.INSIDE),
        Membership(Network.PEER, peer_side=PeerSide.OUTSIDE),  # the same network again: the first stays
        Membership(Network.SUPPORT, peer_side=PeerSide.INSIDE, distant=True),  # no side, never distant
        Membership(Network.MENTOR, distant=True),
    ))])
    [ann] = apply_import(db, plan)
    assert db.execute("SELECT network, peer_side, distant FROM membership WHERE person_id = ? ORDER BY id",
                      (ann,)).fetchall() == [("peer", "inside", 0), ("support", None, 0), ("mentor", None, 1)]


def test_matching_reads_everyone_stored_trash_included(db):
    ann = add(db, "Ann", Ring.BUDDY, company="Acme", help_tags=("advice",), offer_tags=("hiring",))
    gone = add(db, "Gone")
    trash_person(db, gone)
    people = {p.id: p for p in people_for_matching(db)}
    assert (people[ann].ring, people[ann].version, people[ann].company, people[ann].deleted_at) == (
        Ring.BUDDY, 1, "Acme", None)
    assert people[gone].deleted_at is not None and people[gone].version == 2
    assert tags_of(db, ann) == {TagKind.HELP: {"advice"}, TagKind.OFFER: {"hiring"}}
