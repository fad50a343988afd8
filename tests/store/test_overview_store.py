"""The overview's and the agenda's aggregate queries, on a temporary file database.

The strongest check: on a random network, the SQL's verdict for every person (due or
not, days overdue, order) equals the pure rule in netui.domain, person by person.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import pytest

from netui.domain.cadence import overdue_days
from netui.domain.models import Membership, PersonDraft, Settings
from netui.domain.neglect import Health
from netui.domain.networks import NETWORK_ORDER, Network, PeerSide
from netui.domain.overview import contact_order_key
from netui.domain.rings import RING_ORDER, Ring
from netui.store import agenda as agenda_store
from netui.store import models as m
from netui.store import overview as ov
from netui.store.errors import NotFound
from netui.store.journal import InteractionDraft, add_interaction
from netui.store.people import PeopleQuery, add_person, list_people, move_ring, trash_person
from netui.store.settings import load_settings, save_settings
from tests.conftest import TODAY
from tests.helpers import add

ADDED = datetime(2025, 6, 1, 9, 0)


def log(db, person_ids, day: date, **kw) -> int:
    return add_interaction(db, InteractionDraft(date=day, kind=kw.pop("kind", "coffee"), person_ids=tuple(person_ids), **kw))


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def settings(db, **kw) -> Settings:
    base = load_settings(db)
    return Settings(**{**base.__dict__, **kw})


# ---------------------------------------------------------------- SQL = domain, person by person


def _random_network(db, seed: int, deletions: bool = True) -> None:
    rng = random.Random(seed)
    ids = []
    for i in range(60):
        ring = rng.choice(RING_ORDER)
        nets = tuple(n for n in NETWORK_ORDER if rng.random() < 0.35)
        memberships = tuple(
            Membership(n, distant=(n == Network.MENTOR and rng.random() < 0.4)) for n in nets
        )
        pid = add_person(db, 
            PersonDraft(
                name=f"Person {i:02d}",
                ring=ring,
                memberships=memberships,
                cadence_override=rng.choice([None, None, None, 7, 45]),
            ),
            now=ADDED + timedelta(days=rng.randrange(0, 400)),  # some "added" after TODAY
        )
        ids.append(pid)
        if rng.random() < 0.2:
            m.Person.update(snoozed_until=TODAY + timedelta(days=rng.randrange(-5, 6))).where(m.Person.id == pid).execute()
    for _ in range(150):
        who = rng.sample(ids, rng.choice([1, 1, 2]))
        day = TODAY - timedelta(days=rng.choice([0, 1, 29, 30, 31, 44, 45, 46, 89, 90, 91, 200]))
        iid = log(db, who, day)
        if deletions and rng.random() < 0.1:
            m.Interaction.update(deleted_at=datetime(2026, 3, 1)).where(m.Interaction.id == iid).execute()
    for pid in rng.sample(ids, 4):
        trash_person(db, pid)


def _reference(db, cadence) -> dict[int, tuple]:
    """Each live person's (overdue, order key), by the pure rule."""
    added = {p.id: p.created_at.date() for p in m.Person.select()}
    out = {}
    for row in list_people(db, PeopleQuery(), cadence=cadence):
        overdue = overdue_days(row.last_contact, row.cadence_days, TODAY, row.snoozed_until, added[row.id])
        key = contact_order_key(
            id=row.id, name=row.name, ring=row.ring, last_contact=row.last_contact, cadence_days=row.cadence_days,
            snoozed_until=row.snoozed_until, added=added[row.id], today=TODAY,
        )
        out[row.id] = (overdue, key, row)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("cadence", [None, {Ring.LUKEWARM: 30, Ring.STRATEGIC: 45, Ring.BUDDY: None}])
