"""The user's settings, as the store hands them out.

Its own module, apart from ``netui.domain.models``, because the first screen needs only
this and start-up imports as little as it can."""

from __future__ import annotations

from dataclasses import dataclass, field

from netui.domain.networks import Network
from netui.domain.rings import Ring

# How many days ahead a birthday or another date is shown, unless the date says otherwise.
DEFAULT_LEAD_DAYS = 7
MAX_LEAD_DAYS = 366


@dataclass(frozen=True)
class Settings:
    """Who you are, how often to keep in touch per ring, when a network counts as neglected."""

    my_name: str = ""
    my_company: str = ""
    cadence: dict[Ring, int | None] = field(default_factory=dict)
    neglect_days: dict[Network, int] = field(default_factory=dict)
    day_first: bool = True
    theme: str = ""
    date_lead_days: int = DEFAULT_LEAD_DAYS  # remind of a birthday or another date this many days ahead
    target_companies: tuple[str, ...] = ()  # where you might work next (the review's readiness)
