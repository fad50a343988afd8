"""Funnel queries on a temporary file database: intro candidates, the panel, the board."""

from __future__ import annotations

from datetime import date

from netui.domain.rings import Ring
from netui.store import funnel
from netui.store.journal import InteractionDraft, add_interaction
from netui.store.people import link_knows, trash_person
from tests.helpers import add


def test_intro_paths_come_from_knows_links_both_ways_and_the_same_company(db, db_path):
    target = add(db, "Tara Target", Ring.COLD, company="Northwind Labs")
    buddy_knows = add(db, "Bea Buddy", Ring.BUDDY, company="Elsewhere")
    strat_colleague = add(db, "Sam Strategic", Ring.STRATEGIC, company="  northwind LABS ")
    luke_knows = add(db, "Lou Lukewarm", Ring.LUKEWARM)
    cold_knows = add(db, "Cole Cold", Ring.COLD)  # not closer than the target
    gone = add(db, "Gone Buddy", Ring.BUDDY, company="Northwind Labs")
    nobody = add(db, "Nora Nobody", Ring.BUDDY, company="Contoso")
    link_knows(db, buddy_knows, target, "old team")  # stored with the target second
    link_knows(db, target, luke_knows)  # stored with the target first
    link_knows(db, target, cold_knows)
    trash_person(db, gone)
    add_interaction(db, InteractionDraft(date(2026, 3, 1), "coffee", (strat_colleague,)))

    paths = funnel.intro_paths(db, target)
    assert [(p.name, p.ring, p.via) for p in paths] == [
        ("Bea Buddy", Ring.BUDDY, "knows them"),
        ("Sam Strategic", Ring.STRATEGIC, "same company"),
        ("Lou Lukewarm", Ring.LUKEWARM, "knows them"),
    ]
    assert paths[0].note == "old team"
    assert paths[1].last_contact == date(2026, 3, 1)
    assert nobody not in [p.person_id for p in paths]


def test_a_person_without_a_company_only_gets_knows_paths(db, db_path):
    target = add(db, "Tara", Ring.COLD)
    add(db, "Other Blank", Ring.BUDDY)  # an empty company is not a shared one
    assert funnel.intro_paths(db, target) == []


def test_panel_holds_the_person_their_recent_interactions_and_paths(db, db_path):
    target = add(db, "Tara", Ring.LUKEWARM, company="Acme", purpose="knows the market", help_tags=("advice",))
    add(db, "Bo", Ring.BUDDY, company="acme")
    for day in range(1, 8):
        add_interaction(db, InteractionDraft(date(2026, 3, day), "call", (target,), summary=f"call {day}"))
    panel = funnel.person_panel(db, target)
    assert panel.person.purpose == "knows the market" and panel.person.help_tags == ("advice",)
    assert [e.summary for e in panel.recent] == ["call 7", "call 6", "call 5"]  # the newest three
    assert [p.name for p in panel.intro_paths] == ["Bo"]


def test_board_and_one_row(db, db_path):
    ada = add(db, "Ada", Ring.BUDDY, company="Engines", help_tags=("advice",), offer_tags=("backing",))
    gone = add(db, "Gone", Ring.COLD)
    trash_person(db, gone)
    board = funnel.load_board(db)
    assert [r.name for r in board.people] == ["Ada"]
    assert set(board.tags[ada].split()) == {"advice", "backing"}
    assert funnel.person_row(db, ada).ring == Ring.BUDDY
    assert funnel.person_row(db, gone) is None
    assert set(funnel.person_tags(db, ada).split()) == {"advice", "backing"}


def test_intro_candidates_carry_the_link_and_merge_a_link_with_the_company(db):
    from datetime import timedelta

    target = add(db, "Tara", Ring.COLD, company="Hooli")
    both = add(db, "Bo Both", Ring.BUDDY, company="HOOLI")  # knows Tara and works there
    plain = add(db, "Pat Plain", Ring.STRATEGIC, company="Contoso")
    link_knows(db, both, target, "old team")
    link_knows(db, target, plain)
    add_interaction(db, InteractionDraft(date(2026, 3, 1) - timedelta(days=3), "coffee", (plain,)))
    found = {c.person_id: c for c in funnel.intro_candidates(db, target, Ring.COLD, "Hooli")}
    assert set(found) == {both, plain}
    b, p = found[both], found[plain]
    assert (b.name, b.ring, b.knows, b.same_company, b.note) == ("Bo Both", Ring.BUDDY, True, True, "old team")
    assert (p.knows, p.same_company, p.note, p.last_contact) == (True, False, "", date(2026, 2, 26))
    assert p.same_company is False


