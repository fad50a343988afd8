"""The keep-in-touch rule, case by case (DESIGN 1: due when the time since the last
interaction *exceeds* the interval)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netui.domain.cadence import (
    days_until_due,
    due_sentence,
    due_words,
    effective_cadence,
    is_due,
    overdue_days,
    urgency,
)
from netui.domain.rings import Ring

TODAY = date(2026, 3, 14)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.mark.parametrize(
    ("ring", "override", "distant", "settings", "expected"),
    [
        (Ring.COLD, None, False, None, None),  # cold people are never due
        (Ring.COLD, 10, False, None, None),  # … not even with an override
        (Ring.LUKEWARM, None, False, None, 90),
        (Ring.STRATEGIC, None, False, None, 30),
        (Ring.BUDDY, None, False, None, 30),
        (Ring.BUDDY, 7, False, None, 7),  # a per-person override wins
        (Ring.BUDDY, 7, True, None, None),  # distant mentors are never due, override or not
        (Ring.STRATEGIC, None, True, None, None),
        (Ring.LUKEWARM, None, False, {Ring.LUKEWARM: 45}, 45),  # the ring's setting
        (Ring.LUKEWARM, 60, False, {Ring.LUKEWARM: 45}, 60),  # override beats the setting
        (Ring.LUKEWARM, None, False, {Ring.LUKEWARM: None}, None),  # a ring set to never
        (Ring.BUDDY, None, False, {Ring.LUKEWARM: 45}, 30),  # other rings keep their default
    ],
)
def test_effective_cadence(ring, override, distant, settings, expected):
    assert effective_cadence(ring, override, distant, settings) == expected


# (last contact, interval, snoozed until, added) -> (days until due, overdue days, due?)
CASES = [
    pytest.param(ago(29), 30, None, None, 1, None, False, id="a day before the interval"),
    pytest.param(ago(30), 30, None, None, 0, None, False, id="exactly on the interval: not yet due"),
    pytest.param(ago(31), 30, None, None, -1, 1, True, id="one day past: due, 1 day overdue"),
    pytest.param(ago(100), 30, None, None, -70, 70, True, id="long overdue"),
    pytest.param(TODAY, 30, None, None, 30, None, False, id="contacted today"),
    pytest.param(TODAY + timedelta(days=3), 30, None, None, 33, None, False, id="contact dated in the future"),
    pytest.param(ago(31), None, None, None, None, None, False, id="never due (cold or distant)"),
    pytest.param(None, None, None, None, None, None, False, id="never contacted, never due"),
    pytest.param(None, 30, None, None, 0, 1, True, id="never contacted: due at once"),
    pytest.param(None, 30, None, ago(10), 0, 11, True, id="never contacted: waiting since added"),
    pytest.param(None, 30, None, TODAY + timedelta(days=2), 0, 1, True, id="added 'after' today (clock skew)"),
    pytest.param(ago(40), 30, TODAY + timedelta(days=1), None, 1, None, False, id="snoozed until tomorrow"),
    pytest.param(ago(40), 30, TODAY, None, -10, 10, True, id="snooze ends today: due again"),
    pytest.param(ago(40), 30, ago(5), None, -10, 10, True, id="snooze in the past"),
    pytest.param(ago(10), 30, TODAY + timedelta(days=40), None, 40, None, False, id="snooze past the due day"),
    pytest.param(None, 30, TODAY + timedelta(days=7), None, 7, None, False, id="never contacted but snoozed"),
    pytest.param(ago(8), 7, None, None, -1, 1, True, id="per-person override of a week"),
]


@pytest.mark.parametrize(("last", "cadence", "snoozed", "added", "left", "overdue", "due"), CASES)
def test_due_rule(last, cadence, snoozed, added, left, overdue, due):
    assert days_until_due(last, cadence, TODAY, snoozed) == left
    assert overdue_days(last, cadence, TODAY, snoozed, added) == overdue
    assert is_due(last, cadence, TODAY, snoozed) is due
    # One rule, three views: due exactly when days_until_due says so.
    if left is not None and last is not None:
        assert due == (left < 0)


def test_urgency_weighs_closeness():
    assert urgency(30, Ring.BUDDY) > urgency(60, Ring.LUKEWARM)
    assert urgency(30, Ring.BUDDY) == urgency(90, Ring.LUKEWARM)
    assert urgency(10, Ring.STRATEGIC) == 20
    assert urgency(10, Ring.COLD) == 0


@pytest.mark.parametrize(
    ("left", "never", "distant", "words"),
    [
        (None, False, True, ("distant", False)),
        (None, False, False, ("—", False)),
        (0, True, False, ("! due now", True)),
        (-1, False, False, ("! 1d over", True)),
        (0, False, False, ("today", False)),
        (1, False, False, ("in 1d", False)),
    ],
)
def test_due_words_say_whether_a_person_is_overdue(left, never, distant, words):
    assert due_words(left, never, distant) == words


@pytest.mark.parametrize(
    ("left", "cadence", "sentence"),
    [
        (5, None, "never due (cold)"),
        (None, 30, "never due (cold)"),
        (1, 30, "1 day left before due; every 30 days"),
        (2, 30, "2 days left before due; every 30 days"),
    ],
)
def test_due_sentence_at_one_day_and_without_a_cadence(left, cadence, sentence):
    assert due_sentence(left, False, False, cadence) == sentence
