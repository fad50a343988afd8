"""Plain values the store hands out: frozen, so no lazy query can hide in them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING

from netui.domain.networks import Network, PeerSide
from netui.domain.rings import Ring
from netui.domain.settings import Settings  # noqa: F401  (re-exported)
from netui.domain.text import clean_input, match_key

if TYPE_CHECKING:  # only named in annotations: a list of people needs no date rules
    from netui.domain.occasions import DateDraft, PersonDate


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
class BroadcastEntry:
    """A talk, post, article or panel in the journal: what a person can be met through."""

    interaction_id: int
    day: date
    kind: str
    summary: str = ""
    in_trash: bool = False

    @property
    def label(self) -> str:
        """"talk Rust at scale, 2026-01-20": how the person screen and the form name it."""
        what = f"{self.kind} {self.summary}" if self.summary else self.kind
        return f"{what}, {self.day.isoformat()}"

    @property
    def labels(self) -> tuple[str, ...]:
        """Every way a form accepts it: the label, or the summary first ("Rust at scale,
        2026-01-20"); ``#ID`` is taken too (see ``find_broadcasts``)."""
        if not self.summary:
            return (self.label,)
        return (self.label, f"{self.summary}, {self.day.isoformat()}")


def find_broadcasts(typed: str, entries: Iterable[BroadcastEntry]) -> list[BroadcastEntry]:
    """The entries ``typed`` names: ``#ID``; one of its labels; or its summary alone (which
    may name several). Compared as a reader would (case, spacing, invisible characters)."""
    text = clean_input(typed)
    entries = list(entries)
    if text.startswith("#") and text[1:].isdigit():
        return [e for e in entries if e.interaction_id == int(text[1:])]
    key = match_key(text)
    if not key:
        return []
    exact = [e for e in entries if any(match_key(label) == key for label in e.labels)]
    return exact or [e for e in entries if e.summary and match_key(e.summary) == key]


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
    met_through_id: int | None = None  # the broadcast (journal entry) you met them through
    met_through: BroadcastEntry | None = None
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
    "met_through_id",
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
    met_through_id: int | None = None
    dates: tuple[DateDraft, ...] = ()
