"""The monthly review pinned exactly: its JSON, word for word, and its rules at their edges."""

from __future__ import annotations

from datetime import date, timedelta

from netui.domain.intro_paths import IntroPath
from netui.domain.networks import Network
from netui.domain.review import (
    CAPITAL_KINDS,
    QUIET_DAYS,
    Broadcast,
    Candidate,
    Capital,
    CapitalCell,
    Contact,
    Exposure,
    ExposureMonth,
    Flow,
    GiveAndTake,
    Giver,
    Help,
    Move,
    Pick,
    PickState,
    Readiness,
    Review,
    Routine,
    StripMonth,
    Suggestion,
    TargetView,
    ThanksOwed,
    capital_cell,
    exposure,
    give_and_take,
    outside_figures,
    pick_for_network,
    plan_routine,
    readiness,
    review_as_dict,
    social_capital,
    target_view,
    thanks_owed,
    why,
)
from netui.domain.rings import Ring

TODAY = date(2026, 3, 14)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def a_full_review() -> Review:
    routine = Routine(
        "2026-03",
        (
            Suggestion(Network.SUPPORT, None, reason="nobody in this network yet"),
            Suggestion(Network.PEER, 2, "Bo", Ring.BUDDY, "10 days overdue", "done", True, date(2026, 3, 2)),
            Suggestion(Network.MENTOR, 3, "Cy", Ring.STRATEGIC, "never contacted"),
        ),
        1,
        (StripMonth("2026-02", 2, 2), StripMonth("2026-03", 3, 1)),
    )
    advice, leads = CAPITAL_KINDS[0], CAPITAL_KINDS[1]
    capital = Capital((
        CapitalCell(advice, (Giver(2, "Bo", Ring.BUDDY, date(2026, 3, 2)), Giver(5, "Eve", Ring.COLD)), 4, 1),
        CapitalCell(leads, (), 0, 0, "nobody yet: tag who could help with “leads”"),
    ))
    gat = GiveAndTake(
        since=date(2025, 3, 14),
        networks={Network.SUPPORT: Flow(1, 2, 3), Network.MENTEE: Flow(0, 4, 5)},
        total=Flow(6, 7, 8),
        thanks_owed=(ThanksOwed(3, "Cy", date(2026, 1, 5), 2, 41, "intro to Globex"),),
        thanks_total=9,
        from_mentors=10,
        to_mentees=11,
    )
    ola = Contact(7, "Ola", Ring.LUKEWARM, "Globex", date(2025, 12, 1))
    ian = Contact(8, "Ian", Ring.COLD, "Globex")
    eve = IntroPath(5, "Eve", Ring.BUDDY, True, False, date(2026, 3, 1))
    ready = Readiness(
        score=37,
        outside_total=6,
        outside_in_touch=5,
        targets=(TargetView("Globex", (ola, ian), ((eve, ian),), 0.5), TargetView("Hooli", (), (), 0.0)),
        moves=(Move("nobody at Hooli yet", 10 / 3), Move("Ola at Globex is lukewarm", 7.25, 7)),
        explanation=("first line", "second line"),
    )
    expo = Exposure(
        (ExposureMonth("2026-02"), ExposureMonth("2026-03", 1, 4, 2, 3)),
        (Broadcast(51, date(2026, 3, 3), "talk", "PyCon", 3, 1),),
    )
    return Review(TODAY, routine, capital, gat, ready, expo)