def test_the_panel_shows_as_many_paths_as_asked(db):
    target = add(db, "Tara", Ring.COLD)
    for name in ("Al", "Bea", "Cy"):
        link_knows(db, add(db, name, Ring.BUDDY), target)
    assert [p.name for p in funnel.person_panel(db, target, paths=2).intro_paths] == ["Al", "Bea"]


def test_cards_and_board_with_the_ring_intervals_given(db):
    from netui.store.people import add_person
    from netui.domain.models import PersonDraft

    ann = add_person(db, PersonDraft("Ann", Ring.BUDDY, help_tags=("advice",), offer_tags=("hiring",)))
    bo = add(db, "Bo", Ring.BUDDY)
    gone = add(db, "Gone", Ring.BUDDY, help_tags=("advice",))
    trash_person(db, gone)
    board = funnel.load_board(db, cadence={Ring.BUDDY: 10})
    assert {r.id: r.cadence_days for r in board.people} == {ann: 10, bo: 10}
    assert set(board.tags[ann].split()) == {"advice", "hiring"} and bo not in board.tags
    row, tags = funnel.person_card(db, ann, {Ring.BUDDY: 12})
    assert (row.id, row.cadence_days, set(tags.split())) == (ann, 12, {"advice", "hiring"})
    assert funnel.person_card(db, bo) == (funnel.person_row(db, bo), "")
    assert funnel.person_card(db, gone) == (None, "")
    assert funnel.person_tags(db, bo) == ""


def test_moves_and_holders_as_stored(db):
    from datetime import datetime

    from netui.domain.models import PersonDraft
    from netui.store.people import add_person, move_ring

    made = datetime(2026, 1, 5, 9)
    ann = add_person(db, PersonDraft("Ann", Ring.COLD), now=made)
    move_ring(db, ann, Ring.LUKEWARM, reason="replied", now=datetime(2026, 2, 1, 10))
    move_ring(db, ann, Ring.STRATEGIC, now=datetime(2026, 2, 2, 10))
    moves = funnel.live_moves(db)
    ids = [mid for (mid,) in db.execute("SELECT id FROM ring_move ORDER BY id")]
    assert [(mv.id, mv.person_id, mv.from_ring, mv.to_ring, mv.moved_at, mv.reason) for mv in moves] == [
        (ids[0], ann, None, Ring.COLD, made, "added"),
        (ids[1], ann, Ring.COLD, Ring.LUKEWARM, datetime(2026, 2, 1, 10), "replied"),
        (ids[2], ann, Ring.LUKEWARM, Ring.STRATEGIC, datetime(2026, 2, 2, 10), ""),
    ]
    assert [(h.person_id, h.name, h.ring, h.created_at) for h in funnel.ring_holders(db)] == [
        (ann, "Ann", Ring.STRATEGIC, made)]


def test_intro_candidates_are_on_closer_rings_only_and_a_colleague_carries_no_note(db):
    target = add(db, "Tara", Ring.LUKEWARM, company="Hooli")
    same_ring = add(db, "Lu Level", Ring.LUKEWARM, company="Contoso")  # knows her, but no closer
    colleague = add(db, "Col League", Ring.STRATEGIC, company="hooli")  # works there, no link
    add(db, "Cal Cold", Ring.COLD, company="Hooli")  # further out: no way in
    link_knows(db, same_ring, target, "same meetup")
    found = funnel.intro_candidates(db, target, Ring.LUKEWARM, "Hooli")
    assert [(c.person_id, c.name, c.ring, c.knows, c.same_company, c.last_contact, c.note) for c in found] == [
        (colleague, "Col League", Ring.STRATEGIC, False, True, None, "")]