@pytest.mark.parametrize("deletions", [True, False], ids=["some deleted", "none deleted"])
def test_sql_agrees_with_the_domain_rule(db, db_path, seed, cadence, deletions):
    _random_network(db, seed, deletions)
    has_deleted = m.Interaction.select().where(m.Interaction.deleted_at.is_null(False)).exists()
    assert has_deleted == deletions  # both ways of finding last contacts are exercised
    if cadence:  # the store reads the intervals from the saved settings
        save_settings(db, settings(db, cadence={**load_settings(db).cadence, **cadence}))
    ref = _reference(db, cadence)
    people, total = ov.due_people(db, TODAY)
    expected_due = sorted((p for p in ref.items() if p[1][0] is not None), key=lambda p: p[1][1])
    assert total == len(expected_due) > 0
    assert [p.id for p in people] == [pid for pid, _ in expected_due]
    assert [p.overdue for p in people] == [v[0] for _, v in expected_due]

    s = settings(db, cadence={**load_settings(db).cadence, **(cadence or {})})
    for summary in ov.network_summaries(db, TODAY, s, top=5):
        members = [(pid, v) for pid, v in ref.items() if summary.network in v[2].networks]
        assert summary.members == len(members)
        assert summary.due == sum(1 for _, v in members if v[0] is not None)
        lasts = [v[2].last_contact for _, v in members if v[2].last_contact]
        assert summary.last_contact == (max(lasts) if lasts else None)
        ranked = sorted(members, key=lambda p: p[1][1])[:5]
        assert [p.id for p in summary.top] == [pid for pid, _ in ranked]
        assert summary.distant == sum(1 for _, v in members if v[2].distant)


def test_limit_keeps_the_total(db, db_path):
    for i in range(4):
        add(db, f"P{i}", Ring.BUDDY)
    people, total = ov.due_people(db, TODAY, limit=2)
    assert len(people) == 2 and total == 4


# ---------------------------------------------------------------- networks


def test_neglected_empty_and_fine_networks(db, db_path):
    fresh = add(db, "Fresh", Ring.BUDDY, networks=(Network.SUPPORT,))
    stale = add(db, "Stale", Ring.BUDDY, networks=(Network.PEER,))
    add(db, "Nobody ever", Ring.STRATEGIC, networks=(Network.MENTEE,))
    log(db, [fresh], ago(3))
    log(db, [stale], ago(31))
    by = {n.network: n for n in ov.network_summaries(db, TODAY, load_settings(db))}
    assert by[Network.SUPPORT].health == Health.OK
    assert by[Network.PEER].health == Health.NEGLECTED
    assert by[Network.MENTEE].health == Health.NEGLECTED
    assert by[Network.MENTOR].health == Health.EMPTY
    # a per-network threshold is a setting
    s = settings(db, neglect_days={**load_settings(db).neglect_days, Network.PEER: 31})
    assert {n.network: n for n in ov.network_summaries(db, TODAY, s)}[Network.PEER].health == Health.OK


def test_distant_mentors_count_but_are_never_due(db, db_path):
    author = add_person(db, PersonDraft("Author", Ring.STRATEGIC, memberships=(Membership(Network.MENTOR, distant=True),)))
    near = add(db, "Near", Ring.STRATEGIC, networks=(Network.MENTOR,))
    mentor = {n.network: n for n in ov.network_summaries(db, TODAY, load_settings(db))}[Network.MENTOR]
    assert (mentor.members, mentor.due, mentor.distant) == (2, 1, 1)
    assert [p.id for p in mentor.overdue] == [near]
    assert author not in [p.id for p in ov.due_people(db, TODAY)[0]]


def test_trashed_people_are_not_members(db, db_path):
    a = add(db, "A", Ring.BUDDY, networks=(Network.SUPPORT,))
    add(db, "B", Ring.BUDDY, networks=(Network.SUPPORT,))
    trash_person(db, a)
    support = ov.network_summaries(db, TODAY, load_settings(db))[0]
    assert support.members == 1
    assert ov.people_counts(db) == (1, 0)


def test_peer_halves_from_my_company_and_overrides(db, db_path):
    save_settings(db, settings(db, my_company="Northwind Labs"))
    add(db, "In", Ring.COLD, company="northwind  labs", networks=(Network.PEER,))
    add(db, "Out", Ring.COLD, company="Globex", networks=(Network.PEER,))
    add_person(db, PersonDraft("Override", company="Globex", memberships=(Membership(Network.PEER, PeerSide.INSIDE),)))
    peer = ov.network_summaries(db, TODAY, load_settings(db))[1]
    assert (peer.inside, peer.outside, peer.peer_warning) == (2, 1, None)
    save_settings(db, settings(db, my_company="Initech"))
    peer = ov.network_summaries(db, TODAY, load_settings(db))[1]
    assert (peer.inside, peer.outside) == (1, 2)


