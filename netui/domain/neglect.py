"""Neglect: when a whole network has gone quiet, and whether the peer network is lopsided."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum

from netui.domain.networks import DEFAULT_NEGLECT_DAYS, Network, PeerSide, peer_side


class Health(str, Enum):
    """How a network stands today."""

    EMPTY = "empty"  # nobody in it yet
    NEGLECTED = "neglected"  # nobody in it has been in touch for longer than its threshold
    OK = "ok"


def days_since(last_contact: date | None, today: date) -> int | None:
    """Whole days since ``last_contact`` (0 today), None if never."""
    return None if last_contact is None else (today - last_contact).days


def network_health(members: int, last_contact: date | None, today: date, threshold: int = DEFAULT_NEGLECT_DAYS) -> Health:
    """Neglected when nobody in it was contacted for *longer* than ``threshold`` days,
    or ever; on exactly the threshold it is still fine. ``last_contact`` is the newest
    contact with anyone in the network, distant mentors included."""
    if members <= 0:
        return Health.EMPTY
    since = days_since(last_contact, today)
    if since is None or since > threshold:
        return Health.NEGLECTED
    return Health.OK


def neglect_threshold(neglect_days: dict[Network, int], network: Network) -> int:
    return neglect_days.get(network, DEFAULT_NEGLECT_DAYS)


def share_in_touch(members: int, due: int) -> float | None:
    """The share of members who are not due (cold and distant people count as in touch)."""
    if members <= 0:
        return None
    return (members - due) / members


def peer_halves(groups: Iterable[tuple[str | None, PeerSide | None, int]], my_company: str | None) -> tuple[int, int]:
    """(inside, outside) counts of peers from (company, override, count) groups."""
    inside = outside = 0
    for company, override, count in groups:
        if peer_side(company, my_company, override) == PeerSide.INSIDE:
            inside += count
        else:
            outside += count
    return inside, outside


def peer_warning(inside: int, outside: int, my_company: str | None) -> str | None:
    """What is missing from the peer network, if anything."""
    if inside + outside == 0:
        return None
    if not (my_company or "").strip() and inside == 0:
        return "No company set: press , to add it."
    if inside == 0:
        return "No peers inside your company."
    if outside == 0:
        return "No peers outside your company."
    return None
