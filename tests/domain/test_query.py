"""The people query language: every condition, and nothing typed ever fails."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netui.domain.networks import Network, PeerSide
from netui.domain.query import PeopleFilter, parse_query, words_of
from netui.domain.rings import Ring


def test_an_empty_query_is_everyone():
    assert parse_query("") == PeopleFilter() and not parse_query("   ").active


def test_words_are_folded_and_split_as_the_index_splits_them():
    assert parse_query("Ada  LOVELACE").words == ("ada", "lovelace")
    assert words_of("Jean-Luc o'Neil_x") == ("jean", "luc", "o", "neil", "x")
    assert parse_query("ada ada").words == ("ada",)


def test_every_condition():
    f = parse_query("ada ring:str net:peers tag:hiring company:acme due distant inside -recruiter")
    assert f.words == ("ada",)
    assert f.rings == (Ring.STRATEGIC,)
    assert f.networks == (Network.PEER,)
    assert f.tags == ("hiring",)
    assert f.company == ("acme",)
    assert f.due and f.distant and f.side == PeerSide.INSIDE
    assert f.without == ("recruiter",)
    assert f.problems == ()


def test_short_and_long_prefixes_mean_the_same():
    assert parse_query("r:buddy n:mentor t:leads at:globex") == parse_query("ring:buddy network:mentor tag:leads company:globex")


def test_net_none_and_unsorted_are_people_in_no_network():
    assert parse_query("net:none").unsorted and parse_query("unsorted").unsorted


def test_inside_and_outside_together_cancel():
    assert parse_query("inside outside").side is None
    assert parse_query("outside").side == PeerSide.OUTSIDE


@pytest.mark.parametrize("text, problem", [("ring:hot", "not a ring"), ("net:family", "not a network")])
def test_an_unknown_value_is_reported_and_kept_as_words(text, problem):
    f = parse_query(text)
    assert problem in f.problems[0] and f.words == (text.split(":")[1],)


def test_a_colon_that_is_not_a_condition_is_words():
    assert parse_query("https://acme.example").words == ("https", "acme", "example")
    assert parse_query("ring:").words == ("ring",)


def test_describe_says_what_is_on():
    assert parse_query("ada ring:buddy net:peer due -bob").describe() == "ada, not bob, buddy, peers, due"


@given(st.text(max_size=60))
def test_nothing_typed_ever_fails(text):
    f = parse_query(text)
    assert isinstance(f, PeopleFilter)
    assert all(w and "_" not in w for w in f.words + f.without)


def test_describe_names_every_condition_in_order():
    f = parse_query("ada  lovelace -recruiter r:buddy net:mentor net:peer net:none tag:Early  co:ACME co:labs due distant outside")
    assert f.describe() == (
        "ada lovelace, not recruiter, buddy, peers, mentors, in no network, tag early, at acme labs, "
        "due, distant, outside peers"
    )
    assert parse_query("").describe() == ""
    assert parse_query("inside").describe() == "inside peers"
    assert parse_query("inside outside").side is None


def test_conditions_at_the_edges():
    # "net:no" and "net:-" are nobody's network too; the loop carries on after them.
    assert parse_query("net:no ada").unsorted and parse_query("net:no ada").words == ("ada",)
    assert parse_query("net:- ada").unsorted and parse_query("net:- ada").words == ("ada",)
    assert parse_query("-x ada").without == ("x",) and parse_query("-x ada").words == ("ada",)
    # a lone "-" is not an exclusion, it is an (empty) word
    assert parse_query("- ada") == parse_query("ada")
    assert parse_query("-ab").without == ("ab",)
    # only the first colon separates the condition
    assert parse_query("tag:a:b").tags == ("a:b",)
    assert parse_query("tag:a  b").tags == ("a",)
    assert parse_query("unsorted").unsorted
    assert parse_query("ada").unsorted is False
    assert parse_query("ring:hot").problems == ("ring:hot: not a ring (cold, lukewarm, strategic, buddy)",)
    assert parse_query("net:x").problems == ("net:x: not a network (support, peer, mentor, mentee, none)",)
    assert parse_query("net:x").words == ("x",)
    assert parse_query("ring:hot").words == ("hot",)
