"""Funnel queries on a temporary file database: intro candidates, the panel, the board."""

from __future__ import annotations

from datetime import date

from netui.domain.rings import Ring
from netui.store import funnel
from netui.store.journal import InteractionDraft, add_interaction
from netui.store.people import link_knows, trash_person
from tests.helpers import add


def test_intro_paths_come_from_knows_links_both_ways_and_the_same_company(db_path):
    target = add("Tara Target", Ring.COLD, company="Northwind Labs")
    buddy_knows = add("Bea Buddy", Ring.BUDDY, company="Elsewhere")
    strat_colleague = add("Sam Strategic", Ring.STRATEGIC, company="  northwind LABS ")
    luke_knows = add("Lou Lukewarm", Ring.LUKEWARM)
    cold_knows = add("Cole Cold", Ring.COLD)  # not closer than the target
    gone = add("Gone Buddy", Ring.BUDDY, company="Northwind Labs")
    nobody = add("Nora Nobody", Ring.BUDDY, company="Contoso")
    link_knows(buddy_knows, target, "old team")  # stored with the target second
    link_knows(target, luke_knows)  # stored with the target first
    link_knows(target, cold_knows)
    trash_person(gone)
    add_interaction(InteractionDraft(date(2026, 3, 1), "coffee", (strat_colleague,)))

    paths = funnel.intro_paths(target)
    assert [(p.name, p.ring, p.via) for p in paths] == [
        ("Bea Buddy", Ring.BUDDY, "knows them"),
        ("Sam Strategic", Ring.STRATEGIC, "same company"),
        ("Lou Lukewarm", Ring.LUKEWARM, "knows them"),
    ]
    assert paths[0].note == "old team"
    assert paths[1].last_contact == date(2026, 3, 1)
    assert nobody not in [p.person_id for p in paths]


def test_a_person_without_a_company_only_gets_knows_paths(db_path):
    target = add("Tara", Ring.COLD)
    add("Other Blank", Ring.BUDDY)  # an empty company is not a shared one
    assert funnel.intro_paths(target) == []


def test_panel_holds_the_person_their_recent_interactions_and_paths(db_path):
    target = add("Tara", Ring.LUKEWARM, company="Acme", purpose="knows the market", help_tags=("advice",))
    add("Bo", Ring.BUDDY, company="acme")
    for day in range(1, 8):
        add_interaction(InteractionDraft(date(2026, 3, day), "call", (target,), summary=f"call {day}"))
    panel = funnel.person_panel(target)
    assert panel.person.purpose == "knows the market" and panel.person.help_tags == ("advice",)
    assert [e.summary for e in panel.recent] == ["call 7", "call 6", "call 5"]  # the newest three
    assert [p.name for p in panel.intro_paths] == ["Bo"]


def test_board_and_one_row(db_path):
    ada = add("Ada", Ring.BUDDY, company="Engines", help_tags=("advice",), offer_tags=("backing",))
    gone = add("Gone", Ring.COLD)
    trash_person(gone)
    board = funnel.load_board()
    assert [r.name for r in board.people] == ["Ada"]
    assert set(board.tags[ada].split()) == {"advice", "backing"}
    assert funnel.person_row(ada).ring == Ring.BUDDY
    assert funnel.person_row(gone) is None
    assert set(funnel.person_tags(ada).split()) == {"advice", "backing"}
