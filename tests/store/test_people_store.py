"""People in the store, function by function: what each returns and what it refuses, word for word."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netui.domain.models import Membership, PersonDraft, RingMoveRecord
from netui.domain.networks import Network, PeerSide
from netui.domain.rings import Ring
from netui.store import models as m
from netui.store import people as p
from netui.store.errors import Conflict, NotFound, StoreError
from netui.store.journal import InteractionDraft, add_interaction
from tests.helpers import add

T0 = datetime(2026, 3, 1, 9, 30)


def test_draft_round_trips_through_the_store(db):
    intro = add(db, "Introducer")
    draft = PersonDraft(
        name="Ada Lovelace",
        ring=Ring.STRATEGIC,
        company="Analytical",
        title="Countess",
        email="ada@example.com",
        phone="+44 1",
        url="https://ada.example",
        location="London",
        purpose="Engines",
        notes="first line\n  second line",
        cadence_override=21,
        introduced_by_id=intro,
        memberships=(Membership(Network.PEER, PeerSide.INSIDE), Membership(Network.MENTOR, distant=True)),
        help_tags=("advice", "leads"),
        offer_tags=("hiring",),
        extra='{"x": 1}',
    )
    pid = p.add_person(db, draft, now=T0)
    person = p.get_person(db, pid)
    assert p.draft_from_person(person) == draft
    assert (person.version, person.created_at, person.updated_at, person.deleted_at) == (1, T0, T0, None)
    assert person.introduced_by_name == "Introducer"
    assert person.ring_history == (RingMoveRecord(person.ring_history[0].id, pid, None, Ring.STRATEGIC, T0, "added"),)


def test_add_person_cleans_every_field_and_keeps_note_lines(db):
    pid = p.add_person(db, PersonDraft(
        name=" Ada\x1b  Lovelace ", company=" A\tB ", title="t\nx", email=" e ", phone=" 1 ", url=" u ",
        location=" l ", purpose=" p ", notes=" one\x1b\r\ntwo  \n\n",
        help_tags=(" Early  Warning ", "", "ADVICE", "advice"),
    ))
    person = p.get_person(db, pid)
    assert (person.name, person.company, person.title) == ("Ada Lovelace", "A B", "t x")
    assert (person.email, person.phone, person.url, person.location, person.purpose) == ("e", "1", "u", "l", "p")
    assert person.notes == " one\ntwo"
    assert person.help_tags == ("early warning", "advice")
    row = m.Person.get_by_id(pid)
    assert (row.name_key, row.sort_key) == ("ada lovelace", "ada lovelace")


def test_add_person_refusals(db):
    with pytest.raises(StoreError) as caught:
        p.add_person(db, PersonDraft(name=" \x1b "))
    assert str(caught.value) == "A name is required."
    with pytest.raises(NotFound) as caught:
        p.add_person(db, PersonDraft(name="X", introduced_by_id=999))
    assert str(caught.value) == "The person named as introducer no longer exists."
    assert p.count_people(db) == 0


def test_memberships_keep_only_what_applies(db):
    pid = p.add_person(db, PersonDraft("A", memberships=(
        Membership(Network.SUPPORT, PeerSide.INSIDE, distant=True),  # neither applies to support
        Membership(Network.PEER, PeerSide.OUTSIDE, distant=True),
        Membership(Network.PEER, PeerSide.INSIDE),  # a second peer membership is ignored
        Membership(Network.MENTOR, PeerSide.INSIDE, distant=True),
    )))
    assert p.get_person(db, pid).memberships == (
        Membership(Network.SUPPORT),
        Membership(Network.PEER, PeerSide.OUTSIDE),
        Membership(Network.MENTOR, distant=True),
    )


def test_count_people_live_or_trash(db):
    a, b, _ = add(db, "A"), add(db, "B"), add(db, "C")
    p.trash_person(db, a)
    p.trash_person(db, b)
    assert p.count_people(db) == 1
    assert p.count_people(db, trash=True) == 2


def test_name_index_lists_the_live_by_name(db):
    b = add(db, "Bob", company="Globex")
    a = add(db, "Ada", company="Initech")
    gone = add(db, "Aaron")
    p.trash_person(db, gone)
    assert p.name_index(db) == [(a, "Ada", "Initech"), (b, "Bob", "Globex")]


def test_people_named_by_id_or_name(db):
    a = add(db, "Ada Lovelace", company="X")
    twin = add(db, "ada  lovelace")
    gone = add(db, "Grace")
    p.trash_person(db, gone)
    assert p.people_named(db, f"#{a}") == [(a, "Ada Lovelace", "X")]
    assert p.people_named(db, f" #{twin} ") == [(twin, "ada lovelace", "")]
    assert p.people_named(db, "ADA LOVELACE\u200b") == [(a, "Ada Lovelace", "X"), (twin, "ada lovelace", "")]
    assert p.people_named(db, f"#{gone}") == []
    assert p.people_named(db, "Grace") == []
    assert p.people_named(db, "#x") == []
    assert [r.id for r in p.find_by_name(db, "Ada lovelace")] == [a, twin]
    assert p.find_by_name(db, "grace") == []


def test_list_people_filters_and_order(db):
    c = add(db, "carol", Ring.BUDDY, networks=(Network.MENTEE, Network.SUPPORT))
    a = add(db, "Ada", Ring.LUKEWARM)
    b = p.add_person(db, PersonDraft("bob", Ring.STRATEGIC, memberships=(Membership(Network.MENTOR, distant=True),)))
    a2 = add(db, "ada", Ring.COLD)
    gone = add(db, "Zed")
    p.trash_person(db, gone)
    rows = p.list_people(db)
    assert [r.id for r in rows] == [a, a2, b, c]  # by name, any case; then by id
    by = {r.id: r for r in rows}
    assert by[c].networks == (Network.SUPPORT, Network.MENTEE)
    assert (by[c].cadence_days, by[a].cadence_days, by[a2].cadence_days) == (30, 90, None)
    assert by[b].distant and by[b].cadence_days is None and not by[c].distant
    assert [r.id for r in p.list_people(db, cadence={Ring.LUKEWARM: 10}) if r.cadence_days == 10] == [a]
    assert [r.id for r in p.list_people(db, p.PeopleQuery(trash=True))] == [gone]
    assert [r.id for r in p.list_people(db, p.PeopleQuery(network=Network.SUPPORT))] == [c]
    assert [r.id for r in p.list_people(db, p.PeopleQuery(unsorted=True))] == [a, a2]
    assert [r.id for r in p.list_people(db, p.PeopleQuery(person_id=b))] == [b]
    assert [r.name for r in p.list_people(db, p.PeopleQuery(network=Network.MENTEE, person_id=a))] == []


def test_get_person_of_nobody(db):
    with pytest.raises(NotFound) as caught:
        p.get_person(db, 42)
    assert str(caught.value) == "No person with id 42; they may have been purged in another session."


def test_knows_links_leave_out_the_trash_and_keep_notes(db):
    a, b, c = add(db, "A"), add(db, "B", Ring.BUDDY), add(db, "C")
    first = p.link_knows(db, b, a, "met at a talk")
    second = p.link_knows(db, a, c)
    assert p.link_knows(db, a, b, "") == first  # the same pair, either way round: the old note stays
    assert p.get_person(db, a).knows[0].note == "met at a talk"
    assert p.link_knows(db, a, b, " new\x1b note ") == first
    links = p.get_person(db, a).knows
    assert [(k.id, k.other_id, k.other_name, k.other_ring, k.note) for k in links] == [
        (first, b, "B", Ring.BUDDY, "new note"),
        (second, c, "C", Ring.COLD, ""),
    ]
    assert [k.other_id for k in p.get_person(db, b).knows] == [a]
    p.trash_person(db, c)
    assert [k.other_id for k in p.get_person(db, a).knows] == [b]
    p.unlink_knows(db, first)
    assert p.get_person(db, a).knows == ()
    with pytest.raises(StoreError) as caught:
        p.link_knows(db, a, a)
    assert str(caught.value) == "A person cannot be linked to themselves."


def test_editing_notes_keeps_their_lines(db):
    pid = add(db, "Ada")
    base = p.get_person(db, pid)
    after = p.update_person(db, pid, base, {"notes": "one\r\ntwo\n\n  three  \n", "title": "a\nb"})
    assert after.notes == "one\ntwo\n\n  three"
    assert after.title == "a b"
    assert after.version == 2


def test_update_person_writes_keys_tags_and_a_ring_move(db):
    pid = add(db, "Ada", Ring.LUKEWARM)
    base = p.get_person(db, pid)
    after = p.update_person(db, pid, base, {
        "name": "Émile  Zola", "ring": Ring.BUDDY, "help_tags": ("Advice",), "offer_tags": ("leads",),
        "memberships": (Membership(Network.PEER),), "cadence_override": 12,
    }, now=T0)
    row = m.Person.get_by_id(pid)
    assert (row.name_key, row.sort_key) == ("émile zola", "emile zola")
    assert (after.ring, after.help_tags, after.offer_tags, after.networks) == (Ring.BUDDY, ("advice",), ("leads",), (Network.PEER,))
    assert (after.cadence_override, after.updated_at) == (12, T0)
    assert len(after.ring_history) == 2
    move = next(mv for mv in after.ring_history if mv.from_ring is not None)
    assert (move.from_ring, move.to_ring, move.moved_at, move.reason) == (Ring.LUKEWARM, Ring.BUDDY, T0, "edited")
    # Nothing changed: nothing written, the version stays.
    same = p.update_person(db, pid, after, {"name": "Émile  Zola", "ring": Ring.BUDDY, "memberships": (Membership(Network.PEER),)})
    assert same.version == after.version


def test_update_person_refusals(db):
    pid = add(db, "Ada")
    base = p.get_person(db, pid)
    with pytest.raises(ValueError) as caught:
        p.update_person(db, pid, base, {"version": 9, "id": 3})
    assert str(caught.value) == "not editable: ['id', 'version']"
    with pytest.raises(StoreError) as caught:
        p.update_person(db, pid, base, {"name": "\x1b"})
    assert str(caught.value) == "A name is required."
    with pytest.raises(StoreError) as caught:
        p.update_person(db, pid, base, {"introduced_by_id": pid})
    assert str(caught.value) == "A person cannot have introduced themselves."
    p.update_person(db, pid, base, {"title": "Theirs"})
    with pytest.raises(Conflict) as caught:
        p.update_person(db, pid, base, {"title": "Mine", "company": "Fine"})
    assert str(caught.value) == "Ada was changed in another session since you opened it (title); nothing was saved."
    assert p.get_person(db, pid).company == ""
    p.trash_person(db, pid)
    with pytest.raises(Conflict) as caught:
        p.update_person(db, pid, base, {"company": "X"})
    assert str(caught.value) == "Ada was moved to the trash in another session; restore them to edit."


def test_stepping_out_moves_out_and_in_moves_in(db):
    pid = add(db, "Ada", Ring.STRATEGIC)
    out = p.step_ring(db, pid, False, expected=Ring.STRATEGIC, reason=" drifted\x1b ", now=T0)
    assert (out.from_ring, out.to_ring, out.reason, out.moved_at, out.person_id) == (
        Ring.STRATEGIC, Ring.LUKEWARM, "drifted", T0, pid)
    assert p.get_person(db, pid).ring == Ring.LUKEWARM
    back = p.step_ring(db, pid, True, expected=Ring.LUKEWARM)
    assert (back.from_ring, back.to_ring) == (Ring.LUKEWARM, Ring.STRATEGIC)
    with pytest.raises(StoreError) as caught:
        p.step_ring(db, pid, True, expected=Ring.BUDDY)
    assert str(caught.value) == "Already on the innermost ring (buddy)."
    with pytest.raises(StoreError) as caught:
        p.step_ring(db, pid, False, expected=Ring.COLD)
    assert str(caught.value) == "Already on the outermost ring (cold)."


def test_move_ring_refusals(db):
    pid = add(db, "Ada", Ring.STRATEGIC)
    version = p.get_person(db, pid).version
    with pytest.raises(StoreError) as caught:
        p.move_ring(db, pid, Ring.STRATEGIC)
    assert str(caught.value) == "Ada is already strategic."
    with pytest.raises(Conflict) as caught:
        p.move_ring(db, pid, Ring.BUDDY, expected=Ring.COLD)
    assert str(caught.value) == "Ada was moved to strategic in another session; nothing was changed."
    p.move_ring(db, pid, Ring.BUDDY, expected=Ring.STRATEGIC)
    assert p.get_person(db, pid).version == version + 1
    p.trash_person(db, pid)
    with pytest.raises(NotFound) as caught:
        p.move_ring(db, pid, Ring.COLD)
    assert str(caught.value) == "That person is no longer there; they may have been deleted in another session."
    with pytest.raises(NotFound):
        p.move_ring(db, 999, Ring.COLD)


def test_undo_ring_move(db):
    pid = add(db, "Ada", Ring.LUKEWARM)
    first = p.get_person(db, pid).ring_history[0]
    with pytest.raises(NotFound) as caught:
        p.undo_ring_move(db, first.id)  # the ring they were added on is no move
    assert str(caught.value) == "That move can no longer be undone."
    move = p.move_ring(db, pid, Ring.BUDDY)
    again = p.move_ring(db, pid, Ring.STRATEGIC)
    with pytest.raises(Conflict) as caught:
        p.undo_ring_move(db, move.id)
    assert str(caught.value) == "Ada has moved again since; nothing was undone."
    version = p.get_person(db, pid).version
    assert p.undo_ring_move(db, again.id) == Ring.BUDDY
    person = p.get_person(db, pid)
    assert (person.ring, person.version) == (Ring.BUDDY, version + 1)
    assert [mv.id for mv in person.ring_history] == [first.id, move.id]
    with pytest.raises(NotFound):
        p.undo_ring_move(db, again.id)


def test_trash_restore_purge_and_empty(db):
    a, b, c = add(db, "A"), add(db, "B"), add(db, "C")
    version = p.get_person(db, a).version
    p.trash_person(db, a, now=T0)
    assert (p.get_person(db, a).deleted_at, p.get_person(db, a).version) == (T0, version + 1)
    with pytest.raises(NotFound) as caught:
        p.trash_person(db, a)
    assert str(caught.value) == "That person is already in the trash or gone."
    p.restore_person(db, a)
    assert (p.get_person(db, a).deleted_at, p.get_person(db, a).version) == (None, version + 2)
    with pytest.raises(NotFound) as caught:
        p.restore_person(db, a)
    assert str(caught.value) == "That person is not in the trash any more."
    with pytest.raises(StoreError) as caught:
        p.purge_person(db, a)
    assert str(caught.value) == "Only people in the trash can be purged."
    alone = add_interaction(db, InteractionDraft(date(2026, 3, 1), "coffee", (b,)))
    shared = add_interaction(db, InteractionDraft(date(2026, 3, 2), "call", (b, c)))
    other = add_interaction(db, InteractionDraft(date(2026, 3, 3), "call", (c,)))
    p.trash_person(db, b)
    p.trash_person(db, a)
    assert p.empty_trash(db) == 2
    assert p.empty_trash(db) == 0
    assert sorted(i.id for i in m.Interaction.select()) == [shared, other]
    assert alone not in [i.id for i in m.Interaction.select()]
    assert [r.id for r in p.list_people(db)] == [c]


def test_agenda_writes_bump_versions_and_say_what_is_gone(db):
    from datetime import timedelta

    from netui.store import agenda as agenda_store

    a = add(db, "Ada", Ring.BUDDY)
    iid = add_interaction(db, InteractionDraft(date(2026, 3, 1), "coffee", (a,), follow_up=date(2026, 3, 10)))
    row = m.Interaction.get_by_id(iid)
    until = date(2026, 3, 20)
    assert agenda_store.snooze_follow_up(db, iid, until) is None
    assert agenda_store.snooze_follow_up(db, iid, until + timedelta(days=1)) == until
    after = m.Interaction.get_by_id(iid)
    assert (after.follow_up_snoozed_until, after.version) == (until + timedelta(days=1), row.version + 2)
    agenda_store.set_follow_up_done(db, iid)
    assert m.Interaction.get_by_id(iid).follow_up_done is True
    agenda_store.set_follow_up_done(db, iid, False)
    done = m.Interaction.get_by_id(iid)
    assert (done.follow_up_done, done.version) == (False, row.version + 4)
    plain = add_interaction(db, InteractionDraft(date(2026, 3, 1), "call", (a,)))
    for call in (lambda: agenda_store.set_follow_up_done(db, plain), lambda: agenda_store.snooze_follow_up(db, 999, None)):
        with pytest.raises(NotFound) as caught:
            call()
        assert str(caught.value) == "That follow-up is no longer there; it may have been changed in another session."
    p.trash_person(db, a)
    with pytest.raises(NotFound) as caught:
        agenda_store.snooze_person(db, a, None)
    assert str(caught.value) == "That person is no longer there; they may have been deleted in another session."


def test_a_person_read_back_has_every_part_in_order(db):
    """get_person: who introduced them (and nobody for the first), the snooze, tags in the
    order they were given, ring moves by when they happened (not by id)."""
    from netui.store.agenda import snooze_person

    ada = p.add_person(db, PersonDraft("Ada"))
    bob = p.add_person(db, PersonDraft("Bob", introduced_by_id=ada), now=datetime(2026, 1, 1, 9))
    assert p.get_person(db, bob).introduced_by_name == "Ada"
    assert p.get_person(db, ada).introduced_by_name == ""
    snooze_person(db, bob, date(2026, 5, 1))
    assert p.get_person(db, bob).snoozed_until == date(2026, 5, 1)
    p.tag_people(db, [bob], "zeta")
    p.tag_people(db, [bob], "alpha")
    assert p.get_person(db, bob).help_tags == ("zeta", "alpha")
    p.move_ring(db, bob, Ring.LUKEWARM, now=datetime(2026, 3, 1, 9))
    p.move_ring(db, bob, Ring.STRATEGIC, now=datetime(2026, 3, 2, 9))
    # A move recorded later (an import of old history) but made earlier comes first.
    db.execute("UPDATE ring_move SET moved_at = '2020-01-01 09:00:00' WHERE person_id = ? AND to_ring = 'strategic'", (bob,))
    history = p.get_person(db, bob).ring_history
    assert [mv.to_ring for mv in history] == [Ring.STRATEGIC, Ring.COLD, Ring.LUKEWARM]
