"""A person's "met through" as an ordinary edited field, the undo of an edit, and the
exposure counts of the funnel report read from the database."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netui.domain.funnel import BroadcastReach, report_as_dict
from netui.domain.journal import InteractionDraft
from netui.domain.models import BroadcastEntry, PersonDraft, find_broadcasts
from netui.domain.rings import Ring
from netui.io.funnel_text import report_text
from netui.store import funnel
from netui.store.errors import Conflict, NotFound, StoreError
from netui.store.journal import add_interaction, delete_interaction, purge_interaction
from netui.store.people import (
    add_person,
    edit_person,
    edited_fields,
    get_person,
    move_ring,
    revert_person_edit,
    trash_person,
    update_person,
)
from tests.conftest import TODAY


def entry(db, kind: str, summary: str, day: date, people=()) -> int:
    return add_interaction(db, InteractionDraft(day, kind, tuple(people), summary))


def test_a_person_is_added_and_edited_with_a_broadcast(db):
    talk = entry(db, "talk", "Rust at scale", date(2026, 3, 1))
    post = entry(db, "post", "", date(2026, 2, 1))
    pid = add_person(db, PersonDraft("Ada", met_through_id=talk))
    ada = get_person(db, pid)
    assert ada.met_through_id == talk
    assert ada.met_through == BroadcastEntry(talk, date(2026, 3, 1), "talk", "Rust at scale")
    assert ada.met_through.label == "talk Rust at scale, 2026-03-01"
    after = update_person(db, pid, ada, {"met_through_id": post})
    assert (after.met_through_id, after.version, after.met_through.label) == (post, 2, "post, 2026-02-01")
    cleared = update_person(db, pid, after, {"met_through_id": None})
    assert (cleared.met_through_id, cleared.met_through, cleared.version) == (None, None, 3)


def test_only_a_live_broadcast_can_be_met_through(db):
    other = add_person(db, PersonDraft("Bo"))
    coffee = entry(db, "coffee", "chat", date(2026, 3, 1), people=[other])
    talk = entry(db, "talk", "old talk", date(2026, 1, 1))
    delete_interaction(db, talk)
    with pytest.raises(StoreError, match="is a coffee"):
        add_person(db, PersonDraft("Ada", met_through_id=coffee))
    with pytest.raises(NotFound, match="no journal entry #999"):
        add_person(db, PersonDraft("Ada", met_through_id=999))
    with pytest.raises(NotFound, match=f"#{talk}"):
        update_person(db, other, get_person(db, other), {"met_through_id": talk})
    assert db.execute("SELECT count(*) FROM person WHERE name = 'Ada'").fetchone()[0] == 0
    assert get_person(db, other).met_through_id is None


def test_a_link_to_an_entry_in_the_trash_stays_and_says_so(db):
    talk = entry(db, "talk", "old talk", date(2026, 1, 1))
    pid = add_person(db, PersonDraft("Ada", met_through_id=talk))
    delete_interaction(db, talk)
    ada = get_person(db, pid)
    assert ada.met_through.in_trash and ada.met_through_id == talk
    # An edit of something else keeps it (nothing asks to change it).
    assert update_person(db, pid, ada, {"title": "Countess"}).met_through_id == talk
    purge_interaction(db, talk)
    assert (get_person(db, pid).met_through_id, get_person(db, pid).met_through) == (None, None)


def test_two_sessions_changing_met_through_clash_and_other_fields_merge(db):
    talk = entry(db, "talk", "Rust at scale", date(2026, 3, 1))
    post = entry(db, "post", "Hiring", date(2026, 2, 1))
    pid = add_person(db, PersonDraft("Ada"))
    seen = get_person(db, pid)
    update_person(db, pid, seen, {"met_through_id": talk})  # another session
    with pytest.raises(Conflict) as raised:
        update_person(db, pid, seen, {"met_through_id": post})
    assert raised.value.fields == {"met_through_id": (talk, post)}
    merged = update_person(db, pid, seen, {"company": "Engines"})
    assert (merged.company, merged.met_through_id) == ("Engines", talk)


def test_an_edit_is_undone_field_by_field_unless_changed_since(db):
    talk = entry(db, "talk", "Rust at scale", date(2026, 3, 1))
    pid = add_person(db, PersonDraft("Ada", ring=Ring.COLD))
    base = get_person(db, pid)
    before, after = edit_person(db, pid, base, {"met_through_id": talk, "ring": Ring.LUKEWARM, "title": "Countess"})
    assert before == base
    assert edited_fields(before, after) == ("title", "ring", "met_through_id")
    back = revert_person_edit(db, before, after)
    assert (back.met_through_id, back.ring, back.title) == (None, Ring.COLD, "")
    # Undone after another session changed a field it changed: refused, nothing put back.
    before, after = edit_person(db, pid, back, {"met_through_id": talk, "title": "Countess"})
    update_person(db, pid, after, {"title": "Lady"})
    with pytest.raises(Conflict):
        revert_person_edit(db, before, after)
    assert (get_person(db, pid).title, get_person(db, pid).met_through_id) == ("Lady", talk)


def test_find_broadcasts_by_label_summary_and_id():
    a = BroadcastEntry(1, date(2026, 3, 1), "talk", "Rust at scale")
    b = BroadcastEntry(2, date(2026, 3, 8), "post", "Rust at scale")
    c = BroadcastEntry(3, date(2026, 1, 1), "panel", "")
    every = [a, b, c]
    assert find_broadcasts("TALK  rust at scale, 2026-03-01", every) == [a]
    assert find_broadcasts("Rust at scale, 2026-03-08", every) == [b]
    assert find_broadcasts("rust at scale", every) == [a, b]
    assert find_broadcasts("#3", every) == [c] and find_broadcasts("panel, 2026-01-01", every) == [c]
    assert find_broadcasts("#9", every) == [] and find_broadcasts("  ", every) == [] and find_broadcasts("x", []) == []


def test_broadcasts_are_read_newest_first_without_the_trash_or_other_kinds(db):
    other = add_person(db, PersonDraft("Bo"))
    old = entry(db, "article", "Old", date(2025, 5, 1))
    talk = entry(db, "talk", "Talk", date(2026, 3, 1))
    panel = entry(db, "panel", "Panel", date(2026, 3, 1))
    gone = entry(db, "post", "Gone", date(2026, 2, 1))
    delete_interaction(db, gone)
    entry(db, "coffee", "Coffee", date(2026, 3, 2), people=[other])
    assert [b.interaction_id for b in funnel.broadcasts(db)] == [panel, talk, old]
    assert [b.interaction_id for b in funnel.broadcasts(db, since=date(2026, 1, 1))] == [panel, talk]


def test_the_funnel_report_counts_exposure_from_the_database(db):
    talk = entry(db, "talk", "Rust at scale", date(2026, 1, 20))
    post = entry(db, "post", "Hiring", date(2026, 2, 3))
    ada = add_person(db, PersonDraft("Ada", met_through_id=talk), now=datetime(2026, 1, 21, 9))
    move_ring(db, ada, Ring.LUKEWARM, now=datetime(2026, 2, 1, 9))
    add_person(db, PersonDraft("Bo", met_through_id=talk), now=datetime(2026, 1, 22, 9))
    cy = add_person(db, PersonDraft("Cy", met_through_id=post), now=datetime(2026, 2, 4, 9))
    move_ring(db, cy, Ring.STRATEGIC, now=datetime(2026, 2, 20, 9))
    move_ring(db, cy, Ring.COLD, now=datetime(2026, 3, 1, 9))  # back out: not moved in now
    add_person(db, PersonDraft("Di"), now=datetime(2026, 2, 10, 9))
    gone = add_person(db, PersonDraft("Eve", met_through_id=post), now=datetime(2026, 2, 11, 9))
    trash_person(db, gone)  # the trash does not count

    report = funnel.report(db, TODAY, since=date(2026, 1, 1))
    e = report.exposure
    assert [(m.label, m.added, m.met_through, m.moved_in, m.broadcasts) for m in e.months] == [
        ("2026-01", 2, 2, 1, 1), ("2026-02", 2, 1, 0, 1), ("2026-03", 0, 0, 0, 0)]
    assert [(r.broadcast.interaction_id, r.met, r.moved_in) for r in e.broadcasts] == [(talk, 2, 1), (post, 1, 0)]
    doc = report_as_dict(report)
    assert [b["id"] for b in doc["exposure"]["broadcasts"]] == [talk, post]
    assert doc["exposure"]["totals"] == {"added": 4, "met_through": 3, "moved_in": 1, "broadcasts": 2}
    text = report_text(report)
    assert "  4 new, 3 met through a broadcast, 1 (25%) on a closer ring now than when added" in text
    assert "  2026-01    2            2         1           1" in text
    assert "  2026-01-20 talk    Rust at scale" in text and f"2 met  1 moved in  #{talk}" in text
    # A period after both broadcasts lists none, and says how to start.
    later = funnel.report(db, TODAY, since=date(2026, 3, 1)).exposure
    assert later.broadcasts == () and later.added == 0
    assert "nothing broadcast in this period" in report_text(funnel.report(db, TODAY, since=date(2026, 3, 1)))


def test_exposure_of_an_empty_database(db):
    report = funnel.report(db, TODAY)
    assert report.exposure.broadcasts == () and report.exposure.added == 0
    text = report_text(report)
    assert "nobody new in this period" in text and "nothing broadcast in this period" in text


def test_broadcast_reach_is_the_same_as_the_reviews(db):
    """The review's exposure and the funnel's count a broadcast's people the same way."""
    from netui.store.review import exposure_report

    talk = entry(db, "talk", "Rust at scale", date(2026, 1, 20))
    ada = add_person(db, PersonDraft("Ada", met_through_id=talk), now=datetime(2026, 1, 21, 9))
    move_ring(db, ada, Ring.BUDDY, now=datetime(2026, 2, 1, 9))
    add_person(db, PersonDraft("Bo", met_through_id=talk), now=datetime(2026, 1, 22, 9))
    review = exposure_report(db, TODAY).broadcasts[0]
    reach = funnel.report(db, TODAY).exposure.broadcasts[0]
    assert reach == BroadcastReach(reach.broadcast, review.met, review.moved_in) and reach.met == 2


