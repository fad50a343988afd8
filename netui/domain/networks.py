"""Networks: the roles a person plays for you."""

from __future__ import annotations

from enum import Enum


class Network(str, Enum):
    SUPPORT = "support"
    PEER = "peer"
    MENTOR = "mentor"
    MENTEE = "mentee"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @classmethod
    def parse(cls, text: str) -> "Network":
        word = text.strip().lower()
        if word.endswith("s") and word[:-1] in {n.value for n in NETWORK_ORDER}:
            word = word[:-1]
        matches = [n for n in NETWORK_ORDER if n.value.startswith(word)] if word else []
        if len(matches) != 1:
            names = ", ".join(n.value for n in NETWORK_ORDER)
            raise ValueError(f"unknown network {text!r}: choose one of {names}")
        return matches[0]


NETWORK_ORDER: tuple[Network, ...] = (Network.SUPPORT, Network.PEER, Network.MENTOR, Network.MENTEE)

DEFAULT_NEGLECT_DAYS = 30


class PeerSide(str, Enum):
    """Whether a peer works inside or outside your current employer."""

    INSIDE = "inside"
    OUTSIDE = "outside"


def normalise_company(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def peer_side(company: str | None, my_company: str | None, override: PeerSide | None) -> PeerSide:
    """Inside when the person's company matches yours, unless overridden by hand."""
    if override is not None:
        return override
    mine = normalise_company(my_company)
    if mine and normalise_company(company) == mine:
        return PeerSide.INSIDE
    return PeerSide.OUTSIDE