def test_review_json_names_every_part_and_value():
    assert review_as_dict(a_full_review()) == {
        "date": "2026-03-14",
        "routine": {
            "month": "2026-03",
            "streak": 1,
            "strip": [{"month": "2026-02", "networks": 2, "reached": 2},
                      {"month": "2026-03", "networks": 3, "reached": 1}],
            "suggestions": [
                {"network": "support", "id": None, "name": "", "ring": None, "reason": "nobody in this network yet",
                 "state": "suggested", "last_contact": None},
                {"network": "peer", "id": 2, "name": "Bo", "ring": "buddy", "reason": "10 days overdue",
                 "state": "done", "last_contact": "2026-03-02"},
                {"network": "mentor", "id": 3, "name": "Cy", "ring": "strategic", "reason": "never contacted",
                 "state": "suggested", "last_contact": None},
            ],
        },
        "capital": [
            {"kind": "advice", "label": "expert advice, a call away", "tags": ["advice", "technical help", "expertise"],
             "count": 4, "warm": 1, "gap": False, "next_step": "",
             "givers": [{"id": 2, "name": "Bo", "ring": "buddy", "last_contact": "2026-03-02"},
                        {"id": 5, "name": "Eve", "ring": "cold", "last_contact": None}]},
            {"kind": "leads", "label": "leads and recommendations",
             "tags": ["leads", "references", "recommendations", "introductions"],
             "count": 0, "warm": 0, "gap": True, "next_step": "nobody yet: tag who could help with “leads”",
             "givers": []},
        ],
        "give_and_take": {
            "since": "2025-03-14",
            "networks": {"support": {"received": 1, "given": 2, "mutual": 3},
                         "mentee": {"received": 0, "given": 4, "mutual": 5}},
            "total": {"received": 6, "given": 7, "mutual": 8},
            "thanks_owed": [{"id": 3, "name": "Cy", "since": "2026-01-05", "times": 2, "interaction_id": 41,
                             "summary": "intro to Globex"}],
            "thanks_owed_total": 9,
            "from_mentors": 10,
            "to_mentees": 11,
        },
        "readiness": {
            "score": 37,
            "explanation": ["first line", "second line"],
            "outside": {"total": 6, "in_touch": 5},
            "targets": [
                {"company": "Globex", "status": "intro path", "score": 0.5,
                 "contacts": [{"id": 7, "name": "Ola", "ring": "lukewarm", "last_contact": "2025-12-01"},
                              {"id": 8, "name": "Ian", "ring": "cold", "last_contact": None}],
                 "paths": [{"via": {"id": 5, "name": "Eve", "ring": "buddy"}, "to": {"id": 8, "name": "Ian"}}]},
                {"company": "Hooli", "status": "nobody yet", "score": 0.0, "contacts": [], "paths": []},
            ],
            # Gains to one decimal: 10/3 is 3.3 (not 3 nor 3.33); 7.25 rounds to even, 7.2.
            "moves": [{"text": "nobody at Hooli yet", "gain": 3.3, "id": None},
                      {"text": "Ola at Globex is lukewarm", "gain": 7.2, "id": 7}],
        },
        "exposure": {
            "months": [{"month": "2026-02", "broadcasts": 0, "added": 0, "moved_in": 0, "met_through": 0},
                       {"month": "2026-03", "broadcasts": 1, "added": 4, "moved_in": 2, "met_through": 3}],
            "broadcasts": [{"interaction_id": 51, "date": "2026-03-03", "kind": "talk", "summary": "PyCon",
                            "met": 3, "moved_in": 1}],
            "added": 4,
            "moved_in": 2,
        },
    }


# ---------------------------------------------------------------- routine at its edges


def cand(pid, ring=Ring.STRATEGIC, last=None, due=None, name=None, **kw):
    return Candidate(pid, name or f"P{pid}", ring, last, due, **kw)


ALL_RINGS = {Ring.BUDDY: 1, Ring.STRATEGIC: 1, Ring.LUKEWARM: 1}


def test_overdue_counts_from_one_on_the_due_day():
    assert cand(1, last=days_ago(30), due=TODAY).overdue(TODAY) == 1
    assert cand(1, last=days_ago(30), due=TODAY + timedelta(days=1)).overdue(TODAY) is None
    # Never contacted: due at once, and counting from the due day once it is past.
    assert cand(1, due=TODAY + timedelta(days=5)).overdue(TODAY) == 1
    assert cand(1, due=TODAY).overdue(TODAY) == 1
    assert cand(1, due=days_ago(5)).overdue(TODAY) == 6
    # A snooze ending today no longer holds.
    assert cand(1, last=days_ago(40), due=days_ago(9), snoozed_until=TODAY).overdue(TODAY) == 10
    assert cand(1, last=days_ago(40), due=days_ago(9), snoozed_until=TODAY + timedelta(days=1)).overdue(TODAY) is None


