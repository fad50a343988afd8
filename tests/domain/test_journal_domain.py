"""The journal's small rules: kinds, reciprocity, the suggested follow-up, and their tables."""

from __future__ import annotations

from datetime import date

import pytest

from netui.domain import journal as j


def test_kinds_and_marks_are_pinned():
    assert j.KINDS == (
        "coffee", "lunch", "drinks", "call", "video", "message", "email", "event", "linkedin", "intro", "other",
        "talk", "post", "article", "panel",
    )
    assert j.RECIPROCITY == ("gave", "received", "mutual")
    assert j.RECIPROCITY_MARK == {"gave": "↑", "received": "↓", "mutual": "↕"}
    assert j.THANK_YOU_AFTER_DAYS == 14


def test_kind_parse():
    assert j.Kind.parse("  LinkedIn ") == j.Kind.LINKEDIN
    assert j.Kind.parse("other") == j.Kind.OTHER
    assert j.Kind.parse(" Talk ") == j.Kind.TALK
    assert j.Kind.parse("PANEL") == j.Kind.PANEL
    with pytest.raises(ValueError) as caught:
        j.Kind.parse("cof")
    assert str(caught.value) == (
        "unknown kind 'cof': choose one of coffee, lunch, drinks, call, video, message, email, event, linkedin, intro, "
        "other, talk, post, article, panel"
    )


def test_reciprocity_parse():
    assert j.Reciprocity.parse(None) is None
    assert j.Reciprocity.parse(" None ") is None
    assert j.Reciprocity.parse("") is None
    assert j.Reciprocity.parse("Received") == j.Reciprocity.RECEIVED
    assert j.Reciprocity.parse("mutual") == j.Reciprocity.MUTUAL
    with pytest.raises(ValueError) as caught:
        j.Reciprocity.parse("given")
    assert str(caught.value) == "unknown reciprocity 'given': choose gave, received, mutual or none"


def test_suggested_follow_up_is_two_weeks_on_and_never_today_or_before():
    today = date(2026, 3, 14)
    assert j.suggested_follow_up(date(2026, 3, 10), today) == date(2026, 3, 24)
    assert j.suggested_follow_up(date(2026, 2, 28), today) == date(2026, 3, 15)  # 14 Mar would be today
    assert j.suggested_follow_up(date(2026, 2, 1), today) == date(2026, 3, 15)
    assert j.suggested_follow_up(date(2026, 3, 1), today) == date(2026, 3, 15)
    assert j.suggested_follow_up(date(2026, 3, 2), today) == date(2026, 3, 16)


def test_journal_filter_is_active_only_when_something_is_set():
    assert not j.JournalFilter().active
    assert j.JournalFilter(text="x").active


def test_an_interaction_lists_its_people_in_order():
    entry = j.Interaction(1, date(2026, 3, 1), "coffee", 1, people=((5, "Grace"), (2, "Ada")))
    assert entry.person_ids == (5, 2)
    assert entry.names == ("Grace", "Ada")
    assert j.EDITABLE == (
        "date", "kind", "person_ids", "summary", "notes", "reciprocity", "follow_up", "follow_up_done",
        "follow_up_every",
    )
