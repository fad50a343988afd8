"""Short, plain wordings for dates and states, shared by the screens."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from netui.domain.cadence import due_words
from netui.domain.networks import Network

if TYPE_CHECKING:  # only named here: the Overview, drawn first, needs none of the person records
    from netui.domain.models import PersonRow

NETWORK_SHORT = {Network.SUPPORT: "sup", Network.PEER: "peer", Network.MENTOR: "ment", Network.MENTEE: "mtee"}


def people_count(n: int) -> str:
    """``1 person``, ``2 people``: a count of people as a reader says it."""
    return f"{n:,} {'person' if n == 1 else 'people'}"


def ago(day: date | None, today: date) -> str:
    if day is None:
        return "never"
    days = (today - day).days
    if days <= 0:
        return "today" if days == 0 else day.isoformat()
    if days == 1:
        return "yesterday"
    if days < 60:
        return f"{days}d ago"
    if days < 730:
        return f"{days // 30}mo ago"
    return f"{days // 365}y ago"


def due_text(row: PersonRow, today: date) -> tuple[str, str]:
    """A due column's text and its mark (domain.cadence.due_words). The symbol says it without colour."""
    if row.distant:
        return "distant", "muted"
    text, overdue = due_words(row.due_in(today), row.last_contact is None)
    return text, "due" if overdue else ""


def networks_text(networks: tuple[Network, ...]) -> str:
    return " ".join(NETWORK_SHORT[n] for n in networks) or "·"
