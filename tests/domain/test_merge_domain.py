"""What a merge takes by default, the keys that make two records "the same", and the
wording of a person's days before due."""

from __future__ import annotations

import json

import pytest

from netui.domain.cadence import due_sentence, due_words
from netui.domain.merge import (
    BOTH, OTHER, default_choices, differing_fields, merged_extra, merged_values, phone_key, url_key,
)
from netui.domain.models import Person
from netui.domain.rings import Ring


def person(pid: int, **kw) -> Person:
    return Person(id=pid, name=kw.pop("name", "Ada Lovelace"), ring=kw.pop("ring", Ring.COLD), version=1, **kw)


def test_defaults_fill_blanks_join_notes_and_take_the_closer_ring():
    keep = person(1, title="Countess", notes="mine", ring=Ring.LUKEWARM)
    other = person(2, title="Engineer", company="Engines", notes="theirs", ring=Ring.BUDDY)
    assert differing_fields(keep, other) == ("title", "notes", "ring")
    values = merged_values(keep, other)
    assert (values["title"], values["company"], values["notes"], values["ring"]) == (
        "Countess", "Engines", "mine\n\ntheirs", "buddy")
    assert default_choices(keep, other)["notes"] == BOTH
    assert merged_values(keep, other, {"title": OTHER, "notes": OTHER, "ring": "keep"})["title"] == "Engineer"
    with pytest.raises(ValueError):
        merged_values(keep, other, {"title": BOTH})


def test_extra_fields_of_both_are_kept_the_kept_record_winning_a_clash():
    keep = json.dumps({"vcard": {"nickname": "Ada"}, "linkedin": {"a": 1}})
    other = json.dumps({"linkedin": {"a": 2, "b": 3}, "csv": {"x": "y"}})
    assert json.loads(merged_extra(keep, other)) == {
        "vcard": {"nickname": "Ada"}, "linkedin": {"a": 1, "b": 3}, "csv": {"x": "y"}}
    assert json.loads(merged_extra("not json", "")) == {"unparsed": "not json"}
    assert merged_extra("", "") == ""


@pytest.mark.parametrize("a,b", [
    ("https://www.linkedin.com/in/ada/", "linkedin.com/in/ADA"),
    ("http://uk.linkedin.com/in/ada?trk=x", "https://linkedin.com/in/ada#top"),
])
def test_the_same_profile_url(a, b):
    assert url_key(a) == url_key(b) != ""


@pytest.mark.parametrize("url,key", [
    ("https://WWW.Example.com/in/ada/?a=1?b=2#x#y", "example.com/in/ada"),  # first ? and first # end it
    ("https://uk.linkedin.com/in/ada/#top#more", "linkedin.com/in/ada"),
    ("www.example.com/x", "example.com/x"),
    ("  ", ""),
    ("", ""),
])
def test_url_key_word_for_word(url, key):
    assert url_key(url) == key


def test_phone_numbers_compare_by_their_last_nine_digits():
    assert phone_key("+44 20 7946 0018") == phone_key("020-7946-0018") != ""
    assert phone_key("12 34") == ""  # too few digits to tell anyone apart


@pytest.mark.parametrize("left,never,distant,short,sentence", [
    (-11, False, False, "! 11d over", "11 days past the due date; every 30 days"),
    (-1, False, False, "! 1d over", "1 day past the due date; every 30 days"),
    (0, False, False, "today", "due tomorrow unless you get in touch today; every 30 days"),
    (4, False, False, "in 4d", "4 days left before due; every 30 days"),
    (0, True, False, "! due now", "never contacted, so due now; every 30 days"),
    (None, False, True, "distant", "never due (distant mentor)"),
])
def test_days_before_due_are_worded_one_way(left, never, distant, short, sentence):
    assert due_words(left, never, distant)[0] == short
    assert due_sentence(left, never, distant, None if distant else 30) == sentence
    assert due_words(None, False)[0] == "—" and due_sentence(None, False, False, None) == "never due (cold)"


# ---------------------------------------------------------------- the rules a mutation left untested


def test_a_merge_takes_every_field_by_the_rules_when_nobody_says():
    keep = person(1, company="Acme", title="", email="ada@acme.test", notes="same", ring=Ring.BUDDY,
                  cadence_override=14)
    other = person(2, name="Ada L.", company="", title="Countess", phone="020 7946 0018", notes="same",
                   ring=Ring.BUDDY)
    # A blank on either side never clashes; equal rings and equal notes keep what is kept.
    assert differing_fields(keep, other) == ("name",)
    assert default_choices(keep, other) == {
        "name": "keep", "company": "keep", "title": "other", "email": "keep", "phone": "other", "url": "keep",
        "location": "keep", "purpose": "keep", "notes": "keep", "ring": "keep", "cadence_override": "keep",
    }
    values = merged_values(keep, other)
    assert values == {
        "name": "Ada Lovelace", "company": "Acme", "title": "Countess", "email": "ada@acme.test",
        "phone": "020 7946 0018", "url": "", "location": "", "purpose": "", "notes": "same", "ring": "buddy",
        "cadence_override": 14,
    }
    assert str(values["ring"]) == "buddy"  # the ring's word, not the enum


@pytest.mark.parametrize(
    ("mine", "theirs", "both"),
    [
        ("mine", "", "mine"),
        ("", "theirs", "theirs"),
        ("same", "same", "same"),
        ("mine", "theirs", "mine\n\ntheirs"),
    ],
)
def test_both_sets_of_notes_never_repeat_or_leave_a_gap(mine, theirs, both):
    values = merged_values(person(1, notes=mine), person(2, notes=theirs), {"notes": BOTH})
    assert values["notes"] == both


def test_only_notes_can_take_both():
    with pytest.raises(ValueError, match=r"^cannot take 'both' for title$"):
        merged_values(person(1), person(2), {"title": BOTH})
    with pytest.raises(ValueError, match=r"^cannot take 'mine' for notes$"):
        merged_values(person(1), person(2), {"notes": "mine"})


def test_merged_extra_is_sorted_json_with_the_text_as_typed():
    keep = json.dumps({"vcard": {"nickname": "Zoë"}, "x-id": 1})
    other = json.dumps({"x-id": 2, "csv": {"x": "y"}})
    assert merged_extra(keep, other) == '{"csv": {"x": "y"}, "vcard": {"nickname": "Zoë"}, "x-id": 1}'


def test_unparsed_extras_of_both_are_both_kept():
    assert json.loads(merged_extra("not json", "[1, 2]")) == {"unparsed": ["not json", "[1, 2]"]}
    assert merged_extra("[1, 2]", "") == '{"unparsed": "[1, 2]"}'
    assert merged_extra("", "42") == '{"unparsed": "42"}'
    assert merged_extra("same", "same") == '{"unparsed": "same"}'


def test_a_phone_key_is_the_last_nine_of_seven_digits_or_more():
    assert phone_key("+44 20 7946 0018") == "079460018"
    assert phone_key("794-6001") == "7946001"
    assert phone_key("946-001") == ""
