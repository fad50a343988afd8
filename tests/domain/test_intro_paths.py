"""Intro-path ranking: pure, so every ordering rule is checked directly."""

from __future__ import annotations

from datetime import date

from netui.domain.intro_paths import IntroCandidate, rank_intro_paths, same_company
from netui.domain.rings import Ring

TARGET = 1


def cand(pid, name, ring, knows=False, same=False, last=None, note=""):
    return IntroCandidate(pid, name, ring, knows, same, last, note)


def names(paths):
    return [p.name for p in paths]


def test_closest_ring_first_then_knows_before_company():
    paths = rank_intro_paths(
        TARGET,
        Ring.COLD,
        [
            cand(2, "Lu Company", Ring.LUKEWARM, same=True),
            cand(3, "Lu Knows", Ring.LUKEWARM, knows=True),
            cand(4, "Bud Company", Ring.BUDDY, same=True),
            cand(5, "Strat Knows", Ring.STRATEGIC, knows=True),
            cand(6, "Bud Knows", Ring.BUDDY, knows=True),
        ],
    )
    assert names(paths) == ["Bud Knows", "Bud Company", "Strat Knows", "Lu Knows", "Lu Company"]


def test_only_closer_rings_count_and_the_target_never_introduces_themselves():
    paths = rank_intro_paths(
        TARGET,
        Ring.LUKEWARM,
        [
            cand(TARGET, "Self", Ring.BUDDY, knows=True),
            cand(2, "Same ring", Ring.LUKEWARM, knows=True),
            cand(3, "Further out", Ring.COLD, knows=True),
            cand(4, "Closer", Ring.STRATEGIC, knows=True),
        ],
    )
    assert names(paths) == ["Closer"]
    assert rank_intro_paths(TARGET, Ring.BUDDY, [cand(2, "Anyone", Ring.BUDDY, knows=True)]) == []


def test_people_with_no_connection_are_left_out():
    assert rank_intro_paths(TARGET, Ring.COLD, [cand(2, "Stranger", Ring.BUDDY)]) == []


def test_recency_then_name_break_ties_and_never_contacted_comes_last():
    paths = rank_intro_paths(
        TARGET,
        Ring.COLD,
        [
            cand(2, "Old", Ring.BUDDY, knows=True, last=date(2025, 1, 1)),
            cand(3, "Never", Ring.BUDDY, knows=True, last=None),
            cand(4, "Recent", Ring.BUDDY, knows=True, last=date(2026, 3, 1)),
            cand(5, "bea", Ring.BUDDY, knows=True, last=date(2025, 1, 1)),
        ],
    )
    assert names(paths) == ["Recent", "bea", "Old", "Never"]


def test_a_person_reported_twice_is_merged_and_says_both():
    paths = rank_intro_paths(
        TARGET,
        Ring.COLD,
        [cand(2, "Both", Ring.STRATEGIC, knows=True, note="old team"), cand(2, "Both", Ring.STRATEGIC, same=True)],
    )
    assert len(paths) == 1
    assert paths[0].knows and paths[0].same_company and paths[0].note == "old team"
    assert paths[0].via == "knows, same co."


def test_limit_keeps_the_best():
    many = [cand(i, f"P{i:02}", Ring.BUDDY, knows=True) for i in range(2, 30)]
    assert names(rank_intro_paths(TARGET, Ring.COLD, many, limit=3)) == ["P02", "P03", "P04"]


def test_same_company_ignores_case_spacing_and_unicode_forms_but_not_emptiness():
    assert same_company("Northwind  Labs", "northwind labs")
    assert same_company("Ｃｏｎｔｏｓｏ", "contoso")  # full-width letters read the same
    assert not same_company("", "")
    assert not same_company("Contoso", "Fabrikam")
