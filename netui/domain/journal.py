"""The journal: what an interaction is, its kinds, who gave and who received."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum


class Kind(str, Enum):
    COFFEE = "coffee"
    LUNCH = "lunch"
    DRINKS = "drinks"
    CALL = "call"
    VIDEO = "video"
    MESSAGE = "message"
    EMAIL = "email"
    EVENT = "event"
    LINKEDIN = "linkedin"
    INTRO = "intro"
    OTHER = "other"
    # Broadcasts: you spoke or wrote for many at once. They may name nobody.
    TALK = "talk"
    POST = "post"
    ARTICLE = "article"
    PANEL = "panel"

    @classmethod
    def parse(cls, text: str) -> Kind:
        """A kind's name in any case and spacing; ValueError naming the choices otherwise."""
        word = text.strip().lower()
        for kind in cls:
            if kind.value == word:
                return kind
        raise ValueError(f"unknown kind {text!r}: choose one of {', '.join(KINDS)}")


class Reciprocity(str, Enum):
    """Who helped whom in an interaction."""

    GAVE = "gave"  # you helped them
    RECEIVED = "received"  # they helped you
    MUTUAL = "mutual"

    @classmethod
    def parse(cls, text: str | None) -> Reciprocity | None:
        """``gave``, ``received``, ``mutual``; blank or ``none`` for no mark."""
        word = (text or "").strip().lower()
        if word in ("", "none"):
            return None
        for value in cls:
            if value.value == word:
                return value
        raise ValueError(f"unknown reciprocity {text!r}: choose gave, received, mutual or none")


KINDS: tuple[str, ...] = tuple(kind.value for kind in Kind)
# Exposure: entries that reach people you may not know yet. They need no participant,
# and the people met through one can point back at it (person "met through").
BROADCAST_KINDS: tuple[str, ...] = (Kind.TALK.value, Kind.POST.value, Kind.ARTICLE.value, Kind.PANEL.value)
# One-to-one (or few) contact: what keeps a relationship warm.
CONTACT_KINDS: tuple[str, ...] = tuple(k for k in KINDS if k not in BROADCAST_KINDS)
RECIPROCITY: tuple[str, ...] = tuple(r.value for r in Reciprocity)
# Shown beside the kind: the symbol says it without colour.
RECIPROCITY_MARK = {"gave": "↑", "received": "↓", "mutual": "↕"}

# After help received, when to tell them how it turned out.
THANK_YOU_AFTER_DAYS = 14


@dataclass(frozen=True)
class InteractionDraft:
    """A validated journal entry ready to store."""

    date: date
    kind: str
    person_ids: tuple[int, ...]
    summary: str = ""
    notes: str = ""
    reciprocity: str | None = None
    follow_up: date | None = None
    follow_up_every: str | None = None  # a rhythm code such as "2w" (domain.occasions.Rhythm)


@dataclass(frozen=True)
class Interaction:
    """One journal entry as stored, with its people (id, name) in the order they were added."""

    id: int
    date: date
    kind: str
    version: int
    people: tuple[tuple[int, str], ...] = ()
    summary: str = ""
    notes: str = ""
    reciprocity: str | None = None
    follow_up: date | None = None
    follow_up_done: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None
    follow_up_every: str | None = None

    @property
    def person_ids(self) -> tuple[int, ...]:
        return tuple(pid for pid, _ in self.people)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.people)


# The fields of an entry that an edit may change one by one (see store.journal.update_interaction).
EDITABLE: tuple[str, ...] = (
    "date", "kind", "person_ids", "summary", "notes", "reciprocity", "follow_up", "follow_up_done", "follow_up_every",
)


@dataclass(frozen=True)
class JournalFilter:
    """Filters that compose: every one that is set must hold."""

    person_id: int | None = None
    kind: str | None = None
    since: date | None = None
    until: date | None = None
    text: str = ""
    open_follow_ups: bool = False

    @property
    def active(self) -> bool:
        return self != JournalFilter()


@dataclass(frozen=True)
class JournalRow:
    """One line of the Journal: an entry with its people's names and ids."""

    id: int
    date: date
    kind: str
    summary: str
    notes: str
    reciprocity: str | None
    follow_up: date | None
    follow_up_done: bool
    people: tuple[str, ...] = field(default=())
    person_ids: tuple[int, ...] = field(default=())
    follow_up_every: str | None = None  # a rhythm code such as "2w"


@dataclass(frozen=True)
class TimelineEntry:
    """One interaction on a person's page."""

    id: int
    date: date
    kind: str
    summary: str
    reciprocity: str | None
    follow_up: date | None
    follow_up_done: bool
    others: tuple[str, ...]  # the other participants' names
    follow_up_every: str | None = None


def suggested_follow_up(meeting: date, today: date) -> date:
    """When to tell someone how their help turned out: two weeks after, and not in the past."""
    return max(meeting + timedelta(days=THANK_YOU_AFTER_DAYS), today + timedelta(days=1))