def test_a_merge_keeps_where_either_was_met_and_its_undo_puts_both_back(db):
    from netui.store.merge import merge_people, undo_merge

    talk = entry(db, "talk", "Rust at scale", date(2026, 3, 1))
    ada = add_person(db, PersonDraft("Ada Lovelace"))
    other = add_person(db, PersonDraft("Ada L.", met_through_id=talk))
    undo = merge_people(db, ada, other)
    assert get_person(db, ada).met_through_id == talk
    undo_merge(db, undo)
    assert (get_person(db, ada).met_through_id, get_person(db, other).met_through_id) == (None, talk)


def test_setting_it_on_its_own_bumps_the_version_so_an_open_form_cannot_save_over_it(db):
    """`netui edit --met-through` goes through set_met_through, not update_person."""
    from netui.store.review import set_met_through

    talk = entry(db, "talk", "PyCon", date(2026, 3, 11))
    pid = add_person(db, PersonDraft("Ada"))
    seen = get_person(db, pid)  # what a form opened before the change holds
    assert set_met_through(db, pid, talk) is None
    after = get_person(db, pid)
    assert after.version == seen.version + 1
    other = entry(db, "post", "Blog", date(2026, 3, 12))
    with pytest.raises(Conflict, match="met_through"):  # the form would set another
        update_person(db, pid, seen, {"met_through_id": other})
    assert get_person(db, pid).met_through_id == talk
    assert set_met_through(db, pid, talk) == talk  # the same again changes nothing
    assert get_person(db, pid).version == after.version
    assert set_met_through(db, pid, None) == talk
    assert get_person(db, pid).version == after.version + 1
