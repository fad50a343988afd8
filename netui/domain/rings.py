"""Rings: how close a person is, from the outside in."""

from __future__ import annotations

from enum import Enum


class Ring(str, Enum):
    COLD = "cold"
    LUKEWARM = "lukewarm"
    STRATEGIC = "strategic"
    BUDDY = "buddy"

    @property
    def index(self) -> int:
        """0 for the outermost ring (cold), 3 for the innermost (buddy)."""
        return RING_ORDER.index(self)

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @classmethod
    def parse(cls, text: str) -> "Ring":
        """Accept a ring name or any unambiguous prefix of one, in any case."""
        word = text.strip().lower()
        matches = [ring for ring in RING_ORDER if ring.value.startswith(word)] if word else []
        if len(matches) != 1:
            names = ", ".join(ring.value for ring in RING_ORDER)
            raise ValueError(f"unknown ring {text!r}: choose one of {names}")
        return matches[0]


RING_ORDER: tuple[Ring, ...] = (Ring.COLD, Ring.LUKEWARM, Ring.STRATEGIC, Ring.BUDDY)

# Days between contacts before someone on the ring is due; None means never due.
DEFAULT_CADENCE: dict[Ring, int | None] = {
    Ring.COLD: None,
    Ring.LUKEWARM: 90,
    Ring.STRATEGIC: 30,
    Ring.BUDDY: 30,
}


def ring_inward(ring: Ring) -> Ring | None:
    """The next ring in, or None when already on the innermost ring."""
    i = ring.index
    return RING_ORDER[i + 1] if i + 1 < len(RING_ORDER) else None


def ring_outward(ring: Ring) -> Ring | None:
    """The next ring out, or None when already on the outermost ring."""
    i = ring.index
    return RING_ORDER[i - 1] if i > 0 else None


def is_inward(from_ring: Ring, to_ring: Ring) -> bool:
    return to_ring.index > from_ring.index