def test_peer_warning_when_a_half_is_empty(db, db_path):
    save_settings(db, settings(db, my_company="Northwind Labs"))
    add(db, "Out", Ring.COLD, company="Globex", networks=(Network.PEER,))
    peer = ov.network_summaries(db, TODAY, load_settings(db))[1]
    assert peer.peer_warning == "No peers inside your company."


# ---------------------------------------------------------------- rings, rhythm, counts


def test_ring_strip_counts_net_moves_in_the_last_30_days(db, db_path):
    def at(days_ago: int) -> datetime:
        return datetime.combine(ago(days_ago), time(10))

    up = add(db, "Up", Ring.COLD)
    down = add(db, "Down", Ring.BUDDY)
    round_trip = add(db, "Round trip", Ring.LUKEWARM)
    old = add(db, "Old", Ring.COLD)
    gone = add(db, "Gone", Ring.COLD)
    move_ring(db, up, Ring.LUKEWARM, now=at(29))  # the oldest day in the window
    move_ring(db, up, Ring.STRATEGIC, now=at(2))
    move_ring(db, down, Ring.STRATEGIC, now=at(0))
    move_ring(db, round_trip, Ring.STRATEGIC, now=at(10))
    move_ring(db, round_trip, Ring.LUKEWARM, now=at(5))
    move_ring(db, old, Ring.LUKEWARM, now=at(30))  # one day too old
    move_ring(db, gone, Ring.LUKEWARM, now=at(1))
    trash_person(db, gone)
    strip = ov.ring_strip(db, TODAY)
    assert (strip.moved_in, strip.moved_out) == (1, 1)
    assert strip.counts == {Ring.COLD: 0, Ring.LUKEWARM: 2, Ring.STRATEGIC: 2, Ring.BUDDY: 0}


def test_weekly_interactions_skip_deleted_ones(db, db_path):
    a = add(db, "A", Ring.BUDDY)
    log(db, [a], TODAY)
    log(db, [a], ago(7))
    deleted = log(db, [a], ago(8))
    m.Interaction.update(deleted_at=datetime(2026, 3, 1)).where(m.Interaction.id == deleted).execute()
    weeks = ov.weekly_interactions(db, TODAY)
    assert (weeks[-1], weeks[-2], sum(weeks)) == (1, 1, 2)


@pytest.mark.parametrize("seed", [3, 17])
def test_weekly_sql_buckets_agree_with_the_domain_day_by_day(db, db_path, seed):
    from netui.domain.overview import WEEKS_SHOWN, weekly_counts

    rng = random.Random(seed)
    a = add(db, "A", Ring.BUDDY)
    days = [TODAY - timedelta(days=rng.randrange(-3, WEEKS_SHOWN * 7 + 10)) for _ in range(150)]
    for day in days:
        log(db, [a], day)
    per_day: dict[date, int] = {}
    for day in days:
        per_day[day] = per_day.get(day, 0) + 1
    assert ov.weekly_interactions(db, TODAY) == weekly_counts(per_day.items(), TODAY)


def test_follow_ups_due(db, db_path):
    a = add(db, "Ada", Ring.BUDDY)
    b = add(db, "Bob", Ring.BUDDY)
    due = log(db, [a, b], ago(10), summary="Send slides", follow_up=ago(1))
    today = log(db, [a], ago(5), follow_up=TODAY)
    log(db, [a], ago(5), follow_up=TODAY + timedelta(days=1))  # not yet
    done = log(db, [a], ago(20), follow_up=ago(3))
    agenda_store.set_follow_up_done(db, done)
    snoozed = log(db, [a], ago(20), follow_up=ago(3))
    agenda_store.snooze_follow_up(db, snoozed, TODAY + timedelta(days=2))
    lone = log(db, [b], ago(20), follow_up=ago(3))
    trash_person(db, b)  # a follow-up with nobody left is not shown; shared ones keep the others
    deleted = log(db, [a], ago(20), follow_up=ago(3))
    m.Interaction.update(deleted_at=datetime(2026, 3, 1)).where(m.Interaction.id == deleted).execute()
    found = ov.follow_ups_due(db, TODAY)
    assert [f.interaction_id for f in found] == [due, today]
    assert found[0].people == ((a, "Ada", Ring.BUDDY),)
    assert found[0].summary == "Send slides"
    assert ov.count_follow_ups_due(db, TODAY) == 2
    assert lone not in [f.interaction_id for f in found]


