"""Merging two records of one person: which fields differ, what the merged person holds,
and how alike two records look (the duplicates finder's rules)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from netui.domain.fuzzy import fold
from netui.domain.models import Person
from netui.domain.rings import Ring
from netui.domain.text import clean_input

# The fields a merge asks about, in the order a side-by-side view shows them.
MERGE_FIELDS: tuple[str, ...] = (
    "name", "company", "title", "email", "phone", "url", "location", "purpose", "notes", "ring", "cadence_override",
)
MERGE_LABELS = {
    "name": "Name", "company": "Company", "title": "Title", "email": "Email", "phone": "Phone", "url": "Profile",
    "location": "Location", "purpose": "Why them", "notes": "Notes", "ring": "Ring", "cadence_override": "Every",
}
# A choice per field: the kept record's value, the other's, or (notes only) both.
KEEP, OTHER, BOTH = "keep", "other", "both"

# Two names at the same company are "very close" from this rapidfuzz score (0-100) up:
# "Jon Smith" and "John Smith" score 95, "Jane Doe" and "Jane Dow" 88, "Ann Lee" and "Dan Lee" 86.
NAME_SCORE = 88


def field_value(person: Person, field: str) -> Any:
    value = getattr(person, field)
    return value.value if isinstance(value, Ring) else value


def differing_fields(keep: Person, other: Person) -> tuple[str, ...]:
    """The fields where both records hold something and it differs (a blank never clashes)."""
    out = []
    for field in MERGE_FIELDS:
        a, b = field_value(keep, field), field_value(other, field)
        if a not in ("", None) and b not in ("", None) and a != b:
            out.append(field)
    return tuple(out)


def default_choices(keep: Person, other: Person) -> dict[str, str]:
    """What a merge takes when nobody says: the kept record's value, the other's where the
    kept one is blank, both sets of notes, and the closer of the two rings."""
    choices = {}
    for field in MERGE_FIELDS:
        a, b = field_value(keep, field), field_value(other, field)
        if field == "ring":
            choices[field] = OTHER if other.ring.index > keep.ring.index else KEEP
        elif field == "notes" and a and b and a != b:
            choices[field] = BOTH
        else:
            choices[field] = OTHER if a in ("", None) and b not in ("", None) else KEEP
    return choices


def merged_values(keep: Person, other: Person, choices: dict[str, str] | None = None) -> dict[str, Any]:
    """Every merge field's value after the merge (``choices`` over the defaults)."""
    picked = default_choices(keep, other) | (choices or {})
    out: dict[str, Any] = {}
    for field in MERGE_FIELDS:
        choice = picked.get(field, KEEP)
        if choice not in (KEEP, OTHER, BOTH) or (choice == BOTH and field != "notes"):
            raise ValueError(f"cannot take {choice!r} for {field}")
        a, b = field_value(keep, field), field_value(other, field)
        if choice == BOTH:
            out[field] = a if not b or b == a else b if not a else f"{a}\n\n{b}"
        else:
            out[field] = a if choice == KEEP else b
    return out


def union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *second)))


def merged_extra(keep: str, other: str) -> str:
    """Both records' imported extra fields (JSON keyed by format); the kept one's value
    wins where both have the same key, and nothing of either is lost."""
    a, b = _extra(keep), _extra(other)
    if not a and not b:
        return ""
    out = dict(b)
    for key, value in a.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        elif key == "unparsed" and key in out and out[key] != value:
            out[key] = [value, out[key]]
        else:
            out[key] = value
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def _extra(stored: str) -> dict[str, Any]:
    if not stored:
        return {}
    try:
        data = json.loads(stored)
    except ValueError:
        return {"unparsed": stored}
    return data if isinstance(data, dict) else {"unparsed": stored}


# ---------------------------------------------------------------- alike


def email_key(email: str) -> str:
    return clean_input(email).casefold()


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_LINKEDIN_COUNTRY = re.compile(r"^[a-z]{2,3}\.linkedin\.com/")


def url_key(url: str) -> str:
    """A profile URL reduced to what identifies it: case, scheme, ``www.``, a LinkedIn
    country prefix, the query string, the fragment and trailing slashes do not count
    (``https://uk.linkedin.com/in/ada/`` = ``linkedin.com/in/ada``)."""
    text = clean_input(url).lower()
    if not text:
        return ""
    text = _SCHEME.sub("", text)
    text = text.split("#", 1)[0].split("?", 1)[0]
    if text.startswith("www."):
        text = text[4:]
    text = _LINKEDIN_COUNTRY.sub("linkedin.com/", text)
    return text.rstrip("/")


def phone_key(phone: str) -> str:
    """The last nine digits of a number (so +44 20 7946 0018 = 020 7946 0018); too few
    digits to tell people apart gives no key."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-9:] if len(digits) >= 7 else ""


def name_key(name: str) -> str:
    return fold(name)


@dataclass(frozen=True)
class Candidate:
    """One side of a likely duplicate pair, as the finder and its listings show it."""

    id: int
    name: str
    company: str
    ring: Ring
