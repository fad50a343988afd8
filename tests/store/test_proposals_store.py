"""Proposals in the store: what was proposed before, the Inbox's rows, logging and
dismissing, the meetings ahead and the brief."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netui.domain.capture import ProposalDraft, Source
from netui.domain.journal import InteractionDraft
from netui.domain.rings import Ring
from netui.store import proposals as pr
from netui.store.errors import NotFound, StoreError
from netui.store.journal import add_interaction
from netui.store.people import link_knows, trash_person
from netui.store.settings import set_setting
from tests.helpers import add

TODAY = date(2026, 3, 14)


def draft(key, people, day=date(2026, 3, 1), time="", summary="Coffee", kind="coffee"):
    return ProposalDraft(Source.CALENDAR, key, day, kind, summary, tuple(people), time=time)


def test_already_proposed_looks_through_any_number_of_keys(db):
    ann = add(db, "Ann")
    keys = [f"k{i:04d}" for i in range(1001)]
    pr.save_proposals(db, [draft(keys[i], [ann]) for i in (0, 500, 1000)])
    assert pr.already_proposed(db, keys) == {"k0000", "k0500", "k1000"}
    assert pr.already_proposed(db, ["k0001"]) == set()


def test_my_emails_reads_only_a_list_of_addresses(db):
    assert pr.my_emails(db) == ()
    set_setting(db, "my_emails", {"me@example.org": 1})
    assert pr.my_emails(db) == ()
    set_setting(db, "my_emails", ["Me@Example.org", 3, "not an address", "me@example.org", "other@example.org"])
    assert pr.my_emails(db) == ("me@example.org", "other@example.org")


def test_inbox_rows_carry_source_people_state_and_entry(db):
    ann, bo = add(db, "Ann"), add(db, "Bo")
    pr.save_proposals(db, [draft("a", [ann, bo], time="09:00"), draft("b", [bo], day=date(2026, 3, 2)),
                           draft("c", [ann], day=date(2026, 3, 3))])
    rows = pr.waiting_proposals(db)
    assert [r.summary for r in rows] == ["Coffee"] * 3
    assert [(r.date, r.source, r.people) for r in rows] == [
        (date(2026, 3, 3), "calendar", ((ann, "Ann"),)), (date(2026, 3, 2), "calendar", ((bo, "Bo"),)),
        (date(2026, 3, 1), "calendar", ((ann, "Ann"), (bo, "Bo")))]
    assert [r.date for r in pr.waiting_proposals(db, limit=1)] == [date(2026, 3, 3)]
    first = rows[2].id
    done = pr.log_proposals(db, [first], now=datetime(2026, 3, 14, 10, 0, 0, 123456))
    row = pr.get_proposal(db, first)
    assert (row.state, row.interaction_id) == ("logged", done[0][1])
    assert db.execute("SELECT updated_at FROM proposal WHERE id = ?", (first,)).fetchone() == ("2026-03-14 10:00:00",)
    with pytest.raises(StoreError, match=r"^That proposal was already logged \(in another session\?\)\.$"):
        pr.log_proposals(db, [first])
    with pytest.raises(NotFound, match=r"^That proposal is gone\.$"):
        pr.get_proposal(db, 999)
    # Everyone in it deleted: it shows with nobody and cannot be logged.
    trash_person(db, bo)
    lone = rows[1].id
    assert pr.get_proposal(db, lone).people == ()
    with pytest.raises(NotFound, match=r"^Everyone in that proposal was deleted; dismiss it instead\.$"):
        pr.log_proposals(db, [lone])


def test_meetings_ahead_list_everyone_in_them(db):
    ann, bo = add(db, "Ann"), add(db, "Bo")
    pr.save_coming_up(db, [draft("m1", [ann, bo], day=date(2026, 3, 16), time="10:00", summary="Sync"),
                           draft("m2", [bo], day=date(2026, 3, 21))])
    meetings = pr.coming_up(db, TODAY)
    assert [(m.title, m.people) for m in meetings] == [("Sync", ((ann, "Ann"), (bo, "Bo")))]
    assert pr.next_meeting_with(db, bo, date(2026, 3, 17)).date == date(2026, 3, 21)


def test_the_brief_shows_open_follow_ups_and_three_ways_in(db):
    tom = add(db, "Tom", Ring.COLD, company="Hooli")
    for name in ("Al", "Bea", "Cy", "Di"):
        link_knows(db, add(db, name, Ring.BUDDY), tom)
    add_interaction(db, InteractionDraft(date(2026, 3, 1), "coffee", (tom,)))
    follow = add_interaction(db, InteractionDraft(date(2026, 3, 2), "call", (tom,), follow_up=date(2026, 3, 20)))
    b = pr.brief(db, tom, TODAY)
    assert [e.id for e in b.open_follow_ups] == [follow]
    assert [p.name for p in b.intro_paths] == ["Al", "Bea", "Cy"]
