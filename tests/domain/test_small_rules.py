"""Rings, networks, neglect, validation and intro paths: the small rules, exactly."""

from __future__ import annotations

from datetime import date

import pytest

from netui.domain import validation as v
from netui.domain.cadence import effective_cadence
from netui.domain.intro_paths import IntroCandidate, IntroPath, rank_intro_paths, same_company
from netui.domain.neglect import Health, neglect_threshold, network_health, peer_warning, share_in_touch
from netui.domain.networks import Network, PeerSide, normalise_company, peer_side
from netui.domain.rings import Ring, is_inward, ring_inward, ring_outward

TODAY = date(2026, 3, 14)


def test_ring_parse_and_steps():
    assert Ring.parse(" STRAT ") == Ring.STRATEGIC
    assert Ring.parse("b") == Ring.BUDDY
    for bad in ("", "  ", "x", "cold war"):
        with pytest.raises(ValueError) as caught:
            Ring.parse(bad)
        assert str(caught.value) == f"unknown ring {bad!r}: choose one of cold, lukewarm, strategic, buddy"
    assert [r.label for r in Ring] == ["Cold", "Lukewarm", "Strategic", "Buddy"]
    assert [r.index for r in Ring] == [0, 1, 2, 3]
    assert (ring_inward(Ring.STRATEGIC), ring_inward(Ring.BUDDY)) == (Ring.BUDDY, None)
    assert (ring_outward(Ring.LUKEWARM), ring_outward(Ring.COLD)) == (Ring.COLD, None)
    assert is_inward(Ring.COLD, Ring.LUKEWARM) and not is_inward(Ring.LUKEWARM, Ring.LUKEWARM)
    assert not is_inward(Ring.BUDDY, Ring.COLD)


def test_network_parse_plurals_and_prefixes():
    assert Network.parse("Mentors") == Network.MENTOR
    assert Network.parse("peers") == Network.PEER
    assert Network.parse("su") == Network.SUPPORT
    assert Network.parse("s") == Network.SUPPORT  # "s" is a prefix, not a plural of nothing
    assert Network.parse("mentee") == Network.MENTEE
    assert [n.label for n in Network] == ["Support", "Peer", "Mentor", "Mentee"]
    for bad in ("", "ment", "mentorss", "x"):
        with pytest.raises(ValueError) as caught:
            Network.parse(bad)
        assert str(caught.value) == f"unknown network {bad!r}: choose one of support, peer, mentor, mentee"


def test_peer_side_and_company_names():
    assert normalise_company("  Northwind   LABS ") == "northwind labs"
    assert normalise_company(None) == ""
    assert peer_side("northwind labs", "Northwind  Labs", None) == PeerSide.INSIDE
    assert peer_side("Globex", "Northwind", None) == PeerSide.OUTSIDE
    assert peer_side("", "", None) == PeerSide.OUTSIDE  # no company of mine: nobody is inside
    assert peer_side("Globex", "Northwind", PeerSide.INSIDE) == PeerSide.INSIDE
    assert peer_side("Northwind", "Northwind", PeerSide.OUTSIDE) == PeerSide.OUTSIDE


def test_network_health_and_shares():
    assert network_health(0, TODAY, TODAY) == Health.EMPTY
    assert network_health(1, None, TODAY) == Health.NEGLECTED
    assert network_health(1, date(2026, 2, 12), TODAY) == Health.OK  # exactly 30 days
    assert network_health(1, date(2026, 2, 11), TODAY) == Health.NEGLECTED
    assert network_health(2, date(2026, 3, 4), TODAY, threshold=9) == Health.NEGLECTED
    assert neglect_threshold({Network.PEER: 12}, Network.PEER) == 12
    assert neglect_threshold({Network.PEER: 12}, Network.MENTOR) == 30
    assert share_in_touch(0, 0) is None
    assert share_in_touch(1, 0) == 1.0
    assert share_in_touch(4, 1) == 0.75


