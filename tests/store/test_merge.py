"""Likely duplicates and merging two records of one person, with undo."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from netui.domain.journal import InteractionDraft
from netui.domain.models import Membership
from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store import journal, merge, people
from netui.store.errors import Conflict, StoreError
from tests.helpers import add
from tests.store.test_kept_up_to_date import check


def snapshot(db) -> dict:
    """Everything a merge touches, comparable before and after."""
    tables = {
        "person": "SELECT id, name, name_key, sort_key, company, title, email, phone, url, location, purpose, notes, "
                  "ring, cadence_override, introduced_by_id, snoozed_until, extra, created_at, deleted_at, "
                  "last_contact, due_on, member_of FROM person ORDER BY id",
        "membership": "SELECT person_id, network, peer_side, distant, live, ring FROM membership ORDER BY person_id, network",
        "ring_move": "SELECT id, person_id, from_ring, to_ring, moved_at, reason FROM ring_move ORDER BY id",
        "knows": "SELECT id, person_id, other_id, note FROM knows ORDER BY id",
        "tags": "SELECT pt.person_id, pt.kind, t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id "
                "ORDER BY pt.person_id, pt.kind, t.name",
        "participant": "SELECT id, interaction_id, person_id, date FROM participant ORDER BY id",
        "fts": "SELECT rowid, name FROM person_fts ORDER BY rowid",
        "tally": "SELECT key, n FROM tally ORDER BY key",
    }
    return {k: list(db.execute(sql)) for k, sql in tables.items()}


def log(db, day: date, *ids: int, summary: str = "") -> int:
    return journal.add_interaction(db, InteractionDraft(day, "coffee", ids, summary))


@pytest.fixture
def pair(db):
    """Ada typed by hand, and Ada from a LinkedIn import, with a journal, links and tags each."""
    ada = add(db, "Ada Lovelace", ring=Ring.STRATEGIC, company="", networks=(Network.MENTOR,),
              email="ada@example.org", notes="Met at the meetup.", help_tags=("advice",))
    imported = add(db, "Ada Lovelace", company="Analytical Engines", networks=(Network.PEER,),
                   url="https://www.linkedin.com/in/ada/", title="Engineer", notes="Imported.",
                   offer_tags=("introductions",), help_tags=("hiring", "advice"),
                   extra=json.dumps({"linkedin": {"connected_on": "2020-01-01"}}))
    babbage = add(db, "Charles Babbage")
    grace = add(db, "Grace Hopper")
    intro = add(db, "Introduced Person", introduced_by_id=imported)
    people.link_knows(db, ada, babbage, "old friends")
    people.link_knows(db, imported, babbage, "colleagues")
    people.link_knows(db, imported, grace, "met at a talk")
    people.link_knows(db, ada, imported, "same person")
    people.move_ring(db, imported, Ring.LUKEWARM, reason="replied", now=datetime(2026, 2, 1, 9))
    only_ada = log(db, date(2026, 1, 5), ada, summary="coffee with ada")
    both = log(db, date(2026, 2, 5), ada, imported, summary="both records")
    only_imported = log(db, date(2026, 3, 1), imported, grace, summary="linkedin chat")
    return {"ada": ada, "imported": imported, "babbage": babbage, "grace": grace, "intro": intro,
            "entries": (only_ada, both, only_imported)}


def test_finds_same_name_email_url_phone_and_close_names(db):
    a = add(db, "Jane Doe", email="Jane@Example.org")
    b = add(db, "J. Doe", email="jane@example.org ")
    c = add(db, "Sam Roe", url="https://www.linkedin.com/in/samroe/")
    d = add(db, "Samuel Roe", url="linkedin.com/in/SamRoe")
    e = add(db, "Pat Kim", phone="+44 20 7946 0018")
    f = add(db, "Patricia Kim", phone="020 7946 0018")
    g = add(db, "Jon Smith", company="Acme")
    h = add(db, "John Smith", company="ACME ")
    add(db, "John Smith", company="Globex")  # same name as h: a pair too, for its name
    add(db, "Jon Smithers", company="Initech")  # close name, other company: not a pair
    add(db, "Ann Lee", company="Acme")
    add(db, "Bob Stone", company="Acme")
    pairs = {(p.first.id, p.second.id): p.reasons for p in merge.find_duplicates(db)}
    assert pairs[(a, b)] == ("same email",)
    assert pairs[(c, d)] == ("same LinkedIn profile",)
    assert pairs[(e, f)] == ("same phone",)
    assert pairs[(g, h)] == ("close names at Acme",)
    assert pairs[(h, h + 1)] == ("same name",)
    assert len(pairs) == 5, pairs


def test_trashed_people_are_not_duplicates(db):
    a = add(db, "Jane Doe")
    add(db, "Jane Doe")
    people.trash_person(db, a)
    assert merge.find_duplicates(db) == []


def test_merge_keeps_both_journals_histories_links_tags_and_extra(db, pair):
    ada, imported = pair["ada"], pair["imported"]
    plan = merge.merge_plan(db, ada, imported)
    assert plan.values["company"] == "Analytical Engines"  # blank on the kept record: the other's
    assert plan.values["notes"] == "Met at the meetup.\n\nImported."
    assert plan.values["ring"] == "strategic"  # the closer ring
    assert plan.interactions == 3
    undo = merge.merge_people(db, ada, imported, {"title": "other"})
    check(db)
    p = people.get_person(db, ada)
    assert db.execute("SELECT count(*) FROM person WHERE id = ?", (imported,)).fetchone()[0] == 0
    assert (p.company, p.title, p.email, p.url) == (
        "Analytical Engines", "Engineer", "ada@example.org", "https://www.linkedin.com/in/ada/")
    assert p.ring == Ring.STRATEGIC
    assert p.networks == (Network.PEER, Network.MENTOR)
    assert p.help_tags == ("advice", "hiring") and p.offer_tags == ("introductions",)
    assert json.loads(p.extra) == {"linkedin": {"connected_on": "2020-01-01"}}
    # Both journals, the shared entry once; the last contact is the newest of both.
    timeline = journal.person_timeline(db, ada)
    assert sorted(e.summary for e in timeline) == ["both records", "coffee with ada", "linkedin chat"]
    assert p.last_contact == date(2026, 3, 1)
    # Both ring histories.
    assert [(mv.to_ring, mv.reason) for mv in p.ring_history].count((Ring.LUKEWARM, "replied")) == 1
    assert len(p.ring_history) == 3
    # Knows-links: Babbage once (the kept record's note), Grace moved over, the self-link gone.
    assert sorted((k.other_name, k.note) for k in p.knows) == [("Charles Babbage", "old friends"),
                                                               ("Grace Hopper", "met at a talk")]
    assert people.get_person(db, pair["intro"]).introduced_by_id == ada
    # Found by the other record's words too.
    from netui.domain.query import parse_query
    from netui.store.people_query import PeopleList, page
    found = page(db, PeopleList(filter=parse_query("engines")), date(2026, 3, 14), 0, 10)
    assert [r.id for r in found] == [ada]
    assert undo.other_id == imported


def test_undo_restores_both_records_exactly(db, pair):
    before = snapshot(db)
    undo = merge.merge_people(db, pair["ada"], pair["imported"], {"ring": "other", "name": "other"})
    assert snapshot(db) != before
    merge.undo_merge(db, undo)
    check(db)
    after = snapshot(db)
    assert after == before


def test_choosing_the_other_ring_is_recorded_and_undone(db, pair):
    undo = merge.merge_people(db, pair["ada"], pair["imported"], {"ring": "other"})
    p = people.get_person(db, pair["ada"])
    assert p.ring == Ring.LUKEWARM
    assert p.ring_history[-1].reason == "merged with Ada Lovelace"
    merge.undo_merge(db, undo)
    assert people.get_person(db, pair["ada"]).ring == Ring.STRATEGIC


def test_merge_refuses_a_stale_view_and_changes_nothing(db, pair):
    ada = people.get_person(db, pair["ada"])
    other = people.get_person(db, pair["imported"])
    people.update_person(db, other.id, other, {"title": "CTO"})
    before = snapshot(db)
    with pytest.raises(Conflict):
        merge.merge_people(db, ada.id, other.id, versions=(ada.version, other.version))
    assert snapshot(db) == before


def test_undo_refuses_after_a_later_edit(db, pair):
    undo = merge.merge_people(db, pair["ada"], pair["imported"])
    p = people.get_person(db, pair["ada"])
    people.update_person(db, p.id, p, {"title": "Countess"})
    with pytest.raises(Conflict):
        merge.undo_merge(db, undo)
    assert people.get_person(db, pair["ada"]).title == "Countess"


def test_merge_with_self_or_trashed_is_refused(db, pair):
    with pytest.raises(StoreError):
        merge.merge_people(db, pair["ada"], pair["ada"])
    people.trash_person(db, pair["grace"])
    with pytest.raises(StoreError, match="trash"):
        merge.merge_people(db, pair["ada"], pair["grace"])


def test_merging_keeps_a_network_setting_of_the_kept_record(db):
    a = add(db, "Ann", networks=(Network.MENTOR,))
    people.update_person(db, a, people.get_person(db, a), {"memberships": (Membership(Network.MENTOR, distant=True),)})
    b = add(db, "Ann", networks=(Network.MENTOR, Network.SUPPORT))
    merge.merge_people(db, a, b)
    p = people.get_person(db, a)
    assert p.distant and p.networks == (Network.SUPPORT, Network.MENTOR)
    check(db)


def test_a_shared_address_is_not_a_duplicate(db):
    for i in range(5):
        add(db, f"Person {i}", email="info@acme.example")
    add(db, "Ann Two", email="ann@example.org")
    add(db, "Ann Deux", email="ANN@example.org")
    assert [p.reasons for p in merge.find_duplicates(db)] == [("same email",)]


def test_duplicates_come_strongest_reason_first(db):
    n1 = add(db, "Nina Name")
    n2 = add(db, "nina name")  # same name
    p1 = add(db, "Pia", phone="+44 20 7946 0001")
    p2 = add(db, "Pia P", phone="020 7946 0001")
    u1 = add(db, "Una", url="https://example.org/una")
    u2 = add(db, "Una U", url="example.org/una/")
    z1 = add(db, "Zoe", email="zoe@example.org")
    z2 = add(db, "Zoe Z", email="ZOE@example.org")
    y1 = add(db, "Yan", url="https://www.linkedin.com/in/yan/")
    y2 = add(db, "Yan Y", url="linkedin.com/in/yan")
    q1 = add(db, "Qi Q", phone="+44 20 7946 0002")
    q2 = add(db, "Qi Q", phone="020 7946 0002")  # two weaker reasons: after a strong one
    j1 = add(db, "Jon Smith", company="Acme")
    j2 = add(db, "John Smith", company="Acme")
    b1 = add(db, "Bo Both", email="bo@example.org")
    b2 = add(db, "Bo Both", email="bo@example.org")  # two reasons, one of the strongest: first
    pairs = merge.find_duplicates(db)
    assert [(p.first.id, p.second.id, p.reasons) for p in pairs] == [
        (b1, b2, ("same email", "same name")),
        (y1, y2, ("same LinkedIn profile",)),
        (z1, z2, ("same email",)),
        (q1, q2, ("same phone", "same name")),
        (p1, p2, ("same phone",)),
        (u1, u2, ("same profile URL",)),
        (n1, n2, ("same name",)),
        (j1, j2, ("close names at Acme",)),
    ]
    assert (pairs[0].first.name, pairs[0].first.company, pairs[0].first.ring) == ("Bo Both", "", Ring.COLD)


def test_close_names_are_compared_with_everyone_at_the_company(db):
    solo = add(db, "Jon Smith", company="Initech")  # alone at his company: no pair
    a = add(db, "Jon Smith", company="Acme")
    add(db, "Zed Quill", company="Acme")
    c = add(db, "John Smith", company="ACME")
    d = add(db, "Ann Lee", company="Acme")
    e = add(db, "Ann Leeberg Smith", company="Acme")  # contains "Ann Lee", but not close as a whole
    f = add(db, "Kim Park", company="Globex")
    g = add(db, "Kim Parks", company="Globex")  # just two at Globex, the last pair compared
    pairs = {(p.first.id, p.second.id): p.reasons for p in merge.find_duplicates(db)}
    assert pairs[(a, c)] == ("close names at Acme",)
    assert pairs[(f, g)] == ("close names at Globex",)
    assert pairs[(solo, a)] == ("same name",)
    assert (d, e) not in pairs
    assert len(pairs) == 3, pairs


def test_four_people_with_one_address_are_duplicates_five_are_a_shared_address(db):
    four = [add(db, f"Four {i}", email="team@example.org") for i in range(4)]
    for i in range(5):
        add(db, f"Five {i}", email="info@example.org")
    pairs = merge.find_duplicates(db)
    assert {(p.first.id, p.second.id) for p in pairs} == {(a, b) for i, a in enumerate(four) for b in four[i + 1:]}
    assert {p.reasons for p in pairs} == {("same email",)}


def test_the_merge_plan_shows_what_the_merge_will_give(db, pair):
    ada, imported = pair["ada"], pair["imported"]
    plan = merge.merge_plan(db, ada, imported, {"title": "other"})
    assert (plan.keep.id, plan.other.id) == (ada, imported)
    assert plan.values["title"] == "Engineer"
    assert (plan.help_tags, plan.offer_tags) == (("advice", "hiring"), ("introductions",))
    assert set(plan.networks) == {"mentor", "peer"}
    assert plan.knows == ("Charles Babbage", "Grace Hopper")  # not each other
    assert plan.ring_moves == 3  # both histories; the ring stays strategic
    # Kept the other way round, the ring moves in: one move more.
    assert merge.merge_plan(db, imported, ada).ring_moves == 4
    with pytest.raises(StoreError, match=r"^Cannot merge a person with themselves\.$"):
        merge.merge_plan(db, ada, ada)


def test_undo_puts_back_a_peer_side_and_a_distant_mentor(db):
    from netui.domain.models import PersonDraft
    from netui.domain.networks import PeerSide

    keep = people.add_person(db, PersonDraft("Dee", memberships=(
        Membership(Network.PEER, peer_side=PeerSide.OUTSIDE), Membership(Network.MENTOR, distant=True))))
    other = people.add_person(db, PersonDraft("Dee", memberships=(Membership(Network.PEER, peer_side=PeerSide.INSIDE),)))
    before = snapshot(db)
    undo = merge.merge_people(db, keep, other)
    merge.undo_merge(db, undo)
    assert snapshot(db) == before
    assert db.execute("SELECT peer_side, distant FROM membership WHERE person_id = ? ORDER BY network",
                      (keep,)).fetchall() == [(None, 1), ("outside", 0)]


def test_blank_fields_never_make_a_pair(db):
    add(db, "Ann Abbot")
    add(db, "Ben Bright")
    assert merge.find_duplicates(db) == []
