"""Which networks a demo person is put in: each rule of ``demo._networks_for`` driven by
a scripted random source, so every threshold, title and draw is pinned."""

from __future__ import annotations

import pytest

from netui.domain.rings import Ring
from netui.store import demo


class Script:
    """A stand-in for ``random.Random`` that hands out the given draws in order, and
    fails when asked for one more than the rule should take."""

    def __init__(self, *draws: float) -> None:
        self.draws = list(draws)

    def random(self) -> float:
        assert self.draws, "drew more often than the rule should"
        return self.draws.pop(0)


def networks_for(ring: Ring, title: str, *draws: float) -> list:
    rng = Script(*draws)
    nets = demo._networks_for(rng, ring, title)
    assert rng.draws == [], "drew less often than the rule should"
    return nets


def test_a_buddy_on_every_threshold_joins_no_network():
    # Each draw equal to its threshold: "below 0.7", "below 0.06" and so on all fail.
    assert networks_for(Ring.BUDDY, "Designer", 0.7, 0.06, 0.45, 0.08, 0.05) == []


def test_a_buddy_just_under_every_threshold_joins_all_four_near():
    # Support on the buddy draw alone (no second draw), then peer, mentor by draw with
    # 0.2 (not below 0.2: near), and mentee.
    assert networks_for(Ring.BUDDY, "Designer", 0.69, 0.44, 0.079, 0.2, 0.049) == [
        ("support", None, 0), ("peer", None, 0), ("mentor", None, 0), ("mentee", None, 0)]


def test_someone_not_a_buddy_gets_support_from_the_second_draw_only():
    assert networks_for(Ring.COLD, "Designer", 0.059, 0.45, 0.08, 0.05) == [("support", None, 0)]
    assert networks_for(Ring.STRATEGIC, "Designer", 0.5, 0.9, 0.9, 0.9) == []
    # A buddy whose first draw misses still has the second chance.
    assert networks_for(Ring.BUDDY, "Designer", 0.9, 0.05, 0.9, 0.9, 0.9) == [("support", None, 0)]


def test_a_mentor_by_draw_is_distant_below_one_in_five():
    assert networks_for(Ring.COLD, "Designer", 0.9, 0.9, 0.07, 0.19, 0.9) == [("mentor", None, 1)]


@pytest.mark.parametrize("title", ["CTO", "VP Engineering", "Principal Engineer", "Founder"])
def test_senior_titles_are_mentors_without_a_draw(title):
    # No draw for joining; one for distance (0.5: near).
    assert networks_for(Ring.LUKEWARM, title, 0.9, 0.9, 0.5, 0.9) == [("mentor", None, 0)]


def test_an_author_is_always_a_distant_mentor_without_any_draw_for_it():
    assert networks_for(Ring.COLD, "Author", 0.9, 0.9, 0.9) == [("mentor", None, 1)]


@pytest.mark.parametrize("title", ["Student", "Junior Developer"])
def test_juniors_are_mentees_without_a_draw(title):
    assert networks_for(Ring.COLD, title, 0.9, 0.9, 0.9) == [("mentee", None, 0)]


def test_titles_are_matched_exactly():
    # Another spelling is no senior title: both the mentor and the mentee rule draw.
    assert networks_for(Ring.COLD, "cto", 0.9, 0.9, 0.9, 0.9) == []
    assert networks_for(Ring.COLD, "student", 0.9, 0.9, 0.9, 0.9) == []
