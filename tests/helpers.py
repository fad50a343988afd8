"""Small helpers for UI tests."""

from __future__ import annotations

import asyncio

from textual.pilot import Pilot

from netui.domain.models import Membership, PersonDraft
from netui.domain.networks import Network
from netui.domain.rings import Ring
from netui.store.people import add_person


async def settle(pilot: Pilot, rounds: int = 4) -> None:
    """Let workers, store calls in threads and the messages they post all finish."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await asyncio.sleep(0.02)
        await pilot.pause()


def screen_text(pilot: Pilot) -> str:
    """Everything on screen as plain text, the way a user reads it."""
    return "\n".join(strip.text for strip in pilot.app.screen._compositor.render_strips())


def add(db, name: str, ring: Ring = Ring.COLD, company: str = "", networks: tuple[Network, ...] = (), **kw) -> int:
    return add_person(db, 
        PersonDraft(name=name, ring=ring, company=company, memberships=tuple(Membership(n) for n in networks), **kw)
    )


def notifications(app) -> list[str]:
    """The messages of the notifications currently shown."""
    return [n.message for n in app._notifications]

