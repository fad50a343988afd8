"""The Overview's and the Agenda's store reads on small databases where each value they
hand on shows: peer halves only on the peer network, the due people's networks, the
weeks asked for, this week's dates and the Inbox."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from netui.domain.agenda import DuePerson
from netui.domain.capture import ProposalDraft, Source
from netui.domain.dates import When
from netui.domain.journal import InteractionDraft
from netui.domain.models import Membership, PersonDraft
from netui.domain.networks import Network
from netui.domain.occasions import date_draft
from netui.domain.rings import Ring
from netui.store import dates as ds
from netui.store import overview as ov
from netui.store import proposals as pr
from netui.store.journal import add_interaction
from netui.store.people import add_person
from netui.store.settings import load_settings, set_setting
from tests.helpers import add

TODAY = date(2026, 3, 14)


def added_on(db, name, ring, day, networks=()):
    return add_person(db, PersonDraft(name, ring, memberships=tuple(Membership(n) for n in networks)),
                      now=datetime.combine(day, datetime.min.time()))


def summaries(db):
    return {s.network: s for s in ov.network_summaries(db, TODAY, load_settings(db))}


def test_only_the_peer_summary_carries_the_peer_halves_and_their_warning(db):
    set_setting(db, "my_company", "Globex")
    add(db, "In", Ring.BUDDY, company="Globex", networks=(Network.PEER,))
    add(db, "Sue", Ring.BUDDY, company="Contoso", networks=(Network.SUPPORT,))
    s = summaries(db)
    assert (s[Network.PEER].inside, s[Network.PEER].outside) == (1, 0)
    assert s[Network.PEER].peer_warning == "No peers outside your company."
    for net in (Network.SUPPORT, Network.MENTOR, Network.MENTEE):
        assert (s[net].inside, s[net].outside, s[net].peer_warning) == (0, 0, None)


def test_only_the_peer_summary_counts_peers_outside(db):
    set_setting(db, "my_company", "Globex")
    add(db, "Out", Ring.BUDDY, company="Contoso", networks=(Network.PEER,))
    s = summaries(db)
    assert (s[Network.PEER].inside, s[Network.PEER].outside) == (0, 1)
    assert s[Network.PEER].peer_warning == "No peers inside your company."
    assert (s[Network.SUPPORT].inside, s[Network.SUPPORT].outside, s[Network.SUPPORT].peer_warning) == (0, 0, None)


def test_due_people_carry_their_networks_in_the_usual_order(db):
    # Never contacted: due since the day they were added, which counts as day 1.
    ann = added_on(db, "Ann", Ring.LUKEWARM, date(2026, 3, 1), networks=(Network.MENTEE, Network.SUPPORT))
    bob = added_on(db, "Bob", Ring.STRATEGIC, date(2026, 3, 10))
    people, total = ov.due_people(db, TODAY)
    assert total == 2
    assert sorted(people, key=lambda p: p.id) == [
        DuePerson(ann, "Ann", Ring.LUKEWARM, None, 14, (Network.SUPPORT, Network.MENTEE)),
        DuePerson(bob, "Bob", Ring.STRATEGIC, None, 5, ()),
    ]


def test_weekly_interactions_counts_the_weeks_asked_for(db):
    pid = add(db, "Ann", Ring.BUDDY)
    for days_ago in (0, 6, 7, 13, 14):
        add_interaction(db, InteractionDraft(TODAY - timedelta(days=days_ago), "coffee", (pid,)))
    # Two weeks ending today: days 7 to 13 back, then 0 to 6 back; day 14 is outside.
    assert ov.weekly_interactions(db, TODAY, weeks=2) == (2, 2)


def test_the_overview_holds_this_weeks_dates_and_the_waiting_inbox(db):
    pid = add(db, "Ann Lee", Ring.BUDDY)
    did = ds.add_date(db, pid, date_draft("Birthday", When(1986, 3, 16)))
    pr.save_proposals(db, [ProposalDraft(Source.CALENDAR, "k1", date(2026, 3, 1), "coffee", "Coffee", (pid,))])
    o = ov.overview(db, TODAY, load_settings(db))
    assert [(c.date_id, c.year) for c in o.coming] == [(did, 2026)]
    assert o.inbox == 1
    assert ov.agenda(db, TODAY, load_settings(db)).inbox == 1


def test_an_empty_overview_has_nothing_coming_and_an_empty_inbox(db):
    o = ov.overview(db, TODAY, load_settings(db))
    assert (o.coming, o.inbox, o.people, o.unsorted) == ((), 0, 0, 0)


def test_namesakes_equally_due_come_in_the_order_they_were_added(db):
    from netui.store.people import get_person, update_person

    day = date(2026, 3, 1)
    first = added_on(db, "Kim Lee", Ring.LUKEWARM, day)
    second = added_on(db, "Kim Lee", Ring.LUKEWARM, day, networks=(Network.PEER,))
    # The first joins the network after the second: the ids still decide between them.
    update_person(db, first, get_person(db, first), {"memberships": (Membership(Network.PEER),)})
    top = summaries(db)[Network.PEER].top
    assert [p.id for p in top] == [first, second]
