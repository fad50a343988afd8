"""The monthly review's rules, on small hand-made networks."""

from __future__ import annotations

from datetime import date, timedelta

from netui.domain.intro_paths import IntroPath
from netui.domain.networks import Network
from netui.domain.review import (
    CAPITAL_KINDS,
    CAPITAL_TAGS,
    Broadcast,
    Candidate,
    Contact,
    ExposureMonth,
    Flow,
    Giver,
    Help,
    Pick,
    PickState,
    StripMonth,
    exposure,
    give_and_take,
    last_months,
    month_back,
    month_key,
    outside_figures,
    pick_for_network,
    plan_routine,
    readiness,
    social_capital,
    streak_of,
    target_view,
    thanks_owed,
)
from netui.domain.rings import Ring

TODAY = date(2026, 3, 15)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


# ---------------------------------------------------------------- months


def test_months_count_back_across_a_year():
    assert month_key(TODAY) == "2026-03"
    assert month_back(TODAY, 3) == date(2025, 12, 1)
    assert month_back(TODAY, -10) == date(2027, 1, 1)
    months = last_months(TODAY)
    assert len(months) == 12 and months[0] == "2025-04" and months[-1] == "2026-03"


# ---------------------------------------------------------------- routine


def cand(pid, ring=Ring.STRATEGIC, last=None, due=None, name=None, **kw):
    return Candidate(pid, name or f"P{pid}", ring, last, due, **kw)


def test_an_empty_network_suggests_nobody_and_says_why():
    s = pick_for_network(Network.SUPPORT, [], {}, TODAY)
    assert s.person_id is None and "nobody" in s.reason


def test_all_distant_mentors_are_never_suggested():
    mentors = [cand(1, Ring.BUDDY, distant=True), cand(2, Ring.STRATEGIC, distant=True)]
    s = pick_for_network(Network.MENTOR, mentors, {Ring.BUDDY: 1, Ring.STRATEGIC: 1}, TODAY)
    assert s.person_id is None and "distant" in s.reason


def test_overdue_comes_first_weighted_by_closeness():
    members = [
        cand(1, Ring.LUKEWARM, last=days_ago(150), due=days_ago(59)),  # 60 days overdue, lukewarm: 60
        cand(2, Ring.BUDDY, last=days_ago(60), due=days_ago(29)),  # 30 days overdue, buddy: 90
        cand(3, Ring.BUDDY, last=days_ago(5), due=TODAY + timedelta(days=26)),  # in touch
    ]
    s = pick_for_network(Network.PEER, members, {Ring.BUDDY: 2, Ring.LUKEWARM: 1}, TODAY)
    assert s.person_id == 2 and "30 days overdue" in s.reason


def test_without_anyone_overdue_the_empty_inner_ring_pulls_someone_in():
    members = [
        cand(1, Ring.STRATEGIC, last=days_ago(20), due=TODAY + timedelta(days=11)),
        cand(2, Ring.STRATEGIC, last=days_ago(3), due=TODAY + timedelta(days=28)),
    ]
    s = pick_for_network(Network.SUPPORT, members, {Ring.STRATEGIC: 2}, TODAY)
    # No buddy here: the strategic contact spoken to most recently is the likeliest to move in.
    assert s.person_id == 2 and "no buddy" in s.reason


def test_otherwise_whoever_falls_due_next():
    members = [
        cand(1, Ring.BUDDY, last=days_ago(20), due=TODAY + timedelta(days=11)),
        cand(2, Ring.STRATEGIC, last=days_ago(25), due=TODAY + timedelta(days=6)),
        cand(3, Ring.LUKEWARM, last=days_ago(25), due=TODAY + timedelta(days=66)),
    ]
    s = pick_for_network(Network.SUPPORT, members, {Ring.BUDDY: 1, Ring.STRATEGIC: 1, Ring.LUKEWARM: 1}, TODAY)
    assert s.person_id == 2 and s.reason == "due in 6 days"


def test_snoozed_and_excluded_people_are_skipped():
    members = [
        cand(1, Ring.BUDDY, last=days_ago(90), due=days_ago(59), snoozed_until=TODAY + timedelta(days=3)),
        cand(2, Ring.BUDDY, last=days_ago(80), due=days_ago(49)),
        cand(3, Ring.BUDDY, last=days_ago(70), due=days_ago(39)),
    ]
    s = pick_for_network(Network.PEER, members, {Ring.BUDDY: 3}, TODAY, exclude={2})
    assert s.person_id == 3


