"""The monthly review read from a real database: each part, the routine's stored picks,
broadcasts without participants and "met through"."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from netui.domain.journal import InteractionDraft
from netui.domain.networks import Network
from netui.domain.review import CAPITAL_KINDS, Giver, PickState, review_as_dict, social_capital
from netui.domain.rings import Ring
from netui.store import demo
from netui.store import review as store
from netui.store.errors import StoreError
from netui.store.journal import add_interaction, delete_interaction
from netui.store.settings import load_settings, save_settings, set_setting
from tests.helpers import add

TODAY = date(2026, 3, 14)


def log(db, people, days_ago, kind="coffee", reciprocity=None, follow_up=None, summary=""):
    return add_interaction(
        db, InteractionDraft(TODAY - timedelta(days=days_ago), kind, tuple(people), summary, "", reciprocity, follow_up)
    )


def test_an_empty_database_reviews_cleanly(db):
    r = store.review(db, TODAY)
    d = review_as_dict(r)
    assert set(d) >= {"routine", "capital", "give_and_take", "readiness", "exposure"}
    assert [s["id"] for s in d["routine"]["suggestions"]] == [None, None, None, None]
    assert r.routine.streak == 0 and r.give_and_take.thanks_total == 0 and r.exposure.added == 0
    json.dumps(d)


def test_routine_picks_one_per_network_and_keeps_its_picks(db):
    ann = add(db, "Ann", Ring.BUDDY, networks=(Network.PEER,))
    bo = add(db, "Bo", Ring.BUDDY, networks=(Network.PEER,))
    cy = add(db, "Cy", Ring.STRATEGIC, networks=(Network.MENTOR,))
    log(db, [ann], 200)
    log(db, [bo], 40)
    from netui.domain.models import Membership, PersonDraft
    from netui.store.people import add_person

    add_person(db, PersonDraft("Dee Author", Ring.BUDDY, memberships=(Membership(Network.MENTOR, distant=True),)))
    r = store.routine(db, TODAY)
    picked = {s.network: s.person_id for s in r.suggestions}
    assert picked[Network.PEER] == ann  # the most overdue
    assert picked[Network.MENTOR] == cy  # never the distant mentor
    assert picked[Network.SUPPORT] is None

    assert store.pin_routine(db, TODAY) == 2
    assert store.pin_routine(db, TODAY) == 0  # already stored
    log(db, [ann], 0)  # in touch this month: done
    peer = next(s for s in store.routine(db, TODAY).suggestions if s.network == Network.PEER)
    assert (peer.person_id, peer.state) == (ann, PickState.DONE)

    # Swap the mentor pick: nobody else is there, so nobody.
    previous = store.set_pick_state(db, TODAY, Network.MENTOR, cy, PickState.SWAPPED)
    assert previous == PickState.SUGGESTED
    mentor = next(s for s in store.routine(db, TODAY).suggestions if s.network == Network.MENTOR)
    assert mentor.person_id is None
    store.unset_pick(db, TODAY, Network.MENTOR, cy, previous)
    mentor = next(s for s in store.routine(db, TODAY).suggestions if s.network == Network.MENTOR)
    assert mentor.person_id == cy

    # Next month, last month's people are not suggested again.
    next_month = date(2026, 4, 14)
    picked = {s.network: s.person_id for s in store.routine(db, next_month).suggestions}
    assert picked[Network.PEER] == bo and picked[Network.MENTOR] is None


def test_swap_then_undo_brings_back_the_first_pick_only(db):
    ann = add(db, "Ann", Ring.BUDDY, networks=(Network.PEER,))
    bo = add(db, "Bo", Ring.BUDDY, networks=(Network.PEER,))
    log(db, [ann], 200)
    log(db, [bo], 100)
    store.pin_routine(db, TODAY)
    previous = store.set_pick_state(db, TODAY, Network.PEER, ann, PickState.SWAPPED)
    store.pin_routine(db, TODAY)
    assert next(s for s in store.routine(db, TODAY).suggestions if s.network == Network.PEER).person_id == bo
    store.unset_pick(db, TODAY, Network.PEER, ann, previous)
    assert next(s for s in store.routine(db, TODAY).suggestions if s.network == Network.PEER).person_id == ann
    rows = db.execute("SELECT person_id, state FROM review_pick").fetchall()
    assert rows == [(ann, PickState.SUGGESTED)]


def test_the_streak_counts_months_in_which_every_network_was_reached(db):
    ann = add(db, "Ann", Ring.BUDDY, networks=(Network.PEER,))
    bo = add(db, "Bo", Ring.BUDDY, networks=(Network.SUPPORT,))
    for back in (20, 45, 75):  # Feb 22, Jan 28, Dec 29
        log(db, [ann], back)
        log(db, [bo], back)
    gone = log(db, [bo], 110)  # Nov: only in the trash
    log(db, [ann], 110)
    delete_interaction(db, gone)
    r = store.routine(db, TODAY)
    assert r.streak == 3
    assert [m.reached for m in r.strip[-5:]] == [1, 2, 2, 2, 0]


def test_give_and_take_and_thanks_owed(db):
    mentor = add(db, "Mia Mentor", Ring.STRATEGIC, networks=(Network.MENTOR,))
    mentee = add(db, "Max Mentee", Ring.LUKEWARM, networks=(Network.MENTEE,))
    peer = add(db, "Pat Peer", Ring.BUDDY, networks=(Network.PEER,))
    log(db, [mentor], 100, reciprocity="received", summary="CV review")
    log(db, [mentor], 50, reciprocity="received")
    log(db, [mentee], 40, reciprocity="gave")
    log(db, [peer], 60, reciprocity="received", summary="Intro to Globex")
    log(db, [peer], 30, reciprocity="mutual")  # returned
    helped = log(db, [mentee], 20, reciprocity="received", follow_up=TODAY - timedelta(days=5))
    from netui.store.agenda import set_follow_up_done

    set_follow_up_done(db, helped, True)  # told them how it helped
    log(db, [peer], 500, reciprocity="received")  # older than a year
    g = store.give_take(db, TODAY)
    assert (g.total.received, g.total.given, g.total.mutual) == (4, 1, 1)
    assert g.networks[Network.MENTOR].received == 2 and g.networks[Network.PEER].mutual == 1
    assert (g.from_mentors, g.to_mentees) == (2, 1)
    assert [(t.name, t.times, t.summary) for t in g.thanks_owed] == [("Mia Mentor", 2, "CV review")]
    from netui.store.people import trash_person

    trash_person(db, mentor)  # someone in the trash is owed nothing, and leaves their network
    g = store.give_take(db, TODAY)
    assert g.thanks_owed == () and g.networks[Network.MENTOR].received == 0


def test_give_and_take_without_reciprocity_data(db):
    ann = add(db, "Ann", Ring.BUDDY, networks=(Network.PEER,))
    log(db, [ann], 3)
    g = store.give_take(db, TODAY)
    assert g.total.received == g.total.given == 0 and g.thanks_total == 0


def test_capital_counts_in_sql_as_the_domain_rule_does(db):
    demo.generate(db, people=150, interactions=1500, seed=3, today=TODAY)
    settings = load_settings(db)
    got = store.capital(db, TODAY, settings)
    rows = db.execute(
        """SELECT p.id, p.name, p.ring, p.last_contact, p.company,
                  (SELECT group_concat(t.name, char(31)) FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                    WHERE pt.person_id = p.id AND pt.kind = 'help'),
                  EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id AND m.network = 'mentor' AND m.distant = 0)
             FROM person p WHERE p.deleted_at IS NULL"""
    ).fetchall()
    givers = [
        Giver(pid, name, Ring(ring), date.fromisoformat(last) if last else None, company,
              frozenset(tags.split("\x1f")) if tags else frozenset(), bool(mentor))
        for pid, name, ring, last, company, tags, mentor in rows
    ]
    want = social_capital(givers, settings.my_company, TODAY)
    assert [c.count for c in got.cells] == [c.count for c in want.cells]
    assert [c.warm for c in got.cells] == [c.warm for c in want.cells]
    assert [[g.person_id for g in c.givers] for c in got.cells] == [[g.person_id for g in c.givers] for c in want.cells]
    assert len(got.cells) == len(CAPITAL_KINDS) and any(c.count for c in got.cells)


def test_readiness_uses_the_target_companies_setting(db):
    set_setting(db, "my_company", "Northwind")
    ingrid = add(db, "Ingrid", Ring.LUKEWARM, company="Globex")
    out = add(db, "Olu", Ring.STRATEGIC, company="Contoso")
    add(db, "Inside", Ring.BUDDY, company="northwind")
    log(db, [ingrid], 120)
    log(db, [out], 3)
    r = store.ready(db, TODAY, load_settings(db))
    assert (r.outside_total, r.outside_in_touch) == (1, 1) and r.targets == ()
    save_settings(db, replace(load_settings(db), target_companies=("GLOBEX", "Hooli")))
    assert load_settings(db).target_companies == ("GLOBEX", "Hooli")
    r = store.ready(db, TODAY, load_settings(db))
    globex, hooli = r.targets
    assert [c.person_id for c in globex.contacts] == [ingrid] and globex.status == "known, gone quiet"
    assert hooli.status == "nobody yet"
    assert r.moves[0].text == "Ingrid at GLOBEX is lukewarm and 120 days quiet"


def test_readiness_finds_an_intro_path_through_a_knows_link(db):
    from netui.store.people import link_knows

    buddy = add(db, "Bea", Ring.BUDDY, company="Contoso")
    target = add(db, "Tom", Ring.COLD, company="Hooli")
    log(db, [buddy], 2)
    link_knows(db, buddy, target)
    save_settings(db, replace(load_settings(db), target_companies=("Hooli",)))
    hooli = store.ready(db, TODAY, load_settings(db)).targets[0]
    assert hooli.status == "intro path" and hooli.paths[0][0].person_id == buddy and hooli.paths[0][1].person_id == target


def test_broadcasts_need_no_participant_and_count_as_exposure(db):
    talk = log(db, [], 40, kind="talk", summary="PyCon talk")
    post = log(db, [], 10, kind="post")
    with pytest.raises(StoreError, match="at least one person"):
        log(db, [], 1, kind="coffee")
    from netui.store.people import update_person, get_person

    met = add(db, "Met At Talk", Ring.COLD)
    store.set_met_through(db, met, talk)
    # Moved inward since added.
    update_person(db, met, get_person(db, met), {"ring": Ring.LUKEWARM})
    with pytest.raises(StoreError, match="talk, post"):
        store.set_met_through(db, met, log(db, [met], 2))
    e = store.exposure_report(db, TODAY)
    assert e.broadcast_count == 2
    top = e.broadcasts[0]
    assert (top.interaction_id, top.met, top.moved_in) == (talk, 1, 1)
    assert {b.interaction_id for b in e.broadcasts} == {talk, post}
    assert store.set_met_through(db, met, None) == talk


def test_readiness_intro_paths_are_the_two_best_per_person_with_their_link(db):
    from netui.store.people import link_knows

    tom = add(db, "Tom", Ring.COLD, company="Hooli")
    bea = add(db, "Bea", Ring.BUDDY, company="Contoso")
    eve = add(db, "Eve", Ring.BUDDY, company="Contoso")
    cal = add(db, "Cal", Ring.STRATEGIC, company="Contoso")
    log(db, [bea], 2)
    log(db, [eve], 9)
    log(db, [cal], 1)
    link_knows(db, bea, tom, "old colleagues")
    link_knows(db, tom, eve)  # the link stored the other way round
    link_knows(db, cal, tom, "same meetup")
    save_settings(db, replace(load_settings(db), target_companies=("Hooli",)))
    hooli = store.ready(db, TODAY, load_settings(db)).targets[0]
    # Two paths per person there: the buddies, the more recent first; Cal is third.
    assert [(p.person_id, c.person_id) for p, c in hooli.paths] == [(bea, tom), (eve, tom)]
    first = hooli.paths[0][0]
    assert (first.name, first.ring, first.knows, first.same_company) == ("Bea", Ring.BUDDY, True, False)
    assert (first.last_contact, first.note, first.via) == (TODAY - timedelta(days=2), "old colleagues", "knows them")
    assert hooli.paths[1][0].note == ""


def test_readiness_counts_spellings_and_each_target_in_order(db):
    from netui.domain.models import Membership, PersonDraft
    from netui.store.people import add_person

    set_setting(db, "my_company", "Northwind")
    add(db, "Nia", Ring.BUDDY, company="Northwind")
    add(db, "Ned", Ring.BUDDY, company="northwind ")  # the same employer, spelled otherwise
    # Never due (a distant mentor): in touch while heard from within QUIET_DAYS.
    far = add_person(db, PersonDraft("Fay", Ring.BUDDY, company="Contoso",
                                     memberships=(Membership(Network.MENTOR, distant=True),)))
    log(db, [far], 10)
    sam = add(db, "Sam", Ring.STRATEGIC, company="Globex")
    gus = add(db, "Gus", Ring.LUKEWARM, company="GLOBEX")
    gil = add(db, "Gil", Ring.COLD, company="Globex")
    gia = add(db, "Gia", Ring.COLD, company="Globex")
    log(db, [sam], 1)
    log(db, [gus], 300)
    lu = add(db, "Lu", Ring.LUKEWARM, company="Initech")
    log(db, [lu], 3)  # in touch, but not close
    save_settings(db, replace(load_settings(db), target_companies=("Hooli", "Initech", "Globex")))
    r = store.ready(db, TODAY, load_settings(db))
    # Sam and Fay are outside Northwind (both spellings) and both in touch.
    assert (r.outside_total, r.outside_in_touch) == (2, 2)
    hooli, initech, globex = r.targets
    assert (hooli.company, hooli.status, hooli.contacts) == ("Hooli", "nobody yet", ())
    assert (initech.company, initech.status) == ("Initech", "intro path")  # someone there in touch, not warm
    assert [c.person_id for c in initech.contacts] == [lu]
    assert globex.status == "warm contact"
    assert [c.person_id for c in globex.contacts] == [sam, gus, gia]  # three shown, by name among the never contacted
    assert gil not in [c.person_id for c in globex.contacts]


def test_readiness_lists_the_lapsed_closest_first_three_at_most(db):
    people = {name: add(db, name, ring, company="Contoso") for name, ring in
              (("Ann", Ring.BUDDY), ("Bob", Ring.BUDDY), ("Cy", Ring.STRATEGIC), ("Di", Ring.STRATEGIC))}
    log(db, [people["Ann"]], 100)
    log(db, [people["Cy"]], 40)
    r = store.ready(db, TODAY, load_settings(db))
    assert (r.outside_total, r.outside_in_touch) == (4, 0)
    # Buddies before strategic contacts; within a ring, the most recently heard from first,
    # never contacted last. Di, the fourth, is not shown.
    assert [m.person_id for m in r.moves] == [people["Ann"], people["Bob"], people["Cy"]]
    assert r.moves[0].text == "Ann at Contoso is buddy and 100 days quiet"


def test_exposure_counts_each_month_of_the_window_and_ranks_broadcasts(db):
    from datetime import datetime

    from netui.domain.models import PersonDraft
    from netui.domain.review import ExposureMonth
    from netui.store.people import add_person, move_ring, trash_person

    def talk(day, kind="talk", summary=""):
        return add_interaction(db, InteractionDraft(day, kind, (), summary))

    def person(name, ring, created, moved_to=None, met=None):
        pid = add_person(db, PersonDraft(name, ring), now=datetime.combine(created, datetime.min.time()))
        if moved_to is not None:
            move_ring(db, pid, moved_to, now=datetime(2026, 3, 12))
        if met is not None:
            store.set_met_through(db, pid, met)
        return pid

    talk(date(2025, 3, 31), summary="before the window")  # the window starts on 1 April 2025
    first = talk(date(2025, 4, 1), summary="Meetup talk")
    post = talk(TODAY, kind="post", summary="Blog post")
    panel = talk(date(2025, 10, 5), kind="panel")  # nobody met through it
    talk(TODAY + timedelta(days=1), kind="article")  # tomorrow: not yet
    person("Ann", Ring.COLD, date(2025, 4, 2), moved_to=Ring.LUKEWARM, met=first)
    person("Bo", Ring.LUKEWARM, date(2026, 3, 1))  # added on lukewarm and still there: not moved in
    person("Cy", Ring.COLD, date(2026, 3, 10), moved_to=Ring.BUDDY, met=post)
    person("Dee", Ring.COLD, TODAY)
    person("Old", Ring.COLD, date(2025, 3, 20), moved_to=Ring.BUDDY)  # added before the window
    person("Soon", Ring.COLD, TODAY + timedelta(days=1))
    gone = person("Gone", Ring.COLD, date(2026, 3, 2), moved_to=Ring.BUDDY, met=first)
    trash_person(db, gone)
    e = store.exposure_report(db, TODAY)
    assert [m.month for m in e.months] == [f"2025-{m:02d}" for m in range(4, 13)] + ["2026-01", "2026-02", "2026-03"]
    assert e.months[0] == ExposureMonth("2025-04", broadcasts=1, added=1, moved_in=1, met_through=1)
    assert e.months[-1] == ExposureMonth("2026-03", broadcasts=1, added=3, moved_in=1, met_through=1)
    assert e.months[6] == ExposureMonth("2025-10", broadcasts=1)
    assert all(m == ExposureMonth(m.month) for m in e.months[1:-1] if m.month != "2025-10")
    assert (e.added, e.moved_in, e.broadcast_count) == (4, 2, 3)
    # Both met one person who moved in (the trashed one does not count): the later first.
    assert [(b.interaction_id, b.day, b.kind, b.summary, b.met, b.moved_in) for b in e.broadcasts] == [
        (post, TODAY, "post", "Blog post", 1, 1),
        (first, date(2025, 4, 1), "talk", "Meetup talk", 1, 1),
        (panel, date(2025, 10, 5), "panel", "", 0, 0),
    ]


def _suggestion(db, network, today=TODAY):
    return next(s for s in store.routine(db, today).suggestions if s.network == network)


def test_routine_finds_the_most_overdue_among_more_members_than_it_reads(db):
    # Six buddies: the four most recently contacted are read by recency, the oldest by due day.
    ids = [add(db, f"Bud {i}", Ring.BUDDY, networks=(Network.PEER,)) for i in range(6)]
    for i, pid in enumerate(ids):
        log(db, [pid], 40 + 10 * i)
    s = _suggestion(db, Network.PEER)
    assert (s.person_id, s.name, s.ring, s.reason) == (ids[5], "Bud 5", Ring.BUDDY, "60 days overdue")
    assert s.last_contact == TODAY - timedelta(days=90)


def test_routine_reads_more_members_when_last_months_picks_are_ruled_out(db):
    # Ten buddies, all overdue, Bud 0 the most: without reading further than four by due
    # day and four by recency, Bud 4 would be missed once Bud 0 to 3 are ruled out.
    ids = [add(db, f"Bud {i}", Ring.BUDDY, networks=(Network.PEER,)) for i in range(10)]
    for i, pid in enumerate(ids):
        log(db, [pid], 150 - 10 * i)
    last_month = date(2026, 2, 14)
    for pid in ids[:4]:  # the four most overdue were last month's picks (in some network)
        store.set_pick_state(db, last_month, Network.PEER, pid, PickState.DONE)
    assert _suggestion(db, Network.PEER).person_id == ids[4]


def test_routine_suggests_the_cold_contact_heard_from_last_when_nobody_is_lukewarm(db):
    ids = [add(db, f"Cold {i}", Ring.COLD, networks=(Network.SUPPORT,)) for i in range(6)]
    for i, pid in enumerate(ids):
        log(db, [pid], 300 - 20 * i)  # Cold 5 the most recent
    s = _suggestion(db, Network.SUPPORT)
    assert (s.person_id, s.name, s.reason) == (ids[5], "Cold 5", "no lukewarm here yet: the closest to moving in")
    assert s.last_contact == TODAY - timedelta(days=200)


def test_routine_says_when_only_distant_mentors_are_there(db):
    from netui.domain.models import Membership, PersonDraft
    from netui.store.people import add_person

    add_person(db, PersonDraft("Dee Author", Ring.BUDDY, memberships=(Membership(Network.MENTOR, distant=True),)))
    add(db, "Pat", Ring.BUDDY, networks=(Network.PEER,))
    mentor = _suggestion(db, Network.MENTOR)
    assert (mentor.person_id, mentor.reason) == (None, "only distant mentors here: nobody to contact")
    assert _suggestion(db, Network.SUPPORT).reason == "nobody in this network yet"


def test_a_stored_pick_shows_as_the_person_stands_now(db):
    from netui.store.agenda import snooze_person

    ann = add(db, "Ann", Ring.BUDDY, networks=(Network.PEER,))
    log(db, [ann], 45)
    assert store.pin_routine(db, TODAY) == 1
    s = _suggestion(db, Network.PEER)
    assert (s.person_id, s.name, s.ring, s.reason, s.pinned) == (ann, "Ann", Ring.BUDDY, "15 days overdue", True)
    assert s.last_contact == TODAY - timedelta(days=45)
    snooze_person(db, ann, TODAY + timedelta(days=3))
    assert _suggestion(db, Network.PEER).reason == "due today"  # snoozed: no longer overdue


def test_capital_names_the_closest_giver_of_a_gap_and_who_could_reintroduce_them(db):
    from netui.store.people import link_knows

    set_setting(db, "my_company", "Globex")
    gina = add(db, "Gina", Ring.COLD, company="Initech", help_tags=("advice",))
    bea = add(db, "Bea", Ring.BUDDY, company="Contoso")
    log(db, [gina], 200)
    log(db, [bea], 5)
    link_knows(db, bea, gina)
    warm = add(db, "Wes", Ring.STRATEGIC, company="Contoso", help_tags=("leads",))
    lee = add(db, "Lee", Ring.LUKEWARM, company="Contoso", help_tags=("references",))
    log(db, [warm], 10)
    # A mentor at your own company is no "mentor outside your employer".
    add(db, "Mo", Ring.BUDDY, company="globex ", networks=(Network.MENTOR,))
    mia = add(db, "Mia", Ring.STRATEGIC, company="Contoso", networks=(Network.MENTOR,))
    log(db, [mia], 300)
    cells = {c.kind.key: c for c in store.capital(db, TODAY, load_settings(db)).cells}
    advice = cells["advice"]
    assert (advice.count, advice.warm) == (1, 0)
    assert [(g.person_id, g.name, g.ring, g.last_contact, g.company) for g in advice.givers] == [
        (gina, "Gina", Ring.COLD, TODAY - timedelta(days=200), "Initech")]
    assert advice.next_step == "closest: Gina (cold, 200 days quiet); Bea could reintroduce you"
    leads = cells["leads"]
    assert (leads.count, leads.warm, [g.person_id for g in leads.givers], leads.next_step) == (2, 1, [warm, lee], "")
    # Nobody tagged inside Globex: an empty cell, and the cells after it still there.
    assert (cells["inside"].count, cells["inside"].warm, cells["inside"].givers) == (0, 0, ())
    assert cells["inside"].next_step == "nobody yet: tag who could help with “inside shortcut”"
    mentor = cells["mentor"]
    assert (mentor.count, mentor.warm, [g.person_id for g in mentor.givers]) == (1, 0, [mia])
    assert mentor.next_step == "closest: Mia (strategic, 300 days quiet)"  # strategic: no reintroduction needed
    assert list(cells) == [k.key for k in CAPITAL_KINDS]


def test_capital_inside_counts_every_spelling_of_your_company(db):
    set_setting(db, "my_company", "Globex")
    a = add(db, "Ann", Ring.BUDDY, company="Globex", help_tags=("inside shortcut",))
    b = add(db, "Bob", Ring.LUKEWARM, company="GLOBEX", help_tags=("hiring",))
    add(db, "Cy", Ring.BUDDY, company="Initech", help_tags=("advice",))
    log(db, [a], 3)
    inside = next(c for c in store.capital(db, TODAY, load_settings(db)).cells if c.kind.key == "inside")
    assert (inside.count, inside.warm, [g.person_id for g in inside.givers]) == (2, 1, [a, b])


def test_give_and_take_covers_exactly_a_year_and_shows_ten_debts_oldest_first(db):
    helpers = [add(db, f"Helper {i:02d}", Ring.LUKEWARM) for i in range(11)]
    for i, pid in enumerate(helpers):
        log(db, [pid], 300 - i, reciprocity="received", summary=f"help {i}")
    edge = add(db, "Edge", Ring.LUKEWARM)
    log(db, [edge], 365, reciprocity="received")  # a year ago to the day: outside the window
    log(db, [edge], 364, reciprocity="gave")  # the window's first day
    g = store.give_take(db, TODAY)
    assert g.since == TODAY - timedelta(days=364)
    assert (g.total.received, g.total.given, g.total.mutual) == (11, 1, 0)
    assert g.thanks_total == 11
    assert [(t.person_id, t.name, t.since, t.times, t.summary) for t in g.thanks_owed] == [
        (pid, f"Helper {i:02d}", TODAY - timedelta(days=300 - i), 1, f"help {i}") for i, pid in enumerate(helpers[:10])
    ]


def test_capital_inside_an_employer_nobody_stored_works_at(db):
    set_setting(db, "my_company", "Initrode")
    cy = add(db, "Cy", Ring.BUDDY, company="Contoso", help_tags=("early warning",))
    log(db, [cy], 3)
    cells = {c.kind.key: c for c in store.capital(db, TODAY, load_settings(db)).cells}
    inside = cells["inside"]
    assert (inside.count, inside.warm, inside.givers) == (0, 0, ())
    assert inside.next_step == "nobody yet: tag who could help with “inside shortcut”"
    # The kinds after it are still counted.
    assert (cells["warning"].count, cells["warning"].warm) == (1, 1)
    assert list(cells) == [k.key for k in CAPITAL_KINDS]
