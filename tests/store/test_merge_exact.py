"""Likely duplicates by close names at one company, and the merge plan's choices: each
name is compared with every later one, however many are close."""

from __future__ import annotations

from netui.domain.rings import Ring
from netui.store import merge
from tests.helpers import add


def test_close_names_are_found_among_the_later_people_at_a_company_too(db):
    add(db, "Zed Zulu", company="Acme")
    jon = add(db, "Jon Smith", company="Acme")
    jonn = add(db, "Jonn Smith", company="Acme")
    pairs = merge.find_duplicates(db)
    assert [(p.first.id, p.second.id, p.reasons) for p in pairs] == [(jon, jonn, ("close names at Acme",))]


def test_every_pair_of_many_close_names_is_listed(db):
    # Seven spellings, each one letter from every other: 21 pairs, none left out.
    ids = [add(db, f"Alexandra Montgomery{c}", company="Acme") for c in "abcdefg"]
    pairs = merge.find_duplicates(db)
    assert sorted((p.first.id, p.second.id) for p in pairs) == [
        (a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    assert {p.reasons for p in pairs} == {("close names at Acme",)}


def test_the_merge_plan_follows_the_choices_over_the_defaults(db):
    keep = add(db, "Ada Lovelace", Ring.LUKEWARM)
    other = add(db, "Ada Lovelace", Ring.BUDDY, company="Analytical Engines")
    # By default the blank company and the outer ring give way to the other record's.
    plan = merge.merge_plan(db, keep, other)
    assert (plan.values["company"], plan.values["ring"]) == ("Analytical Engines", "buddy")
    plan = merge.merge_plan(db, keep, other, {"company": "keep", "ring": "keep"})
    assert (plan.values["company"], plan.values["ring"]) == ("", "lukewarm")
