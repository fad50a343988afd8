"""Plain values the store hands out: frozen, so no lazy query can hide in them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from netui.domain.networks import Network, PeerSide
from netui.domain.occasions import DateDraft, PersonDate
from netui.domain.rings import Ring
from netui.domain.settings import Settings  # noqa: F401  (re-exported)


class TagKind(str, Enum):
    """Whether a tag says what a person can help *you* with, or what you can offer *them*."""

    HELP = "help"
    OFFER = "offer"


SUGGESTED_TAGS: tuple[str, ...] = (
    "advice",
    "introductions",
    "leads",
    "hiring",
    "backing",
    "early warning",
    "technical help",
    "references",
)


@dataclass(frozen=True)
class Membership:
    network: Network
    peer_side: PeerSide | None = None  # a manual override; None means worked out from the company
    distant: bool = False  # a mentor reached only through books, talks or posts


@dataclass(frozen=True)
class PersonRow:
    """One line of the People table."""

    id: int
    name: str
    company: str
    title: str
    ring: Ring
    networks: tuple[Network, ...]
    last_contact: date | None
    cadence_days: int | None  # the effective interval: override or ring default; None = never due
    distant: bool = False
    snoozed_until: date | None = None

    def due_in(self, today: date) -> int | None:
        from netui.domain.cadence import days_until_due

        return days_until_due(self.last_contact, self.cadence_days, today, self.snoozed_until)


@dataclass(frozen=True)
class RingMoveRecord:
    id: int
    person_id: int
    from_ring: Ring | None  # None for the ring a person was added on
    to_ring: Ring
    moved_at: datetime
    reason: str = ""


@dataclass(frozen=True)
class KnowsLink:
    id: int
    other_id: int
    other_name: str
    other_ring: Ring
    note: str = ""


@dataclass(frozen=True)
class Person:
    """Everything about one person, as stored."""

    id: int
    name: str
    ring: Ring
    version: int
    company: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    location: str = ""
    purpose: str = ""
    notes: str = ""
    cadence_override: int | None = None
    introduced_by_id: int | None = None
    introduced_by_name: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None
    snoozed_until: date | None = None
    memberships: tuple[Membership, ...] = ()
    help_tags: tuple[str, ...] = ()
    offer_tags: tuple[str, ...] = ()
    knows: tuple[KnowsLink, ...] = ()
    ring_history: tuple[RingMoveRecord, ...] = ()
    last_contact: date | None = None
    extra: str = ""  # what imports kept beyond netui's own fields (JSON, keyed by format)
    dates: tuple[PersonDate, ...] = ()  # birthday, anniversary, named dates

    @property
    def networks(self) -> tuple[Network, ...]:
        return tuple(m.network for m in self.memberships)

    def membership(self, network: Network) -> Membership | None:
        for m in self.memberships:
            if m.network == network:
                return m
        return None

    @property
    def distant(self) -> bool:
        m = self.membership(Network.MENTOR)
        return bool(m and m.distant)


# The fields of a person that an edit may change one by one (see store.people.update_person).
EDITABLE_FIELDS: tuple[str, ...] = (
    "name",
    "company",
    "title",
    "email",
    "phone",
    "url",
    "location",
    "purpose",
    "notes",
    "ring",
    "cadence_override",
    "introduced_by_id",
    "memberships",
    "help_tags",
    "offer_tags",
    "dates",
)


@dataclass(frozen=True)
class PersonDraft:
    """What a form or a command collected for a new person, already validated."""

    name: str
    ring: Ring = Ring.COLD
    company: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    location: str = ""
    purpose: str = ""
    notes: str = ""
    cadence_override: int | None = None
    introduced_by_id: int | None = None
    memberships: tuple[Membership, ...] = ()
    help_tags: tuple[str, ...] = ()
    offer_tags: tuple[str, ...] = ()
    extra: str = ""
    dates: tuple[DateDraft, ...] = ()
