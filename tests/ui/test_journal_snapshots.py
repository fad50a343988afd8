"""How the journal looks, at 80x24 and 120x40, on fixed data and a fixed today."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netui.domain.rings import Ring
from netui.store import journal as j
from tests.conftest import TODAY
from tests.helpers import add, settle


def fill(db) -> None:
    ada = add(db, "Ada Lovelace", Ring.BUDDY, company="Analytical Engines")
    grace = add(db, "Grace Hopper", Ring.STRATEGIC, company="Navy")
    linus = add(db, "Linus Torvalds", Ring.LUKEWARM)
    rows = [
        ([ada], 0, "coffee", "Coffee about the difference engine", "gave", TODAY + timedelta(days=5), False),
        ([grace, ada], 1, "lunch", "Lunch: compilers, and a [bold]bug[/] found in a relay", "received", TODAY, False),
        ([linus], 3, "email", "Patch review \x1b]0;pwned\x07 🎉 שלום", None, None, False),
        ([grace], 10, "call", "Called to catch up", "mutual", TODAY - timedelta(days=2), True),
        ([ada], 40, "event", "Met at a conference talk on Rust", None, None, False),
    ]
    for people, ago, kind, summary, recip, follow, done in rows:
        iid = j.add_interaction(db, 
            j.InteractionDraft(TODAY - timedelta(days=ago), kind, tuple(people), summary, "", recip, follow)
        )
        if done:
            j.set_follow_up_done(db, iid)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_journal_screen(db, snap_compare, make_test_app, size):
    fill(db)

    async def to_journal(pilot):
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)  # its rows come from a worker: the picture waits for them

    assert snap_compare(make_test_app(), terminal_size=size, run_before=to_journal)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_log_form(db, snap_compare, make_test_app, size):
    fill(db)

    async def open_form(pilot):
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("shift+tab")
        await pilot.press(*"gra")
        await settle(pilot)

    assert snap_compare(make_test_app(), terminal_size=size, run_before=open_form)