def test_why_words_each_standing():
    assert why(cand(1, last=days_ago(30), due=TODAY), TODAY) == "1 day overdue"
    assert why(cand(1, last=days_ago(31), due=days_ago(1)), TODAY) == "2 days overdue"
    assert why(cand(1, due=days_ago(3)), TODAY) == "never contacted"
    assert why(cand(1, last=days_ago(29), due=TODAY + timedelta(days=1)), TODAY) == "due in 1 day"
    assert why(cand(1, last=days_ago(28), due=TODAY + timedelta(days=2)), TODAY) == "due in 2 days"
    # Snoozed past the due day: not overdue, and due already.
    snoozed = TODAY + timedelta(days=7)
    assert why(cand(1, last=days_ago(30), due=TODAY, snoozed_until=snoozed), TODAY) == "due today"
    assert why(cand(1, last=days_ago(40), due=days_ago(9), snoozed_until=snoozed), TODAY) == "due today"
    assert why(cand(1, due=days_ago(9), snoozed_until=snoozed), TODAY) == "never contacted"
    # Never due (cold, no interval).
    assert why(cand(1, Ring.COLD, last=days_ago(40)), TODAY) == "last contact 40 days ago"
    assert why(cand(1, Ring.COLD), TODAY) == "never contacted"


def test_pick_says_when_everyone_is_ruled_out():
    s = pick_for_network(Network.PEER, [cand(1), cand(2)], {Ring.STRATEGIC: 2}, TODAY, exclude={1, 2})
    assert (s.person_id, s.reason) == (None, "nobody left to suggest this month")


def test_pick_words_the_overdue_and_breaks_urgency_ties_by_days():
    # A buddy 20 days late and a lukewarm contact 60 days late weigh the same: the longer wait wins.
    members = [cand(1, Ring.BUDDY, last=days_ago(50), due=days_ago(19)),
               cand(2, Ring.LUKEWARM, last=days_ago(149), due=days_ago(59))]
    s = pick_for_network(Network.PEER, members, ALL_RINGS, TODAY)
    assert (s.person_id, s.name, s.ring, s.reason, s.last_contact) == (2, "P2", Ring.LUKEWARM, "60 days overdue",
                                                                         days_ago(149))
    one = pick_for_network(Network.PEER, [cand(3, last=days_ago(30), due=TODAY)], ALL_RINGS, TODAY)
    assert one.reason == "1 day overdue"
    never = pick_for_network(Network.PEER, [cand(4, due=days_ago(3))], ALL_RINGS, TODAY)
    assert (never.person_id, never.reason) == (4, "never contacted")


def test_a_snooze_ending_today_makes_someone_pickable_again():
    members = [cand(1, Ring.BUDDY, last=days_ago(40), due=days_ago(9), snoozed_until=TODAY)]
    assert pick_for_network(Network.PEER, members, ALL_RINGS, TODAY).person_id == 1


def test_the_innermost_empty_ring_is_filled_from_just_outside_it():
    # Buddies exist; strategic is empty: a lukewarm contact is pulled in (not skipped past).
    members = [cand(1, Ring.BUDDY, last=days_ago(5), due=TODAY + timedelta(days=25)),
               cand(2, Ring.LUKEWARM, last=days_ago(10), due=TODAY + timedelta(days=80))]
    s = pick_for_network(Network.PEER, members, {Ring.BUDDY: 1, Ring.LUKEWARM: 1}, TODAY)
    assert (s.person_id, s.reason) == (2, "no strategic here yet: the closest to moving in")


def test_the_next_due_is_worded_and_ties_go_to_the_closer_ring():
    members = [cand(1, Ring.STRATEGIC, last=days_ago(29), due=TODAY + timedelta(days=1), name="Al"),
               cand(2, Ring.BUDDY, last=days_ago(29), due=TODAY + timedelta(days=1), name="Zoe")]
    s = pick_for_network(Network.PEER, members, ALL_RINGS, TODAY)
    assert (s.person_id, s.reason) == (2, "due in 1 day")
    two = pick_for_network(Network.PEER, [cand(3, last=days_ago(28), due=TODAY + timedelta(days=2))], ALL_RINGS, TODAY)
    assert two.reason == "due in 2 days"