def test_unsorted_people_are_counted(db, db_path):
    add(db, "A", networks=(Network.PEER,))
    add(db, "B")
    add(db, "C")
    assert ov.people_counts(db) == (3, 2)
    assert ov.overview(db, TODAY, load_settings(db)).unsorted == 2


# ---------------------------------------------------------------- writes


def test_snooze_person_and_undo(db, db_path):
    a = add(db, "Ada", Ring.BUDDY)
    version = m.Person.get_by_id(a).version
    assert agenda_store.snooze_person(db, a, TODAY + timedelta(days=7)) is None
    row = m.Person.get_by_id(a)
    assert row.snoozed_until == TODAY + timedelta(days=7)
    assert row.version == version + 1
    assert ov.due_people(db, TODAY) == ([], 0)
    assert agenda_store.snooze_person(db, a, None) == TODAY + timedelta(days=7)
    assert ov.due_people(db, TODAY)[1] == 1


def test_writes_refuse_what_is_gone(db, db_path):
    a = add(db, "Ada")
    trash_person(db, a)
    with pytest.raises(NotFound):
        agenda_store.snooze_person(db, a, TODAY)
    no_follow_up = log(db, [add(db, "Bob")], TODAY)
    with pytest.raises(NotFound):
        agenda_store.set_follow_up_done(db, no_follow_up)
    with pytest.raises(NotFound):
        agenda_store.snooze_follow_up(db, 9999, TODAY)


def test_agenda_puts_everything_together(db, db_path):
    a = add(db, "Ada", Ring.BUDDY, networks=(Network.SUPPORT,))
    log(db, [a], ago(45), follow_up=ago(2), summary="Send slides")
    agenda = ov.agenda(db, TODAY, load_settings(db))
    assert (agenda.follow_ups, agenda.networks, agenda.people) == (1, 1, 1)
    assert [i.person_id for i in agenda.items] == [a, a, a]
    log(db, [a], TODAY)  # a new interaction restarts the clock and revives the network
    agenda = ov.agenda(db, TODAY, load_settings(db))
    assert (agenda.follow_ups, agenda.networks, agenda.people) == (1, 0, 0)


def test_deleted_interactions_are_found_by_index(db, db_path):
    plan = " ".join(
        str(row)
        for row in db.execute(
            "EXPLAIN QUERY PLAN SELECT EXISTS (SELECT 1 FROM interaction WHERE deleted_at IS NOT NULL)"
        )
    )
    assert "interaction_deleted" in plan


def test_weekly_query_uses_the_live_date_index(db, db_path):
    plan = " ".join(
        str(row)
        for row in db.execute(
            "EXPLAIN QUERY PLAN SELECT date, count(*) FROM interaction "
            "WHERE deleted_at IS NULL AND date > ? AND date <= ? GROUP BY date",
            ("2025-03-14", "2026-03-14"),
        )
    )
    assert "interaction_live_date" in plan



def test_a_follow_up_carries_everything_the_agenda_words_it_with(db, db_path):
    from netui.domain.agenda import FollowUp

    a = add(db, "Ada", Ring.BUDDY)
    b = add(db, "Bob", Ring.LUKEWARM)
    iid = log(db, [b, a], ago(10), kind="lunch", reciprocity="received", follow_up=ago(1))
    assert ov.follow_ups_due(db, TODAY) == [
        FollowUp(iid, ago(1), ago(10), "lunch", "", "received", ((b, "Bob", Ring.LUKEWARM), (a, "Ada", Ring.BUDDY)))
    ]


def test_ring_strip_window_edges_and_shared_paths(db, db_path):
    def at(days_ago: int) -> datetime:
        return datetime.combine(ago(days_ago), time(10))

    edge = add(db, "Edge", Ring.COLD)
    twin_a = add(db, "Twin A", Ring.LUKEWARM)
    twin_b = add(db, "Twin B", Ring.LUKEWARM)
    ahead = add(db, "Ahead", Ring.BUDDY)
    move_ring(db, edge, Ring.LUKEWARM, now=at(29))  # its only move, on the oldest day in the window
    move_ring(db, twin_a, Ring.STRATEGIC, now=at(3))  # two people on the same path count twice
    move_ring(db, twin_b, Ring.STRATEGIC, now=at(4))
    move_ring(db, ahead, Ring.COLD, now=at(-1))  # dated tomorrow (a clock ahead): not counted
    strip = ov.ring_strip(db, TODAY)
    assert (strip.moved_in, strip.moved_out) == (3, 0)
