"""What the Funnel looks like, at the smallest supported size and at a comfortable one."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from netui.domain.models import Membership, PersonDraft
from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store.journal import InteractionDraft, add_interaction
from netui.store.people import add_person, link_knows, move_ring
from tests.conftest import TODAY
from tests.helpers import settle

PEOPLE = [
    # name, ring, company, days since last contact (None: never), extra
    ("Agnieszka Kowalska-Wiśniewska", Ring.COLD, "Northwind Labs", None, {}),
    ("Bruno Costa", Ring.COLD, "Globex", 200, {}),
    ("Chidi Okafor", Ring.COLD, "Contoso", 12, {}),
    ("Dmitri Ivanov", Ring.COLD, "Initech", 45, {}),
    ("Elif Yılmaz", Ring.LUKEWARM, "Northwind Labs", 30, {"purpose": "Knows the hiring market"}),
    ("Fatima Haddad", Ring.LUKEWARM, "Hooli", 120, {}),
    ("Grace Hopper", Ring.LUKEWARM, "Navy", 400, {"distant": True}),
    ("Håkan Lindqvist", Ring.STRATEGIC, "Contoso", 3, {"help_tags": ("advice", "introductions")}),
    ("Ingrid Jensen", Ring.STRATEGIC, "Pied Piper", 41, {}),
    ("Jun Nakamura", Ring.BUDDY, "Northwind Labs", 1, {}),
    ("Katherine Johnson", Ring.BUDDY, "Aperture Science", 33, {}),
]


def build(db) -> None:
    ids = {}
    for name, ring, company, days, extra in PEOPLE:
        extra = dict(extra)  # PEOPLE is shared by every test of the process: never change it
        memberships = (Membership(Network.MENTOR, distant=True),) if extra.pop("distant", False) else ()
        ids[name] = add_person(db, 
            PersonDraft(name, ring, company=company, memberships=memberships, **extra), now=datetime(2025, 1, 1, 9)
        )
        if days is not None:
            add_interaction(db, 
                InteractionDraft(TODAY - timedelta(days=days), "coffee", (ids[name],), summary=f"Coffee with {name.split()[0]}")
            )
    link_knows(db, ids["Chidi Okafor"], ids["Håkan Lindqvist"], "worked together")
    link_knows(db, ids["Chidi Okafor"], ids["Jun Nakamura"])


def build_with_moves(db) -> None:
    build(db)
    first = add_person(db, PersonDraft("Mover Early", Ring.COLD), now=datetime(2025, 10, 3, 9))
    move_ring(db, first, Ring.LUKEWARM, now=datetime(2025, 11, 2, 9))
    move_ring(db, first, Ring.STRATEGIC, now=datetime(2026, 1, 20, 9))
    later = add_person(db, PersonDraft("Mover Late", Ring.COLD), now=datetime(2026, 2, 1, 9))
    move_ring(db, later, Ring.LUKEWARM, now=datetime(2026, 2, 15, 9))
    move_ring(db, later, Ring.COLD, now=datetime(2026, 3, 2, 9))


async def _ready(pilot) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    await pilot.press("j", "j")  # Chidi: due-free, with intro paths and an interaction
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_funnel_board(db, snap_compare, make_test_app, size):
    build(db)
    assert snap_compare(make_test_app(), terminal_size=size, run_before=_ready)


async def _report(pilot) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    await pilot.press("r", "s")  # the last 12 months
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_funnel_report(db, snap_compare, make_test_app, size):
    build_with_moves(db)
    assert snap_compare(make_test_app(), terminal_size=size, run_before=_report)

