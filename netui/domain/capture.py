"""Capture: what a calendar or a mailbox proposes for the journal, before anyone confirms it.

Pure rules only: how an address is compared, how a kind is guessed from an event, which
mail is bulk, what a proposal is. Reading the files is netui.io's; storing, netui.store's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum


class Source(str, Enum):
    CALENDAR = "calendar"
    MAIL = "mail"


class State(str, Enum):
    WAITING = "waiting"
    LOGGED = "logged"
    DISMISSED = "dismissed"


# Who wrote: "sent" (you wrote), "received" (they wrote), "both" (a thread that day went both ways).
DIRECTION_WORDS = {"sent": "you wrote", "received": "they wrote", "both": "both wrote"}

# This many attendees or more (you included) make a meeting an "event".
MANY_ATTENDEES = 6

# Links that say a meeting happens on video.
VIDEO_LINK = re.compile(
    r"(meet\.google\.com|zoom\.us/|zoomgov\.com/|teams\.microsoft\.com|teams\.live\.com|whereby\.com/|"
    r"meet\.jit\.si|webex\.com/|facetime\.apple\.com|bluejeans\.com/|gotomeeting\.com/)",
    re.IGNORECASE,
)
# A word in an event's title that names its kind, in the order they are tried.
TITLE_KINDS = (
    ("coffee", ("coffee", "coffees", "café", "cafe")),
    ("lunch", ("lunch", "lunches", "brunch")),
    ("drinks", ("drinks", "drink", "beer", "beers", "pint")),
    ("call", ("call", "phone", "calls")),
)


def email_key(address: str) -> str:
    """An address as netui compares it: ``mailto:`` stripped, spaces trimmed, case ignored."""
    text = (address or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    text = text.strip().strip("<>").strip()
    return text.lower() if "@" in text else ""


def emails_in(field_value: str) -> list[str]:
    """Every address held in a person's email field (several may be separated by , ; or spaces)."""
    return [key for part in re.split(r"[,;\s]+", field_value or "") if (key := email_key(part))]


def guess_kind(title: str, text: str, attendees: int) -> str:
    """A video link -> video; coffee, lunch, drinks or call in the title -> that kind;
    ``MANY_ATTENDEES`` or more people -> event; otherwise other."""
    if VIDEO_LINK.search(text or "") or VIDEO_LINK.search(title or ""):
        return "video"
    words = set(re.findall(r"[^\W\d_]+", (title or "").lower()))
    for kind, names in TITLE_KINDS:
        if words.intersection(names):
            return kind
    if attendees >= MANY_ATTENDEES:
        return "event"
    return "other"


NO_REPLY = re.compile(
    r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply|mailer[-_.]daemon|postmaster|bounces?|notifications?)"
    r"([-_.+].*)?$",
    re.IGNORECASE,
)


def is_no_reply(address: str) -> bool:
    local = email_key(address).split("@", 1)[0]
    return bool(local) and bool(NO_REPLY.match(local))


def is_bulk(headers: dict[str, str]) -> str | None:
    """Why a message is a list or bulk mail (None when it is not). ``headers`` are lower-cased names."""
    if headers.get("list-id"):
        return "mailing list"
    if headers.get("precedence", "").strip().lower() in ("bulk", "list", "junk"):
        return "bulk"
    auto = headers.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return "automatic"
    return None


SUBJECT_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|sv|tr|wg)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def bare_subject(subject: str) -> str:
    """A subject without its Re:/Fwd: prefixes, for a one-line summary."""
    return SUBJECT_PREFIX.sub("", subject or "").strip()


@dataclass(frozen=True)
class ProposalDraft:
    """One proposed journal entry, before it is stored.

    ``unknown`` holds the addresses of people nobody knows yet who were in it: if they
    are added as cold contacts in the same import, they join the proposal."""

    source: Source
    source_key: str
    date: date
    kind: str
    summary: str
    person_ids: tuple[int, ...] = ()
    time: str = ""  # HH:MM in the user's zone; blank for all-day events and mail
    direction: str | None = None
    unknown: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProposalRow:
    """A proposal as the Inbox lists it."""

    id: int
    source: str
    date: date
    time: str
    kind: str
    summary: str
    direction: str | None
    people: tuple[tuple[int, str], ...]
    state: str = State.WAITING.value
    interaction_id: int | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.people)

    @property
    def person_ids(self) -> tuple[int, ...]:
        return tuple(pid for pid, _ in self.people)

    def notes(self) -> str:
        """What the logged entry's notes say of where it came from."""
        if self.source == Source.MAIL.value:
            return f"From your mail ({DIRECTION_WORDS[self.direction]})." if self.direction else "From your mail."
        return f"From your calendar{' at ' + self.time if self.time else ''}."


@dataclass
class CaptureReport:
    """What one calendar or mail import found, for the command line to print."""

    what: str  # "events" or "messages"
    read: int = 0
    proposed: list[ProposalDraft] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    unknown: dict[str, str] = field(default_factory=dict)  # email -> name, people nobody knows
    me_known: bool = True
    likely_me: str = ""  # without --me: the address found most often, probably the user's
    interrupted: bool = False
    coming: list[ProposalDraft] = field(default_factory=list)  # calendar: meetings ahead with people you know
    new: int = 0  # filled in once stored: proposals that were not there before
    again: int = 0  # ... and those already proposed, logged or dismissed
    logged: int = 0  # with --yes
    added: int = 0  # unknown people added as cold contacts
    waiting: int = 0  # in the Inbox after the import

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + n


@dataclass(frozen=True)
class Meeting:
    """A meeting ahead with people you know, from the last calendar import."""

    id: int
    date: date
    time: str
    title: str
    kind: str
    people: tuple[tuple[int, str], ...]