def test_without_anyone_due_the_closest_most_recent_keeps_the_network_warm():
    members = [cand(1, Ring.COLD, last=days_ago(5)), cand(2, Ring.STRATEGIC, last=days_ago(100)),
               cand(3, Ring.STRATEGIC, last=days_ago(50)), cand(4, Ring.STRATEGIC)]
    s = pick_for_network(Network.PEER, members, ALL_RINGS, TODAY)
    assert s == Suggestion(Network.PEER, 3, "P3", Ring.STRATEGIC, "keeps the network warm", last_contact=days_ago(50))


def peer_of(r):
    return next(s for s in r.suggestions if s.network == Network.PEER)


def test_stored_picks_say_marked_done_or_snoozed_and_count_the_first_of_the_month():
    counts = {Network.PEER: {Ring.BUDDY: 1}}
    first = cand(7, Ring.STRATEGIC, last=date(2026, 3, 1), due=date(2026, 3, 31), name="Seven")
    done = plan_routine(TODAY, {}, counts, [Pick("2026-03", Network.PEER, 7, PickState.SUGGESTED)], {},
                        pinned={7: first})
    assert (peer_of(done).state, peer_of(done).reason) == (PickState.DONE, "in touch this month")
    february = cand(7, Ring.STRATEGIC, last=date(2026, 2, 28), due=date(2026, 3, 30), name="Seven")
    marked = plan_routine(TODAY, {}, counts, [Pick("2026-03", Network.PEER, 7, PickState.DONE)], {},
                          pinned={7: february})
    assert (peer_of(marked).state, peer_of(marked).reason) == (PickState.DONE, "marked done")
    snoozed = plan_routine(TODAY, {}, counts, [Pick("2026-03", Network.PEER, 7, PickState.SNOOZED)], {},
                           pinned={7: february})
    assert (peer_of(snoozed).state, peer_of(snoozed).reason) == (PickState.SNOOZED, "snoozed for this month")
    assert snoozed.month == "2026-03"


def test_only_last_months_picks_are_kept_out():
    members = {Network.PEER: [cand(1, Ring.BUDDY, last=days_ago(90), due=days_ago(59))]}
    older = [Pick("2026-01", Network.PEER, 1, PickState.DONE)]
    assert peer_of(plan_routine(TODAY, members, {Network.PEER: {Ring.BUDDY: 1}}, older, {})).person_id == 1


def test_when_last_months_person_is_all_that_is_left_the_reason_says_so():
    last_month = [Pick("2026-02", Network.PEER, 1, PickState.DONE)]
    members = {Network.PEER: [cand(1, Ring.BUDDY, last=days_ago(90), due=days_ago(59))]}
    r = plan_routine(TODAY, members, {Network.PEER: {Ring.BUDDY: 1}}, last_month, {})
    assert (peer_of(r).person_id, peer_of(r).reason) == (None, "nobody left to suggest this month")
    # They left the network since: it is empty now.
    r = plan_routine(TODAY, {}, {}, last_month, {})
    assert (peer_of(r).person_id, peer_of(r).reason) == (None, "nobody in this network yet")


def test_each_network_is_picked_with_its_own_ring_counts():
    members = {Network.PEER: [cand(1, Ring.STRATEGIC, last=days_ago(5), due=TODAY + timedelta(days=25))]}
    r = plan_routine(TODAY, members, {Network.PEER: {Ring.BUDDY: 2, Ring.STRATEGIC: 1}}, [], {})
    assert (peer_of(r).person_id, peer_of(r).reason) == (1, "due in 25 days")