def test_nobody_is_suggested_two_months_running():
    members = {Network.PEER: [cand(1, Ring.BUDDY, last=days_ago(90), due=days_ago(59)),
                              cand(2, Ring.BUDDY, last=days_ago(40), due=days_ago(9))]}
    counts = {Network.PEER: {Ring.BUDDY: 2}}
    last_month = [Pick("2026-02", Network.PEER, 1, PickState.DONE)]
    r = plan_routine(TODAY, members, counts, last_month, {})
    peer = next(s for s in r.suggestions if s.network == Network.PEER)
    assert peer.person_id == 2
    # Only last month's person left: nobody rather than the same one again.
    r = plan_routine(TODAY, {Network.PEER: members[Network.PEER][:1]}, counts, last_month, {})
    assert next(s for s in r.suggestions if s.network == Network.PEER).person_id is None


def test_one_person_serves_one_network_a_month():
    both = cand(1, Ring.BUDDY, last=days_ago(90), due=days_ago(59))
    other = cand(2, Ring.BUDDY, last=days_ago(35), due=days_ago(4))
    r = plan_routine(TODAY, {Network.SUPPORT: [both], Network.PEER: [both, other]},
                     {Network.SUPPORT: {Ring.BUDDY: 1}, Network.PEER: {Ring.BUDDY: 2}}, [], {})
    picked = {s.network: s.person_id for s in r.suggestions}
    assert picked[Network.SUPPORT] == 1 and picked[Network.PEER] == 2


def test_a_stored_pick_stays_and_is_done_once_in_touch_this_month():
    members = {Network.PEER: [cand(1, Ring.BUDDY, last=days_ago(90), due=days_ago(59))]}
    picks = [Pick("2026-03", Network.PEER, 7, PickState.SUGGESTED)]
    pinned = {7: cand(7, Ring.STRATEGIC, last=date(2026, 3, 2), name="Seven")}
    r = plan_routine(TODAY, members, {Network.PEER: {Ring.BUDDY: 1}}, picks, {}, pinned=pinned)
    peer = next(s for s in r.suggestions if s.network == Network.PEER)
    assert (peer.person_id, peer.state, peer.pinned) == (7, PickState.DONE, True)
    assert r.done == 1 and peer.reason == "in touch this month"
    # Not in touch yet: the reason says where they stand.
    pinned = {7: cand(7, Ring.STRATEGIC, last=days_ago(40), due=days_ago(9), name="Seven")}
    r = plan_routine(TODAY, members, {Network.PEER: {Ring.BUDDY: 1}}, picks, {}, pinned=pinned)
    peer = next(s for s in r.suggestions if s.network == Network.PEER)
    assert (peer.state, peer.reason) == (PickState.SUGGESTED, "10 days overdue")


def test_a_swapped_person_is_not_offered_again_this_month():
    members = {Network.PEER: [cand(1, Ring.BUDDY, last=days_ago(90), due=days_ago(59)),
                              cand(2, Ring.BUDDY, last=days_ago(40), due=days_ago(9))]}
    picks = [Pick("2026-03", Network.PEER, 1, PickState.SWAPPED)]
    r = plan_routine(TODAY, members, {Network.PEER: {Ring.BUDDY: 2}}, picks, {})
    assert next(s for s in r.suggestions if s.network == Network.PEER).person_id == 2


def test_the_streak_counts_complete_months_back_from_the_last_one():
    strip = [StripMonth("a", 2, 2), StripMonth("b", 2, 1), StripMonth("c", 2, 2), StripMonth("d", 0, 0),
             StripMonth("e", 3, 3), StripMonth("now", 3, 1)]
    # This month is not complete yet: the streak runs to last month; an empty month neither breaks nor counts.
    assert streak_of(strip) == 2
    assert streak_of(strip[:-1] + [StripMonth("now", 3, 3)]) == 3
    assert streak_of([]) == 0
    assert [m.mark for m in strip] == ["●", "◐", "●", "·", "●", "◐"]


def test_routine_strip_and_streak_from_reached_networks():
    members = {Network.SUPPORT: [cand(1)], Network.PEER: [cand(2)]}
    counts = {Network.SUPPORT: {Ring.STRATEGIC: 1}, Network.PEER: {Ring.STRATEGIC: 1}}
    reached = {"2026-01": {Network.SUPPORT, Network.PEER}, "2026-02": {Network.SUPPORT, Network.PEER},
               "2025-12": {Network.SUPPORT}}
    r = plan_routine(TODAY, members, counts, [], reached)
    assert r.streak == 2
    assert len(r.strip) == 12 and r.strip[-2].reached == 2 and r.strip[-4].reached == 1