def test_peer_warnings():
    assert peer_warning(0, 0, "") is None
    assert peer_warning(0, 3, "") == "No company set: press , to add it."
    assert peer_warning(0, 3, "  ") == "No company set: press , to add it."
    assert peer_warning(0, 3, "Northwind") == "No peers inside your company."
    assert peer_warning(2, 0, "Northwind") == "No peers outside your company."
    assert peer_warning(2, 0, "") == "No peers outside your company."
    assert peer_warning(1, 1, "") is None


def test_effective_cadence_default_is_not_distant():
    assert effective_cadence(Ring.BUDDY, None) == 30
    assert effective_cadence(Ring.LUKEWARM, None, ring_cadence={Ring.LUKEWARM: 5}) == 5
    assert effective_cadence(Ring.LUKEWARM, None, ring_cadence={Ring.BUDDY: 5}) == 90


def test_validation_boundaries_and_messages():
    assert v.MAX_NAME == 200 and v.MAX_FIELD == 500
    assert v.check_name("x" * 200) is None
    assert v.check_name("x" * 201) == "A name can be at most 200 characters."
    assert v.check_cadence("1") == (1, None)
    assert v.check_cadence("3650") == (3650, None)
    message = "Keep-in-touch must be a number of days from 1 to 3650, or blank for the ring default."
    for bad in ("0", "3651", "-1", "1.5", "x"):
        assert v.check_cadence(bad) == (None, message)
    assert v.check_email("ada@") == "'ada@' does not look like an email address (name@example.com)."
    assert v.check_email("a@b.co") is None
    assert v.check_email("a@b.c") is not None
    assert v.check_email("a b@c.com") is not None
    assert v.parse_tags("") == ()


def test_intro_paths_merge_and_order():
    old, recent = date(2025, 1, 1), date(2026, 3, 1)
    candidates = [
        IntroCandidate(1, "Target", Ring.BUDDY, True, True),  # the target themselves
        IntroCandidate(2, "Same ring", Ring.LUKEWARM, True, False),  # not closer than the target
        IntroCandidate(3, "Neither", Ring.BUDDY, False, False),
        IntroCandidate(4, "Merged", Ring.STRATEGIC, True, False, None, "from a talk"),
        IntroCandidate(4, "Merged", Ring.STRATEGIC, False, True, recent, ""),
        IntroCandidate(5, "Company only", Ring.BUDDY, False, True, recent),
        IntroCandidate(6, "Knows, never met", Ring.BUDDY, True, False, None),
        IntroCandidate(7, "Knows, old", Ring.BUDDY, True, False, old),
        IntroCandidate(8, "knows, recent", Ring.BUDDY, True, False, recent),
        IntroCandidate(9, "Knows, recent", Ring.BUDDY, True, False, recent),
    ]
    paths = rank_intro_paths(1, Ring.LUKEWARM, candidates)
    assert [p.person_id for p in paths] == [8, 9, 7, 6, 5, 4]
    assert paths[-1] == IntroPath(4, "Merged", Ring.STRATEGIC, True, True, recent, "from a talk")
    assert paths[0] == IntroPath(8, "knows, recent", Ring.BUDDY, True, False, recent, "")
    assert [p.via for p in paths[-2:]] == ["same company", "knows, same co."]
    assert paths[0].via == "knows them"
    assert [p.person_id for p in rank_intro_paths(1, Ring.LUKEWARM, candidates, limit=2)] == [8, 9]
    # the later report of a merged person keeps the earlier one's facts where it has none
    merged = rank_intro_paths(1, Ring.COLD, [
        IntroCandidate(4, "M", Ring.STRATEGIC, False, True, recent, "note"),
        IntroCandidate(4, "M", Ring.STRATEGIC, True, False, None, ""),
    ])
    assert merged == [IntroPath(4, "M", Ring.STRATEGIC, True, True, recent, "note")]


def test_same_company():
    assert same_company("ACME  Inc", "acme inc")
    assert not same_company("", "")
    assert not same_company("ACME", "Globex")