def test_the_strip_counts_networks_with_members_or_ring_counts_and_stored_months():
    members = {Network.PEER: [cand(1, Ring.STRATEGIC, last=days_ago(5), due=TODAY + timedelta(days=25))]}
    counts = {Network.SUPPORT: {Ring.BUDDY: 1}}
    populated = {"2026-02": {Network.SUPPORT}}
    reached = {"2026-02": {Network.SUPPORT, Network.PEER}, "2026-01": {Network.PEER}}
    r = plan_routine(TODAY, members, counts, [], reached, populated)
    assert r.strip[-3:] == (StripMonth("2026-01", 2, 1), StripMonth("2026-02", 1, 1), StripMonth("2026-03", 2, 0))
    assert r.strip[0] == StripMonth("2025-04", 2, 0)
    assert r.streak == 1


# ---------------------------------------------------------------- capital, give and take, exposure at their edges


def test_a_giver_quiet_exactly_the_quiet_days_is_still_warm():
    givers = [Giver(1, "Ann", Ring.STRATEGIC, days_ago(QUIET_DAYS), tags=frozenset({"advice"})),
              Giver(2, "Bo", Ring.STRATEGIC, days_ago(QUIET_DAYS + 1), tags=frozenset({"leads"}))]
    cells = {c.kind.key: c for c in social_capital(givers, "", TODAY).cells}
    assert (cells["advice"].warm, cells["leads"].warm) == (1, 0)
    assert cells["leads"].next_step == "closest: Bo (strategic, 181 days quiet)"


def test_a_gap_step_offers_a_reintroduction_only_below_strategic():
    path = IntroPath(9, "Eve", Ring.BUDDY, True, False, days_ago(1))
    givers = [Giver(4, "Di", Ring.COLD, None, tags=frozenset({"early warning"})),
              Giver(5, "Sam", Ring.STRATEGIC, days_ago(200), tags=frozenset({"backing"}))]
    cells = {c.kind.key: c for c in social_capital(givers, "", TODAY, {4: path, 5: path}).cells}
    assert cells["warning"].next_step == "closest: Di (cold, never contacted); Eve could reintroduce you"
    assert cells["backing"].next_step == "closest: Sam (strategic, 200 days quiet)"


def test_thanks_owed_carry_the_first_helps_summary():
    helps = [Help(11, 1, "Ann", days_ago(50), "the second"), Help(10, 1, "Ann", days_ago(100), "the intro")]
    assert thanks_owed(helps, {}) == [ThanksOwed(1, "Ann", days_ago(100), 2, 10, "the intro")]


def test_give_and_take_sums_people_per_network_and_shows_ten_owed():
    per_person = {"received": {1: 2, 2: 3}, "gave": {3: 1}, "mutual": {3: 4, 1: 1}}
    networks_of = {1: [Network.MENTOR], 2: [Network.MENTOR], 3: [Network.MENTEE]}
    helps = [Help(100 + i, i, f"N{i:02d}", days_ago(50 - i)) for i in range(1, 12)]
    g = give_and_take(days_ago(365), Flow(5, 1, 5), per_person, {}, helps, networks_of)
    assert g.networks[Network.MENTOR] == Flow(5, 0, 1) and g.networks[Network.MENTEE] == Flow(0, 1, 4)
    assert (g.from_mentors, g.to_mentees) == (6, 5)
    assert g.thanks_total == 11 and [t.person_id for t in g.thanks_owed] == list(range(1, 11))


def test_exposure_shows_five_broadcasts_ranked_by_people_then_moves_in():
    casts = [Broadcast(i, days_ago(i), "post", met=1, moved_in=0) for i in range(1, 6)]
    casts.append(Broadcast(9, days_ago(30), "talk", met=1, moved_in=1))
    e = exposure(TODAY, {}, casts)
    assert [b.interaction_id for b in e.broadcasts] == [9, 1, 2, 3, 4]


# ---------------------------------------------------------------- readiness at its edges


def contact(pid, ring, last=None, due=None, company="Globex", name=None):
    return Contact(pid, name or f"C{pid}", ring, company, last, due)


def test_in_touch_until_the_due_day_or_quiet_days():
    assert contact(1, Ring.BUDDY, days_ago(30), TODAY + timedelta(days=1)).in_touch(TODAY)
    assert not contact(1, Ring.BUDDY, days_ago(30), TODAY).in_touch(TODAY)
    assert contact(1, Ring.COLD, days_ago(QUIET_DAYS)).in_touch(TODAY)
    assert not contact(1, Ring.COLD, days_ago(QUIET_DAYS + 1)).in_touch(TODAY)
    assert not contact(1, Ring.COLD).in_touch(TODAY)


