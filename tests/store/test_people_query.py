"""Lists of people from the query language, a page at a time: each filter, each order
both ways, counts, positions and the rows as the People screen shows them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from netui.domain.journal import InteractionDraft
from netui.domain.models import Membership, PersonDraft
from netui.domain.networks import Network, PeerSide
from netui.domain.query import PeopleFilter
from netui.domain.rings import Ring
from netui.domain.text import sort_key
from netui.store.agenda import snooze_person
from netui.store.journal import add_interaction
from netui.store.people import add_person, trash_person
from netui.store.people_query import SORTS, PeopleList, count_matching, matching_ids, page, position

TODAY = date(2026, 3, 14)


def person(db, name, ring, company="", memberships=(), cadence=None, **kw):
    return add_person(db, PersonDraft(name, ring, company=company, memberships=tuple(memberships),
                                      cadence_override=cadence, **kw), now=datetime(2026, 1, 5, 9))


def met(db, pid, days_ago):
    add_interaction(db, InteractionDraft(TODAY - timedelta(days=days_ago), "coffee", (pid,)))


@pytest.fixture
def crowd(db):
    p = {
        "ann": person(db, "Ann Archer", Ring.BUDDY, "Northwind", [Membership(Network.PEER)], help_tags=("advice",),
                      notes="rust meetup"),
        "bob": person(db, "bob Baker", Ring.STRATEGIC, "Contoso", [Membership(Network.PEER, peer_side=PeerSide.INSIDE)]),
        "cy": person(db, "Cy Cole", Ring.LUKEWARM, "northwind ", [Membership(Network.PEER)]),
        "dee": person(db, "Dee Dunn", Ring.COLD, "Globex"),
        "eve": person(db, "Eve Evans", Ring.STRATEGIC, "O'Reilly",
                      [Membership(Network.MENTOR, distant=True), Membership(Network.PEER)]),
        "fay": person(db, "Fay Ford", Ring.BUDDY, "Globex", [Membership(Network.SUPPORT), Membership(Network.MENTEE)],
                      cadence=12, offer_tags=("advice",)),
        "gus": person(db, "Gus Gray", Ring.BUDDY, "Globex"),
    }
    met(db, p["ann"], 40)
    met(db, p["bob"], 5)
    met(db, p["eve"], 100)
    met(db, p["fay"], 50)
    snooze_person(db, p["fay"], TODAY + timedelta(days=10))
    trash_person(db, p["gus"])
    return p


def ids(db, spec):
    return matching_ids(db, spec, TODAY)


def names(db, crowd, spec):
    by_id = {v: k for k, v in crowd.items()}
    return [by_id[i] for i in ids(db, spec)]


@pytest.mark.parametrize("sort, order", [
    ("name", ["ann", "bob", "cy", "dee", "eve", "fay"]),
    ("ring", ["ann", "fay", "bob", "eve", "cy", "dee"]),
    ("last contact", ["bob", "ann", "fay", "eve", "cy", "dee"]),  # never contacted last
    # Overdue first, then never contacted (due today), snoozed, due later; never due last.
    ("due", ["ann", "cy", "fay", "bob", "dee", "eve"]),
])
def test_each_order_and_its_reverse(db, crowd, sort, order):
    assert names(db, crowd, PeopleList(sort=sort)) == order
    assert names(db, crowd, PeopleList(sort=sort, descending=True)) == order[::-1]
    rows = page(db, PeopleList(sort=sort), TODAY, 1, 3)
    assert [r.id for r in rows] == [crowd[n] for n in order[1:4]]
    for i, name in enumerate(order):
        assert position(db, PeopleList(sort=sort), TODAY, crowd[name]) == i


def test_the_due_order_agrees_with_the_domain(db, crowd):
    rows = page(db, PeopleList(sort="due"), TODAY, 0, 10)
    assert rows == sorted(rows, key=lambda r: (r.due_in(TODAY) is None, r.due_in(TODAY) or 0, sort_key(r.name)))
    assert [r.due_in(TODAY) for r in rows] == [-10, 0, 10, 25, None, None]


@pytest.mark.parametrize("spec, expected", [
    (PeopleList(filter=PeopleFilter(words=("ann",))), ["ann"]),
    (PeopleList(filter=PeopleFilter(words=("rus",))), ["ann"]),  # a word's start, in the notes
    (PeopleList(filter=PeopleFilter(words=("ann", "archer"))), ["ann"]),
    (PeopleList(filter=PeopleFilter(words=("ann", "baker"))), []),
    (PeopleList(filter=PeopleFilter(words=('o"reilly',))), ["eve"]),  # a quote is text to find, not FTS syntax
    (PeopleList(filter=PeopleFilter(words=("o'reilly",))), ["eve"]),
    (PeopleList(filter=PeopleFilter(without=("globex",))), ["ann", "bob", "cy", "eve"]),
    (PeopleList(filter=PeopleFilter(without=("globex", "northwind"))), ["bob", "eve"]),
    (PeopleList(filter=PeopleFilter(company=("northwind",))), ["ann", "cy"]),
    (PeopleList(filter=PeopleFilter(company=("ann",))), []),  # in the name, not the company
    (PeopleList(filter=PeopleFilter(tags=("advice",))), ["ann", "fay"]),
    (PeopleList(filter=PeopleFilter(rings=(Ring.BUDDY, Ring.COLD))), ["ann", "dee", "fay"]),
    (PeopleList(filter=PeopleFilter(networks=(Network.PEER,))), ["ann", "bob", "cy", "eve"]),
    (PeopleList(filter=PeopleFilter(networks=(Network.PEER, Network.MENTOR))), ["eve"]),
    (PeopleList(filter=PeopleFilter(unsorted=True)), ["dee"]),
    (PeopleList(filter=PeopleFilter(due=True)), ["ann", "cy"]),  # fay is snoozed
    (PeopleList(filter=PeopleFilter(distant=True)), ["eve"]),
    # Inside your company: said so, or unsaid and at a spelling of it.
    (PeopleList(filter=PeopleFilter(side=PeerSide.INSIDE), my_company="NORTHWIND"), ["ann", "bob", "cy"]),
    (PeopleList(filter=PeopleFilter(side=PeerSide.OUTSIDE), my_company="Northwind"), ["eve"]),
    (PeopleList(filter=PeopleFilter(side=PeerSide.INSIDE), my_company="O'Reilly"), ["bob", "eve"]),
    (PeopleList(filter=PeopleFilter(side=PeerSide.INSIDE)), ["bob"]),  # no company set: only those said so
    (PeopleList(filter=PeopleFilter(side=PeerSide.OUTSIDE)), ["ann", "cy", "eve"]),
    (PeopleList(ring=Ring.STRATEGIC), ["bob", "eve"]),  # a Funnel column
    (PeopleList(ring=Ring.STRATEGIC, filter=PeopleFilter(rings=(Ring.BUDDY,))), []),
    # Each column holds its own ring only, whatever else the filter lets in.
    (PeopleList(ring=Ring.BUDDY, filter=PeopleFilter(rings=(Ring.BUDDY, Ring.COLD))), ["ann", "fay"]),
    (PeopleList(ring=Ring.COLD, filter=PeopleFilter(rings=(Ring.BUDDY, Ring.COLD))), ["dee"]),
    (PeopleList(trash=True), ["gus"]),
])
def test_each_filter(db, crowd, spec, expected):
    assert names(db, crowd, spec) == expected
    assert count_matching(db, spec, TODAY) == len(expected)
    assert [r.id for r in page(db, spec, TODAY, 0, 50)] == ids(db, spec)


def test_position_of_someone_the_list_does_not_hold(db, crowd):
    assert position(db, PeopleList(filter=PeopleFilter(rings=(Ring.COLD,))), TODAY, crowd["ann"]) is None
    assert position(db, PeopleList(trash=True), TODAY, crowd["gus"]) == 0


def test_rows_as_the_people_screen_shows_them(db, crowd):
    rows = {r.id: r for r in page(db, PeopleList(), TODAY, 0, 50)}
    ann, eve, fay = rows[crowd["ann"]], rows[crowd["eve"]], rows[crowd["fay"]]
    assert (ann.name, ann.company, ann.ring, ann.networks) == ("Ann Archer", "Northwind", Ring.BUDDY, (Network.PEER,))
    assert (ann.last_contact, ann.cadence_days, ann.distant, ann.snoozed_until) == (
        TODAY - timedelta(days=40), 30, False, None)
    assert (eve.networks, eve.distant, eve.cadence_days) == ((Network.PEER, Network.MENTOR), True, None)
    assert (fay.networks, fay.cadence_days, fay.snoozed_until) == (
        (Network.SUPPORT, Network.MENTEE), 12, TODAY + timedelta(days=10))
    assert rows[crowd["dee"]].networks == () and rows[crowd["dee"]].last_contact is None
    # The ring intervals given replace the defaults.
    ann = next(r for r in page(db, PeopleList(), TODAY, 0, 1, cadence={Ring.BUDDY: 10}))
    assert ann.cadence_days == 10


def test_a_list_narrowed_keeps_the_rest(db):
    spec = PeopleList(filter=PeopleFilter(due=True), sort="ring", descending=True, my_company="Acme")
    narrower = spec.narrowed(ring=Ring.BUDDY)
    assert narrower == PeopleList(filter=PeopleFilter(due=True), sort="ring", descending=True, my_company="Acme",
                                  ring=Ring.BUDDY)
    assert spec.ring is None
    assert SORTS == ("name", "ring", "last contact", "due")


def test_stored_networks_read_in_the_usual_order(monkeypatch):
    """Read afresh (the per-combination cache emptied): any stored order comes back as
    support, peer, mentor, mentee; nothing stored is no network."""
    from netui.store import people_query

    monkeypatch.setattr(people_query, "_NETWORKS", {})
    assert people_query._networks("mentee,mentor,peer,support") == (
        Network.SUPPORT, Network.PEER, Network.MENTOR, Network.MENTEE)
    assert people_query._networks("mentor,support") == (Network.SUPPORT, Network.MENTOR)
    assert people_query._networks("peer") == (Network.PEER,)
    assert people_query._networks(None) == ()
    assert people_query._networks("") == ()
    # Read once per combination: the same tuple again.
    assert people_query._networks("mentor,support") is people_query._networks("mentor,support")


def test_a_row_carries_the_title(db):
    pid = person(db, "Tia Title", Ring.LUKEWARM, "Acme", title="Staff Engineer")
    (row,) = page(db, PeopleList(), TODAY, 0, 5)
    assert (row.id, row.name, row.company, row.title, row.ring) == (pid, "Tia Title", "Acme", "Staff Engineer",
                                                                    Ring.LUKEWARM)


def test_position_in_a_list_of_peers_on_one_side(db, crowd):
    spec = PeopleList(filter=PeopleFilter(side=PeerSide.INSIDE), my_company="NORTHWIND")
    assert [position(db, spec, TODAY, crowd[n]) for n in ("ann", "bob", "cy", "eve")] == [0, 1, 2, None]
