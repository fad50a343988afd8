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