def test_outside_figures_list_the_closest_lapsed_first_three_of_them():
    outside = [
        contact(1, Ring.STRATEGIC, days_ago(100), days_ago(70), name="Amy"),
        contact(2, Ring.BUDDY, days_ago(300), days_ago(270), name="Bea"),
        contact(3, Ring.STRATEGIC, days_ago(40), days_ago(10), name="Zed"),
        contact(4, Ring.STRATEGIC, None, None, name="Cat"),
        contact(5, Ring.BUDDY, days_ago(2), TODAY + timedelta(days=28), name="Dan"),
    ]
    total, in_touch, lapsed = outside_figures(outside, TODAY)
    # Buddy first; then among strategic the most recent contact, never contacted last.
    assert (total, in_touch, [c.name for c in lapsed]) == (5, 1, ["Bea", "Zed", "Amy"])
    assert [c.name for c in outside_figures(outside, TODAY, shown=4)[2]] == ["Bea", "Zed", "Amy", "Cat"]


def test_a_target_is_warm_only_through_a_strategic_or_buddy_in_touch():
    soon = TODAY + timedelta(days=20)
    strategic = target_view("Globex", [contact(1, Ring.STRATEGIC, days_ago(5), soon)], [], TODAY)
    assert (strategic.score, strategic.status) == (1.0, "warm contact")
    lukewarm = target_view("Globex", [contact(2, Ring.LUKEWARM, days_ago(5), soon)], [], TODAY)
    assert (lukewarm.score, lukewarm.status) == (0.5, "intro path")
    quiet = target_view("Globex", [contact(3, Ring.STRATEGIC, days_ago(50), days_ago(20))], [], TODAY)
    assert (quiet.score, quiet.status) == (0.25, "known, gone quiet")
    assert target_view("Globex", [], [], TODAY).status == "nobody yet"


def test_a_target_shows_three_contacts_and_ranks_intro_paths():
    there = [contact(i, Ring.COLD, name=f"K{i}") for i in range(1, 5)]
    assert [c.person_id for c in target_view("Globex", there, [], TODAY).contacts] == [1, 2, 3]
    abe, zoe = contact(20, Ring.COLD, name="Abe"), contact(21, Ring.COLD, name="Zoe")
    lu = contact(22, Ring.LUKEWARM, name="Lu")
    on = date(2026, 3, 1)
    paths = [
        (IntroPath(30, "Amy", Ring.BUDDY, True, False, days_ago(100)), abe),
        (IntroPath(31, "Zed", Ring.BUDDY, True, False, days_ago(3)), abe),
        (IntroPath(32, "Bea", Ring.BUDDY, True, False, None), abe),
        (IntroPath(33, "Dan", Ring.STRATEGIC, True, False, on), abe),
        (IntroPath(34, "Cat", Ring.STRATEGIC, True, False, on), zoe),
        (IntroPath(35, "Sid", Ring.STRATEGIC, True, False, days_ago(1)), lu),
        (IntroPath(36, "Lou", Ring.LUKEWARM, True, False, days_ago(1)), abe),  # too far out to ask
    ]
    t = target_view("Globex", [abe, zoe, lu], paths, TODAY, shown=10)
    # Closest ring; then most recent contact (never last); then the introducer's name.
    assert [p.name for p, _ in t.paths] == ["Zed", "Amy", "Bea", "Sid", "Cat", "Dan"]
    assert [p.name for p, _ in target_view("Globex", [abe], paths, TODAY).paths] == ["Zed", "Amy", "Bea"]