def test_a_routine_on_an_empty_database():
    r = plan_routine(TODAY, {}, {}, [], {})
    assert all(s.person_id is None for s in r.suggestions) and len(r.suggestions) == 4
    assert r.streak == 0 and all(m.mark == "·" for m in r.strip)


# ---------------------------------------------------------------- social capital


def test_the_suggested_tags_are_the_kinds_of_help():
    assert CAPITAL_TAGS == tuple(k.tags[0] for k in CAPITAL_KINDS)
    assert "advice" in CAPITAL_TAGS and "early warning" in CAPITAL_TAGS


def test_capital_ranks_givers_by_ring_then_recency_and_marks_gaps():
    givers = [
        Giver(1, "Ann", Ring.LUKEWARM, days_ago(2), "Contoso", frozenset({"advice"})),
        Giver(2, "Bo", Ring.BUDDY, days_ago(100), "Contoso", frozenset({"advice"})),
        Giver(3, "Cy", Ring.BUDDY, days_ago(10), "Contoso", frozenset({"technical help"})),
        Giver(4, "Di", Ring.COLD, days_ago(400), "Globex", frozenset({"leads"})),
    ]
    cap = social_capital(givers, "Northwind", TODAY)
    advice = next(c for c in cap.cells if c.kind.key == "advice")
    assert [g.person_id for g in advice.givers] == [3, 2, 1] and advice.count == 3 and advice.warm == 2
    assert not advice.gap and advice.next_step == ""
    leads = next(c for c in cap.cells if c.kind.key == "leads")
    assert leads.gap and leads.next_step.startswith("closest: Di (cold, 400 days quiet)")
    backing = next(c for c in cap.cells if c.kind.key == "backing")
    assert backing.gap and backing.count == 0 and "backing" in backing.next_step


def test_capital_sides_inside_and_outside_the_employer():
    givers = [
        Giver(1, "In", Ring.BUDDY, days_ago(3), "Northwind  labs", frozenset({"leads"})),
        Giver(2, "Out", Ring.BUDDY, days_ago(3), "Globex", frozenset({"hiring"})),
        Giver(3, "Mentor", Ring.STRATEGIC, days_ago(3), "Initech", frozenset(), mentor=True),
        Giver(4, "Inside mentor", Ring.STRATEGIC, days_ago(3), "Northwind Labs", frozenset(), mentor=True),
    ]
    cap = {c.kind.key: c for c in social_capital(givers, "Northwind Labs", TODAY).cells}
    assert [g.person_id for g in cap["inside"].givers] == [1]  # any tag, at your employer
    assert [g.person_id for g in cap["interviews"].givers] == [2]
    assert [g.person_id for g in cap["mentor"].givers] == [3]  # mentors outside count untagged
    no_company = {c.kind.key: c for c in social_capital(givers, "", TODAY).cells}
    assert no_company["inside"].count == 0 and "Settings" in no_company["inside"].next_step


def test_a_cold_gap_names_an_intro_path():
    givers = [Giver(4, "Di", Ring.COLD, None, "Globex", frozenset({"early warning"}))]
    path = IntroPath(9, "Eve", Ring.BUDDY, True, False, days_ago(1))
    cell = next(c for c in social_capital(givers, "", TODAY, {4: path}).cells if c.kind.key == "warning")
    assert "never contacted" in cell.next_step and "Eve could reintroduce you" in cell.next_step


def test_capital_of_an_empty_network_is_all_gaps():
    cap = social_capital([], "Northwind", TODAY)
    assert len(cap.gaps) == len(CAPITAL_KINDS)


# ---------------------------------------------------------------- give and take


def test_thanks_owed_until_given_back_or_followed_up():
    helps = [
        Help(10, 1, "Ann", days_ago(100)),
        Help(11, 1, "Ann", days_ago(50)),
        Help(12, 2, "Bo", days_ago(80)),
        Help(13, 3, "Cy", days_ago(90), thanked=True),
        Help(14, 4, "Di", days_ago(30)),
    ]
    returned = {2: days_ago(80), 4: days_ago(40)}  # Bo: same day counts; Di: before the help does not
    owed = thanks_owed(helps, returned)
    assert [(t.person_id, t.since, t.times) for t in owed] == [(1, days_ago(100), 2), (4, days_ago(30), 1)]


