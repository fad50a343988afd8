"""Intro paths: who, on a closer ring, could introduce you to someone further out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from netui.domain.rings import Ring
from netui.domain.text import match_key


@dataclass(frozen=True)
class IntroCandidate:
    """Someone who might introduce you: what the store knows about them and the target."""

    person_id: int
    name: str
    ring: Ring
    knows: bool  # a knows link between them and the target
    same_company: bool  # they work where the target works
    last_contact: date | None = None
    note: str = ""  # the knows link's note, if any


@dataclass(frozen=True)
class IntroPath:
    person_id: int
    name: str
    ring: Ring
    knows: bool
    same_company: bool
    last_contact: date | None = None
    note: str = ""

    @property
    def via(self) -> str:
        """How they connect to the target, in a few words."""
        if self.knows and self.same_company:
            return "knows, same co."
        return "knows them" if self.knows else "same company"


def same_company(a: str, b: str) -> bool:
    """Two company names name the same employer (case, spacing and Unicode forms ignored).

    An empty company never matches: not knowing where two people work says nothing.
    """
    ka, kb = match_key(a), match_key(b)
    return bool(ka) and ka == kb


def rank_intro_paths(
    target_id: int, target_ring: Ring, candidates: Iterable[IntroCandidate], limit: int | None = None
) -> list[IntroPath]:
    """The people who could introduce you to the target, best first.

    Only people on rings closer than the target's count, and only if they know the
    target or share their company. Order: closest ring first; within a ring, a knows
    link before a mere shared company; then whoever you spoke to most recently (never
    contacted last); then by name.
    """
    best: dict[int, IntroCandidate] = {}
    for c in candidates:
        if c.person_id == target_id or c.ring.index <= target_ring.index or not (c.knows or c.same_company):
            continue
        seen = best.get(c.person_id)
        if seen is not None:  # the same person reported twice (a link and a company): merge
            c = IntroCandidate(
                c.person_id,
                c.name,
                c.ring,
                c.knows or seen.knows,
                c.same_company or seen.same_company,
                c.last_contact or seen.last_contact,
                c.note or seen.note,
            )
        best[c.person_id] = c

    def key(c: IntroCandidate) -> tuple:
        recency = -c.last_contact.toordinal() if c.last_contact else 1
        return (-c.ring.index, not c.knows, recency, c.name.casefold(), c.person_id)

    ranked = sorted(best.values(), key=key)
    if limit is not None:
        ranked = ranked[:limit]
    return [IntroPath(c.person_id, c.name, c.ring, c.knows, c.same_company, c.last_contact, c.note) for c in ranked]
