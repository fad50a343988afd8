"""The funnel report on a hand-built database whose moves are known, and its pure parts."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netui.domain.funnel import funnel_report, month_range, months_back, parse_since, report_as_dict
from netui.domain.models import PersonDraft
from netui.domain.rings import Ring
from netui.io.funnel_text import bar, report_text
from netui.store import funnel
from netui.store.people import add_person, move_ring, trash_person
from tests.conftest import TODAY


def at(y, m, d):
    return datetime(y, m, d, 12, 0)


def add(db, name: str, ring: Ring, now: datetime) -> int:
    return add_person(db, PersonDraft(name=name, ring=ring), now=now)


@pytest.fixture
def known(db, db_path):
    """Five live people with a known history, and one in the trash who must not count."""
    ids = {}
    ids["ada"] = add(db, "Ada", Ring.COLD, now=at(2025, 1, 10))
    move_ring(db, ids["ada"], Ring.LUKEWARM, now=at(2025, 2, 9))  # 30 days on cold
    move_ring(db, ids["ada"], Ring.STRATEGIC, now=at(2025, 4, 10))  # 60 days on lukewarm
    ids["bob"] = add(db, "Bob", Ring.COLD, now=at(2025, 1, 20))
    move_ring(db, ids["bob"], Ring.LUKEWARM, now=at(2025, 3, 1))  # 40 days on cold
    move_ring(db, ids["bob"], Ring.COLD, now=at(2025, 3, 15))  # out again
    ids["cy"] = add(db, "Cy", Ring.LUKEWARM, now=at(2025, 3, 5))
    move_ring(db, ids["cy"], Ring.STRATEGIC, now=at(2025, 3, 25))  # 20 days on lukewarm
    move_ring(db, ids["cy"], Ring.BUDDY, now=at(2026, 1, 5))  # 286 days on strategic
    ids["dee"] = add(db, "Dee", Ring.BUDDY, now=at(2025, 2, 1))
    ids["gus"] = add(db, "Gus", Ring.COLD, now=at(2025, 1, 1))
    move_ring(db, ids["gus"], Ring.STRATEGIC, now=at(2025, 1, 11))  # a jump of two rings: 10 days on cold
    eve = add(db, "Eve", Ring.COLD, now=at(2025, 3, 10))
    move_ring(db, eve, Ring.BUDDY, now=at(2025, 3, 11))
    trash_person(db, eve)
    return ids


def flows(report):
    return {m.label: (m.inward, m.outward, m.added) for m in report.months if (m.inward, m.outward, m.added) != (0, 0, 0)}


def test_all_time_report_counts_moves_per_month(db, known):
    report = funnel.report(db, TODAY)
    assert [m.label for m in report.months] == [f"2025-{m:02}" for m in range(1, 13)] + ["2026-01", "2026-02", "2026-03"]
    assert flows(report) == {
        "2025-01": (1, 0, 3),  # Gus moved in; Ada, Bob, Gus added
        "2025-02": (1, 0, 1),  # Ada in; Dee added
        "2025-03": (2, 1, 1),  # Bob in and out, Cy in; Cy added (Eve is in the trash)
        "2025-04": (1, 0, 0),
        "2026-01": (1, 0, 0),
    }
    assert (report.total_inward, report.total_outward, report.total_added) == (6, 1, 5)
    assert report.ring_counts == {Ring.COLD: 1, Ring.LUKEWARM: 0, Ring.STRATEGIC: 2, Ring.BUDDY: 2}


def test_median_time_on_each_ring_before_moving_in(db, known):
    report = funnel.report(db, TODAY)
    assert report.median_days_before_inward[Ring.COLD] == 30  # Gus 10, Ada 30, Bob 40
    assert report.median_days_before_inward[Ring.LUKEWARM] == 40  # Cy 20, Ada 60
    assert report.median_days_before_inward[Ring.STRATEGIC] == 286
    assert report.inward_moves_counted == {Ring.COLD: 3, Ring.LUKEWARM: 2, Ring.STRATEGIC: 1, Ring.BUDDY: 0}


def test_who_has_sat_longest_on_each_ring(db, known):
    longest = funnel.report(db, TODAY).longest_on_ring
    assert [(s.name, s.days, s.since) for s in longest[Ring.STRATEGIC]] == [
        ("Gus", 427, date(2025, 1, 11)),
        ("Ada", 338, date(2025, 4, 10)),
    ]
    assert [(s.name, s.days) for s in longest[Ring.BUDDY]] == [("Dee", 406), ("Cy", 68)]
    assert [(s.name, s.days) for s in longest[Ring.COLD]] == [("Bob", 364)]  # since he moved back out
    assert longest[Ring.LUKEWARM] == ()


def test_since_limits_the_months_and_medians_but_not_today(db, known):
    report = funnel.report(db, TODAY, date(2025, 3, 1))
    assert report.months[0].label == "2025-03" and len(report.months) == 13
    assert flows(report) == {"2025-03": (2, 1, 1), "2025-04": (1, 0, 0), "2026-01": (1, 0, 0)}
    assert report.median_days_before_inward[Ring.COLD] == 40  # only Bob's move is in the period
    assert report.median_days_before_inward[Ring.LUKEWARM] == 40
    assert report.ring_counts[Ring.BUDDY] == 2
    assert [s.name for s in report.longest_on_ring[Ring.STRATEGIC]] == ["Gus", "Ada"]


def test_json_shape(db, known):
    data = report_as_dict(funnel.report(db, TODAY, date(2026, 1, 1)))
    assert data["since"] == "2026-01-01" and data["today"] == TODAY.isoformat()
    assert data["months"] == [
        {"month": "2026-01", "inward": 1, "outward": 0, "added": 0},
        {"month": "2026-02", "inward": 0, "outward": 0, "added": 0},
        {"month": "2026-03", "inward": 0, "outward": 0, "added": 0},
    ]
    assert data["median_days_before_inward"]["strategic"] == {"days": 286, "moves": 1}
    assert data["median_days_before_inward"]["cold"] == {"days": None, "moves": 0}
    assert "buddy" not in data["median_days_before_inward"]
    assert data["longest_on_ring"]["buddy"][0] == {"id": known["dee"], "name": "Dee", "since": "2025-02-01", "days": 406}


def test_text_report_draws_bars_and_keeps_names_safe(db, db_path):
    add(db, "[bold]Evil\x1b]0;pwned\x07", Ring.COLD, now=at(2026, 3, 1))
    text = report_text(funnel.report(db, TODAY))
    assert "2026-03  ▶" in text
    assert "[bold]Evil" in text and "\x1b" not in text and "\x07" not in text
    assert "nobody moved in from here" in text


def test_empty_database_report(db, db_path):
    report = funnel.report(db, TODAY)
    assert [m.label for m in report.months] == ["2026-03"]
    assert report.total_added == 0
    assert "no moves and nobody added in this period" in report_text(report)


# ---------------------------------------------------------------- pure helpers


def test_bar_scales_and_never_hides_a_small_nonzero_value():
    assert bar(10, 10, 8) == "█" * 8
    assert bar(5, 10, 8) == "█" * 4
    assert bar(1, 1000, 8) == "█"
    assert bar(0, 10, 8) == ""


def test_parse_since():
    today = date(2026, 3, 14)
    assert parse_since("2026-01-01", today) == date(2026, 1, 1)
    assert parse_since("90d", today) == date(2025, 12, 14)
    assert parse_since("2w", today) == date(2026, 2, 28)
    assert parse_since("6m", today) == date(2025, 9, 14)
    assert parse_since(" 1Y ", today) == date(2025, 3, 14)
    # The one date language: what the journal and the log form read, the funnel reads too.
    assert parse_since("90 days ago", today) == date(2025, 12, 14)
    assert parse_since("yesterday", today) == date(2026, 3, 13)
    assert parse_since("last tuesday", today) == date(2026, 3, 10)
    assert parse_since("1 jan", today) == date(2026, 1, 1)
    for bad in ("someday", "6x", "d", "", "2026-13-01", "99999999d"):
        with pytest.raises(ValueError):
            parse_since(bad, today)


def test_month_helpers():
    assert months_back(date(2026, 3, 14), 3) == date(2026, 1, 1)
    assert months_back(date(2026, 3, 14), 12) == date(2025, 4, 1)
    assert months_back(date(2026, 1, 31), 1) == date(2026, 1, 1)
    assert month_range(date(2025, 11, 20), date(2026, 2, 1)) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)
    ]


def test_pure_report_ignores_moves_dated_after_today():
    from netui.domain.funnel import RingHolder
    from netui.domain.models import RingMoveRecord

    moves = [
        RingMoveRecord(1, 7, None, Ring.COLD, at(2026, 3, 1)),
        RingMoveRecord(2, 7, Ring.COLD, Ring.LUKEWARM, at(2026, 5, 1)),  # a clock that ran ahead
    ]
    report = funnel_report(moves, [RingHolder(7, "Zed", Ring.LUKEWARM, at(2026, 3, 1))], date(2026, 3, 14))
    assert [(m.label, m.inward, m.added) for m in report.months] == [("2026-03", 0, 1)]
    assert report.longest_on_ring[Ring.LUKEWARM][0].days == 0

