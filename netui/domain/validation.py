"""Checks on what a user typed, each returning a message or None."""

from __future__ import annotations

import re

from netui.domain.text import clean_input

# Deliberately loose: one @, something before it, a dot in the domain, no spaces.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")

MAX_NAME = 200
MAX_FIELD = 500


def check_name(value: str) -> str | None:
    name = clean_input(value)
    if not name:
        return "A name is required."
    if len(name) > MAX_NAME:
        return f"A name can be at most {MAX_NAME} characters."
    return None


def check_email(value: str) -> str | None:
    email = clean_input(value)
    if email and not _EMAIL.match(email):
        return f"{email!r} does not look like an email address (name@example.com)."
    return None


def check_cadence(value: str) -> tuple[int | None, str | None]:
    """Parse a keep-in-touch interval in days; blank means "use the ring's default"."""
    text = clean_input(value)
    if not text:
        return None, None
    if not text.isdigit() or not 1 <= int(text) <= 3650:
        return None, "Keep-in-touch must be a number of days from 1 to 3650, or blank for the ring default."
    return int(text), None


def parse_tags(value: str) -> tuple[str, ...]:
    """Comma-separated tags, trimmed, lower-cased, without duplicates, in typed order."""
    seen: list[str] = []
    for part in clean_input(value).split(","):
        tag = " ".join(part.split()).lower()
        if tag and tag not in seen:
            seen.append(tag)
    return tuple(seen)