def test_give_and_take_per_network_and_paying_it_forward():
    since = days_ago(365)
    total = Flow(received=2, given=2, mutual=1)
    per_person = {"received": {10: 2}, "gave": {20: 1, 99: 1}, "mutual": {10: 1}}  # 99 is in the trash
    helps = [Help(1, 10, "", days_ago(10)), Help(2, 10, "", days_ago(5)), Help(7, 99, "", days_ago(5))]
    returned = {10: days_ago(3), 20: days_ago(4), 99: days_ago(2)}
    networks_of = {10: [Network.MENTOR], 20: [Network.MENTEE, Network.PEER], 30: [Network.PEER]}
    g = give_and_take(since, total, per_person, returned, helps, networks_of, {99})
    assert g.networks[Network.MENTOR].received == 2 and g.networks[Network.MENTOR].mutual == 1
    assert g.networks[Network.PEER].given == 1 and g.networks[Network.PEER].received == 0
    assert g.total == total
    assert (g.from_mentors, g.to_mentees) == (3, 1) and "pass on" in g.forward
    # The mentor's two helps were answered by the mutual entry after them.
    assert g.thanks_total == 0
    g = give_and_take(since, total, per_person, {}, helps, networks_of, {99})
    assert [(t.person_id, t.times) for t in g.thanks_owed] == [(10, 2)]  # not the one in the trash


def test_give_and_take_without_any_reciprocity():
    g = give_and_take(days_ago(365), Flow(), {}, {}, [], {1: [Network.PEER]})
    assert g.total.received == g.total.given == 0 and g.thanks_owed == ()
    assert "no help marked" in g.forward


# ---------------------------------------------------------------- readiness


def contact(pid, ring, last=None, due=None, company="Globex", name=None):
    return Contact(pid, name or f"C{pid}", ring, company, last, due)


def test_target_views_score_the_way_in():
    warm = target_view("Globex", [contact(1, Ring.BUDDY, days_ago(5), TODAY + timedelta(days=20))], [], TODAY)
    assert warm.score == 1 and warm.status == "warm contact"
    quiet = target_view("Globex", [contact(2, Ring.LUKEWARM, days_ago(120), days_ago(29))], [], TODAY)
    assert quiet.score == 0.25
    path = IntroPath(9, "Eve", Ring.STRATEGIC, True, False, days_ago(3))
    via = target_view("Globex", [contact(2, Ring.LUKEWARM, days_ago(120), days_ago(29))],
                      [(path, contact(2, Ring.LUKEWARM))], TODAY)
    assert via.score == 0.5 and via.status == "intro path"
    assert target_view("Hooli", [], [], TODAY).score == 0


def test_readiness_is_explained_and_names_the_moves():
    outside = [contact(i, Ring.STRATEGIC, days_ago(3), TODAY + timedelta(days=27)) for i in range(5)]
    outside.append(contact(50, Ring.BUDDY, days_ago(200), days_ago(169), company="Initech", name="Ola"))
    total, in_touch, lapsed = outside_figures(outside, TODAY)
    assert (total, in_touch, [c.person_id for c in lapsed]) == (6, 5, [50])
    ingrid = contact(7, Ring.LUKEWARM, days_ago(120), days_ago(29), name="Ingrid")
    targets = [target_view("Globex", [ingrid], [], TODAY), target_view("Hooli", [], [], TODAY)]
    r = readiness(targets, total, in_touch, lapsed, TODAY)
    # 5 of 10 outside contacts: 20 of 40; targets (0.25 + 0) / 2 of 60: 7.5.
    assert r.score == 28
    assert "5 of 6" in r.explanation[0] and "20 of 40" in r.explanation[0]
    assert r.moves[0].text == "Ingrid at Globex is lukewarm and 120 days quiet" and r.moves[0].person_id == 7
    assert any("Ola at Initech is buddy and 200 days quiet" == m.text for m in r.moves)


def test_readiness_without_targets_or_anyone():
    r = readiness([], 0, 0, [], TODAY)
    assert r.score == 0 and "no target companies" in r.explanation[1] and r.moves == ()
    full = readiness([], 12, 12, [], TODAY)
    assert full.score == 100


# ---------------------------------------------------------------- exposure


def test_exposure_fills_the_twelve_months_and_ranks_broadcasts():
    months = {"2026-03": ExposureMonth("2026-03", broadcasts=1, added=4, moved_in=1, met_through=3)}
    casts = [Broadcast(1, days_ago(40), "talk", "PyCon", met=3, moved_in=1),
             Broadcast(2, days_ago(10), "post", "On hiring", met=0)]
    e = exposure(TODAY, months, casts)
    assert len(e.months) == 12 and e.months[-1].added == 4 and e.months[0].added == 0
    assert [b.interaction_id for b in e.broadcasts] == [1, 2]
    assert e.added == 4 and e.moved_in == 1 and "25%" in e.summary


def test_exposure_with_nothing():
    e = exposure(TODAY, {}, [])
    assert e.added == 0 and "nothing broadcast" in e.summary
