"""`netui agenda`'s plain text, from an agenda built in memory: each next step once."""

from __future__ import annotations

from datetime import date

from netui.domain.agenda import Agenda, AgendaItem, ItemKind, step_groups
from netui.io.agenda_text import agenda_text

DAY = date(2026, 3, 14)


def meeting(key: int, who: str, when: str, step: str) -> AgendaItem:
    return AgendaItem(ItemKind.MEETING, key, who, when, step, person_id=key)


def test_a_meeting_with_several_people_says_when_and_what_once():
    lunch = "Lunch (a lunch): read the brief before you go."
    items = (
        meeting(1, "Ada Lovelace", "Tue 17 Mar 12:00", lunch),
        meeting(2, "Grace Hopper", "Tue 17 Mar 12:00", lunch),
        meeting(3, "Alan Turing", "Wed 18 Mar 09:00", "Call (a call): read the brief before you go."),
    )
    text = agenda_text(Agenda(DAY, items, 0, 0, 0, coming_up=3))
    lines = text.splitlines()
    start = lines.index("Meetings ahead (3)")
    assert lines[start + 1:] == [
        f"  Tue 17 Mar 12:00  {lunch}",
        "    Ada Lovelace (netui brief #1)",
        "    Grace Hopper (netui brief #2)",
        "  Wed 18 Mar 09:00  Alan Turing: Call (a call): read the brief before you go. (netui brief #3)",
    ]


def test_items_are_gathered_by_kind_and_step_in_the_order_of_their_first():
    a = AgendaItem(ItemKind.PERSON, 1, "A", "buddy", "warm")
    b = AgendaItem(ItemKind.PERSON, 2, "B", "lukewarm", "coffee")
    c = AgendaItem(ItemKind.PERSON, 3, "C", "buddy", "warm")
    f = AgendaItem(ItemKind.FOLLOW_UP, 4, "F", "due", "warm")  # same words, another kind
    assert step_groups([f, a, b, c]) == [(f,), (a, c), (b,)]