def test_readiness_names_every_kind_of_move_with_its_gain():
    soon = TODAY + timedelta(days=60)
    kim = contact(11, Ring.LUKEWARM, days_ago(10), soon, name="Kim")
    lu = contact(12, Ring.LUKEWARM, days_ago(10), soon, company="Initech", name="Lu")
    max_ = contact(13, Ring.COLD, None, None, company="Umbrella", name="Max")
    ann = contact(14, Ring.BUDDY, days_ago(5), soon, company="Acme", name="Ann")
    eve = IntroPath(5, "Eve", Ring.BUDDY, True, False, days_ago(1))
    fay = IntroPath(6, "Fay", Ring.STRATEGIC, True, False, days_ago(1))
    jo = contact(15, Ring.COLD, name="Jo")
    targets = [
        TargetView("Acme", (ann,), (), 1.0),  # warm: nothing to do, and the rest still counts
        TargetView("Globex", (kim,), ((eve, jo), (fay, kim)), 0.5),
        TargetView("Initech", (lu,), (), 0.5),
        TargetView("Hooli", (), (), 0.0),
        TargetView("Umbrella", (max_,), (), 0.25),
    ]
    lapsed = [contact(16, Ring.BUDDY, days_ago(200), days_ago(170), company="Northwind", name="Ola"),
              contact(17, Ring.STRATEGIC, days_ago(45), days_ago(15), company="", name="Pia")]
    r = readiness(targets, 9, 4, lapsed, TODAY, moves_shown=10)
    # 4 of 10 outside: 16 of 40. Targets (1 + .5 + .5 + 0 + .25) / 5 = .45 of 60: 27.
    assert r.score == 43
    assert r.explanation == (
        "4 of 9 buddies and strategic contacts outside your employer are in touch: 16 of 40 points"
        " (10 earn them all)",
        "target companies: 27 of 60 points, shared among 5; each counts in full with a warm contact there,"
        " half with an intro path or a contact in touch, a quarter with someone known but quiet",
    )
    # Each target is worth 12 points; a lapsed outside contact 4.
    assert [(m.text, m.gain, m.person_id) for m in r.moves] == [
        ("Max at Umbrella is cold and never contacted", 9.0, 13),
        ("Ola at Northwind is buddy and 200 days quiet", 4.0, 16),
        ("Pia is strategic and 45 days quiet", 4.0, 17),
        ("ask Eve (buddy) to introduce you to Jo at Globex", 3.0, 15),
        ("Lu at Initech is in touch but lukewarm: meet in person", 3.0, 12),
        ("nobody at Hooli yet: ask your buddies who they know there", 3.0, None),
    ]
    assert readiness(targets, 9, 4, lapsed, TODAY).moves == r.moves[:3]
    assert (r.outside_total, r.outside_in_touch, r.targets) == (9, 4, tuple(targets))


def test_readiness_with_every_target_warm_and_enough_outside_has_no_moves():
    ann = contact(14, Ring.BUDDY, days_ago(5), TODAY + timedelta(days=25), company="Acme", name="Ann")
    lapsed = [contact(16, Ring.BUDDY, days_ago(200), days_ago(170), company="Northwind", name="Ola")]
    r = readiness([TargetView("Acme", (ann,), (), 1.0)], 12, 10, lapsed, TODAY)
    assert (r.score, r.moves) == (100, ())


def test_readiness_without_targets_scales_the_outside_to_a_hundred():
    lapsed = [contact(16, Ring.BUDDY, days_ago(200), days_ago(170), company="Northwind", name="Ola")]
    r = readiness([], 9, 4, lapsed, TODAY)
    assert r.score == 40
    assert r.explanation == (
        "4 of 9 buddies and strategic contacts outside your employer are in touch: 40 of 100 points"
        " (10 earn them all)",
        "no target companies yet: add some in Settings (,) to see your ways in",
    )
    assert [(m.text, m.gain, m.person_id) for m in r.moves] == [
        ("Ola at Northwind is buddy and 200 days quiet", 10.0, 16)]


def test_inside_help_without_your_company_is_empty_and_says_where_to_set_it():
    inside = next(k for k in CAPITAL_KINDS if k.side == "inside")
    givers = (Giver(2, "Bo", Ring.BUDDY, date(2026, 3, 2), company="Acme"),)
    assert capital_cell(inside, givers, 3, 1, "  ", date(2026, 3, 14)) == CapitalCell(
        inside, (), 0, 0, "set your company in Settings (,) to see who is inside")
