"""The funnel report's arithmetic on a small hand-made history, every number checked."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netui.domain.funnel import (
    MonthFlow,
    RingHolder,
    RingStay,
    funnel_report,
    month_range,
    next_month,
    parse_since,
    report_as_dict,
)
from netui.domain.models import RingMoveRecord
from netui.domain.rings import Ring

TODAY = date(2026, 3, 14)


def mv(i, pid, a, b, when):
    return RingMoveRecord(i, pid, a, b, when, "")


def _history():
    people = [
        RingHolder(1, "Ada", Ring.STRATEGIC, datetime(2026, 1, 1, 0, 0)),
        RingHolder(2, "bob", Ring.COLD, datetime(2026, 1, 10, 0, 0)),
        RingHolder(3, "Cy", Ring.LUKEWARM, datetime(2025, 12, 1, 0, 0)),  # no moves recorded at all
        RingHolder(4, "Dee", Ring.LUKEWARM, datetime(2026, 1, 1, 0, 0)),  # no "added" move kept
    ]
    moves = [
        mv(1, 1, None, Ring.COLD, datetime(2026, 1, 1, 0, 0)),
        mv(2, 1, Ring.COLD, Ring.LUKEWARM, datetime(2026, 1, 2, 8, 0)),  # 1 day 8 hours on cold
        mv(3, 1, Ring.LUKEWARM, Ring.STRATEGIC, datetime(2026, 2, 2, 8, 0)),  # 31 days on lukewarm
        mv(4, 2, Ring.LUKEWARM, Ring.COLD, datetime(2026, 2, 5, 0, 0)),  # out (no "added" move kept)
        mv(5, 2, Ring.STRATEGIC, Ring.COLD, datetime(2026, 2, 6, 0, 0)),  # out again, same month
        mv(6, 4, Ring.COLD, Ring.LUKEWARM, datetime(2026, 1, 11, 0, 0)),  # 10 days on cold since added
    ]
    return moves, people


def test_a_small_history_in_full():
    moves, people = _history()
    report = funnel_report(moves, people, TODAY)
    assert report.months == (
        MonthFlow(date(2026, 1, 1), inward=2, outward=0, added=1),
        MonthFlow(date(2026, 2, 1), inward=1, outward=2, added=0),
        MonthFlow(date(2026, 3, 1)),
    )
    assert (report.total_inward, report.total_outward, report.total_added) == (3, 2, 1)
    # Dee's stay on cold counts from when she was added: median of 1.33 and 10 days
    assert report.median_days_before_inward == {Ring.COLD: 5.7, Ring.LUKEWARM: 31.0, Ring.STRATEGIC: None, Ring.BUDDY: None}
    assert report.inward_moves_counted == {Ring.COLD: 2, Ring.LUKEWARM: 1, Ring.STRATEGIC: 0, Ring.BUDDY: 0}
    assert report.ring_counts == {Ring.COLD: 1, Ring.LUKEWARM: 2, Ring.STRATEGIC: 1, Ring.BUDDY: 0}
    assert report.longest_on_ring[Ring.LUKEWARM] == (
        RingStay(3, "Cy", Ring.LUKEWARM, date(2025, 12, 1), 103), RingStay(4, "Dee", Ring.LUKEWARM, date(2026, 1, 11), 62))
    assert report.longest_on_ring[Ring.STRATEGIC] == (RingStay(1, "Ada", Ring.STRATEGIC, date(2026, 2, 2), 40),)
    assert report.longest_on_ring[Ring.COLD] == (RingStay(2, "bob", Ring.COLD, date(2026, 2, 6), 36),)
    doc = report_as_dict(report)
    # Exposure counts arrivals: Cy (no moves) when her record was made, bob and Dee (no
    # "added" move) likewise, starting on the ring they first moved from.
    assert doc.pop("exposure") == {
        "totals": {"added": 4, "met_through": 0, "moved_in": 2, "broadcasts": 0},
        "months": [
            {"month": "2025-12", "added": 1, "met_through": 0, "moved_in": 0, "broadcasts": 0},
            {"month": "2026-01", "added": 3, "met_through": 0, "moved_in": 2, "broadcasts": 0},
            {"month": "2026-02", "added": 0, "met_through": 0, "moved_in": 0, "broadcasts": 0},
            {"month": "2026-03", "added": 0, "met_through": 0, "moved_in": 0, "broadcasts": 0},
        ],
        "broadcasts": [],
    }
    assert doc == {
        "today": "2026-03-14",
        "since": None,
        "rings": {"cold": 1, "lukewarm": 2, "strategic": 1, "buddy": 0},
        "totals": {"inward": 3, "outward": 2, "added": 1},
        "months": [
            {"month": "2026-01", "inward": 2, "outward": 0, "added": 1},
            {"month": "2026-02", "inward": 1, "outward": 2, "added": 0},
            {"month": "2026-03", "inward": 0, "outward": 0, "added": 0},
        ],
        "median_days_before_inward": {
            "cold": {"days": 5.7, "moves": 2},
            "lukewarm": {"days": 31.0, "moves": 1},
            "strategic": {"days": None, "moves": 0},
        },
        "longest_on_ring": {
            "cold": [{"id": 2, "name": "bob", "since": "2026-02-06", "days": 36}],
            "lukewarm": [
                {"id": 3, "name": "Cy", "since": "2025-12-01", "days": 103},
                {"id": 4, "name": "Dee", "since": "2026-01-11", "days": 62},
            ],
            "strategic": [{"id": 1, "name": "Ada", "since": "2026-02-02", "days": 40}],
            "buddy": [],
        },
    }


def test_a_person_no_longer_live_counts_in_the_months_but_has_no_stay():
    moves = [mv(1, 9, Ring.COLD, Ring.LUKEWARM, datetime(2026, 3, 2))]
    report = funnel_report(moves, [], TODAY)
    assert report.total_inward == 1
    assert report.inward_moves_counted[Ring.COLD] == 0  # when they arrived on cold is unknown


def test_a_stay_is_never_negative():
    people = [RingHolder(1, "Ada", Ring.LUKEWARM, datetime(2026, 3, 5))]
    moves = [mv(1, 1, Ring.COLD, Ring.LUKEWARM, datetime(2026, 3, 1))]  # moved "before" being added
    assert funnel_report(moves, people, TODAY).median_days_before_inward[Ring.COLD] == 0.0


def test_since_in_the_report_dict():
    moves, people = _history()
    data = report_as_dict(funnel_report(moves, people, TODAY, since=date(2026, 2, 1)))
    assert data["since"] == "2026-02-01"
    assert data["totals"] == {"inward": 1, "outward": 2, "added": 0}


def test_month_steps_across_the_year():
    assert next_month(date(2025, 12, 1)) == date(2026, 1, 1)
    assert next_month(date(2026, 11, 30)) == date(2026, 12, 1)
    assert month_range(date(2025, 11, 20), date(2026, 2, 3)) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]


def test_parse_since_edges_and_messages():
    # The one date parser, leaning back: a bare count or a short offset is that far ago.
    assert parse_since("90 d", TODAY) == parse_since(" 90D ", TODAY) == date(2025, 12, 14)
    assert parse_since("0d", TODAY) == TODAY
    assert parse_since("3", TODAY) == date(2026, 3, 11)
    assert parse_since("+3", TODAY) == date(2026, 3, 17)  # a sign says it outright
    assert parse_since("9999d", TODAY) == date(1998, 10, 28)  # four digits at most
    assert parse_since("126y", TODAY) == date(1900, 3, 14)
    assert parse_since("1200m", TODAY) == date(1926, 3, 14)
    with pytest.raises(ValueError) as caught:
        parse_since("127y", TODAY)
    assert str(caught.value) == "'127y': the year 1899 is out of range (1900–2200)."
    with pytest.raises(ValueError) as caught:
        parse_since("1201m", TODAY)
    assert str(caught.value) == "'1201m' is too far away to be a date you mean."
    # What it cannot read, it says with dates gone by as examples.
    for typed in ("9 0 d", "10000d", "12x", "1xd"):
        with pytest.raises(ValueError) as caught:
            parse_since(typed, TODAY)
        assert str(caught.value) == (
            f"Could not read {typed!r} as a date; try today, yesterday, 3 days ago, 2w, last friday or 2026-03-14."
        )


# ---------------------------------------------------------------- exposure

from netui.domain.funnel import BroadcastEntry, BroadcastReach, FunnelExposure, MonthExposure, exposure_counts  # noqa: E402

TALK = BroadcastEntry(10, date(2026, 1, 20), "talk", "Rust at scale")
POST = BroadcastEntry(11, date(2026, 2, 3), "post", "")
OLD_PANEL = BroadcastEntry(12, date(2025, 6, 1), "panel", "Hiring panel")


def _exposed():
    """Five people: two met at the talk (one moved in since), one through the post who moved
    in and out again, one met through nothing who moved in, one never moved at all."""
    people = [
        RingHolder(1, "Ada", Ring.LUKEWARM, datetime(2026, 1, 21, 9, 0), met_through_id=10),
        RingHolder(2, "Bo", Ring.COLD, datetime(2026, 1, 22, 9, 0), met_through_id=10),
        RingHolder(3, "Cy", Ring.COLD, datetime(2026, 2, 4, 9, 0), met_through_id=11),
        RingHolder(4, "Di", Ring.STRATEGIC, datetime(2026, 2, 10, 9, 0)),
        RingHolder(5, "Ed", Ring.LUKEWARM, datetime(2025, 6, 2, 9, 0), met_through_id=12),  # never moved, no moves kept
    ]
    moves = [
        mv(1, 1, None, Ring.COLD, datetime(2026, 1, 21, 9, 0)),
        mv(2, 1, Ring.COLD, Ring.LUKEWARM, datetime(2026, 2, 1, 9, 0)),
        mv(3, 2, None, Ring.COLD, datetime(2026, 1, 22, 9, 0)),
        mv(4, 3, None, Ring.COLD, datetime(2026, 2, 4, 9, 0)),
        mv(5, 3, Ring.COLD, Ring.LUKEWARM, datetime(2026, 2, 20, 9, 0)),
        mv(6, 3, Ring.LUKEWARM, Ring.COLD, datetime(2026, 3, 1, 9, 0)),  # back out: not "moved in" now
        mv(7, 4, None, Ring.LUKEWARM, datetime(2026, 2, 10, 9, 0)),
        mv(8, 4, Ring.LUKEWARM, Ring.STRATEGIC, datetime(2026, 3, 2, 9, 0)),
    ]
    return people, moves


def test_exposure_counts_new_people_per_month_and_per_broadcast():
    people, moves = _exposed()
    e = exposure_counts(people, moves, [TALK, POST, OLD_PANEL], TODAY, since=date(2026, 1, 1))
    assert e.months == (
        MonthExposure(date(2026, 1, 1), added=2, met_through=2, moved_in=1, broadcasts=1),
        MonthExposure(date(2026, 2, 1), added=2, met_through=1, moved_in=1, broadcasts=1),
        MonthExposure(date(2026, 3, 1)),
    )
    assert (e.added, e.met_through, e.moved_in, e.broadcast_count) == (4, 3, 2, 2)
    # The panel is before the period: not listed, and Ed (added then) not counted.
    assert e.broadcasts == (BroadcastReach(TALK, met=2, moved_in=1), BroadcastReach(POST, met=1, moved_in=0))


def test_exposure_over_all_time_starts_at_the_first_broadcast_or_newcomer():
    people, moves = _exposed()
    e = exposure_counts(people, moves, [POST, OLD_PANEL, TALK], TODAY)
    assert e.months[0] == MonthExposure(date(2025, 6, 1), added=1, met_through=1, moved_in=0, broadcasts=1)
    assert len(e.months) == 10 and e.months[-1].month == date(2026, 3, 1)
    assert (e.added, e.met_through, e.moved_in) == (5, 4, 2)
    # Most people met first; a tie goes to the one with more moved in, then the newest.
    assert [(r.broadcast.interaction_id, r.met, r.moved_in) for r in e.broadcasts] == [(10, 2, 1), (11, 1, 0), (12, 1, 0)]


def test_a_broadcast_counts_people_met_through_it_whenever_they_were_added():
    people, moves = _exposed()
    e = exposure_counts(people, moves, [TALK], TODAY, since=date(2026, 3, 1))
    assert e.broadcasts == ()  # the talk is before the period
    e = exposure_counts(people, moves, [TALK], TODAY, since=date(2026, 1, 20))
    assert e.broadcasts == (BroadcastReach(TALK, 2, 1),)
    # Listed, with nobody counted, when none of the people given were met through it.
    assert exposure_counts(people[3:4], moves, [TALK], TODAY).broadcasts == (BroadcastReach(TALK, 0, 0),)


def test_exposure_of_nobody_and_nothing():
    e = exposure_counts([], [], [], TODAY)
    assert e.months == (MonthExposure(date(2026, 3, 1)),)
    assert (e.added, e.met_through, e.moved_in, e.broadcast_count) == (0, 0, 0, 0)
    e = exposure_counts([], [], [], TODAY, since=date(2026, 1, 1))
    assert [m.label for m in e.months] == ["2026-01", "2026-02", "2026-03"] and e.broadcasts == ()
    assert funnel_report([], [], TODAY).exposure == FunnelExposure((MonthExposure(date(2026, 3, 1)),), ())


def test_exposure_without_broadcasts_still_counts_newcomers_and_who_moved_in():
    people, moves = _exposed()
    e = exposure_counts(people, moves, [], TODAY, since=date(2026, 1, 1))
    assert [(m.added, m.met_through, m.moved_in, m.broadcasts) for m in e.months] == [(2, 2, 1, 0), (2, 1, 1, 0), (0, 0, 0, 0)]
    assert e.broadcasts == ()


def test_people_who_never_moved_count_as_added_but_not_moved_in():
    # No moves at all (an old file): added when the record was made, on the ring they are on.
    people = [RingHolder(1, "Ada", Ring.BUDDY, datetime(2026, 2, 1, 9, 0), met_through_id=10),
              RingHolder(2, "Bo", Ring.COLD, datetime(2026, 2, 2, 9, 0), met_through_id=10)]
    e = exposure_counts(people, [], [TALK], TODAY)
    assert [(m.label, m.added, m.met_through, m.moved_in, m.broadcasts) for m in e.months] == [
        ("2026-01", 0, 0, 0, 1), ("2026-02", 2, 2, 0, 0), ("2026-03", 0, 0, 0, 0)]
    assert e.broadcasts == (BroadcastReach(TALK, 2, 0),)
    # Without an "added" move, the ring before the first move is where they started.
    moved = [mv(1, 2, Ring.COLD, Ring.LUKEWARM, datetime(2026, 2, 20, 9, 0))]
    people[1] = RingHolder(2, "Bo", Ring.LUKEWARM, datetime(2026, 2, 2, 9, 0), met_through_id=10)
    assert exposure_counts(people, moved, [TALK], TODAY).broadcasts == (BroadcastReach(TALK, 2, 1),)


def test_broadcasts_and_people_dated_after_today_are_left_out():
    ahead = BroadcastEntry(20, date(2026, 4, 2), "article", "planned")
    people = [RingHolder(1, "Ada", Ring.COLD, datetime(2026, 4, 1, 9, 0), met_through_id=20)]
    e = exposure_counts(people, [], [ahead], TODAY)
    assert e.broadcasts == () and e.added == 0 and e.months[-1].month == date(2026, 3, 1)


def test_exposure_in_the_report_dict_carries_the_broadcast_ids():
    people, moves = _exposed()
    doc = report_as_dict(funnel_report(moves, people, TODAY, since=date(2026, 2, 1), broadcasts=[TALK, POST]))
    assert doc["exposure"]["totals"] == {"added": 2, "met_through": 1, "moved_in": 1, "broadcasts": 1}
    assert doc["exposure"]["broadcasts"] == [
        {"id": 11, "date": "2026-02-03", "kind": "post", "summary": "", "met": 1, "moved_in": 0}]
    assert doc["exposure"]["months"][0] == {"month": "2026-02", "added": 2, "met_through": 1, "moved_in": 1,
                                            "broadcasts": 1}


def test_a_damaged_date_is_left_out_of_the_months_but_still_counts_for_its_broadcast():
    people = [RingHolder(1, "Ada", Ring.COLD, datetime.min, met_through_id=10),
              RingHolder(2, "Bo", Ring.COLD, datetime(2026, 3, 1, 9, 0))]
    e = exposure_counts(people, [], [TALK, BroadcastEntry(30, date.min, "post", "damaged")], TODAY)
    assert [m.label for m in e.months] == ["2026-01", "2026-02", "2026-03"] and e.added == 1
    assert e.broadcasts == (BroadcastReach(TALK, 1, 0),)


# ---------------------------------------------------------------- the edges a mutation left untested


def test_the_period_takes_its_first_day_and_today_whole():
    opening = BroadcastEntry(40, date(2026, 3, 1), "talk", "Opening")
    today_post = BroadcastEntry(41, TODAY, "post", "Today")
    panel = BroadcastEntry(42, date(2026, 3, 5), "panel", "Quiet")
    people = [
        RingHolder(1, "Ada", Ring.LUKEWARM, datetime(2026, 3, 1, 9, 0), met_through_id=40),  # added on `since`
        RingHolder(2, "Bo", Ring.COLD, datetime(2026, 3, 14, 8, 0), met_through_id=41),  # added today
    ]
    moves = [mv(1, 1, None, Ring.COLD, datetime(2026, 3, 1, 9, 0)), mv(2, 1, Ring.COLD, Ring.LUKEWARM, datetime(2026, 3, 10))]
    e = exposure_counts(people, moves, [opening, today_post, panel], TODAY, since=date(2026, 3, 1))
    # Met by as many, the one more of whom moved in comes first, though the other is newer.
    assert e == FunnelExposure(
        months=(MonthExposure(date(2026, 3, 1), added=2, met_through=2, moved_in=1, broadcasts=3),),
        broadcasts=(BroadcastReach(opening, 1, 1), BroadcastReach(today_post, 1, 0), BroadcastReach(panel, 0, 0)),
    )


def test_a_record_made_on_a_plain_date_is_added_that_day():
    people = [RingHolder(1, "Ada", Ring.COLD, date(2026, 2, 1))]  # type: ignore[arg-type]
    assert exposure_counts(people, [], [], TODAY).months[0] == MonthExposure(date(2026, 2, 1), added=1)


def test_a_move_dated_after_today_leaves_only_itself_out():
    moves = [mv(1, 1, Ring.COLD, Ring.LUKEWARM, datetime(2026, 4, 1)), mv(2, 2, Ring.COLD, Ring.LUKEWARM, datetime(2026, 3, 2))]
    assert funnel_report(moves, [], TODAY).months == (MonthFlow(date(2026, 3, 1), inward=1),)


def test_stays_are_counted_in_days_of_86400_seconds_to_a_tenth():
    people = [RingHolder(1, "Ada", Ring.LUKEWARM, datetime(2026, 3, 1, 0, 0))]
    moves = [mv(1, 1, Ring.COLD, Ring.LUKEWARM, datetime(2026, 3, 2, 1, 12))]  # 25 h 12 min: 1.05 days
    assert funnel_report(moves, people, TODAY).median_days_before_inward[Ring.COLD] == 1.1


def test_a_report_built_without_its_longest_stays_still_reads_as_a_dict():
    from netui.domain.funnel import FunnelReport

    rings = (Ring.COLD, Ring.LUKEWARM, Ring.STRATEGIC, Ring.BUDDY)
    report = FunnelReport(
        today=TODAY, since=None, months=(), ring_counts={r: 0 for r in rings},
        median_days_before_inward={r: None for r in rings}, inward_moves_counted={r: 0 for r in rings},
    )
    assert report_as_dict(report) == {
        "today": "2026-03-14",
        "since": None,
        "rings": {"cold": 0, "lukewarm": 0, "strategic": 0, "buddy": 0},
        "totals": {"inward": 0, "outward": 0, "added": 0},
        "months": [],
        "median_days_before_inward": {
            "cold": {"days": None, "moves": 0},
            "lukewarm": {"days": None, "moves": 0},
            "strategic": {"days": None, "moves": 0},
        },
        "longest_on_ring": {"cold": [], "lukewarm": [], "strategic": [], "buddy": []},
        "exposure": {
            "totals": {"added": 0, "met_through": 0, "moved_in": 0, "broadcasts": 0},
            "months": [],
            "broadcasts": [],
        },
    }
