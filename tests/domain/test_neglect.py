"""When a network counts as neglected, and the peer network's two halves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netui.domain.neglect import Health, network_health, peer_halves, peer_warning, share_in_touch
from netui.domain.networks import PeerSide

TODAY = date(2026, 3, 14)


@pytest.mark.parametrize(
    ("members", "since", "threshold", "expected"),
    [
        (0, None, 30, Health.EMPTY),
        (0, 1, 30, Health.EMPTY),
        (3, None, 30, Health.NEGLECTED),  # members, but nobody ever contacted
        (3, 0, 30, Health.OK),
        (3, 30, 30, Health.OK),  # exactly the threshold: not yet
        (3, 31, 30, Health.NEGLECTED),  # longer than the threshold
        (3, 8, 7, Health.NEGLECTED),  # a per-network setting
        (3, 7, 7, Health.OK),
        (3, -2, 30, Health.OK),  # a contact dated in the future
    ],
)
def test_network_health(members, since, threshold, expected):
    last = None if since is None else TODAY - timedelta(days=since)
    assert network_health(members, last, TODAY, threshold) == expected


def test_share_in_touch():
    assert share_in_touch(0, 0) is None
    assert share_in_touch(4, 1) == 0.75
    assert share_in_touch(4, 0) == 1.0


def test_peer_halves_use_company_and_override():
    groups = [
        ("Northwind  Labs", None, 3),  # spacing and case do not matter
        ("northwind labs", PeerSide.OUTSIDE, 1),  # … but a manual override does
        ("Globex", None, 2),
        ("Globex", PeerSide.INSIDE, 1),  # e.g. a contractor sitting with your team
        ("", None, 4),
    ]
    assert peer_halves(groups, "Northwind Labs") == (4, 7)
    assert peer_halves(groups, "") == (1, 10)  # no company set: only overrides are inside


@pytest.mark.parametrize(
    ("inside", "outside", "company", "warning"),
    [
        (0, 0, "Acme", None),  # no peers at all: the panel's counts say it
        (2, 3, "Acme", None),
        (0, 3, "Acme", "No peers inside your company."),
        (2, 0, "Acme", "No peers outside your company."),
        (0, 3, "", "No company set: press , to add it."),
    ],
)
def test_peer_warning(inside, outside, company, warning):
    assert peer_warning(inside, outside, company) == warning
